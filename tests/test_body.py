"""Cleaning and cutting a body: segments, numbered links, markup tidied for html2text."""

from __future__ import annotations

import time

import pytest

from tests.test_render import fixture_story
from tui.core.model.text import clean_line
from tui.core.render.body import SEGMENT_WORDS, Body, Prose, segment_body
from tui.core.render.document import Block, BlockKind, LinkKind
from tui.core.render.markdown import html_to_markdown

CARD = (
    '<div class="release-content-bookmark release-content-bookmark--horizontal">'
    '<a class="release-content-bookmark__thumbnail" href="{url}" '
    'style="background-image: url(https://prezly.imgix.net/x.jpg)"></a>'
    '<div class="release-content-bookmark__details">'
    '<a class="release-content-bookmark__title" href="{url}"> {title} </a>'
    '<div class="release-content-bookmark__description">About it...</div>'
    '<a href="https://www.belganewsagency.eu/" class="release-content-bookmark__provider">'
    '<img class="release-content-bookmark__provider-icon" '
    'src="https://avatars.prezly.com/favicon?x=1" />belganewsagency.eu</a></div></div>'
)


def prose(body: Body) -> str:
    return "".join(s.html for s in body.segments if isinstance(s, Prose))


def blocks(body: Body) -> list[Block]:
    return [s for s in body.segments if isinstance(s, Block)]


def test_the_fixture_in_segments() -> None:
    body = segment_body(fixture_story().body_html)
    kinds = [s.kind.name if isinstance(s, Block) else f"prose:{s.kind.name}" for s in body.segments]
    assert kinds == [
        "prose:PARAGRAPH",
        "CARD",
        "prose:PARAGRAPH",
        "prose:PARAGRAPH",
        "CARD",
        "prose:PARAGRAPH",
        "prose:CREDIT",
        "RULE",
        "prose:PARAGRAPH",
        "CARD",
        "CARD",
    ]
    html = prose(body)
    assert "avatars.prezly.com" not in html and "imgix" not in html and "http" not in html
    assert "belga-link:1" in html and "belga-link:2" not in html  # cards are not prose
    assert "&nbsp;" not in html  # the empty closing paragraph is gone
    assert all(s.words <= SEGMENT_WORDS for s in body.segments if isinstance(s, Prose))
    assert 650 < body.words < 750


def test_the_fixture_lead_becomes_clean_markdown() -> None:
    first = segment_body(fixture_story().body_html).segments[0]
    assert isinstance(first, Prose)
    assert '<a href="belga-link:1">' in first.html
    # One bold run with the link inside it, the space before the link kept, "’s" whole.
    assert html_to_markdown(first.html).startswith(
        "**A “defence day” bringing together Belgian and Turkish defence companies took place"
        " in Ankara on Wednesday as part of [Belgium’s five-day economic mission to Turkey]"
        "(belga-link:1).**\n\n“For me,"
    )


def test_cards() -> None:
    url = "https://www.belganewsagency.eu/a-story"
    body = segment_body(CARD.format(url=url, title="A &ldquo;story&rdquo;"))
    (card,) = blocks(body)
    assert card.kind is BlockKind.CARD
    assert card.text == "A “story”"
    assert [s.text for s in card.detail] == ["About it..."]
    assert (card.label, card.link) == ("belganewsagency.eu", 1)
    assert [(link.url, link.title, link.kind) for link in body.links] == [
        (url, "A “story”", LinkKind.CARD)
    ]


def test_slate_story_bookmark_without_a_title_link() -> None:
    html = (
        '<div class="prezly-slate-story-bookmark"><a href="https://n.example/s">'
        '<h3 class="prezly-slate-story-bookmark__title">Title</h3></a></div>'
    )
    (card,) = blocks(segment_body(html))
    assert (card.text, card.label, card.link) == ("Title", "n.example", 1)


def test_figures() -> None:
    body = segment_body(
        '<figure class="release-content-image release-content-image--wide">'
        '<img class="release-content-image__image" '
        'src="https://cdn.example/pic.jpg"><figcaption>The quay. &copy; BELGA PHOTO X Y'
        '</figcaption></figure><img src="https://cdn.example/bare.png">'
        '<p><a href="https://cdn.example/big.png"><img src="https://cdn.example/small.png"></a></p>'
    )
    shown = [(b.kind, b.text, [s.text for s in b.detail], b.label, b.link) for b in blocks(body)]
    figure = BlockKind.FIGURE
    assert shown == [
        (figure, "The quay.", ["© BELGA PHOTO X Y"], "Image", 1),
        (figure, "", [], "Image", 2),
        (figure, "", [], "Image", 3),
    ]
    assert [(link.kind, link.title) for link in body.links] == [
        (LinkKind.IMAGE, "The quay."),
        (LinkKind.IMAGE, "Image"),
        (LinkKind.IMAGE, "Image"),
    ]


def test_link_numbers_are_shared_and_in_reading_order() -> None:
    body = segment_body(
        '<p><a href="https://a.example/1">one</a> <a href="https://b.example/2 ">two</a></p>'
        + CARD.format(url="https://a.example/1", title="Card one")
        + '<p><a href="https://b.example/2">again</a> <a href="https://a.example/1#x">frag</a></p>'
    )
    assert [(link.number, link.url, link.title, link.kind) for link in body.links] == [
        (1, "https://a.example/1", "Card one", LinkKind.CARD),  # the card names it better
        (2, "https://b.example/2", "two", LinkKind.TEXT),
        (3, "https://a.example/1#x", "frag", LinkKind.TEXT),
    ]
    assert prose(body).count("belga-link:2") == 2


