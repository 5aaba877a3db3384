"""The newsroom's own pages are trusted, whatever their shape (tester report 3, item 5).

``belga --newsroom http://127.0.0.1:PORT`` fetched and opened the newsroom's stories, but a
link to another page of the same origin (``/fault/500``, ``/news/…``: no story's shape)
went to the reader view, which keeps to public internet addresses: "refused: not a public
internet address", as if it were another site. The newsroom's origin
(:meth:`FetchSettings.is_newsroom`) is now trusted for every page of it: read at once,
past the address guard; another port, and a redirect off the newsroom to a private
address, are still refused. And the sidebar listed only the story links (the tester saw
[1]-[10] and [15]-[22] of 22) while the README promises "→ this site, not a story" and
"↗ another site": it lists every link of a story now, marked. A real newsroom that is also
a web site on 127.0.0.1 (tests/web_server.py); the app through Pilot."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.newsroom_server import HTML_TYPE, _Responder
from tests.test_reader_view import modal_text
from tests.waiting import settle, until
from tests.web_pages import ARTICLE_TITLE
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.fetch_errors import FetchError, FetchErrorKind
from tui.core.net.outside import OutsideReader
from tui.ui.app import create_app
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)


class Newsroom(WebServer):
    """The web server as a newsroom with a page that fails (500) and one that links out."""

    def __enter__(self) -> Newsroom:
        self.start()
        return self

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        if path == "/about/broken":
            return lambda r: r.send(500, b"<h1>oops</h1>", HTML_TYPE)
        return super()._route(path, hits)


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    with Newsroom() as server:
        base = server.url
        links = (
            f"{base}/small-two",  # [1] a story
            f"{base}/news/hydrogen",  # [2] this site, not a story
            f"{base}/about/broken",  # [3] this site, a 500
            "https://example.org/outside",  # [4] another site
            f"{base}/small-three",  # [5] a story
        )
        body = "".join(f'<p><a href="{url}">link {n}</a></p>' for n, url in enumerate(links, 1))
        server.stories["hub"] = {
            "title": "Hub",
            "url": f"{base}/hub",
            "slug": "hub",
            "published_at": "2026-05-12 09:30:00",
            "body": f"<p>Every kind of link.</p>{body}",
            "links": [],
            "format_version": 5,
        }
        yield server


async def test_the_newsrooms_own_pages_are_read_at_a_private_address(
    newsroom: Newsroom,
) -> None:
    settings = FetchSettings(newsroom=newsroom.url, read_timeout=2)
    async with OutsideReader(settings) as reader:  # allow_private off, as by default
        assert reader.refusal(newsroom.page_url("hydrogen")) is None
        page = await reader.fetch_page(newsroom.page_url("hydrogen"))
        assert page.title == ARTICLE_TITLE
        with pytest.raises(FetchError) as broken:
            await reader.fetch_page(f"{newsroom.url}/about/broken")
        assert broken.value.reason == "server error (500)"
        # The guard still stands for everything else: a redirect off the newsroom to a
        # private address, and another port of the same host (another origin).
        with pytest.raises(FetchError) as redirected:
            await reader.fetch_page(newsroom.page_url("/web/to-private"))
        assert redirected.value.kind is FetchErrorKind.REFUSED_ADDRESS
        with WebServer() as elsewhere:
            assert reader.refusal(elsewhere.page_url("hydrogen")) is not None
            with pytest.raises(FetchError) as other:
                await reader.fetch_page(elsewhere.page_url("hydrogen"))
            assert other.value.kind is FetchErrorKind.REFUSED_ADDRESS
            assert elsewhere.count() == 0


def test_the_rule_is_the_newsrooms_origin() -> None:
    settings = FetchSettings(newsroom="http://127.0.0.1:8931")
    assert settings.is_newsroom("http://127.0.0.1:8931/fault/500")
    assert not settings.is_newsroom("http://127.0.0.1:8932/fault/500")  # another port
    assert not settings.is_newsroom("https://127.0.0.1:8931/")  # another scheme
    site = FetchSettings(newsroom="https://www.belganewsagency.eu")
    assert site.is_newsroom("https://belganewsagency.eu/en/news/anything?x=1")
    assert not site.is_newsroom("http://www.belganewsagency.eu/")  # no step down


async def test_the_sidebar_lists_every_link_and_the_newsrooms_pages_open(
    newsroom: Newsroom,
) -> None:
    settings = FetchSettings(newsroom=newsroom.url, read_timeout=2, backoff=0.01)
    app = create_app(urls=[newsroom.story_url("hub")], settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.reader.query_one(StoryView)
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: view.text.startswith("Hub") and len(sidebar.entries) > 0)
        await settle(pilot)
        entries = sidebar.entries
        assert [e.link.number for e in entries] == [1, 2, 3, 4, 5]
        assert [e.state for e in entries] == [
            LinkState.AVAILABLE,
            LinkState.SAME_SITE,
            LinkState.SAME_SITE,
            LinkState.REMOTE,
            LinkState.AVAILABLE,
        ]
        assert "→ this site: not fetched" in sidebar.entry_text(1)
        assert "↗ other site: not fetched" in sidebar.entry_text(3)
        assert newsroom.count("/about/broken") == 0  # listed, never fetched behind the back
        view.focus()
        await pilot.press("3", "enter")  # the newsroom's page that fails: read, and why
        await until(pilot, lambda: "Could not read it here" in modal_text(app))
        assert "server error (500)" in modal_text(app)
        assert "not a public internet address" not in modal_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.reader)
        view.focus()
        await pilot.press("2", "enter")  # read here, without asking: the newsroom's own
        await until(pilot, lambda: view.text.startswith(ARTICLE_TITLE))
