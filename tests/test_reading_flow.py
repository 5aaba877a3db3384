"""The reading flow without detours (issue 11), through Pilot at 80×24 and 120×40: M asks
and u undoes, r says what it found, H keeps the sidebar's selection, y copies what is
selected, a failed link says its URL and why, help scrolls like the story, notices are
one line (the demo's offline paths: test_demo_offline.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.stories import HOST, linked_stories, story, write_stories
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def listing(app: BelgaApp) -> StoryList:
    return app.reader.query_one(StoryList)


def unread(app: BelgaApp) -> int:
    return sum(listing(app).is_unread(entry) for entry in listing(app).stories)


@pytest.mark.parametrize("size", SIZES)
async def test_mark_all_read_asks_first_and_u_undoes(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert unread(app) == 3
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing changes
        assert unread(app) == 3 and "Nothing marked." in app.notices[-1]
        await pilot.press("M", "y")
        assert unread(app) == 0 and "Marked 3 stories read." in app.notices[-1]
        await pilot.press("u")
        assert unread(app) == 3
        await pilot.press("m")  # one story read by hand, then undone
        assert unread(app) == 2
        await pilot.press("u")
        assert unread(app) == 3
        await pilot.press("u")
        assert "Nothing to undo." in app.notices[-1]


async def test_r_says_what_it_found_in_files(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.notices[-1] == "Nothing new."
        document = story("delta", "Delta story", "2026-11-21 09:00:00", "<p>New.</p>")
        write_stories(folder, {"delta": document})
        await pilot.press("r")
        await settle(pilot)
        assert app.notices[-1] == "1 new story."
        assert listing(app).stories[0].title == "Delta story"


@pytest.mark.parametrize("size", SIZES)
async def test_back_keeps_the_sidebar_selection(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        listing(app).go_to(f"{HOST}/alpha")
        await pilot.press("enter")
        await settle(pilot)
        sidebar = app.reader.query_one(RelatedLinks)
        await pilot.press("l", "j", "j")  # the sidebar, its third entry (gamma)
        assert sidebar.has_focus and sidebar.cursor == 2
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.query_one(StoryView).text.startswith("Gamma story")
        await pilot.press("H")
        await settle(pilot)
        assert app.reader.query_one(StoryView).text.startswith("Alpha story")
        assert sidebar.cursor == 2


@pytest.mark.parametrize("size", SIZES)
async def test_y_copies_what_is_selected(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")  # in the list: the highlighted story's address
        assert app.clipboard == f"{HOST}/beta"
        listing(app).go_to(f"{HOST}/alpha")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")  # in the story: its own address
        assert app.clipboard == f"{HOST}/alpha"
        await pilot.press("l", "j", "j", "y")  # in the sidebar: the selected link's
        assert app.clipboard == f"{HOST}/gamma"
        assert app.notices[-1] == f"Copied {HOST}/gamma"


@pytest.fixture
def server() -> Iterator[NewsroomServer]:
    with NewsroomServer() as newsroom:
        newsroom.stories["faulty"] = small_story(
            newsroom.url, "faulty", "Faulty links", ("fault-500",)
        )
        yield newsroom


@pytest.mark.parametrize("size", SIZES)
async def test_a_failed_link_shows_its_url_and_why_and_can_be_copied(
    server: NewsroomServer, size: tuple[int, int]
) -> None:
    settings = FetchSettings(newsroom=server.url, retries=0, backoff=0.01)
    app = create_app(urls=[server.story_url("faulty")], settings=settings)
    async with app.run_test(size=size) as pilot:
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: bool(sidebar.entries))
        await until(pilot, lambda: sidebar.entries[0].state is LinkState.FAILED)
        await pilot.press("l", "enter")
        assert isinstance(app.screen, ExternalLinkScreen)
        shown = " ".join(str(s.content) for s in app.screen.query(Static))
        assert server.story_url("fault-500") in shown and "server error (500)" in shown
        await pilot.press("y")
        assert app.clipboard == server.story_url("fault-500")
        # The story's own link (1), followed: the same screen after the fetch fails.
        await pilot.press("h", "1", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert "could not be opened" in str(app.screen.query_one("#external-box").border_title)


@pytest.mark.parametrize("size", SIZES)
async def test_help_scrolls_with_the_reading_keys(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        await pilot.press("space")
        assert body.scroll_y > 5
        await pilot.press("b")
        assert body.scroll_y == 0
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("g", "ctrl+d")
        assert 0 < body.scroll_y < body.max_scroll_y


@pytest.mark.parametrize("size", SIZES)
async def test_notices_are_one_line_in_the_status_line(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.notify("first line\nsecond line", title="Something", severity="error")
        await pilot.pause()
        bar = app.reader.query_one(KeyBar)
        assert bar.region.height == 1 and bar.region.y == size[1] - 1
        assert bar.render().plain.startswith(" Something: first line. second line")  # sentences
        assert not app.screen.query("Toast")  # no toast over the text


@pytest.mark.parametrize("size", [(60, 24), (80, 24), (120, 40)])
async def test_the_key_bar_never_ends_in_a_key_without_its_label(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bars = [app.reader.query_one(KeyBar).render().plain]
        await pilot.press("enter")
        await settle(pilot)
        bars.append(app.reader.query_one(KeyBar).render().plain)
        await pilot.press("l")
        bars.append(app.reader.query_one(KeyBar).render().plain)
    assert bars[0].rstrip().endswith("q Quit  ? Help")
    for bar in bars[1:]:
        assert bar.rstrip().endswith("q Back  ? Help"), bar
    for bar in bars:
        assert len(bar) <= size[0]
        # Whole items only: "key description", separated by two spaces.
        for item in bar.strip().split("  "):
            assert len(item.split(" ", 1)) == 2, (item, bar)
