"""Typesetting: a story's blocks as wrapped, styled lines of Rich text.

This is the reading pane's renderer. It replaces Textual's ``Markdown`` widget, which
builds a widget per block and is far too slow for long stories (see the benchmark):
here a block becomes a few :class:`rich.text.Text` lines, cheaply, and the pane only
paints the lines on screen. A :class:`Galley` holds a story's lines at one width and
sets them a block at a time, as they are wanted. No widgets, no I/O: safe to call from
a thread.

Two things ride along in the styles, for the reading pane: each ``[n]`` link marker
carries its number in the style's meta (see :func:`link_markers`), so that the pane knows
where every marker is without searching the text; and, when asked, link text carries a
Rich ``Style(link=url)``, which Textual sends to the terminal as an OSC 8 hyperlink.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final
from urllib.parse import quote, urlsplit

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.strip import Strip

from tui.core.render.document import Block, BlockKind, Link, Mark, Span

STYLE_NAMES: Final = (
    "title", "meta", "heading", "link", "link-number", "quote", "quote-bar", "code",
    "rule", "card-bar", "card-title", "card-detail", "figure", "credit", "placeholder",
    "table-header", "marker",
)  # fmt: skip

Styles = Mapping[str, Style]
Hyperlinks = Mapping[int, Style]
"""Link number → a ``Style(link=url)`` for the link's text; empty for no hyperlinks."""
Marker = tuple[int, int, int]
"""A link marker on a typeset line: (link number, first cell, cell after the last)."""

LINK_MARKER: Final = "belga.link"
"""The meta key that holds a ``[n]`` marker's link number."""
_NO_LINKS: Final[Hyperlinks] = {}
_NO_MARKERS: Final[tuple[Marker, ...]] = ()
_NO_STYLE: Final = Style()
# Printable ASCII but the space: what may stand as itself in an OSC 8 sequence.
_URL_SAFE: Final = "".join(chr(code) for code in range(0x21, 0x7F))

_NO_BLANK_BETWEEN: Final = {BlockKind.LIST_ITEM, BlockKind.QUOTE}
QUOTE_BAR: Final = "▌"
CARD_BAR: Final = "┃"


def terminal_url(url: str) -> str | None:
    """``url`` made safe to put inside an OSC 8 escape sequence, or None if it is not web.

    Control characters (C0, DEL, C1: ESC and BEL could end the sequence early) are
    dropped; spaces and anything outside ASCII are percent-encoded (UTF-8), so what is
    left is printable ASCII. Only http(s) URLs with a host are kept.
    """
    kept = "".join(char for char in url if unicodedata.category(char) != "Cc").strip()
    quoted = quote(kept, safe=_URL_SAFE)
    try:
        parts = urlsplit(quoted)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quoted


def hyperlink_styles(links: Iterable[Link]) -> dict[int, Style]:
    """A hyperlink style for each link that has a web URL, by link number."""
    styles: dict[int, Style] = {}
    for link in links:
        url = terminal_url(link.url)
        if url is not None:
            styles[link.number] = Style(link=url)
    return styles


def link_markers(segments: Sequence[Segment]) -> tuple[Marker, ...]:
    """Where the ``[n]`` link markers are on a rendered line, in cells."""
    found: list[Marker] = []
    position = 0
    for text, style, _control in segments:
        width = cell_len(text)
        number = style.meta.get(LINK_MARKER) if style is not None else None
        if number is not None:
            found.append((int(number), position, position + width))
        position += width
    return tuple(found)


def _marker(link: int, styles: Styles, links: Hyperlinks) -> Text:
    style = styles["link-number"] + Style(meta={LINK_MARKER: link})
    return Text(f"[{link}]", style + links.get(link, _NO_STYLE))


def _span_text(
    spans: Iterable[Span],
    styles: Styles,
    base: Style | None = None,
    links: Hyperlinks = _NO_LINKS,
) -> Text:
    text = Text(style=base or Style())
    for span in spans:
        style = Style(
            bold=bool(span.marks & Mark.BOLD) or None,
            italic=bool(span.marks & Mark.ITALIC) or None,
            strike=bool(span.marks & Mark.STRIKE) or None,
        )
        if span.marks & Mark.CODE:
            style += styles["code"]
        if span.link is not None:
            text.append(span.text, style + styles["link"] + links.get(span.link, _NO_STYLE))
            text.append_text(_marker(span.link, styles, links))
        else:
            text.append(span.text, style)
    return text


