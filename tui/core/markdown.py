"""Prose HTML → Markdown (html2text) → blocks of styled spans (markdown-it).

The HTML comes from :mod:`tui.core.body`, with every link pointing at a ``belga-link:N``
marker. Three steps keep the Markdown true to the HTML: the DOM is tidied first (html2text
turns some ordinary markup into junk: "**a **", "[" and "](…)" on two lines, "`a``b`");
html2text is configured, and slightly corrected; and markdown-it is configured to read
back only what html2text writes, so that text can never turn into markup by accident.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

import html2text
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.core.document import Block, BlockKind, Cells, Mark, Span
from tui.core.text import clean_text

LINK_MARKER: Final = "belga-link:"
"""``href="belga-link:7"``: the anchor of link number 7 (real URLs never get this far)."""
CODE_TAGS: Final = ("pre", "code", "kbd", "tt")  # what html2text writes as code
_BULLETS: Final = ("•", "‣")
_EDGE_SPACE: Final = " \t\n\u200b\u200c\u200d\u2060\ufeff"
_STRAY_MARKERS: Final = str.maketrans(dict.fromkeys("*~`", None))
_TOGGLES: Final = {
    "strong": Mark.BOLD,
    "em": Mark.ITALIC,
    "s": Mark.STRIKE,
}

# Inline elements whose edges html2text turns into Markdown markers: "**", "*", "[", "~~".
_INLINE: Final = "strong, b, em, i, u, s, del, strike, span, font, mark, small, sup, sub, ins"
# Inline styles by family: html2text writes the same marker for each tag of one family.
_EMPHASIS: Final = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "s": "s",
    "del": "s",
    "strike": "s",
}
_MERGEABLE: Final = {**_EMPHASIS, "code": "code", "kbd": "code", "tt": "code"}
_NESTED_EMPHASIS: Final = ", ".join(
    f"{outer} {inner}"
    for outer, family in _EMPHASIS.items()
    for inner, inner_family in _EMPHASIS.items()
    if family == inner_family
)
_MARKDOWN_SIGNS: Final = frozenset(">~|")
_ESCAPES: Final = str.maketrans({sign: "\\" + sign for sign in _MARKDOWN_SIGNS})
MAX_NESTING: Final = 6
_DEEP_QUOTES: Final = " ".join(["blockquote"] * (MAX_NESTING + 1))
_DEEP_LISTS: Final = ", ".join(" ".join(["li"] * MAX_NESTING + [tag]) for tag in ("ul", "ol"))
_BLOCK_TAGS: Final = (
    *("p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th"),
)
# What Markdown writes on one line: a link, a table cell, a heading.
_ONE_LINE: Final = ("a", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6")
_ONE_LINE_BREAKS: Final = ", ".join(f"{tag} br" for tag in _ONE_LINE)
_IN_ONE_LINE: Final = ", ".join(f"{tag} *" for tag in _ONE_LINE)

_INSIDE_CODE: Final = ", ".join(f"{tag} *" for tag in CODE_TAGS)
_BREAKS_IN_CODE: Final = ", ".join(f"{tag} br" for tag in CODE_TAGS)
# Invisible characters that make an "empty" paragraph look non-empty.
_INVISIBLE: Final = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

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
    there to make emphasis parse; :func:`_tidy` already moves spaces out of emphasis,
    and ``*`` parses inside words, so here they only do harm.
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
    _tidy(body)
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


def visible(text: str) -> str:
    """``text`` without invisible characters and surrounding whitespace (``&nbsp;`` too)."""
    return _INVISIBLE.sub("", text).strip()


# -- tidying the inline markup that html2text turns into junk
#
# html2text writes "**" where <strong> opens and closes, so "<strong>a </strong>" gives
# "**a **", which CommonMark does not read as bold; "<strong>x</strong><strong>y</strong>"
# gives "**x****y**"; and bold inside a link splits the bold of the sentence around it.
# Each pass visits elements in reverse document order, so inner elements are done first
# and an element removed by a pass is never visited again.


def _tidy(root: LexborNode) -> None:
    # Blocks first: flattening them leaves the spaces that the inline passes then move.
    _plain_code(root)
    _one_line(root)
    _fill_empty_cells(root)
    _limit_nesting(root)
    # Spans mean nothing to html2text; gone, they no longer hide neighbours from each other.
    _unwrap_all(root, "span, font")
    _drop_empty_inline(root)
    _lift_emphasis_out_of_links(root)
    _merge_adjacent_styles(root)
    for node in reversed(root.css(_INLINE + ", a")):
        _move_edge_space_out(node, leading=True)
        _move_edge_space_out(node, leading=False)
    _part_adjacent_code(root)
    _break_before_nested_lists(root)
    _escape_markdown(root)


def _drop_empty_inline(root: LexborNode) -> None:
    _unwrap_all(root, _NESTED_EMPHASIS)  # "<b>a <b>b</b></b>" would give "**a **b****"
    for node in reversed(root.css(_INLINE + ", " + ", ".join(CODE_TAGS[1:]))):
        if not visible(node.text()):
            node.unwrap(delete_empty=True)  # keeps a space, a line break or an image


def _meaningful_children(node: LexborNode) -> list[LexborNode]:
    return [
        child
        for child in node.iter(include_text=True)
        if not child.is_comment_node and not (child.is_text_node and not child.text().strip())
    ]


def _lift_emphasis_out_of_links(root: LexborNode) -> None:
    """``<a><b>x</b></a>`` → ``<b><a>x</a></b>``: the bold can then merge with its neighbours."""
    for anchor in root.css("a"):
        children = _meaningful_children(anchor)
        while len(children) == 1 and children[0].tag in _EMPHASIS:
            tag = _EMPHASIS[children[0].tag or ""]
            children[0].unwrap()
            wrapper = anchor.parser.create_node(tag)
            anchor.insert_before(wrapper, move=True)
            wrapper.insert_child(anchor, move=True)
            children = _meaningful_children(anchor)


def _merge_adjacent_styles(root: LexborNode) -> None:
    """``<b>x</b> <strong>y</strong>`` → ``<b>x y</b>``: not "**x** **y**" or "`x``y`"."""
    for node in reversed(root.css(", ".join(_MERGEABLE))):
        between: list[LexborNode] = []
        sibling = node.next
        while sibling is not None and sibling.is_text_node and not sibling.text().strip():
            between.append(sibling)
            sibling = sibling.next
        if sibling is None or _MERGEABLE.get(sibling.tag or "") != _MERGEABLE[node.tag or ""]:
            continue
        for child in [*between, *sibling.iter(include_text=True)]:
            node.insert_child(child, move=True)
        sibling.decompose()


def _part_adjacent_code(root: LexborNode) -> None:
    """Code right after code, in other parents ("<sup><code>a</code></sup><code>b"),
    would give "`a``b`": one code span. A zero-width space keeps them two."""
    for code in root.css(", ".join(CODE_TAGS[1:])):
        following = _following(code)
        if following is not None and following.tag in CODE_TAGS:
            code.insert_after("\u200b")


def _following(node: LexborNode) -> LexborNode | None:
    """The node that comes right after ``node`` in reading order, at its deepest start."""
    parent: LexborNode | None = node
    while parent is not None and parent.next is None:
        parent = parent.parent
    if parent is None or parent.next is None:
        return None
    following = parent.next
    while following.tag not in CODE_TAGS and following.first_child is not None:
        following = following.first_child
    return following


def _move_edge_space_out(node: LexborNode, *, leading: bool) -> None:
    """``<b> x </b>`` → `` <b>x</b> ``: the space stays, outside the markers."""
    while True:
        edge = node.first_child if leading else node.last_child
        text = edge.text_content if edge is not None and edge.is_text_node else None
        if not text or edge is None:
            return
        kept = text.lstrip() if leading else text.rstrip()
        if kept == text:
            return
        if leading:
            node.insert_before(text[: len(text) - len(kept)])
        else:
            node.insert_after(text[len(kept) :])
        if kept:
            edge.replace_with(kept)
            return
        edge.decompose()


def _one_line(root: LexborNode) -> None:
    """No line breaks or blocks in what Markdown writes on one line.

    html2text would cut a link, a heading or a table row in two, leaving "[" and "](…)"
    or half a row on the screen.
    """
    for node in reversed(_select(root, _ONE_LINE_BREAKS)):
        node.replace_with(" ")
    _flatten_blocks(root, _IN_ONE_LINE, frozenset(_BLOCK_TAGS))


def _fill_empty_cells(root: LexborNode) -> None:
    """An empty cell would leave a row starting or ending with "|", which Markdown
    reads as the row's edge: the row would lose a column and the table its shape."""
    for cell in root.css("td, th"):
        if not visible(cell.text()):
            cell.insert_child("\u200b")  # invisible, and trimmed from the cell's text


