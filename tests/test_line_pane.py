"""The line panes' base style, worked out once per style change, is always the style
Textual would work out (tui/ui/widgets/line_pane.py): after focus moves, a theme, zen,
another layout."""

from __future__ import annotations

from pathlib import Path

from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.line_pane import LinePane


def stale(app: BelgaApp) -> list[str]:
    """The line panes whose kept base style is not the style Textual works out now."""
    panes = list(app.screen.query(LinePane))
    assert len(panes) >= 3  # the list, the reading pane, the sidebar
    for pane in panes:
        pane.base_style  # noqa: B018 - kept now, as a paint would
    return [type(pane).__name__ for pane in panes if pane.base_style != pane.rich_style]


async def test_the_base_style_follows_every_style_change(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert stale(app) == []
        for keys in (["enter"], ["l"], ["h"], ["z"], ["z"], ["q"], ["j"]):
            before = [pane.base_style for pane in app.screen.query(LinePane)]
            await pilot.press(*keys)
            await settle(pilot)
            assert stale(app) == [], keys
        theme = app.theme
        app.theme = "textual-light" if theme != "textual-light" else "nord"
        await settle(pilot)
        assert stale(app) == []
        assert [pane.base_style for pane in app.screen.query(LinePane)] != before
        await pilot.resize_terminal(200, 50)  # another layout: wide
        await settle(pilot)
        assert stale(app) == []