def _number(link: int | None, styles: Styles, links: Hyperlinks) -> Text:
    return Text(" ").append_text(_marker(link, styles, links)) if link is not None else Text()


def _wrap(
    console: Console,
    text: Text,
    width: int,
    first: str = "",
    rest: str = "",
    prefix_style: Style | None = None,
) -> list[Text]:
    """Wrap ``text`` to ``width``, with a first-line prefix and a hanging indent."""
    indent = max(len(first), len(rest))
    inner = max(8, width - indent)
    lines = text.wrap(console, inner, overflow="fold") if text.plain else [Text()]
    result: list[Text] = []
    for index, line in enumerate(lines):
        line.rstrip()
        prefix = first if index == 0 else rest
        result.append(Text.assemble((prefix.ljust(indent), prefix_style or Style()), line))
    return result


def _table(
    console: Console, block: Block, width: int, styles: Styles, links: Hyperlinks
) -> list[Text]:
    if not block.rows:
        return []
    table = Table(
        show_edge=False,
        pad_edge=False,
        header_style=styles["table-header"],
        show_header=block.header,
        box=box.SIMPLE_HEAD if width >= 40 else None,
    )
    for cell in block.rows[0]:
        header = _span_text(cell, styles, links=links) if block.header else ""
        table.add_column(header, overflow="fold")
    for row in block.rows[1:] if block.header else block.rows:
        table.add_row(*(_span_text(cell, styles, links=links) for cell in row))
    options = console.options.update_width(width)
    rendered = console.render_lines(table, options, pad=False)
    lines = []
    for segments in rendered:
        line = Text()
        for segment in segments:
            line.append(segment.text, segment.style)
        line.rstrip()
        lines.append(line)
    return lines


def typeset_block(
    console: Console,
    block: Block,
    width: int,
    styles: Styles,
    links: Hyperlinks = _NO_LINKS,
) -> list[Text]:
    """The lines of ``block`` at ``width`` cells; link text gets its style from ``links``."""
    kind = block.kind
    if kind is BlockKind.TITLE:
        return _wrap(console, _span_text(block.spans, styles, styles["title"], links), width)
    if kind is BlockKind.META:
        return _wrap(console, _span_text(block.spans, styles, styles["meta"], links), width)
    if kind is BlockKind.HEADING:
        return _wrap(console, _span_text(block.spans, styles, styles["heading"], links), width)
    if kind is BlockKind.PARAGRAPH:
        return _wrap(console, _span_text(block.spans, styles, links=links), width)
    if kind is BlockKind.QUOTE:
        bar = f"{QUOTE_BAR} " * max(1, block.level)
        return _wrap(
            console,
            _span_text(block.spans, styles, styles["quote"], links),
            width,
            bar,
            bar,
            styles["quote-bar"],
        )
    if kind is BlockKind.LIST_ITEM:
        indent = "  " * block.level
        first = f"{indent}{block.marker} "
        return _wrap(
            console,
            _span_text(block.spans, styles, links=links),
            width,
            first,
            " " * len(first),
            styles["marker"],
        )
    if kind is BlockKind.CODE:
        return [Text(line, styles["code"]) for line in _code_lines(block.text, width)]
    if kind is BlockKind.TABLE:
        return _table(console, block, width, styles, links)
    if kind is BlockKind.RULE:
        return [Text("─" * min(width, 24), styles["rule"], justify="center")]
    if kind is BlockKind.CARD:
        target = links.get(block.link, _NO_STYLE) if block.link is not None else _NO_STYLE
        title = _span_text(block.spans, styles, styles["card-title"] + target, links)
        title.append_text(_number(block.link, styles, links))
        card_bar = f"{CARD_BAR} "
        lines = _wrap(console, title, width, card_bar, card_bar, styles["card-bar"])
        detail = _span_text(block.detail, styles, styles["card-detail"], links)
        if block.label:
            detail.append(f"{' — ' if detail.plain else ''}{block.label}", styles["meta"])
        if detail.plain:
            lines += _wrap(console, detail, width, card_bar, card_bar, styles["card-bar"])
        return lines
    if kind is BlockKind.FIGURE:
        text = Text(f"▣ {block.label or 'Image'}", styles["placeholder"])
        text.append_text(_number(block.link, styles, links))
        caption = _span_text(block.spans, styles, styles["figure"], links)
        credit = _span_text(block.detail, styles, styles["credit"], links)
        for part in (caption, credit):
            if part.plain.strip():
                text.append(": " if part is caption else " — ", styles["figure"])
                text.append_text(part)
        return _wrap(console, text, width)
    if kind is BlockKind.CREDIT:
        return _wrap(console, _span_text(block.spans, styles, styles["credit"], links), width)
    if kind is BlockKind.PLACEHOLDER:
        text = Text(f"⧉ {block.label or 'Content'} not shown", styles["placeholder"])
        text.append_text(_number(block.link, styles, links))
        if block.text.strip() and block.text.strip() != block.label:
            text.append(": ")
            text.append_text(_span_text(block.spans, styles, styles["figure"], links))
        return _wrap(console, text, width)
    return _wrap(console, _span_text(block.spans, styles, links=links), width)


