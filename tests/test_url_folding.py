"""Long URLs are folded at their separators, never mid-word where a separator is on the
line, and lose no character (tester report 2, item 9: the ``o`` box at 60×20 showed
``…/sample-brussels-canal-quarter-pla`` / ``n``). The rule (core/render/cells.py) on its
own, and the ``o`` box drawn by Pilot at 60×20."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.waiting import settle
from tui.cli import demo_folder
from tui.core.render.cells import fold_words, url_lines, width
from tui.core.render.document import Link
from tui.ui.app import create_app
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar

CANAL = "https://newsroom.example/sample-brussels-canal-quarter-plan"
SEPARATORS = "/?&=-."


def test_a_url_breaks_after_its_separators() -> None:
    assert url_lines(CANAL, 40) == [
        "https://newsroom.example/sample-",
        "brussels-canal-quarter-plan",
    ]
    assert url_lines(CANAL, 100) == [CANAL]
    query = "https://example.org/search?q=belgian-defence&page=2&sort=newest"
    for line in url_lines(query, 20)[:-1]:
        assert line[-1] in SEPARATORS, line


def test_a_part_with_no_separator_is_cut_at_the_line_end() -> None:
    url = "https://example.org/" + "x" * 50
    lines = url_lines(url, 24)
    assert "".join(lines) == url
    assert all(width(line) <= 24 for line in lines)


@given(st.text(alphabet="abc/?&=-.:日é", max_size=200), st.integers(min_value=1, max_value=60))
def test_nothing_is_lost_and_no_line_is_too_wide(url: str, room: int) -> None:
    lines = url_lines(url, room)
    assert "".join(lines) == url
    assert all(width(line) <= max(room, 2) for line in lines)
    assert all(lines) or url == ""


@pytest.mark.timeout(60)
async def test_the_link_box_at_60_by_20_folds_the_url_at_separators() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.push_screen(ExternalLinkScreen(Link(0, CANAL, "Brussels canal"), story=True))
        await settle(pilot)
        box = app.screen.query_one("#external-url")
        rows = app.screen._compositor.render_strips()
        region = box.content_region
        shown = [
            rows[y].crop(region.x, region.right).text.rstrip()
            for y in range(region.y, region.bottom)
        ]
        assert "".join(shown) == CANAL, shown
        assert all(line[-1] in SEPARATORS for line in shown[:-1]), shown


def test_words_fold_at_spaces_and_a_long_url_at_its_separators() -> None:
    said = f"Copied {CANAL}"
    assert fold_words(said, 58) == [
        "Copied https://newsroom.example/sample-brussels-canal-",
        "quarter-plan",
    ]
    assert fold_words(said, 100) == [said]
    assert fold_words("one two three", 7) == ["one two", "three"]
    no_break = "Copied " + "x" * 30
    assert fold_words(no_break, 20) == ["Copied", "x" * 20, "x" * 10]


@given(st.text(alphabet="ab /.-:", max_size=120), st.integers(min_value=1, max_value=40))
def test_folded_words_keep_every_word(text: str, room: int) -> None:
    lines = fold_words(text, room)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line) <= max(room, 2) for line in lines)


@pytest.mark.timeout(60)
async def test_a_copied_url_in_the_status_line_at_60_columns_breaks_at_a_separator() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.notify(f"Copied {CANAL}", timeout=30)
        await pilot.pause()
        bar = app.reader.query_one(KeyBar)
        lines = [line.strip() for line in bar.render().plain.split("\n")]
        assert lines == ["Copied https://newsroom.example/sample-brussels-canal-", "quarter-plan"]
