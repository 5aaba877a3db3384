"""The byline (date · author · site · reading time) at narrow widths: each fact whole on
a line where it fits, a fact wider than the line wrapped at its spaces, nothing cut
mid-word, nothing past the width: in the layout engine, ``belga --dump --width 30``
(the installed command) and the reading pane at 40 and 30 columns (Pilot)."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from tests.terminal import installed_command
from tests.waiting import settle
from tui.cli import demo_folder
from tui.core.model.story import Story
from tui.core.render.cells import NO_BREAK
from tui.core.render.document import BlockKind
from tui.core.render.layout import layout_block
from tui.core.render.lines import line_width, text_of
from tui.core.render.render import prepare_story
from tui.ui.app import create_app
from tui.ui.widgets.story_view import StoryView

CANAL = demo_folder() / "sample-brussels-canal-quarter-plan.json"
FACTS = ["26 November 2026, 08:30", "belga sample desk", "newsroom.example", "9 min read"]


def byline(width: int, story: Story | None = None) -> list[str]:
    story = story or Story(
        title="A story",
        published_at=datetime(2026, 11, 26, 8, 30),
        author="belga sample desk",
        url="https://newsroom.example/a-story",
        body_html="<p>" + "word " * 2050 + "</p>",
    )
    [meta] = [b for b in prepare_story(story).header() if b.kind is BlockKind.META]
    lines = layout_block(meta, width)
    assert all(line_width(line) <= width for line in lines)
    return [text_of(line).replace(NO_BREAK, " ").rstrip() for line in lines]


def assert_clean(lines: list[str], width: int) -> None:
    """Each fact that fits is whole on one line; no word is cut; nothing overflows."""
    joined = " ".join(lines)
    assert joined.split() == " · ".join(FACTS).split(), lines  # every word whole, in order
    for fact in FACTS:
        if len(fact) + 2 <= width:  # with its " ·"
            assert any(fact in line for line in lines), (fact, lines)
    assert all(len(line) <= width for line in lines), lines


@pytest.mark.parametrize("width", range(20, 61))
def test_each_fact_of_the_byline_stays_whole_where_it_fits(width: int) -> None:
    assert_clean(byline(width), width)


def test_the_byline_at_24_columns_reads_fact_by_fact() -> None:
    assert byline(24) == [
        "26 November 2026,",
        "08:30 ·",
        "belga sample desk ·",
        "newsroom.example ·",
        "9 min read",
    ]
    assert byline(40) == [
        "26 November 2026, 08:30 ·",
        "belga sample desk · newsroom.example ·",
        "9 min read",
    ]


def test_dump_at_30_columns_wraps_the_byline_cleanly() -> None:
    result = subprocess.run(
        [installed_command(), "--dump", str(CANAL), "--width", "30"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = result.stdout.splitlines()
    start = lines.index("26 November 2026, 08:30 ·")
    assert lines[start : start + 3] == [
        "26 November 2026, 08:30 ·",
        "belga sample desk ·",
        "newsroom.example · 9 min read",
    ]
    assert all(len(line) <= 30 for line in lines[: start + 3])


@pytest.mark.parametrize("columns", [40, 30])
async def test_the_reading_pane_wraps_the_byline_cleanly(columns: int) -> None:
    app = create_app([CANAL])
    async with app.run_test(size=(columns, 24)) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        text = view.text.replace(NO_BREAK, " ")
        lines = [line.rstrip() for line in text.splitlines()]
        start = next(i for i, line in enumerate(lines) if line.startswith("26 November"))
        shown = lines[start : start + 6]
        end = next(i for i, line in enumerate(shown) if line.endswith("9 min read"))
        inner = view.scrollable_content_region.width - 1  # as the galley measures it
        assert_clean(shown[: end + 1], inner)
