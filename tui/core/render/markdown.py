"""Prose HTML → Markdown (html2text) → blocks of styled spans (markdown-it).

The HTML comes from :mod:`tui.core.render.body`, with every link pointing at a ``belga-link:N``
marker. Three steps keep the Markdown true to the HTML: the DOM is tidied first
(:mod:`tui.core.render.tidy`: html2text turns some ordinary markup into junk: "**a **", "[" and
"](…)" on two lines, "`a``b`"); html2text is configured, and slightly corrected; and
markdown-it is configured to read back only what html2text writes, so that text can never
turn into markup by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

import html2text
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser

from tui.core.model.text import clean_text
from tui.core.render.document import Block, BlockKind, Cells, Mark, Span
from tui.core.render.tidy import CODE_TAGS, tidy, visible

__all__ = ["CODE_TAGS", "LINK_MARKER", "html_to_markdown", "markdown_to_blocks", "spans", "visible"]

LINK_MARKER: Final = "belga-link:"
"""``href="belga-link:7"``: the anchor of link number 7 (real URLs never get this far)."""
_BULLETS: Final = ("•", "‣")
_EDGE_SPACE: Final = " \t\n\u200b\u200c\u200d\u2060\ufeff"
_STRAY_MARKERS: Final = str.maketrans(dict.fromkeys("*~`", None))
_TOGGLES: Final = {
    "strong": Mark.BOLD,
    "em": Mark.ITALIC,
    "s": Mark.STRIKE,
}

# html2text writes no raw HTML, no entities, no autolinks, no setext headings and no
# indented code (its code is fenced): reading any of those back would turn a story's
# text ("&copy;", "<b>", a line of "===") into markup that the HTML never had.
_MARKDOWN: Final = (
    MarkdownIt("commonmark", {"html": False})
    .enable(["table", "strikethrough"])
    .disable(["entity", "autolink", "lheading", "code", "html_block", "html_inline"])
    # Kept apart, escaped characters ("\*") are told from html2text's own markers.
    .disable("text_join")
)


class _HTML2Markdown(html2text.HTML2Text):
    """html2text without two spacing heuristics that change the text.

    After a ``<strong>``/``<em>`` opens, html2text strips the next piece of text (losing
    the space in ``<b>as part of <a>…``) and puts a space before the piece after it
    ("Belgium ’s", "**a** ,"); before ``<em>`` after a letter it adds a space. They are
    there to make emphasis parse; :func:`~tui.core.render.tidy.tidy` already moves spaces out
    of emphasis, and ``*`` parses inside words, so here they only do harm.
    """

    def __init__(self) -> None:
        super().__init__(bodywidth=0)  # one paragraph a line: markdown-it will not rewrap
        # Otherwise html2text's defaults: inline links, no list of links at the end,
        # tables as Markdown tables, no padding.
        self.unicode_snob = True  # “curly quotes” and accents as they are, not ASCII
        self.escape_snob = True  # escape every Markdown character: markdown-it unescapes
        self.emphasis_mark = "*"  # "_" would not parse inside a word
        self.ignore_images = True  # figures are blocks of their own; inline images are noise
        self.use_automatic_links = False  # always [text](belga-link:N)
        self.backquote_code_style = True  # fenced code, so that indentation means nothing

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        self.stressed = False
        self.preceding_stressed = False
        super().handle_data(data, entity_char)

    def handle_tag(self, tag: str, attrs: dict[str, str | None], start: bool) -> None:
        if start and tag in ("em", "i", "u"):
            self.preceding_data = ""
        super().handle_tag(tag, attrs, start)


def html_to_markdown(html: str) -> str:
    """Markdown for prose HTML: one paragraph a line, links inline, no reference list."""
    body = LexborHTMLParser(html).body if html.strip() else None
    if body is None:
        return ""
    tidy(body)
    converter = _HTML2Markdown()  # html2text keeps state: one converter per document
    return converter.handle(body.inner_html or "")


def markdown_to_blocks(markdown: str) -> list[Block]:
    """Blocks for the Markdown that :func:`html_to_markdown` writes."""
    builder = _BlockBuilder()
    for token in _MARKDOWN.parse(markdown):
        builder.feed(token)
    return builder.blocks


@dataclass(slots=True)
class _List:
    ordered: bool
    next_number: int


@dataclass(slots=True)
class _BlockBuilder:
    blocks: list[Block] = field(default_factory=list)
    quote_depth: int = 0
    lists: list[_List] = field(default_factory=list)
    marker: str = ""  # the marker of a list item, for its first block only
    heading: int = 0
    rows: list[list[tuple[Span, ...]]] = field(default_factory=list)

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            number = start if isinstance(start, int) else 1
            self.lists.append(_List(kind == "ordered_list_open", number))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.marker = self._next_marker()
        elif kind == "heading_open":
            self.heading = int(token.tag[1:])
        elif kind == "tr_open":
            self.rows.append([])
        elif kind == "table_close":
            self._add(Block(BlockKind.TABLE, rows=_table(self.rows), header=True))
            self.rows = []
        elif kind == "inline":
            self._inline(spans(token.children or []))
        elif kind in ("fence", "code_block"):
            code = clean_text(token.content).rstrip("\n")
            self._add(Block(BlockKind.CODE, spans=(Span(code),) if code else ()))
        elif kind == "hr":
            self._add(Block(BlockKind.RULE))

    def _next_marker(self) -> str:
        current = self.lists[-1]
        if not current.ordered:
            return _BULLETS[(len(self.lists) - 1) % len(_BULLETS)]
        current.next_number += 1
        return f"{current.next_number - 1}."

    def _inline(self, content: tuple[Span, ...]) -> None:
        if self.rows:
            self.rows[-1].append(content)
        elif self.heading:
            self._add(Block(BlockKind.HEADING, content, level=self.heading))
            self.heading = 0
        elif self.lists:
            level = len(self.lists) - 1
            self._add(Block(BlockKind.LIST_ITEM, content, level=level, marker=self.marker))
            self.marker = ""
        elif self.quote_depth:
            self._add(Block(BlockKind.QUOTE, content, level=self.quote_depth))
        else:
            self._add(Block(BlockKind.PARAGRAPH, content))

    def _add(self, block: Block) -> None:
        if block.spans or block.rows or block.kind is BlockKind.RULE:
            self.blocks.append(block)


def _table(rows: list[list[tuple[Span, ...]]]) -> tuple[Cells, ...]:
    width = max((len(row) for row in rows), default=0)
    return tuple(tuple(row) + ((),) * (width - len(row)) for row in rows if row)


def spans(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """Styled spans for markdown-it's inline tokens, merged and trimmed."""
    marks = Mark.NONE
    link: int | None = None
    pieces: list[Span] = []
    for token in tokens:
        kind = token.type
        name, _, edge = kind.rpartition("_")
        if name in _TOGGLES and edge in ("open", "close"):
            marks = marks | _TOGGLES[name] if edge == "open" else marks & ~_TOGGLES[name]
        elif kind == "link_open":
            link = _link_number(token.attrGet("href"))
            marks = marks | Mark.LINK if link is not None else marks
        elif kind == "link_close":
            marks, link = marks & ~Mark.LINK, None
        elif kind == "text":
            # The story's own "*", "~" and "`" all reach us escaped, as text_special
            # tokens: one here is a marker of html2text's that CommonMark did not pair up.
            pieces.append(Span(token.content.translate(_STRAY_MARKERS), marks, link))
        elif kind == "text_special":
            pieces.append(Span(token.content, marks, link))
        elif kind == "code_inline":
            pieces.append(Span(token.content, marks | Mark.CODE, link))
        elif kind in ("softbreak", "hardbreak"):
            pieces.append(Span(" " if kind == "softbreak" else "\n", marks, link))
    return _trim(_merge(pieces))


def _link_number(href: object) -> int | None:
    if isinstance(href, str) and href.startswith(LINK_MARKER):
        number = href.removeprefix(LINK_MARKER)
        return int(number) if number.isdigit() else None
    return None


def _merge(pieces: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for piece in pieces:
        text = clean_text(piece.text)
        if not text:
            continue
        last = merged[-1] if merged else None
        if last is not None and (last.marks, last.link) == (piece.marks, piece.link):
            merged[-1] = replace(last, text=last.text + text)
        else:
            merged.append(replace(piece, text=text))
    return merged


def _trim(pieces: list[Span]) -> tuple[Span, ...]:
    """No space, line break or invisible character at either end of a block."""
    while pieces and not pieces[0].text.lstrip(_EDGE_SPACE):
        pieces.pop(0)
    while pieces and not pieces[-1].text.rstrip(_EDGE_SPACE):
        pieces.pop()
    if pieces:
        pieces[0] = replace(pieces[0], text=pieces[0].text.lstrip(_EDGE_SPACE))
        pieces[-1] = replace(pieces[-1], text=pieces[-1].text.rstrip(_EDGE_SPACE))
    return tuple(pieces)
