"""The request goes out before the screen paints what the key changed (sent_first.py): no
paint between the start of a fetch and its bytes on the wire, a bounded wait, and every
change painted afterwards."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.ui.sent_first import HOLD_SECONDS, sent_before_paint


class Counting(App[None]):
    """Counts the frames written (Textual's display step, overridden here only)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames = 0

    def compose(self) -> ComposeResult:
        yield Static("before", id="text")

    def _display(self, screen: Any, renderable: Any) -> None:
        if renderable is not None:
            self.frames += 1
        super()._display(screen, renderable)


async def test_nothing_is_painted_until_the_request_is_on_its_way() -> None:
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause()
        seen: list[int] = []

        async def fetch(sent: Callable[[], None]) -> str:
            for _ in range(20):  # httpx's awaits before the bytes are written
                await asyncio.sleep(0)
            seen.append(app.frames)
            sent()
            await asyncio.sleep(0.05)  # the answer's wait
            seen.append(app.frames)
            return "answer"

        before = app.frames
        app.query_one("#text", Static).update("after")  # what the key changed
        assert await sent_before_paint(app, fetch) == "answer"
        assert seen[0] == before  # not painted before the request went out
        assert seen[1] > before  # painted while the answer was awaited
        assert app._batch_count == 0


async def test_a_request_slow_to_go_out_holds_the_paint_a_moment_only() -> None:
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause()
        seen: list[int] = []

        async def fetch(sent: Callable[[], None]) -> None:
            await asyncio.sleep(HOLD_SECONDS + 0.2)  # e.g. a slow name lookup
            seen.append(app.frames)

        before = app.frames
        app.query_one("#text", Static).update("after")
        await sent_before_paint(app, fetch)
        assert seen[0] > before


async def test_a_fetch_given_up_is_cancelled_and_painting_goes_on() -> None:
    app = Counting()
    async with app.run_test() as pilot:
        await pilot.pause()
        cancelled = asyncio.Event()

        async def fetch(sent: Callable[[], None]) -> None:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled.set()
                raise

        waiting = asyncio.ensure_future(sent_before_paint(app, fetch))
        await asyncio.sleep(0.01)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await asyncio.wait_for(cancelled.wait(), 1)
        assert app._batch_count == 0
        before = app.frames
        app.query_one("#text", Static).update("after")
        await pilot.pause(0.1)
        assert app.frames > before
