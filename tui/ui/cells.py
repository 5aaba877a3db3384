"""Cells written with the fewest bytes: where the cursor is, how the pen is set.

:func:`row_pieces` finds the cells of a row that changed, and :class:`Writer` writes
them (for :mod:`tui.ui.wire` and :mod:`tui.ui.scroll`). The writer keeps the
cursor's place, so a move is whichever is shortest of CUP (``ESC[12;3H``), a relative
move (``ESC[5C``, BS, IND ``ESC D``) or CR LF (an LF alone where the tty sends it
as CR LF: :mod:`tui.ui.abilities`); it sets the pen only as it changes
(:func:`tui.ui.pen.sgr`); and, where the terminal's terminfo says it can (``ech`` and,
for a coloured background, ``bce``: xterm, the linux console), a stretch of blanks is
erased (``ESC[24X``, the cursor stays) instead of written space by space. tmux and
screen's terminfo entries do not say so: there, blanks are written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.color import ColorSystem

from tui.ui.abilities import Abilities
from tui.ui.pen import PLAIN, Pen, sgr

Piece = tuple[int, int, Pen, str]
"""Cells to write: row, column, pen, one character a cell."""

Row = tuple[list[str | None], list[Pen | None]]
"""One row of cells: characters and pens (None: not known, written again when needed)."""

BLANKS = re.compile(r" {5,}")
_FIVE_BLANKS = " " * 5
_PLAIN_BLANK = 0b111
"""Attributes a blank shows the same with or without (bold, dim, italic): an erased
cell has none, and looks the same."""


def row_pieces(y: int, target: Row, shown: Row, out: list[Piece]) -> None:
    """The cells of row ``y`` where ``target`` differs from what is ``shown``, as pieces
    of one pen each, added to ``out``."""
    chars, pens = target
    old_chars, old_pens = shown
    if chars == old_chars and pens == old_pens:
        return
    differ = [
        x
        for x, (char, old, pen, was) in enumerate(
            zip(chars, old_chars, pens, old_pens, strict=True)
        )
        if char is not None and (char != old or (pen is not was and pen != was))
    ]
    runs: list[list[int]] = []
    for x in differ:
        if runs:
            last = runs[-1][1]
            if x == last:
                runs[-1][1] = x + 1
                continue
            # Rewriting a few unchanged cells is cheaper than a move over them.
            if (
                x - last < 4
                and all(chars[i] is not None and pens[i] is pens[last - 1] for i in range(last, x))
                and sum(len(str(chars[i]).encode()) for i in range(last, x)) <= 4
            ):
                runs[-1][1] = x + 1
                continue
        runs.append([x, x + 1])
    for start, stop in runs:
        begin = start
        for x in range(start + 1, stop + 1):
            if x == stop or pens[x] is not pens[begin]:
                pen = pens[begin]
                assert pen is not None
                text = "".join(chars[begin:x])  # type: ignore[arg-type]  # no None in a run
                out.append((y, begin, pen, text))
                begin = x


def _forward(count: int) -> str:
    return "\x1b[C" if count == 1 else f"\x1b[{count}C"


def _rows(count: int) -> str:
    """Down (up if negative) ``count`` rows, the column kept: one row is IND or RI (two
    bytes), which scroll only from the screen's last or first row: never, since the row
    moved to is on the screen and no scroll region outlives :meth:`Writer.scroll`."""
    if count == 0:
        return ""
    if abs(count) == 1:
        return "\x1bD" if count > 0 else "\x1bM"
    return f"\x1b[{count}B" if count > 0 else f"\x1b[{-count}A"


def _columns(count: int) -> str:
    """Right (left if negative) ``count`` columns: BS is one byte a column left."""
    if count >= 0:
        return _forward(count) if count else ""
    return "\b" * -count if count > -4 else f"\x1b[{-count}D"


def _digits(number: int) -> int:
    return 1 if number < 10 else 2 if number < 100 else len(str(number))


def _forward_bytes(count: int) -> int:
    """Bytes of :func:`_forward` (none for no move)."""
    return 0 if not count else 3 if count == 1 else 3 + _digits(count)


def _rows_bytes(count: int) -> int:
    """Bytes of :func:`_rows`."""
    count = abs(count)
    return 0 if not count else 2 if count == 1 else 3 + _digits(count)


def _columns_bytes(count: int) -> int:
    """Bytes of :func:`_columns`."""
    if count >= 0:
        return _forward_bytes(count)
    return -count if count > -4 else 3 + _digits(-count)


_TABLE = 512
"""Rows and columns below this have their moves' lengths in tables (:meth:`Writer._choice`;
made of builtins only: ~0.3 M instructions at import)."""
_DIGITS = [0, *map(len, map(str, range(1, _TABLE + 1)))]
_FORWARD = [0, 3, *(3 + digits for digits in _DIGITS[2:_TABLE])]
_ROWS = [0, 2, *(3 + digits for digits in _DIGITS[2:_TABLE])]
_BACK = [0, 1, 2, 3, *(3 + digits for digits in _DIGITS[4:_TABLE])]
"""Columns left: BS a column for fewer than 4, else CUB."""


def _wire(text: str) -> int:
    """Bytes on the wire: a pty's ONLCR sends LF as CR LF."""
    return len(text) + text.count("\n")


