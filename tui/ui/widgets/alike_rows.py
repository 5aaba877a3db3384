"""Containers that draw only their background: one row drawn, the same strip for all.

The screen and the panes' container are drawn under the panes every frame, and Textual's
compositor cuts each of their rows at every pane's edge and scrollbar (``Strip.divide``:
~7 new strips a row, ~10 M instructions in the frame of Enter, then thrown away: the
panes cover them). Their rows are all alike, so :class:`AlikeRows` draws one and gives
that same strip for every row: a strip keeps its last cuts, so each distinct set of cuts
is made once a frame instead of once a row. Anything that could make rows differ (a
border, padding, an outline, a hatch) is drawn by Textual as before;
tests/test_alike_rows.py checks that the rows are Textual's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# Not a Widget itself: Textual takes a widget's CSS type names and DEFAULT_CSS from its
# first widget base class and that one's (DOMNode._css_bases), which must stay the
# container's (Screen, Horizontal).
if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class AlikeRows(_Base):
    """For a widget whose rows, with no border, padding or outline, are all alike."""

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        if (
            crop.height <= 1
            or any(styles.gutter)
            or any(edge for edge, _ in styles.outline)
            or (styles.has_rule("hatch") and styles.hatch != "none")
        ):
            return super().render_lines(crop)
        row = super().render_lines(Region(crop.x, crop.y, crop.width, 1))
        return row * crop.height


class Panes(AlikeRows, Horizontal):
    """The reader screen's panes, side by side."""
