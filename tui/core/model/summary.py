"""A story's opening words, for a one-line preview (the related-links sidebar)."""

from __future__ import annotations

from typing import Final

from tui.core.model.story import Story
from tui.core.model.text import clean_line, shorten

PREVIEW_CHARS: Final = 140


def opening(story: Story, limit: int = PREVIEW_CHARS) -> str:
    """The first non-empty paragraph of the body, cut at a word to ``limit`` characters."""
    description = story.extra.get("description")
    text = ""
    if story.body_html.strip():
        from selectolax.lexbor import LexborHTMLParser  # not before the app's first paint

        tree = LexborHTMLParser(story.body_html)
        for paragraph in tree.css("p"):
            text = clean_line(paragraph.text(separator=" "))
            if text:
                break
    if not text and isinstance(description, str):
        text = clean_line(description)
    return shorten(text, limit)
