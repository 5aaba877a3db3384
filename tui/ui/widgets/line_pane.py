"""A scrolling pane painted line by line, whose base style is worked out once, whose
rows are framed from a frame made once a paint (:mod:`.line_styles`), and whose
scrollbar is drawn from its segments (:mod:`.scrollbar`).

Textual's ``Widget.rich_style`` walks the widget's ancestors and blends their colours
at every call, and a line widget asks for it at every line it paints: 38 times a frame
in the reading pane, also for lines it has painted before (a one-line scroll repaints
every row). :attr:`LinePane.base_style` keeps it until Textual says the styles changed
(``notify_style_update``: a theme, a focus or a class change restyles the widget), as
Textual keeps its own component styles. Those too are kept here
(:meth:`LinePane.component_style`) until the styles change: Textual forgets them at every
repaint of the whole widget (``Widget.refresh`` clears ``_rich_style_cache``), and the
reading pane, shown anew at each Enter, worked out its ~25 again each time (~130,000
instructions each, blending the ancestors' backgrounds).
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
        self._components: dict[tuple[str, bool], tuple[object, Style]] = {}
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

    def component_style(self, name: str, partial: bool = False) -> Style:
        """``get_component_rich_style(name, partial=partial)``, worked out once per style
        change (the widget restyled, or the component's styles made anew)."""
        kept = self._components.get((name, partial))
        styles = self._component_styles.get(name)
        if kept is not None and kept[0] is styles:
            return kept[1]
        style = self.get_component_rich_style(name, partial=partial)
        if partial:
            style = self._solid(name, style)
        self._components[name, partial] = (styles, style)
        return style

    def _solid(self, name: str, style: Style) -> Style:
        """A partial style with its ``auto`` colour as the pane shows it: Textual's
        contrast colour over the pane's background, blended. Textual's partial style
        gives an auto colour (the theme's $text-muted is "auto 60%") as plain white
        whatever the background: the light theme's list dates were white on light grey,
        bright white on bright white in 16 colours (a new user's report 4, item 8)."""
        styles = self.get_component_styles(name)
        if not styles.auto_color:
            return style
        background = self.background_colors[1]
        if styles.has_rule("background"):
            background += styles.background
        colour = background + background.get_contrast_text(styles.color.a)
        return style + Style(color=colour.rich_color)

    def notify_style_update(self) -> None:
        self._base_style = None
        self._components.clear()
        super().notify_style_update()
