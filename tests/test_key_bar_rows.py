"""The key bar keeps the rows drawn for each line it shows (tui/ui/widgets/key_bar.py):
a line shown again is drawn as Textual draws it, from the rows kept; a theme draws anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.strip import Strip
from textual.widget import Widget

from tests.stories import linked_stories, write_stories
from tests.waiting import opened, settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def segments(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def textuals(widget: Widget) -> list[Strip]:
    """The bar's rows as Textual draws them now (its content made again)."""
    widget._dirty_regions.add(widget.size.region)
    return StylesCache().render_widget(widget, widget.size.region)


def check(app: BelgaApp) -> list[Strip]:
    bar = app.reader.query_one(KeyBar)
    rows = bar.render_lines(bar.size.region)
    assert segments(rows) == segments(textuals(bar))
    return rows


async def test_a_line_shown_again_is_textuals_from_the_rows_kept(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        on_list = check(app)
        await opened(pilot)
        on_story = check(app)
        assert segments(on_story) != segments(on_list)
        app.reader.query_one(KeyBar).show_notice("Something said", timeout=None)
        await settle(pilot)
        said = check(app)
        assert "Something said" in "".join(segment.text for segment in said[0])
        app.reader.query_one(KeyBar).end_notice("Something said")
        await settle(pilot)
        again = check(app)
        assert again[0] is on_story[0]  # kept, not drawn again
        await pilot.press("q")  # back to the list
        await settle(pilot)
        assert check(app)[0] is on_list[0]
        app.theme = "textual-light"
        await settle(pilot)
        light = check(app)
        assert segments(light) != segments(on_list)
