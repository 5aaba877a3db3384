"""What Enter on a story does before its frame, and what waits until after it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from tests.stories import linked_stories, write_stories
from tests.waiting import opened, settle
from tui.ui.app import create_app
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
