"""The store alone on 10,000 stories: what start-up and the list filter cost inside it.

    python bench/bench_store.py [--stories N] [--keep]

Not a user-facing figure (those are ``bench.py``'s, measured in a real terminal): this
splits the store's share out of them. Figures are medians in milliseconds. The database
is written to a temporary folder that is always removed, unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from corpus import build_cache
from living import TYPED

from tui.core.store.database import Store


def _median_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        run()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), max(times)


def bench_store(path: Path, count: int = 10_000, repeat: int = 7) -> dict[str, float]:
    """Build a store of ``count`` stories at ``path`` and measure it; figures in ms."""
    figures: dict[str, float] = {}
    begin = time.perf_counter()
    build_cache(path, count)
    figures["build"] = (time.perf_counter() - begin) * 1000
    figures["file_mb"] = path.stat().st_size / 1_048_576

    def start_up() -> int:  # what belga reads before its first paint
        with Store.open(path) as store:
            return len(store.front_page_top(200)[0])

    def open_only() -> None:
        Store.open(path).close()

    figures["open"], _ = _median_ms(open_only, repeat)
    figures["open+first_screen"], figures["open+first_screen_max"] = _median_ms(start_up, repeat)
    with Store.open(path) as store:
        # The whole list, read in a thread after the first paint.
        figures["front_page_lines"], _ = _median_ms(store.front_page_lines, repeat)
        # Done in the same thread once the list is read, before any keystroke.
        figures["prepare_search"], _ = _median_ms(store.prepare_search, 1)
        keystrokes = []
        for query in TYPED:
            for end in range(1, len(query) + 1):
                # What the filter asks (in a thread) at each keystroke.
                keystrokes.append(_median_ms(partial(store.matching, query[:end]), 3)[0])
        figures["search_keystroke"] = statistics.median(keystrokes)
        figures["search_keystroke_max"] = max(keystrokes)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database and say where")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="belga-bench-store-"))
    try:
        figures = bench_store(folder / "belga.sqlite3", args.stories)
        for name, value in figures.items():
            unit = "MB" if name == "file_mb" else "ms"
            print(f"{name:>22}: {value:9.1f} {unit}")
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
