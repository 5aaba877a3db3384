"""The line under the story list: the highlighted story's whole title, source and date."""

from __future__ import annotations

from typing import ClassVar, Final

from rich.text import Text
from textual.widgets import Static

from tui.core.model.dates import long_date
from tui.core.model.listing import Entry
from tui.ui.glyphs import chosen
from tui.ui.wrapping import fit_whole_end

HEADLINE_LINES: Final = 2
"""The lines under the list for the highlighted story's title, source and date."""


class Headline(Static):
    """The highlighted story's whole title, its source and date, under the list: a
    headline cut short in its row is still readable without opening the story."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"headline--about"}

    _shown: Entry | None = None
    _lines: tuple[Text, Text] = (Text(), Text())
    """The title, and its source and date."""
    _fitted: tuple[int, list[Text]] | None = None
    """The two lines as shown at a width."""

    def show(self, entry: Entry | None) -> None:
        if entry == self._shown:
            return  # the same line: no repaint
        self._shown = entry
        if entry is None:
            self._lines = (Text(), Text())
        else:
            parts = (entry.source, long_date(entry.published_at))
            about = " · ".join(part for part in parts if part)
            style = self.get_component_rich_style("headline--about")
            end = Text(f"  {about}", style=style) if about else Text()
            self._lines = (Text(entry.title, style="bold"), end)
        self._fitted = None
        self.refresh()  # two lines high whatever it says: no layout

    def _fit(self) -> list[Text]:
        """The title and its source and date on the two lines, wrapped as the story's
        lines are (Japanese between characters, kinsoku); the title cut short with "…"
        when they do not fit: the date whole (at 60×20 it lost its time, with no mark).
        At the width of the coming paint (none before the first layout)."""
        width = self.content_size.width
        if self._fitted is None or self._fitted[0] != width:
            title, end = self._lines
            shown = width > 0 and bool(title.plain or end.plain)
            ellipsis = chosen().ellipsis
            lines = fit_whole_end(title, end, width, HEADLINE_LINES, ellipsis) if shown else []
            self._fitted = (width, lines)
        return self._fitted[1]

    @property
    def text(self) -> str:
        """What the lines say, as plain text (on one line while they are not shown)."""
        if self.content_size.width <= 0:
            title, end = self._lines
            return title.plain + end.plain
        return "\n".join(line.plain for line in self._fit())

    def render(self) -> Text:
        return Text("\n").join(self._fit())
