"""belga's user-facing figures, each beside its goal, against peers in the same run.

    python bench/bench.py [--rounds N] [--only NAME ...]

Every figure a user feels is measured in a real pseudo-terminal (120×40) running the
installed ``belga``: from the keystroke (or the process start) to the *last byte* of
the paint it causes (the paint ends after 250 ms of silence), with the bytes written.
Whole commands (``--dump``, ``--version``) are timed as processes. Peers run in the same
run on the same input: a minimal Textual app, w3m, lynx, less, python -c pass; a peer
that is not installed is printed as skipped (``apt-get install w3m lynx less``).

Each figure is printed beside its goal (issue 13) with PASS or MISS, and the script
exits with status 1 if any figure misses. The machine matters: compare with the peers
of the same run. Run by hand, not in CI. Everything it writes is in one temporary
folder, removed at the end whatever happens.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from harness import Table, scratch
from living import filtering, memory, related
from reading import key_waits, opening
from slow_link import slow_link
from starting import cached_starts, commands, first_screen


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="samples per figure (median)")
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help=(
            "run only these groups: commands start cached open keys filter memory related slowlink"
        ),
    )
    args = parser.parse_args()
    rounds = args.rounds
    # As on a user's machine: byte-code cached (this workplace may turn caching off).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    table = Table()
    with scratch() as folder:
        minimal: list[float] = [0.18]

        def start(table: Table) -> None:
            minimal[0] = first_screen(table, folder / "start", rounds)

        groups: dict[str, Callable[[Table], None]] = {
            "commands": lambda t: commands(t, mkdir(folder / "commands"), rounds),
            "start": lambda t: start(t),
            "cached": lambda t: cached_starts(t, mkdir(folder / "cached"), rounds, minimal[0]),
            "open": lambda t: opening(t, mkdir(folder / "open"), rounds),
            "keys": lambda t: key_waits(t, folder / "open", 3),
            "filter": lambda t: filtering(t, mkdir(folder / "filter")),
            "memory": lambda t: memory(t, mkdir(folder / "memory")),
            "related": lambda t: related(t, mkdir(folder / "related"), rounds),
            "slowlink": lambda t: slow_link(t, mkdir(folder / "slowlink")),
        }
        (folder / "start").mkdir()
        for name, run in groups.items():
            if not args.only or name in args.only:
                table.section(name, run)
    misses = table.misses()
    print(f"\n{len(table.judged()) - len(misses)} PASS, {len(misses)} MISS")
    return 1 if misses else 0


def mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


if __name__ == "__main__":
    sys.exit(main())
