"""Frames merged while the link to the terminal is backed up: a slow SSH link gets the
newest screen, never the frames it missed one after another.

Over SSH the app's writes never block: sshd reads the pty as fast as it is written (its
channel window is 2 MB) and the link drains its buffers at its own pace. 30 ``j``
typed in a story over a 4,000 B/s link were 30 frames, every one sent and shown, the
screen moving for seconds after the last key. Neither the writer thread's queue nor the
pty says so (a pty holds ~19 KB before a write blocks; sshd empties it at once). The
terminal does: a cursor position query (DSR 6, ``ESC[6n``, which xterm, tmux, screen,
the linux console and every VT100 answer) sent after a frame is answered once the
terminal has read the frame, whatever sits between them.

So each frame written asks, unless a question is already on its way; while the newest
question is unanswered, and the terminal has answered one before (a terminal that never
answers is never waited for), a frame is not written: its regions are kept, and when
the answer comes they are painted again from the screen as it is then
(``Screen.refresh(*regions)``, public API). The shadow (:mod:`tui.ui.wire`) only ever
sees what is written, so what goes out is the difference between what the terminal
last received and the newest screen. An answer later than :data:`LATEST` is not waited
for longer: the frame goes, with a new question. Over a slow link (an answer later than
:data:`SLOW`) the answer often comes while keys still come (``j`` held down): the held
frames then wait for a pause in them (:data:`PAUSE`, at most :data:`LONGEST_PAUSE`), so
the frame sent is not stale before it is shown, and its cost (a scroll puts back the
panes beside the story) is paid once. Leaving the terminal (quit, Ctrl+Z) waits for the
answers on their way (at most :data:`LATEST`): one that came after would be typed into
the shell.

Textual's parser turns the answer into ``events.CursorPosition`` (public); the app hands
it to :meth:`Link.answered`. tests/test_slow_link.py checks both ends in a real pty.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Final

from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Region

QUERY: Final = "\x1b[6n"
"""DSR 6: the terminal answers ``ESC[row;columnR`` once it has read what came before."""
LATEST: Final = 2.0
"""Seconds a frame waits at most for the answer about the frame before it."""
MOST_ASKED: Final = 4
"""Questions kept unanswered at most (older ones are taken as lost)."""
SLOW: Final = 0.1
"""Seconds an answer takes over a slow link: then the frames held wait for a pause."""
PAUSE: Final = 0.05
"""Seconds without a frame held that are a pause in keys typed (or held down)."""
LONGEST_PAUSE: Final = 0.15
"""Seconds the frames held wait at most for that pause after the answer."""


class Link:
    """What the terminal has confirmed reading, and the regions held back meanwhile."""

    def __init__(self, repaint: Callable[[list[Region]], object]) -> None:
        """``repaint``: paint these regions again (the app's screen, from its state)."""
        self._repaint = repaint
        self.asks = False
        """Whether questions are sent (only to a terminal that can answer, on stdin)."""
        self.answers = False
        """Whether the terminal has answered a question: then, and only then, it is
        waited for."""
        self._asked: deque[float] = deque()
        """When each unanswered question was sent, oldest first."""
        self._held: dict[int, tuple[int, int]] = {}
        """Columns held back on each row, from and to."""
        self._late: asyncio.TimerHandle | None = None
        self._first = False
        """Whether a question was ever asked."""
        self._last_held = float("-inf")
        """When a frame was last held back."""
        self._pausing: float | None = None
        """Since when the frames held wait for a pause in the keys (see :meth:`answered`)."""
        self._leaving: list[Callable[[], object]] = []
        """What waits for the answers on their way (see :meth:`settle`)."""

    def busy(self) -> bool:
        """Whether the terminal has not yet read the last frame (as far as it says), or
        the frames held wait for a pause."""
        if self._pausing is not None:
            return True
        return self.answers and bool(self._asked) and time.monotonic() - self._asked[-1] < LATEST

    def hold(self, update: CompositorUpdate) -> bool:
        """Keep ``update``'s regions for later if the link is backed up; whether it was."""
        if not self.busy() or not isinstance(update, ChopsUpdate | LayoutUpdate):
            return False
        if isinstance(update, LayoutUpdate):
            region = update.region
            spans = [(y, region.x, region.right) for y in range(region.y, region.bottom)]
        else:
            spans = update.spans
        held = self._held
        self._last_held = time.monotonic()
        for y, start, end in spans:
            was = held.get(y)
            held[y] = (start, end) if was is None else (min(was[0], start), max(was[1], end))
        if self._late is None and self._asked:  # (while pausing, its timer is set)
            wait = self._asked[-1] + LATEST - time.monotonic()
            self._late = asyncio.get_running_loop().call_later(max(0.0, wait), self._release)
        return True

    def ask(self) -> str:
        """What to send after a frame: a question, unless one is on its way, or the
        terminal did not answer the first (then it is never asked again)."""
        if not self.asks or self._leaving:
            return ""
        now = time.monotonic()
        if self._asked and now - self._asked[-1] < LATEST:
            return ""
        if not self.answers and self._first:
            return ""
        self._first = True
        self._asked.append(now)
        if len(self._asked) > MOST_ASKED:
            self._asked.popleft()
        return QUERY

    def answered(self) -> None:
        """The terminal answered: it has read everything sent before its question."""
        self.answers = True
        now = time.monotonic()
        slow = False
        if self._asked:
            slow = now - self._asked.popleft() > SLOW
        if not self.busy():
            if slow and self._held and now - self._last_held < PAUSE:
                # Keys are coming faster than the link shows them (j held down): a
                # frame now would be stale before it is shown, and cost a frame's
                # bytes again. The next goes at the first pause in them.
                self._pausing = now
                if self._late is not None:
                    self._late.cancel()
                self._pause()
            else:
                self._release()
        if not self._asked:
            self._go()

    def _pause(self) -> None:
        self._late = None
        now = time.monotonic()
        assert self._pausing is not None
        until = min(self._last_held + PAUSE, self._pausing + LONGEST_PAUSE)
        if now < until:
            self._late = asyncio.get_running_loop().call_later(until - now, self._pause)
        else:
            self._release()

    def settle(self, then: Callable[[], object]) -> None:
        """Run ``then`` (leaving the terminal: quit, Ctrl+Z) once the terminal has
        answered the questions on their way, at most :data:`LATEST` after the last: an
        answer that comes after belga has left the terminal is typed into the shell
        (``^[[38;119R``). No question is asked meanwhile. A terminal that never answered
        is not waited for (as Textual's own questions at the start are not)."""
        self._leaving.append(then)
        now = time.monotonic()
        if not self.answers or not self._asked or now - self._asked[-1] >= LATEST:
            self._go()
        elif len(self._leaving) == 1:
            wait = self._asked[-1] + LATEST - now
            asyncio.get_running_loop().call_later(wait, self._go)

    def _go(self) -> None:
        leaving, self._leaving = self._leaving, []
        for then in leaving:
            then()

    def forget(self) -> None:
        """The terminal's content is unknown (a resume): nothing held, nothing awaited."""
        self._asked.clear()
        self._held.clear()
        self._pausing = None
        if self._late is not None:
            self._late.cancel()
            self._late = None

    def _release(self) -> None:
        self._pausing = None
        if self._late is not None:
            self._late.cancel()
            self._late = None
        held, self._held = self._held, {}
        if held:
            self._repaint([Region(start, y, end - start, 1) for y, (start, end) in held.items()])
