"""The document model and the layout engine, over a corpus of small stories.

One story per block type and per defect of issue 9, in both of Prezly's markups where
they differ (the story JSON's ``release-content-*`` and the web page's ``prezly-slate-*``),
each asserted on the model and on the lines laid out at 40, 60, 80 and 120 cells: every
value present, in its column, no line wider than the width, no number cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from rich.console import Console
from rich.style import Style

from tui.core.model.story import RelatedLink, Story
from tui.core.render.cells import width as cells
from tui.core.render.document import Block, BlockKind, Document, LinkKind, Mark
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import prepare_story, render_story
from tui.ui.typeset import STYLE_NAMES, Galley

WIDTHS = (40, 60, 80, 120)
URL = "https://www.belganewsagency.eu/a-story"


def document(html: str) -> Document:
    return render_story(Story(title="T", body_html=html, url=URL))


def body(html: str) -> list[Block]:
    return document(html).blocks[2:]  # without the title and the meta line


def kinds(html: str) -> list[BlockKind]:
    return [block.kind for block in body(html)]


def lines(html: str, width: int) -> list[str]:
    """The body's lines at ``width``, checked to fit; the list of links left out."""
    text = to_plain_text(document(html), width).split("\nLinks\n─────\n")[0]
    found = text.split("\n")[5:]  # without the title, its rule, a blank, the meta, a blank
    for line in found:
        assert cells(line) <= width, (width, line)
    return found


def shown(html: str, width: int) -> str:
    return " ".join(" ".join(lines(html, width)).split())


def assert_whole(values: Iterable[str], html: str) -> None:
    """Each value is shown whole, on one line, at every width."""
    for width in WIDTHS:
        found = lines(html, width)
        for value in values:
            assert any(value in line for line in found), (width, value, found)


def column_of(line: str, text: str) -> int:
    """The cell where ``text`` starts on ``line``."""
    return cells(line[: line.index(text)])


# -- paragraphs and typography ---------------------------------------------------------


def test_inline_marks_links_and_scripts() -> None:
    html = (
        "<p>CO<sub>2</sub> and m<sup>3</sup>, a note<sup>1</sup>, the 1<sup>st</sup>, "
        "<b>bold</b> <i>it</i> <code>x = 1</code> <s>gone</s> "
        '<a href="https://e.example/r">the report</a>.</p>'
    )
    (block,) = body(html)
    assert block.text == "CO₂ and m³, a note¹, the 1st, bold it x = 1 gone the report."
    marks = {span.text: span.marks for span in block.spans}
    assert marks["bold"] == Mark.BOLD and marks["it"] == Mark.ITALIC
    assert marks["x = 1"] == Mark.CODE and marks["gone"] == Mark.STRIKE
    assert marks["the report"] == Mark.LINK
    assert_whole(["CO₂", "m³", "report [1]."], html)


def test_no_doubled_spaces_around_removed_images_or_edges() -> None:
    (block,) = body('<p>A <img src="i.png" width="600"> picture <b> bold </b> end</p>')
    assert block.text == "A picture bold end"


def test_abbr_keeps_its_words_and_leaks_nothing() -> None:
    html = '<p>The <abbr title="North Atlantic Treaty Organization">NATO</abbr> summit.</p>'
    assert [block.text for block in body(html)] == ["The NATO summit."]
    assert "North Atlantic" not in to_plain_text(document(html))


def test_soft_hyphens_are_invisible_break_points() -> None:
    word = "Ver\xadant\xadwoor\xadde\xadlijk\xadheid"
    html = f"<p>{' '.join([word] * 6)}</p>"
    (block,) = body(html)
    assert "\xad" in block.text  # the model keeps them: the layout decides
    for width in WIDTHS:
        found = lines(html, width)
        assert all("\xad" not in line for line in found)
        joined = "".join(line.removesuffix("-") for line in found)
        assert joined.replace(" ", "") == "Verantwoordelijkheid" * 6
    assert any(line.endswith("-") for line in lines(html, 40))  # broke at a syllable


def test_numbers_and_short_words_are_never_broken() -> None:
    html = "<p>" + " ".join(["1.234.567,89", "€545,00", "word"] * 40) + "</p>"
    for width in WIDTHS:
        for line in lines(html, width):
            for token in line.split():
                assert token in ("1.234.567,89", "€545,00", "word"), (width, line)


