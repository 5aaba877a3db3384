"""A request the reader waits for goes out before the screen paints the key's change.

The key that asks for a page also changes what is drawn (the typed link number goes,
"Reading …" comes); the screen paints that when it is next idle, a compositor pass of
10-30 ms on the event loop. The request, started in a worker, writes its bytes a few
awaits later: after that paint, and the answer comes that much later. So the screen is
not painted (Textual's ``App.batch_update``, public API) from the moment the request
starts until its bytes are written or a connection being made for it takes a while (the
network's wait from then on: ``CONNECT_GRACE`` in tui/core/net/transport.py), it ends,
or :data:`HOLD_SECONDS` pass, whichever comes first; then
everything the key changed is painted at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any, Final, TypeVar

from textual.app import App, ScreenStackError

__all__ = ["HOLD_SECONDS", "sent_before_paint"]

T = TypeVar("T")

HOLD_SECONDS: Final = 0.05
"""The longest the screen waits for a request to go out before it paints."""


async def sent_before_paint(
    app: App[Any], fetch: Callable[[Callable[[], None]], Awaitable[T]]
) -> T:
    """``await fetch(sent)``, with no paint until it calls ``sent()`` (or ends, or
    :data:`HOLD_SECONDS` pass)."""
    sent = asyncio.Event()
    task = asyncio.ensure_future(fetch(sent.set))
    waiting = asyncio.ensure_future(sent.wait())
    try:
        with app.batch_update():
            await asyncio.wait(
                (task, waiting), timeout=HOLD_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
    except asyncio.CancelledError:
        task.cancel()  # the reader asked for something else meanwhile
        raise
    finally:
        waiting.cancel()
        with suppress(ScreenStackError):  # the app is closing: nothing to paint
            app.screen.check_idle()  # what was held back is painted now
    return await task
