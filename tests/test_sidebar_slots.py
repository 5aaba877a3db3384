"""The sidebar's fetches never hold the story the reader asks for (tester report 3,
item 4). A story links to 8 stories whose server takes 3 s and to one that answers at
once; the reader opens that one by its number while the sidebar fetches: the sidebar's
requests were the reader's own (started outside ``fetching_ahead``), held all 6 slots,
and the story asked for went out only when they ended, or (with a deadline that counted
the wait for a slot) failed as "timed out" without ever being asked for, as did the
sidebar's links never requested. A real newsroom on 127.0.0.1, the app through Pilot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.waiting import until
from tui.core.config.limits import FetchSettings
from tui.core.model.urls import json_url, path_of
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SLOW = tuple(f"fault-slow-{n}" for n in range(8))


@pytest.fixture
def server() -> Iterator[NewsroomServer]:
    with NewsroomServer(slow_seconds=3) as newsroom:
        newsroom.stories["waits"] = small_story(
            newsroom.url, "waits", "Waits", (*SLOW, "small-two")
        )
        yield newsroom


def app_for(server: NewsroomServer, story_timeout: float) -> BelgaApp:
    settings = FetchSettings(
        newsroom=server.url, read_timeout=10, backoff=0.01, story_timeout=story_timeout
    )
    return create_app(urls=[server.story_url("waits")], settings=settings)


async def test_the_story_asked_for_goes_out_at_once_whatever_the_sidebar_does(
    server: NewsroomServer,
) -> None:
    app = app_for(server, story_timeout=15)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.reader.query_one(StoryView)
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: view.text.startswith("Waits") and len(sidebar.entries) == 9)
        await until(pilot, lambda: server.count() >= 6)  # the sidebar's fetches are out
        assert sidebar.entries[8].link.number == 9
        view.focus()
        await pilot.press("9", "enter")  # [9] Small story 2, which answers at once
        await until(pilot, lambda: server.count("/small-two.json") == 1, timeout=2)
        await until(pilot, lambda: view.text.startswith("Small story 2"), timeout=2)
        assert not any("Could not open" in notice for notice in app.notices)


async def test_a_link_never_requested_is_never_said_to_have_timed_out(
    server: NewsroomServer,
) -> None:
    app = app_for(server, story_timeout=1)  # the slow links time out, 5 at a time
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: len(sidebar.entries) == 9)
        await until(
            pilot,
            lambda: (
                all(e.state is not LinkState.WAITING for e in sidebar.entries)
                and all(e.state is not LinkState.LOADING for e in sidebar.entries)
            ),
            timeout=20,
        )
        for entry in sidebar.entries:
            path = path_of(json_url(entry.link.url))
            if entry.state is LinkState.FAILED:
                assert server.count(path) >= 1, (entry.link.url, entry.reason)
        failed = [e for e in sidebar.entries if e.state is LinkState.FAILED]
        assert len(failed) == 8 and all(e.reason == "timed out after 1 s" for e in failed)
        assert sidebar.entries[8].state is LinkState.AVAILABLE
