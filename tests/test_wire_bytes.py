"""The wire's bytes are pinned: a seeded run of updates (whole screens, scrolls beside a
sidebar, rows of blanks in several looks, rows changed here and there) written by
tui/ui/wire.py gives the same bytes as before its rows and scrolls were worked out
faster (30 Nov 2026: the digest below was made by the cell-by-cell code)."""

from __future__ import annotations

import hashlib
import io
import random

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.ui.abilities import Abilities
from tui.ui.wire import Shadow

WIDTH, HEIGHT, SPLIT = 60, 16, 44
STYLES = [
    None,
    Style(color="color(253)", bgcolor="color(234)"),
    Style(color="color(253)", bgcolor="color(234)", bold=True),
    Style(color="color(75)", bgcolor="color(234)", underline=True, link="https://x.example/1"),
    Style(color="color(214)", bgcolor="color(234)", bold=True, link="https://x.example/1"),
    Style(color="#102030", bgcolor="#f0f0f0"),
    Style(bgcolor="color(16)"),
]
WORDS = ["news", "Brussels", "é", "rail", "  ", "─", "budget", "x"]
DIGEST = "c661a34ba043f90a79031af0a9c22acaf034a431ddec476e77d5e4873cafb4b5"


def line(rng: random.Random, width: int) -> list[Segment]:
    segments: list[Segment] = []
    left = width
    while left:
        style = rng.choice(STYLES)
        if rng.random() < 0.2:
            text = " " * rng.randint(1, left)
        else:
            text = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))[:left]
        segments.append(Segment(text, style))
        left -= len(text)
    return segments


def updates(rng: random.Random) -> list[ChopsUpdate | LayoutUpdate]:
    story = [line(rng, SPLIT) for _ in range(HEIGHT)]
    side = [line(rng, WIDTH - SPLIT) for _ in range(HEIGHT)]
    blank = [Segment(" " * SPLIT, STYLES[1])]
    result: list[ChopsUpdate | LayoutUpdate] = [
        LayoutUpdate(
            [[Strip(a), Strip(b)] for a, b in zip(story, side, strict=True)],
            Region(0, 0, WIDTH, HEIGHT),
        )
    ]
    for _ in range(40):
        kind = rng.choice(["scroll", "scroll", "rows", "blanks", "whole"])
        rows: set[int] = set()
        if kind == "scroll":
            by = rng.choice([-3, -1, 1, 1, 2, 5])
            moved = (
                story[by:] + [line(rng, SPLIT) for _ in range(by)]
                if by > 0
                else [line(rng, SPLIT) for _ in range(-by)] + story[:by]
            )
            story = moved
            rows = set(range(HEIGHT))
        elif kind == "blanks":
            for y in rng.sample(range(HEIGHT), 6):
                story[y] = blank if rng.random() < 0.7 else [Segment(" " * SPLIT, STYLES[6])]
                rows.add(y)
        elif kind == "whole":
            story = [line(rng, SPLIT) for _ in range(HEIGHT)]
            side = [line(rng, WIDTH - SPLIT) for _ in range(HEIGHT)]
            rows = set(range(HEIGHT))
        else:
            for y in rng.sample(range(HEIGHT), rng.randint(1, 5)):
                story[y] = line(rng, SPLIT)
                rows.add(y)
        sides = set(rng.sample(range(HEIGHT), rng.randint(0, 3)))
        for y in sides:
            side[y] = line(rng, WIDTH - SPLIT)
        if kind == "whole":
            sides = set(range(HEIGHT))
        chops: list[dict[int, Strip | None]] = [{} for _ in range(HEIGHT)]
        ends: list[list[int]] = [[] for _ in range(HEIGHT)]
        spans = []
        for y in range(HEIGHT):
            if y in rows:
                chops[y][0] = Strip(story[y])
                ends[y].append(SPLIT)
            if y in sides:
                chops[y][SPLIT] = Strip(side[y])
                ends[y].append(WIDTH)
            if y in rows or y in sides:
                spans.append((y, 0 if y in rows else SPLIT, WIDTH if y in sides else SPLIT))
        result.append(ChopsUpdate(chops, spans, ends))
    return result


def written() -> str:
    digest = hashlib.sha256()
    console = Console(file=io.StringIO(), color_system="256", width=WIDTH, force_terminal=True)
    for abilities in (
        Abilities(),
        Abilities(ech=True, bce=True),
        Abilities(crlf=True, ech=True),
        Abilities(margins=True, ech=True, bce=True),
    ):
        rng = random.Random(2026)
        for _ in range(3):
            shadow = Shadow(abilities)
            cursor = (0, 0)
            for update in updates(rng):
                digest.update(shadow.write(update, console, WIDTH, HEIGHT, cursor).encode())
                cursor = (rng.randrange(HEIGHT), rng.randrange(WIDTH))
    return digest.hexdigest()


def test_the_bytes_are_those_written_before() -> None:
    assert written() == DIGEST
