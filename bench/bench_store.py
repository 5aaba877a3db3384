"""The store's figures on 10,000 stories: start-up and the list filter.

    python bench/bench_store.py [--stories N] [--keep]

Targets (issue): the list of 10,000 cached stories shows in under 1 s from start-up,
and the filter answers each keystroke in under 50 ms. Nothing fails here: the figures
are medians over repeated runs, printed for a person to compare within one run.

What is measured:
- ``build``: writing the stories and the feed in one transaction (a first import);
- ``open``: opening the file (with its integrity check) and ``open+front_page``: that
  plus loading the 10,000 list lines, as the app does on start;
- ``search``: one call per keystroke while typing queries, the median and the worst.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.model.story import Story  # noqa: E402
from tui.core.net.feed import FeedEntry  # noqa: E402
from tui.core.store.database import Store  # noqa: E402

HOST = "https://newsroom.example"
NAMES = (
    "Brussels", "Antwerp", "Ghent", "Liège", "Namur", "Flanders", "Wallonia", "minister",
    "government", "budget", "harbour", "railway", "strike", "police", "court", "football",
    "cycling", "weather", "energy", "prices", "housing", "school", "university", "hospital",
    "climate", "Prévot", "federal", "regional", "council", "mayor", "election", "defence",
    "industry", "trade", "mission", "Turkey", "Europe", "tariffs", "museum", "festival",
    "airport", "Zaventem", "motorway", "traffic", "bridge", "tunnel", "Scheldt", "Meuse",
)  # fmt: skip
SYLLABLES = ("ba", "ker", "lo", "mi", "tra", "ven", "sto", "del", "ru", "pa", "gen", "or")
TYPED = ("brussels harbour", "prevot", "défence industry", "zzz", "strike railway ghent")


def _vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Words and cumulative weights following Zipf's law, as words of news do.

    The named words are spread over the ranks, so that some are in most stories
    ("Brussels") and some in a few ("Zaventem").
    """
    words = list(
        dict.fromkeys(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
            for _ in range(size * 2)
        )
    )[:size]
    for index, name in enumerate(NAMES):
        words.insert(5 + index * 90, name)
    total = 0.0
    cumulative = []
    for rank in range(len(words)):
        total += 1 / (rank + 1)
        cumulative.append(total)
    return words, cumulative


def _body(rng: random.Random, vocabulary: tuple[list[str], list[float]], words: int) -> str:
    """A Prezly-like body: paragraphs of 60 words, ``words`` words in all."""
    picked = rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=words)
    return "".join(
        f'<p style="text-align: left">{" ".join(picked[start : start + 60])}.</p>'
        for start in range(0, words, 60)
    )


def build(path: Path, count: int, seed: int = 1) -> None:
    """A store of ``count`` stories (~700 words, ~5 KB each) all listed in the feed."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    start = datetime(2026, 11, 20, 9, 0)
    with Store.open(path) as store, store.transaction():
        entries = []
        for index in range(count):
            title = " ".join(rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=8))
            when = start - timedelta(hours=index)
            story = Story(
                title=title.capitalize(),
                body_html=_body(rng, vocabulary, 720),
                url=f"{HOST}/story-{index}",
                published_at=when,
                author="Belga",
            )
            store.put_story(story, None, f'"etag-{index}"', None)
            entries.append(FeedEntry(story.url, story.title, when, ""))
        store.put_feed(entries)


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
    build(path, count)
    figures["build"] = (time.perf_counter() - begin) * 1000
    figures["file_mb"] = path.stat().st_size / 1_048_576

    def start_up() -> int:
        with Store.open(path) as store:
            return len(store.front_page())

    def open_only() -> None:
        Store.open(path).close()

    figures["open"], _ = _median_ms(open_only, repeat)
    figures["open+front_page"], figures["open+front_page_max"] = _median_ms(start_up, repeat)
    with Store.open(path) as store:
        figures["front_page"], _ = _median_ms(store.front_page, repeat)
        keystrokes = []
        for query in TYPED:
            for end in range(1, len(query) + 1):
                typed = query[:end]
                keystrokes.append(_median_ms(partial(store.search, typed), 3)[0])
        figures["search_keystroke"] = statistics.median(keystrokes)
        figures["search_keystroke_max"] = max(keystrokes)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database and say where")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="belga-bench-"))
    figures = bench_store(folder / "store.sqlite", args.stories)
    targets = {"open+front_page": "< 1000 ms", "search_keystroke_max": "< 50 ms"}
    for name, value in figures.items():
        unit = "MB" if name == "file_mb" else "ms"
        print(f"{name:>22}: {value:9.1f} {unit}  {targets.get(name, '')}")
    if args.keep:
        print(f"kept: {folder}")


if __name__ == "__main__":
    main()
