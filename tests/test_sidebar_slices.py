"""A story with many links lists them in the sidebar a slice at a time (Pilot, a real
local newsroom): the first entries at once, the rest made after, a slice at a time
(each entry is looked up in the store), listed together, in order, each fetched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.waiting import until
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens import sidebar as sidebar_module
from tui.ui.screens.sidebar import AT_ONCE, SidebarLinks
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)
MANY = AT_ONCE + 30


@pytest.fixture
def server() -> Iterator[NewsroomServer]:
    with NewsroomServer() as newsroom:
        base = newsroom.url
        slugs = tuple(f"linked-{n}" for n in range(1, MANY + 1))
        for n, slug in enumerate(slugs, 1):
            newsroom.stories[slug] = small_story(base, slug, f"Linked story {n}", ())
        newsroom.stories["many"] = small_story(base, "many", "Many links", slugs)
        newsroom.stories["few"] = small_story(base, "few", "Few links", ("linked-1",))
        yield newsroom


def app_for(server: NewsroomServer, *slugs: str) -> BelgaApp:
    settings = FetchSettings(newsroom=server.url, connect_timeout=2, read_timeout=2)
    return create_app(urls=[server.story_url(slug) for slug in slugs], settings=settings)


def sidebar(app: BelgaApp) -> RelatedLinks:
    return app.reader.query_one(RelatedLinks)


def settled(app: BelgaApp) -> bool:
    entries = sidebar(app).entries
    waiting = {LinkState.WAITING, LinkState.LOADING}
    return len(entries) == MANY and all(e.state not in waiting for e in entries)


async def test_the_first_entries_at_once_the_rest_in_slices(
    server: NewsroomServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[tuple[str, int, str]] = []
    show, add = RelatedLinks.show_entries, RelatedLinks.add_entries

    def showing(related: RelatedLinks, entries: list[RelatedEntry], **kwargs: Any) -> None:
        show(related, entries, **kwargs)
        listed.append(("show", len(entries), str(related.border_title)))

    def adding(related: RelatedLinks, entries: list[RelatedEntry]) -> None:
        add(related, entries)
        listed.append(("add", len(entries), str(related.border_title)))

    monkeypatch.setattr(RelatedLinks, "show_entries", showing)
    monkeypatch.setattr(RelatedLinks, "add_entries", adding)
    slices: list[int] = []
    fetch = SidebarLinks._fetch_waiting

    def fetching(screen: SidebarLinks, entries: list[RelatedEntry]) -> None:
        slices.append(len(entries))
        fetch(screen, entries)

    monkeypatch.setattr(SidebarLinks, "_fetch_waiting", fetching)
    monkeypatch.setattr(sidebar_module, "SLICE_SECONDS", 0)  # one entry a slice
    app = app_for(server, "many")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app), timeout=30)
        assert listed[0] == ("show", AT_ONCE, f"Related ({MANY})")  # all counted at once
        assert [kind for kind, _, _ in listed[1:]] == ["add"]  # the rest after, at once
        assert sum(count for _, count, _ in listed) == MANY
        assert slices == [AT_ONCE] + [1] * (MANY - AT_ONCE)  # a step of the loop each
        entries = sidebar(app).entries
        assert [e.link.number for e in entries] == list(range(1, MANY + 1))
        assert [e.story.title if e.story else "" for e in entries] == [
            f"Linked story {n}" for n in range(1, MANY + 1)
        ]
        assert all(e.state is LinkState.AVAILABLE for e in entries)  # each one fetched
        assert sidebar(app).virtual_size.height == MANY * RelatedLinks.ITEM_HEIGHT


async def test_back_to_the_story_the_cursor_is_where_it_was_left(
    server: NewsroomServer,
) -> None:
    """An entry after the first ones keeps the cursor: it is put back once listed."""
    app = app_for(server, "many")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app), timeout=30)
        sidebar(app).focus()
        await pilot.press("G")  # the last entry, listed after the first ones
        assert sidebar(app).cursor == MANY - 1
        await pilot.press("enter")  # its story, inline
        await until(pilot, lambda: "Linked story" in app.reader.query_one(StoryView).text[:40])
        await pilot.press("H")  # back
        await until(pilot, lambda: settled(app), timeout=30)
        assert sidebar(app).cursor == MANY - 1


async def test_the_same_links_shown_again_repaint_only_what_changed(
    server: NewsroomServer,
) -> None:
    """A long story's links are shown again once it is typeset (more of them known):
    the entries that look the same are not painted again, nor is the sidebar."""
    app = app_for(server, "many")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: settled(app), timeout=30)
        related = sidebar(app)
        entries = list(related.entries)
        painted = dict(related._painted)
        assert painted  # the entries on screen were painted
        related._repaint_regions.clear()
        related.show_entries([*entries[:-1], RelatedEntry(entries[-1].link, LinkState.FAILED)])
        assert related._painted == painted  # the same lines, not made again
        on_screen = related.scrollable_content_region.height
        assert all(region.y >= on_screen for region in related._repaint_regions)
        assert related.entry_text(MANY - 1).splitlines()[1].startswith("✗")
        await pilot.pause()
        # Another story's links: all painted anew.
        other = [RelatedEntry(entries[0].link, LinkState.REMOTE), *entries[1:]]
        related.show_entries(other)
        assert related._painted == {}
        assert related.entry_text(0).splitlines()[1].startswith("↗")