def test_wide_and_combining_characters_fit_in_cells() -> None:
    html = "<p>" + "比利时国防工业希望在贸易代表团期间扩大与土耳其的联系。" * 8 + "</p>"
    html += "<p>" + "Pre\u0301vot e\u0301te\u0301 " * 30 + "</p>"
    for width in WIDTHS:
        found = lines(html, width)
        assert max(cells(line) for line in found if line) > width - 4  # lines are filled
    text = "".join(lines(html, 40)[:12])
    assert "比利时国防工业" in text


# -- headings, lists, quotes, definitions, code ----------------------------------------


@pytest.mark.parametrize("markup", ["plain", "slate"])
def test_headings_keep_their_levels(markup: str) -> None:
    cls = ' class="prezly-slate-heading"' if markup == "slate" else ""
    blocks = body(f"<h2{cls}>Two</h2><h4{cls}>Four</h4>")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 2, "Two"),
        (BlockKind.HEADING, 4, "Four"),
    ]


def test_a_second_paragraph_stays_in_its_item() -> None:
    html = "<ul><li><p>first para</p><p>second para</p></li><li>next</li></ul><p>after</p>"
    blocks = body(html)
    assert [(b.kind, b.marker, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "•", "first para"),
        (BlockKind.LIST_ITEM, "", "second para"),
        (BlockKind.LIST_ITEM, "•", "next"),
        (BlockKind.PARAGRAPH, "", "after"),
    ]
    for width in WIDTHS:
        found = lines(html, width)
        assert found[:3] == ["• first para", "  second para", "• next"]


def test_two_ordered_lists_are_numbered_apart_with_start_type_and_reversed() -> None:
    html = (
        "<ol><li>a</li><li>b</li></ol><ol><li>c</li></ol>"
        '<ol start="4" type="a"><li>d</li><li>e</li></ol>'
        '<ol type="I" start="3"><li>f</li></ol>'
        "<ol reversed><li>g</li><li>h</li><li>i</li></ol>"
    )
    items = [(b.marker, b.text) for b in body(html)]
    assert items == [
        ("1.", "a"), ("2.", "b"), ("1.", "c"), ("d.", "d"), ("e.", "e"), ("III.", "f"),
        ("3.", "g"), ("2.", "h"), ("1.", "i"),
    ]  # fmt: skip
    found = lines(html, 40)
    assert found[:4] == ["1. a", "2. b", "", "1. c"]  # two lists: a blank line between


def test_a_list_inside_a_quote_keeps_its_bar_and_the_quote_its_attribution() -> None:
    html = (
        '<blockquote class="prezly-slate-quote"><p>We said it.</p>'
        "<ul><li>one point</li><li>another</li></ul><footer>Someone</footer></blockquote>"
    )
    blocks = body(html)
    assert [(b.kind, b.quote, b.text) for b in blocks] == [
        (BlockKind.QUOTE, 1, "We said it."),
        (BlockKind.LIST_ITEM, 1, "one point"),
        (BlockKind.LIST_ITEM, 1, "another"),
        (BlockKind.QUOTE, 1, "— Someone"),
    ]
    for width in WIDTHS:
        found = lines(html, width)
        assert all(line.startswith("▌") for line in found if line), found
        assert "▌ • one point" in found


def test_nested_quotes() -> None:
    html = "<blockquote><p>outer</p><blockquote><p>inner</p></blockquote></blockquote>"
    assert [(b.quote, b.text) for b in body(html)] == [(1, "outer"), (2, "inner")]
    assert "▌ ▌ inner" in lines(html, 40)


def test_definition_lists_do_not_run_on() -> None:
    html = "<dl><dt>Term</dt><dd>Its meaning.</dd><dt>Other</dt><dd>Another.</dd></dl>"
    assert [(b.kind, b.text) for b in body(html)] == [
        (BlockKind.TERM, "Term"),
        (BlockKind.DEFINITION, "Its meaning."),
        (BlockKind.TERM, "Other"),
        (BlockKind.DEFINITION, "Another."),
    ]
    assert lines(html, 40)[:4] == ["Term", "    Its meaning.", "", "Other"]


def test_code_keeps_its_lines_and_fits() -> None:
    html = "<pre>def f():\n    return '" + "x" * 150 + "'</pre>"
    (block,) = body(html)
    assert block.kind is BlockKind.CODE and block.text.startswith("def f():\n    return")
    for width in WIDTHS:
        assert "".join(line.strip() for line in lines(html, width)).count("x") == 150


# -- tables ----------------------------------------------------------------------------

COLSPAN = (
    "<table><tr><th>Item</th><th>Q1</th><th>Q2</th><th>Sum</th></tr>"
    "<tr><td>Ships</td><td>40</td><td>44</td><td>84</td></tr>"
    '<tr><td colspan="3">Total</td><td>124</td></tr></table>'
)


