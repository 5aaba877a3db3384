"""Figures of a long session: the filter over 10,000 stories, idling, memory, related links."""

from __future__ import annotations

import sys
import time
import urllib.request
from pathlib import Path

from corpus import build_cache, write_story
from harness import BACK, MINIMAL_APP, Figure, Pty, Table, belga, isolated_env, median, peer

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer

TYPED = ("brussels harbour", "prevot", "défence industry", "zzz", "strike railway ghent")


def filtering(table: Table, folder: Path) -> None:
    """Typing in the list filter over 10,000 cached stories (bodies searched in the store):
    each keystroke to the last byte of its paint; then a second idling in the filter."""
    cache = folder / "cache-filter"
    build_cache(cache / "belga.sqlite3", 10_000, words=720)
    samples: list[float] = []
    with Pty([belga(), "--offline", "--cache-dir", str(cache)], env=isolated_env(folder)) as term:
        term.start_paint(b"Stories")
        term.press("/")
        for query in TYPED:
            samples.extend(term.press(letter).seconds for letter in query)
            term.press("\x15")  # Ctrl+U: the filter emptied, not timed
        before = len(term.received)
        term.read_raw(0)
        end = time.perf_counter() + 2.0
        while time.perf_counter() < end:
            term.read_raw(end - time.perf_counter())
        idle = (len(term.received) - before) / 2.0
        term.quit("\x1bq")
    table.add(
        Figure("filter keystroke → paint, 10k stories (median)", median(samples), "ms", 0.015)
    )
    table.add(Figure("  slowest keystroke", max(samples), "ms", 0.030))
    table.add(Figure("idle with the filter focused", idle, "B/s", 0))


def memory(table: Table, folder: Path, opens: int = 120) -> None:
    """Resident memory after ``opens`` story opens in a real terminal, and its growth."""
    stories = folder / "many"
    stories.mkdir()
    count = 40
    for index in range(count):
        write_story(stories, f"m{index:02}", f"Story {index}", 1 + index % 28, 1500)
    sizes: list[float] = []
    with Pty([belga(), str(stories)], env=isolated_env(folder)) as term:
        term.start_paint(b"Stories")
        for index in range(opens):
            term.press(("g" if index % count == 0 else "j") + "\r")
            term.press(BACK, quiet=0.1)
            sizes.append(term.rss_mb())
        term.quit()
    with Pty([sys.executable, "-c", MINIMAL_APP]) as term:
        term.start_paint(b"MINIMAL-READY")
        minimal = term.rss_mb()
    growth = (sizes[-1] - sizes[19]) / (opens - 20)
    table.add(
        Figure(
            f"RSS after {opens} story opens",
            sizes[-1],
            "MB",
            80,
            peers=[peer("minimal Textual app", minimal, "MB")],
        )
    )
    table.add(Figure("  growth per open (opens 20 → last)", growth, "MB", 0.05))


DELAY = 0.3


def related(table: Table, folder: Path, rounds: int = 3) -> None:
    """All 5 related links loaded, from the story on screen, at 300 ms per request: the
    median of ``rounds`` sessions (each with an empty cache), over the median request."""
    slugs = tuple(f"related-{n}" for n in range(1, 6))
    singles: list[float] = []
    waits: list[float] = []
    with NewsroomServer(delay=DELAY) as server:
        for index, slug in enumerate(slugs):
            server.stories[slug] = small_story(server.url, slug, f"Related story {index}", ())
        server.stories["top"] = small_story(server.url, "top", "Top story", slugs)
        for round_ in range(rounds):
            start = time.perf_counter()
            with urllib.request.urlopen(
                server.story_url(f"related-{round_ % 5 + 1}") + ".json"
            ) as answer:
                answer.read()
            singles.append(time.perf_counter() - start)
            waits.append(_related_wait(server, folder / f"round-{round_}"))
    single = median(singles)
    table.add(
        Figure(
            "all 5 related links at 300 ms latency",
            median(waits) / single,
            "x",
            1.1,
            "≤ 1.1× one request",
            peers=[f"one request {single * 1000:.0f} ms"],
        )
    )


def _related_wait(server: NewsroomServer, folder: Path) -> float:
    """One session: from the story on screen to the screen showing its 5 links loaded."""
    argv = [belga(), "--newsroom", server.url, server.story_url("top")]
    with Pty(argv, env=isolated_env(folder)) as term:
        term.start_paint(b"Top story", quiet=2 * DELAY + 0.5)
        shown = loaded = None
        for _, arrival, screen in term.screens():
            text = "\n".join(screen.display)
            if shown is None and "Top story" in text:
                shown = arrival
            if shown is not None and text.count("✓") >= 5:
                loaded = arrival
                break
        term.quit()
    if shown is None or loaded is None:
        raise RuntimeError("the related links never all loaded")
    return loaded - shown
