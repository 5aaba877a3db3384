"""Search finds what the pane shows (tester report 3: in a paragraph shown as
``… softhyphen.`` and ``zerowidthspace``, whose source has U+00AD and U+200B/U+200D/U+2060
inside the words, ``/softhyphen`` and ``/widthspace`` said "no match"). One rule says what
is invisible (model.text.invisible): the display gives it no cell, the search reads
through it, and a word broken at a soft hyphen is found whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_reading_pane import pane, search, styled
from tests.waiting import opened
from tui.core.model.text import INVISIBLE, fold, invisible
from tui.core.render.cells import char_width, width
from tui.ui.app import create_app

PARAGRAPH = (
    "Combining: zero\u200bwidth\u200dsp\u2060ace and \ufeffBOM and soft\u00adhyphen, "
    "a joi\u200cner and emoji\ufe0f."
)


@pytest.mark.parametrize("char", [*INVISIBLE, "\ufe0f", "\u2061", "\U000e0041"])
def test_what_shows_nothing_takes_no_cell_and_matches_nothing(char: str) -> None:
    assert invisible(char)
    assert char_width(char) == 0
    assert fold(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", ["a", " ", "é", "\u00a0", "東", "\u0301", "-"])
def test_what_shows_is_not_invisible(char: str) -> None:
    assert not invisible(char)


def test_the_paragraph_is_as_wide_as_it_looks() -> None:
    shown = "Combining: zerowidthspace and BOM and softhyphen, a joiner and emoji."
    assert width(PARAGRAPH) == len(shown)


@pytest.mark.parametrize("columns", [52, 120])  # 52: the word breaks at its soft hyphen
async def test_search_finds_the_words_the_pane_shows(tmp_path: Path, columns: int) -> None:
    story = {"title": "Invisible", "body": f"<p>{PARAGRAPH}</p>", "slug": "invisible"}
    (tmp_path / "invisible.json").write_text(json.dumps(story))
    app = create_app([tmp_path / "invisible.json"])
    async with app.run_test(size=(columns, 30)) as pilot:
        await opened(pilot)
        view = pane(app)
        broken = "soft-\nhyphen" in view.text
        assert broken == (columns == 52)
        for query, shown in [
            ("softhyphen", "soft-hyphen" if broken else "softhyphen"),  # (on two lines)
            ("widthspace", "width\u200dsp\u2060ace"),
            ("zerowidthspace", "zero\u200bwidth\u200dsp\u2060ace"),
            ("and BOM", "and \ufeffBOM"),
            ("joiner", "joi\u200cner"),
            ("emoji.", "emoji\ufe0f."),
        ]:
            await search(pilot, query)
            assert view.border_subtitle == f"match 1/1 for '{query}'"
            assert "".join(styled(view, "match-current")) == shown
