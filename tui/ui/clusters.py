"""Clusters whose width terminals disagree on, written so the grid stays aligned.

belga (rich) measures a grapheme cluster as one glyph: a family joined by ZWJ
(``👩‍👩‍👧``) or a thumb with a skin tone (``👍🏽``) is 2 cells. Many terminals count
its parts instead (tmux 3.3a: 6 and 4 cells), some count a keycap (``1️⃣``) or a
VS16 heart (``❤️``) as 1 cell where rich says 2, and flags are 2 or 4. Written as
text, the rest of the row then lands to the right (over a border, or wrapped onto
the next row) or leaves stale cells, and a writer that sends only changed cells never
mends it.

THE RULE: a cluster is *uncertain* when it holds a zero-width joiner (U+200D), a
variation selector (U+FE0E, U+FE0F), a combining keycap (U+20E3), a tag (U+E0000–
E007F) or any character of the emoji planes U+1F000–U+1FAFF (skin-tone modifiers,
regional indicators and pictographs, whose widths changed between Unicode versions).
Plain text, CJK and the BMP symbols without a selector are certain: terminals agree.

An uncertain cluster is written by :func:`write_aligned`, with autowrap off (DECAWM,
``ESC[?7l`` … ``ESC[?7h``: nothing ever wraps onto the next row): blanks over the cells
belga gives it (a terminal that draws it narrower shows blanks, not stale cells), back
over them, the cluster, then an absolute cursor position where belga's next cell is (a
terminal that draws it wider has the overflow overwritten by what follows). The
overflow may reach past the piece written (:func:`reach`); the caller writes those
cells again. The cost is paid only on rows holding such clusters.
"""

from __future__ import annotations

import re

from rich.cells import split_graphemes
from textual.strip import Strip

from tui.ui.cells import Writer
from tui.ui.pen import pen_of

UNCERTAIN = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f000-\U0001faff\U000e0000-\U000e007f]")
"""A character that makes its cluster's width uncertain (see THE RULE above)."""

AUTOWRAP_OFF, AUTOWRAP_ON = "\x1b[?7l", "\x1b[?7h"


def uncertain(text: str) -> bool:
    return UNCERTAIN.search(text) is not None


def reach(cluster: str) -> int:
    """The most cells a terminal may draw ``cluster`` over: 2 for each of its parts."""
    return 2 * len(cluster)


def at(y: int, x: int) -> str:
    return f"\x1b[{y + 1};{x + 1}H"


def _back(cells: int) -> str:
    return "\x1b[D" if cells == 1 else f"\x1b[{cells}D"


def write_aligned(writer: Writer, y: int, x: int, strip: Strip) -> int:
    """Write ``strip`` at ``y``, ``x`` with its uncertain clusters aligned; return the
    column (exclusive) up to which the terminal may have drawn. The cursor is left
    not known (a terminal may have drawn the last cluster wider)."""
    writer.move(y, x)
    out = writer.out
    out.append(AUTOWRAP_OFF)
    column = x
    furthest = x + strip.cell_length
    for text, style, control in strip:
        if control:
            out.append(text)
            continue
        writer.set(pen_of(style))
        spans, _ = split_graphemes(text)
        done = 0
        for start, end, cells in spans:
            cluster = text[start:end]
            if not uncertain(cluster):
                column += cells
                continue
            out.append(text[done:start])
            done = end
            if cells:
                # Back over the blanks; from the last column (a wrap pending) CUB would
                # count from the column before: there, an absolute position.
                back = _back(cells) if column + cells < writer.width else at(y, column)
                out.append(" " * cells + back)
            out.append(cluster)
            furthest = max(furthest, column + reach(cluster))
            column += cells
            if column < writer.width:
                out.append(at(y, column))
        out.append(text[done:])
    out.append(AUTOWRAP_ON)
    writer.y = writer.x = None
    return furthest
