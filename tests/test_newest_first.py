"""Newest first means the newest is what the reader sees first (tester report 3, 4b).

A cached start showed the cache, and the stories the newsroom published since were
merged above the cursor, which stayed on the story that had been first: the latest news
sat above the top of the list, hinted only by the scrollbar. Until the reader moves, the
cursor is on the newest story; once they have moved, it stays on their story, and a
list seen from its top keeps its top in sight, new stories and all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.newsroom_content import small_story
from tests.test_front_page_app import front_page_app, story_list, titles
from tests.waiting import settle, until

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer(copies=3) as newsroom:
        yield newsroom


def publish(server: FeedServer, slug: str, title: str, when: str) -> None:
    fresh = small_story(server.url, slug, title, ())
    fresh["published_at"] = when
    server.stories[slug] = fresh


async def test_a_cached_start_shows_the_stories_published_since(
    server: FeedServer, tmp_path: Path
) -> None:
    store = tmp_path / "belga.sqlite3"
    app = front_page_app(server, store)
    async with app.run_test(size=SIZE) as pilot:  # an earlier session fills the cache
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
    publish(server, "breaking-1", "Breaking news one", "2026-11-29 08:01:00")
    publish(server, "breaking-2", "Breaking news two", "2026-11-29 08:02:00")

    again = front_page_app(server, store)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Breaking news two" in titles(again))
        await settle(pilot)
        listing = story_list(again)
        assert titles(again)[0] == "Breaking news two"
        assert listing.highlighted is not None
        assert listing.highlighted.title == "Breaking news two"  # the newest, selected
        assert listing.scroll_y == 0  # and in sight


async def test_a_reader_who_moved_keeps_their_story_and_sees_the_new_ones(
    server: FeedServer, tmp_path: Path
) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=(80, 12)) as pilot:  # a list longer than its pane
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
        listing = story_list(app)
        listing.focus()
        await pilot.press("j", "j")
        assert len(listing.stories) > listing.size.height
        chosen = listing.highlighted
        assert chosen is not None
        publish(server, "breaking-1", "Breaking news one", "2026-11-29 08:01:00")
        await pilot.press("r")
        await until(pilot, lambda: "Breaking news one" in titles(app))
        await settle(pilot)
        assert listing.highlighted is not None and listing.highlighted.key == chosen.key
        assert listing.scroll_y == 0  # the list's top, with the new story, in sight


async def test_a_story_opened_from_the_top_keeps_the_cursor(
    server: FeedServer, tmp_path: Path
) -> None:
    """Opening the first story is a choice too: back in the list, a refresh that brings
    newer stories leaves the cursor on the story that was read."""
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(story_list(app).stories) > 5)
        await settle(pilot)
        listing = story_list(app)
        listing.focus()
        first = listing.highlighted
        assert first is not None
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        publish(server, "breaking-1", "Breaking news one", "2026-11-29 08:01:00")
        await pilot.press("r")
        await until(pilot, lambda: "Breaking news one" in titles(app))
        await settle(pilot)
        assert listing.highlighted is not None and listing.highlighted.key == first.key
        assert listing.scroll_y == 0
