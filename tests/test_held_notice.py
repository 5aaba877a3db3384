"""What start-up found wrong stays on the status line until a key is pressed (tester
report 4, item 1): a config file's mistakes were up for under a second, replaced by the
front page's "47 new stories.", and could be read only in the help's last notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import test_front_page_app
from tests.feed_server import FeedServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList

pytestmark = pytest.mark.timeout(60)
server = test_front_page_app.server  # the fixture: a FeedServer on 127.0.0.1
MISTAKE = "config: [ui] measure = 5 is out of range (30-200); using the default, 72"


async def test_the_configs_mistakes_stay_until_a_key(server: FeedServer, tmp_path: Path) -> None:
    settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=0.5)
    app = create_app(settings=settings, store=tmp_path / "cache.sqlite3", notes=(MISTAKE,))
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.reader.query_one(KeyBar)
        await until(pilot, lambda: any("new stories" in n for n in app.notices))
        await settle(pilot)
        assert len(app.reader.query_one(StoryList).stories) == len(server.documents())
        assert bar.notice == MISTAKE  # not replaced by the refresh's notice
        await pilot.pause(0.5)
        assert bar.notice == MISTAKE  # nor timed out
        await pilot.press("j")  # read: the refresh's notice now
        await settle(pilot)
        assert bar.notice.endswith("new stories.") and "new stories" in bar.notice
        await pilot.press("j")
        await settle(pilot)
        assert bar.notice.endswith("new stories.")  # shown its time, as any notice


async def test_an_error_said_meanwhile_is_shown_after(server: FeedServer, tmp_path: Path) -> None:
    settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=0.5)
    app = create_app(settings=settings, store=tmp_path / "cache.sqlite3", notes=(MISTAKE,))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.notify("Could not refresh the front page: offline.", severity="error")
        await settle(pilot)
        bar = app.reader.query_one(KeyBar)
        assert bar.notice == MISTAKE
        await pilot.press("j")
        await settle(pilot)
        assert bar.notice == "Could not refresh the front page: offline."
