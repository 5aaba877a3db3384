"""A short article read in reader view keeps its title, byline and share bar out of its
text (tester report 2, item 9: the Latin-1 page /web/latin1 read "Café culture in Liège
By Marie Dubois Share on Facebook Share on X Email Les cafés …", its UTF-8 twin was
clean). The charset was not the cause: that page's article is short (two paragraphs,
~240 characters), under trafilatura's 250-character floor for trusting its main pass,
so its fallbacks ran and their longer text, the whole <article> in one paragraph, won.
The extractor on the page itself, and through the reader on a real server."""

from __future__ import annotations

import pytest

from tests import web_pages
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.extract import extract_page
from tui.core.net.outside import OutsideReader

pytestmark = pytest.mark.timeout(60)
LEFT_OUT = ("By Marie Dubois", "Share on Facebook", "Share on X", "Café culture in Liège")


def paragraphs(html: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    return [node.text().strip() for node in LexborHTMLParser(html).css("p")]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_a_short_articles_text_is_its_paragraphs(encoding: str) -> None:
    page = web_pages.latin1_page().decode("cp1252")
    if encoding == "utf-8":
        page = page.replace('<meta charset="windows-1252">', '<meta charset="utf-8">')
    story = extract_page(page.encode(encoding), "https://courier.example/web/latin1")
    assert story.title == "Café culture in Liège"
    found = paragraphs(story.body_html)
    assert len(found) == 2 and found[0].startswith("Les cafés de Liège"), found
    assert found[1].startswith("Au déjeuner")
    for junk in (*LEFT_OUT, *web_pages.BOILERPLATE):
        assert junk not in story.body_html, junk


async def test_the_latin1_page_read_here_is_clean(web: WebServer) -> None:
    settings = FetchSettings(newsroom=web.url, connect_timeout=1, read_timeout=2)
    async with OutsideReader(settings, allow_private=True) as reader:
        story = await reader.fetch_page(web.page_url("/web/latin1"))
    assert paragraphs(story.body_html)[0].startswith("Les cafés de Liège")
    assert not any(junk in story.body_html for junk in LEFT_OUT)
