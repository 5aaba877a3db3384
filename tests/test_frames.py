"""When the screen paints (tui/ui/frames.py) and a pane's title repainted alone
(tui/ui/titles.py): the Textual internals they rely on, and what they promise."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from tests.waiting import until
from tui.ui.frames import FRAME_SECONDS, FrameHold, PacedScreen, _Pacer
from tui.ui.titles import set_title


class Paced(PacedScreen):
    def compose(self) -> ComposeResult:
        yield Static("before", id="text")
        box = Static("in a box", id="box")
        box.styles.border = ("round", "white")
        box.styles.height = 5
        yield box


class Counting(App[None]):
    """Counts the frames written (Textual's display step, overridden here only)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames = 0

    def get_default_screen(self) -> Screen[Any]:
        return Paced()

    def _display(self, screen: Any, renderable: Any) -> None:
        if renderable is not None:
            self.frames += 1
        super()._display(screen, renderable)


def pacer(app: App[Any]) -> _Pacer:
    timer = app.screen._update_timer
    assert isinstance(timer, _Pacer)
    return timer


async def test_the_screen_is_painted_by_the_pacer_not_by_textual_s_timer() -> None:
    """Textual's screen asks ``_update_timer`` to resume when something changed, and the
    timer's tick paints: the pacer stands for it (fails if Textual stops using it so)."""
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause()
        ticks, frames = pacer(app).ticks, app.frames
        app.query_one("#text", Static).update("after")
        await until(pilot, lambda: app.frames > frames)
        assert pacer(app).ticks > ticks
        assert not [t for t in app.screen._timers if t.name == "screen_update"]
        assert "after" in str(app.query_one("#text", Static).render())


async def test_a_change_right_after_a_paint_waits_one_frame_at_most() -> None:
    """Textual's timer ticked on a 1/60 s grid and, once it had painted, on the
    next-but-one step (17-33 ms); the pacer paints one frame after the last paint, or at
    once when that was longer ago."""
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        paced = pacer(app)
        loop = asyncio.get_running_loop()
        paced.pause()
        paced.resume()  # nothing painted for a while: at once
        assert paced._due is not None and paced._due.when() <= loop.time()
        paced.pause()
        paced._tick()  # a paint now
        paced.resume()
        assert paced._due is not None
        assert paced._due.when() <= paced._painted + FRAME_SECONDS + 0.001
        assert paced._due.when() > loop.time()


async def test_a_tick_while_paints_are_held_is_no_paint() -> None:
    """While a batch update holds the paints, a tick paints nothing and does not count
    as a paint: what was held is painted as soon as the batch ends, not a frame later."""
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        paced = pacer(app)
        painted = paced._painted
        with app.batch_update():
            paced._tick()
        assert paced._painted == painted


async def test_a_hold_paints_nothing_until_released() -> None:
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        hold = FrameHold(app, seconds=5)
        hold.hold()
        frames = app.frames
        app.query_one("#text", Static).update("echo")
        await pilot.pause(0.1)
        assert app.frames == frames and hold.holding
        hold.release()
        await until(pilot, lambda: app.frames > frames)
        assert not hold.holding and app._batch_count == 0
        hold.release()  # twice is harmless
        assert app._batch_count == 0


async def test_a_hold_ends_by_itself_and_is_never_extended() -> None:
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        hold = FrameHold(app, seconds=0.05)
        hold.hold()
        deadline = hold._deadline
        hold.hold()  # a second key meanwhile: the first deadline stands
        assert hold._deadline is deadline
        frames = app.frames
        app.query_one("#text", Static).update("echo")
        await until(pilot, lambda: app.frames > frames)
        assert not hold.holding and app._batch_count == 0


async def test_an_answer_after_the_deadline_is_painted_at_once() -> None:
    """The echo was painted alone at the deadline; the answer that comes a moment later
    is painted as soon as it is shown, not a frame after the echo."""
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        hold = FrameHold(app, seconds=0.01)
        hold.hold()
        frames = app.frames
        app.query_one("#text", Static).update("echo")
        await until(pilot, lambda: app.frames > frames)  # the echo, at the deadline
        paced = pacer(app)
        paced.pause()
        paced._tick()  # as if it had just painted
        app.query_one("#text", Static).update("answer")
        paced.resume()
        assert paced._due is not None and paced._due.when() > asyncio.get_running_loop().time()
        frames = app.frames
        hold.release()  # the answer is shown
        assert paced._painted == float("-inf")  # so the paint is due at once
        await until(pilot, lambda: app.frames > frames)
        hold.release()  # nothing more to hurry
        assert app._batch_count == 0


async def test_a_title_set_repaints_the_top_row_only() -> None:
    """The title is the one ``border_title`` makes (Textual's ``_border_title``), shown
    on the top edge, and only that row is marked for repainting."""
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause()
        box = app.query_one("#box", Static)
        title = Text("Stories: “[b]x” (3 of 9)")  # typed text: brackets are not markup
        twin = Static()
        twin.border_title = title
        box._repaint_regions.clear()
        set_title(box, title)
        assert box._border_title == twin._border_title
        assert box.border_title == twin.border_title
        assert set(box._repaint_regions) == {Region(0, 0, box.outer_size.width, 1)}
        await pilot.pause()
        shown = app.screen._compositor.render_strips()[box.region.y].text
        assert "Stories: “[b]x” (3 of 9)" in shown
