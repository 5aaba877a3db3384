"""After ``r`` the list shows the store's marks (tester report 2, item 9): a story marked
read by another belga on the same cache (another SSH session) kept its ``●`` after ``r``
("Nothing new.") until the cursor passed over it. Each kind of list ``r`` refreshes:
the front page online and offline, story files read again. Pilot, a real SQLite file
shared with a second Store (the other session), a real newsroom on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.test_front_page_app import SIZE, server  # noqa: F401
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.story_list import StoryList

pytestmark = pytest.mark.timeout(60)


def rows(app: BelgaApp) -> list[str]:
    stories = app.reader.query_one(StoryList)
    return [stories.render_line(y).text for y in range(len(stories.stories))]


async def marked_elsewhere_then_r(app: BelgaApp, store: Path, expected: int) -> None:
    """The second unread row marked read by another session, then r: its ● goes."""
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == expected)
        await settle(pilot)
        stories.focus()
        row = 2  # not under the cursor (row 0), which repaints its line anyway
        key = stories.stories[row].key
        assert rows(app)[row].lstrip("│ ").startswith("●"), rows(app)[row]
        with Store.open(store) as other:
            other.mark_read(key)
        await pilot.press("r")
        await pilot.pause(0.3)
        await settle(pilot)
        assert not rows(app)[row].lstrip("│ ").startswith("●"), rows(app)[row]
        assert app.newsroom.is_read(key)


async def test_the_front_page_after_r_shows_another_sessions_read_mark(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    store = tmp_path / "belga.sqlite3"
    settings = FetchSettings(newsroom=server.url, read_timeout=2, backoff=0.01)
    app = create_app(settings=settings, store=store)
    await marked_elsewhere_then_r(app, store, len(server.documents()))


async def test_the_front_page_offline_after_r_shows_another_sessions_read_mark(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    store = tmp_path / "belga.sqlite3"
    settings = FetchSettings(newsroom=server.url, read_timeout=2, backoff=0.01)
    first = create_app(settings=settings, store=store)
    async with first.run_test(size=SIZE) as pilot:  # fills the cache
        await until(pilot, lambda: len(first.reader.query_one(StoryList).stories) > 3)
        await settle(pilot)
    app = create_app(settings=settings, store=store, offline=True)
    await marked_elsewhere_then_r(app, store, len(server.documents()))


async def test_story_files_after_r_show_another_sessions_read_mark(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    for number in range(4):
        story = {"title": f"File story {number}", "content": f"<p>Body {number}.</p>",
                 "published_at": f"2026-11-2{number}T09:00:00Z"}  # fmt: skip
        (folder / f"s{number}.json").write_text(json.dumps(story))
    store = tmp_path / "belga.sqlite3"
    app = create_app([folder], store=store)
    await marked_elsewhere_then_r(app, store, 4)
