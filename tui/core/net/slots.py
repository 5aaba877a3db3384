"""The requests in flight, the reader's first: fetching ahead never makes the reader wait.

The transport holds at most ``max_in_flight`` requests open. Work done ahead of the
reader (the first stories of the front page, the sidebar's stories, a check for a newer
version) used to take every one of them: a story the reader asked for right after
start-up queued behind 19 requests ahead (5.8 s instead of 2.1 s, one request, on a
newsroom answering in 2 s; a new user's report). Now requests made ahead may hold all
slots but one, and a freed slot goes to a waiting request of the reader's first.

What is ahead is said by the task that makes the request (:func:`fetching_ahead`), so
that the code in between (the newsroom, the client, redirects, retries) need not carry
it: a context variable, copied into the tasks a task starts.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Final

__all__ = ["Slots", "fetching_ahead"]

_AHEAD: Final[ContextVar[bool]] = ContextVar("belga_fetching_ahead", default=False)


@contextmanager
def fetching_ahead() -> Iterator[None]:
    """The requests made within (and in tasks started within) are made ahead of the
    reader: they give way to the reader's own."""
    token = _AHEAD.set(True)
    try:
        yield
    finally:
        _AHEAD.reset(token)


class Slots:
    """``limit`` slots; requests made ahead hold at most ``limit - 1`` of them (all of
    them when there is only one), and the reader's waiting requests get freed slots
    first. Fair within each kind: first come, first served."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.ahead_limit = max(1, self.limit - 1)
        self.busy = 0
        self.busy_ahead = 0
        self._asked: deque[asyncio.Future[None]] = deque()
        self._ahead: deque[asyncio.Future[None]] = deque()

    def _free_for(self, ahead: bool) -> bool:
        if self.busy >= self.limit:
            return False
        return not ahead or (self.busy_ahead < self.ahead_limit and not self._asked)

    @asynccontextmanager
    async def take(self) -> AsyncIterator[None]:
        """Hold a slot for one request (of the reader's, or ahead: as the task says)."""
        ahead = _AHEAD.get()
        queue = self._ahead if ahead else self._asked
        if queue or not self._free_for(ahead):
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            queue.append(waiter)
            try:
                await waiter  # the slot is counted as ours by whoever woke us
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._release(ahead)  # woken and cancelled at once: hand it on
                elif waiter in queue:
                    queue.remove(waiter)
                raise
        else:
            self._count(ahead)
        try:
            yield
        finally:
            self._release(ahead)

    def _count(self, ahead: bool) -> None:
        self.busy += 1
        self.busy_ahead += ahead

    def _release(self, ahead: bool) -> None:
        self.busy -= 1
        self.busy_ahead -= ahead
        self._wake()

    def _wake(self) -> None:
        while self._asked and self.busy < self.limit:
            self._hand(self._asked.popleft(), ahead=False)
        while self._ahead and self._free_for(True):
            self._hand(self._ahead.popleft(), ahead=True)

    def _hand(self, waiter: asyncio.Future[None], *, ahead: bool) -> None:
        if not waiter.done():  # else cancelled while it waited
            self._count(ahead)
            waiter.set_result(None)
