"""The list's filter, as the reader sees it (tester report 3, item 8): opening the
filter box took a row from the list and hid the selected story below the pane while one
typed; Esc, the key the filter names for clearing, did nothing on a filter kept with
Enter once back in the list (only q cleared it)."""

from __future__ import annotations

from pathlib import Path

from tests.stories import story, write_stories
from tests.waiting import settle
from tui.ui.app import create_app
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_list import StoryList


def many(folder: Path, count: int = 60) -> Path:
    return write_stories(
        folder,
        {
            f"s{n:02}": story(
                f"s{n:02}", f"Story number {n:02}", f"2026-11-{1 + n % 28:02} 09:00:00", "<p>x</p>"
            )
            for n in range(count)
        },
    )


async def test_opening_the_filter_keeps_the_selected_story_in_sight(tmp_path: Path) -> None:
    app = create_app([many(tmp_path / "stories")])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.reader.query_one(StoryList)
        listing.focus()
        rows = listing.scrollable_content_region.height
        await pilot.press(*["j"] * (rows - 1))  # the cursor on the last row in sight
        await settle(pilot)
        assert listing.cursor == rows - 1 and listing.scroll_y == 0
        await pilot.press("slash")
        await settle(pilot)
        top = int(listing.scroll_y)
        assert top <= listing.cursor < top + listing.scrollable_content_region.height


async def test_esc_in_the_list_clears_a_kept_filter(tmp_path: Path) -> None:
    app = create_app([many(tmp_path / "stories")])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.reader.query_one(StoryList)
        listing.focus()
        await pilot.press("slash", *"number 1", "enter")  # kept: back in the list
        await settle(pilot)
        assert app.focused is listing and len(listing.stories) < 60
        await pilot.press("escape")
        await settle(pilot)
        assert len(listing.stories) == 60
        assert not app.reader.query_one(ListPane).narrowed


async def test_the_saved_views_filter_counts_what_the_view_holds() -> None:
    """ "Saved: “zzz” (0 of 6)" in a view of 2 saved stories: counted all the stories."""
    from tui.cli import demo_folder

    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.query_one(StoryList).focus()
        await pilot.press("s", "j", "s", "S")
        await settle(pilot)
        pane = app.reader.query_one(ListPane)
        assert str(pane.border_title) == "Saved (2)"
        await pilot.press("slash", *"zzz")
        await settle(pilot)
        assert str(pane.border_title) == "Saved: “zzz” (0 of 2)"
