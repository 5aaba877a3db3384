"""The line panes' scrollbar (tui/ui/widgets/scrollbar.py) draws what Textual's draws,
cell for cell, drawn from its segments rather than through Rich's console."""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tests import drawn
from tests.drawn import segments
from tests.waiting import opened
from tui.ui.app import BelgaApp
from tui.ui.widgets.line_pane import LinePane
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.scrollbar import LineScrollBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

folder = drawn.folder  # the fixtures
both_colours = drawn.both_colours


def textual_draws(bar: ScrollBar) -> list[Strip]:
    """The rows as Textual's ScrollBar draws them (its styles cache, its Visual)."""
    bar._styles_cache.clear()
    bar._dirty_regions.add(bar.size.region)
    return ScrollBar.render_lines(bar, bar.size.region)


def check_panes(app: BelgaApp) -> int:
    checked = 0
    for pane in app.reader.query(LinePane):
        if not pane.display or not pane.show_vertical_scrollbar:
            continue
        bar = pane.vertical_scrollbar
        assert isinstance(bar, LineScrollBar) and bar.is_attached
        ours = bar.render_lines(bar.size.region)
        assert segments(ours) == segments(textual_draws(bar)), type(pane).__name__
        part = Region(0, 3, bar.size.width, 5)
        assert segments(bar.render_lines(part)) == segments(ours[3:8])
        checked += 1
    return checked


async def test_the_scrollbar_draws_what_textuals_draws(both_colours: BelgaApp) -> None:
    app = both_colours
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        assert view.virtual_size.height > view.size.height  # a thumb to draw
        checked = check_panes(app)
        for keys in ("j", "space", "space", "G"):
            await pilot.press(keys)
            await pilot.pause()
            checked += check_panes(app)
        await pilot.press("l", "j", "j", "j")  # the sidebar's own
        await pilot.pause()
        checked += check_panes(app)
        await pilot.press("q", "q")  # the list's
        await pilot.pause()
        checked += check_panes(app)
        app.theme = "nord"
        await pilot.pause()
        checked += check_panes(app)
        assert checked >= 8
        assert isinstance(app.reader.query_one(StoryList).vertical_scrollbar, LineScrollBar)
        assert isinstance(app.reader.query_one(RelatedLinks).vertical_scrollbar, LineScrollBar)