def _flatten_blocks(root: LexborNode, selector: str, tags: frozenset[str]) -> None:
    """Unwrap the ``tags`` that ``selector`` finds, a space in place of each edge."""
    for node in reversed(_select(root, selector, tags)):
        node.insert_before(" ")
        node.insert_after(" ")
        node.unwrap(delete_empty=True)


def _plain_code(root: LexborNode) -> None:
    """Code is shown as it is: html2text would write the Markdown of markup inside it.

    Nor may a style span a code block: its markers would land inside the fence.
    """
    for node in reversed(_select(root, _BREAKS_IN_CODE)):
        node.replace_with("\n")
    _unwrap_all(root, _INSIDE_CODE)
    for block in root.css("pre"):
        styles = []
        parent = block.parent
        while parent is not None:
            if parent.tag in _EMPHASIS:
                styles.append(parent)
            parent = parent.parent
        for style in styles:
            style.unwrap()


def _unwrap_all(root: LexborNode, selector: str) -> None:
    for node in reversed(_select(root, selector)):
        node.unwrap(delete_empty=True)


def _select(
    root: LexborNode, selector: str, tags: frozenset[str] | None = None
) -> list[LexborNode]:
    """``root.css(selector)``, each node once, and only ``tags`` when given.

    lexbor lists a node once for each selector of a list that it matches (changing a
    node twice would touch a freed one), and its ``:is()`` misses deeper descendants.
    """
    seen: set[int] = set()
    found: list[LexborNode] = []
    for node in root.css(selector):
        if node.mem_id not in seen and (tags is None or node.tag in tags):
            seen.add(node.mem_id)
            found.append(node)
    return found


