"""A key's answer is painted as soon as its binding has run (tui/ui/frames.py), not a
frame after the last paint: keys typed faster than the frame rate each waited for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.painted import scrolls_painted
from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.ui.app import create_app
from tui.ui.frames import PacedScreen, _Pacer
from tui.ui.widgets.story_view import StoryView


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


async def test_a_scroll_key_is_painted_at_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered: list[tuple[float, float]] = []
    hurry = _Pacer.hurry

    def hurrying(pacer: _Pacer) -> None:
        hurry(pacer)
        answered.append((app.reader.query_one(StoryView).scroll_y, pacer._painted))

    monkeypatch.setattr(_Pacer, "hurry", hurrying)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        assert view.has_focus and isinstance(app.screen, PacedScreen)
        answered.clear()
        await pilot.press("j")
        # Once the binding had scrolled, the next paint was due at once.
        assert answered and answered[0] == (1, float("-inf"))
        await pilot.press("j", "j")
        assert [scrolled for scrolled, _ in answered] == [1, 2, 3]


async def test_keys_read_together_are_answered_in_one_frame(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys read in one go (typed during a stall, or while a frame was drawn) are taken
    one at a time (tui/ui/key_order.py); their answers are painted together, not a frame
    each: a frame costs more than a scroll."""
    frames = scrolls_painted(monkeypatch)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        frames.clear()
        for _ in range(4):  # one read: no step of the loop between them
            app.post_message(events.Key("j", "j"))
        await settle(pilot)
        assert app.reader.query_one(StoryView).scroll_y == 4
        assert frames[-1] == 4 and len(frames) <= 2  # (the first may come before them)
