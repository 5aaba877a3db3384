"""Keys first: background work on the event loop gives way from the moment a key is read
until its answer is on the screen.

The work done in slices (a long story typeset, its sidebar listed, a story set ahead)
and the frames that show it took turns with the keys: a key read during a slice waited
for the slice, then for the frame of what the slice changed (the sidebar: ~9 ms), then
for the slices that came due at each step of its own way (app, widget, binding, frame).
In the keys figure (bench/README.md) the first ``j`` after a 30,000-word story's first
screen waited so behind the sidebar's fill, its frame and two slices.

Now the driver's input thread counts the keys it reads (:meth:`KeysFirst.read`, before
they are even posted to the app: the loop takes two more steps to reach them); while a
key is read and not yet taken, or taken and its answer not yet painted,
:attr:`KeysFirst.answering` holds: the slices wait (:func:`give_way`) or end early
(:attr:`KeysFirst.unread`), and the frame due meanwhile is not painted on its own but
with the key's answer (the app's ``hold_for_key``, tui/ui/frames.py). A key taken is
given :data:`LATEST` seconds at most to be painted (a key that changes nothing paints
nothing), and a key read but never taken is not waited for longer either.

Textual internal relied on, here only (tests/test_keys_first.py): the driver's input
thread hands every event it parses to ``Driver.process_message``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import cache
from time import monotonic, perf_counter
from typing import TYPE_CHECKING, Final

from textual import events
from textual.driver import Driver

if TYPE_CHECKING:
    from textual.message import Message

LATEST: Final = 0.05
"""Seconds background work waits at most for a key's answer to be painted."""
SLICE_GAP: Final = 0.001
"""How long the event loop is left to the rest between two slices of background work.
A key read meanwhile takes a step of the loop at each stage of its way (from the app to
the focused widget, up to the app's binding, to the frame): with slices back to back
(``sleep(0)``), each of those steps waited for a whole slice."""
WRITER_GAP: Final = 0.001
"""Seconds the loop idles after a frame is handed to the driver's writer thread, before
the work that waited runs: the thread writes the frame meanwhile (else it waits for the
GIL behind the work, up to the switch interval, 5 ms)."""


class KeysFirst:
    """Whether a key is being answered: read by the input thread, its answer not painted."""

    def __init__(self) -> None:
        self._read = 0
        """Keys read by the driver's thread (written there only)."""
        self._read_at = 0.0
        self._taken = 0
        """Keys the app has taken (never more than were read: keys posted by tests)."""
        self._taken_at: float | None = None
        """When the last key was taken, until its answer is painted."""
        self._turn = 0
        """Keys taken so far (a frame put before the last one does not paint it)."""

    def read(self) -> None:
        """A key was read (the driver's input thread)."""
        self._read_at = monotonic()
        self._read += 1

    def taken(self) -> None:
        """The app took a key (it goes its way now, or waits its turn in order)."""
        self._taken = min(self._taken + 1, self._read)
        self._taken_at = monotonic()
        self._turn += 1

    def put(self) -> None:
        """A frame was handed to the writer thread: the answers of the keys taken so far
        are painted once it has written it, :data:`WRITER_GAP` later (the slices that
        waited held the GIL from the thread: a key's answer came out up to 5 ms late)."""
        asyncio.get_running_loop().call_later(WRITER_GAP, self._written, self._turn)

    def _written(self, turn: int) -> None:
        if turn == self._turn:  # no key taken since that frame
            self.painted()

    def painted(self) -> None:
        """A frame was written: the answers of the keys taken are on the screen."""
        if self._taken >= self._read:
            self._taken_at = None

    @property
    def unread(self) -> bool:
        """Whether a key is read that the app has not taken yet."""
        if self._read > self._taken:
            if monotonic() - self._read_at < LATEST:
                return True
            self._taken = self._read  # never taken (the app was not reading): not waited for
        return False

    @property
    def answering(self) -> bool:
        """Whether a key is read or being answered: background work waits."""
        if self.unread:
            return True
        if self._taken_at is not None:
            if monotonic() - self._taken_at < LATEST:
                return True
            self._taken_at = None
        return False


NO_KEYS: Final = KeysFirst()
"""For an app without keys first (a test's own app): never answering."""


def keys_of(app: object) -> KeysFirst:
    """The app's :class:`KeysFirst` (``app.keys_first``), else one that never waits."""
    keys = getattr(app, "keys_first", None)
    return keys if isinstance(keys, KeysFirst) else NO_KEYS


def run_slice(step: Callable[[], bool], keys: KeysFirst, seconds: float) -> bool:
    """One slice of background work: ``step()`` (False: nothing left) until ``seconds``
    are spent, ending early when a key is read. A step is not begun when the longest one
    so far would end past the slice (a 4 ms slice of 0.6-1 ms blocks ran 5.3 ms); the
    first always runs. Whether there is more to do."""
    deadline = perf_counter() + seconds
    longest = 0.0
    while True:
        began = perf_counter()
        if not step():
            return False
        ended = perf_counter()
        longest = max(longest, ended - began)
        if ended + longest > deadline or keys.unread:
            return True


async def give_way(keys: KeysFirst) -> None:
    """Between two slices of background work: the loop to the rest for a moment, and
    for as long as a key is being answered."""
    await asyncio.sleep(SLICE_GAP)
    while keys.answering:
        await asyncio.sleep(SLICE_GAP)


@cache
def counting_keys(base: type[Driver]) -> type[Driver]:
    """``base`` (the app's driver class), telling the app's :class:`KeysFirst` of each
    key (or paste) its input thread reads, before posting it."""

    class KeysCounted(base):  # type: ignore[valid-type,misc]
        def process_message(self, message: Message) -> None:
            if isinstance(message, events.Key | events.Paste):
                keys_of(self._app).read()
            super().process_message(message)

    KeysCounted.__name__ = KeysCounted.__qualname__ = f"KeysCounted{base.__name__}"
    return KeysCounted