def _chains(pieces: list[Piece]) -> Iterator[list[Piece]]:
    """``pieces`` in order, those on one link cell to cell together (a link's words and
    its number): written apart, the link would be opened twice (its URL sent again)."""
    chain: list[Piece] = []
    for piece in pieces:
        y, x, pen, _ = piece
        if chain:
            last_y, last_x, last_pen, last_text = chain[-1]
            joined = last_y == y and last_x + len(last_text) == x
            if not (joined and pen[3] is not None and last_pen[3] == pen[3]):
                yield chain
                chain = []
        chain.append(piece)
    if chain:
        yield chain


class Writer:
    """Writes cells, keeping where the cursor is and how the pen is set."""

    def __init__(
        self,
        width: int,
        colors: ColorSystem,
        abilities: Abilities,
        cursor: tuple[int, int] | None = None,
    ) -> None:
        """``cursor``: where the cursor is (row, column) if known; then the pen is known
        too: reset, as the last update left it (:meth:`end`)."""
        self.width, self.colors = width, colors
        self.ech, self.bce = abilities.ech, abilities.bce
        self.newline = "\n" if abilities.crlf else "\r\n"
        self.newline_bytes = _wire(self.newline)
        self.out: list[str] = []
        self.y: int | None = None
        self.x: int | None = None  # None also after the last column (a wrap is pending)
        self.pen: Pen | None = None  # not known: whatever Textual left
        self.link: str | None = None
        if cursor is not None:
            self.y, self.x = cursor
            self.pen = PLAIN

    def move(self, y: int, x: int) -> None:
        if self.y == y and self.x == x:
            return
        self.out.append(self._path(y, x))
        self.y, self.x = y, x

    def _path(self, y: int, x: int) -> str:
        """The shortest move from where the cursor is to ``y``, ``x`` (the first of the
        shortest in the order CUP, relative, CR, LF: see :meth:`_choice`)."""
        choice, _ = self._choice(y, x)
        if choice == 0:
            return f"\x1b[{y + 1};{x + 1}H" if x else f"\x1b[{y + 1}H"
        assert self.y is not None
        down = _rows(y - self.y)
        if choice == 1:
            assert self.x is not None
            return down + _columns(x - self.x)
        forward = _forward(x) if x else ""
        return down + "\r" + forward if choice == 2 else self.newline + forward

    def _choice(self, y: int, x: int) -> tuple[int, int]:
        """Which move is shortest on the wire, and its bytes, worked out from their
        lengths (a frame asks ~500 times): 0 CUP, 1 relative (rows, then columns; BS is
        not used from a pending wrap: x is None then), 2 rows then CR and forward, 3 LF
        (CR LF) and forward to the next row (never from the last row: LF cannot scroll
        there). The first of the shortest in that order, as ``min`` picks it."""
        here_y, here_x = self.y, self.x
        if x >= _TABLE or y >= _TABLE or (here_y or 0) >= _TABLE or (here_x or 0) >= _TABLE:
            return self._choice_measured(y, x)  # (a terminal wider or taller than any seen)
        forward = _FORWARD[x]
        best, least = 0, 4 + _DIGITS[y + 1] + _DIGITS[x + 1] if x else 3 + _DIGITS[y + 1]
        if here_y is not None:
            down = _ROWS[abs(y - here_y)]
            if here_x is not None:
                dx = x - here_x
                relative = down + (_FORWARD[dx] if dx >= 0 else _BACK[-dx])
                if relative < least:
                    best, least = 1, relative
            if down + 1 + forward < least:
                best, least = 2, down + 1 + forward
            if y == here_y + 1 and self.newline_bytes + forward < least:
                best, least = 3, self.newline_bytes + forward
        return best, least

    def _choice_measured(self, y: int, x: int) -> tuple[int, int]:
        """:meth:`_choice` from the functions the tables are made of."""
        forward = _forward_bytes(x)
        best, least = 0, 4 + _digits(y + 1) + _digits(x + 1) if x else 3 + _digits(y + 1)
        if self.y is not None:
            down = _rows_bytes(y - self.y)
            if self.x is not None:
                relative = down + _columns_bytes(x - self.x)
                if relative < least:
                    best, least = 1, relative
            if down + 1 + forward < least:
                best, least = 2, down + 1 + forward
            if y == self.y + 1 and self.newline_bytes + forward < least:
                best, least = 3, self.newline_bytes + forward
        return best, least

    def _cost(self, piece: Piece) -> int:
        """Bytes to move to ``piece`` and set its pen, from here."""
        y, x, pen, _ = piece
        move = 0 if (self.y, self.x) == (y, x) else self._choice(y, x)[1]
        return move + (0 if pen is self.pen else len(sgr(self.pen, pen, self.colors)))

    def set(self, pen: Pen) -> None:
        if pen is not self.pen:
            self.out.append(sgr(self.pen, pen, self.colors))
            self.pen = pen
        if pen[3] != self.link:
            # Opening a link ends the one open: it needs no closing first.
            self.out.append(f"\x1b]8;;{pen[3] or ''}\x07")
            self.link = pen[3]

    def paint(self, pieces: list[Piece]) -> None:
        """Write ``pieces``: those in the main pen (the most cells) in order, then the
        others pen by pen, column by column: each other pen is set once, and a move
        costs less than two changes of pen (a link number, a scrollbar cell, a border).
        Next always the pen that costs least to move to and set (a scrollbar's thumb and
        track: one change of pen each). Pieces on one link cell to cell go together."""
        cells: dict[Pen, int] = {}
        for _, _, pen, text in pieces:
            cells[pen] = cells.get(pen, 0) + len(text)
        main = max(cells, key=cells.__getitem__, default=None)
        aside: dict[Pen, list[Piece]] = {}
        links: list[list[Piece]] = []
        for chain in _chains(pieces):
            if any(pen is main for _, _, pen, _ in chain):
                for y, x, pen, text in chain:
                    self.put(y, x, pen, text)
            elif len(chain) > 1:
                links.append(chain)
            else:
                aside.setdefault(chain[0][2], []).append(chain[0])
        groups = [sorted(group, key=lambda piece: (piece[1], piece[0])) for group in aside.values()]
        groups += links
        while groups:
            group = min(groups, key=lambda group: self._cost(group[0]))
            groups.remove(group)
            for y, x, pen, text in group:
                self.put(y, x, pen, text)

    def put(self, y: int, x: int, pen: Pen, text: str) -> None:
        """Write ``text`` (one cell a character) at ``y``, ``x`` with ``pen``."""
        self.move(y, x)
        self.set(pen)
        erasable = pen[3] is None and not pen[2] & ~_PLAIN_BLANK
        if self.ech and erasable and (pen[1] is None or self.bce):
            self._erasing(y, x, text)
        else:
            self._text(text)

    def _erasing(self, y: int, x: int, text: str) -> None:
        if _FIVE_BLANKS not in text:  # (most pieces: no stretch to erase)
            self._text(text)
            return
        done = 0
        for blanks in BLANKS.finditer(text):
            start, end = blanks.span()
            erase = f"\x1b[{end - start}X"
            tail = end == len(text)
            if len(erase) + (0 if tail else len(_forward(end - start))) >= end - start:
                continue
            self._text(text[done:start])
            self.out.append(erase)  # the cursor stays where it is
            done = end
            if not tail:
                self.move(y, x + end)
        self._text(text[done:])

    def _text(self, text: str) -> None:
        if not text:
            return
        self.out.append(text)
        assert self.x is not None
        self.x += len(text)
        if self.x >= self.width:
            self.x = None

    def scroll(
        self,
        top: int,
        bottom: int,
        by: int,
        columns: range | None = None,
        fill: Pen | None = None,
    ) -> None:
        """Rows ``top..bottom`` move up ``by`` rows (down if negative): the region is set,
        scrolled and reset in one go. ``columns``: only those move, between left and
        right margins (DECLRMM on, DECSLRM; then both off again), where the terminal
        said it has them. ``fill``: the pen set first (the rows brought in take its
        background)."""
        if fill is not None:
            self.set(fill)
        if columns is None:
            self.out.append(f"\x1b[{top + 1};{bottom + 1}r")
            if by > 0:
                self.out.append(f"\x1b[{bottom + 1}H" + "\n" * by)
            else:
                self.out.append(f"\x1b[{top + 1}H" + "\x1bM" * -by)
            self.out.append("\x1b[r")
        else:
            left = columns.start + 1
            self.out.append(f"\x1b[?69h\x1b[{top + 1};{bottom + 1}r\x1b[{left};{columns.stop}s")
            if by > 0:  # IND, not LF: a CR would go to the left margin or not, as terminals do
                self.out.append(f"\x1b[{bottom + 1};{left}H" + "\x1bD" * by)
            else:
                self.out.append(f"\x1b[{top + 1};{left}H" + "\x1bM" * -by)
            self.out.append("\x1b[s\x1b[r\x1b[?69l")  # (ESC[s: DECSLRM while DECLRMM is on)
        self.y = self.x = None  # home on a VT100; not on every emulator (pyte)

    def written(self) -> int:
        return sum(_wire(piece) for piece in self.out)

    def end(self) -> str:
        if self.link:
            self.out.append("\x1b]8;;\x07")
        if self.pen is not None and self.pen is not PLAIN:
            self.out.append("\x1b[m")  # as Textual leaves the pen: reset (no parameter: 0)
        return "".join(self.out)