def test_a_colspan_total_sits_under_its_column() -> None:
    (table,) = body(COLSPAN)
    assert table.table is not None and table.table.columns == 4
    total = next(c for c in table.table.cells if c.text == "124")
    assert (total.row, total.column) == (2, 3)
    for width in WIDTHS:
        found = lines(COLSPAN, width)
        header = next(line for line in found if "Sum" in line)
        row = next(line for line in found if "124" in line)
        assert "Total" in row
        assert column_of(row, "124") >= column_of(header, "Sum") - 1  # right-aligned in it
        assert cells(row) == cells(header.rstrip()) or column_of(row, "124") > column_of(
            header, "Q2"
        )


ROWSPAN = (
    "<table><caption>Exports by year</caption>"
    '<thead><tr><th rowspan="2">Year</th><th colspan="2">Flanders</th>'
    '<th colspan="2">Wallonia</th></tr>'
    "<tr><th>Arms</th><th>Other</th><th>Arms</th><th>Other</th></tr></thead>"
    '<tbody><tr><td rowspan="2">2023</td><td>11</td><td>12</td><td>13</td><td>14</td></tr>'
    "<tr><td>21</td><td>22</td><td>23</td><td>24</td></tr>"
    "<tr><td>2024</td><td>31</td><td>32</td><td>33</td><td>34</td></tr></tbody></table>"
)


def test_a_rowspan_colspan_table_keeps_every_value_and_its_headers() -> None:
    (table,) = body(ROWSPAN)
    grid = table.table
    assert grid is not None and (grid.rows, grid.columns, grid.header_rows) == (5, 5, 2)
    assert [span.text for span in table.detail] == ["Exports by year"]  # not in a cell
    assert all("Exports" not in cell.text for cell in grid.cells)
    values = [str(n) for n in (11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33, 34, 2023, 2024)]
    assert_whole([*values, "Exports by year"], ROWSPAN)
    wide = lines(ROWSPAN, 120)
    header = next(line for line in wide if "Arms" in line)
    assert not any(line.startswith("Year") and "11" in line for line in wide)
    for value, column in (("11", 1), ("24", 4), ("33", 3)):
        row = next(line for line in wide if value in line.split())
        starts = [m.start() for m in re.finditer("Arms|Other", header)]
        assert abs(column_of(row, value) - starts[column - 1]) <= 6


def test_a_table_too_wide_is_stacked_as_records() -> None:
    html = (
        "<table><tr><th>Company</th><th>Turnover in euros</th><th>Employees</th>"
        "<th>Founded</th><th>Headquarters</th></tr>"
        "<tr><td>John Cockerill Defense</td><td>1.545.000,00</td><td>8000</td>"
        "<td>1817</td><td>Seraing</td></tr></table>"
    )
    narrow = lines(html, 40)
    assert "Company: John Cockerill Defense" in narrow
    assert "Turnover in euros: 1.545.000,00" in narrow
    assert "Headquarters: Seraing" in narrow
    wide = lines(html, 120)
    assert "│" in wide[0] and "1.545.000,00" in wide[2]


def test_a_rowspan_value_is_repeated_in_each_stacked_record() -> None:
    html = ROWSPAN.replace("<th>Other</th>", "<th>Other goods exported</th>")
    narrow = lines(html, 24)
    assert narrow.count("Year: 2023") == 2
    assert "Flanders / Other goods exported: 22" in " ".join(" ".join(narrow).split())


def test_two_adjacent_tables_stay_two() -> None:
    html = (
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<table><tr><th>C</th><th>D</th><th>E</th></tr><tr><td>3</td><td>4</td><td>5</td></tr>"
        "</table>"
    )
    tables = body(html)
    assert [t.table.columns for t in tables if t.table] == [2, 3]
    assert_whole(["1", "2", "3", "4", "5"], html)


def test_hostile_spans_are_bounded() -> None:
    html = '<table><tr><td colspan="100000" rowspan="100000">x</td><td>y</td></tr></table>'
    (table,) = body(html)
    assert table.table is not None and table.table.columns <= 256
    assert "y" in shown(html, 40)


# -- Prezly's blocks, in both markups --------------------------------------------------


