"""The screen and the panes' container draw one row and give it for all
(tui/ui/widgets/alike_rows.py): the rows are Textual's, and one strip, so the
compositor's cuts of it are made once; a border or padding is Textual's to draw."""

from __future__ import annotations

from pathlib import Path

from textual._styles_cache import StylesCache
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widget import Widget

from tests import drawn
from tests.drawn import segments
from tests.waiting import opened
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.alike_rows import AlikeRows

folder = drawn.folder  # the fixtures
both_colours = drawn.both_colours


def textual_rows(widget: Widget, crop: Region) -> list[Strip]:
    return StylesCache().render_widget(widget, crop)


async def test_rows_alike_are_textuals(both_colours: BelgaApp) -> None:
    app = both_colours
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        screen = app.reader
        panes = screen.query_one("#panes")
        for widget in screen, panes:
            assert isinstance(widget, AlikeRows)
            crop = widget.size.region
            rows = widget.render_lines(crop)
            assert segments(rows) == segments(textual_rows(widget, crop))
            assert len({id(row) for row in rows}) == 1  # one strip, cut once per set of cuts
            part = Region(3, 2, 50, 7)
            assert segments(widget.render_lines(part)) == segments(textual_rows(widget, part))


async def test_a_gutter_is_drawn_by_textual(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        panes = app.reader.query_one("#panes")
        panes.styles.padding = Spacing(1, 0, 1, 0)
        panes.styles.background = "red"
        await pilot.pause()
        crop = panes.size.region
        rows = panes.render_lines(crop)
        assert segments(rows) == segments(textual_rows(panes, crop))
        assert len({id(row) for row in rows}) > 1
