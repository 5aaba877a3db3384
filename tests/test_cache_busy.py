"""The cache busy in another belga (tester report 3, section 13): another process holding
the cache's write lock (a long write of another belga, a purge) gave "Something went
wrong: Refreshing the front page failed: … database is locked", the refresh was dropped,
and each open waited 5 s without a word. Now it is said in words, the app goes on, and
what waited (the front page, the read marks) is kept once the cache is free. Pilot, a
real newsroom on 127.0.0.1, a real SQLite file locked by a second connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.newsroom_content import small_story
from tests.test_front_page_app import SIZE, front_page_app, server, story_list  # noqa: F401
from tests.test_front_page_changes import started
from tests.waiting import settle, until
from tui.core.store.database import Store, StoreError
from tui.core.store.file import StoreBusy
from tui.ui.busy import BUSY, FREE

pytestmark = pytest.mark.timeout(90)


async def test_a_busy_cache_is_said_and_what_waited_is_kept_when_it_is_free(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "belga.sqlite3"
    first = front_page_app(server, path)
    async with first.run_test(size=SIZE) as pilot:  # an earlier session's cache
        await started(first, pilot, len(server.documents()))
    fresh = small_story(server.url, "fresh-news", "Fresh news of the day", ())
    fresh["published_at"] = "2026-11-29 08:00:00"
    server.stories["fresh-news"] = fresh
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another belga's long write
    try:
        app = front_page_app(server, path)
        async with app.run_test(size=SIZE) as pilot:
            listing = story_list(app)
            await until(pilot, lambda: BUSY in app.notices, timeout=20)
            listing.focus()
            await pilot.press("j", "enter")
            await settle(pilot)
            opened = app.reader.current
            assert opened is not None and app.newsroom.is_read(opened.key)
            with Store.open(path) as reader:  # (reading is not held up by the lock)
                assert not reader.is_read(opened.key)  # the mark waits for the cache
            said = " ".join(app.notices)
            assert "locked" not in said and "went wrong" not in said, said
            assert "Fresh news of the day" not in [e.title for e in listing.stories]
            other.execute("ROLLBACK")  # the other belga is done
            await until(pilot, lambda: app.notices[-1].startswith(FREE), timeout=10)
            assert app.notices[-1] == f"{FREE} 1 new story."  # what the refresh found
            await until(pilot, lambda: listing.stories[0].title == "Fresh news of the day")
        with Store.open(path) as store:
            assert store.is_read(opened.key)  # the mark that waited is kept
    finally:
        other.close()


def test_the_store_says_a_busy_cache_in_words(tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreBusy) as caught:
                store.mark_read("https://newsroom.example/a")
            assert str(caught.value).startswith("The cache is busy in another belga")
            assert isinstance(caught.value, StoreError)
            with pytest.raises(StoreBusy), store.not_waiting():
                store.mark_read("https://newsroom.example/a")
        finally:
            other.close()
        store.mark_read("https://newsroom.example/a")  # free again, and waiting as before
        assert store.is_read("https://newsroom.example/a")
