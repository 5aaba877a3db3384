"""The inline writer, one test per behaviour: how it folds white space, writes markers,
line breaks and quotes (the rules html2text's ``o()`` had when it did this for us, and
these tests pinned them; the writer keeps them)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from tui.core.render.document import Mark, Span
from tui.core.render.inline import _Writer, convert


def spans(html: str) -> tuple[Span, ...]:
    body = LexborHTMLParser(html).body
    assert body is not None
    return convert(list(body.iter(include_text=True)), lambda node: 1)[0]


def test_o_with_puredata_folds_whitespace_across_calls() -> None:
    converter = _Writer()
    converter.text("  a \n\t b ")
    converter.text("  c")
    assert converter.finish().strip("\n") == "a b c"


def test_o_keeps_a_marker_as_it_is() -> None:
    converter = _Writer()
    converter.text("a ")
    converter.marker("\ufdd0")
    converter.text("b")
    assert converter.finish().strip("\n") == "a \ufdd0b"


def test_text_is_written_as_it_is() -> None:
    converter = _Writer()
    converter.text("*a* _b_ [c](d) 1. # > ` \\")
    assert converter.finish().strip("\n") == "*a* _b_ [c](d) 1. # > ` \\"


def test_no_space_is_added_around_emphasis() -> None:
    # (html2text's own handle_data stripped text after <b> and spaced the text after it.)
    assert spans("<p>Belgium<b>’s</b>, x</p>") == (
        Span("Belgium"),
        Span("’s", Mark.BOLD),
        Span(", x"),
    )


def test_br_is_a_hard_line_break() -> None:
    converter = _Writer()
    converter.text("one")
    converter.line_break()
    converter.text("two")
    assert "one  \ntwo" in converter.finish()
    assert spans("<p>one<br>two</p>") == (Span("one\ntwo"),)


def test_q_writes_curly_quotes() -> None:
    assert spans("<p><q>yes</q></p>") == (Span("“yes”"),)


def test_no_break_spaces_are_kept_and_other_unicode_spaces_folded() -> None:
    converter = _Writer()
    converter.text("10\u00a0000 \u2009\u3000 km \u00a0 x")
    assert converter.finish().strip("\n") == "10\u00a0000 km \u00a0 x"
    assert spans("<p>10&nbsp;000 km</p>") == (Span("10\u00a0000 km"),)


def test_finish_ends_the_text_with_newlines_only() -> None:
    converter = _Writer()
    converter.text("text")
    out = converter.finish()
    assert out.rstrip("\n") == "text" and out.endswith("\n")


def test_a_fresh_converter_starts_without_a_leading_space() -> None:
    converter = _Writer()
    converter.text("   first")
    assert converter.finish().strip("\n") == "first"


def test_a_space_is_never_written_after_a_line_break() -> None:
    converter = _Writer()
    converter.text("one")
    converter.line_break()
    converter.text(" two")  # its leading space is held back, then dropped
    assert converter.finish() == "one  \ntwo\n"


def test_quotes_open_and_close_in_turn() -> None:
    converter = _Writer()
    for _ in range(3):
        converter.quote()
    assert converter.finish() == "“”“\n"