def image(markup: str, n: int = 1, credit: str = "BELGA PHOTO X") -> str:
    if markup == "legacy":
        return (
            f'<figure class="release-content-image"><img class="release-content-image__image" '
            f'src="https://cdn.example/{n}.jpg" alt="Alt text {n}">'
            f'<figcaption class="release-content-image__caption">Caption {n} © {credit}'
            "</figcaption></figure>"
        )
    return (
        f'<figure class="prezly-slate-image"><a class="prezly-slate-image__link" '
        f'href="https://cdn.example/{n}.jpg"><img class="prezly-slate-image__media" '
        f'src="https://cdn.example/{n}.jpg" alt="Alt text {n}"></a>'
        f'<figcaption class="prezly-slate-image__caption">Caption {n} © {credit}'
        "</figcaption></figure>"
    )


@pytest.mark.parametrize("markup", ["legacy", "slate"])
def test_images_keep_caption_credit_and_alt(markup: str) -> None:
    (figure,) = body(image(markup))
    assert figure.kind is BlockKind.FIGURE
    assert (figure.text, figure.detail[0].text, figure.alt) == (
        "Caption 1",
        "© BELGA PHOTO X",
        "Alt text 1",
    )
    assert_whole(["Caption 1", "Alt text 1"], image(markup))
    assert "© BELGA PHOTO X" in shown(image(markup), 80)


def test_alt_text_stands_for_a_missing_caption() -> None:
    html = '<p><img src="https://cdn.example/a.jpg" alt="The port of Antwerp"></p>'
    assert "▣ Image [1]: The port of Antwerp" in lines(html, 60)


def gallery(markup: str) -> str:
    if markup == "legacy":
        items = "".join(
            f'<div class="release-content-gallery__item"><a href="https://cdn.example/{n}.jpg">'
            f'<img src="https://cdn.example/{n}s.jpg" alt="Alt {n}"></a>'
            f'<figcaption class="release-content-gallery__caption">Photo {n}</figcaption></div>'
            for n in range(1, 5)
        )
        return f'<div class="release-content-gallery">{items}</div>'
    items = "".join(
        f'<a class="prezly-slate-gallery-image" href="https://cdn.example/{n}.jpg" '
        f'title="Photo {n}"><img class="prezly-slate-gallery-image__media" '
        f'src="https://cdn.example/{n}s.jpg" alt="Alt {n}"></a>'
        for n in range(1, 5)
    )
    return (
        '<figure class="prezly-slate-gallery"><div class="prezly-slate-gallery__images">'
        f"{items}</div></figure>"
    )


@pytest.mark.parametrize("markup", ["legacy", "slate"])
def test_a_gallery_shows_every_image(markup: str) -> None:
    doc = document(gallery(markup))
    blocks = doc.blocks[2:]
    assert [b.kind for b in blocks] == [BlockKind.GALLERY] + [BlockKind.FIGURE] * 4
    figures = blocks[1:]
    assert [b.text for b in figures] == [f"Photo {n}" for n in range(1, 5)]
    assert [b.alt for b in figures] == [f"Alt {n}" for n in range(1, 5)]
    urls = [doc.links[b.link - 1].url for b in figures if b.link]
    assert urls == [f"https://cdn.example/{n}.jpg" for n in range(1, 5)]
    assert all(doc.links[b.link - 1].kind is LinkKind.IMAGE for b in figures if b.link)
    assert_whole(["Gallery: 4 images", *(f"Photo {n}" for n in range(1, 5))], gallery(markup))


EMBEDS = {
    "legacy": (
        '<div class="release-content-embed release-content-embed--video">'
        '<iframe src="https://www.youtube.com/embed/abc" title="Minister interview"></iframe>'
        "</div>"
    ),
    "slate": (
        '<div class="prezly-slate-video"><div class="prezly-slate-video__thumbnail">'
        '<img class="prezly-slate-video__thumbnail-image" src="https://i.example/t.jpg" '
        'alt="Video thumbnail"></div><a class="prezly-slate-video__play-button-overlay" '
        'href="https://www.youtube.com/watch?v=abc" title="Minister interview"></a></div>'
    ),
}


@pytest.mark.parametrize("markup", ["legacy", "slate"])
def test_videos_keep_their_title_provider_and_target(markup: str) -> None:
    doc = document(EMBEDS[markup])
    (embed,) = doc.blocks[2:]
    assert (embed.kind, embed.label, embed.text) == (BlockKind.EMBED, "Video", "Minister interview")
    assert embed.link is not None and "youtube.com" in doc.links[embed.link - 1].url
    assert "youtube.com" in embed.detail[0].text
    assert_whole(["Minister interview"], EMBEDS[markup])


TWEET = (
    '<div class="{cls}"><blockquote class="twitter-tweet"><p lang="en">Belgium signs the '
    '<a href="https://twitter.com/hashtag/deal">#deal</a> today</p>&mdash; Minister '
    '(@minister) <a href="https://twitter.com/minister/status/123">May 13, 2026</a>'
    "</blockquote></div>"
)


