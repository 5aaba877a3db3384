"""A scrolling pane painted line by line, whose base style is worked out once, whose
rows are framed from a frame made once a paint (:mod:`.line_styles`), and whose
scrollbar is drawn from its segments (:mod:`.scrollbar`).

Textual's ``Widget.rich_style`` walks the widget's ancestors and blends their colours
at every call, and a line widget asks for it at every line it paints: 38 times a frame
in the reading pane, also for lines it has painted before (a one-line scroll repaints
every row). :attr:`LinePane.base_style` keeps it until Textual says the styles changed
(``notify_style_update``: a theme, a focus or a class change restyles the widget), as
Textual keeps its own component styles.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar

from tui.ui.widgets.line_styles import LineStyles
from tui.ui.widgets.scrollbar import LineScrollBar


class LinePane(ScrollView):
    """A ``ScrollView`` with its ``rich_style`` kept between style changes."""

    _base_style: Style | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._styles_cache = LineStyles()  # Textual's, framing rows from a frame made once

    @property
    def base_style(self) -> Style:
        """``rich_style``, worked out once per style change."""
        style = self._base_style
        if style is None:
            style = self._base_style = self.rich_style
        return style

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's, made as a :class:`LineScrollBar` (drawn from its segments)."""
        if self._vertical_scrollbar is None:
            bar = LineScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()
