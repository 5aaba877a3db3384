"""The focused pane's cue (tui/ui/focus_cue.py): its top edge and title in the accent,
the title in reverse video, set as the pane's own styles, and no restyle on a focus move
(it re-applied the reading pane's component classes and the list pane's subtree)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget

from tests.stories import linked_stories, write_stories
from tests.waiting import opened, settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_view import StoryView


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def accent(app: BelgaApp) -> Color:
    return Color.parse(app.get_css_variables()["accent"])


def cued(pane: Widget, app: BelgaApp) -> bool:
    """Whether ``pane`` shows the focused look: top edge and title in the accent, the
    title bold and reversed; its other edges as the stylesheet has them."""
    styles = pane.styles
    title = styles.border_title_style
    return (
        styles.border_top[1] == accent(app)
        and styles.border_title_color == accent(app)
        and bool(title.reverse and title.bold)
        and styles.border_bottom[1] != accent(app)
    )


def edge(pane: Widget) -> str:
    return pane.styles.border_top[0]


def panes(app: BelgaApp) -> tuple[Widget, Widget, Widget]:
    reader = app.reader
    return reader.query_one(ListPane), reader.query_one(StoryView), reader.query_one(RelatedLinks)


async def test_the_focused_pane_alone_is_cued(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(180, 40)) as pilot:  # wide: the three panes on screen
        await settle(pilot)
        list_pane, story, related = panes(app)
        assert [cued(p, app) for p in (list_pane, story, related)] == [True, False, False]
        for keys, expected in (("enter", 1), ("l", 2), ("h", 1), ("l", 2), ("q", 1), ("q", 0)):
            await pilot.press(keys)
            await pilot.pause()
            shown = [cued(p, app) for p in (list_pane, story, related)]
            assert shown == [i == expected for i in range(3)], keys
        # The filter in the list pane has the focus: the list pane is cued.
        await pilot.press("slash")
        await pilot.pause()
        assert [cued(p, app) for p in (list_pane, story, related)] == [True, False, False]
        # Another theme: the cue in its accent.
        before = accent(app)
        app.theme = "nord"
        await settle(pilot)
        assert accent(app) != before
        assert [cued(p, app) for p in (list_pane, story, related)] == [True, False, False]


async def test_a_focus_move_restyles_nothing(folder: Path) -> None:
    """Textual restyles a widget and all it holds when its focus changes
    (``Widget.watch_has_focus``), and the subtree of an ancestor with a ``:focus-within``
    rule: overridden (``QuietFocus``) and not used. Fails if Textual restyles again."""
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes: Iterable[object], animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, animate=animate)  # type: ignore[arg-type]

        app.stylesheet.update_nodes = counting  # type: ignore[method-assign]
        for keys in ("l", "h", "q", "enter", "tab", "shift+tab"):
            await pilot.press(keys)
            await pilot.pause()
        assert restyled == []
        assert cued(app.reader.query_one(StoryView), app)


async def test_zen_keeps_no_edge_and_gives_it_back(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        story = app.reader.query_one(StoryView)
        assert edge(story) == "round" and cued(story, app)
        await pilot.press("z")
        await pilot.pause()
        assert edge(story) == ""  # zen: no border, the focused one too
        assert story.content_region.y == 0  # the text on the first row
        await pilot.press("z")
        await pilot.pause()
        assert edge(story) == "round" and cued(story, app)
        assert story.content_region.y == 1  # laid out again under its top edge
