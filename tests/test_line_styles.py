"""The line panes' rows are framed (tui/ui/widgets/line_styles.py) as Textual's own
StylesCache frames them, segment for segment: borders, padding, the focus cue, zen,
themes, NO_COLOR, and the looks it leaves to Textual (a tint)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.strip import Strip

from tests.stories import linked_stories, write_stories
from tests.waiting import opened, settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.line_pane import LinePane
from tui.ui.widgets.line_styles import LineStyles


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def segments(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


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
        # What the pane paints through its own cache, as the frame does.
        pane._styles_cache.clear()
        assert segments(pane.render_lines(region)) == segments(textual), type(pane).__name__
        checked += 1
    return checked


@pytest.mark.parametrize("no_color", [False, True])
async def test_rows_are_framed_as_textual_frames_them(
    folder: Path, no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = create_app([folder])
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
