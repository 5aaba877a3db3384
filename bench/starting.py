"""Figures of starting: whole commands (``--dump``, ``--version``) and the first screen."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import REAL_STORY, body_of, build_cache, write_html, write_story
from harness import (
    MINIMAL_APP,
    Figure,
    Paint,
    Pty,
    Table,
    belga,
    installed,
    isolated_env,
    median,
    peer,
    process_seconds,
    seconds,
    size,
)

HTML2TEXT = "import html2text, sys; sys.stdout.write(html2text.html2text(open(sys.argv[1]).read()))"


def commands(table: Table, folder: Path, rounds: int) -> None:
    """``belga --dump`` and ``--version``, whole processes, against w3m, lynx, python."""
    env = isolated_env(folder)
    real = write_html(folder / "real.html", "Real story", body_of(REAL_STORY))
    long_story = write_story(folder, "long", "Thirty-one thousand words", 1, 31_000)
    long_html = write_html(folder / "long.html", "Long", body_of(long_story))

    def time_of(argv: list[str]) -> float | None:
        if installed(argv[0]) is None and not Path(argv[0]).exists():
            return None
        return median(process_seconds(argv, rounds, env))

    dump = time_of([belga(), "--dump", str(REAL_STORY), "--width", "80"])
    assert dump is not None
    table.add(
        Figure(
            "belga --dump real story (whole process)",
            dump,
            "ms",
            0.060,
            peers=[
                peer("w3m", time_of(["w3m", "-dump", str(real)]), "ms"),
                peer("lynx", time_of(["lynx", "-dump", str(real)]), "ms"),
                peer(
                    "python+html2text", time_of([sys.executable, "-c", HTML2TEXT, str(real)]), "ms"
                ),
            ],
        )
    )
    long_dump = time_of([belga(), "--dump", str(long_story), "--width", "80"])
    assert long_dump is not None
    table.add(
        Figure(
            "belga --dump 31k words",
            long_dump,
            "ms",
            0.100,
            peers=[peer("w3m", time_of(["w3m", "-dump", str(long_html)]), "ms")],
        )
    )
    version = time_of([belga(), "--version"])
    assert version is not None
    table.add(
        Figure(
            "belga --version",
            version,
            "ms",
            0.040,
            peers=[peer("python -c pass", time_of([sys.executable, "-c", "pass"]), "ms")],
        )
    )


def start_paints(argv: list[str], rounds: int, env: dict[str, str], needle: bytes) -> list[Paint]:
    """Start → the last byte of the start-up paint showing ``needle``, ``rounds`` times."""
    paints = []
    for _ in range(rounds):
        with Pty(argv, env=env) as term:
            paints.append(term.start_paint(needle))
    return paints


def first_screen(table: Table, folder: Path, rounds: int) -> float:
    """``belga --demo``'s start against a minimal Textual app and w3m; the minimal median."""
    env = isolated_env(folder)
    start_paints(
        [belga(), "--demo"], 1, env, b"Stories"
    )  # the config file written, byte-code cached
    demo = start_paints([belga(), "--demo"], rounds, env, b"Stories")
    minimal = start_paints([sys.executable, "-c", MINIMAL_APP], rounds, env, b"MINIMAL-READY")
    real = write_html(folder / "real.html", "Real story", body_of(REAL_STORY))
    w3m = start_paints(["w3m", str(real)], rounds, env, b"Real story") if installed("w3m") else None
    minimal_s = median([p.seconds for p in minimal])
    table.add(
        Figure(
            "first paint, --demo (start → last byte)",
            median([p.seconds for p in demo]),
            "ms",
            minimal_s + 0.060,
            "≤ minimal + 60 ms",
            peers=[
                peer("minimal Textual app", minimal_s, "ms"),
                peer("w3m", seconds(w3m), "ms"),
            ],
        )
    )
    table.add(
        Figure(
            "start-up output, --demo",
            median([p.size for p in demo]),
            "B",
            20 * 1024,
            peers=[
                peer("minimal Textual app", median([p.size for p in minimal]), "B"),
                peer("w3m", size(w3m), "B"),
            ],
        )
    )
    return minimal_s


def cached_starts(table: Table, folder: Path, rounds: int, minimal: float) -> None:
    """``belga --offline`` on caches of 10,000 and 50,000 stories: start → list painted."""
    for count, goal in ((10_000, 0.3), (50_000, 0.4)):
        cache = folder / f"cache-{count}"
        build_cache(cache / "belga.sqlite3", count, words=60)
        env = isolated_env(folder)
        argv = [belga(), "--offline", "--cache-dir", str(cache)]
        start_paints(argv, 1, env, b"Stories")
        paints = start_paints(argv, rounds, env, b"Stories")
        table.add(
            Figure(
                f"start with {count:,} cached stories",
                median([p.seconds for p in paints]),
                "s",
                goal,
                f"≤ {goal} s",
                peers=[peer("minimal Textual app", minimal, "s")],
            )
        )
