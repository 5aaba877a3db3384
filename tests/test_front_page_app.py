"""The live newsroom in the app: front page, cache, offline, marks, filter (Pilot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import web_pages
from tests.feed_server import FeedServer
from tests.newsroom_content import small_story
from tests.test_store import damage_pages, real_database
from tests.waiting import settle, until
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.outside import OutsideReader
from tui.core.newsroom import Newsroom
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer(copies=3) as newsroom:
        yield newsroom


def front_page_app(server: FeedServer, store: Path, **options: Any) -> BelgaApp:
    settings = FetchSettings(
        newsroom=server.url, connect_timeout=0.5, read_timeout=0.5, backoff=0.01
    )
    return create_app(settings=settings, store=store, **options)


def story_list(app: BelgaApp) -> StoryList:
    return app.reader.query_one(StoryList)


async def focused_list(pilot: Any, app: BelgaApp) -> StoryList:
    """The front page listed (a few stories at least), settled, the list focused."""
    await until(pilot, lambda: len(story_list(app).stories) > 5)
    await settle(pilot)
    listing = story_list(app)
    listing.focus()
    return listing


def titles(app: BelgaApp) -> list[str]:
    return [entry.title for entry in story_list(app).stories]


def opened(app: BelgaApp) -> str | None:
    story = app.reader.current
    return story.key if story is not None else None


def messages(app: BelgaApp) -> str:
    return "\n".join(app.notices)


async def test_online_then_offline_from_the_cache(server: FeedServer, tmp_path: Path) -> None:
    store = tmp_path / "belga.sqlite3"
    expected = len(server.documents())
    app = front_page_app(server, store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) == expected)
        await settle(pilot)
        first = story_list(app).stories[0]
        assert first.title == titles(app)[0]
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        assert view.text.startswith(first.title[:20])  # the newest opens at once
    requests = server.count()

    offline = front_page_app(server, store, offline=True)
    async with offline.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(story_list(offline).stories) == expected  # at once, from the cache
        story_list(offline).focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        view = offline.reader.query_one(StoryView)
        assert view.text.startswith(story_list(offline).stories[1].title[:20])
        await pilot.press("r")
        assert "--offline" in messages(offline)
    assert server.count() == requests  # offline touched nothing


async def test_refresh_merges_new_stories_and_keeps_the_selection(
    server: FeedServer, tmp_path: Path
) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        listing = await focused_list(pilot, app)
        await pilot.press("j", "j", "j")
        chosen = listing.highlighted
        assert chosen is not None
        fresh = small_story(server.url, "fresh-news", "Fresh news of the day", ())
        fresh["published_at"] = "2026-11-29 08:00:00"
        server.stories["fresh-news"] = fresh
        await pilot.press("r")
        await until(pilot, lambda: "Fresh news of the day" in titles(app))
        await settle(pilot)
        assert titles(app)[0] == "Fresh news of the day"
        assert listing.highlighted is not None and listing.highlighted.key == chosen.key
        assert "1 new story" in messages(app)
        conditional = [r for r in server.requests if r.path == "/feed"]
        assert len(conditional) == 2
        await pilot.press("r")  # again: the feed did not change, and r says so
        await until(pilot, lambda: app.notices[-1] == "Nothing new.")
        assert "If-None-Match" in conditional[1].headers or "If-Modified-Since" in str(
            conditional[1].headers
        )


async def test_refresh_failure_keeps_what_was_cached(server: FeedServer, tmp_path: Path) -> None:
    store = tmp_path / "belga.sqlite3"
    app = front_page_app(server, store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
    count = len(server.documents())
    server.feed = "huge"
    server.sitemap = "missing"
    again = front_page_app(server, store)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "Could not refresh" in messages(again))
        assert len(story_list(again).stories) == count


async def test_a_missing_feed_falls_back_to_the_sitemap(tmp_path: Path) -> None:
    with FeedServer(copies=2, feed="missing") as server:
        app = front_page_app(server, tmp_path / "belga.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: len(story_list(app).stories) >= 5)
            await settle(pilot)
            shown = titles(app)
            # Listed from the sitemap (titles from slugs), then fetched: real titles.
            assert "Small story 1" in shown or "Small one" in shown, shown
            assert any(r.path == "/sitemap.xml" for r in server.requests)


async def test_a_corrupt_cache_is_moved_aside(server: FeedServer, tmp_path: Path) -> None:
    store = tmp_path / "belga.sqlite3"
    store.write_bytes(b"this is not a database at all" * 100)
    app = front_page_app(server, store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        assert "The cache was damaged and was moved to" in messages(app)
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("belga.sqlite3.corrupt")]
    assert moved and moved[0].read_bytes().startswith(b"this is not a database")


async def test_a_cache_damaged_where_the_list_is_read_is_moved_aside_and_said(
    server: FeedServer, tmp_path: Path
) -> None:
    # The file opens fine; the list's tables are checked in a thread while the app
    # starts (not before it), and the damage is still found before anything is read:
    # the file is moved aside whole, the user is told, the list comes from the newsroom.
    store = tmp_path / "belga.sqlite3"
    real_database(store)
    damage_pages(store, "feed")
    before = store.read_bytes()
    app = front_page_app(server, store, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "The cache was damaged and was moved to" in messages(app)
        assert story_list(app).stories == []  # nothing read from the damaged file
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("belga.sqlite3.corrupt-")]
    files = [p for p in moved if not p.name.endswith(("-wal", "-shm"))]  # its companions
    assert len(files) == 1 and files[0].read_bytes() == before


async def test_marks_are_kept_in_the_store(server: FeedServer, tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite3"
    app = front_page_app(server, path)
    async with app.run_test(size=SIZE) as pilot:
        listing = await focused_list(pilot, app)
        opened = listing.stories[0].key
        await pilot.press("enter", "q")  # the first: opened, read
        await pilot.press("j", "m")  # the second: read by hand
        second = listing.stories[1].key
        await pilot.press("j", "s")  # the third: saved
        third = listing.stories[2].key
        await pilot.press("g", "n")  # next unread from the top: the third
        assert listing.highlighted is not None and listing.highlighted.key == third
        await pilot.press("S")  # the saved view
        assert [e.key for e in listing.stories] == [third]
        await pilot.press("S", "M", "y")  # all read, after the question
        assert not any(listing.is_unread(e) for e in listing.stories)
    with Store.open(path) as store:
        assert store.is_read(opened) and store.is_read(second)
        assert [s.entry.key for s in store.saved()] == [third]
        assert all(s.read for s in store.front_page())


async def test_a_saved_outside_page_is_in_the_saved_view(
    server: FeedServer, web: WebServer, reader: OutsideReader, tmp_path: Path
) -> None:
    """An outside page saved with ``s`` ("Saved for later.") never showed in the saved
    view, which only narrowed the front page (a new user's report): it is listed now,
    after the saved stories of the front page, and opens from there (from the store)."""
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:
        page = await Newsroom(None, store, pages=lambda: reader).page(web.page_url("hydrogen"))
        store.save(page.key)
    app = front_page_app(server, path)
    async with app.run_test(size=SIZE) as pilot:
        listing = await focused_list(pilot, app)
        first = listing.stories[0].key
        await pilot.press("s", "S")  # a story of the front page saved too; the saved view
        await settle(pilot)
        assert [e.key for e in listing.stories] == [first, page.key]
        assert listing.stories[1].title == web_pages.ARTICLE_TITLE
        await pilot.press("j", "enter")
        await until(pilot, lambda: opened(app) == page.key)  # from the store
        await pilot.press("q", "S")  # all stories: the page is not on the front page
        await settle(pilot)
        assert page.key not in [e.key for e in listing.stories]


async def test_filter_by_title_and_by_stored_body(server: FeedServer, tmp_path: Path) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
        total = len(story_list(app).stories)
        story_list(app).focus()
        await pilot.press("slash", *"only web")
        assert titles(app) == ["Only a web page"]
        pane = app.reader.query_one(ListPane)
        assert "“only web” (1 of" in str(pane.border_title)
        await pilot.press("escape")
        assert len(titles(app)) == total
        # "Cockerill" is only in the body of the defence stories, fetched and stored.
        await pilot.press("slash", *"cockerill")
        assert titles(app) and all("defence" in t.lower() for t in titles(app))
        await pilot.press("enter")
        assert story_list(app).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert "Cockerill" in app.reader.query_one(StoryView).text


async def test_typing_narrows_and_deleting_widens_the_filter_again(
    server: FeedServer, tmp_path: Path
) -> None:
    """Each letter typed filters what the previous one showed (not the whole list):
    a letter deleted, or another story arriving, filters the whole list again."""
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
        story_list(app).focus()
        await pilot.press("slash", *"only")
        only = titles(app)
        await pilot.press(*" web")
        assert titles(app) == ["Only a web page"]
        await pilot.press(*["backspace"] * 4)
        assert titles(app) == only and len(only) >= 1
        await pilot.press("ctrl+u", *"def")
        defence = titles(app)
        assert defence and all("def" in t.lower() for t in defence)
        pane = app.reader.query_one(ListPane)
        pane.set_entries(pane.entries)  # the list filled again (a refresh)
        assert titles(app) == defence


async def test_the_cache_is_kept_within_its_bounds(server: FeedServer, tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite3"
    app = front_page_app(server, path, keep_stories=3, keep_days=None)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 0)
        await settle(pilot)
        await until(pilot, lambda: len(story_list(app).stories) <= 3)
    with Store.open(path) as store:
        assert store.story_count() <= 3
        assert len(store.front_page()) <= 3


async def test_empty_cache_offline_or_unreachable_says_what_to_do(tmp_path: Path) -> None:
    with FeedServer() as server:
        offline = front_page_app(server, tmp_path / "a.sqlite3", offline=True)
        async with offline.run_test(size=SIZE) as pilot:
            await settle(pilot)
            text = offline.reader.query_one(StoryView).text
            assert text.startswith("Nothing is cached yet") and "--offline" in text
            assert_a_note(offline)
        url = server.url
    # The server is gone now: nothing answers at its address.
    settings = FetchSettings(newsroom=url, connect_timeout=0.3, read_timeout=0.3, retries=0)
    gone = create_app(settings=settings, store=tmp_path / "b.sqlite3")
    async with gone.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = gone.reader.query_one(StoryView).text
        assert text.startswith("The newsroom could not be reached")
        assert "connection failed" in text and "press r" in text.lower()
        assert_a_note(gone)


def assert_a_note(app: BelgaApp) -> None:
    """A note looks like one: no byline, no story keys on the bar (tester item 11)."""
    text = app.reader.query_one(StoryView).text
    assert "min read" not in text and "belga ·" not in text
    bar = app.reader.query_one(KeyBar).render().plain
    assert bar.strip()
    for key in ("Follow link", "Next link", "Next story", "Next unread"):
        assert key not in bar, bar
