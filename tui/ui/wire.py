"""Only the cells that changed go to the terminal, and a scroll is a scroll.

Textual sends whole regions again whenever a widget is refreshed: a pane whose border
colour changes is rewritten entirely (~15 KB), start-up wrote three full screens where
the text of one line differed, and a one-line scroll rewrote every row of the reading
pane. Over SSH those bytes are the latency. :class:`Shadow` keeps what the terminal
shows, cell by cell, and turns each of Textual's updates into:

- a scroll, when a band of rows moved up or down (a story scrolled): the terminal moves
  the rows itself (DECSTBM sets the band as the scroll region, LF at its bottom or RI at
  its top scrolls it, ``ESC[r`` resets the region at once, so no state outlives the
  update). A sidebar beside the band moves with it and its rows are put back, unless
  the terminal said it has left and right margins (DECSLRM, :mod:`tui.ui.abilities`):
  then only the band's columns move (:mod:`tui.ui.scroll`). The scroll is sent only
  when all that is shorter than writing the rows;
- moves and writes of only the cells that differ (:mod:`tui.ui.cells`: the pen set only
  as it changes, moves relative when shorter, blanks erased where terminfo says ECH and
  bce work, short pieces in other pens grouped after the rest).

Anything it cannot follow cell by cell (wide or zero-width characters, control segments)
is written whole, and those cells are forgotten so they are written again; emoji whose
width terminals disagree on are written so the grid stays aligned whatever width the
terminal draws them at (:mod:`tui.ui.clusters`), and the cells they may have overflowed
are written again at once. The moves, the scroll and autowrap off/on are VT100 (CUP,
CUU/CUD/CUF/CUB, CR, LF, RI, DECSTBM, DECAWM): xterm, tmux, screen and the linux console
all have them; ECH only where terminfo lists it. This relies on
Textual's compositor updates (``textual._compositor``, Textual pinned <9):
tests/test_wire.py fails if they change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import repeat
from operator import and_, ne

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

from tui.ui.abilities import Abilities, detect, has_margins
from tui.ui.cells import Piece, Row, Writer, row_pieces
from tui.ui.clusters import uncertain, write_aligned
from tui.ui.pen import PLAIN, Pen, pen_of
from tui.ui.scroll import MIN_MOVED, find_scroll, write_scroll

_BLANKS = repeat(" ")


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
        self,
        shadow: Shadow,
        update: ChopsUpdate | LayoutUpdate,
        width: int,
        height: int,
        cursor: tuple[int, int] | None = None,
    ) -> None:
        self.shadow, self.update = shadow, update
        self.width, self.height = width, height
        self.cursor = cursor

    def render_segments(self, console: Console) -> str:
        return self.shadow.write(self.update, console, self.width, self.height, self.cursor)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Textual writes compositor updates with render_segments; this is only a fallback.
        yield from self.update.__rich_console__(console, options)


class Shadow:
    """The terminal's cells as last written: characters and their pens."""

    scroll_bias = 0
    """Bytes a scroll may cost beyond writing the rows and still be chosen (tests raise
    it, so that every scroll found is sent and checked)."""

    def __init__(self, abilities: Abilities | None = None) -> None:
        self.abilities = abilities
        """What the terminal can do: asked when first needed (and again after
        :meth:`forget`), unless given."""
        self._given = abilities is not None
        self.width = self.height = 0
        self._parked = False
        """Whether an update was written since the terminal's content was last unknown:
        the cursor is where the caller parked it after that update, the pen reset."""
        self.chars: list[list[str | None]] = []
        self.pens: list[list[Pen | None]] = []
        self.strips: list[dict[int, Strip]] = []
        """The strips written whole on each row, by column: their cells are not known,
        but they can be written again (:meth:`_mend`)."""

    def forget(self) -> None:
        """The terminal's content is unknown (a resume, a resize): write everything."""
        self.chars = [[None] * self.width for _ in range(self.height)]
        self.pens = [[None] * self.width for _ in range(self.height)]
        self.strips = [{} for _ in range(self.height)]
        self._parked = False
        if not self._given:
            self.abilities = None  # a resume may follow a shell that changed the tty

    def write(
        self,
        update: CompositorUpdate,
        console: Console,
        width: int,
        height: int,
        cursor: tuple[int, int] | None = None,
    ) -> str:
        """What to send for ``update``. ``cursor``: where the caller put the cursor after
        the last update written (row, column; Textual parks it after each), trusted
        only when nothing since made the terminal's content unknown (:meth:`forget`);
        the pen is then known too: reset, as each update ends."""
        if (width, height) != (self.width, self.height):
            self.width, self.height = width, height
            self.forget()
        rows, wholes, ranges = self._target(update)
        colors = console._color_system or ColorSystem.TRUECOLOR
        changed = [
            y for y, (chars, pens) in rows.items() if chars != self.chars[y] or pens != self.pens[y]
        ]
        if self.abilities is None or (not self._given and has_margins() > self.abilities.margins):
            self.abilities = detect()  # (the terminal's answer may come after the first update)
        abilities = self.abilities
        start = cursor if self._parked else None
        shown = (self.chars, self.pens)
        plan = None
        if len(changed) >= MIN_MOVED:
            plan = find_scroll(shown, rows, changed, wholes, ranges)
        scrolled: Writer | None = None
        if plan is not None:
            scrolls = [False, True] if abilities.margins and len(plan[3]) > 1 else [False]
            for margins in scrolls:
                candidate = Writer(width, colors, abilities, start)
                write_scroll(shown, rows, plan, candidate, margins)
                if scrolled is None or candidate.written() - self.scroll_bias < scrolled.written():
                    scrolled = candidate
        # The cells written where they are, unless that cannot be shorter than the scroll
        # (a scroll's frame spent half its time working out the writes it did not send).
        limit = None if scrolled is None else scrolled.written() - self.scroll_bias
        if scrolled is not None and limit is not None and self._least(rows, changed, limit) > limit:
            writer = scrolled
        else:
            writer = Writer(width, colors, abilities, start)
            pieces: list[Piece] = []
            for y in sorted(changed):
                row_pieces(y, rows[y], (self.chars[y], self.pens[y]), pieces)
            writer.paint(pieces)
            if scrolled is not None and limit is not None and limit < writer.written():
                writer = scrolled
        self._wholes(writer, rows, wholes, console)
        for y, (chars, pens) in rows.items():
            self.chars[y], self.pens[y] = chars, pens
            kept = self.strips[y]
            for x in [x for x, strip in kept.items() if not _unknown(chars, x, strip)]:
                del kept[x]  # written over since
        self._parked = True
        return writer.end()

    def _least(self, rows: dict[int, Row], changed: list[int], limit: int) -> int:
        """At least how many characters writing the ``changed`` rows' cells where they
        are takes (one for each cell that differs and is not a blank, which may be
        erased), counted until it is over ``limit``."""
        least = 0
        for y in changed:
            chars = rows[y][0]
            if None in chars:
                continue  # (a cell written whole: counted as nothing)
            least += sum(map(and_, map(ne, chars, self.chars[y]), map(ne, chars, _BLANKS)))
            if least > limit:
                break
        return least

    def _target(
        self, update: CompositorUpdate
    ) -> tuple[dict[int, Row], list[tuple[int, int, Strip]], Counter[tuple[int, int]]]:
        """The rows the update touches as they are to be, the pieces to write whole, and
        how many rows each range of columns was sent for (a widget's region)."""
        rows: dict[int, Row] = {}
        ranges: Counter[tuple[int, int]] = Counter()
        wholes: list[tuple[int, int, Strip]] = []
        for y, x, strip in pieces(update):
            if not 0 <= y < self.height or x >= self.width or not strip.cell_length:
                continue  # an empty piece (a zero-width gap) is no region sent
            if y not in rows:
                rows[y] = (self.chars[y].copy(), self.pens[y].copy())
            ranges[x, min(x + strip.cell_length, self.width)] += 1
            chars, pens = rows[y]
            new_chars: list[str | None] = []
            new_pens: list[Pen | None] = []
            for text, style, control in strip:
                # Printable ASCII is one cell a character, and certain: no measuring.
                plain = text.isascii() and text.isprintable()
                if control or (not plain and (len(text) != cell_len(text) or uncertain(text))):
                    wholes.append((y, x, strip))
                    end = min(x + strip.cell_length, self.width)
                    chars[x:end] = [None] * max(0, end - x)
                    pens[x:end] = [None] * max(0, end - x)
                    break
                new_chars.extend(text)
                new_pens.extend(repeat(pen_of(style), len(text)))
            else:
                end = min(x + len(new_chars), self.width)
                chars[x:end] = new_chars[: end - x]
                pens[x:end] = new_pens[: end - x]
        return rows, wholes, ranges

    def _wholes(
        self,
        writer: Writer,
        rows: dict[int, Row],
        wholes: list[tuple[int, int, Strip]],
        console: Console,
    ) -> None:
        """Write the strips to write whole. One with an uncertain cluster
        (:mod:`tui.ui.clusters`) may have been drawn wider, over the cells after it: those
        are written again at once, from what the row is to be."""
        for y, x, strip in wholes:
            kept = self.strips[y]
            end = x + strip.cell_length
            for was in [at for at, old in kept.items() if at < end and x < at + old.cell_length]:
                del kept[was]  # written over now
            kept[x] = strip
        queue = list(wholes)
        done: set[tuple[int, int]] = set()
        for index, (y, x, strip) in enumerate(queue):  # the queue grows while mended
            if (y, x) in done:
                continue
            done.add((y, x))
            if not uncertain(strip.text):
                self._whole(writer, y, x, strip, console)
                continue
            furthest = min(write_aligned(writer, y, x, strip), self.width)
            self._mend(writer, rows, y, x + strip.cell_length, furthest, queue[index + 1 :], queue)

    def _mend(
        self,
        writer: Writer,
        rows: dict[int, Row],
        y: int,
        start: int,
        end: int,
        later: list[tuple[int, int, Strip]],
        queue: list[tuple[int, int, Strip]],
    ) -> None:
        """Write cells ``start..end`` of row ``y`` again: the known ones now, the strips
        written whole there (and not about to be written) after."""
        chars, pens = rows[y] if y in rows else (self.chars[y], self.pens[y])
        x = start
        while x < end:
            if chars[x] is not None:
                begin, pen = x, pens[x]
                while x < end and chars[x] is not None and pens[x] is pen:
                    x += 1
                assert pen is not None
                writer.put(y, begin, pen, "".join(chars[begin:x]))  # type: ignore[arg-type]
                continue
            if not any(row == y and at <= x < at + s.cell_length for row, at, s in later):
                for at, strip in self.strips[y].items():
                    if at <= x < at + strip.cell_length and _unknown(chars, at, strip):
                        queue.append((y, at, strip))
                        x = at + strip.cell_length - 1
                        break
            x += 1

    def _whole(self, writer: Writer, y: int, x: int, strip: Strip, console: Console) -> None:
        """Write ``strip`` as it is (its cells are forgotten: None in the target)."""
        if writer.link:
            writer.out.append("\x1b]8;;\x1b\\")
            writer.link = None
        if writer.pen is not PLAIN:
            writer.out.append("\x1b[0m")
        writer.y = writer.x = None
        writer.out.append(f"\x1b[{y + 1};{x + 1}H")
        writer.out.append(strip.render(console))
        writer.pen = PLAIN  # Textual's rendering resets after each styled segment


class Written(CompositorUpdate):
    """An update already turned into what goes to the terminal (see ``BelgaApp._display``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render_segments(self, console: Console) -> str:
        return self.text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment(self.text)


def _unknown(chars: list[str | None], x: int, strip: Strip) -> bool:
    """Whether the cells of ``strip`` written whole at ``x`` are still not known."""
    return all(char is None for char in chars[x : x + strip.cell_length])
