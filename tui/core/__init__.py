"""The domain layer: stories, parsing, rendering, fetching.

Nothing in this package may import Textual; a test enforces it.
"""