def test_anchors_that_are_not_links() -> None:
    body = segment_body(
        '<p>Mail <a href="mailto:x@example.org">me</a>, <a href="javascript:alert(1)">run</a>, '
        '<a href="#part">jump</a>, <a>bare</a>, <a href="https://e.example/t"></a>'
        '<a href="https://e.example/i"><img src="https://e.example/i.png"></a>'
        '<a href="/relative">rel</a>.</p>'
    )
    assert body.links == ()
    assert prose(body) == "<p>Mail me, run, jump, bare, rel.</p>"


def test_relative_links_resolve_against_the_story() -> None:
    body = segment_body('<p><a href="/other">o</a></p>', base_url="https://n.example/story")
    assert [link.url for link in body.links] == ["https://n.example/other"]


def test_link_titles_are_cleaned_and_attributes_dropped() -> None:
    body = segment_body(
        '<p><a href="https://e.example/x" title="T" class="c">\n  two\n  words \x1b[2J</a></p>'
    )
    assert body.links[0].title == clean_line("two words \x1b[2J")  # whatever clean_line keeps
    assert body.links[0].title.startswith("two words")
    assert '<a href="belga-link:1">' in prose(body)


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p><b>a </b><b>b</b></p>", "**a b**"),
        ("<p><strong>x</strong> <b>y</b></p>", "**x y**"),
        ("<p>x<strong> y </strong>z</p>", "x **y** z"),
        ("<p>x<em>&nbsp;y</em></p>", "x\xa0*y*"),
        ("<p>a<strong></strong><em> </em>b</p>", "a b"),
        ("<p><b>a <b>b</b></b> <s>c<del>d</del></s></p>", "**a b** ~~cd~~"),
        (
            '<p><a href="https://e.example/"><strong><em>x</em></strong></a></p>',
            "***[x](belga-link:1)***",
        ),
        ('<a href="https://e.example/">a<br>b<div>c</div></a>', "[a b c](belga-link:1)"),
        ("<h3>one<br>line</h3>", "### one line"),
        ("<p>a &gt; b ~ c | d</p>", "a \\> b \\~ c \\| d"),
        ("<pre>a &gt; <b>b</b></pre><p><code>~~</code></p>", "```\na > b\n```\n\n`~~`"),
        ("<p><sup><code>a</code></sup><code>b</code></p>", "`a`\u200b`b`"),
        ("<table><tr><td></td><td>x|y</td></tr></table>", "\u200b| x\\|y  \n---|---"),
    ],
)
def test_markup_is_tidied_for_html2text(html: str, markdown: str) -> None:
    assert html_to_markdown(prose(segment_body(html))).strip() == markdown


def test_empty_paragraphs_go_and_no_break_spaces_stay() -> None:
    body = segment_body("<p>&nbsp;</p><p>\u200b</p><p> </p><p>a&nbsp;b</p><p><br></p>")
    assert prose(body) == "<p>a&nbsp;b</p>"


def test_small_print_is_a_credit() -> None:
    body = segment_body(
        "<p><sup>Caption © BELGA</sup></p><p><small>a</small> <sup>b</sup></p>"
        "<p>Text<sup>1</sup></p>"
    )
    kinds = [s.kind for s in body.segments if isinstance(s, Prose)]
    assert kinds == [BlockKind.CREDIT, BlockKind.CREDIT, BlockKind.PARAGRAPH]


def test_wrappers_are_looked_through() -> None:
    body = segment_body(
        '<section class="prezly-slate-document"><div><p>a</p><hr>'
        + CARD.format(url="https://n.example/s", title="S")
        + "</div>loose <b>text</b></section>"
    )
    kinds = [s.kind.name if isinstance(s, Block) else s.html for s in body.segments]
    assert kinds == ["<p>a</p>", "RULE", "CARD", "<div>loose <b>text</b></div>"]


def test_segments_are_cut_by_words() -> None:
    paragraph = "<p>" + " ".join(["word"] * 100) + "</p>"
    body = segment_body(paragraph * 10)
    assert [s.words for s in body.segments if isinstance(s, Prose)] == [200, 200, 200, 200, 200]


def synthetic_body(words: int) -> str:
    """A Prezly-like body: paragraphs with bold and links, a heading and a card now and then."""
    parts: list[str] = []
    for index in range(words // 50):
        parts.append(
            f'<p style="text-align: left"><strong>Lead {index} </strong>'
            + " ".join(["word"] * 40)
            + f' <a href="https://www.belganewsagency.eu/s-{index % 40}"><strong>link</strong></a>'
            + " <em>more</em> text&nbsp;here, “quoted” and Belgium&rsquo;s end.</p>"
        )
        if index % 30 == 0:
            parts.append(f'<h4 id="h{index}">Heading {index}</h4>')
        if index % 45 == 0:
            parts.append(CARD.format(url=f"https://www.belganewsagency.eu/c-{index}", title="C"))
    return "".join(parts)


def test_a_long_body_segments_quickly() -> None:
    html = synthetic_body(30_000)
    start = time.perf_counter()
    body = segment_body(html)
    elapsed = time.perf_counter() - start
    assert body.words > 29_000 and len(body.links) == 40 + 14
    assert elapsed < 0.5  # about 40 ms on a laptop; this only catches a quadratic walk
