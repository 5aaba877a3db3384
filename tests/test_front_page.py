"""fetch_front_page, client.get and client.refresh_story against a real local newsroom."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime

import pytest

from tests.feed_server import CHILD_SITEMAPS, GONE_SITEMAP, FeedServer
from tests.newsroom_server import HUGE_BYTES
from tui.core.config.limits import FetchSettings
from tui.core.net.client import FetchError, FetchErrorKind, NewsroomClient, Validators
from tui.core.net.front_page import SITEMAP_PATH, fetch_front_page

pytestmark = pytest.mark.timeout(10)

LIMIT = 256 * 1024


def fast_settings(newsroom: str) -> FetchSettings:
    return FetchSettings(
        newsroom=newsroom,
        connect_timeout=0.5,
        read_timeout=0.5,
        backoff=0.01,
        max_response_bytes=LIMIT,
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feed_server:
        yield feed_server


@pytest.fixture
async def client(server: FeedServer) -> AsyncIterator[NewsroomClient]:
    async with NewsroomClient(fast_settings(server.url)) as newsroom_client:
        yield newsroom_client


def story_urls(server: FeedServer) -> set[str]:
    return {doc["url"] for doc in server.documents()}


def assert_newest_first(dates: list[datetime | None]) -> None:
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)


# The feed --------------------------------------------------------------------------


async def test_the_feed_lists_every_story(client: NewsroomClient, server: FeedServer) -> None:
    page = await fetch_front_page(client)
    assert page.source == "feed"
    assert not page.not_modified
    assert {entry.url for entry in page.entries} == story_urls(server)
    first = page.entries[0]
    assert first.url == server.story_url("defence-turkey")
    assert first.published_at == datetime(2026, 5, 13, 17, 23)  # newsroom local time
    assert first.title.startswith("Belgian defence industry")
    assert_newest_first([entry.published_at for entry in page.entries])
    assert page.validators is not None and page.validators.etag
    assert server.paths() == ["/feed"]


async def test_an_unchanged_feed_is_not_downloaded_again(
    client: NewsroomClient, server: FeedServer
) -> None:
    first = await fetch_front_page(client)
    server.clear_log()
    again = await fetch_front_page(client, first.validators)
    assert again.not_modified
    assert again.entries == []
    assert again.source == "feed"
    assert again.validators == first.validators
    (request,) = server.requests
    assert request.headers["If-None-Match"] == first.validators.etag  # type: ignore[union-attr]
    assert server.wait_finished("/feed").bytes_sent == 0


async def test_a_last_modified_date_alone_is_enough(client: NewsroomClient) -> None:
    first = await fetch_front_page(client)
    assert first.validators is not None
    page = await fetch_front_page(client, Validators(last_modified=first.validators.last_modified))
    assert page.not_modified


async def test_a_stale_etag_gets_the_whole_feed(client: NewsroomClient) -> None:
    page = await fetch_front_page(client, Validators(etag='"stale"'))
    assert not page.not_modified
    assert page.entries


async def test_an_atom_feed_with_relative_links(client: NewsroomClient, server: FeedServer) -> None:
    server.feed = "atom"
    page = await fetch_front_page(client)
    assert page.source == "feed"
    assert {entry.url for entry in page.entries} == story_urls(server)


async def test_markup_and_escape_sequences_never_reach_the_titles(
    client: NewsroomClient, server: FeedServer
) -> None:
    server.feed = "html"
    page = await fetch_front_page(client)
    titles = sorted(entry.title for entry in page.entries)
    assert titles == ["Bold & italic news", "Red alert and a clear screen"]
    for entry in page.entries:
        text = entry.title + entry.summary
        assert "\x1b" not in text and "[31m" not in text and "<" not in text


# Falling back to the sitemap -------------------------------------------------------


@pytest.mark.parametrize("variant", ["missing", "empty", "malformed", "page", "huge"])
async def test_an_unusable_feed_falls_back_to_the_sitemap(
    client: NewsroomClient, server: FeedServer, variant: str
) -> None:
    server.feed = variant  # type: ignore[assignment]
    page = await fetch_front_page(client)
    assert page.source == "sitemap"
    assert page.validators is None
    assert {entry.url for entry in page.entries} == story_urls(server)  # no category pages
    assert_newest_first([entry.published_at for entry in page.entries])
    assert server.paths() == ["/feed", SITEMAP_PATH]


async def test_a_huge_feed_is_cut_off_at_the_limit(
    client: NewsroomClient, server: FeedServer
) -> None:
    server.feed = "huge"
    await fetch_front_page(client)
    assert server.wait_finished("/feed").bytes_sent < HUGE_BYTES // 4


async def test_sitemap_titles_come_from_the_slug(
    client: NewsroomClient, server: FeedServer
) -> None:
    server.feed = "missing"
    page = await fetch_front_page(client)
    titles = {entry.url: entry.title for entry in page.entries}
    assert titles[server.story_url("small-one")] == "Small one"


async def test_a_sitemap_index_is_followed_one_level(
    client: NewsroomClient, server: FeedServer
) -> None:
    server.feed = "missing"
    server.sitemap = "index"
    page = await fetch_front_page(client)
    assert page.source == "sitemap"
    assert {entry.url for entry in page.entries} == story_urls(server)
    assert sorted(server.paths()) == sorted(
        ["/feed", SITEMAP_PATH, *CHILD_SITEMAPS, GONE_SITEMAP]  # the gone one is tolerated
    )


async def test_an_entity_bomb_sitemap_is_refused(
    client: NewsroomClient, server: FeedServer
) -> None:
    server.feed = "missing"
    server.sitemap = "bomb"
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await fetch_front_page(client)
    assert time.monotonic() - started < 2
    assert caught.value.reason.startswith("refused")
    assert "feed: not found (404)" in caught.value.detail


async def test_no_feed_and_no_sitemap_is_an_error(
    client: NewsroomClient, server: FeedServer
) -> None:
    """The feed's failure is said first: the sitemap the site never had was (tester
    report 4: "…/sitemap.xml: not found (404) (feed: not a feed: 2:0: not well-formed)")."""
    server.feed = "empty"
    server.sitemap = "missing"
    with pytest.raises(FetchError) as caught:
        await fetch_front_page(client)
    assert caught.value.kind is FetchErrorKind.NOT_A_STORY
    assert caught.value.message == (
        f"{server.url}/feed: the feed lists no stories (no sitemap (/sitemap.xml) to stand in)"
    )
    server.feed = "malformed"
    with pytest.raises(FetchError) as caught:
        await fetch_front_page(client)
    assert caught.value.url == f"{server.url}/feed"
    assert caught.value.reason.startswith("not a feed: ")


async def test_a_site_with_neither_feed_nor_sitemap_is_asked_whether_it_is_a_newsroom(
    client: NewsroomClient, server: FeedServer
) -> None:
    """Tester report 3: a plain web server given as the newsroom said "not found (404)
    (feed: not found (404))" of the site, which answers: what is missing is said."""
    server.feed = "missing"
    server.sitemap = "missing"
    with pytest.raises(FetchError) as caught:
        await fetch_front_page(client)
    assert caught.value.kind is FetchErrorKind.NOT_FOUND
    assert caught.value.message == (
        f"{server.url}: no feed (/feed) or sitemap (/sitemap.xml) there: is it a Prezly newsroom?"
    )


