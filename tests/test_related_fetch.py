"""Related links fetched from a real local newsroom while the user reads (Pilot)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.test_client import any_seconds
from tests.waiting import until
from tui.core.config.limits import FetchSettings
from tui.core.model.urls import canonical
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)

# Each fault, as a related link, and the reason its sidebar entry must give.
FAULTY_LINKS = {
    "fault-500": "server error (500)",
    "fault-forbidden": "HTTP 403",
    "fault-hang": "timed out after N s",  # both tries' wait, measured
    "fault-huge": "too large (over 1 MB)",
    "fault-huge-unsized": "too large (over 1 MB)",
    "fault-loop-a": "redirect loop",
    "fault-chain-1": "too many redirects",
    "fault-offsite": "redirect to another site (localhost)",
    "fault-html": "not a story",
    "fault-binary": "not a story",
    "fault-invalid": "not a story",
    "fault-latin1": "not a story",
    "fault-truncated": "connection closed mid-answer",
    "nowhere-to-be-found": "not found (404)",
}


def settings(server: NewsroomServer) -> FetchSettings:
    return FetchSettings(
        newsroom=server.url,
        connect_timeout=0.5,
        read_timeout=0.5,
        backoff=0.01,
        max_response_bytes=1024 * 1024,
    )


@pytest.fixture
def server() -> Iterator[NewsroomServer]:
    with NewsroomServer(hang_seconds=5) as newsroom:
        base = newsroom.url
        newsroom.stories["faulty"] = small_story(
            base, "faulty", "Faulty links", tuple(FAULTY_LINKS)
        )
        newsroom.stories["twenty"] = small_story(
            base, "twenty", "Twenty links", tuple(f"defence-copy-{n}" for n in range(1, 21))
        )
        yield newsroom


def app_for(server: NewsroomServer, slug: str) -> BelgaApp:
    return create_app(urls=[server.story_url(slug)], settings=settings(server))


def sidebar(app: BelgaApp) -> RelatedLinks:
    return app.reader.query_one(RelatedLinks)


def view(app: BelgaApp) -> StoryView:
    return app.reader.query_one(StoryView)


def settled(app: BelgaApp) -> bool:
    states = {LinkState.WAITING, LinkState.LOADING}
    entries = sidebar(app).entries
    return bool(entries) and all(e.state not in states for e in entries)


def titles(entries: list[RelatedEntry]) -> list[str]:
    return [e.story.title if e.story else "?" for e in entries]


async def test_open_related_stories_inline_deeper_and_back(server: NewsroomServer) -> None:
    app = app_for(server, "small-one")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app))
        assert view(app).text.startswith("Small story 1")
        assert titles(sidebar(app).entries) == ["Small story 2", "Small story 3"]
        assert all(e.state is LinkState.AVAILABLE for e in sidebar(app).entries)
        fetched = server.count()
        sidebar(app).focus()
        await pilot.press("enter")  # Small story 2, inline
        await until(pilot, lambda: view(app).text.startswith("Small story 2"))
        await until(pilot, lambda: settled(app))
        assert titles(sidebar(app).entries) == ["Small story 1", "Small story 3"]
        assert server.count() == fetched  # already fetched: opening cost no request
        await pilot.press("j", "enter")  # deeper: Small story 3
        await until(pilot, lambda: view(app).text.startswith("Small story 3"))
        await pilot.press("H")
        await until(pilot, lambda: view(app).text.startswith("Small story 2"))
        await pilot.press("H")
        await until(pilot, lambda: view(app).text.startswith("Small story 1"))
        await pilot.press("L")
        await until(pilot, lambda: view(app).text.startswith("Small story 2"))
        assert server.count() == fetched


async def test_every_fault_gives_its_message_and_the_app_lives(server: NewsroomServer) -> None:
    app = app_for(server, "faulty")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app), timeout=30)
        reasons = {
            e.link.url.rsplit("/", 1)[1]: any_seconds(e.reason) for e in sidebar(app).entries
        }
        assert reasons == FAULTY_LINKS
        assert all(e.state is LinkState.FAILED for e in sidebar(app).entries)
        shown = "\n".join(sidebar(app).entry_text(i) for i in range(len(sidebar(app).entries)))
        assert "✗ not found (404)" in shown and "✗ server error (500)" in shown
        await pilot.press("tab", "j")  # still answering
        assert view(app).text.startswith("Faulty links")


async def test_a_link_that_moved_is_listed_with_its_date_and_first_line(
    server: NewsroomServer,
) -> None:
    """A link whose JSON twin redirects to another story's page (a story that moved)
    was read from that page: its entry said "✓" with no date nor first line (tester
    report 3). Its entry is that story's, as the story's own link gives it."""
    server.stories["mover"] = small_story(server.url, "mover", "Moving", ("fault-moved",))
    server.stories["direct"] = small_story(server.url, "direct", "Direct", ("small-one",))

    async def listed(slug: str) -> str:
        app = app_for(server, slug)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: settled(app))
            (entry,) = sidebar(app).entries
            assert entry.state is LinkState.AVAILABLE
            return sidebar(app).entry_text(0).split("\n", 1)[1]

    moved, direct = await listed("mover"), await listed("direct")
    assert moved == direct and "✓" in moved, (moved, direct)


async def test_retry_a_failed_link(server: NewsroomServer) -> None:
    missing = server.stories.pop("small-three")
    app = app_for(server, "small-one")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app))
        entry = sidebar(app).entries[1]
        assert (entry.state, entry.reason) == (LinkState.FAILED, "not found (404)")
        server.stories["small-three"] = missing  # the newsroom publishes it after all
        sidebar(app).focus()
        await pilot.press("j", "r")
        await until(pilot, lambda: settled(app))
        assert entry.state is LinkState.AVAILABLE
        assert entry.story is not None and entry.story.title == "Small story 3"
        await pilot.press("enter")
        await until(pilot, lambda: view(app).text.startswith("Small story 3"))


async def test_open_a_link_while_it_is_still_loading(server: NewsroomServer) -> None:
    twenty = server.story_url("twenty")
    app = create_app(urls=[server.story_url("small-one"), twenty], settings=settings(server))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: view(app).text.startswith("Small story 1"))
        await until(pilot, lambda: settled(app))
        server.delay = 0.4
        # Move to a story whose links are not fetched yet, then open its first at once.
        app.reader.open_story(app.newsroom.at_hand(twenty))  # type: ignore[arg-type]
        await until(pilot, lambda: len(sidebar(app).entries) == 20)
        first = sidebar(app).entries[0]
        assert first.link.url == server.story_url("defence-copy-1")
        sidebar(app).focus()
        await pilot.press("g")
        assert first.state in (LinkState.WAITING, LinkState.LOADING)  # really still loading
        await pilot.press("enter")
        await until(pilot, lambda: "(copy 1)" in view(app).text[:200], timeout=10)
        # Opening it waited for the sidebar's fetch of it: one request, not two.
        assert server.count("/defence-copy-1.json") == 1


async def test_moving_on_cancels_fetches_nobody_needs(server: NewsroomServer) -> None:
    server.delay = 0.3
    app = app_for(server, "twenty")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: view(app).text.startswith("Twenty links"))
        await until(pilot, lambda: len(sidebar(app).entries) == 20)
        old_entries = list(sidebar(app).entries)
        assert len(old_entries) == 20
        await until(pilot, lambda: any(e.state is LinkState.LOADING for e in old_entries))
        # Keys answer while 20 slow links load.
        view(app).focus()
        await pilot.press("j")
        assert view(app).scroll_y == 1 or view(app).max_scroll_y == 0
        # Open another story: the twenty fetches are cancelled, the sidebar is the new one's.
        server.delay = 0.0
        app.reader._fetch_story(sidebar(app).entries[0].link)
        await until(pilot, lambda: "(copy 1)" in view(app).text[:200])
        await until(pilot, lambda: settled(app))
        assert all(e not in old_entries for e in sidebar(app).entries)
        await pilot.pause(0.1)
        pending = set(app.client._pending)
        assert not any(f"defence-copy-{n}" in url for n in range(5, 21) for url in pending)
        unfinished = [e for e in old_entries if e.state in (LinkState.WAITING, LinkState.LOADING)]
        assert unfinished  # they were stopped, not finished
        assert server.count() < 2 + 20  # the 16 still waiting were never asked for


async def test_the_sidebar_requests_start_before_the_story_frame(server: NewsroomServer) -> None:
    """The related stories' requests are started as the sidebar lists them, in the same
    step as the story is shown (not a few steps later, after its paint): the frame shows
    them "loading", and new connections are not made after a paint."""
    app = create_app(settings=settings(server), urls=[])
    async with app.run_test(size=SIZE) as pilot:
        story = await app.reader.newsroom.story(server.story_url("twenty"))
        client = app.reader.newsroom.client
        assert client is not None and not client._pending
        server.delay = 0.3
        app.reader.open_story(story)  # no await between: nothing else has run
        links = [server.story_url(f"defence-copy-{n}") for n in range(1, 21)]
        assert {canonical(url) for url in links} <= set(client._pending)
        done = (LinkState.AVAILABLE, LinkState.FAILED)  # copies 11-20 are not served
        await until(pilot, lambda: all(e.state in done for e in sidebar(app).entries))
        assert sum(e.state is LinkState.AVAILABLE for e in sidebar(app).entries) == 10
        assert all(server.count(f"/defence-copy-{n}.json") == 1 for n in range(1, 11))


async def test_the_fetches_of_a_sidebar_left_at_once_stop(server: NewsroomServer) -> None:
    """A story left before its sidebar's fetches were waited for (J pressed again at
    once): they stop before any request, and do not hold back the next story's."""
    app = create_app(settings=settings(server), urls=[])
    async with app.run_test(size=SIZE) as pilot:
        first = await app.reader.newsroom.story(server.story_url("twenty"))
        second = await app.reader.newsroom.story(server.story_url("small-one"))
        app.reader.open_story(first)
        app.reader.open_story(second)  # at once: the first's fetches not yet waited for
        await until(
            pilot, lambda: all(e.state is LinkState.AVAILABLE for e in sidebar(app).entries)
        )
        await pilot.pause(0.2)
        assert [e.link.url for e in sidebar(app).entries] == [
            server.story_url("small-two"),
            server.story_url("small-three"),
        ]
        assert not any(server.count(f"/defence-copy-{n}.json") for n in range(1, 21))
        client = app.reader.newsroom.client
        assert client is not None and not client._pending
        shown = {canonical(e.link.url) for e in sidebar(app).entries}
        assert set(client._waiters) <= shown  # the shown sidebar's, until it changes


