"""The requests in flight, the reader's first: fetching ahead never makes the reader wait.

The transport holds at most ``max_in_flight`` requests open. Work done ahead of the
reader (the first stories of the front page, the sidebar's stories, a check for a newer
version) used to take every one of them: a story the reader asked for right after
start-up queued behind 19 requests ahead (5.8 s instead of 2.1 s, one request, on a
newsroom answering in 2 s; a new user's report). Now requests made ahead may hold all
slots but one, and a freed slot goes to a waiting request of the reader's first.

Whom a request is for is its :class:`Claim`, said by the task that makes the request
(:func:`fetching_ahead`), so that the code in between (the newsroom, the client,
redirects, retries) need not carry it: a context variable, copied into the tasks a task
starts. A fetch shared by several callers runs under a claim of its own
(:func:`start_task`): when the reader comes to want what was being fetched ahead (a
sidebar link opened while it still waits), :meth:`Claim.promote` makes it the reader's,
and a request of it still waiting takes the reader's slot at once.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar, copy_context
from typing import Any, Final, TypeVar

__all__ = ["Claim", "Slots", "fetching_ahead", "is_ahead", "start_task"]

T = TypeVar("T")


class Claim:
    """Whom one piece of work's requests are for: the reader, or made ahead of the
    reader. A claim made ahead becomes the reader's when the reader comes to want what
    it fetches (:meth:`promote`); never the other way."""

    __slots__ = ("_ahead", "_listeners")

    def __init__(self, *, ahead: bool) -> None:
        self._ahead = ahead
        self._listeners: list[Callable[[], None]] = []

    @property
    def ahead(self) -> bool:
        return self._ahead

    def promote(self) -> None:
        """The reader wants what this work fetches: its requests go as the reader's,
        those waiting for a slot included."""
        if self._ahead:
            self._ahead = False
            listeners, self._listeners = self._listeners, []
            for listener in listeners:
                listener()

    def _listen(self, listener: Callable[[], None]) -> None:
        if self._ahead and listener not in self._listeners:
            self._listeners.append(listener)


_READER: Final = Claim(ahead=False)
_CLAIM: Final[ContextVar[Claim]] = ContextVar("belga_claim", default=_READER)


@contextmanager
def fetching_ahead() -> Iterator[None]:
    """The requests made within (and in tasks started within) are made ahead of the
    reader: they give way to the reader's own."""
    token = _CLAIM.set(Claim(ahead=True))
    try:
        yield
    finally:
        _CLAIM.reset(token)


def is_ahead() -> bool:
    """Whether the work running now is done ahead of the reader."""
    return _CLAIM.get().ahead


def start_task(work: Coroutine[Any, Any, T]) -> tuple[asyncio.Task[T], Claim]:
    """``work`` in a task of its own under a claim of its own (made ahead when the
    caller's work is), so that the claim can be promoted without promoting the other
    work of the caller."""
    claim = Claim(ahead=is_ahead())
    context = copy_context()
    context.run(_CLAIM.set, claim)
    return asyncio.create_task(work, context=context), claim


class Slots:
    """``limit`` slots; requests made ahead hold at most ``limit - 1`` of them (all of
    them when there is only one), and the reader's waiting requests get freed slots
    first. Fair within each kind: first come, first served. Whether a request is ahead
    is asked of its claim each time it matters: a claim promoted while its request
    waits or is in flight counts as the reader's from then on."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.ahead_limit = max(1, self.limit - 1)
        self.busy = 0
        self._held = 0
        """Holds on the requests made ahead (:meth:`hold_ahead`) not let go yet."""
        self._holders: Counter[Claim] = Counter()
        self._waiting: deque[tuple[Claim, asyncio.Future[None]]] = deque()

    @property
    def busy_ahead(self) -> int:
        """Slots held by requests made ahead (a handful: counted when asked)."""
        return sum(held for claim, held in self._holders.items() if claim.ahead)

    def _free_for(self, claim: Claim) -> bool:
        if self.busy >= self.limit:
            return False
        if not claim.ahead:
            return True
        asked = any(not waiting.ahead for waiting, _ in self._waiting)
        return self.busy_ahead < self.ahead_limit and not asked and not self._held

    def hold_ahead(self) -> Callable[[], None]:
        """No request made ahead starts until what this returns is called (the ones in
        flight go on): the reader waits for a story, which has the link to itself, and
        the work ahead of the story left (its sidebar) may no longer be wanted."""
        self._held += 1
        done = [False]

        def let_go() -> None:
            if not done[0]:
                done[0] = True
                self._held -= 1
                self._wake()

        return let_go

    @asynccontextmanager
    async def take(self) -> AsyncIterator[None]:
        """Hold a slot for one request (of the reader's, or ahead: as the task's claim
        says)."""
        claim = _CLAIM.get()
        queued = any(waiting.ahead == claim.ahead for waiting, _ in self._waiting)
        if queued or not self._free_for(claim):
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting.append((claim, waiter))
            claim._listen(self._wake)  # promoted: it may go at once
            try:
                await waiter  # the slot is counted as ours by whoever woke us
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._release(claim)  # woken and cancelled at once: hand it on
                else:
                    self._waiting = deque(w for w in self._waiting if w[1] is not waiter)
                raise
        else:
            self._count(claim)
        try:
            yield
        finally:
            self._release(claim)

    def _count(self, claim: Claim) -> None:
        self.busy += 1
        self._holders[claim] += 1
        claim._listen(self._wake)  # promoted: its slot no longer counts as ahead

    def _release(self, claim: Claim) -> None:
        self.busy -= 1
        self._holders[claim] -= 1
        if self._holders[claim] <= 0:
            del self._holders[claim]
        self._wake()

    def _wake(self) -> None:
        """Hand freed slots on: to the reader's waiting requests first, in the order
        they came, then to those made ahead while they may have one."""
        for reader_first in (True, False):
            for claim, waiter in list(self._waiting):
                if claim.ahead == reader_first or not self._free_for(claim):
                    continue
                self._waiting = deque(w for w in self._waiting if w[1] is not waiter)
                if not waiter.done():  # else cancelled while it waited
                    self._count(claim)
                    waiter.set_result(None)
