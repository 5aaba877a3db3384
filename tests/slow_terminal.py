"""A terminal at the end of a slow link: a real pty read as ``ssh`` reads it, its bytes
reaching the screen at a link's rate and latency, keys and answers going back as late.

Over SSH the program's writes never block: sshd reads the pty as fast as it is written
(up to its channel window, 2 MB) and the link drains its buffers at its own pace. So
here: every byte the program writes is read at once (and counted), then goes through a
link of ``rate`` bytes a second, and reaches the emulator (pyte) ``latency`` seconds
after it has been sent. Keys typed reach the program ``latency`` seconds after they are
typed, and so do the emulator's answers to the program's queries (a cursor position
report: pyte answers ``ESC[6n`` as every terminal does).

Used by tests/test_slow_link.py and bench/slow_link.py.
"""

from __future__ import annotations

import heapq
import os
import select
import time
from collections.abc import Sequence
from typing import Self

import pyte

from tests.terminal import Terminal

PIECE = 64
"""Bytes that reach the screen together (the finest grain of "when it changed")."""


class _AnsweringScreen(pyte.Screen):
    """A pyte screen that keeps what it answers to the program's queries."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.answers: list[str] = []

    def write_process_input(self, data: str) -> None:
        self.answers.append(data)


class SlowTerminal(Terminal):
    """A program in a pty ``columns`` × ``lines`` seen through a slow link."""

    def __init__(
        self,
        argv: Sequence[str],
        columns: int = 200,
        lines: int = 60,
        env: dict[str, str] | None = None,
        rate: float = 4000.0,
        latency: float = 0.150,
    ) -> None:
        super().__init__(argv, columns, lines, env)
        self.rate, self.latency = rate, latency
        self._answering = _AnsweringScreen(columns, lines)
        self.screen = self._answering
        self.stream = pyte.ByteStream(self.screen)
        self._free = 0.0
        """When the link has sent all it was given so far."""
        self._due: list[tuple[float, int, bool, bytes]] = []
        """(when, order, up, data): bytes reaching the screen (up False) or the program."""
        self._order = 0
        self.shown_at: list[tuple[float, int]] = []
        """(when, bytes read by then): each time the screen changed."""
        self._rows = list(self.screen.display)

    def _schedule(self, when: float, up: bool, data: bytes) -> None:
        self._order += 1
        heapq.heappush(self._due, (when, self._order, up, data))

    def type(self, keys: str | bytes) -> None:
        """Keys typed now: they reach the program ``latency`` seconds later."""
        data = keys.encode() if isinstance(keys, str) else keys
        self._schedule(time.perf_counter() + self.latency, True, data)

    def run(self, seconds: float) -> None:
        """Let the link work for ``seconds``: read the program, deliver what is due."""
        deadline = time.perf_counter() + seconds
        while True:
            now = time.perf_counter()
            while self._due and self._due[0][0] <= now:
                _, _, up, data = heapq.heappop(self._due)
                if up:
                    os.write(self.master, data)
                else:
                    self._deliver(now, data)
            if now >= deadline:
                return
            wait = deadline - now
            if self._due:
                wait = min(wait, max(0.0, self._due[0][0] - now))
            ready, _, _ = select.select([self.master], [], [], wait)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    data = b""
                if data:
                    self._send(time.perf_counter(), data)

    def _send(self, now: float, data: bytes) -> None:
        """Bytes the program wrote, sent over the link in pieces, in order."""
        self.received += data
        for start in range(0, len(data), PIECE):
            piece = data[start : start + PIECE]
            self._free = max(self._free, now) + len(piece) / self.rate
            self._schedule(self._free + self.latency, False, piece)

    def _deliver(self, now: float, data: bytes) -> None:
        self.stream.feed(data)
        for answer in self._answering.answers:
            self._schedule(now + self.latency, True, answer.encode())
        self._answering.answers.clear()
        screen = self.screen
        changed = False
        for y in screen.dirty:  # only the rows pyte touched are looked at (it is slow)
            row = screen.buffer[y]
            text = "".join(row[x].data for x in range(screen.columns))
            if text != self._rows[y]:
                self._rows[y] = text
                changed = True
        screen.dirty.clear()
        if changed:
            self.shown_at.append((now, len(self.received)))

    def settle(self, quiet: float = 1.0, timeout: float = 60.0) -> int:
        """Run until nothing is in flight and the program was silent for ``quiet``
        seconds; the bytes read meanwhile."""
        before = len(self.received)
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            size = len(self.received)
            self.run(quiet)
            if len(self.received) == size and not self._due:
                break
        return len(self.received) - before

    def read(self, timeout: float = 0.05) -> int:
        """Let the link work for ``timeout`` (what :meth:`wait_for` waits with); the bytes
        read meanwhile."""
        before = len(self.received)
        self.run(timeout)
        return len(self.received) - before

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def __enter__(self) -> Self:
        return self
