"""What every benchmark shares: a recorded pseudo-terminal, timed processes, the table.

A figure the user feels is measured the way the user feels it: the program runs in a
real pseudo-terminal; a key is written to it; every chunk the program writes back is
recorded with its arrival time; the paint is over when the program has been silent for
``QUIET`` seconds (quiescence), and the figure is the time from the key to the *last*
byte of that paint, and the bytes it took. Nothing is parsed while the clock runs: the
screen is rebuilt afterwards (pyte) from the recorded chunks when a figure needs it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import pyte

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.terminal import Terminal, installed_command  # noqa: E402

QUIET = 0.25
"""Seconds of silence after which a paint counts as finished."""

BACK = "q"
"""From a story back to the list (at 120 columns a story shows with its sidebar only)."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("MINIMAL-READY")
Minimal().run()
"""


def belga() -> str:
    return installed_command()


# --- a recorded pseudo-terminal ------------------------------------------------------


@dataclass(frozen=True)
class Paint:
    """What one key (or a start) caused: seconds to the last byte, and the bytes."""

    seconds: float
    size: int


class Pty(Terminal):
    """A program in a pseudo-terminal whose output is recorded with arrival times."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        super().__init__(argv, 120, 40, env)
        self.chunks: list[tuple[float, int]] = []  # (arrival, end offset in received)
        self._replay = pyte.Screen(120, 40)
        self._replayed = 0  # chunks fed to the replay screen

    def read_raw(self, timeout: float) -> int:
        count = super().read_raw(timeout)
        if count:
            self.chunks.append((time.perf_counter(), len(self.received)))
        return count

    def quiesce(
        self, since: float, offset: int | None = None, quiet: float = QUIET, timeout: float = 30.0
    ) -> Paint:
        """Record until ``quiet`` seconds pass without output; the paint since the time
        ``since``, when ``offset`` bytes had been received (default: now)."""
        offset = len(self.received) if offset is None else offset
        deadline = time.perf_counter() + timeout
        while self.read_raw(quiet) and time.perf_counter() < deadline:
            pass
        last = self.chunks[-1][0] if self.chunks else since
        return Paint(max(0.0, last - since), len(self.received) - offset)

    def press(self, keys: str, quiet: float = QUIET) -> Paint:
        """Write ``keys`` and record the paint they cause, to its last byte."""
        start, offset = time.perf_counter(), len(self.received)
        self.send(keys)
        return self.quiesce(start, offset, quiet)

    def start_paint(self, needle: bytes, quiet: float = 0.5) -> Paint:
        """The start-up: from the process start to the last byte of the paint that shows
        ``needle`` (so an error screen or a blank one is not timed as a start)."""
        self.wait_for_bytes(needle, timeout=30)
        paint = self.quiesce(self.started, 0, quiet)
        return Paint(paint.seconds, len(self.received))

    def screens(self, since: int = 0) -> Iterator[tuple[int, float, pyte.Screen]]:
        """Replay the recording: (chunk index, arrival, screen) after each chunk from chunk
        ``since`` on. The replay goes on from where the last one stopped when it can."""
        if self._replayed > since:
            self._replay = pyte.Screen(self.columns, self.lines)
            self._replayed = 0
        stream = pyte.ByteStream(self._replay)
        while self._replayed < len(self.chunks):
            index = self._replayed
            start = self.chunks[index - 1][1] if index else 0
            arrival, end = self.chunks[index]
            stream.feed(bytes(self.received[start:end]))
            self._replayed += 1
            if index >= since:
                yield index, arrival, self._replay

    def shown(self, text: str, since: int) -> tuple[int, float]:
        """The first chunk from ``since`` after which ``text`` is on the (replayed) screen:
        its index and arrival. Raises if it never was."""
        for index, arrival, screen in self.screens(since):
            if any(text in row for row in screen.display):
                return index, arrival
        raise RuntimeError(f"{text!r} was never on screen")

    def rss_mb(self) -> float:
        """The program's resident memory now, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    def quit(self, keys: str = "q") -> None:
        self.send(keys)
        with suppress(TimeoutError):
            self.wait_exit(5)

    def __enter__(self) -> Self:
        return self


# --- whole processes -----------------------------------------------------------------


def process_seconds(
    argv: Sequence[str], rounds: int, env: dict[str, str] | None = None
) -> list[float]:
    """Wall time of running ``argv`` to its end, output to a pipe, ``rounds`` times."""
    environment = {**os.environ, **(env or {})}
    subprocess.run(argv, capture_output=True, env=environment, check=False)  # warm caches
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, env=environment, check=False)
        samples.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {done.stderr.decode()[-500:]}")
    return samples


def installed(name: str) -> str | None:
    return shutil.which(name)


@contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder, always removed (also on Ctrl+C or a failed figure)."""
    folder = Path(tempfile.mkdtemp(prefix="belga-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def isolated_env(folder: Path) -> dict[str, str]:
    """belga's config and cache kept in ``folder``, away from the user's."""
    return {
        "BELGA_CONFIG_DIR": str(folder / "config"),
        "BELGA_CACHE_DIR": str(folder / "cache"),
        "BELGA_DATA_DIR": str(folder / "data"),
    }


# --- figures and the table -----------------------------------------------------------


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def seconds(paints: Sequence[Paint] | None) -> float | None:
    """The median time of ``paints`` (None for a skipped peer)."""
    return None if paints is None else median([paint.seconds for paint in paints])


def size(paints: Sequence[Paint] | None) -> float | None:
    """The median bytes of ``paints`` (None for a skipped peer)."""
    return None if paints is None else median([paint.size for paint in paints])


@dataclass
class Figure:
    """One user-facing figure beside its goal (``value <= goal`` passes)."""

    what: str
    value: float
    unit: str
    goal: float | None
    goal_text: str = ""
    peers: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.goal is None or self.value <= self.goal

    def row(self) -> str:
        verdict = "" if self.goal is None else ("PASS" if self.passed else "MISS")
        goal = self.goal_text or (f"≤ {fmt(self.goal, self.unit)}" if self.goal is not None else "")
        return (
            f"{self.what:<48} {fmt(self.value, self.unit):>10}  {goal:<18} {verdict:<4}  "
            + "; ".join(self.peers)
        )


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "B":
        return f"{value / 1024:.1f} KB" if value >= 1024 else f"{value:.0f} B"
    if unit == "B/s":
        return f"{value:.0f} B/s"
    if unit == "MB":
        return f"{value:.2f} MB" if value < 1 else f"{value:.1f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:g} {unit}"


def peer(name: str, value: float | None, unit: str) -> str:
    """A peer's figure for the table, or that it was skipped."""
    return f"{name} skipped (not installed)" if value is None else f"{name} {fmt(value, unit)}"


class Table:
    """Figures printed as they come, and the verdict at the end."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        print(f"{'figure':<48} {'belga':>10}  {'goal':<18} {'':<4}  peers (same run)")

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        print(figure.row(), flush=True)

    def section(self, title: str, run: Callable[[Table], None]) -> None:
        """Run one group of figures; a group that fails is a miss, the others still run."""
        try:
            run(self)
        except Exception as error:  # a broken group must not hide the other figures
            self.add(Figure(f"{title}: FAILED ({type(error).__name__}: {error})", 1, "", 0))

    def judged(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.goal is not None]

    def misses(self) -> list[Figure]:
        return [figure for figure in self.figures if not figure.passed]
