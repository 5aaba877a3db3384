"""``belga --dump``: a document as plain text, like ``w3m -dump``."""

from __future__ import annotations

import pytest

from tests.test_render import fixture_story
from tui.core.render.document import Block, BlockKind, Document, Link, LinkKind, Mark, Span
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import render_story


def dump(*blocks: Block, links: tuple[Link, ...] = (), width: int = 40) -> str:
    return to_plain_text(Document(list(blocks), list(links)), width)


def paragraph(*spans: Span) -> Block:
    return Block(BlockKind.PARAGRAPH, spans)


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return to_plain_text(render_story(fixture_story()))


def test_the_fixture_reads_like_an_article(fixture_text: str) -> None:
    lines = fixture_text.split("\n")
    assert lines[:4] == [
        "Belgian defence industry looks to expand ties with Turkey during trade mission",
        "═" * 78,
        "",
        "13 May 2026, 17:23 · Flanders News Service · www.belganewsagency.eu · 3 min read",
    ]
    assert "Belgian companies seek Turkish partnerships\n" + "─" * 43 in fixture_text
    assert (
        "┃ Belgium and Turkey seek closer trade ties during economic mission [2]\n"
        "┃ Belgium and Turkey have signed a joint statement"
    ) in fixture_text
    assert "\n\n" + " " * 28 + "─" * 24 + "\n\nRelated news\n\n┃ Walloon" in fixture_text
    assert fixture_text.endswith(
        "\n\nLinks\n─────\n"
        "[1] https://www.belganewsagency.eu/queen-mathilde-leads-trade-mission-to-turkey-with"
        "-400-strong-delegation\n"
        "[2] https://www.belganewsagency.eu/belgium-and-turkey-seek-closer-trade-ties-during"
        "-economic-mission\n"
        "[3] https://www.belganewsagency.eu/flemish-government-approves-new-arms-trade-decree"
        "#header-focus-on-european-and-nato-cooperation\n"
        "[4] https://www.belganewsagency.eu/maison-galler-signs-turkish-distribution-deal-during"
        "-belgian-trade-mission\n"
        "[5] https://www.belganewsagency.eu/shipping-agency-guilty-of-violating-arms-trade-decree\n"
    )


@pytest.mark.parametrize("width", [20, 40, 80, 120])
def test_lines_fit_and_are_clean(width: int) -> None:
    text = to_plain_text(render_story(fixture_story()), width)
    assert text.endswith("\n") and not text.endswith("\n\n") and not text.startswith("\n")
    assert "\n\n\n" not in text
    for line in text.split("\n"):
        assert line == line.rstrip()
        assert "\x00" not in line
        if not line.startswith("[") and " " in line.strip():
            assert len(line) <= width, line  # a line runs over only when one word is longer


def test_link_numbers_follow_the_link_and_never_wrap_alone() -> None:
    text = dump(
        paragraph(
            Span("Read "),
            Span("the ", Mark.LINK, 1),
            Span("report", Mark.LINK | Mark.BOLD, 1),
            Span(" now, or xxxxxxxxxxxxxxxxxxxxxxxx"),
            Span("there", Mark.LINK, 2),
        ),
        links=(Link(1, "https://e.example/r", "r"), Link(2, "https://e.example/t", "t")),
        width=36,
    )
    assert text == (
        "Read the report [1] now, or\n"
        "xxxxxxxxxxxxxxxxxxxxxxxxthere [2]\n"
        "\n"
        "Links\n"
        "─────\n"
        "[1] https://e.example/r\n"
        "[2] https://e.example/t\n"
    )


def test_headings_quotes_and_breaks() -> None:
    text = dump(
        Block(BlockKind.HEADING, (Span("A heading"),), level=2),
        Block(BlockKind.QUOTE, (Span("quoted words that go on and on and wrap around"),), level=2),
        paragraph(Span("one\ntwo")),
    )
    assert text == (
        "A heading\n"
        "─────────\n"
        "\n"
        "▌ ▌ quoted words that go on and on and\n"
        "▌ ▌ wrap around\n"
        "\n"
        "one\n"
        "two\n"
    )


