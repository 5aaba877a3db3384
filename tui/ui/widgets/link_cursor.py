"""The reading pane's link cursor: ``Tab`` and ``Shift+Tab`` go from link to link (as in
w3m and lynx), ``Enter`` follows the one under the cursor. No Textual here.

Links are found by their ``[n]`` markers in the typeset lines (see
:func:`tui.ui.typeset.link_markers`), in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.ui.typeset import Marker
from tui.ui.widgets.hints import Anchor


def next_anchor(
    markers: Sequence[Sequence[Marker]],
    current: Anchor | None,
    forward: bool,
    top: int,
    height: int,
) -> Anchor | None:
    """The link after (or before) ``current``; without a current link on screen, the
    first link on screen (or the last, going back); None when there is none that way."""
    shown = current is not None and top <= current.line < top + height
    if forward:
        start = (current.line, current.start) if shown and current else (top, -1)
        for line in range(max(0, start[0]), len(markers)):
            for number, begin, end in markers[line]:
                if (line, begin) > start:
                    return Anchor(line, begin, end, number)
        return None
    start = (current.line, current.start) if shown and current else (top + height, 0)
    for line in range(min(start[0], len(markers) - 1), -1, -1):
        for number, begin, end in reversed(markers[line]):
            if (line, begin) < start:
                return Anchor(line, begin, end, number)
    return None
