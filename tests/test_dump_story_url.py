"""``belga --dump URL`` reads a story URL as the app does (tester report 2, item 6):
``belga http://127.0.0.1:PORT/emoji`` opened the story, ``belga --dump`` of the same URL
said "refused: not a public internet address": it read it as another site's page (the
reader view, which keeps to public addresses) unless ``--newsroom`` named that server.
One rule now (Newsroom.is_story): a story-shaped URL or a short link on an origin the
client may fetch (a URL given is trusted, in both) is a story; anything else another
site's page. The installed command against a newsroom on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.newsroom_server import NewsroomServer
from tests.test_outside_dump import dump
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.client import NewsroomClient
from tui.core.newsroom import Newsroom

pytestmark = pytest.mark.timeout(60)


def test_dump_of_a_local_story_url_prints_the_story_as_the_app_opens_it(
    newsroom_server: NewsroomServer,
) -> None:
    result = dump(newsroom_server.story_url("small-one"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Small story 1")
    assert "Reader view of an outside page" not in result.stdout
    assert newsroom_server.paths() == ["/small-one.json"]


def test_dump_of_another_sites_page_on_a_local_address_is_still_refused(web: WebServer) -> None:
    result = dump(web.page_url("hydrogen"))  # /news/hydrogen: no story's shape
    assert result.returncode == 1
    assert "refused: not a public internet address" in result.stderr
    assert web.count() == 0


async def test_one_rule_for_what_is_read_as_a_story() -> None:
    client = NewsroomClient(FetchSettings(newsroom="https://www.belganewsagency.eu"))
    newsroom = Newsroom(lambda: client)
    assert newsroom.is_story("https://www.belganewsagency.eu/some-story")
    assert not newsroom.is_story("https://www.belganewsagency.eu/en/news/some-story")
    assert not newsroom.is_story("http://127.0.0.1:8000/some-story")  # not trusted
    client.trust("http://127.0.0.1:8000/some-story")  # a URL the user gave
    assert newsroom.is_story("http://127.0.0.1:8000/some-story")
    assert not newsroom.is_story("http://127.0.0.1:8000/news/some-page")
    await client.aclose()
