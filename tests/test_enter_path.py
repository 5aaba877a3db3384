"""What Enter on a story does before its frame, and what waits until after it."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest

from tests.newsroom_server import NewsroomServer
from tests.stories import linked_stories, write_stories
from tests.waiting import opened, settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import create_app
from tui.ui.screens.opening import StoryOpening
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


async def test_the_story_left_is_freed_once_the_next_is_shown(folder: Path) -> None:
    """The lines of the story shown before (thousands of strips for a long one) are
    freed after the frame that shows the next, not on its way; and they are freed."""
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        left = weakref.ref(view._galley)
        entries = app.reader.query_one(StoryList)
        other = app.reader._find(entries.stories[1].key)
        assert other is not None and other.key != app.reader.history.current
        app.reader.open_story(other)
        gc.collect()
        assert left() is not None  # kept while the new story's frame is made
        await settle(pilot)
        await pilot.pause(0.3)
        assert view.text.startswith(other.title)
        assert left() is None
        assert view._left == []


async def test_the_key_bar_reads_the_keys_once_for_enter(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter changes the keys four times (the focus, the story, its overlays, the open
    itself); the bar reads them once, when its line is drawn in Enter's frame."""
    app = create_app([folder])
    reads: list[int] = []
    read_keys = KeyBar._read_keys

    def counted(bar: KeyBar) -> None:
        reads.append(1)
        read_keys(bar)

    monkeypatch.setattr(KeyBar, "_read_keys", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.reader.query_one(KeyBar)
        assert "Open" in bar.render().plain
        reads.clear()
        await pilot.press("enter")
        await settle(pilot)
        assert len(reads) == 1
        assert "Follow link" in bar.render().plain and "Open" not in bar.render().plain


async def test_the_freshness_check_waits_for_the_frame(
    newsroom_server: NewsroomServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept story is checked against the newsroom's version after the frame that
    shows it: the check (a request, the network client made first) ran before it."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(newsroom_server.stories["small-one"]))
    settings = FetchSettings(newsroom=newsroom_server.url, retries=0)
    app = create_app([folder], settings=settings, store=tmp_path / "b.sqlite3")
    painted: list[bool] = [False]
    checked: list[bool] = []
    check_fresh = StoryOpening._check_fresh

    def after_paint(screen: StoryOpening, story: object) -> object:
        checked.append(painted[0])
        return check_fresh(screen, story)

    monkeypatch.setattr(StoryOpening, "_check_fresh", after_paint)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        written = app.reader.after_frame.written

        def frame() -> None:
            painted[0] = True
            written()

        app.reader.after_frame.written = frame  # type: ignore[method-assign]
        await until(pilot, lambda: app.reader._warmed)  # the network client made ahead
        await settle(pilot)
        painted[0] = False
        await pilot.press("enter")
        await until(pilot, lambda: bool(checked))
        assert checked == [True]
