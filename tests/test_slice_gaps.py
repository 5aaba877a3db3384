"""Between two slices of typesetting the event loop is left to the rest for a moment
(tui/ui/keys_first.py SLICE_GAP): a key takes a step of the loop at each stage of its
way (app, focused widget, back up to the app's binding, the frame), and with slices
back to back each of those steps waited for a whole slice (4 ms)."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.stories import paragraphs, story, write_stories
from tests.waiting import settle
from tui.ui.app import create_app
from tui.ui.typeset import Galley
from tui.ui.widgets.galley_view import GalleyView
from tui.ui.widgets.story_view import StoryView

STEPS = 6


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    long = story("long", "A long story", "2026-11-20 09:00:00", paragraphs(2000, 100))
    return write_stories(tmp_path / "stories", {"long": long})


async def test_steps_of_the_loop_are_not_held_by_slices(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slices = [0]
    real_sleep = asyncio.sleep

    async def sleep(delay: float, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        if caller.f_code.co_name == "give_way" and caller.f_back is not None:
            caller = caller.f_back  # the slices' way between them (keys_first.py)
        if caller.f_code.co_name == "_typeset_rest":
            slices[0] += 1
        return await real_sleep(delay, *args, **kwargs)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    # Not set ahead while the list rests on it: set from Enter on, in the reading pane.
    monkeypatch.setattr(GalleyView, "typeset_ahead", lambda *args: None)
    set_next = Galley.set_next

    def slow_set_next(galley: Galley, console: Any) -> int | None:
        until = time.perf_counter() + 0.001  # a block as long as a slow machine's
        while time.perf_counter() < until:
            pass
        return set_next(galley, console)

    monkeypatch.setattr(Galley, "set_next", slow_set_next)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        await pilot.press("enter")
        while slices[0] < 3:  # typesetting in slices
            await real_sleep(0.001)
        assert not view.complete
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        counted: list[int] = []

        def step(left: int) -> None:  # as a key's way: a step of the loop each
            counted.append(slices[0])
            if left:
                loop.call_soon(step, left - 1)
            else:
                done.set_result(None)

        loop.call_soon(step, STEPS)
        await done
        assert not view.complete  # (still typesetting all along)
        assert counted[-1] - counted[0] <= 2  # not a slice a step (a loaded machine: 2)
