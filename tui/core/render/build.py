"""A story body → the document model, in one pass over its DOM.

The walk is iterative (a body nested 100,000 levels deep cannot exhaust the stack) and
visits every node a bounded number of times, so the work is linear in the HTML. The
structure (lists, quotes, tables, figures, Prezly's widgets) comes from the DOM; the
prose inside a paragraph, list item, quote or cell goes to html2text
(:mod:`tui.core.render.inline`). Links are numbered in reading order as they are met.

A document past sane limits (2 MB of HTML: :mod:`.source`; :data:`MAX_BLOCKS` blocks;
10,000 links: :mod:`.links`) is cut, and a note says so at the end
(:mod:`.body_walk`, which hands the blocks out a few at a time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from selectolax.lexbor import LexborNode

from tui.core.model.record import field, record
from tui.core.model.text import clean_line, clean_text, word_count
from tui.core.model.urls import is_web_url, resolve
from tui.core.render import prezly
from tui.core.render.document import (
    Block,
    BlockKind,
    Cells,
    Link,
    LinkKind,
    Span,
    Table,
)
from tui.core.render.inline import convert
from tui.core.render.links import LinkTable
from tui.core.render.numbering import STYLES, ListState
from tui.core.render.tables import build_table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, NamedTuple
else:
    from tui.core.model.record import NamedTuple

MAX_BLOCKS: Final = 50_000
MAX_DEPTH: Final = 8
"""Lists and quotes nested deeper than this are drawn at this depth (their words stay)."""
MAX_CODE: Final = 200_000
_URL_BLANKS: Final = r"[\t\n\r]"  # compiled when first used
STEP_BLOCKS: Final = 8
STEP_NODES: Final = 2_000
"""The walk pauses after this many blocks or nodes (see :meth:`Builder.walk`)."""

_JUNK: Final = frozenset(
    {"script", "style", "noscript", "template", "form", "svg", "canvas", "input", "select"}
    | {"textarea", "link", "meta", "title", "head", "button", "map", "area", "dialog"}
)
_CONTAINERS: Final = frozenset(
    {"html", "body", "div", "section", "article", "main", "header", "footer", "aside"}
    | {"center", "nav", "address", "p", "figure", "details", "summary", "hgroup", "picture"}
    | {"fieldset", "legend", "caption", "figcaption", "li", "dd", "td", "th", "tr", "tbody"}
    | {"thead", "tfoot", "search", "span-block"}
)
_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS: Final = (
    _CONTAINERS
    | _HEADINGS
    | prezly.MEDIA_TAGS
    | {"ul", "ol", "dl", "dt", "blockquote", "table", "pre", "hr", "img", "listing", "xmp"}
)


@record
class _Item:
    marker: str  # "" once the item's first block is out


class _Context(NamedTuple):
    """Where a node stands: in which quotes, list and item (a tuple: cheap to vary)."""

    quote: int = 0
    level: int = -1  # list depth, -1 outside lists
    group: int = 0
    item: _Item | None = None
    lists: ListState | None = None
    definition: bool = False


@record
class _Frame:
    children: Iterator[LexborNode]
    context: _Context
    run: list[LexborNode] = field(default_factory=list)


class Builder:
    """Walks a body once, emitting blocks (the :class:`prezly.Context` of the widgets)."""

    def __init__(self, base_url: str = "", classify: Callable[[Link], bool] | None = None) -> None:
        self._base = base_url
        self.table = LinkTable(classify=classify)
        self.blocks: list[Block] = []
        self.words = 0
        self.counting = True  # whether ``words`` is kept (a long body's is estimated)
        self.cut = False
        self._groups = 0
        self._worded: dict[int, bool] = {}

    # -- the widgets' context

    def url(self, raw: str | None) -> str:
        """An absolute http(s) URL, cleaned, or ``""``: fragments and other schemes are no links."""
        href = clean_text(raw or "").strip()
        if not href or href.startswith("#") or len(href) > 4096:
            return ""
        if not href.isprintable():  # as the URL standard: tabs and newlines go, spaces encoded
            href = re.sub(_URL_BLANKS, "", href).replace(" ", "%20")
        elif " " in href:
            href = href.replace(" ", "%20")
        if href.startswith(("https://", "http://")):  # the common case: no base needed
            return href if is_web_url(href) else ""
        return resolve(self._base, href)

    def link(self, url: str, title: str, kind: LinkKind = LinkKind.TEXT) -> int | None:
        return self.table.number(url, clean_line(title), kind) if url else None

    def inline(self, nodes: Iterable[LexborNode]) -> tuple[Span, ...]:
        return convert(nodes, self._anchor)[0]

    def _anchor(self, anchor: LexborNode) -> int | None:
        if prezly.is_provider(anchor):
            return None
        text = clean_line(anchor.text())
        if not prezly.visible(text):
            return None  # a link that shows nothing (a thumbnail, an empty anchor)
        url = self.url(anchor.attributes.get("href"))
        return self.link(url, text, LinkKind.TEXT) if url else None

    # -- the walk

    def walk(self, root: LexborNode) -> Iterator[None]:
        """Build the blocks of ``root``, pausing (yielding) every few blocks or nodes, so
        that the beginning can be shown before the end is built."""
        stack = [_Frame(iter(list(root.iter(include_text=True))), _Context())]
        paused_at, visited = 0, 0
        while stack:
            if len(self.blocks) >= MAX_BLOCKS:
                self.cut = True
                return
            visited += 1
            if len(self.blocks) - paused_at >= STEP_BLOCKS or visited >= STEP_NODES:
                paused_at, visited = len(self.blocks), 0
                yield
            frame = stack[-1]
            node = next(frame.children, None)
            if node is None:
                self._end_run(frame)
                stack.pop()
                continue
            if node.is_text_node:
                frame.run.append(node)
                continue
            if not node.is_element_node:
                continue
            tag = node.tag or ""
            if tag in _JUNK:
                continue
            name = prezly.widget(node)
            inline = not name and tag not in _BLOCK_TAGS
            if inline and not (tag == "a" and _is_card_anchor(node)):
                frame.run.append(node)
                continue
            if tag == "img" and not name and self._is_inline_image(node):
                frame.run.append(node)
                continue
            self._end_run(frame)
            child = self._element(node, tag, name, frame.context)
            if child is not None:
                stack.append(child)

    def _element(self, node: LexborNode, tag: str, name: str, ctx: _Context) -> _Frame | None:
        """Emit the blocks of a block element, or return a frame to walk its children."""
        if name:
            return self._widget(node, name, ctx)
        if tag in _HEADINGS:
            spans = self.inline(node.iter(include_text=True))
            self._emit(Block(BlockKind.HEADING, spans, level=int(tag[1])), ctx)
        elif tag in ("pre", "listing", "xmp"):
            code = clean_text(node.text(deep=True)).strip("\n")[:MAX_CODE]
            if code.strip():
                self._emit(Block(BlockKind.CODE, (Span(code),)), ctx)
        elif tag == "hr":
            self._emit(Block(BlockKind.RULE), ctx)
        elif tag in ("ul", "ol"):
            return self._list(node, tag, ctx)
        elif tag == "li":
            return self._item(node, ctx)
        elif tag == "dl":
            return _Frame(_children(node), ctx._replace(group=self._group()))
        elif tag == "dt":
            spans = self.inline(node.iter(include_text=True))
            self._emit(Block(BlockKind.TERM, spans), ctx)
        elif tag == "dd":
            return _Frame(_children(node), ctx._replace(definition=True))
        elif tag == "blockquote":
            return _Frame(_children(node), ctx._replace(quote=ctx.quote + 1, group=self._group()))
        elif tag == "table":
            table, caption = build_table(node, self.inline)
            if table.cells:
                rows = _grid_text(table)
                block = Block(BlockKind.TABLE, detail=caption, rows=rows,
                              header=table.header_rows > 0, table=table)  # fmt: skip
                self._emit(block, ctx)
        elif tag in prezly.MEDIA_TAGS:
            self._emit(prezly.embed(node, self), ctx)
        elif tag == "img" or (
            tag == "figure" and node.css_first("img") is not None and _is_image_figure(node)
        ):
            self._emit(prezly.figure(node, self), ctx)
        elif tag == "a":
            self._emit(prezly.card(node, self, LinkKind.TEXT), ctx)
        elif tag in ("cite", "footer") and ctx.quote:
            spans = self.inline(node.iter(include_text=True))
            if spans:
                self._emit(Block(BlockKind.QUOTE, (Span("— "), *spans)), ctx)
        else:
            return _Frame(_children(node), ctx)
        return None

    def _widget(self, node: LexborNode, name: str, ctx: _Context) -> _Frame | None:
        if name == "gallery":
            for block in prezly.gallery(node, self, self._group()):
                self._emit(block, ctx)
            return None
        if name == "callout":
            return _Frame(_children(node), ctx._replace(quote=ctx.quote + 1, group=self._group()))
        builder = prezly.BUILDERS.get(name)
        if builder is not None:
            self._emit(builder(node, self), ctx)
        elif node.tag in ("p", "ul", "ol", "blockquote", "table", "h1", "h2", "h3", "h4"):
            return self._element(node, node.tag or "", "", ctx)  # readable whatever its class
        else:
            self._emit(prezly.placeholder(node, name, self), ctx)
        return None

    def _list(self, node: LexborNode, tag: str, ctx: _Context) -> _Frame:
        attributes = node.attributes
        ordered = tag == "ol"
        items = sum(1 for child in node.iter() if child.tag == "li") if ordered else 0
        reverse = ordered and "reversed" in attributes
        start_text = (attributes.get("start") or "").strip()
        if start_text.lstrip("-").isdigit() and len(start_text) < 9:
            start = int(start_text)
        else:
            start = items if reverse else 1
        style = attributes.get("type") or "1"
        style = style if style in STYLES else "1"
        level = min(ctx.level + 1, MAX_DEPTH)
        group = ctx.group if ctx.level >= 0 else self._group()
        state = ListState(ordered, start, -1 if reverse else 1, style, level, self._group())
        return _Frame(_children(node), ctx._replace(level=level, lists=state, item=None,
                                               group=group))  # fmt: skip

    def _item(self, node: LexborNode, ctx: _Context) -> _Frame:
        if ctx.lists is None:  # an <li> outside any list
            state = ListState(False, 1, 1, "1", 0, self._group())
            ctx = ctx._replace(level=0, lists=state, group=state.group)
        assert ctx.lists is not None
        value = (node.attributes.get("value") or "").strip()
        if value.isdigit() and len(value) < 9:
            ctx.lists.number = int(value)
        return _Frame(_children(node), ctx._replace(item=_Item(ctx.lists.marker())))

    # -- runs of inline content

    def _end_run(self, frame: _Frame) -> None:
        run, frame.run = frame.run, []
        if not run:
            return
        if all(node.is_text_node and not prezly.visible(node.text_content or "") for node in run):
            return
        if len(run) == 1 and run[0].is_text_node and "\n\n" in (run[0].text_content or ""):
            for part in (run[0].text_content or "").split("\n\n"):  # a body that is not HTML
                text = clean_line(part)
                if text:
                    self._emit(Block(BlockKind.PARAGRAPH, (Span(text),)), frame.context)
            return
        spans, small_print = convert(run, self._anchor)
        if spans:
            kind = BlockKind.CREDIT if small_print else BlockKind.PARAGRAPH
            self._emit(Block(kind, spans), frame.context)

    def _emit(self, block: Block | None, ctx: _Context) -> None:
        """Add ``block``, placed in its list or quote."""
        if block is None or len(self.blocks) >= MAX_BLOCKS:
            return
        if block.kind is BlockKind.PARAGRAPH and not block.spans:
            return
        if self.counting:
            self.words += _words(block)
        quote = min(ctx.quote, MAX_DEPTH)
        kind, level, marker = block.kind, block.level, block.marker
        prose = kind is BlockKind.PARAGRAPH
        if ctx.item is not None:
            opening, ctx.item.marker = ctx.item.marker, ""
            if prose:
                kind, level, marker = BlockKind.LIST_ITEM, ctx.level, opening
            elif opening:  # the item opens with a widget: its marker on a line of its own
                self.blocks.append(Block(BlockKind.LIST_ITEM, marker=opening, level=ctx.level,
                                         quote=quote, group=ctx.group))  # fmt: skip
        elif ctx.level >= 0 and prose:
            kind, level = BlockKind.LIST_ITEM, ctx.level
        elif ctx.definition and prose:
            kind = BlockKind.DEFINITION
        elif quote and prose:
            kind, level = BlockKind.QUOTE, quote
        elif kind is BlockKind.QUOTE:
            level = max(quote, 1)
        indent = ctx.level + 1 if kind is not BlockKind.LIST_ITEM else 0
        group = ctx.group or block.group
        placed = (kind, level, marker, quote, group, indent)
        if placed == (block.kind, block.level, block.marker, block.quote, block.group,
                      block.indent):  # fmt: skip
            self.blocks.append(block)  # placed as it is (a paragraph of the body): no copy
            return
        self.blocks.append(
            Block(kind, block.spans, level, marker, block.detail, link=block.link,
                  label=block.label, rows=block.rows, header=block.header, table=block.table,
                  quote=quote, group=group, indent=indent, alt=block.alt, lines=block.lines)
        )  # fmt: skip

    def _is_inline_image(self, node: LexborNode) -> bool:
        """An emoji or icon drawn as an image, or an image amid a paragraph's words: not
        a figure (its paragraph's text is asked for once, however many images it holds)."""
        alt = node.attributes.get("alt") or ""
        size = (node.attributes.get("width") or "").strip()
        if 0 < len(alt.strip()) <= 2 or (size.isdigit() and int(size) < 40):
            return True
        parent = node.parent
        if parent is None or parent.tag != "p":
            return False
        known = self._worded.get(parent.mem_id)
        if known is None:
            known = self._worded[parent.mem_id] = bool(prezly.visible(parent.text()))
        return known

    def _group(self) -> int:
        self._groups += 1
        return self._groups


def _children(node: LexborNode) -> Iterator[LexborNode]:
    return iter(list(node.iter(include_text=True)))


def _is_image_figure(node: LexborNode) -> bool:
    """A figure of an image, not a figure holding a quote or a table."""
    has_image = node.css_first("img") is not None
    return has_image and node.css_first("blockquote, table, ul, ol, p") is None


def _is_card_anchor(node: LexborNode) -> bool:
    """An anchor that holds blocks (a card made of a link)."""
    return any(child.tag in ("div", "figure", "h2", "h3", "h4", "p") for child in node.iter())


def _words(block: Block) -> int:
    if len(block.spans) == 1 and not block.detail and not block.lines:
        return word_count(block.spans[0].text)
    count = sum(word_count(span.text) for span in block.spans)
    count += sum(word_count(span.text) for span in block.detail)
    for line in block.lines:
        count += sum(word_count(span.text) for span in line)
    return count


def _grid_text(table: Table) -> tuple[Cells, ...]:
    rows: list[list[tuple[Span, ...]]] = [[()] * table.columns for _ in range(table.rows)]
    for cell in table.cells:
        rows[cell.row][cell.column] = cell.spans
    return tuple(tuple(row) for row in rows)
