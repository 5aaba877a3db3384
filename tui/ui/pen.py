"""The terminal's pen: what a cell looks like, and the fewest SGR codes from one look to
the next.

Textual sets the whole pen before every segment and resets it after (``ESC[0;1;38;5;253;
48;5;234m`` … ``ESC[0m``): over SSH half the bytes of a repaint were those codes. Here a
change of look sends only what changes (``ESC[22;38;5;75m`` from bold grey to plain
blue), or a reset and the whole look when that is shorter. Colours the terminal is told
to keep as its own ("default", as NO_COLOR gives every cell) are no colour at all, so
with NO_COLOR no colour code is ever sent, not even 39/49.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color, ColorSystem
from rich.style import Style

Pen = tuple[Color | None, Color | None, int, str | None]
"""Foreground, background, attribute bits (rich's), link: what a cell shows."""

PLAIN: Pen = (None, None, 0, None)
"""The pen after a reset."""

_ON = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53")
"""The SGR code that sets each of rich's attribute bits (as Textual sends them)."""
_OFF = ("22", "22", "23", "24", "25", "25", "27", "28", "29", "24", "54", "54", "55")
"""The code that clears each bit; one code may clear two bits (22: bold and dim)."""

_interned: dict[Pen, Pen] = {}


_by_style: dict[int, tuple[Style, Pen]] = {}
"""The pen of each style object seen, by its id (the style is kept with it, so that its
id is not another's meanwhile): a frame's cells share a few style objects, and looking
one up by the style itself compares styles in Python."""


def pen_of(style: Style | None) -> Pen:
    """What ``style`` shows (not Textual's meta: mouse offsets), one object per look."""
    if style is None:
        return PLAIN
    known = _by_style.get(id(style))
    if known is not None:
        return known[1]
    if len(_by_style) > 4096:  # styles come and go over a session
        _by_style.clear()
    pen = _pen(style)
    _by_style[id(style)] = (style, pen)
    return pen


def _pen(style: Style) -> Pen:
    color, bgcolor = style._color, style._bgcolor
    pen: Pen = (
        None if color is None or color.is_default else color,
        None if bgcolor is None or bgcolor.is_default else bgcolor,
        style._attributes & style._set_attributes,
        style._link or None,
    )
    found = _interned.get(pen)
    if found is None:
        if len(_interned) > 4096:  # links are many over a session; equal pens still compare
            _interned.clear()
            _by_style.clear()  # (its pens are the ones interned)
        found = _interned[pen] = pen
    return found


@lru_cache(maxsize=1024)
def _color(color: Color, system: ColorSystem, foreground: bool) -> str:
    return ";".join(color.downgrade(system).get_ansi_codes(foreground))


def _bits(attributes: int) -> list[str]:
    return [_ON[bit] for bit in range(attributes.bit_length()) if attributes >> bit & 1]


def _whole(pen: Pen, system: ColorSystem) -> str:
    color, bgcolor, attributes, _ = pen
    codes = _bits(attributes) if attributes else []
    if color is not None:
        codes.append(_color(color, system, True))
    if bgcolor is not None:
        codes.append(_color(bgcolor, system, False))
    # An empty parameter is 0 (ECMA-48): "ESC[;1m" resets and sets bold, "ESC[m" resets.
    return "\x1b[;" + ";".join(codes) + "m" if codes else "\x1b[m"


def _change(old: Pen, new: Pen, system: ColorSystem) -> str:
    codes: list[str] = []
    cleared = old[2] & ~new[2]
    if cleared:
        offs = {_OFF[bit] for bit in range(cleared.bit_length()) if cleared >> bit & 1}
        codes.extend(sorted(offs))
        # A code that clears two bits (22 bold and dim) takes the one kept too: set it again.
        lost = sum(1 << bit for bit, off in enumerate(_OFF) if off in offs)
        added = new[2] & ~old[2] | new[2] & lost
    else:
        added = new[2] & ~old[2]
    codes.extend(_bits(added))
    if new[0] != old[0]:
        codes.append("39" if new[0] is None else _color(new[0], system, True))
    if new[1] != old[1]:
        codes.append("49" if new[1] is None else _color(new[1], system, False))
    return "\x1b[" + ";".join(codes) + "m" if codes else ""


_sgr_made: dict[tuple[int, int, ColorSystem], tuple[Pen | None, Pen, str]] = {}
"""The sequences made, by the two pens' ids (the pens kept with it, so that their ids
are not others' meanwhile): a frame asks for the same few changes ~150 times."""


def sgr(old: Pen | None, new: Pen, system: ColorSystem) -> str:
    """The SGR sequence taking the pen from ``old`` (None: not known) to ``new``: only
    what changes, or a reset and the whole of ``new`` when that is shorter; "" if the
    pen is already right. Links are not SGR: the caller opens and closes them."""
    key = (id(old), id(new), system)
    made = _sgr_made.get(key)
    if made is not None and made[0] is old and made[1] is new:
        return made[2]
    if len(_sgr_made) > 4096:
        _sgr_made.clear()
    sequence = _sgr(old, new, system)
    _sgr_made[key] = (old, new, sequence)
    return sequence


def _sgr(old: Pen | None, new: Pen, system: ColorSystem) -> str:
    whole = _whole(new, system)
    if old is None:
        return whole
    change = _change(old, new, system)
    return change if len(change) <= len(whole) else whole
