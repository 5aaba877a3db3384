"""One owner of read marks: made in the list, in the reading pane or through a related
link, a story's read mark is one mark, kept once (Pilot, a real server, a real SQLite file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)


def read_marks(path: Path) -> dict[str, float]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT url, read_at FROM marks WHERE read_at IS NOT NULL")
        return {url.rsplit("/", 1)[1]: read_at for url, read_at in rows}


def shown(app: BelgaApp) -> str:
    return app.reader.query_one(StoryView).text


async def test_one_read_mark_whichever_way_it_was_made(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    store = tmp_path / "belga.sqlite3"
    one, two = newsroom_server.story_url("small-one"), newsroom_server.story_url("small-two")
    settings = FetchSettings(newsroom=newsroom_server.url, connect_timeout=0.5, read_timeout=0.5)
    app = create_app(urls=(one, two), settings=settings, store=store)
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 2 and "Small story 1" in shown(app))
        await settle(pilot)
        assert read_marks(store).keys() == {"small-one"}
        # In the list: m on small-two.
        stories.focus()
        stories.cursor = [e.key for e in stories.stories].index(two)
        await pilot.press("m")
        await settle(pilot)
        assert app.newsroom.is_read(two) and not stories.is_unread(stories.stories[stories.cursor])
        first = read_marks(store)
        assert first.keys() == {"small-one", "small-two"}
        # In the reading pane: follow link 1 of small-one, which is small-two.
        app.reader.query_one(StoryView).focus()
        await pilot.press("1", "enter")
        await until(pilot, lambda: shown(app).startswith("Small story 2"))
        # Through a related link: back to small-one, then its sidebar's first entry.
        await pilot.press("H")
        await until(pilot, lambda: shown(app).startswith("Small story 1"))
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: bool(sidebar.entries))
        await until(pilot, lambda: sidebar.entries[0].state is LinkState.AVAILABLE)
        sidebar.focus()
        await pilot.press("g", "enter")
        await until(pilot, lambda: shown(app).startswith("Small story 2"))
        await settle(pilot)
        assert app.newsroom.read_keys([one, two]) == {one, two}
        assert not any(stories.is_unread(entry) for entry in stories.stories)
    assert read_marks(store) == first  # one mark each, kept once: never written again
    with sqlite3.connect(store) as db:
        visits = [row[0] for row in db.execute("SELECT url FROM history ORDER BY id")]
    assert [url.rsplit("/", 1)[1] for url in visits] == [
        "small-one",
        "small-two",
        "small-one",
        "small-two",
    ]