def _code_lines(code: str, width: int) -> list[str]:
    lines: list[str] = []
    for line in code.rstrip("\n").split("\n"):
        line = line.expandtabs(4)
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    return lines


def needs_gap(previous: Block | None, block: Block) -> bool:
    """Whether a blank line goes between ``previous`` and ``block``."""
    if previous is None:
        return False
    if previous.kind is BlockKind.TITLE and block.kind is BlockKind.META:
        return False
    return not (previous.kind is block.kind and block.kind in _NO_BLANK_BETWEEN)


class Galley:
    """A story set in lines at one width, a block at a time, as the lines are wanted.

    The blocks are the header's, then those of ``chunks`` (the body, converted as it is
    read). :meth:`restart` sets them again at another width or in other styles, without
    converting them again.
    """

    def __init__(
        self, header: Iterable[Block] = (), chunks: Iterator[list[Block]] | None = None
    ) -> None:
        self._blocks = list(header)
        self._chunks = chunks if chunks is not None else iter(())
        self.pictures: Callable[[Block, int], list[Strip] | None] | None = None
        """Drawings of FIGURE blocks' images, set above their captions when given."""
        self.converted = False
        """Whether every chunk has been converted to blocks."""
        self.restart(0, {}, _NO_LINKS)

    def restart(self, width: int, styles: Styles, links: Hyperlinks) -> None:
        """Forget the lines: the blocks are set again, from the first, like this."""
        self.width, self._styles, self._links = width, styles, links
        self.lines: list[Strip] = []
        self.markers: list[tuple[Marker, ...]] = []
        """The link markers of each line."""
        self.block_lines: list[int] = []
        """The first line of each block set."""

    @property
    def count(self) -> int:
        """How many blocks are set."""
        return len(self.block_lines)

    @property
    def complete(self) -> bool:
        """Whether every block of the story is set."""
        return self.converted and self.count == len(self._blocks)

    @property
    def text(self) -> str:
        """What is set so far, as plain text."""
        return "\n".join(strip.text.rstrip() for strip in self.lines)

    def set_next(self, console: Console) -> int | None:
        """Set one more block, converting the next chunk when needed: its index, or None
        at the end of the story."""
        index = self.count
        while index >= len(self._blocks):
            chunk = next(self._chunks, None)
            if chunk is None:
                self.converted = True
                return None
            self._blocks.extend(chunk)
        block = self._blocks[index]
        if needs_gap(self._blocks[index - 1] if index else None, block):
            self.lines.append(Strip.blank(0))
            self.markers.append(_NO_MARKERS)
        self.block_lines.append(len(self.lines))
        if block.kind is BlockKind.FIGURE and self.pictures is not None:
            drawing = self.pictures(block, self.width) or []
            self.lines.extend(drawing)
            self.markers.extend([_NO_MARKERS] * len(drawing))
        for line in typeset_block(console, block, self.width, self._styles, self._links):
            segments = list(line.render(console, end=""))
            self.lines.append(Strip(segments))
            marked = "[" in line.plain or "]" in line.plain  # a marker may be folded
            self.markers.append(link_markers(segments) if marked else _NO_MARKERS)
        return index

    def block_at(self, line: int) -> int:
        """The index of the block that ``line`` belongs to."""
        return max(0, bisect_right(self.block_lines, line) - 1)

    def block_text(self, block: int) -> list[str]:
        """The plain text of each line of ``block`` (a block set already)."""
        start = self.block_lines[block]
        end = self.block_lines[block + 1] if block + 1 < self.count else None
        return [line.text for line in self.lines[start:end]]
