"""The rendering pipeline end to end: a story in, a document of blocks and links out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tui.core.model.story import RelatedLink, Story, parse_story_bytes
from tui.core.render.cells import NO_BREAK
from tui.core.render.document import Block, BlockKind, Document, LinkKind, Mark, Span
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import EMPTY_STORY, prepare_story, render_story

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"
STORY_URL = "https://www.belganewsagency.eu/a-story"


def fixture_story() -> Story:
    return parse_story_bytes(FIXTURE.read_bytes(), str(FIXTURE))


def story_of(html: str, links: tuple[RelatedLink, ...] = ()) -> Story:
    return Story(title="A test story", body_html=html, url=STORY_URL, links=links)


def body_blocks(html: str) -> list[Block]:
    return render_story(story_of(html)).blocks[2:]  # without the title and meta line


def spans_of(block: Block) -> Iterator[Span]:
    yield from block.spans
    yield from block.detail
    for row in block.rows:
        for cell in row:
            yield from cell


def all_texts(document: Document) -> Iterator[str]:
    for block in document.blocks:
        yield block.label
        yield block.marker
        yield from (span.text for span in spans_of(block))
    for link in document.links:
        yield link.url
        yield link.title


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the real story


@pytest.fixture(scope="module")
def document() -> Document:
    return render_story(fixture_story())


@pytest.fixture(scope="module")
def plain(document: Document) -> str:
    return flat(to_plain_text(document))


def test_every_paragraph_of_the_story_is_in_the_text(plain: str) -> None:
    without_numbers = re.sub(r" \[\d+\]", "", plain)
    paragraphs = LexborHTMLParser(fixture_story().body_html).css("p")
    texts = [flat(p.text().replace("\u200b", "")) for p in paragraphs]
    assert len([t for t in texts if t]) == 16
    for text in texts:
        assert text in without_numbers


@pytest.mark.parametrize("junk", ["](", "**", "__", "\\", "[]", " ’s", "\x1b"])
def test_no_markdown_or_spacing_junk(plain: str, junk: str) -> None:
    assert junk not in plain


def test_no_favicon_or_thumbnail_anywhere(document: Document) -> None:
    for text in all_texts(document):
        assert "avatars.prezly.com" not in text
        assert "imgix" not in text


def test_the_lead_link_carries_its_number(plain: str, document: Document) -> None:
    assert "Belgium’s five-day economic mission to Turkey [1]." in plain
    lead = document.blocks[2]
    linked = [span for span in lead.spans if span.link == 1]
    assert [span.text for span in linked] == ["Belgium’s five-day economic mission to Turkey"]
    assert all(span.marks & Mark.BOLD for span in lead.spans)  # the whole lead is bold
    assert linked[0].marks & Mark.LINK


def test_the_four_cards_render_once_each(document: Document, plain: str) -> None:
    cards = [block for block in document.blocks if block.kind is BlockKind.CARD]
    titles = [link.title for link in fixture_story().links]
    assert [card.text for card in cards] == titles
    assert [card.link for card in cards] == [2, 3, 4, 5]
    assert all(card.label == "belganewsagency.eu" and card.detail for card in cards)
    for title in titles:
        assert plain.replace("┃ ", "").count(title) == 1


def test_links_are_numbered_in_reading_order(document: Document) -> None:
    links = document.links
    assert [link.number for link in links] == list(range(1, len(links) + 1)) == [1, 2, 3, 4, 5]
    assert "queen-mathilde" in links[0].url and links[0].kind is LinkKind.TEXT
    assert [link.kind for link in links[1:]] == [LinkKind.CARD] * 4
    assert len({link.url for link in links}) == len(links)
    assert links[2].url.endswith("#header-focus-on-european-and-nato-cooperation")
    assert all(link.is_story for link in links)


def test_the_photo_credit_is_a_credit(document: Document) -> None:
    credits = [block for block in document.blocks if block.kind is BlockKind.CREDIT]
    assert len(credits) == 1
    assert credits[0].text.startswith("Minister of defence")
    assert credits[0].text.endswith("© BELGA PHOTO BENOIT DOPPAGNE")


def test_headings_rule_and_related_news(document: Document) -> None:
    headings = [(b.text, b.level) for b in document.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("Belgian companies seek Turkish partnerships", 4),
        ("Debate over export rules", 4),
    ]
    kinds = [block.kind for block in document.blocks]
    rule = kinds.index(BlockKind.RULE)
    assert kinds[rule - 1] is BlockKind.CREDIT and kinds.count(BlockKind.RULE) == 1
    related = document.blocks[rule + 1]
    assert related.spans == (Span("Related news", Mark.BOLD),)


def test_header_title_and_meta(document: Document) -> None:
    title, meta = document.blocks[:2]
    assert title.kind is BlockKind.TITLE
    assert title.text == fixture_story().title
    assert title.text.startswith("Belgian defence industry looks to expand ties with Turkey")
    assert meta.kind is BlockKind.META
    assert meta.text.replace(NO_BREAK, " ") == (
        "13 May 2026, 17:23 · Flanders News Service · www.belganewsagency.eu · 3 min read"
    )
    assert 650 < document.words < 750


def test_meta_names_the_file_when_there_is_no_url() -> None:
    story = Story(title="T", body_html="<p>Words.</p>", source="/tmp/some/story.json")
    assert prepare_story(story).header()[1].text.replace(NO_BREAK, " ") == "story.json · 1 min read"


@pytest.mark.parametrize("width", range(25, 61))  # each fact and its "·" fit
def test_the_byline_keeps_its_units_whole(width: int) -> None:
    """ "3 min read" never breaks, nor does a line start with "·" (tester report item 14)."""
    story = Story(title="T", body_html="<p>Words.</p>", author="Flanders News Service",
                  url="https://www.belganewsagency.eu/a-story")  # fmt: skip
    text = to_plain_text(render_story(story), width)
    meta = text.split("\n\n")[1].split("\n")
    assert any("1 min read" in line for line in meta), meta
    assert not any(line.startswith(("·", "read", "min")) for line in meta), meta


# -- links beyond the body


def test_story_links_missing_from_the_body_are_added_as_related() -> None:
    story = story_of(
        '<p><a href="https://www.belganewsagency.eu/in-body">In body</a></p>',
        links=(
            RelatedLink("https://www.belganewsagency.eu/in-body#section", "Same story"),
            RelatedLink("https://www.belganewsagency.eu/elsewhere", "Another story"),
        ),
    )
    links = prepare_story(story).links
    assert [(link.number, link.kind, link.title) for link in links] == [
        (1, LinkKind.TEXT, "In body"),
        (2, LinkKind.RELATED, "Another story"),
    ]
    assert links[1].is_story


def test_which_links_are_stories() -> None:
    html = (
        '<p><a href="https://www.belganewsagency.eu/a-slug">a</a> '
        '<a href="https://belganewsagency.eu/b-slug">b</a> '
        '<a href="https://www.belganewsagency.eu/category/politics">c</a> '
        '<a href="https://other.example/slug">d</a> '
        '<a href="http://prez.ly/ZGGd">e</a></p>'
        '<figure class="release-content-image"><img src="https://www.belganewsagency.eu/pic"></figure>'
    )
    links = prepare_story(story_of(html)).links
    assert [link.is_story for link in links] == [True, True, False, False, True, False]
    # A story read from a file has no host: any link shaped like a story may be one.
    local = prepare_story(Story(title="T", body_html=html)).links
    assert [link.is_story for link in local] == [True, True, False, True, True, False]


def test_cards_are_stories_even_elsewhere() -> None:
    card = (
        '<div class="release-content-bookmark"><a class="release-content-bookmark__title" '
        'href="https://other.example/news/2026/x">Other</a></div>'
    )
    assert prepare_story(story_of(card)).links[0].is_story


# -- structures, from the DOM


def test_table() -> None:
    (table,) = body_blocks(
        "<table><tr><th>Region</th><th>Share | pts</th></tr>"
        "<tr><td>Flanders<br>north</td><td><b>68%</b></td></tr>"
        "<tr><td><p>Brussels</p><p>centre</p></td><td>82%</td></tr></table>"
    )
    assert table.kind is BlockKind.TABLE and table.header
    texts = [["".join(s.text for s in cell) for cell in row] for row in table.rows]
    assert texts == [
        ["Region", "Share | pts"],
        ["Flanders\nnorth", "68%"],  # a line break in a cell stays one
        ["Brussels\ncentre", "82%"],
    ]
    assert table.rows[1][1] == (Span("68%", Mark.BOLD),)


def test_nested_and_ordered_lists() -> None:
    blocks = body_blocks(
        "<ul><li>one<ul><li>two<ol start='3'><li>three</li><li>four</li></ol></li></ul></li>"
        "<li>five</li></ul><ol start='3'><li>third</li><li>fourth</li></ol>"
    )
    items = [(b.kind, b.level, b.marker, b.text) for b in blocks]
    item = BlockKind.LIST_ITEM
    assert items == [
        (item, 0, "•", "one"),
        (item, 1, "‣", "two"),
        (item, 2, "3.", "three"),
        (item, 2, "4.", "four"),
        (item, 0, "•", "five"),
        (item, 0, "3.", "third"),
        (item, 0, "4.", "fourth"),
    ]


def test_quotes_code_and_inline_styles() -> None:
    blocks = body_blocks(
        "<blockquote><p>Outer <em>said</em></p><blockquote><p>inner</p></blockquote></blockquote>"
        "<pre><code>def f():\n    return 1 * 2\n</code></pre>"
        "<p>a <code>x*y</code> <s>gone</s> <strong>bold <em>both</em></strong></p>"
    )
    assert [(b.kind, b.level, b.text) for b in blocks[:2]] == [
        (BlockKind.QUOTE, 1, "Outer said"),
        (BlockKind.QUOTE, 2, "inner"),
    ]
    assert blocks[0].spans[1] == Span("said", Mark.ITALIC)
    assert blocks[2].kind is BlockKind.CODE
    assert blocks[2].text == "def f():\n    return 1 * 2"
    marks = {span.text: span.marks for span in blocks[3].spans}
    assert marks["x*y"] == Mark.CODE and marks["gone"] == Mark.STRIKE
    assert marks["both"] == Mark.BOLD | Mark.ITALIC


def test_markdown_characters_of_the_text_stay_text() -> None:
    text = (
        "1*2 *not em* _x_ [y](z) \\ # h ~~s~~ &amp;copy; &lt;b&gt; `t` a|b "
        "&lt;https://x.example&gt;"
    )
    blocks = body_blocks(
        f"<p>{text}</p><p>&gt; not a quote</p><p>~~~</p><p>1. not a list</p>"
        "<p>- no</p><p>line<br>===</p><p>+ no</p><p>***</p>"
    )
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH] * 8
    assert blocks[0].spans == (
        Span("1*2 *not em* _x_ [y](z) \\ # h ~~s~~ &copy; <b> `t` a|b <https://x.example>"),
    )
    assert [b.text for b in blocks[1:]] == [
        "> not a quote",
        "~~~",
        "1. not a list",
        "- no",
        "line\n===",
        "+ no",
        "***",
    ]


def test_bold_that_cannot_pair_leaves_no_asterisks() -> None:
    (block,) = body_blocks("<p><strong>“Quoted”</strong>word and <em>‘x’</em>y</p>")
    assert "*" not in block.text
    assert block.text == "“Quoted”word and ‘x’y"


def test_spaces_stay_where_they_were() -> None:
    (block,) = body_blocks(
        "<p><strong>as part of </strong><a href='https://e.example/x'><strong>Belgium&rsquo;s"
        "</strong></a><strong> mission</strong>, <b>a</b>, <i>b</i>&rsquo;s"
        " word<em>inside</em>word</p>"
    )
    assert block.text == "as part of Belgium’s mission, a, b’s wordinsideword"


def test_widgets_and_embeds_are_blocks_of_their_own() -> None:
    blocks = body_blocks(
        '<div class="release-content-gallery"><a href="https://g.example/1"><img src="x"></a></div>'
        '<iframe src="https://www.youtube.com/embed/abc" title="Interview"></iframe>'
        '<div class="release-content-x9_&lt;junk&gt;">?</div>'
        '<div class="prezly-slate-video"><video src="https://v.example/a.mp4"></video></div>'
        "<p>Text <video src='https://v.example/b.mp4'></video></p>"
        '<figure class="prezly-slate-gallery"><img src="https://g.example/2.jpg"></figure>'
        '<p class="release-content-text">Words of a paragraph, whatever its class</p>'
    )
    shown = [(b.kind, b.label, b.text, [s.text for s in b.detail]) for b in blocks]
    kind = BlockKind
    assert shown == [
        (kind.GALLERY, "Gallery", "1 image", []),
        (kind.FIGURE, "Image", "", []),
        (kind.EMBED, "Video", "Interview", ["youtube.com"]),
        (kind.PLACEHOLDER, "Embedded content", "Embedded content", ["?"]),  # its text kept
        (kind.EMBED, "Video", "", ["v.example"]),
        (kind.PARAGRAPH, "", "Text", []),
        (kind.EMBED, "Video", "", ["v.example"]),
        (kind.GALLERY, "Gallery", "1 image", []),
        (kind.FIGURE, "Image", "", []),
        (kind.PARAGRAPH, "", "Words of a paragraph, whatever its class", []),
    ]
    assert [b.link for b in blocks] == [None, 1, 2, None, 3, None, 4, None, 5, None]


def test_scripts_and_styles_never_show() -> None:
    document = render_story(
        story_of(
            "<style>p { color: red }</style><p>Safe<script>alert(1)</script> text</p>"
            "<script>alert(2)</script><noscript>no</noscript><template><p>t</p></template>"
        )
    )
    text = to_plain_text(document)
    assert "alert" not in text and "color" not in text and "Safe text" in text
    assert [b.text for b in document.blocks[2:]] == ["Safe text"]


HOSTILE = "&#27;[31m\x1b]8;;https://evil.example\x07\x9b2J"


def test_control_characters_never_reach_the_document() -> None:
    html = (
        f"<h3>Head{HOSTILE}</h3><p>Para{HOSTILE} <a href='https://e.example/{HOSTILE}'>"
        f"link{HOSTILE}</a></p><table><tr><td>c{HOSTILE}</td></tr></table>"
        f'<div class="release-content-bookmark"><a class="release-content-bookmark__title" '
        f'href="https://www.belganewsagency.eu/card{HOSTILE}">Card{HOSTILE}</a>'
        f'<div class="release-content-bookmark__description">D{HOSTILE}</div></div>'
        f'<figure class="release-content-image"><img src="https://i.example/{HOSTILE}">'
        f"<figcaption>Cap{HOSTILE}</figcaption></figure><p><sup>Credit{HOSTILE}</sup></p>"
    )
    story = Story(title=f"Title{HOSTILE}", body_html=html, author=f"A{HOSTILE}")
    document = render_story(story)
    texts = list(all_texts(document))
    for word in ("Title", "Head", "Para", "link", "Card", "Cap", "Credit"):
        assert any(text.startswith(word) for text in texts), word  # the words stay
    for text in texts:
        assert all(unicodedata.category(c) != "Cc" or c == "\n" for c in text), repr(text)
    assert all(unicodedata.category(c) != "Cc" or c == "\n" for c in to_plain_text(document))


def test_accents_and_curly_quotes_survive() -> None:
    (block,) = body_blocks("<p>Prévot met Öömer: “yes” and ‘no’ &mdash; &eacute;t&eacute;</p>")
    assert block.text == "Prévot met Öömer: “yes” and ‘no’ — été"


# -- chunks


def test_chunks_hand_the_beginning_over_first() -> None:
    paragraph = (
        "<p>" + " ".join(["word"] * 60) + " <b>bold</b> and <a href='https://e.example'>x</a>.</p>"
    )
    prepared = prepare_story(story_of(paragraph * 500))
    assert prepared.words > 30_000
    chunks = prepared.chunks()
    first = next(chunks)
    assert 0 < sum(len(block.text.split()) for block in first) < 400
    rest = list(chunks)
    assert len(rest) > 50
    assert sum(len(chunk) for chunk in [first, *rest]) == len(prepared.blocks)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "<p>&nbsp;</p><p> </p><div></div>",
        "<script>x</script>",
        "<!-- only a comment -->",
    ],
)
def test_a_body_with_no_text_says_so(html: str) -> None:
    document = render_story(story_of(html))
    assert document.blocks[2:] == [Block(BlockKind.PARAGRAPH, (Span(EMPTY_STORY),))]


def test_plain_text_bodies_are_paragraphs() -> None:
    blocks = body_blocks("First line of text.\nSame paragraph.\n\nSecond & last paragraph.")
    assert [b.text for b in blocks] == [
        "First line of text. Same paragraph.",
        "Second & last paragraph.",
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 500 + "<p>deep</p>" + "</div>" * 500,
        "<blockquote>" * 500 + "deep",
        "<ul><li>" * 500 + "deep",
        "<b><i>" * 500 + "deep",
        "<table><tr><td>" * 100 + "deep",
        "<section class='prezly-slate-document'>" * 300 + "<p>deep</p>",
    ],
)
def test_deep_nesting_keeps_the_words(html: str) -> None:
    blocks = body_blocks(html)
    assert "deep" in " ".join(b.text or str(b.rows) for b in blocks)


def test_rules_only_ever_separate() -> None:
    blocks = body_blocks("<hr><p>a</p><hr><hr><div><hr></div><p>b</p><hr><p>&nbsp;</p><hr>")
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.RULE, BlockKind.PARAGRAPH]
