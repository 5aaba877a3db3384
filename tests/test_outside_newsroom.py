"""Outside pages through the Newsroom: fetched once, kept in the store, the reader's
answer per site remembered — with a real store and the test site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import web_pages
from tests.web_server import WebServer
from tui.core.model.outside import is_outside_page
from tui.core.model.urls import canonical, page_key
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


async def test_pages_that_differ_by_query_are_two_pages_in_memory_and_in_the_store(
    web: WebServer, reader: OutsideReader, store: Store
) -> None:
    first, second = web.page_url("hydrogen?id=1"), web.page_url("hydrogen?id=2")
    newsroom = Newsroom(None, store, pages=lambda: reader)
    one = await newsroom.page(first)
    two = await newsroom.page(second)
    assert web.count("/news/hydrogen") == 2, "the second page was taken for the first"
    assert one.key != two.key and one.key.endswith("?id=1") and two.key.endswith("?id=2")
    assert newsroom.at_hand(second) is two and newsroom.at_hand(one.key) is one
    assert newsroom.at_hand(web.page_url("hydrogen?id=3")) is None
    assert newsroom.at_hand(web.page_url("hydrogen")) is None
    # A tracking parameter or a fragment does not make another page.
    assert newsroom.at_hand(first + "&utm_source=feed#top") is one
    offline = Newsroom(None, store, offline=True, pages=lambda: reader)
    for asked, key in ((first, one.key), (second + "&fbclid=x", two.key)):
        kept = offline.at_hand(asked)
        assert kept is not None and is_outside_page(kept) and kept.key == key
    assert offline.at_hand(web.page_url("hydrogen?id=3")) is None
    assert offline.at_hand(web.page_url("hydrogen")) is None


def test_a_page_key_keeps_the_query_but_not_tracking_nor_the_fragment() -> None:
    assert page_key("HTTP://Example.org:80/a/?id=1&utm_medium=x&b=2#top") == (
        "http://example.org/a?id=1&b=2"
    )
    assert page_key("https://example.org/a?utm_source=x") == "https://example.org/a"
    assert page_key("http://[oops/") == ""
    assert canonical("https://example.org/a?id=1") == "https://example.org/a"


async def test_read_marks_and_history_of_pages_follow_the_page_rule(
    web: WebServer, reader: OutsideReader, store: Store
) -> None:
    """Pages that differ by their query are two pages: reading one does not mark the
    other read, in the session or in the store, and the history lists the one opened."""
    first, second = web.page_url("hydrogen?id=1"), web.page_url("hydrogen?id=2")
    newsroom = Newsroom(None, store, pages=lambda: reader)
    one = await newsroom.page(first)
    two = await newsroom.page(second)
    assert newsroom.opened(one.key) is None
    assert newsroom.is_read(one.key) and not newsroom.is_read(two.key)
    assert newsroom.read_keys([one.key, two.key]) == {one.key}
    assert newsroom.mark_read(two.key) is None and newsroom.mark_read(one.key, False) is None
    assert newsroom.read_keys([one.key, two.key]) == {two.key}
    assert newsroom.save(one.key) is None
    assert newsroom.is_saved(one.key) and not newsroom.is_saved(two.key)
    # A later session, from the store.
    later = Newsroom(None, store, offline=True, pages=lambda: reader)
    assert later.read_keys([one.key, two.key]) == {two.key}
    assert later.is_saved(one.key) and not later.is_saved(two.key)
    assert store.history() == [one.key]
    [listed] = store.listed(store.history())
    assert listed.entry.key == one.key and listed.entry.title == one.title
    assert not listed.read and listed.saved
    # A story of the newsroom keeps its rule: the query never makes another story.
    story = "https://www.belganewsagency.eu/a-story"
    assert later.mark_read(story + "?utm_source=feed&id=2") is None
    assert later.is_read(story) and store.read_urls([story]) == {story}
