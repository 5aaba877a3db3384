"""The screen and the panes' container draw one row and give it for all
(tui/ui/widgets/alike_rows.py): the rows are Textual's, and one strip, so the
compositor's cuts of it are made once; a border or padding is Textual's to draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widget import Widget

from tests.stories import linked_stories, write_stories
from tests.waiting import opened
from tui.ui.app import create_app
from tui.ui.widgets.alike_rows import AlikeRows


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def segments(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def textual_rows(widget: Widget, crop: Region) -> list[Strip]:
    return StylesCache().render_widget(widget, crop)


@pytest.mark.parametrize("no_color", [False, True])
async def test_rows_alike_are_textuals(
    folder: Path, no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = create_app([folder])
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
