"""Only the cells that changed go to the terminal.

Textual sends whole regions again whenever a widget is refreshed: a pane whose border
colour changes is rewritten entirely (~15 KB), start-up wrote three full screens where
the text of one line differed, and a list step rewrote both rows' every cell. Over SSH
those bytes are the latency. :class:`Shadow` keeps what the terminal shows, cell by
cell, and turns each of Textual's updates into moves and writes of only the cells that
differ. Anything it cannot follow cell by cell (wide or zero-width characters, control
segments) is written whole, and those cells are forgotten so they are written again.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

Look = tuple[object, ...] | None
"""What a style shows: colours, attributes, link (not Textual's meta: mouse offsets)."""

GAP = 4
"""Unchanged cells between two changes that are rewritten rather than jumped over (a
cursor move costs about as many bytes)."""


def _look(style: Style | None) -> Look:
    if style is None:
        return None
    return (style.color, style.bgcolor, style._attributes, style._set_attributes, style.link)


def pieces(update: CompositorUpdate) -> Iterator[tuple[int, int, Strip]]:
    """The update as (row, column, strip) pieces, cropped as Textual crops them."""
    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            x = update.region.x
            for strip in line:
                yield y, x, strip
                x += strip.cell_length
    elif isinstance(update, ChopsUpdate):
        for y, x1, x2 in update.spans:
            for end, (x, chop) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                if chop is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    chop = chop.crop(0, min(end, x2) - x)
                yield y, x, chop


class Diffed(CompositorUpdate):
    """A compositor update written as the difference from what the terminal shows."""

    def __init__(
        self, shadow: Shadow, update: ChopsUpdate | LayoutUpdate, width: int, height: int
    ) -> None:
        self.shadow, self.update = shadow, update
        self.width, self.height = width, height

    def render_segments(self, console: Console) -> str:
        return self.shadow.write(self.update, console, self.width, self.height)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Textual writes compositor updates with render_segments; this is only a fallback.
        yield from self.update.__rich_console__(console, options)


class Shadow:
    """The terminal's cells as last written: characters and their looks."""

    def __init__(self) -> None:
        self.width = self.height = 0
        self._sgr: str | None = None
        """The pen's codes as last set in this update ("" reset, None not known)."""
        self._colors = ColorSystem.TRUECOLOR
        self.chars: list[list[str | None]] = []
        self.looks: list[list[Look]] = []

    def forget(self) -> None:
        """The terminal's content is unknown (a resume, a resize): write everything."""
        self.chars = [[None] * self.width for _ in range(self.height)]
        self.looks = [[None] * self.width for _ in range(self.height)]

    def write(self, update: CompositorUpdate, console: Console, width: int, height: int) -> str:
        if (width, height) != (self.width, self.height):
            self.width, self.height = width, height
            self.forget()
        out: list[str] = []
        self._sgr = None  # what the terminal's pen is set to is not known here
        self._colors = console._color_system or ColorSystem.TRUECOLOR
        for y, x, strip in pieces(update):
            if 0 <= y < height:
                self._line(out, y, x, strip, console)
        if self._sgr:
            out.append("\x1b[0m")  # as Textual leaves the pen: reset
        return "".join(out)

    def _line(self, out: list[str], y: int, x: int, strip: Strip, console: Console) -> None:
        chars: list[str | None] = []
        styles: list[Style | None] = []
        for segment in strip:
            text, style, control = segment
            if control or len(text) != cell_len(text):
                self._whole(out, y, x, strip, console)
                return
            chars.extend(text)
            styles.extend([style] * len(text))
        end = min(x + len(chars), self.width)
        count = end - x
        if count <= 0:
            return
        looks = [_look(style) for style in styles[:count]]
        old_chars, old_looks = self.chars[y], self.looks[y]
        if old_chars[x:end] == chars[:count] and old_looks[x:end] == looks:
            return
        runs: list[list[int]] = []
        for index in range(count):
            if old_chars[x + index] != chars[index] or old_looks[x + index] != looks[index]:
                if runs and index - runs[-1][1] <= GAP:
                    runs[-1][1] = index + 1
                else:
                    runs.append([index, index + 1])
        old_chars[x:end] = chars[:count]
        old_looks[x:end] = looks
        for start, stop in runs:
            segments: list[Segment] = []
            begin = start
            for index in range(start + 1, stop + 1):
                if index == stop or styles[index] is not styles[begin]:
                    text = "".join(char or " " for char in chars[begin:index])
                    segments.append(Segment(text, styles[begin]))
                    begin = index
            out.append(Control.move_to(x + start, y).segment.text)
            self._pen(out, segments)

    def _pen(self, out: list[str], segments: list[Segment]) -> None:
        """Write ``segments``, setting the pen only when it changes (Textual sets it and
        resets it around every segment: half the bytes of a repaint were those codes)."""
        for text, style, _ in segments:
            codes = "" if style is None else (style._ansi or Strip.render_ansi(style, self._colors))
            if codes != self._sgr:
                out.append(f"\x1b[0;{codes}m" if codes else "\x1b[0m")
                self._sgr = codes
            if style is not None and style._link:
                out.append(f"\x1b]8;id={style._link_id};{style._link}\x1b\\{text}\x1b]8;;\x1b\\")
            else:
                out.append(text)

    def _whole(self, out: list[str], y: int, x: int, strip: Strip, console: Console) -> None:
        """Write ``strip`` as it is and forget the cells it covers."""
        if self._sgr != "":
            out.append("\x1b[0m")
        out.append(Control.move_to(x, y).segment.text)
        out.append(strip.render(console))
        self._sgr = ""  # Textual's rendering resets after each styled segment
        end = min(x + strip.cell_length, self.width)
        self.chars[y][x:end] = [None] * max(0, end - x)
        self.looks[y][x:end] = [None] * max(0, end - x)
