"""``q`` or Esc while a story is fetched over the network ("Opening …") cancels that open:
the story never paints, the notice says it was cancelled, the story read before stays.
The fetch may end in the background (the story is then kept for later). Pilot at 80×24,
a real newsroom server on 127.0.0.1 that answers slowly, a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (80, 24)
SLOW = 1.0
"""Seconds the server takes to answer: long enough to cancel while it is asked."""


def status(app: BelgaApp) -> str:
    return app.reader.query_one(KeyBar).notice


def make_app(server: NewsroomServer, tmp_path: Path) -> tuple[BelgaApp, str, str]:
    for number in (1, 2):  # neither links to the other: nothing fetches it ahead
        slug = f"alone-{number}"
        server.stories[slug] = small_story(server.url, slug, f"Alone story {number}", ())
    one, two = server.story_url("alone-1"), server.story_url("alone-2")
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:  # listed, not cached: Enter fetches them
        store.put_feed([FeedEntry(one, "Alone story 1"), FeedEntry(two, "Alone story 2")])
    settings = FetchSettings(newsroom=server.url, read_timeout=5, retries=0)
    return create_app(settings=settings, store=path, offline=False), one, two


async def fetch_slowly(
    pilot: Pilot[None], app: BelgaApp, server: NewsroomServer, keys: str
) -> None:
    """``keys`` on the list ("e" for Enter), the server slow: "Opening …" is said."""
    server.delay = SLOW
    stories = app.reader.query_one(StoryList)
    stories.focus()
    await pilot.press(*(("enter" if key == "e" else key) for key in keys))
    await until(pilot, lambda: status(app).startswith("Opening"))


async def listed(pilot: Pilot[None], app: BelgaApp) -> StoryList:
    stories = app.reader.query_one(StoryList)
    await until(pilot, lambda: len(stories.stories) == 2)
    await settle(pilot)
    return stories


async def reading_the_first(pilot: Pilot[None], app: BelgaApp) -> tuple[StoryList, StoryView]:
    """The list, and the reading pane showing its first story (Enter from the list)."""
    stories = await listed(pilot, app)
    view = app.reader.query_one(StoryView)
    stories.focus()
    await pilot.press("enter")
    await until(pilot, lambda: view.text.startswith("Alone story 1"))
    return stories, view


async def fetched_meanwhile(
    pilot: Pilot[None], app: BelgaApp, server: NewsroomServer, url: str
) -> None:
    """The fetch cancelled ends in the background: its story is kept (never shown)."""
    server.wait_finished(url.removeprefix(server.url) + ".json", timeout=10)
    await until(pilot, lambda: app.reader.newsroom.at_hand(url) is not None)
    await settle(pilot)
    await pilot.pause(0.1)


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_or_escape_cancels_a_story_being_fetched(
    newsroom_server: NewsroomServer, tmp_path: Path, key: str
) -> None:
    app, one, _ = make_app(newsroom_server, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        stories = await listed(pilot, app)
        await fetch_slowly(pilot, app, newsroom_server, "e")
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        assert "Opening cancelled." in app.notices
        assert status(app) == "Opening cancelled."
        assert app.reader.focused is stories
        await fetched_meanwhile(pilot, app, newsroom_server, one)
        view = app.reader.query_one(StoryView)
        assert "Alone story 1" not in view.text
        assert app.reader.history.current is None
        assert app.reader.focused is stories
        assert not any(notice.startswith("Could not open") for notice in app.notices)
        await pilot.press("q")  # nothing pending any more: q quits from the list
        await pilot.pause()
        assert not app.is_running


async def test_the_story_read_before_stays_when_a_fetch_is_cancelled(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    app, one, two = make_app(newsroom_server, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        stories, view = await reading_the_first(pilot, app)  # at once: no delay yet
        await fetch_slowly(pilot, app, newsroom_server, "je")
        await pilot.press("escape")
        await pilot.pause()
        assert "Opening cancelled." in app.notices
        await fetched_meanwhile(pilot, app, newsroom_server, two)
        assert view.text.startswith("Alone story 1")
        assert app.reader.history.current == app.reader.newsroom.at_hand(one).key  # type: ignore[union-attr]
        assert app.reader.focused is stories


async def test_cancelling_an_open_asked_in_the_reading_pane_stays_on_the_story(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    """``J`` (or a link) in the reading pane while the server is slow, then Esc: the
    reader was thrown back to the list, the story read gone from view (a new user's
    report). The open is cancelled where it was asked: the story read stays, focused."""
    app, _one, two = make_app(newsroom_server, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _stories, view = await reading_the_first(pilot, app)
        newsroom_server.delay = SLOW
        assert app.reader.focused is view
        await pilot.press("J")
        await until(pilot, lambda: status(app).startswith("Opening"))
        await pilot.press("escape")
        await pilot.pause()
        assert "Opening cancelled." in app.notices
        assert app.reader.focused is view and view.display
        await fetched_meanwhile(pilot, app, newsroom_server, two)
        assert view.text.startswith("Alone story 1") and app.reader.focused is view


async def test_a_fetch_overtaken_by_another_story_takes_its_notice_away(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    """A story asked for while the server is slow, then another one at hand: it is shown,
    but "Opening …" stayed up over it until the overtaken fetch ended (4-12 s in the
    tester's report 3, item 8, with J; on the list too)."""
    app, _one, _two = make_app(newsroom_server, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _stories, view = await reading_the_first(pilot, app)
        await pilot.press("q")  # back to the list, story 1 at hand
        await settle(pilot)
        await fetch_slowly(pilot, app, newsroom_server, "je")  # story 2: "Opening …"
        await pilot.press("k", "enter")  # story 1 again, at once
        await pilot.pause(0.2)
        assert view.text.startswith("Alone story 1")
        assert not status(app).startswith("Opening")
