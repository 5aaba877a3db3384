"""Outside pages through the Newsroom: fetched once, kept in the store, the reader's
answer per site remembered — with a real store and the test site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import web_pages
from tests.web_server import WebServer
from tui.core.model.outside import is_outside_page
from tui.core.net.fetch_errors import FetchError
from tui.core.net.outside import OutsideReader
from tui.core.newsroom import Newsroom
from tui.core.store.database import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "belga.sqlite3")


async def test_a_page_is_fetched_once_kept_and_read_offline_later(
    web: WebServer, reader: OutsideReader, store: Store
) -> None:
    url = web.page_url("/web/hop-1")  # a redirect: kept under the page's own URL too
    newsroom = Newsroom(None, store, pages=lambda: reader)
    page = await newsroom.page(url)
    assert await newsroom.page(url) is page and web.count("/news/hydrogen") == 1
    assert newsroom.save(page.key) is None
    offline = Newsroom(None, store, offline=True, pages=lambda: reader)
    for asked in (url, web.page_url("hydrogen")):
        kept = offline.at_hand(asked)
        assert kept is not None and is_outside_page(kept), asked
        assert kept.title == web_pages.ARTICLE_TITLE
    assert offline.is_saved(page.key)
    with pytest.raises(FetchError, match="offline"):
        await offline.page(web.page_url("dredging"))
    assert web.count("/news/dredging") == 0


async def test_a_failed_page_is_not_kept(
    web: WebServer, reader: OutsideReader, store: Store
) -> None:
    newsroom = Newsroom(None, store, pages=lambda: reader)
    with pytest.raises(FetchError):
        await newsroom.page(web.page_url("/files/report.pdf"))
    assert store.story_count() == 0


def test_the_answer_for_a_site_is_remembered_in_the_store(
    store: Store, reader: OutsideReader
) -> None:
    newsroom = Newsroom(None, store, pages=lambda: reader)
    assert newsroom.reader_answer("https://www.example.org/a") == "ask"
    assert newsroom.remember_reader_answer("https://example.org/b", "always") is None
    assert newsroom.reader_answer("https://www.example.org/c") == "always"
    newsroom.remember_reader_answer("https://other.example/", "never")
    later = Newsroom(None, store, pages=lambda: reader)
    assert later.reader_answer("https://example.org/d") == "always"
    assert later.reader_answer("https://other.example/e") == "never"
    assert later.reader_answer("https://third.example/") == "ask"


def test_the_config_overrides_the_answers_and_no_reader_means_never(
    store: Store, reader: OutsideReader
) -> None:
    Newsroom(None, store, pages=lambda: reader).remember_reader_answer("https://a.example", "never")
    always = Newsroom(None, store, pages=lambda: reader, reader="always")
    assert always.reader_answer("https://a.example/x") == "always"
    assert (
        Newsroom(None, store, pages=lambda: reader, reader="never").reader_answer(
            "https://b.example/"
        )
        == "never"
    )
    assert Newsroom(None, store).reader_answer("https://b.example/") == "never"