@pytest.mark.parametrize("cls", ["release-content-embed", "prezly-slate-embed"])
def test_a_tweet_keeps_its_text_and_links_to_the_post(cls: str) -> None:
    html = TWEET.format(cls=cls)
    doc = document(html)
    (embed,) = doc.blocks[2:]
    assert embed.kind is BlockKind.EMBED and embed.label == "Post on X"
    assert embed.link == 1 and doc.links[0].url == "https://twitter.com/minister/status/123"
    assert "Belgium signs the #deal today" in [
        "".join(s.text for s in line) for line in embed.lines
    ]
    assert "Belgium signs the #deal [2] today" in shown(html, 80)


CONTACTS = {
    "legacy": (
        '<div class="release-content-contact"><h4 class="release-content-contact__name">'
        'Jan Peeters</h4><div class="release-content-contact__job-description">Spokesperson, '
        'FPS Defence</div><ul><li><a href="mailto:jan@defence.example">jan@defence.example</a>'
        '</li><li><a href="tel:+3225550101">+32 2 555 01 01</a></li>'
        '<li><a href="https://defence.example">defence.example</a></li></ul></div>'
    ),
    "slate": (
        '<div class="prezly-slate-contact"><div class="prezly-slate-contact__wrapper">'
        '<div class="prezly-slate-contact__content"><h3 class="prezly-slate-contact__name">'
        'Jan Peeters</h3><div class="prezly-slate-contact__job-description">Spokesperson, '
        'FPS Defence</div><ul class="prezly-slate-social-fields">'
        '<li><a class="prezly-slate-social-fields__field" href="mailto:jan@defence.example">'
        'E. jan@defence.example</a></li><li><a class="prezly-slate-social-fields__field" '
        'href="tel:+3225550101">P. +32 2 555 01 01</a></li>'
        '<li><a class="prezly-slate-social-fields__field" href="https://defence.example">'
        "W. defence.example</a></li></ul></div></div></div>"
    ),
}


@pytest.mark.parametrize("markup", ["legacy", "slate"])
def test_a_contact_card_keeps_name_role_email_phone_and_links(markup: str) -> None:
    (contact,) = body(CONTACTS[markup])
    assert contact.kind is BlockKind.CONTACT and contact.text == "Jan Peeters"
    texts = ["".join(s.text for s in line) for line in contact.lines]
    assert texts[:3] == [
        "Spokesperson, FPS Defence",
        "E-mail: jan@defence.example",
        "Phone: +32 2 555 01 01",
    ]
    assert any("defence.example" in text for text in texts[3:])
    assert_whole(["Jan Peeters", "jan@defence.example", "+32 2 555 01 01"], CONTACTS[markup])


@pytest.mark.parametrize(
    ("html", "label", "detail"),
    [
        (
            '<a class="prezly-slate-attachment" href="https://cdn.example/r.pdf">'
            '<div class="prezly-slate-attachment__title">Annual report</div>'
            '<div class="prezly-slate-attachment__subtitle">report.pdf - 1.2 MB</div></a>',
            "Annual report",
            "report.pdf - 1.2 MB",
        ),
        (
            '<div class="release-content-attachment"><a href="https://cdn.example/r.pdf">'
            '<span class="release-content-attachment__title">Annual report</span>'
            '<span class="release-content-attachment__subtitle">report.pdf - 1.2 MB</span>'
            "</a></div>",
            "Annual report",
            "report.pdf - 1.2 MB",
        ),
    ],
)
def test_attachments_keep_their_file_name_and_size(html: str, label: str, detail: str) -> None:
    (block,) = body(html)
    assert (block.kind, block.text, block.detail[0].text) == (BlockKind.ATTACHMENT, label, detail)
    assert_whole([label], html)
    assert "1.2 MB" in shown(html, 80)


@pytest.mark.parametrize(
    "html",
    [
        '<a class="prezly-slate-button-block" href="https://e.example/register">Register now</a>',
        '<div class="release-content-button-block"><a href="https://e.example/register">'
        "Register now</a></div>",
    ],
)
def test_buttons_keep_their_label_and_link(html: str) -> None:
    doc = document(html)
    (block,) = doc.blocks[2:]
    assert (block.kind, block.text) == (BlockKind.BUTTON, "Register now")
    assert doc.links[0].url == "https://e.example/register"
    assert "[ Register now ] [1]" in lines(html, 40)


