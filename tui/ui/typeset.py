"""Typesetting: the layout engine's lines as styled Rich strips, for the reading pane.

The lines come from :mod:`tui.core.render.layout`, the engine ``belga --dump`` prints
too: here each run's style *name* becomes a Rich style of the current theme. A
:class:`Galley` holds a story's lines at one width and sets them a block at a time, as
they are wanted. No widgets, no I/O: safe to call from a thread.

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

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.core.model.record import replace
from tui.core.render.cells import SOFT_HYPHEN
from tui.core.render.document import Block, BlockKind, Link, Mark
from tui.core.render.layout import (
    CARD_BAR,
    QUOTE_BAR,
    Indents,
    gap_line,
    layout_block,
    needs_gap,
)
from tui.core.render.lines import STYLE_NAMES, Line, Run

__all__ = ["CARD_BAR", "QUOTE_BAR", "STYLE_NAMES", "Galley", "needs_gap", "typeset_block"]

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


def terminal_url(url: str) -> str | None:
    """``url`` made safe to put inside an OSC 8 escape sequence, or None if it is not web.

    Control characters (C0, DEL, C1: ESC and BEL could end the sequence early) are
    dropped; spaces and anything outside ASCII are percent-encoded (UTF-8), so what is
    left is printable ASCII. Only http(s) URLs with a host are kept.
    """
    if url.isascii() and url.isprintable() and " " not in url:
        quoted = url  # printable ASCII but the space already: nothing to drop or encode
    else:
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


class _Painter:
    """Rich styles for runs, each combination made once per layout."""

    def __init__(self, styles: Styles, links: Hyperlinks) -> None:
        self._styles = styles
        self._links = links
        self._made: dict[tuple[str, Mark, int | None, bool], Style] = {}

    def style(self, run: Run) -> Style:
        key = (run.style, run.marks, run.link, run.marker)
        found = self._made.get(key)
        if found is None:
            found = self._styles.get(run.style, _NO_STYLE) if run.style else _NO_STYLE
            marks = run.marks
            if marks & (Mark.BOLD | Mark.ITALIC | Mark.STRIKE):
                found += Style(
                    bold=bool(marks & Mark.BOLD) or None,
                    italic=bool(marks & Mark.ITALIC) or None,
                    strike=bool(marks & Mark.STRIKE) or None,
                )
            if marks & Mark.CODE:
                found += self._styles.get("code", _NO_STYLE)
            if run.link is not None:
                found += self._links.get(run.link, _NO_STYLE)
                if run.marker:
                    found += Style(meta={LINK_MARKER: run.link})
            self._made[key] = found
        return found

    def segments(self, line: Line) -> list[Segment]:
        return [Segment(run.text, self.style(run)) for run in line if run.text]


def _markers(line: Line) -> tuple[Marker, ...]:
    found: list[Marker] = []
    position = 0
    for run in line:
        size = cell_len(run.text)
        if run.marker and run.link is not None:
            found.append((run.link, position, position + size))
        position += size
    return tuple(found)


def typeset_block(
    console: Console,
    block: Block,
    width: int,
    styles: Styles,
    links: Hyperlinks = _NO_LINKS,
) -> list[Text]:
    """The lines of ``block`` at ``width`` cells, as Rich text."""
    painter = _Painter(styles, links)
    texts = []
    for line in layout_block(block, width):
        text = Text()
        for run in line:
            text.append(run.text, painter.style(run))
        texts.append(text)
    return texts


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
        self.pictures: Callable[[Block, int], list[Strip] | str | None] | None = None
        """Drawings of FIGURE blocks' images at a width, set above their captions when
        given; or why one is not drawn (said on its line)."""
        self.converted = False
        """Whether every chunk has been converted to blocks."""
        self.restart(0, {}, _NO_LINKS)

    def restart(self, width: int, styles: Styles, links: Hyperlinks) -> None:
        """Forget the lines: the blocks are set again, from the first, like this."""
        self.width, self._styles, self._links = width, styles, links
        self._painter = _Painter(styles, links)
        self._indents = Indents()
        self.lines: list[Strip] = []
        self.markers: list[tuple[Marker, ...]] = []
        """The link markers of each line."""
        self.block_lines: list[int] = []
        """The first line of each block set."""
        self.broken: set[int] = set()
        """The lines that end in a hyphen set where a word broke at a soft hyphen."""

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
        previous = self._blocks[index - 1] if index else None
        drawing: list[Strip] = []
        if block.kind is BlockKind.FIGURE and self.pictures is not None:
            picture = self.pictures(block, self.width) or []
            if isinstance(picture, str):  # not drawn: its line says why
                block = replace(block, status=picture)
            else:
                drawing = picture
        lines = layout_block(block, self.width, self._indents)
        if needs_gap(previous, block) and lines:
            assert previous is not None
            gap = gap_line(previous, block)
            self.lines.append(Strip(self._painter.segments(gap)) if gap else Strip.blank(0))
            self.markers.append(_NO_MARKERS)
        self.block_lines.append(len(self.lines))
        self.lines.extend(drawing)
        self.markers.extend([_NO_MARKERS] * len(drawing))
        for line in lines:
            if line and line[-1].marks & Mark.HYPHEN:
                self.broken.add(len(self.lines))
            self.lines.append(Strip(self._painter.segments(line)))
            self.markers.append(_markers(line))
        return index

    def block_at(self, line: int) -> int:
        """The index of the block that ``line`` belongs to."""
        return max(0, bisect_right(self.block_lines, line) - 1)

    def block_text(self, block: int) -> list[str]:
        """The plain text of each line of ``block`` (a block set already), as a search
        reads it: a hyphen set where a word broke at a soft hyphen is that soft hyphen."""
        start = self.block_lines[block]
        end = self.block_lines[block + 1] if block + 1 < self.count else len(self.lines)
        texts = [line.text for line in self.lines[start:end]]
        if self.broken:
            for index in range(start, end):
                if index in self.broken:
                    texts[index - start] = texts[index - start][:-1] + SOFT_HYPHEN
        return texts
