"""``q`` or Esc pressed after Enter, before the story is on screen, cancels that open and
stays on the list (it used to land on the list, where ``q`` quits); ``Q`` still quits.
Pilot at 80×24, with a long story whose build in a thread is held until the test lets it go."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.stories import paragraphs, story, write_stories
from tests.waiting import settle, until
from tui.core.model.story import Story
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.app import BelgaApp, create_app
from tui.ui.documents import small
from tui.ui.screens import opening, ready
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (80, 24)
LONG = "A long story about the harbour"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    stories = {
        "long": story("long", LONG, "2026-11-20 09:00:00", paragraphs(60)),
        "short": story("short", "A short story", "2026-11-19 09:00:00", paragraphs(2)),
    }
    return write_stories(tmp_path / "stories", stories)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The long story's build waits for the event (the other builds do not)."""
    release = threading.Event()
    build = prepare_story  # the one opening.py and ready.py call, replaced there

    def held_build(story: Story, *args: object, **kwargs: object) -> PreparedStory:
        if story.title == LONG:
            assert threading.current_thread() is not threading.main_thread()
            release.wait(20)
        return build(story, *args, **kwargs)  # type: ignore[arg-type]

    for module in (opening, ready):  # opened at once, or made ready ahead
        monkeypatch.setattr(module, "prepare_story", held_build)
    yield release
    release.set()  # never leave a thread waiting


def view_text(app: BelgaApp) -> str:
    return app.reader.query_one(StoryView).text


def key_bar(app: BelgaApp) -> str:
    return str(app.reader.query_one(KeyBar).render())


async def enter_on_the_long_story(pilot: Pilot[None], app: BelgaApp, *then: str) -> None:
    """Enter on the long story, and ``then`` these keys: sent at once, as a terminal
    gives keys typed fast (in one read), before the app has handled Enter."""
    await settle(pilot)
    stories = app.reader.query_one(StoryList)
    assert stories.highlighted is not None and stories.highlighted.title == LONG
    long_story = app.reader._find(stories.highlighted.key)
    assert long_story is not None and not small(long_story)  # built in a thread
    for key, char in (("enter", "\r"), *((key, key if len(key) == 1 else None) for key in then)):
        app.post_message(events.Key(key, char))
    await pilot.pause()


@pytest.mark.parametrize("together", [True, False], ids=["typed-together", "after-enter"])
@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_or_escape_during_a_pending_open_cancels_it(
    folder: Path, held: threading.Event, key: str, together: bool
) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        if together:
            await enter_on_the_long_story(pilot, app, key)
        else:
            await enter_on_the_long_story(pilot, app)
            assert LONG not in view_text(app)  # the build is held: not shown yet
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running
        stories = app.reader.query_one(StoryList)
        assert app.reader.focused is stories and stories.display
        assert "Opening cancelled." in app.notices
        held.set()  # the build completes: the open cancelled never paints
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.is_running
        assert app.reader.focused is stories
        assert LONG not in view_text(app)
        assert app.reader.history.current is None
        await pilot.press("q")  # on the list, nothing pending: q quits as before
        await pilot.pause()
        assert not app.is_running


async def test_the_key_bar_says_q_cancels_while_an_open_is_pending(
    folder: Path, held: threading.Event
) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await enter_on_the_long_story(pilot, app)
        await pilot.pause()
        assert "Quit" not in key_bar(app)
        assert "Back" in key_bar(app) or "Cancel" in key_bar(app)
        held.set()
        await until(pilot, lambda: view_text(app).startswith(LONG))
        await pilot.press("q")  # from the story shown: back to the list
        await pilot.pause()
        assert app.is_running and "Quit" in key_bar(app)


@pytest.mark.parametrize("key", ["Q", "ctrl+c"])
async def test_capital_q_or_ctrl_c_during_a_pending_open_quits(
    folder: Path, held: threading.Event, key: str
) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await enter_on_the_long_story(pilot, app, key)
        await until(pilot, lambda: not app.is_running)
        assert LONG not in view_text(app)
        held.set()  # the thread held ends before the test's loop does


async def test_the_story_read_before_comes_back_when_the_next_open_is_cancelled(
    folder: Path, held: threading.Event
) -> None:
    """Cancelled after the screen took it: the history, the reading pane and the list's
    current story are what they were before Enter; the cancelled story is not marked read."""
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # the short story: built at once
        await until(pilot, lambda: view_text(app).startswith("A short story"))
        short = app.reader.history.current
        await pilot.press("q", "k", "enter")
        assert app.reader.opening and LONG not in view_text(app)
        await pilot.press("q")
        assert app.is_running and "Opening cancelled." in app.notices
        assert app.reader.history.current == short and not app.reader.history.can_go_forward
        assert view_text(app).startswith("A short story")
        stories = app.reader.query_one(StoryList)
        assert app.reader.focused is stories
        long_key = stories.stories[0].key
        assert not app.newsroom.is_read(long_key)
        held.set()
        await settle(pilot)
        await pilot.pause(0.2)
        assert view_text(app).startswith("A short story")
        assert not app.newsroom.is_read(long_key)
