"""Work that waits until the frame under way is written, then runs.

Textual's ``call_after_refresh`` runs its callbacks when the screen is next idle with
nothing to refresh, and a screen is often idle *before* its widgets have asked for the
layout a key caused: the callbacks then run ahead of the frame and delay it. Opening a
30,000-word story listed its 300 links in the sidebar that way (7-15 ms before its
first screen). Here the app says when a frame has been handed to the terminal
(:meth:`AfterFrame.written`, from ``BelgaApp._display``), and the waiting work runs
just after, once the loop has let the writer thread write. A frame that never comes (a
screen with nothing to paint) does not hold the work longer than ``LATEST`` seconds.

While a key is being answered (tui/ui/keys_first.py) the work waits for the key's frame
too: the first key after a long story's first screen waited behind its sidebar's fill.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Final

from textual.message_pump import MessagePump

from tui.ui.keys_first import SLICE_GAP, WRITER_GAP, keys_of

LATEST: Final = 0.25
"""Seconds the work waits at most for a frame."""


class AfterFrame:
    """Callbacks of ``owner`` (run in its context, errors handled as Textual's) waiting
    for the next frame written."""

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._waiting: list[Callable[[], object]] = []
        self._latest: asyncio.TimerHandle | None = None
        self._polling = False
        """Whether a run is due once the key being answered is painted."""

    def __call__(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback(*args)`` once the coming frame is written."""
        self._waiting.append(partial(callback, *args))
        if self._latest is None:
            self._latest = asyncio.get_running_loop().call_later(LATEST, self._run)

    def written(self) -> None:
        """A frame was handed to the terminal (or found to change nothing)."""
        if self._waiting:
            asyncio.get_running_loop().call_later(WRITER_GAP, self._run)

    def _run(self) -> None:
        if self._waiting and keys_of(self._owner.app).answering:
            if not self._polling:  # the key's frame first
                self._polling = True
                asyncio.get_running_loop().call_later(SLICE_GAP, self._poll)
            return
        if self._latest is not None:
            self._latest.cancel()
            self._latest = None
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            self._owner.call_next(callback)

    def _poll(self) -> None:
        self._polling = False
        self._run()