async def test_an_unreachable_newsroom_is_not_asked_twice() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with NewsroomClient(fast_settings(f"http://127.0.0.1:{port}")) as client:
        with pytest.raises(FetchError) as caught:
            await fetch_front_page(client)
    assert caught.value.kind is FetchErrorKind.CONNECTION_FAILED
    assert caught.value.url.endswith("/feed")


# The client's conditional requests --------------------------------------------------


async def test_get_is_conditional_and_checks_trust(
    client: NewsroomClient, server: FeedServer
) -> None:
    answer = await client.get(server.feed_url)
    assert answer is not None and answer.body.startswith(b"<?xml")
    assert answer.content_type == "application/rss+xml"
    assert await client.get(server.feed_url, answer.validators) is None
    with pytest.raises(FetchError) as caught:
        await client.get("https://elsewhere.example/feed")
    assert caught.value.kind is FetchErrorKind.UNTRUSTED_HOST
    with pytest.raises(FetchError) as caught:
        await client.get(server.url + "/nothing-here")
    assert caught.value.kind is FetchErrorKind.NOT_FOUND


async def test_refresh_story_answers_none_when_unchanged(
    client: NewsroomClient, server: FeedServer
) -> None:
    url = server.story_url("small-one")
    story = await client.fetch_story(url)
    server.clear_log()
    assert await client.refresh_story(url, client.validators(url)) is None
    assert server.wait_finished("/small-one.json").bytes_sent == 0
    assert story.title == "Small story 1"


async def test_refresh_story_brings_the_changed_story(
    client: NewsroomClient, server: FeedServer
) -> None:
    url = server.story_url("small-two")
    old = await client.fetch_story(url)
    server.stories["small-two"] = {**server.stories["small-two"], "title": "Small story, new"}
    fresh = await client.refresh_story(url, client.validators(url))
    assert fresh is not None and fresh.title == "Small story, new"
    assert client.validators(url) != Validators() and fresh != old
    unconditional = await client.refresh_story(url, None)
    assert unconditional == fresh
