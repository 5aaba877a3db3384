"""A site that is not a newsroom (tester report 3, item 8): ``--newsroom`` naming a plain
web server showed "http://…: not found (404) (feed: not found (404))." (the site itself
answers; its /feed and /sitemap.xml do not) and a notice saying "What was cached is
shown" with nothing cached. Pilot, a real server on 127.0.0.1, a fresh SQLite cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.test_front_page_app import SIZE, front_page_app
from tests.waiting import settle, until
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)


async def test_a_site_without_feed_or_sitemap_is_asked_whether_it_is_a_newsroom(
    tmp_path: Path,
) -> None:
    with FeedServer(feed="missing", sitemap="missing") as server:
        app = front_page_app(server, tmp_path / "belga.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "press r" in " ".join(app.notices))
            await settle(pilot)
            text = " ".join(app.reader.query_one(StoryView).text.split())
            said = " ".join(app.notices)
    assert (
        f"{server.url}: no feed (/feed) or sitemap (/sitemap.xml) there:"
        " is it a Prezly newsroom?" in text
    ), text
    assert "?." not in text and "not found (404)" not in text
    assert "What was cached is shown" not in said
    assert "Nothing was cached before; press r to try again." in said
