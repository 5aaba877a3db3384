"""Rich text on a few lines, broken where the reading pane breaks its lines
(:func:`tui.core.render.cells.wrap`): at spaces and soft hyphens, and between Chinese
or Japanese characters, never before their closing punctuation. Rich's own wrapping
breaks at spaces only: a Japanese title went whole to the next line, and was cut."""

from __future__ import annotations

from rich.text import Text

from tui.core.render.cells import width as cells_of
from tui.core.render.cells import wrap


def wrapped(text: Text, width: int) -> list[Text]:
    """``text`` in lines of at most ``width`` cells (styles kept)."""
    plain = text.plain
    lines: list[Text] = []
    for placed in wrap(plain, max(1, width)):
        if not placed:
            lines.append(Text())
            continue
        line = text[placed[0][0] : placed[-1][1]]
        if placed[-1][2]:  # a word broken at a soft hyphen
            line.append("-")
        lines.append(line)
    return lines


def fit(text: Text, width: int, most: int, ellipsis: str = "…") -> list[Text]:
    """``text`` on at most ``most`` lines of ``width`` cells, ``ellipsis`` ending it
    when cut (the terminal's: tui/ui/glyphs.py)."""
    lines = wrapped(text, width)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        last.rstrip()
        room = width - cells_of(ellipsis)
        if cells_of(last.plain) > room:
            last.truncate(max(0, room))
        last.append(ellipsis)
    return lines


def fit_whole_end(head: Text, end: Text, width: int, most: int, ellipsis: str = "…") -> list[Text]:
    """``head`` then ``end`` on at most ``most`` lines of ``width`` cells; when they do
    not fit, ``head`` is cut short (with ``ellipsis``) so that ``end`` is shown whole (a
    date is no use cut; ``end`` itself is cut when it alone takes more than the lines)."""
    lines = wrapped(head + end, width)
    if len(lines) <= most:
        return lines
    low, high = 0, len(head.plain)  # the most of ``head`` that fits with "…" and ``end``
    while low < high:
        middle = (low + high + 1) // 2
        if len(wrapped(_cut(head, middle, ellipsis) + end, width)) <= most:
            low = middle
        else:
            high = middle - 1
    return fit(_cut(head, low, ellipsis) + end, width, most, ellipsis)


def _cut(text: Text, length: int, ellipsis: str) -> Text:
    """The first ``length`` characters of ``text``, ``ellipsis`` after them."""
    cut = text[:length]
    cut.rstrip()
    cut.append(ellipsis, text.style)
    return cut