@pytest.mark.parametrize(
    "cls",
    ["release-content-story-bookmark", "prezly-slate-story-bookmark", "release-content-bookmark"],
)
def test_story_cards(cls: str) -> None:
    html = (
        f'<div class="{cls}"><a class="{cls}__title" href="https://www.belganewsagency.eu/b">'
        f'Another story</a><div class="{cls}__description">What it says</div></div>'
    )
    doc = document(html)
    (card,) = doc.blocks[2:]
    assert (card.kind, card.text, card.detail[0].text) == (
        BlockKind.CARD,
        "Another story",
        "What it says",
    )
    assert doc.links[0].kind is LinkKind.CARD and doc.links[0].is_story
    assert_whole(["┃ Another story [1]"], html)


@pytest.mark.parametrize("cls", ["release-content-callout", "prezly-slate-divider"])
def test_callouts_and_dividers(cls: str) -> None:
    if "divider" in cls:
        assert kinds(f'<p>a</p><hr class="{cls}"><p>b</p>') == [
            BlockKind.PARAGRAPH,
            BlockKind.RULE,
            BlockKind.PARAGRAPH,
        ]
    else:
        blocks = body(f'<div class="{cls}"><p>Take note.</p></div>')
        assert [(b.kind, b.quote, b.text) for b in blocks] == [(BlockKind.QUOTE, 1, "Take note.")]


@pytest.mark.parametrize("cls", ["release-content-mystery", "prezly-slate-coupon-code"])
def test_an_unknown_block_is_a_labelled_placeholder_that_keeps_its_text(cls: str) -> None:
    html = f'<div class="{cls}"><p>Use the code <b>BELGA26</b></p></div>'
    (block,) = body(html)
    assert block.kind is BlockKind.PLACEHOLDER
    assert block.label in ("Mystery", "Coupon code")
    assert "Use the code BELGA26" in "".join(s.text for s in block.detail)
    assert_whole(["BELGA26"], html)


# -- one engine: the pane shows the dump's lines ---------------------------------------


def test_the_reading_pane_and_the_dump_show_the_same_lines() -> None:
    html = (
        image("slate") + gallery("legacy") + ROWSPAN + CONTACTS["slate"] + EMBEDS["legacy"]
        + "<ul><li>a<ol><li>b</li></ol></li></ul><blockquote><p>q</p></blockquote>"
        + '<div class="release-content-x">kept words</div>'
    )  # fmt: skip
    story = Story(title="T", body_html=html, url=URL)
    prepared = prepare_story(story)
    for width in WIDTHS:
        galley = Galley(prepared.header(), prepared.chunks())
        galley.restart(width, dict.fromkeys(STYLE_NAMES, Style()), {})
        while galley.set_next(Console(width=200)) is not None:
            pass
        pane = [line.replace("\xa0", " ").rstrip() for line in galley.text.split("\n")]
        dump = to_plain_text(render_story(story), width).split("\nLinks\n")[0].rstrip("\n")
        assert pane == dump.split("\n")
        prepared = prepare_story(story)


# -- cleaning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>before \x1b]0;PWNED\x07 after \x1b[2J\x1b[H end</p>",
        "<p>before &#27;]0;PWNED&#7; after &#27;[2J&#27;[H end</p>",
        '<p>before <a href="https://e.example/&#27;]8;;http://evil&#27;\\">after</a> end</p>',
        '<p title="&#27;[2J">before <img alt="&#27;]0;x&#7;" src="a.png"> after end</p>',
    ],
)
def test_escape_sequences_go_whole(html: str) -> None:
    doc = document(html)
    text = to_plain_text(doc, 80)
    for junk in ("]0;", "PWNED", "[2J", "[H", "]8;;", "\x1b", "\x07"):
        assert junk not in text
    assert "before" in text and "after" in text


def test_c1_mojibake_drops_alone_and_keeps_the_text() -> None:
    html = "<p>He said â\x80\x9cyesâ\x80\x9d and the rest of the story stays.</p>"
    (block,) = body(html)
    assert block.text == "He said âyesâ and the rest of the story stays."


def test_a_lone_surrogate_is_replaced_and_the_dump_encodes() -> None:
    story = Story(title="Bad \ud800 title", body_html="<p>a \ud800 b</p>", url=URL)
    text = to_plain_text(render_story(story), 40)
    assert "\ufffd" in text
    text.encode("utf-8")


# -- bounded work ----------------------------------------------------------------------


def test_a_huge_document_is_cut_with_a_note() -> None:
    html = "<p><a href='https://e.example/{}'>x</a></p>"
    many = "".join(html.format(n) for n in range(10_050))
    doc = document(many)
    assert len(doc.links) == 10_000
    assert doc.blocks[-1].kind is BlockKind.NOTE
    assert "too long" in doc.blocks[-1].text


