"""The line panes' rows are framed (tui/ui/widgets/line_styles.py) as Textual's own
StylesCache frames them, segment for segment: borders, padding, the focus cue, zen,
themes, NO_COLOR, and the looks it leaves to Textual (a tint)."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual._ansi_theme import DEFAULT_TERMINAL_THEME
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.filter import ANSIToTruecolor
from textual.geometry import Region

from tests import drawn
from tests.drawn import segments
from tests.waiting import opened, settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.line_pane import LinePane
from tui.ui.widgets.line_styles import LineStyles, _quick
from tui.ui.widgets.story_view import StoryView

folder = drawn.folder  # the fixtures
both_colours = drawn.both_colours


def check_panes(app: BelgaApp) -> int:
    """Every pane shown: its rows as ours frame them are Textual's; returns how many."""
    checked = 0
    for pane in app.reader.query(LinePane):
        if not pane.display or not pane.size:
            continue
        assert isinstance(pane._styles_cache, LineStyles)
        region = pane.size.region
        ours = LineStyles().render_widget(pane, region)
        textual = StylesCache().render_widget(pane, region)
        assert segments(ours) == segments(textual), type(pane).__name__
        assert [strip.cell_length for strip in ours] == [pane.size.width] * pane.size.height
        part = Region(3, 1, max(1, pane.size.width - 5), min(7, pane.size.height - 1))
        assert segments(LineStyles().render_widget(pane, part)) == segments(
            StylesCache().render_widget(pane, part)
        )
        # What the pane paints through its own cache, as the frame does.
        pane._styles_cache.clear()
        assert segments(pane.render_lines(region)) == segments(textual), type(pane).__name__
        checked += 1
    return checked


async def test_rows_are_framed_as_textual_frames_them(both_colours: BelgaApp) -> None:
    app = both_colours
    async with app.run_test(size=(120, 40)) as pilot:
        checked = check_panes(app)  # the list, focused
        await opened(pilot)
        checked += check_panes(app)  # the story, focused, and the sidebar
        await pilot.press("l")  # the sidebar focused: the cue moves
        await settle(pilot)
        checked += check_panes(app)
        await pilot.press("h", "z")  # zen: no border, wider padding
        await settle(pilot)
        checked += check_panes(app)
        await pilot.press("z")
        app.theme = "textual-light"
        await settle(pilot)
        checked += check_panes(app)
        assert checked >= 8


async def test_looks_it_does_not_frame_are_textuals(folder: Path) -> None:
    """A tint, an outline: the frame is not made, Textual draws the rows."""
    app = create_app([folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        panes = [pane for pane in app.reader.query(LinePane) if pane.display]
        panes[0].styles.tint = Color(200, 0, 0, 0.3)
        panes[-1].styles.outline = ("heavy", Color(0, 200, 0))
        await settle(pilot)
        for pane in panes[0], panes[-1]:
            styles = LineStyles()
            assert styles._framing(pane.styles, Color(0, 0, 0), Color(0, 0, 0), None) is None
        assert check_panes(app) >= 2


def test_the_quick_truecolor_filter_gives_textuals_rows() -> None:
    """Rows belga draws (truecolour) come back as they are; any with an ANSI colour, a
    dim style or a control code are Textual's filter's."""
    textual = ANSIToTruecolor(DEFAULT_TERMINAL_THEME)
    quick = _quick(textual)
    assert quick is _quick(textual) and quick is not textual
    background = Color(30, 30, 40)
    rows = [
        [Segment("plain", None), Segment("true", RichStyle(color="#102030", bgcolor="#000010"))],
        [Segment("bold", RichStyle(bold=True, color="#ffffff")), Segment(" ", RichStyle())],
        [Segment("ansi", RichStyle(color="red"))],
        [Segment("ansi bg", RichStyle(bgcolor="blue"))],
        [Segment("dim", RichStyle(dim=True, color="#808080"))],
        [Segment("dim, no colour", RichStyle(dim=True))],
        [Segment("control", None, [(1,)])],  # type: ignore[list-item]
    ]
    given_back = 0
    for row in rows:
        assert quick.apply(row, background) == textual.apply(row, background)
        given_back += quick.apply(row, background) is row
    assert given_back == 3


async def test_component_styles_kept_are_textuals(folder: Path) -> None:
    """Kept across repaints (Textual forgets its own at each), made again when the
    styles change: a theme."""

    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        names = ["story-view--link", "story-view--title", "story-view--meta"]
        kept = [view.component_style(name) for name in names]
        view.refresh()
        assert [view.component_style(name) for name in names] == kept
        assert all(
            view.component_style(name) is style for name, style in zip(names, kept, strict=True)
        )
        for theme in ("textual-light", "nord"):
            app.theme = theme
            await settle(pilot)
            fresh = [view.get_component_rich_style(name) for name in names]
            assert [view.component_style(name) for name in names] == fresh
            for name in names:
                partial = view.get_component_rich_style(name, partial=True)
                if view.get_component_styles(name).auto_color:
                    # An auto colour ($text-muted) as Textual's full style has it (its
                    # partial one gives white whatever the background).
                    full = view.get_component_rich_style(name)
                    assert view.component_style(name, partial=True) == partial + RichStyle(
                        color=full.color
                    )
                else:
                    assert view.component_style(name, partial=True) == partial
        assert [view.component_style(name) for name in names] != kept