def test_lists_hang_their_lines() -> None:
    text = dump(
        Block(BlockKind.LIST_ITEM, (Span("first item that is long enough to wrap"),), marker="•"),
        Block(BlockKind.LIST_ITEM, (Span("nested"),), level=1, marker="‣"),
        Block(BlockKind.LIST_ITEM, (Span("tenth item, long enough to wrap"),), marker="10."),
        Block(BlockKind.LIST_ITEM, (Span("under the tenth"),), level=1, marker="‣"),
        Block(BlockKind.LIST_ITEM, (Span("its second paragraph"),), level=1),
        paragraph(Span("after")),
        width=30,
    )
    assert text == (
        "• first item that is long\n"
        "  enough to wrap\n"
        "  ‣ nested\n"
        "10. tenth item, long enough to\n"
        "    wrap\n"
        "    ‣ under the tenth\n"
        "      its second paragraph\n"
        "\n"
        "after\n"
    )


def test_code_keeps_its_lines() -> None:
    code = Block(BlockKind.CODE, (Span("def f():\n\treturn 1  # a comment that is long"),))
    # Indented, and folded where a line is wider than the width: no line is wider.
    assert dump(code, width=20) == (
        "    def f():\n        return 1  #\n    a comment that i\n    s long\n"
    )


def test_tables_fit_the_width() -> None:
    def cell(text: str) -> tuple[Span, ...]:
        return (Span(text),)

    table = Block(
        BlockKind.TABLE,
        rows=(
            (cell("Region"), cell("Comment")),
            (cell("Flanders"), cell("A long comment that cannot fit in one line")),
            (cell("Brussels"), (Span("see", Mark.LINK, 1),)),
        ),
        header=True,
    )
    assert dump(table, width=30) == (
        "Region   │ Comment\n"
        "─────────┼────────────────────\n"
        "Flanders │ A long comment that\n"
        "         │ cannot fit in one\n"
        "         │ line\n"
        "Brussels │ see [1]\n"
    )


def test_cards_figures_placeholders_and_rules() -> None:
    text = dump(
        Block(
            BlockKind.CARD,
            (Span("Card title"),),
            detail=(Span("What it says..."),),
            label="site.example",
            link=3,
        ),
        Block(
            BlockKind.FIGURE,
            (Span("The quay."),),
            detail=(Span("© BELGA"),),
            label="Image",
            link=4,
        ),
        Block(BlockKind.FIGURE, label="Image"),
        Block(BlockKind.RULE),
        Block(BlockKind.PLACEHOLDER, (Span("Gallery"),), label="Gallery", link=5),
        Block(
            BlockKind.PLACEHOLDER,
            (Span("Embedded video"),),
            detail=(Span("Interview"),),
            label="Embedded video",
        ),
        Block(BlockKind.CREDIT, (Span("A photo caption by © BELGA PHOTO"),)),
        width=30,
    )
    assert text == (
        "┃ Card title [3]\n"
        "┃ What it says... —\n"
        "┃ site.example\n"
        "\n"
        "▣ Image [4]: The quay. —\n"
        "  © BELGA\n"  # "©" never ends a line
        "\n"
        "▣ Image\n"
        "\n"
        "   ────────────────────────\n"
        "\n"
        "⧉ Gallery [5]\n"
        "\n"
        "⧉ Embedded video: Interview\n"
        "\n"
        "A photo caption by © BELGA\n"
        "PHOTO\n"
    )


def test_links_are_listed_with_aligned_numbers() -> None:
    links = tuple(
        Link(n, f"https://e.example/{n}", "t", LinkKind.TEXT, is_story=True) for n in range(1, 11)
    )
    text = dump(paragraph(Span("x")), links=links)
    assert text.split("\n")[-3:] == [" [9] https://e.example/9", "[10] https://e.example/10", ""]


def test_an_empty_document_is_an_empty_line() -> None:
    assert to_plain_text(Document()) == "\n"
