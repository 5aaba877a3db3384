"""A slow link: 30 ``j`` typed 33 ms apart over a 4,000 B/s link with 150 ms latency.

The terminal is tests/slow_terminal.py: a real pty at 200×60, read at once as sshd
reads it, its bytes reaching the screen (pyte) at 4,000 B/s, 150 ms after they are
sent; keys and the terminal's answers reach the program 150 ms after they leave. The
figures: the bytes written from the first key on, and the time from the first key
typed to the last change of the screen, beside ``less`` scrolling the same story the
same way in the same run. The final screen must be the one a full repaint (Ctrl+L)
gives, else the figure is a failure, not a number.
"""

from __future__ import annotations

import time
from pathlib import Path

from harness import Figure, Table, belga, installed, isolated_env, peer
from reading import corpus, dumped

from tests.slow_terminal import SlowTerminal

KEYS = 30
GAP = 0.033
COLUMNS, LINES = 200, 60


def scroll(term: SlowTerminal, keys: int = KEYS, gap: float = GAP) -> tuple[int, float]:
    """``keys`` j typed ``gap`` apart: (bytes written from the first key on, seconds
    from the first key typed to the last change of the screen)."""
    term.settle()
    offset, start = len(term.received), time.perf_counter()
    for _ in range(keys):
        term.type("j")
        term.run(gap)
    term.settle()
    moved = [when for when, _ in term.shown_at if when >= start]
    return len(term.received) - offset, (moved[-1] - start) if moved else 0.0


def _belga(folder: Path) -> tuple[int, float]:
    stories = corpus(folder)
    env = isolated_env(folder / "slow")
    with SlowTerminal([belga(), str(stories)], COLUMNS, LINES, env) as term:
        term.wait_for("Stories")
        term.type("gj\r")
        term.wait_for("Lead paragraph opening")
        size, seconds = scroll(term)
        scrolled = term.text()
        term.type("\x0c")  # Ctrl+L: every cell written again
        term.settle()
        if term.text() != scrolled:
            raise RuntimeError("the screen after the keys is not the screen repainted")
        term.type("q")
        term.type("q")
        term.settle(0.3)
    return size, seconds


def _less(folder: Path) -> tuple[int, float]:
    text = dumped(corpus(folder), folder / "slow-medium.txt", 100)
    with SlowTerminal(["less", str(text)], COLUMNS, LINES) as term:
        term.wait_for("Paragraph")
        size, seconds = scroll(term)
        term.type("q")
        term.settle(0.3)
    return size, seconds


def slow_link(table: Table, folder: Path) -> None:
    size, seconds = _belga(folder)
    less = _less(folder) if installed("less") else None
    table.add(
        Figure(
            f"slow link: {KEYS} j, 4,000 B/s, 150 ms, 200×60",
            size,
            "B",
            6 * 1024,
            peers=[peer("less", None if less is None else less[0], "B")],
        )
    )
    table.add(
        Figure(
            "  first key → screen stops moving",
            seconds,
            "s",
            2.5,
            peers=[peer("less", None if less is None else less[1], "s")],
        )
    )
