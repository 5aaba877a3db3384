"""What the user opened is what they see (issue 10, items 8 and 9): a story opened on
its own at start never replaces one the user opened since, and a local file is never
silently replaced by the newsroom's version. Pilot, a real server, a real SQLite file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.model.story import parse_story
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)


def settings(server: NewsroomServer) -> FetchSettings:
    return FetchSettings(newsroom=server.url, connect_timeout=2, read_timeout=2, retries=0)


def shown(app: BelgaApp) -> str:
    return app.reader.query_one(StoryView).text


def sidebar_urls(app: BelgaApp) -> list[str]:
    return [entry.link.url for entry in app.reader.query_one(RelatedLinks).entries]


def notes(app: BelgaApp) -> str:
    return "\n".join(app.notices)


async def test_the_story_opened_at_start_never_replaces_the_one_opened_since(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    one, two = newsroom_server.story_url("small-one"), newsroom_server.story_url("small-two")
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:
        newer = parse_story(newsroom_server.stories["small-one"])
        today = datetime(2026, 11, 29, 8, 0)  # small-one is the newest: listed first
        store.put_feed([FeedEntry(one, "Small story 1", today), FeedEntry(two, "Small story 2")])
        store.put_story(parse_story(newsroom_server.stories["small-two"]))  # only this one
        assert newer.url == one
    newsroom_server.delay = 1.0  # the first story, opened on its own, is slow to come
    app = create_app(settings=settings(newsroom_server), store=path)
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 2)
        assert [entry.key for entry in stories.stories] == [one, two]
        stories.focus()
        await pilot.press("j", "enter")  # the user opens the second, kept, story
        await until(pilot, lambda: shown(app).startswith("Small story 2"))
        newsroom_server.wait_finished("/small-one.json", timeout=5)
        await pilot.pause(0.3)
        await settle(pilot)
        assert shown(app).startswith("Small story 2")  # not replaced by the first
        assert one in sidebar_urls(app)  # small-two's own links: one and three
        assert app.reader.history.current == two


async def test_a_local_file_is_not_replaced_by_the_newsroom_version(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    url = newsroom_server.story_url("small-one")
    local = dict(newsroom_server.stories["small-one"])
    local.update(title="Small story 1, as on disk", body="<p>The text on disk.</p>")
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(local))
    app = create_app([folder], settings=settings(newsroom_server), store=tmp_path / "b.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 1)
        stories.focus()
        await pilot.press("enter")
        await until(pilot, lambda: shown(app).startswith("Small story 1, as on disk"))
        await until(pilot, lambda: "newer version" in notes(app) or "other version" in notes(app))
        await settle(pilot)
        assert shown(app).startswith("Small story 1, as on disk")  # what was opened stays
        assert "The text on disk." in shown(app)
        assert app.newsroom.at_hand(url) is not None
        assert app.newsroom.at_hand(url).title == "Small story 1, as on disk"  # type: ignore[union-attr]
        await pilot.press("U")  # the update, when asked for
        await until(pilot, lambda: shown(app).startswith("Small story 1\n"))
        assert "Short body of small-one." in shown(app)
