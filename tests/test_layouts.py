"""Pane arrangements at 80×24, 120×40 and 200×60 (and narrower), through keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def shown(app: BelgaApp) -> list[str]:
    """The panes on screen, left to right."""
    panes: list[Widget] = [
        app.reader.query_one(ListPane),
        app.reader.query_one(StoryView),
        app.reader.query_one(RelatedLinks),
    ]
    visible = [pane for pane in panes if pane.display and pane.region.width > 0]
    return [str(pane.id) for pane in sorted(visible, key=lambda pane: pane.region.x)]


def assert_tidy(app: BelgaApp) -> None:
    """Panes inside the screen, none overlapping another."""
    screen = app.screen.region
    regions = [app.reader.query_one(f"#{name}").region for name in shown(app)]
    for index, region in enumerate(regions):
        assert screen.contains_region(region), region
        for other in regions[index + 1 :]:
            assert not region.overlaps(other), (region, other)


async def test_wide_terminals_show_three_panes(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert shown(app) == ["list-pane", "reader", "related"]
        assert_tidy(app)
        list_pane = app.reader.query_one(ListPane)
        assert list_pane.region.width == 72  # [ui] list_width: 60+ characters of title
        view = app.reader.query_one(StoryView)
        assert view.scrollable_content_region.width >= 80


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_list_first_below_the_split_width(folder: Path, size: tuple[int, int]) -> None:
    """Where the list and the story cannot both be read side by side, the list takes the
    whole width, the story opens over it, and q or h returns to the list."""
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert shown(app) == ["list-pane"]
        assert app.reader.query_one(ListPane).region.width == size[0]
        await pilot.press("enter")
        await settle(pilot)
        beside = ["reader", "related"] if size[0] >= 100 else ["reader"]
        assert shown(app) == beside
        assert app.reader.query_one(StoryView).has_focus
        assert_tidy(app)
        await pilot.press("q")
        assert shown(app) == ["list-pane"] and app.is_running
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h")
        assert shown(app) == ["list-pane"]
        assert app.reader.query_one(StoryList).has_focus


async def test_the_split_layout_and_the_list_width_keys(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert shown(app) == ["list-pane", "reader"]
        assert app.reader.query_one(ListPane).region.width == 72
        await pilot.press("less_than_sign")
        assert app.reader.query_one(ListPane).region.width == 68
        await pilot.press("tab", "l")  # to the sidebar: it takes the list's place
        assert shown(app) == ["reader", "related"]
        await pilot.press("q")  # back to the story, the sidebar beside it
        assert app.reader.query_one(StoryView).has_focus
        await pilot.press("q")
        assert shown(app) == ["list-pane", "reader"]
    narrow = create_app([folder], list_width=56)  # [ui] list_width
    async with narrow.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(narrow) == ["list-pane", "reader"]
        assert narrow.reader.query_one(ListPane).region.width == 56
        await pilot.press("greater_than_sign")  # the story no longer fits beside it
        assert shown(narrow) == ["list-pane"]


async def test_narrow_terminals_show_one_pane_at_a_time(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        assert shown(app) == ["list-pane"]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert shown(app) == ["reader"]
        assert app.reader.query_one(StoryView).text.startswith("Beta story")
        await pilot.press("l")
        assert shown(app) == ["related"]
        await pilot.press("h")
        assert shown(app) == ["reader"]
        await pilot.press("q")  # back to the list, not out of the app
        assert shown(app) == ["list-pane"]
        assert app.is_running
        assert_tidy(app)


async def test_zen_shows_only_the_story(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        assert shown(app) == ["reader"]
        assert app.reader.query_one(StoryView).has_focus
        await pilot.press("l")  # no pane to go to
        assert shown(app) == ["reader"]
        await pilot.press("q")
        assert shown(app) == ["list-pane", "reader", "related"]
        await pilot.press("q", "q")  # the story, then the list: q quits
        await pilot.pause()
        assert not app.is_running


async def test_resizing_between_layouts_keeps_the_reading_position(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "space", "space")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        block = view.top_block
        for size in [(70, 24), (80, 24), (200, 60), (120, 40)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert view.top_block == block, size
            assert_tidy(app)


async def test_every_key_is_a_command_in_the_palette(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.reader)]
        for expected in ["Quit", "List: Mark all read", "Story: Follow link", "Zen", "Back"]:
            assert expected in titles
        # belga's commands only, each once: no second Quit, no Textual theme or screenshot.
        assert titles.count("Quit") == 1 and len(titles) == len(set(titles))
        assert not {"Theme", "Screenshot", "Keys"} & set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mark all read")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # it asks first
        await pilot.press("y")
        await settle(pilot)
        listing = app.reader.query_one(StoryList)
        assert not any(listing.is_unread(entry) for entry in listing.stories)


async def test_no_animation_over_ssh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22")
    app = create_app([folder])
    async with app.run_test(size=(80, 24)):
        assert app.animation_level == "none"
    monkeypatch.delenv("SSH_CONNECTION")
    async with create_app([folder]).run_test(size=(80, 24)) as pilot:
        assert pilot.app.animation_level != "none"


async def test_the_reading_measure_is_the_configs(folder: Path) -> None:
    app = create_app([folder], measure=60)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        lines = [line for line in view.text.splitlines() if line.strip()]
        assert max(len(line) for line in lines) <= 60
        margin = view.scrollable_content_region.width - 60
        assert view.render_line(0).text.startswith(" " * (margin // 2))
        await pilot.press("tab", "ctrl+d")
        assert view.scroll_y == view.scrollable_content_region.height // 2
        await pilot.press("ctrl+u")
        assert view.scroll_y == 0


async def test_q_ends_a_search_before_it_quits(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        await pilot.press("tab", "slash", *"committee", "enter")
        assert "for 'committee'" in str(view.border_subtitle)
        await pilot.press("q")
        assert app.is_running and not view.border_subtitle
        await pilot.press("q")  # back to the list
        assert app.is_running and app.reader.query_one(StoryList).has_focus
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_tables_and_text_fit_a_small_terminal() -> None:
    from rich.cells import cell_len

    from tui.cli import demo_folder

    app = create_app([demo_folder()])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.reader.query_one(StoryList)
        listing.go_to(next(e for e in listing.stories if "Fibre" in e.title).key)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        width = view.scrollable_content_region.width
        lines = view.text.splitlines()
        assert any("Flanders" in line and "Wallonia" not in line for line in lines)
        assert any("│" in line or "─" in line for line in lines)  # the table is drawn
        assert all(cell_len(line) <= width for line in lines), width
        words = {word for line in lines for word in line.split()}
        assert "Wallonia" in words and "Brussels" in words  # names not cut mid-word


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (200, 60)])
async def test_a_gutter_between_the_text_and_the_scrollbar(
    folder: Path, size: tuple[int, int]
) -> None:
    """The scrollbar sits right of the text's last cell: that cell stays blank on every
    line, so a full line never touches it (tester report item 14)."""
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        rows = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any(row.strip() for row in rows)
        assert all(row[-1:] == " " for row in rows), [row for row in rows if row[-1:] != " "]
        full = max(len(row.rstrip()) for row in rows)
        assert full >= len(rows[0]) - 8  # the text does reach the right: the test can fail
