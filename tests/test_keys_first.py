"""Keys first (tui/ui/keys_first.py): from the moment a key is read until its answer is
painted, the typesetting's slices, the work after a frame and the frame of what they
changed wait; that frame is painted with the key's answer."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.drivers.linux_driver import LinuxDriver

from tests.painted import scrolls_painted
from tests.stories import paragraphs, story, write_stories
from tests.waiting import opened, settle, until
from tui.ui import keys_first
from tui.ui.app import BelgaApp, create_app
from tui.ui.keys_first import LATEST, WRITER_GAP, KeysFirst, counting_keys, run_slice
from tui.ui.typeset import Galley
from tui.ui.widgets.galley_view import GalleyView
from tui.ui.widgets.story_view import StoryView


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    long = story("long", "A long story", "2026-11-20 09:00:00", paragraphs(3000, 100))
    return write_stories(tmp_path / "stories", {"long": long})


def test_a_key_is_answered_from_its_reading_to_its_paint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(keys_first, "monotonic", lambda: now[0])
    keys = KeysFirst()
    assert not keys.answering
    keys.read()  # the input thread
    assert keys.unread and keys.answering
    keys.read()
    keys.taken()
    keys.painted()  # a frame before the second key was taken: it is still on its way
    assert keys.unread and keys.answering
    keys.taken()
    assert not keys.unread and keys.answering
    keys.painted()
    assert not keys.answering
    keys.taken()  # a key posted by a test, never read: answered until painted
    assert not keys.unread and keys.answering
    now[0] += LATEST * 1.1  # a key that paints nothing is not waited for longer
    assert not keys.answering
    keys.read()
    assert keys.answering
    now[0] += LATEST * 1.1  # nor a key read and never taken
    assert not keys.unread and not keys.answering
    keys.taken()
    keys.painted()
    assert not keys.answering


async def test_a_frame_handed_to_the_writer_paints_the_keys_taken_before_it() -> None:
    """The writer thread is given the moment to write the frame (else the slices that
    waited hold the GIL from it); a key taken meanwhile waits for its own frame."""
    keys = KeysFirst()
    keys.taken()
    keys.put()
    assert keys.answering
    await asyncio.sleep(WRITER_GAP * 5)
    assert not keys.answering
    keys.taken()
    keys.put()
    keys.taken()  # after that frame was put: not in it
    await asyncio.sleep(WRITER_GAP * 5)
    assert keys.answering


def test_a_slice_begins_no_step_it_has_no_time_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps of 1.5 ms in a 4 ms slice: two (3 ms), not a third ending at 4.5 ms; the
    first step always runs; a key read ends the slice after the step under way."""
    clock = [0.0]
    monkeypatch.setattr(keys_first, "perf_counter", lambda: clock[0])
    steps: list[float] = []

    def step(cost: float, left: int = 100) -> Callable[[], bool]:
        def run() -> bool:
            clock[0] += cost
            steps.append(clock[0])
            return len(steps) < left

        return run

    keys = KeysFirst()

    def slice_of(cost: float, left: int = 100) -> tuple[bool, int, float]:
        clock[0] = 0.0
        steps.clear()
        more = run_slice(step(cost, left), keys, 0.004)
        return more, len(steps), clock[0]

    assert slice_of(0.0015) == (True, 2, 0.003)
    assert slice_of(0.006) == (True, 1, 0.006)  # a step longer than the slice: alone
    more, count, spent = slice_of(0.0007)
    assert more and count == 5 and spent < 0.004
    assert slice_of(0.0005, left=3)[:2] == (False, 3)  # nothing left
    keys.read()
    assert slice_of(0.0001)[:2] == (True, 1)  # a key is read: after the step under way


