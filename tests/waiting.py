"""Waiting for the app under Pilot: until its workers are done, or until something holds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Wait until loading, fetching and typesetting are done, and the screen is painted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 10) -> None:
    """Wait in the app's loop until ``condition()`` holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.02)


async def opened(pilot: Pilot[None]) -> None:
    """Settle, then open the story under the list's cursor (belga starts on the list)."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
