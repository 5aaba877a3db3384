"""The story and its parts: the model, text cleaning, URL identity, history."""
