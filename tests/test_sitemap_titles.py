"""A newsroom read through its sitemap (no ``/feed``): the list shows each story's own
title and date once the store has the story, and the first screenful is fetched ahead
(tester report 4, item 1b). A real newsroom on 127.0.0.1, a real SQLite cache, Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.feed_server import XML_TYPE, FeedServer, _send, local_time, urlset
from tests.newsroom_server import _Responder
from tests.test_front_page_app import front_page_app, messages, story_list
from tests.waiting import settle, until
from tui.core.model.listing import Entry

pytestmark = pytest.mark.timeout(90)


class SitemapNewsroom(FeedServer):
    """No ``/feed``; a sitemap whose ``lastmod`` is half an hour after each story's own
    date, an hour apart (a sitemap has no titles, and its dates are the last changes)."""

    def __init__(self) -> None:
        super().__init__(copies=40, feed="missing")

    def __enter__(self) -> SitemapNewsroom:
        self.start()
        return self

    def start(self) -> SitemapNewsroom:
        super().start()
        moment = datetime(2026, 5, 1, 6, 0)
        for number, doc in enumerate(self.stories.values()):  # one date each
            doc["published_at"] = (moment + timedelta(hours=number)).isoformat(sep=" ")
        return self

    def _sitemap(self) -> Callable[[_Responder], None]:
        changed = [
            (str(doc["url"]), (local_time(doc) + timedelta(minutes=30)).isoformat())
            for doc in self.documents()
        ]
        return _send(urlset(changed), XML_TYPE)

    def fetched(self) -> set[str]:
        """The stories asked for (as JSON, or as a web page when it has no JSON)."""
        listing = ("/feed", "/sitemap.xml")
        return {r.path.removesuffix(".json") for r in self.requests if r.path not in listing}


def own(server: FeedServer, entry: Entry) -> tuple[str, datetime]:
    """The title and date of the story the line stands for, as the newsroom has them."""
    doc = next(d for d in server.documents() if d["url"] == entry.key)
    return str(doc["title"]), datetime.fromisoformat(str(doc["published_at"]))


def said(entries: list[Entry]) -> list[tuple[str, datetime | None]]:
    return [(entry.title, entry.published_at) for entry in entries]


async def test_a_sitemap_newsroom_lists_its_stories_own_titles(tmp_path: Path) -> None:
    store = tmp_path / "belga.sqlite3"
    with SitemapNewsroom() as server:
        app = front_page_app(server, store)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(story_list(app).stories) > 40)
            await settle(pilot)
            rows = story_list(app).size.height
            assert rows > 12  # the screenful, more than the 12 fetched ahead before
            await until(pilot, lambda: len(server.fetched()) >= rows)
            await settle(pilot)
            shown = list(story_list(app).stories)
            # The screenful was fetched ahead, and no more.
            assert len(server.fetched()) == rows
            top = shown[:rows]
            assert said(top) == [own(server, entry) for entry in top]
            assert all(entry.cached for entry in top)
        kept = {entry.key for entry in top}

        # Started again, offline: every kept story with its own title and date, at once.
        offline = front_page_app(server, store, offline=True)
        async with offline.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            lines = [e for e in story_list(offline).stories if e.key in kept]
            assert len(lines) == rows
            assert said(lines) == [own(server, entry) for entry in lines]

        # And online: the sitemap read again takes nothing back, and changes nothing.
        again = front_page_app(server, store)
        async with again.run_test(size=(80, 24)) as pilot:
            requests = len(server.requests)
            await until(pilot, lambda: len(server.requests) > requests)
            await settle(pilot)
            lines = [e for e in story_list(again).stories if e.key in kept]
            assert said(lines) == [own(server, entry) for entry in lines]
            assert "changed" not in messages(again)


async def test_without_its_cache_the_lines_take_the_stories_own_titles(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache's folder should be")
    with SitemapNewsroom() as server:
        app = front_page_app(server, blocker / "belga.sqlite3")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: len(story_list(app).stories) > 40)
            await settle(pilot)
            assert app.store is None
            rows = story_list(app).size.height
            await until(pilot, lambda: len(server.fetched()) >= rows)
            await settle(pilot)
            top = list(story_list(app).stories)[:rows]
            assert said(top) == [own(server, entry) for entry in top]
            assert all(entry.cached for entry in top)