async def test_a_story_asked_for_holds_back_the_fetches_made_ahead(
    server: NewsroomServer,
) -> None:
    """From the moment another story is asked for until its sidebar is made, the old
    sidebar's fetches still waiting stay unasked: on a slow link the story asked for
    has the link to itself, and nothing is fetched that nobody will see (CI once failed
    ``test_moving_on_cancels_fetches_nobody_needs`` as the sixteen went out meanwhile)."""
    server.delay = 0.3
    app = app_for(server, "twenty")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(sidebar(app).entries) == 20)
        await until(pilot, lambda: any(e.state is LinkState.LOADING for e in sidebar(app).entries))
        # What goes out from now on is answered at once, but the story asked for takes
        # 0.4 s (the read timeout is 0.5 s).
        server.delay = 0.0
        server.path_delays["/defence-copy-9.json"] = 0.4
        entries = sidebar(app).entries
        waiting = {e.link.url for e in entries if e.state is LinkState.WAITING}
        asked_for = entries[8].link
        assert asked_for.url in waiting and len(waiting) >= 10
        app.reader._fetch_story(asked_for)
        await until(pilot, lambda: "(copy 9)" in view(app).text[:200], timeout=10)
        await pilot.pause(0.2)
        asked = {server.url + path.removesuffix(".json") for path in server.paths()}
        assert asked & waiting == {asked_for.url}
        # Once the new story is shown, fetching ahead goes on: back to the twenty links,
        # the ones never asked for are fetched now.
        twenty = app.newsroom.at_hand(server.story_url("twenty"))
        assert twenty is not None
        app.reader.open_story(twenty)
        await until(pilot, lambda: settled(app) and len(sidebar(app).entries) == 20, timeout=10)
        fetched = {p for p in server.paths() if p.startswith("/defence-") and p.endswith(".json")}
        assert fetched == {f"/defence-copy-{n}.json" for n in range(1, 21)}
