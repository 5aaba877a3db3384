"""A scroll is a scroll: a band of rows that moved, moved by the terminal itself.

:class:`tui.ui.wire.Shadow` asks :func:`find_scroll` whether the rows an update changes are rows
the terminal already shows, moved alike (a story scrolled), and :func:`write_scroll` writes
that scroll: DECSTBM sets the band as the scroll region, LF at its bottom or RI at its
top scrolls it, ``ESC[r`` resets the region at once (:meth:`tui.ui.cells.Writer.scroll`),
then the rows the scroll got wrong are mended cell by cell. A sidebar beside the band
moves with it and its rows are put back, unless the terminal has left and right margins
(DECSLRM): then only the band's columns move.
"""

from __future__ import annotations

from collections import Counter

from textual.strip import Strip

from tui.ui.cells import Piece, Row, Writer, row_pieces
from tui.ui.pen import PLAIN, Pen

Plan = tuple[int, int, int, range]
"""A scroll: top and bottom row of the band, rows it moves up (down if negative), and
the columns that changed in it (the story's, not the sidebar's beside it)."""

Grid = tuple[list[list[str | None]], list[list[Pen | None]]]
"""What the terminal shows: its characters and pens, row by row."""

MIN_MOVED = 3
"""Rows that must have moved alike before a scroll is worth working out."""


def find_scroll(
    shown: Grid,
    rows: dict[int, Row],
    changed: list[int],
    wholes: list[tuple[int, int, Strip]],
    ranges: Counter[tuple[int, int]],
) -> Plan | None:
    """A band of rows that moved, as (top, bottom, rows moved up, the columns that
    changed), if one did.

    Rows are compared over the columns that changed, within the region sent for most
    rows (the widget that scrolled): a story scrolls beside a sidebar that stays, or
    changes a row meanwhile. The band is where most changed rows are found again,
    moved alike, in what the terminal shows.
    """
    shown_chars, shown_pens = shown
    height = len(shown_chars)
    width = len(shown_chars[0]) if height else 0
    first, last = width, 0
    (start, end), count = ranges.most_common(1)[0]
    for y in changed:
        chars, pens = rows[y]
        old_chars, old_pens = shown_chars[y], shown_pens[y]
        columns = range(width)
        left = next(x for x in columns if chars[x] != old_chars[x] or pens[x] != old_pens[x])
        right = next(
            x for x in reversed(columns) if chars[x] != old_chars[x] or pens[x] != old_pens[x]
        )
        first, last = min(first, left), max(last, right + 1)
    if count >= MIN_MOVED:
        first, last = max(first, start), min(last, end)
    if first >= last:
        return None

    def text(chars: list[str | None]) -> str | None:
        part = chars[first:last]
        return None if None in part else "".join(part)  # type: ignore[arg-type]

    looks: dict[int, tuple[int, ...]] = {}

    def look(was: int) -> tuple[int, ...]:
        """The pen objects shown on row ``was`` (asked for rows of a text wanted)."""
        found = looks.get(was)
        if found is None:
            found = looks[was] = tuple(map(id, shown_pens[was][first:last]))
        return found

    # Rows found again: the same text, then the same pen objects, compared only then (a
    # frame that changes the whole screen finds no text again and compares no pens).
    found_at: dict[str, list[int]] = {}
    for y in range(height):
        found = text(shown_chars[y])
        if found is not None:
            found_at.setdefault(found, []).append(y)
    wanted: dict[int, tuple[list[int], tuple[int, ...]]] = {}
    for y in changed:
        found = text(rows[y][0])
        if found is not None and found in found_at:
            wanted[y] = (found_at[found], tuple(map(id, rows[y][1][first:last])))
    votes: Counter[int] = Counter()
    for y, (candidates, mine) in wanted.items():
        for was in candidates:
            if was != y and look(was) == mine:
                votes[was - y] += 1
    if not votes:
        return None
    by, count = max(votes.items(), key=lambda item: (item[1], -abs(item[0])))
    if count < MIN_MOVED:
        return None
    moved = [
        y
        for y, (candidates, mine) in wanted.items()
        if y + by in candidates and look(y + by) == mine
    ]
    top, bottom = min(moved), max(moved)
    top, bottom = (top, min(bottom + by, height - 1)) if by > 0 else (max(top + by, 0), bottom)
    # Cells not known and not written now could not be put back once moved.
    whole = {(y, x) for y, start, strip in wholes for x in range(start, start + strip.cell_length)}
    for y in range(top, bottom + 1):
        chars = rows[y][0] if y in rows else shown_chars[y]
        if None in chars and any(
            char is None and (y, x) not in whole for x, char in enumerate(chars)
        ):
            return None
    return top, bottom, by, range(first, last)


def write_scroll(
    shown: Grid, rows: dict[int, Row], plan: Plan, writer: Writer, margins: bool = False
) -> Writer:
    """The writes with the band scrolled first, then its rows and the others mended.
    ``margins``: only the band's columns move (the terminal has left/right margins)."""
    shown_chars, shown_pens = shown
    height = len(shown_chars)
    width = len(shown_chars[0]) if height else 0
    top, bottom, by, columns = plan
    new = range(bottom - by + 1, bottom + 1) if by > 0 else range(top, top - by)
    fill = _fill(shown, rows, new, writer)
    writer.scroll(top, bottom, by, columns if margins else None, fill)
    unknown: Row = (
        ([None] * width, [None] * width) if fill is None else ([" "] * width, [fill] * width)
    )
    after: list[Row] = list(zip(shown_chars, shown_pens, strict=True))
    band = after[top : bottom + 1]
    band = band[by:] + [unknown] * by if by > 0 else [unknown] * -by + band[:by]
    if margins:  # outside the margins, the rows stay
        start, stop = columns.start, columns.stop
        band = [
            (
                [*kept[0][:start], *moved[0][start:stop], *kept[0][stop:]],
                [*kept[1][:start], *moved[1][start:stop], *kept[1][stop:]],
            )
            for kept, moved in zip(after[top : bottom + 1], band, strict=True)
        ]
    after[top : bottom + 1] = band
    pieces: list[Piece] = []
    for y in range(height):
        row_pieces(y, rows.get(y) or (shown_chars[y], shown_pens[y]), after[y], pieces)
    writer.paint(pieces)
    return writer


def _fill(shown: Grid, rows: dict[int, Row], new: range, writer: Writer) -> Pen | None:
    """What the rows a scroll brings in will show, if known: blanks in the pen's
    background. Where terminfo says bce, the pen is set first to the look most of
    their blanks are to have (a pane's background: no code to write them then);
    elsewhere blanks of the default background, if the pen is reset already."""
    if writer.bce:
        looks: Counter[Pen] = Counter()
        for y in new:
            chars, pens = rows.get(y) or (shown[0][y], shown[1][y])
            looks.update(
                pen
                for char, pen in zip(chars, pens, strict=True)
                if char == " " and pen is not None and pen[0] is None and pen[2:] == (0, None)
            )
        if looks:
            return looks.most_common(1)[0][0]
    return PLAIN if writer.pen is PLAIN else None
