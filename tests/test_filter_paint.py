"""What a letter typed in the filter paints: the echo and the list it leaves in one frame,
the list's lines and its title repainted, nothing laid out (unless the scrollbar comes
or goes), through Pilot on a real store."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.test_list_loading import SIZE, offline_app, rows, the_list
from tests.waiting import settle, until
from tui.ui.app import BelgaApp
from tui.ui.frames import FrameHold

pytestmark = pytest.mark.timeout(60)


def count_frames(app: BelgaApp, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the frames the app displays from now on (``[count]``)."""
    frames = [0]
    display = app._display

    def counting(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames[0] += 1
        display(screen, renderable)

    monkeypatch.setattr(app, "_display", counting)
    return frames


def count_layouts(app: BelgaApp, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the reader screen's layouts from now on (``[count]``)."""
    layouts = [0]
    screen = app.reader
    refresh_layout = screen._refresh_layout

    def counting(*args: Any, **kwargs: Any) -> None:
        layouts[0] += 1
        refresh_layout(*args, **kwargs)

    monkeypatch.setattr(screen, "_refresh_layout", counting)
    return layouts


async def test_a_letter_and_the_list_it_leaves_are_one_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The echo of the letter is held until the store's answer is shown (one frame, not
    two a frame apart); an answer that does not come in time does not hold it longer."""
    app = offline_app(tmp_path, 120)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane, story_list, whole = the_list(app)
        search = app.newsroom.search
        answer = threading.Event()
        asked: list[str] = []

        def waiting(words: str) -> set[str]:
            asked.append(words)
            answer.wait(5)
            return search(words)

        pane._search = waiting
        pane._hold = FrameHold(app, seconds=5)
        await pilot.press("slash")
        await settle(pilot)
        frames = count_frames(app, monkeypatch)
        await pilot.press("h")
        await until(pilot, lambda: asked == ["h"])
        await pilot.pause(0.1)
        assert frames == [0]  # the echo waits for the list
        answer.set()
        await until(pilot, lambda: "“h”" in str(pane.border_title))
        await settle(pilot)
        assert frames == [1]  # both in one
        assert len(story_list.stories) < len(whole)
        answer.clear()
        pane._hold = FrameHold(app, seconds=0.05)
        await pilot.press("a")
        await until(pilot, lambda: frames[0] == 2)  # the echo, the answer not in yet
        assert "“h”" in str(pane.border_title)
        answer.set()
        await until(pilot, lambda: "“ha”" in str(pane.border_title))
        await settle(pilot)
        assert app._batch_count == 0


async def test_typing_in_the_filter_lays_nothing_out_while_the_list_fills_the_pane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter that leaves more stories than the pane shows changes the lines, the
    title and the scrollbar's thumb: no layout of the screen (the virtual size's
    reactive, a Textual internal: this fails if a layout comes back). One that leaves
    fewer takes the scrollbar away: the lines then get its column (one layout)."""
    app = offline_app(tmp_path, 400)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, story_list, whole = the_list(app)
        await pilot.press("slash")
        await settle(pilot)
        layouts = count_layouts(app, monkeypatch)
        assert story_list.show_vertical_scrollbar
        width = story_list.scrollable_content_region.width
        bar = story_list.styles.scrollbar_size_vertical
        await pilot.press("h")
        await settle(pilot)
        count = len(story_list.stories)
        assert story_list.size.height < count < len(whole)
        assert layouts == [0]
        assert story_list.virtual_size.height == count
        assert story_list.vertical_scrollbar.window_virtual_size == count
        await pilot.press(*"arbour", "space", *"12")
        await settle(pilot)
        assert 0 < len(story_list.stories) < story_list.size.height
        assert not story_list.show_vertical_scrollbar
        assert layouts[0] >= 1
        assert story_list.scrollable_content_region.width == width + bar
        assert all(len(row) == width + bar for row in rows(app))
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert story_list.show_vertical_scrollbar
        assert story_list.scrollable_content_region.width == width
        assert len(story_list.stories) == len(whole)


async def test_fewer_stories_with_the_same_lines_on_screen_repaint_the_scrollbar_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter that leaves the lines on screen as they are (it took away stories
    further down) repaints none of them; one that leaves fewer lines than the screen
    shows repaints them (the lines gone are blank)."""
    app = offline_app(tmp_path, 400)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, story_list, whole = the_list(app)
        await settle(pilot)
        before = rows(app)
        refreshed: list[tuple[object, ...]] = []
        refresh = story_list.refresh

        def recording(*regions: Any, **options: Any) -> Any:
            refreshed.append(regions)
            return refresh(*regions, **options)

        widths = {"date_width": story_list._date_width, "source_width": story_list._source_width}
        with monkeypatch.context() as patched:
            patched.setattr(story_list, "refresh", recording)
            story_list.set_stories(whole[:300], **widths)  # as the filter gives them
        assert refreshed == []  # no line repainted
        await settle(pilot)
        assert story_list.vertical_scrollbar.window_virtual_size == 300
        assert rows(app) == before
        with monkeypatch.context() as patched:
            patched.setattr(story_list, "refresh", recording)
            story_list.set_stories(whole[:5], **widths)
        assert () in refreshed  # the whole list
        await settle(pilot)
        shown = rows(app)
        assert [row.split() for row in shown[:5]] == [row.split() for row in before[:5]]
        assert all(not row.strip() for row in shown[5:])
