"""Malformed URLs from outside (``http://[oops/``) never crash belga, now or on restart.

Issue 10, item 1: in a body link, a story's ``url`` or ``links[].url`` the URL raised
``ValueError: Invalid IPv6 URL``; kept in the cache, the story was auto-opened on every
later start, ``--offline`` included, and crashed each one. Here: the same story served by
a real local newsroom, kept in a real SQLite file, and started again from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.model.story import parse_story, parse_story_bytes
from tui.core.net.feed import FeedEntry, parse_feed, parse_sitemap
from tui.core.net.page import parse_story_page
from tui.core.render.render import render_story
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
BAD = "http://[oops/"
SIZE = (120, 40)


def bad_story(base: str, slug: str = "bad-links") -> dict[str, Any]:
    story = small_story(base, slug, "Bad links inside", ("small-two",))
    story["body"] += f'<p>See <a href="{BAD}">the broken link</a> here.</p>'
    story["links"].append({"url": BAD, "description": "A broken related link"})
    return story


def test_a_story_with_malformed_urls_renders_them_as_text() -> None:
    doc = bad_story("https://newsroom.example")
    story = parse_story(doc)
    rendered = render_story(story)
    text = "\n".join(b.text for b in rendered.blocks)
    assert "See the broken link here." in text
    assert [link.url for link in rendered.links] == ["https://newsroom.example/small-two"]


def test_a_malformed_story_url_is_no_url() -> None:
    doc = bad_story("https://newsroom.example")
    doc["url"] = BAD
    story = parse_story_bytes(json.dumps(doc).encode(), "/tmp/x.json")
    assert story.url == "" and story.key == "/tmp/x.json" and story.host == ""
    render_story(story)


def test_a_malformed_canonical_link_falls_back_to_the_page_url() -> None:
    page = (
        f'<html><head><title>T</title><link rel="canonical" href="{BAD}">'
        f'<meta property="og:url" content="{BAD}"></head>'
        "<body><article><p>Body.</p></article></body></html>"
    )
    story = parse_story_page(page, "https://newsroom.example/t")
    assert story.url == "https://newsroom.example/t"


def test_malformed_links_in_a_sitemap_and_a_feed_are_skipped() -> None:
    base = "https://newsroom.example"
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BAD}</loc></url><url><loc>{base}/good-one</loc></url></urlset>"
    ).encode()
    assert [e.url for e in parse_sitemap(sitemap, base).entries] == [f"{base}/good-one"]
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{BAD}</loc></sitemap></sitemapindex>"
    ).encode()
    assert parse_sitemap(index, base).children == []
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>'
        f"<item><title>Bad</title><link>{BAD}</link></item>"
        f"<item><title>Good</title><link>{base}/good-one</link></item></channel></rss>"
    ).encode()
    assert [e.url for e in parse_feed(feed, base)] == [f"{base}/good-one"]


@pytest.fixture
def server() -> Iterator[NewsroomServer]:
    with NewsroomServer() as newsroom:
        newsroom.stories["bad-links"] = bad_story(newsroom.url)
        yield newsroom


def app(server: NewsroomServer, store: Path, **options: Any) -> BelgaApp:
    settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=0.5)
    return create_app(settings=settings, store=store, **options)


def shown(app: BelgaApp) -> str:
    return app.reader.query_one(StoryView).text


async def test_fetched_kept_and_reopened_offline_across_restarts(
    server: NewsroomServer, tmp_path: Path
) -> None:
    store = tmp_path / "belga.sqlite3"
    url = server.story_url("bad-links")
    first = app(server, store, urls=(url,))
    async with first.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "the broken link" in shown(first))
        sidebar = first.reader.query_one(RelatedLinks)
        await until(pilot, lambda: bool(sidebar.entries))
        assert [e.link.url for e in sidebar.entries] == [server.story_url("small-two")]
        await until(pilot, lambda: sidebar.entries[0].state is LinkState.AVAILABLE)
        await settle(pilot)
    with Store.open(store) as kept:
        assert kept.get_story(url) is not None  # it was kept: the crash could persist
        kept.put_feed([FeedEntry(url, "Bad links inside")])
    for _ in range(2):  # every later start, offline, from the front page: opened
        await reopen_offline(server, store)


async def reopen_offline(server: NewsroomServer, store: Path) -> None:
    again = app(server, store, offline=True)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(again.reader.all_entries))
        await pilot.press("enter")
        await until(pilot, lambda: "the broken link" in shown(again))
        await settle(pilot)
        assert again.is_running
