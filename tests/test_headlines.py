"""Headlines first: rows that can be read, the selected one in full, and a reading flow
without detours (next and previous story, next unread, a link cursor), at 80×24 and
120×40 — through Pilot."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.stories import HOST, linked_stories, story, write_stories
from tests.waiting import opened, settle
from tui.core.model.dates import list_date
from tui.core.model.listing import Entry
from tui.ui.app import BelgaApp, create_app
from tui.ui.keys import RENAMED, user_keymap
from tui.ui.widgets.headline import Headline
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIZES = [(80, 24), (120, 40)]
LONG = (
    "Belgian government agrees on a multi-year defence spending path after weeks of "
    "talks between the coalition partners"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    stories = linked_stories()
    stories["long"] = story("long", LONG, "2026-11-21 09:00:00", "<p>Long.</p>")
    return write_stories(tmp_path / "stories", stories)


def listing(app: BelgaApp) -> StoryList:
    return app.reader.query_one(StoryList)


async def open_story(app: BelgaApp, pilot: Pilot[None], slug: str) -> None:
    """Enter on the list row of ``slug``, and wait until the story is shown."""
    listing(app).go_to(f"{HOST}/{slug}")
    await pilot.press("enter")
    await settle(pilot)


def row(app: BelgaApp, index: int) -> str:
    stories = listing(app)
    return stories.render_line(index - int(stories.scroll_y)).text


@pytest.mark.parametrize("size", SIZES)
async def test_rows_show_60_characters_of_title_and_a_date(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert listing(app).stories[0].title == LONG
        first = row(app, 0)
        assert LONG[:60] in first
        assert first.startswith("● ") and first.rstrip().endswith("21 Nov")
        # The whole title of the selected row, with its source, under the list.
        headline = app.reader.query_one(Headline)
        shown = " ".join(headline.text.split("\n"))  # its two lines
        assert shown.startswith(LONG) and "Test Desk" in shown
        assert headline.region.height == 2 and headline.region.width >= len(LONG) // 2
        # No horizontal scrollbar in the list.
        assert not listing(app).show_horizontal_scrollbar


async def test_the_source_column_where_the_title_keeps_its_60_columns(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Test Desk" in row(app, 0)
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Test Desk" not in row(app, 0)  # it would cut the title under 60


def test_the_date_column_says_the_time_for_today() -> None:
    now = datetime(2026, 11, 29, 15, 0)
    assert list_date(datetime(2026, 11, 29, 8, 5), now) == "08:05"
    assert list_date(datetime(2026, 11, 28, 8, 5), now) == "28 Nov"
    assert list_date(datetime(2025, 5, 13, 8, 5), now) == "May 2025"
    assert list_date(None, now) == ""


@pytest.mark.parametrize("size", SIZES)
async def test_the_cursor_covers_the_whole_row(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        stories = listing(app)
        line, other = stories.render_line(0), stories.render_line(1)
        assert line.cell_length == stories.scrollable_content_region.width
        cursor = {segment.style.bgcolor for segment in line if segment.style}
        assert len(cursor) == 1  # one background from the marker to the date
        assert cursor != {segment.style.bgcolor for segment in other if segment.style}


@pytest.mark.parametrize("size", SIZES)
async def test_next_previous_and_next_unread_from_the_story(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        assert view.text.startswith(LONG[:20])
        await pilot.press("J")
        await settle(pilot)
        assert view.has_focus and view.text.startswith("Alpha story")
        await pilot.press("K")
        await settle(pilot)
        assert view.text.startswith(LONG[:20])
        await pilot.press("n")  # the next unread: beta (alpha was read)
        await settle(pilot)
        assert view.text.startswith("Beta story")
        bar = app.reader.query_one(KeyBar).render().plain
        assert "J Next story" in bar and "n Next unread" in bar and "q Back" in bar
        await pilot.press("n", "n")  # gamma, then none is left
        await settle(pilot)
        assert view.text.startswith("Gamma story")
        assert "Every story in the list is read." in app.notices[-1]
        await pilot.press("J")
        assert "last story" in app.notices[-1]
        bar = app.reader.query_one(KeyBar).render().plain
        assert "last story" in bar and bar.rstrip().endswith("q Back  ? Help")


@pytest.mark.parametrize("size", SIZES)
async def test_tab_moves_a_link_cursor_that_enter_follows(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_story(app, pilot, "alpha")
        view = app.reader.query_one(StoryView)
        await pilot.press("tab")
        link = view.cursor_link
        assert link is not None and link.url == f"{HOST}/beta"
        assert f"[1] {HOST}/beta" in str(view.border_subtitle)
        await pilot.press("tab")
        assert view.cursor_link is not None and view.cursor_link.number == 2
        await pilot.press("shift+tab")
        assert view.cursor_link is not None and view.cursor_link.number == 1
        await pilot.press("enter")
        await settle(pilot)
        assert view.text.startswith("Beta story")


async def test_enter_without_a_link_cursor_puts_it_on_the_first_link(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_story(app, pilot, "alpha")
        view = app.reader.query_one(StoryView)
        await pilot.press("enter")
        assert view.cursor_link is not None and view.cursor_link.number == 1
        assert view.text.startswith("Alpha story")  # shown, not followed yet


@pytest.mark.parametrize("size", SIZES)
async def test_q_steps_back_one_level_and_capital_q_quits(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        assert app.reader.query_one(StoryView).has_focus
        await pilot.press("q")
        assert listing(app).has_focus and app.is_running
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("Q")
        await pilot.pause()
        assert not app.is_running


async def test_the_80_column_story_says_it_has_related_stories(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_story(app, pilot, "alpha")
        view = app.reader.query_one(StoryView)
        assert view.border_subtitle == "3 links: l"  # beta, gamma and the outside report
        await pilot.press("l")
        assert app.reader.shown_panes() == {"related"}
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:  # the sidebar is beside the story
        await settle(pilot)
        await open_story(app, pilot, "alpha")
        assert app.reader.query_one(StoryView).border_subtitle == ""


def test_old_binding_ids_still_work_with_a_notice() -> None:
    keymap, notes = user_keymap(BelgaApp, {"reader.down": "ctrl+n", "screen.zen": "Z"})
    assert keymap == {"story.down": "ctrl+n", "app.zen": "Z"}
    assert len(notes) == 1 and "reader.down → story.down" in notes[0]
    assert "still work" in notes[0]
    # The new name wins over the old one when both are given.
    keymap, _ = user_keymap(BelgaApp, {"story.down": "x", "reader.down": "y"})
    assert keymap == {"story.down": "x"}
    ids = {b for b in RENAMED.values()}
    from tui.ui.app import binding_ids

    assert ids <= binding_ids()  # every old id leads to a binding that exists


async def test_an_old_binding_id_in_the_config_remaps_the_key(folder: Path) -> None:
    app = create_app([folder], keys={"reader.down": "ctrl+n"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_story(app, pilot, "alpha")
        view = app.reader.query_one(StoryView)
        await pilot.press("ctrl+n")
        assert view.scroll_y == 1
        assert any("reader.down → story.down" in note for note in app.notices)


def test_entries_carry_their_source() -> None:
    entry = Entry("k", "t", source="Flanders News Service")
    assert entry.source == "Flanders News Service"


def test_list_width_and_mouse_come_from_the_config(tmp_path: Path) -> None:
    from tui.core.config.load import load_config

    path = tmp_path / "config.toml"
    path.write_text("[ui]\nlist_width = 56\nmouse = true\n")
    config, warnings = load_config(path)
    assert (config.ui.list_width, config.ui.mouse, warnings) == (56, True, [])
    path.write_text("[ui]\nlist_width = 5\n")
    config, warnings = load_config(path)
    assert config.ui.list_width == 72 and warnings  # out of bounds: the default, said


@pytest.mark.parametrize("size", SIZES)
async def test_l_on_the_list_opens_the_story_under_the_cursor(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await opened(pilot)  # the newest
        await pilot.press("q", "j", "l")  # back, down, and l: that one, not the last read
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        assert view.has_focus and view.text.startswith("Alpha story")