def test_a_long_story_is_built_as_it_is_read() -> None:
    body = prose_paragraphs(60_000)
    story = Story(title="T", body_html=body, url=URL, links=(RelatedLink(URL + "-x", "X"),))
    prepared = prepare_story(story)
    assert not prepared.complete and prepared.blocks == []  # parsed, nothing built yet
    assert 55_000 < prepared.words < 65_000  # the reading time is known at once
    first = next(prepared.chunks())
    assert 0 < len(prepared.blocks) < 50 and first[0].text.startswith("Word 0")
    assert 0 < len(prepared.links) < 50
    prepared.finish()
    assert prepared.complete and len(prepared.blocks) > 400
    assert prepared.links[-1].kind is LinkKind.RELATED  # the story's own links come last
    numbers = [link.number for link in prepared.links]
    assert numbers == list(range(1, len(numbers) + 1))


def prose_paragraphs(words: int) -> str:
    paragraph = " ".join(["word"] * 99)
    return "".join(
        f"<p>Word {n} {paragraph} <a href='https://e.example/{n}'>link</a></p>"
        for n in range(words // 100)
    )


@pytest.mark.parametrize(
    ("html", "title", "description", "site"),
    [  # the theme's card: a heading inside the link, no BEM parts (tester report item 9)
        ('<div class="prezly-slate-story-bookmark"><a href="http://127.0.0.1:8/s">'
         "<h3>Story small-one</h3></a></div>", "Story small-one", "", "127.0.0.1"),
        ('<div class="prezly-slate-story-bookmark"><a href="https://a.example/s"><h4>Head</h4>'
         "<p>What it says</p></a></div>", "Head", "What it says", "a.example"),
        ('<div class="release-content-bookmark"><a href="https://a.example/s">'
         '<strong>Bold title</strong></a><div class="release-content-bookmark__description">'
         'Desc</div><a class="release-content-bookmark__provider" href="https://a.example/">'
         "A site</a></div>", "Bold title", "Desc", "A site"),
        # no title at all: the description is the title; no text: the host
        ('<div class="prezly-slate-bookmark"><a href="https://a.example/s">'
         '<span class="prezly-slate-bookmark__description">Only words</span></a></div>',
         "Only words", "", "a.example"),
        ('<div class="prezly-slate-link-embed"><a href="https://www.b.example/x"></a></div>',
         "b.example", "", "b.example"),
    ],
)  # fmt: skip
def test_cards_take_title_then_description_then_host(
    html: str, title: str, description: str, site: str
) -> None:
    doc = document(html)
    (card,) = doc.blocks[2:]
    assert card.kind is BlockKind.CARD
    assert (card.text, "".join(s.text for s in card.detail), card.label) == (
        title,
        description,
        site,
    )
    assert doc.links[0].title == title
    assert any(title in line for line in lines(html, 60))


# -- links, and what the old body tests held (ported onto the model) -------------------


def test_link_numbers_are_shared_and_in_reading_order() -> None:
    card = (
        '<div class="release-content-bookmark"><a class="release-content-bookmark__title" '
        'href="https://a.example/1">Card one</a></div>'
    )
    doc = document(
        '<p><a href="https://a.example/1">one</a> <a href="https://b.example/2 ">two</a></p>'
        + card
        + '<p><a href="https://b.example/2">again</a> <a href="https://a.example/1#x">frag</a></p>'
    )
    assert [(link.number, link.url, link.title, link.kind) for link in doc.links] == [
        (1, "https://a.example/1", "Card one", LinkKind.CARD),  # the card names it better
        (2, "https://b.example/2", "two", LinkKind.TEXT),
    ]  # "#x" is the same page: the same number
    last = doc.blocks[-1]
    assert [span.link for span in last.spans if span.link] == [2, 1]


def test_anchors_that_are_not_links_keep_their_words() -> None:
    html = (
        '<p>Mail <a href="mailto:x@example.org">me</a>, <a href="javascript:alert(1)">run</a>, '
        '<a href="#part">jump</a>, <a>bare</a>, <a href="https://e.example/t"></a>'
        '<a href="http://[oops/">bad</a>.</p>'
    )
    doc = document(html)
    assert doc.links == []
    assert doc.blocks[2].text == "Mail me, run, jump, bare, bad."


def test_relative_links_resolve_against_the_story() -> None:
    doc = document('<p><a href="/other">o</a></p>')
    assert [link.url for link in doc.links] == ["https://www.belganewsagency.eu/other"]


def test_small_print_is_a_credit_and_keeps_its_digits() -> None:
    blocks = body(
        "<p><sup>Caption © BELGA 2026</sup></p><p><small>a</small> <sup>b</sup></p>"
        "<p>Text<sup>1</sup></p>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.CREDIT, "Caption © BELGA 2026"),
        (BlockKind.CREDIT, "a b"),
        (BlockKind.PARAGRAPH, "Text¹"),
    ]


def test_empty_paragraphs_go_and_no_break_spaces_stay() -> None:
    blocks = body("<p>&nbsp;</p><p>\u200b</p><p> </p><p>a&nbsp;b</p><p><br></p>")
    assert [b.text for b in blocks] == ["a\xa0b"]


def test_wrappers_are_looked_through_and_loose_text_is_a_paragraph() -> None:
    html = (
        '<section class="prezly-slate-document"><div><p>a</p><hr></div>loose <b>text</b></section>'
    )
    assert [(b.kind, b.text) for b in body(html)] == [
        (BlockKind.PARAGRAPH, "a"),
        (BlockKind.RULE, ""),
        (BlockKind.PARAGRAPH, "loose text"),
    ]


def test_a_caption_never_doubles_its_separator() -> None:
    html = (
        '<figure class="prezly-slate-image"><img src="https://cdn.example/q.jpg">'
        "<figcaption>The quay — © BELGA PHOTO</figcaption></figure>"
    )
    (figure,) = body(html)
    assert (figure.text, figure.detail[0].text) == ("The quay", "© BELGA PHOTO")
    assert "▣ Image [1]: The quay — © BELGA PHOTO" in lines(html, 80)


def test_right_to_left_text_stays_in_logical_order() -> None:
    (block,) = body("<p>שלום עולם and مرحبا</p>")
    assert block.text == "שלום עולם and مرحبا"
    assert lines("<p>שלום עולם and مرحبا</p>", 40)[0] == "שלום עולם and مرحبا"


def test_cells_of_wide_combining_and_joined_characters() -> None:
    assert cells("abc") == 3
    assert cells("中文") == 4
    assert cells("e\u0301") == 1
    assert cells("👩\u200d👩\u200d👧") == 2  # one family, drawn as one emoji
    assert cells("a\u00adb") == 2  # a soft hyphen is invisible


def test_a_body_past_2_mb_is_cut_with_a_note() -> None:
    html = "<p>Kept words.</p><!--" + "x" * 2_100_000 + "--><p>Never read.</p>"
    blocks = body(html)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.NOTE]
    assert "too long to show whole" in lines(html, 80)[-2]


