"""What we rely on in html2text, one test per behaviour (pinned in pyproject.toml).

:mod:`tui.core.render.inline` drives html2text's handlers straight from the DOM and
overrides ``handle_data``; it relies on the private behaviour of ``o()``, ``handle_tag``
and ``finish()`` tested here. An html2text release that changes one of them fails here,
loudly, before it can garble a story.
"""

from __future__ import annotations

from importlib.metadata import version
from types import MethodType

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from tui.core.render.document import Mark, Span
from tui.core.render.inline import _Converter, convert


def spans(html: str) -> tuple[Span, ...]:
    body = LexborHTMLParser(html).body
    assert body is not None
    return convert(list(body.iter(include_text=True)), lambda node: 1)[0]


def test_the_version_tested() -> None:
    assert version("html2text").startswith("2025.")


def test_o_with_puredata_folds_whitespace_across_calls() -> None:
    converter = _Converter()
    converter.handle_data("  a \n\t b ")
    converter.handle_data("  c")
    assert converter.finish().strip("\n") == "a b c"


def test_o_keeps_a_marker_as_it_is() -> None:
    converter = _Converter()
    converter.handle_data("a ")
    converter.marker("\ufdd0")
    converter.handle_data("b")
    assert converter.finish().strip("\n") == "a \ufdef\ufdd0b"  # after _MARK


def test_handle_data_no_longer_escapes_markdown() -> None:
    converter = _Converter()
    converter.handle_data("*a* _b_ [c](d) 1. # > ` \\")
    assert converter.finish().strip("\n") == "*a* _b_ [c](d) 1. # > ` \\"


def test_no_space_is_added_around_emphasis() -> None:
    # html2text's own handle_data strips text after <b> and spaces the text after it.
    assert spans("<p>Belgium<b>’s</b>, x</p>") == (
        Span("Belgium"),
        Span("’s", Mark.BOLD),
        Span(", x"),
    )


def test_br_is_a_hard_line_break() -> None:
    converter = _Converter()
    converter.handle_data("one")
    converter.handle_tag("br", {}, True)
    converter.handle_data("two")
    assert "one  \ntwo" in converter.finish()
    assert spans("<p>one<br>two</p>") == (Span("one\ntwo"),)


def test_q_writes_curly_quotes() -> None:
    assert spans("<p><q>yes</q></p>") == (Span("“yes”"),)


def test_the_no_break_space_placeholder_is_restored() -> None:
    converter = _Converter()
    converter.handle_data("10&nbsp_place_holder;000")
    assert converter.finish().strip("\n") == "10\u00a0000"
    assert spans("<p>10&nbsp;000 km</p>") == (Span("10\u00a0000 km"),)


def test_finish_ends_the_text_with_newlines_only() -> None:
    converter = _Converter()
    converter.handle_data("text")
    out = converter.finish()
    assert out.rstrip("\n") == "text" and out.endswith("\n")


def test_a_fresh_converter_starts_without_a_leading_space() -> None:
    converter = _Converter()
    converter.handle_data("   first")
    assert converter.finish().strip("\n") == "first"


class _Puredata(_Converter):
    """handle_data through html2text's own folding, ``o(data, puredata=True)``."""

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        if self.spaced:
            data = data.lstrip(" \t\n\r\f\v")
        if not data:
            return
        self.spaced = data[-1] in " \t\n\r\f\v"
        self.preceding_data = data
        self.o(data, puredata=True)


WHITE = [chr(c) for c in range(0x110000) if chr(c).isspace()]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from([*WHITE, "a", "é", "“", "&nbsp_place_holder;"])).map("".join),
            st.sampled_from(["", "\ufdd0", "br", "q"]),
        ),
        max_size=6,
    )
)
def test_handle_data_folds_white_space_as_o_with_puredata(
    pieces: list[tuple[str, str]],
) -> None:
    """handle_data folds white space itself (only the runs that change) and calls o():
    the same text as html2text's o(data, puredata=True), which folds with ``\\s+``, every
    Unicode white space, the no-break space among them."""
    ours, theirs = _Converter(), _Puredata()
    for converter in (ours, theirs):
        for text, then in pieces:
            converter.handle_data(text)
            if then in ("br", "q"):
                converter.handle_tag(then, {}, True)
            elif then:
                converter.marker(then)
    assert ours.finish() == theirs.finish()


def test_a_fresh_converter_is_what_init_makes() -> None:
    """convert() takes a converter a paragraph from _Converter.fresh(), a copy of a first
    one's state: the same attributes and values, its own containers, its own methods."""
    made, fresh, other = _Converter(), _Converter.fresh(), _Converter.fresh()
    assert vars(fresh).keys() == vars(made).keys()
    for name, value in vars(made).items():
        copied = vars(fresh)[name]
        if isinstance(value, MethodType):
            assert copied.__func__ is value.__func__ and copied.__self__ is fresh, name
        elif type(value) in (list, dict, set):
            assert copied == value and copied is not vars(other)[name], name
        else:
            assert copied == value, name
    for converter in (made, fresh, other):  # each converts alone, the same way
        converter.marker("x")
        converter.text("Some  words,")
        converter.handle_tag("br", {}, True)
        converter.text("then more.")
    assert made.finish() == fresh.finish() == other.finish()
    assert fresh.finish() == _Converter().finish()  # and is empty again, as a new one


def test_a_state_fresh_cannot_copy_makes_converters_as_usual() -> None:
    """A later html2text whose converter holds something fresh() cannot copy safely (a
    list with items, any other object) gets converters from __init__, each its own."""

    class Holding(_Converter):
        def __init__(self) -> None:
            super().__init__()
            self.kept = ["shared?"]

    first, second = Holding.fresh(), Holding.fresh()
    assert type(first) is Holding and first.kept == second.kept == ["shared?"]
    assert first.kept is not second.kept
