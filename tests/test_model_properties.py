"""Properties of the model and the layout over random and mutated HTML (hypothesis,
bounded), and the pathological shapes of issue 9, each within a generous time limit."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.shapes import SHAPES, prose
from tui.core.model.story import Story
from tui.core.render.cells import width as cells
from tui.core.render.document import BlockKind
from tui.core.render.layout import layout
from tui.core.render.lines import text_of
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import render_story

TAGS = (
    "p", "div", "b", "i", "a", "span", "ul", "ol", "li", "blockquote", "table", "tr", "td",
    "th", "sup", "sub", "code", "pre", "h2", "h4", "dl", "dt", "dd", "figure", "figcaption",
    "img", "br", "hr", "iframe", "abbr", "q", "caption",
)  # fmt: skip
CLASSES = (
    "", "release-content-gallery", "prezly-slate-contact", "prezly-slate-image",
    "release-content-bookmark", "prezly-slate-embed", "release-content-odd", "x__title",
    "prezly-slate-attachment", "prezly-slate-button-block", "prezly-slate-video",
)  # fmt: skip
TEXT = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
    | st.sampled_from(["\x1b", "\x9b", "\x9d", "\x07", "\xad", "\u202e", "&#27;", "&", " "])
    | st.sampled_from(["\ud800", "&#x9b;2J", "1.234,5", "中文字符", "e\u0301", "👩‍👩‍👧"]),
    max_size=6,
).map("".join)


@st.composite
def html(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        choice = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            parts.append(draw(TEXT))
        elif choice == 1:
            cls = draw(st.sampled_from(CLASSES))
            attrs = draw(
                st.sampled_from(
                    ["", ' href="https://e.example/x"', ' src="https://i.example/a.jpg"',
                     ' colspan="3"', ' rowspan="99999"', ' start="-2"', ' type="i"',
                     ' href="&#27;]8;;x"', ' alt="alt text"'],
                )
            )  # fmt: skip
            parts.append(f'<{tag} class="{cls}"{attrs}>')
        elif choice == 2:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


def check(body: str, width: int) -> None:
    story = Story(title="t\x1b[2J", body_html=body, url="https://www.belganewsagency.eu/s")
    document = render_story(story)
    text = to_plain_text(document, width)
    assert len(text) < 200 * (len(body) + 400)  # output bounded by the input
    for line in text.split("\n"):
        for char in line:
            assert unicodedata.category(char) not in ("Cc", "Cs") or char == "\t", repr(line)
        if not line.startswith(("[", " [")):  # the list of links: URLs run long
            assert cells(line) <= max(width, 20), (width, line)
    numbers = [link.number for link in document.links]
    assert numbers == list(range(1, len(numbers) + 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html(), st.sampled_from([20, 40, 60, 80, 120]))
def test_random_markup_never_raises_leaks_controls_or_overflows(body: str, width: int) -> None:
    check(body, width)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from([40, 80]))
def test_mutated_stories_never_raise(data: st.DataObject, width: int) -> None:
    base = prose(200) + SHAPES["nested <ul><li>×N"](5) + "<table><tr><td>1</td></tr></table>"
    cut = data.draw(st.integers(0, len(base)))
    insert = data.draw(html())
    check(base[:cut] + insert + base[cut:], width)


@pytest.mark.shapes
@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", list(SHAPES))
def test_each_pathological_shape_renders(name: str) -> None:
    """Each shape at 20,000 elements renders, whole or cut with a note; the time limit
    (pytest-timeout) is generous: the benchmark measures, bench/bench_render.py."""
    body = SHAPES[name](20_000)
    document = render_story(Story(title="t", body_html=body))
    text = to_plain_text(document, 80)
    assert text.strip()
    if len(document.links) >= 10_000:
        assert document.blocks[-1].kind is BlockKind.NOTE


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html(), st.integers(20, 39))
def test_every_width_gets_lines_that_fit(body: str, width: int) -> None:
    """Any width, not only the usual ones, straight from the layout engine."""
    story = Story(title="A title of some length", body_html=body, url="https://e.example/s")
    for _, lines in layout(render_story(story).blocks, width):
        for line in lines:
            assert cells(text_of(line)) <= width, (width, text_of(line))


def test_a_cut_inside_a_joined_sequence_keeps_the_count_right() -> None:
    family = "👩\u200d👩\u200d👧"
    body = "<p>" + "0" * 19 + f"\u200d\u0e5c00000\u0e5c00 {family}" + "👩\u200d" * 30 + "</p>"
    for width in range(20, 30):
        for _, lines in layout(render_story(Story(title="t", body_html=body)).blocks, width):
            assert all(cells(text_of(line)) <= width for line in lines)