def test_a_document_past_50_000_blocks_is_cut_with_a_note() -> None:
    blocks = body("<hr><p>p</p>" * 30_000)
    assert 49_000 < len(blocks) <= 50_002 and blocks[-1].kind is BlockKind.NOTE


def test_a_link_never_breaks_a_line_of_the_list_of_links() -> None:
    doc = document("<p><a href='https://e.example/a\nb c\td'>x</a></p>")
    assert doc.links[0].url == "https://e.example/ab%20cd"
    assert "[1] https://e.example/ab%20cd\n" in to_plain_text(doc)


def test_story_times_with_an_offset_are_newsroom_local_time() -> None:
    """A story's JSON time with an offset was shown as given: 10:00Z read 10:00, where
    the feed's own times are turned into Brussels time (11:00): a list row and its story
    an hour apart (tester report 3, item 8)."""
    from datetime import datetime

    from tui.core.model.story import parse_datetime

    assert parse_datetime("2026-11-29T10:00:00Z") == datetime(2026, 11, 29, 11, 0)
    assert parse_datetime("2026-07-01T10:00:00+02:00") == datetime(2026, 7, 1, 10, 0)
    assert parse_datetime("2026-05-13 17:23:00") == datetime(2026, 5, 13, 17, 23)  # as given
    assert parse_datetime("0001-01-01T00:00:00+14:00") is None  # before year 1 in Brussels


def test_a_date_without_a_time_shows_no_midnight() -> None:
    """A page's byline "29 November 2026" read "29 November 2026, 00:00" (tester report
    3, item 8): a date alone comes as midnight, and is shown as a date alone."""
    from datetime import datetime

    from tui.core.model.dates import long_date

    assert long_date(datetime(2026, 11, 29)) == "29 November 2026"
    assert long_date(datetime(2026, 11, 29, 0, 1)) == "29 November 2026, 00:01"
    assert long_date(datetime(2026, 5, 13, 17, 23)) == "13 May 2026, 17:23"
