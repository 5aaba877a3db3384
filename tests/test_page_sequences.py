"""Escape sequences in an outside page go whole, as in a story (tester report 3, item 8):
the reader view showed "Outside article [31mred title" and "Escape: ]52;c;aGVsbG8= end."
— the HTML's parsers drop the ESC alone (XML keeps no control character) and leave the
rest of the sequence as text. The README promises sequences removed, not half of them."""

from __future__ import annotations

import pytest

from tests import web_pages
from tui.core.net.extract import extract_page
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import render_story

URL = "https://www.example.org/news/hydrogen"


def hostile_page() -> str:
    first = web_pages.ARTICLE_SENTENCES[0]
    return (
        web_pages.article_page()
        .replace(web_pages.ARTICLE_TITLE, f"{web_pages.ARTICLE_TITLE} \x1b[31mred title")
        .replace(first, f"{first} Escape: \x1b]52;c;aGVsbG8=\x07 end. Bell: \x1bP1$r0m\x1b\\ done.")
    )


@pytest.mark.parametrize("encoded", [False, True], ids=["text", "bytes"])
def test_sequences_in_a_page_go_whole(encoded: bool) -> None:
    html = hostile_page()
    story = extract_page(html.encode() if encoded else html, URL)
    text = to_plain_text(render_story(story), 100)
    for left in ("[31m", "]52;", "aGVsbG8", "1$r0m", "\x1b"):
        assert left not in story.title and left not in text, left
    assert story.title.startswith(web_pages.ARTICLE_TITLE)
    assert "Escape:" in text and "end." in text and "done." in text
