"""What the benchmarks read: story files of a given length and caches of many stories."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from harness import ROOT

from tests.stories import story
from tui.core.model.story import Story
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store

REAL_STORY = ROOT / "tui" / "demo" / "belgian-defence-industry-turkey.json"
HOST = "https://newsroom.example"
WORD = "Brussels harbour committee Prévot “quoted” plans rail budget"


def body(words: int, tag: str = "", varied: bool = False) -> str:
    """A Prezly-like body of about ``words`` words: bold lead, links, headings.

    Its paragraphs all say the same sentence unless ``varied``: then each is drawn from
    a vocabulary of news words (seeded, so every run reads the same text). A figure of
    what a scroll writes needs ``varied``: lines that repeat every paragraph would be
    found again on the screen by any writer that diffs, as real text never is.
    """
    rng = random.Random(f"{tag}{words}")
    vocabulary = _vocabulary(rng) if varied else None
    parts = [f"<p><strong>Lead paragraph opening {tag}{words} words.</strong></p>"]
    count = 0
    index = 0
    while count < words:
        index += 1
        if index % 12 == 0:
            parts.append(f'<h4 id="s{index}">Section {index}</h4>')
        sentence = second = " ".join([WORD] * 6)
        if vocabulary is not None:
            sentence, second = (_sentence(rng, vocabulary, 48) for _ in range(2))
        parts.append(
            f'<p>Paragraph {index}. {sentence} <a href="{HOST}/s{index}">'
            f"<strong>linked {index}</strong></a> and &ldquo;more&rdquo; text {second}.</p>"
        )
        count += 8 * 12 + 6
    return "".join(parts)


def write_story(
    folder: Path, name: str, title: str, day: int, words: int, varied: bool = False
) -> Path:
    path = folder / f"{name}.json"
    when = f"2026-11-{day:02} 09:00:00"
    path.write_text(json.dumps(story(name, title, when, body(words, f"{name} ", varied))))
    return path


def write_html(path: Path, title: str, html: str) -> Path:
    """A story body as a web page, for the peers (w3m, lynx, html2text) to read."""
    path.write_text(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{html}")
    return path


def body_of(path: Path) -> str:
    """The body HTML of a story file."""
    return str(json.loads(path.read_text())["body"])


# --- caches of many stories ------------------------------------------------------------

NAMES = (
    "Brussels", "Antwerp", "Ghent", "Liège", "Namur", "Flanders", "Wallonia", "minister",
    "government", "budget", "harbour", "railway", "strike", "police", "court", "football",
    "cycling", "weather", "energy", "prices", "housing", "school", "university", "hospital",
    "climate", "Prévot", "federal", "regional", "council", "mayor", "election", "defence",
    "industry", "trade", "mission", "Turkey", "Europe", "tariffs", "museum", "festival",
    "airport", "Zaventem", "motorway", "traffic", "bridge", "tunnel", "Scheldt", "Meuse",
)  # fmt: skip
SYLLABLES = ("ba", "ker", "lo", "mi", "tra", "ven", "sto", "del", "ru", "pa", "gen", "or")


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


def _sentence(rng: random.Random, vocabulary: tuple[list[str], list[float]], words: int) -> str:
    picked = rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=words)
    picked[rng.randrange(words)] = "“quoted”"
    return " ".join(picked)


def _body(rng: random.Random, vocabulary: tuple[list[str], list[float]], words: int) -> str:
    """Paragraphs of 60 words, ``words`` words in all."""
    picked = rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=words)
    return "".join(
        f'<p style="text-align: left">{" ".join(picked[start : start + 60])}.</p>'
        for start in range(0, words, 60)
    )


def build_cache(path: Path, count: int, words: int = 720, seed: int = 1) -> None:
    """A store of ``count`` stories of ``words`` words, all listed in the feed."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    start = datetime(2026, 11, 20, 9, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path) as store, store.transaction():
        entries = []
        for index in range(count):
            title = " ".join(rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=8))
            when = start - timedelta(hours=index)
            cached = Story(
                title=title.capitalize(),
                body_html=_body(rng, vocabulary, words),
                url=f"{HOST}/story-{index}",
                published_at=when,
                author="Belga",
            )
            store.put_story(cached, None, f'"etag-{index}"', None)
            entries.append(FeedEntry(cached.url, cached.title, when, ""))
        store.put_feed(entries)
