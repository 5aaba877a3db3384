"""The writer's moves and pens, worked out from lengths and kept (tui/ui/cells.py,
tui/ui/pen.py), are what building every candidate and taking the shortest gave."""

from __future__ import annotations

import itertools

from rich.color import Color, ColorSystem

from tui.ui.abilities import Abilities
from tui.ui.cells import Writer, _columns, _forward, _rows, _wire
from tui.ui.pen import PLAIN, Pen, _sgr, sgr


def shortest(writer: Writer, y: int, x: int) -> str:
    """The move as the writer chose it before: every candidate built, the first of the
    shortest on the wire."""
    moves = [f"\x1b[{y + 1};{x + 1}H" if x else f"\x1b[{y + 1}H"]
    if writer.y is not None:
        down = _rows(y - writer.y)
        if writer.x is not None:
            moves.append(down + _columns(x - writer.x))
        moves.append(down + "\r" + (_forward(x) if x else ""))
        if y == writer.y + 1:
            moves.append(writer.newline + (_forward(x) if x else ""))
    return min(moves, key=_wire)


def test_each_move_is_the_first_of_the_shortest() -> None:
    checked = 0
    for crlf in (False, True):
        abilities = Abilities(crlf=crlf)
        rows, columns = (
            [0, 1, 2, 8, 9, 10, 11, 98, 99, 100, 101, 511, 512, 600],
            [0, 1, 2, 3, 4, 5, 9, 10, 99, 100, 150, 510, 511, 512, 1000],
        )
        starts = [None, *itertools.product(rows, [*columns, None])]
        for start in starts:
            writer = Writer(2000, ColorSystem.EIGHT_BIT, abilities, None)
            if start is not None:
                writer.y, writer.x = start
            for y, x in itertools.product(rows, columns):
                expected = shortest(writer, y, x)
                assert writer._path(y, x) == expected, (crlf, start, y, x)
                cost = 0 if (writer.y, writer.x) == (y, x) else _wire(expected)
                assert (
                    writer._cost((y, x, writer.pen or PLAIN, "a"))
                    - (0 if writer.pen is PLAIN else len(sgr(writer.pen, PLAIN, writer.colors)))
                    == cost
                )
                checked += 1
    assert checked > 20_000


def test_a_change_of_pen_kept_is_the_change_made() -> None:
    red, blue = Color.parse("red"), Color.parse("#2040ff")
    pens: list[Pen | None] = [
        None,
        PLAIN,
        (red, None, 1, None),
        (red, blue, 0, None),
        (None, blue, 4, "https://example.org"),
        (blue, red, 3, None),
    ]
    for system in (ColorSystem.STANDARD, ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR):
        for old, new in itertools.product(pens, pens[1:]):
            assert new is not None
            first, again = sgr(old, new, system), sgr(old, new, system)
            assert first == again == _sgr(old, new, system)
            # An equal pen that is another object is worked out for itself.
            other = tuple(new)
            assert sgr(old, other, system) == _sgr(old, other, system)  # type: ignore[arg-type]
