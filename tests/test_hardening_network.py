"""Hostile servers, for real on 127.0.0.1 (issue 10, items 7 and 13).

Trust is by origin (scheme, host and port), for redirects and for links in a story; a
``data:`` redirect is named and not asked again; a feed that was refused or too large
does not read "could not be reached"; a sitemap index of indexes says so.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feed_server import rss_feed, sitemap_index
from tests.hostile_server import HostileServer
from tests.stories import story, write_stories
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.net.client import FetchError, FetchErrorKind, NewsroomClient
from tui.core.net.front_page import fetch_front_page
from tui.ui.app import create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(30)
SIZE = (120, 40)


def settings(server: HostileServer, **more: object) -> FetchSettings:
    values: dict[str, object] = {
        "newsroom": server.url,
        "connect_timeout": 1,
        "read_timeout": 1,
        "backoff": 0.01,
        "max_response_bytes": 256 * 1024,
    }
    return FetchSettings(**{**values, **more})  # type: ignore[arg-type]


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer(copies=2) as newsroom:
        yield newsroom


@pytest.fixture
def other_port() -> Iterator[HostileServer]:
    """The same host (127.0.0.1), another port: another origin."""
    with HostileServer(copies=2) as other:
        yield other


# Trust by origin ----------------------------------------------------------------------


async def test_a_redirect_to_another_port_of_the_same_host_is_not_followed(
    server: HostileServer, other_port: HostileServer
) -> None:
    slug = next(iter(other_port.stories))
    server.redirect("/moved.json", f"{other_port.url}/{slug}.json")
    async with NewsroomClient(settings(server)) as client:
        with pytest.raises(FetchError) as caught:
            await client.fetch_story(f"{server.url}/moved")
    assert caught.value.kind is FetchErrorKind.UNTRUSTED_REDIRECT
    assert other_port.count() == 0


async def test_a_link_to_another_port_of_the_same_host_is_not_fetched(
    server: HostileServer, other_port: HostileServer
) -> None:
    slug = next(iter(other_port.stories))
    async with NewsroomClient(settings(server)) as client:
        assert client.can_fetch(f"{server.url}/{slug}")
        assert not client.can_fetch(f"{other_port.url}/{slug}")
        assert not client.can_fetch(f"https://127.0.0.1:{server.port}/{slug}")
        with pytest.raises(FetchError) as caught:
            await client.fetch_story(f"{other_port.url}/{slug}")
    assert caught.value.kind is FetchErrorKind.UNTRUSTED_HOST
    assert other_port.count() == 0


async def test_in_the_app_a_body_link_to_another_port_stays_external(
    server: HostileServer, other_port: HostileServer, tmp_path: Path
) -> None:
    slug = next(iter(other_port.stories))
    body = f'<p><a href="{other_port.url}/{slug}">elsewhere</a></p>'
    doc = story("a", "A story", "2026-11-20 09:00:00", body)
    doc["url"] = f"{server.url}/a"
    app = create_app([write_stories(tmp_path, {"a": doc})], settings=settings(server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the story
        await settle(pilot)
        (entry,) = app.reader.query_one(RelatedLinks).entries
        assert entry.state is LinkState.REMOTE
        await pilot.press("1", "enter")
        await settle(pilot)
    assert other_port.count() == 0


# data: redirects ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "location", ["data:text/plain,hello", "data:,x", "DATA:text/html;base64,PGI+"]
)
async def test_a_data_redirect_is_named_and_not_retried(
    server: HostileServer, location: str
) -> None:
    server.redirect("/x.json", location)
    async with NewsroomClient(settings(server)) as client:
        with pytest.raises(FetchError) as caught:
            await client.fetch_story(f"{server.url}/x")
    error = caught.value
    assert error.kind is FetchErrorKind.NOT_ALLOWED
    assert "data:" in error.message
    assert server.count("/x.json") == 1


# Messages that say what happened -------------------------------------------------------


async def test_a_sitemap_index_of_indexes_says_so(server: HostileServer) -> None:
    server.feed = "missing"
    server.serve(
        "/sitemap.xml",
        sitemap_index([(f"{server.url}/sitemaps/a.xml", "2026-01-01")]),
        "application/xml",
    )
    server.serve(
        "/sitemaps/a.xml",
        sitemap_index([(f"{server.url}/sitemaps/b.xml", "2026-01-01")]),
        "application/xml",
    )
    async with NewsroomClient(settings(server)) as client:
        with pytest.raises(FetchError) as caught:
            await fetch_front_page(client)
    assert "only other indexes" in caught.value.message


@pytest.mark.parametrize("feed", ["huge", "bomb"])
async def test_a_refused_or_oversized_feed_is_not_unreachable(
    server: HostileServer, tmp_path: Path, feed: str
) -> None:
    if feed == "bomb":
        server.serve("/feed", b"junk\n" + b'<!DOCTYPE r [<!ENTITY a "b">]><rss/>', "text/xml")
    else:
        server.feed = "huge"
    server.sitemap = "missing"
    app = create_app(settings=settings(server), store=tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = app.reader.query_one(StoryView).text
    assert "could not be reached" not in text
    assert "could not be read" in text
    assert ("too large" if feed == "huge" else "entities") in text


async def test_a_feed_in_an_odd_charset_is_listed_and_the_user_told(
    server: HostileServer, tmp_path: Path
) -> None:
    feed = rss_feed(server.documents()).replace(b'encoding="UTF-8"', b'encoding="punycode"')
    server.serve("/feed", feed, "application/rss+xml; charset=punycode")
    app = create_app(settings=settings(server), store=tmp_path / "belga.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.reader.all_entries) == len(server.documents())
        messages = list(app.notices)
    assert any("'punycode'" in message and "UTF-8" in message for message in messages)


def parse_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "belga-parse"]


async def test_keys_are_answered_and_q_quits_while_a_large_feed_parses(
    server: HostileServer, tmp_path: Path
) -> None:
    """40,000 items took 6.6 s on the event loop, q included; 15,000 show it here."""
    docs = server.documents()
    many = [
        {**docs[index % len(docs)], "url": f"{server.url}/story-{index}"} for index in range(40_000)
    ]
    server.serve("/feed", rss_feed(many), "application/rss+xml")
    app = create_app(
        settings=settings(server, max_response_bytes=16 * 1024 * 1024),
        store=tmp_path / "belga.sqlite3",
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(parse_threads()), timeout=20)
        await pilot.press("question_mark")  # answered while the feed is parsed
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        await until(pilot, lambda: app._exit, timeout=2)
        assert parse_threads(), "the parse ended before q: the test proves nothing"
