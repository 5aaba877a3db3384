"""A story asked for from the list that cannot be fetched (a 404, the server gone) leaves
the reader in the list, not before an empty reading pane (tester report 3, item 7).

The reading pane took the focus as soon as Enter was pressed: at 80×24 the whole screen
was an empty, untitled box while the story was fetched, then a box "Link — could not be
opened" over it, and after Esc the empty pane stayed, one more q away from the list. As
offline (where the list keeps the focus and a notice names the story): the list keeps
the focus until the story is there; the box names it a story."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.feed_server import FeedServer
from tests.test_front_page_app import front_page_app, story_list
from tests.waiting import settle, until
from tui.core.model.listing import Entry
from tui.ui.app import BelgaApp
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer(copies=30) as newsroom:  # more than the first screenful fetched ahead
        yield newsroom


async def not_fetched_yet(pilot: Any, app: BelgaApp) -> tuple[StoryList, Entry]:
    """The front page listed, and its last story not fetched ahead."""
    await until(pilot, lambda: len(story_list(app).stories) > 20)
    await settle(pilot)
    listing = story_list(app)
    return listing, next(
        e for e in reversed(listing.stories) if app.newsroom.at_hand(e.key) is None
    )


async def test_a_story_from_the_list_that_cannot_be_fetched(
    server: FeedServer, tmp_path: Path
) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        listing, gone = await not_fetched_yet(pilot, app)
        del server.stories[gone.key.rstrip("/").rsplit("/", 1)[-1]]  # a 404 from now on
        listing.focus()
        assert listing.go_to(gone.key)
        await pilot.press("enter")
        assert app.reader.focused is listing  # no empty reading pane while it is fetched
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        box = app.screen.query_one("#external-box")
        assert str(box.border_title).startswith("Story — could not be opened")
        reason = str(app.screen.query_one("#external-reason", Static).render())
        assert "not found (404)" in reason
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is listing  # one Esc: back in the list
        assert app.reader.query_one(StoryView).prepared is None  # nothing was opened


async def test_a_story_fetched_from_the_list_takes_the_focus_when_it_comes(
    server: FeedServer, tmp_path: Path
) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        listing, wanted = await not_fetched_yet(pilot, app)
        listing.focus()
        assert listing.go_to(wanted.key)
        await pilot.press("enter")
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.prepared is not None)
        await settle(pilot)
        assert app.focused is view
        assert view.prepared is not None and view.prepared.story.key == wanted.key
