"""The renderer's fast paths give what the general paths give (issue 13: they exist
only for speed, so any difference is a bug)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.render import cells

PIECES = ["a", "bb", "ccc", "dddddddd", "é", "“", "’", "\u00a0", " ", "  ", "x" * 25, "\t", "-"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
WIDTHS = st.integers(min_value=-1, max_value=30)


def general_wrap(
    monkeypatch: pytest.MonkeyPatch, text: str, first: int, rest: int
) -> list[list[cells.Piece]]:
    with monkeypatch.context() as patch:
        patch.setattr(cells, "narrow", lambda text: False)
        return cells.wrap(text, first, rest)


def lines_of(text: str, placed: list[list[cells.Piece]]) -> list[str]:
    """What a caller makes of the pieces: each line from its first piece to its last."""
    return [text[line[0][0] : line[-1][1]] if line else "" for line in placed]


@settings(max_examples=400)
@given(TEXTS, WIDTHS, WIDTHS)
def test_narrow_text_wraps_as_the_general_path_wraps(text: str, first: int, rest: int) -> None:
    monkeypatch = pytest.MonkeyPatch()
    fast = cells.wrap(text, first, rest)
    assert lines_of(text, fast) == lines_of(text, general_wrap(monkeypatch, text, first, rest))
    assert all(not line or not line[-1][2] for line in fast)  # no soft hyphen: no hyphen


def test_narrow() -> None:
    assert cells.narrow("plain ascii") and cells.narrow("“Prévot’s” café\u00a0[1]")
    for wide_or_invisible in ("日本", "a\u00adb", "e\u0301", "a\u200db", "👍"):
        assert not cells.narrow(wide_or_invisible)
        assert cells.width(wide_or_invisible) != len(wide_or_invisible)
    assert cells.narrow("é")  # still known narrow after the others


def test_every_character_windows_1252_encodes_is_one_cell_but_the_soft_hyphen() -> None:
    """narrow() calls a text that cp1252 encodes (and has no soft hyphen) narrow."""
    encodable = [c for c in map(chr, range(0x110000)) if c.encode("cp1252", "ignore")]
    assert len(encodable) == 251  # the 256 bytes but the five cp1252 leaves undefined
    assert [c for c in encodable if cells.char_width(c) != 1] == [cells.SOFT_HYPHEN]
    assert cells.narrow("“Prévot’s” café – 10\u00a0000 € … Œuvre") and not cells.narrow("a\u00adb")
    assert not cells.narrow("“日本”") and cells.narrow("Łódź “quoted”")  # the general path


def test_named_tuples_have_no_string_annotations_to_compile() -> None:
    """typing.NamedTuple compiles each string annotation at import (a ForwardRef): the
    modules defining them do without postponed annotations."""
    from typing import ForwardRef

    from tui.core.render.build import _Context
    from tui.core.render.lines import Run

    for named in (Run, _Context):
        kinds = {type(kind) for kind in named.__annotations__.values()}
        assert ForwardRef not in kinds and str not in kinds, named


SPACEY = st.lists(
    st.sampled_from(["a", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2009", "\x85"]),
    max_size=12,
).map("".join)


@given(SPACEY)
def test_folding_patterns_fold_as_the_plain_ones(text: str) -> None:
    """The folding patterns skip lone spaces (most matches) but fold the same."""
    import re

    from tui.core.model.text import _SPACES
    from tui.core.render.inline import _WHITESPACE

    assert _WHITESPACE.sub(" ", text) == re.sub("[ \t\n\r\f\v]+", " ", text)
    assert _SPACES.sub(" ", text) == re.sub(r"\s+", " ", text)


@given(SPACEY)
def test_fold_spaces_folds_as_html2text(text: str) -> None:
    import re

    from tui.core.model.text import fold_spaces

    assert fold_spaces(text) == re.sub(r"\s+", " ", text)


def test_printable_text_needs_no_cleaning_unmarking_or_folding() -> None:
    """clean_text, fold_spaces and the inline markers' removal pass printable text as it
    is, unscanned: it holds no suspect character, no white space but the space, and no
    noncharacter (every character of the whole of Unicode checked)."""
    import re

    from tui.core.model.text import _HARMLESS, _SUSPECT
    from tui.core.render.inline import _PRIVATE

    printable = [char for char in map(chr, range(0x110000)) if char.isprintable()]
    assert not [char for char in printable if re.match(_SUSPECT, char)]
    assert not [char for char in printable if _PRIVATE.match(char)]
    assert [char for char in printable if char.isspace()] == [" "]
    assert not [char for char in _HARMLESS if re.match(_SUSPECT, char)]  # (clean_text)


def test_the_body_at_once_is_its_chunks_joined() -> None:
    """render_story (--dump) takes the body at once; the reading pane takes chunks."""
    from pathlib import Path

    from tests.stories import story
    from tui.core.loader import Problem, load_story_file
    from tui.core.model.story import parse_story
    from tui.core.render.render import EAGER_HTML, prepare_story

    paragraph = "<p>" + " ".join(["word"] * 120) + " <a href='https://x.example/1'>a link</a></p>"
    bodies = [
        "",
        "<hr>",
        "<hr><p>a</p><hr><hr><p>b</p><hr>",
        "<hr>" + paragraph * 12 + "<hr><hr>" + paragraph * 5 + "<hr>",
        (paragraph + "<hr>") * (EAGER_HTML // len(paragraph) + 10),  # built lazily
    ]
    documents = [parse_story(story("s", "T", "2026-11-20 09:00:00", body)) for body in bodies]
    demo = Path(__file__).parent.parent / "tui" / "demo"
    for path in sorted(demo.glob("*.json")):
        loaded = load_story_file(path)
        assert not isinstance(loaded, Problem)
        documents.append(loaded)
    for document in documents:
        chunks = [block for chunk in prepare_story(document).chunks() for block in chunk]
        assert prepare_story(document).body() == chunks
