"""Parsing outside documents off the event loop, within a time budget.

A feed of 40,000 items took 6.6 s to parse; on the event loop, no key (not even ``q``)
was answered meanwhile. :func:`off_loop` runs such work in a daemon thread and awaits
it: the loop goes on serving keys, a caller that gives up (a cancelled worker, a
quitting app) stops waiting at once, and a daemon thread never holds the exit up.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Final, TypeVar

__all__ = ["PARSE_BUDGET", "SMALL_DOCUMENT", "ParseTimeout", "off_loop", "parse_off_loop"]

T = TypeVar("T")

PARSE_BUDGET: Final = 20.0
"""Seconds any one parse of an outside document may take before it is given up."""
SMALL_DOCUMENT: Final = 64 * 1024
"""Below this many bytes a parse takes a millisecond or two: done at once, no thread."""


class ParseTimeout(TimeoutError):
    """The parse took longer than its budget; ``str()`` says so in words."""


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():  # the caller gave up meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]


async def off_loop(
    function: Callable[..., T], *args: object, budget: float = PARSE_BUDGET, what: str = "it"
) -> T:
    """``function(*args)`` in a daemon thread; :class:`ParseTimeout` past ``budget`` s."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        result: T | None = None
        failure: BaseException | None = None
        try:
            result = function(*args)
        except Exception as error:  # handed to the awaiting caller, as raised
            failure = error
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
            loop.call_soon_threadsafe(_settle, future, result, failure)

    threading.Thread(target=run, name="belga-parse", daemon=True).start()
    try:
        return await asyncio.wait_for(future, budget)
    except TimeoutError:
        raise ParseTimeout(f"reading {what} took longer than {budget:g} s") from None


async def parse_off_loop(
    function: Callable[..., T], data: bytes, *args: object, what: str = "it"
) -> T:
    """``function(data, *args)``: off the loop (:func:`off_loop`) unless ``data`` is small."""
    if len(data) < SMALL_DOCUMENT:
        return function(data, *args)
    return await off_loop(function, data, *args, what=what)
