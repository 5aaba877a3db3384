"""The line panes' vertical scrollbar, drawn as strips straight from its segments.

Textual draws a scrollbar as any widget: its ``render`` gives a Rich renderable
(``ScrollBarRender``), which goes through a Visual, the console and the styles cache,
row by row: ~7 M instructions for the 37 rows of a pane, twice in the frame of Enter
(the reading pane's and the sidebar's), again at each scroll. Here the bar's segments
(Textual's own ``ScrollBarRender.render_bar``, in the colours ``ScrollBar.render``
works out) make one strip per row, equal rows sharing it, kept until the bar changes;
the app's line filters (NO_COLOR) applied as the styles cache applies them.

``LinePane.vertical_scrollbar`` makes this bar where Textual's ``Widget`` made its own
(``_vertical_scrollbar``, ``App._start_widget``: Textual internals, pinned <9, here and
in line_pane.py alone); tests/test_scrollbar.py checks that it draws what Textual's
draws, cell for cell.
"""

from __future__ import annotations

from typing import Final

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

BACK: Final = Color.parse("#555555")
BAR: Final = Color.parse("bright_magenta")


class LineScrollBar(ScrollBar):
    """A vertical scrollbar whose rows are strips made from its segments."""

    _drawn: tuple[object, list[Strip]] | None = None
    """The rows drawn last, and what they were drawn for."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.vertical:
            return super().render_lines(crop)
        rows = self._rows()
        return [row.crop(crop.x, crop.right) for row in rows[crop.y : crop.bottom]]

    def _rows(self) -> list[Strip]:
        drawing = self.render()  # the colours and thumb of Textual's ScrollBar
        assert isinstance(drawing, ScrollBarRender) and isinstance(drawing.style, Style)
        style, height, width = drawing.style, self.size.height, self.size.width
        virtual, window, position = drawing.virtual_size, drawing.window_size, drawing.position
        filters = self.get_line_filters()
        background = self.background_colors[1]
        base = self.visual_style.rich_style  # beneath each segment, as Textual's Visual lays it
        key = (height, width, virtual, window, position, style, base, background, *map(id, filters))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        bar = self.renderer.render_bar(
            size=height,
            virtual_size=virtual,
            window_size=window,
            position=position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or BACK,  # (Textual's defaults, never needed:
            bar_color=style.color or BAR,  # ScrollBar.render gives both colours)
        )
        made: dict[Segment, Strip] = {}
        rows: list[Strip] = []
        for segment in bar.segments:
            strip = made.get(segment)
            if strip is None:
                text, look, _ = segment
                strip = Strip([Segment(text, base + look if base else look)], width)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                made[segment] = strip
            rows.append(strip)
        rows += [Strip.blank(width)] * (height - len(rows))
        self._drawn = (key, rows)
        return rows
