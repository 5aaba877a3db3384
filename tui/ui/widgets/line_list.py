"""A list painted line by line, with a cursor: the base of the story list and the sidebar.

Items have a fixed height, so that the list is never measured: filling it with 10,000
items costs nothing, and moving the cursor or changing one item repaints only that
item's lines — what a slow SSH link needs (see the benchmark's bytes figures).
"""

from __future__ import annotations

from functools import lru_cache
from textwrap import wrap
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from tui.ui.focus_cue import QuietFocus
from tui.ui.glyphs import chosen
from tui.ui.widgets.line_pane import LinePane


class LineList(QuietFocus, LinePane, can_focus=True):
    """Subclasses say how many items there are and paint each line of an item."""

    ITEM_HEIGHT: ClassVar[int] = 1
    CURSOR_CLASS: ClassVar[str] = ""
    """The component class of the cursor's lines (focused)."""
    CURRENT_CLASS: ClassVar[str] = ""
    """The component class of the cursor's lines when the list has not the focus."""

    empty_text: reactive[str] = reactive("", init=False)
    """What the list says in its first lines while it has no item (why, and how to fill
    it): painted by the list itself, so saying it lays nothing out (a repaint)."""

    # No repaint of the whole list on a move: the two items that changed are enough.
    cursor: reactive[int] = reactive(-1, repaint=False, init=False)

    virtual_size: reactive[Size] = reactive(Size(0, 0), layout=False, repaint=False)
    """Textual lays the whole screen out when a widget's virtual size changes (at each
    letter of the filter: 3-8 ms, and the list pane repainted). A list's changes with
    its number of items, which changes its scrollbar's thumb, and its lines when they
    are other lines (:meth:`items_changed` repaints them; :meth:`count_changed` not),
    unless the scrollbar comes or goes: a layout then only."""

    @property
    def item_count(self) -> int:
        raise NotImplementedError

    def render_item_line(self, index: int, row: int, width: int, base: Style) -> Strip:
        """Line ``row`` of item ``index``, ``width`` cells wide, on ``base``."""
        raise NotImplementedError

    def on_highlight(self, index: int) -> None:
        """The cursor moved to ``index``."""

    # --- size and cursor ----------------------------------------------------------------

    def items_changed(self, cursor: int = 0) -> None:
        """The items were replaced: size again, put the cursor at ``cursor``, repaint."""
        self.count_changed()
        self.set_reactive(LineList.cursor, min(cursor, self.item_count - 1))
        self.refresh()

    def count_changed(self) -> None:
        """The number of items changed, not the lines on screen: the scrollbar's thumb
        and the scroll's bounds follow, nothing else is repainted."""
        size = Size(self.size.width, self.item_count * self.ITEM_HEIGHT)
        if size != self.virtual_size:
            shown = self.show_vertical_scrollbar, self.show_horizontal_scrollbar
            self.virtual_size = size
            # What a layout would do for this widget (Textual's, an internal checked by
            # tests/test_list_loading.py): the scrollbars' thumbs, the scroll's bounds.
            self._scroll_update(size)
            if not self.container_size and self.styles.overflow_y == "auto":
                self._foresee_scrollbar(size.height)
            if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != shown:
                self.refresh(layout=True)  # a scrollbar came or went: the lines' width

    def _foresee_scrollbar(self, height: int) -> None:
        """Before its first layout the list has no size, and Textual decides its
        scrollbar only once that layout has placed it: a list filled at start-up got its
        scrollbar in a second paint of its own, 8-16 ms after the first (the last byte of
        a cached start). Items taller than the whole terminal overflow whatever the list
        gets of it: the scrollbar is there from the first layout (a list that may or may
        not fit is left to Textual's layout, as before)."""
        if height > self.app.size.height:
            self.show_vertical_scrollbar = True

    def validate_cursor(self, cursor: int) -> int:
        return max(-1, min(cursor, self.item_count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_item(old)
        self.refresh_item(new)
        if new >= 0:
            self.scroll_to_item(new)
            self.on_highlight(new)

    def scroll_to_item(self, index: int) -> None:
        region = Region(0, index * self.ITEM_HEIGHT, 1, self.ITEM_HEIGHT)
        self.scroll_to_region(region, animate=False, immediate=True)

    def refresh_item(self, index: int) -> None:
        if 0 <= index < self.item_count:
            self.refresh_lines(index * self.ITEM_HEIGHT, self.ITEM_HEIGHT)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ITEM_HEIGHT - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.item_count - 1

    def action_page_down(self) -> None:
        self.cursor += self._page

    def action_page_up(self) -> None:
        self.cursor = max(0, self.cursor - self._page)

    def action_half_page_down(self) -> None:
        self.cursor += max(1, self._page // 2)

    def action_half_page_up(self) -> None:
        self.cursor = max(0, self.cursor - max(1, self._page // 2))

    def on_focus(self) -> None:
        self.refresh_item(self.cursor)

    def on_blur(self) -> None:
        self.refresh_item(self.cursor)

    # --- painting -----------------------------------------------------------------------

    _pass: tuple[Style, int, int] | None = None
    """While the lines are drawn: the list's style, its width and scroll (Textual works
    them out again each time they are asked: the ancestors' styles, the region from
    the compositor; half the cost of drawing a line, profiled)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's, with what every line needs worked out once (:attr:`_pass`)."""
        region = self.scrollable_content_region
        self._pass = (self.base_style, region.width, self.scroll_offset.y)
        self.begin_paint()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def begin_paint(self) -> None:
        """Lines are about to be drawn: what a subclass works out once for all of them."""

    def render_line(self, y: int) -> Strip:
        if self._pass is None:
            base, width = self.base_style, self.scrollable_content_region.width
            top = self.scroll_offset.y
        else:
            base, width, top = self._pass
        line = y + top
        index, row = divmod(line, self.ITEM_HEIGHT)
        if not 0 <= index < self.item_count:
            said = _wrapped(self.empty_text, width - 2) if not self.item_count else ()
            if line < len(said):  # plain text: typed words and all, never markup
                return Strip([Segment(f" {said[line]}", base)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index == self.cursor and self.CURSOR_CLASS:
            name = self.CURSOR_CLASS if self.has_focus else self.CURRENT_CLASS
            base += self.component_style(name)
        return self.render_item_line(index, row, width, base).adjust_cell_length(width, base)


@lru_cache(maxsize=8)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` characters (the empty list's words)."""
    return tuple(wrap(text, max(width, 10))) if text else ()


def ellipsize(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, with "…" when cut (a line of a list;
    "..." on the linux console: tui/ui/glyphs.py)."""
    if cell_len(text) <= width:
        return text
    ellipsis = chosen().ellipsis
    if cell_len(ellipsis) >= width:
        ellipsis = ellipsis[:1]
    return set_cell_size(text, max(0, width - cell_len(ellipsis))).rstrip() + ellipsis