def _limit_nesting(root: LexborNode) -> None:
    """Flatten quotes and lists nested past what a reader can follow.

    markdown-it drops whatever is nested deeper than its limit (20 levels; a list level
    counts two): the words of a quote nested 30 times would vanish.
    """
    for quote in reversed(root.css(_DEEP_QUOTES)):
        quote.unwrap()
    for deep_list in reversed(root.css(_DEEP_LISTS)):
        # Items become lines of the item around them: a space before the first, so that
        # no blank line ends that item, and a line break before each of the others.
        for index, item in enumerate(deep_list.css("li")):
            if index:
                item.insert_before(item.parser.create_node("br"), move=True)
            else:
                item.insert_before(" ")
            item.unwrap(delete_empty=True)
        deep_list.unwrap(delete_empty=True)


def _break_before_nested_lists(root: LexborNode) -> None:
    """End an item's text before a list inside it that does not start at 1.

    html2text writes "* item" and "  3. sub" on consecutive lines, and in CommonMark only
    a list starting at 1 may interrupt a paragraph: "3. sub" would be read as text.
    """
    for nested in root.css("li > ol[start]"):
        if nested.attributes.get("start") != "1":
            nested.insert_before(nested.parser.create_node("br"), move=True)


def _escape_markdown(root: LexborNode) -> None:
    """Escape what html2text leaves as it is and markdown-it would read as markup.

    A ">" starting a line makes a quote, "~~~" a code fence, "~~x~~" strikethrough and
    "|" a table cell. markdown-it removes the backslashes again; inside code it would not,
    and there these characters mean nothing anyway.
    """
    if not any(sign in root.text() for sign in _MARKDOWN_SIGNS):
        return
    texts = [n for n in root.traverse(include_text=True) if n.is_text_node]
    for node in texts:
        text = node.text_content or ""
        if _MARKDOWN_SIGNS.intersection(text) and not _in_code(node):
            node.replace_with(text.translate(_ESCAPES))


def _in_code(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in CODE_TAGS:
            return True
        parent = parent.parent
    return False
