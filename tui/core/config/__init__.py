"""The user's config file and where belga keeps its files."""
