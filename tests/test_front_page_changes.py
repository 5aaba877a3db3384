"""What ``r`` says of the front page, and the list showing what the store holds (tester
report 3): a story opened and found revised showed its new title in the pane while its
list row and the line under the list kept the old one until r; a headline changed on
the newsroom was no change to r ("Nothing new."); after another belga purged the shared
cache, r said every story it had purged was new (66 new while the list was unchanged).
Pilot, a real newsroom on 127.0.0.1, a real SQLite file shared with a second Store."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import pytest
from textual.pilot import Pilot

from tests.feed_server import FeedServer
from tests.test_front_page_app import SIZE, front_page_app, server, story_list  # noqa: F401
from tests.waiting import settle, until
from tui.core.store.database import Store
from tui.ui.app import BelgaApp
from tui.ui.widgets.headline import Headline

pytestmark = pytest.mark.timeout(60)


def slug_of(app: BelgaApp, row: int) -> str:
    return story_list(app).stories[row].key.rstrip("/").rsplit("/", 1)[-1]


async def started(app: BelgaApp, pilot: Pilot[None], expected: int) -> None:
    """Wait until the front page lists ``expected`` stories and the app is settled."""
    await until(pilot, lambda: len(story_list(app).stories) == expected)
    await settle(pilot)


@asynccontextmanager
async def listed(server: FeedServer, store: Path) -> AsyncIterator[tuple[BelgaApp, Pilot[None]]]:  # noqa: F811
    """The app on the newsroom and the cache ``store``, its front page listed whole."""
    app = front_page_app(server, store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot, len(server.documents()))
        yield app, pilot


async def test_a_story_shown_revised_is_listed_with_its_new_title(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    store = tmp_path / "belga.sqlite3"
    async with listed(server, store) as (app, pilot):
        listing = story_list(app)
        listing.focus()
        await pilot.press("j", "j")
        await settle(pilot)
        entry = listing.highlighted
        assert entry is not None
        slug = slug_of(app, 2)
        with sqlite3.connect(store) as db:  # kept long ago: checked again when opened
            db.execute("UPDATE stories SET fetched_at = 1 WHERE url = ?", (entry.key,))
        revised = f"{entry.title} REVISED"
        server.stories[slug] = {**server.stories[slug], "title": revised}
        await pilot.press("enter")
        await until(pilot, lambda: "updated since" in app.notices[-1])
        await until(pilot, lambda: listing.stories[2].title == revised)
        await settle(pilot)
        assert app.reader.query_one(Headline).text.startswith(revised)
        assert [e.title for e in listing.stories].count(revised) == 1
        # r then finds the feed naming it so too: the list already shows it.
        await pilot.press("q", "r")
        await until(pilot, lambda: app.notices[-1] == "Nothing new.")


async def test_r_counts_a_changed_headline(server: FeedServer, tmp_path: Path) -> None:  # noqa: F811
    async with listed(server, tmp_path / "belga.sqlite3") as (app, pilot):
        slug = slug_of(app, 3)
        retitled = "A headline changed on the newsroom"
        server.stories[slug] = {**server.stories[slug], "title": retitled}
        story_list(app).focus()
        await pilot.press("r")
        await until(pilot, lambda: story_list(app).stories[3].title == retitled)
        await until(pilot, lambda: app.notices[-1] == "1 story changed.")


@pytest.mark.parametrize("feed", ["rss", "atom"])  # with validators (a 304), and without
async def test_r_after_another_belga_purged_the_cache_finds_nothing_new(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
    feed: Literal["rss", "atom"],
) -> None:
    server.feed = feed
    store = tmp_path / "belga.sqlite3"
    expected = len(server.documents())
    async with listed(server, store) as (app, pilot):
        with Store.open(store) as other:  # belga --purge with keep_stories = 3
            assert other.purge(keep_stories=3) > 0
        story_list(app).focus()
        await pilot.press("r")
        await until(pilot, lambda: app.notices[-1] == "Nothing new.")
        await settle(pilot)
        assert len(story_list(app).stories) == expected