def test_the_input_thread_tells_of_each_key_it_reads() -> None:
    """The Textual internal relied on: the input thread hands each event it parses to
    ``process_message``, which the app's driver class counts before posting the key."""
    assert "self.process_message(event)" in inspect.getsource(LinuxDriver.run_input_thread)
    app = BelgaApp()
    assert issubclass(app.driver_class, LinuxDriver)
    assert app.driver_class is counting_keys(LinuxDriver)
    posted: list[object] = []

    class Stub:
        keys_first = KeysFirst()

        async def _post_message(self, message: object) -> bool:
            posted.append(message)
            return True

    async def read_keys() -> None:
        stub = Stub()
        driver = app.driver_class(stub, debug=False, mouse=False)  # type: ignore[arg-type]
        driver.process_message(events.Key("j", "j"))
        driver.process_message(events.Resize.from_dimensions((80, 24), None))
        assert stub.keys_first.unread and stub.keys_first._read == 1
        await asyncio.sleep(0.01)  # posted on the loop, as the thread does
        assert len(posted) == 2

    asyncio.run(read_keys())


def slow_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each block takes 1 ms to set, as on a slow machine: the story takes seconds."""
    set_next = Galley.set_next

    def slow_set_next(galley: Galley, console: Any) -> int | None:
        until = time.perf_counter() + 0.001
        while time.perf_counter() < until:
            pass
        return set_next(galley, console)

    monkeypatch.setattr(Galley, "set_next", slow_set_next)


async def test_slices_wait_while_a_key_is_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GalleyView, "typeset_ahead", lambda *args: None)
    slow_blocks(monkeypatch)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        view = app.reader.query_one(StoryView)
        galley = view._galley
        await until(pilot, lambda: len(galley.lines) > 4 * view.size.height)  # ahead of the keys
        assert not view.complete
        app.keys_first.read()  # as the input thread does
        count = galley.count
        await asyncio.sleep(LATEST / 2)
        assert galley.count <= count + 1  # the slice under way ends at its next block
        count = galley.count
        await asyncio.sleep(LATEST / 4)
        assert galley.count == count  # no slice meanwhile
        app.keys_first.taken()
        app.keys_first.painted()
        await until(pilot, lambda: galley.count > count + 2)


async def test_the_frame_due_when_a_key_is_read_is_painted_with_its_answer(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GalleyView, "typeset_ahead", lambda *args: None)
    frames = scrolls_painted(monkeypatch)
    slow_blocks(monkeypatch)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        frames.clear()
        app.keys_first.read()  # a key read...
        view.border_subtitle = "changed meanwhile"  # ...while something else changes
        await asyncio.sleep(LATEST / 3)
        assert frames == []  # held for the key
        app.post_message(events.Key("j", "j"))  # the key reaches the app
        await until(pilot, lambda: bool(frames))
        assert frames[0] == 1  # one frame: the change and the key's answer
        await settle(pilot)
        assert "changed meanwhile" in str(view.border_subtitle)


async def test_work_after_a_frame_waits_for_a_key_s_answer(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ran: list[float] = []
        app.reader.after_frame(lambda: ran.append(time.monotonic()))
        app.keys_first.read()
        app.reader.after_frame.written()
        await asyncio.sleep(LATEST / 3)
        assert ran == []
        app.keys_first.taken()
        app.keys_first.painted()
        await until(pilot, lambda: bool(ran))


async def test_a_scroll_sets_the_lines_it_shows(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slices wait for the keys, so a scroll key sets what it shows itself: a page
    down read with the first screen scrolls a whole page, not the line set below it."""
    monkeypatch.setattr(GalleyView, "typeset_ahead", lambda *args: None)
    slow_blocks(monkeypatch)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(keys_first, "LATEST", 60.0)
        for _ in range(4):  # the four keys, read at once: no slice runs meanwhile
            app.keys_first.read()
        app.post_message(events.Key("enter", "\r"))
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.prepared is not None)
        await until(pilot, lambda: view.scrollable_content_region.height > 0)  # laid out
        height = view.scrollable_content_region.height
        assert len(view._galley.lines) < 2 * height  # the first screen, not a page more
        app.post_message(events.Key("space", " "))
        await until(pilot, lambda: view.scroll_y > 0)
        assert view.scroll_y == height
        app.post_message(events.Key("ctrl+d", None))
        await until(pilot, lambda: view.scroll_y > height)
        assert view.scroll_y == height + height // 2
        app.post_message(events.Key("j", "j"))
        await until(pilot, lambda: view.scroll_y > height + height // 2)
        assert view.scroll_y == height + height // 2 + 1
        assert len(view._galley.lines) >= view.scroll_y + height
