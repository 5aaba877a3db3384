"""The newsroom's front page when the cache cannot be used (tester report 3, item 2).

With a cache folder that could not be written (read-only, a full disk), the front page
was an empty list while the status line said "50 new stories.": fetched, then dropped,
for only the store listed the front page. "belga runs without its cache: nothing is
kept" means the stories are listed and read from memory for the session, and the notice
about the cache is said again where the user looks. Pilot, a real newsroom on 127.0.0.1,
real folders (the cases that need a file system rule root does not obey are made
another way, so that they run as root too).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import test_front_page_app
from tests.feed_server import FeedServer, local_time
from tests.test_cache_failures import read_only
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (80, 24)
server = test_front_page_app.server  # the fixture: a FeedServer on 127.0.0.1


def app_with_cache_at(server: FeedServer, store: Path) -> BelgaApp:
    settings = FetchSettings(
        newsroom=server.url, connect_timeout=0.5, read_timeout=0.5, backoff=0.01
    )
    return create_app(settings=settings, store=store)


async def front_page_from_memory(server: FeedServer, store: Path) -> None:
    """The front page is listed, a story opens, r says "Nothing new", and the notices
    say that nothing is kept."""
    expected = len(server.documents())
    app = app_with_cache_at(server, store)
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == expected)
        await settle(pilot)
        assert app.store is None
        said = "\n".join(app.notices)
        assert "belga runs without its cache" in said  # the opening note
        # The refresh's own notice, which replaced it on the status line, says it too.
        refreshed = next(n for n in app.notices if "new stories" in n)
        assert refreshed.startswith(f"{expected} new stories")
        assert "without its cache" in refreshed
        assert "without its cache" in app.reader.query_one(KeyBar).notice
        newest = stories.stories[0]
        stories.focus()
        await pilot.press("enter")
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.text.startswith(newest.title[:20]))
        stories.focus()
        await pilot.press("r")
        await until(pilot, lambda: app.notices[-1].startswith("Nothing new"))
        assert len(stories.stories) == expected  # nothing counted twice, nothing lost
        assert app.newsroom.is_read(newest.key)  # the session's mark


async def test_a_cache_whose_folder_cannot_be_made_lists_the_front_page(
    server: FeedServer, tmp_path: Path
) -> None:
    """The cache's folder is a file: no folder can be made there, as root too."""
    (tmp_path / "cache").write_text("a file where the folder should be")
    await front_page_from_memory(server, tmp_path / "cache" / "belga.sqlite3")


async def test_a_read_only_cache_folder_lists_the_front_page(
    server: FeedServer, tmp_path: Path
) -> None:
    """A folder nobody may write in (chmod; as root, chattr +i where the file system
    has it, else skipped: root writes through a chmod)."""
    (tmp_path / "outer" / "cache").mkdir(parents=True)
    with read_only(tmp_path / "outer"):
        await front_page_from_memory(server, tmp_path / "outer" / "cache" / "belga.sqlite3")


def test_the_file_a_full_disk_leaves_is_an_empty_cache_not_a_damaged_one(
    tmp_path: Path,
) -> None:
    """A full disk leaves the database's first page behind (4 KB: SQLite wrote its header
    when WAL was set, then the tables did not fit). A later start takes it as the empty
    cache it is: not moved aside, no word of damage."""
    path = tmp_path / "belga.sqlite3"
    left = sqlite3.connect(path)
    left.execute("PRAGMA journal_mode = WAL")
    left.close()
    assert path.stat().st_size == 4096  # what the tester found
    with Store.open(path, check_in_thread=True) as store:
        assert store.front_page() == []
        assert store.recovery_message is None
    assert sorted(p.name for p in tmp_path.iterdir() if ".corrupt" in p.name) == []


async def test_a_cache_that_opens_but_takes_no_write_lists_the_refresh(
    server: FeedServer, tmp_path: Path
) -> None:
    """The cache opens (it was kept before) but takes no write: the refresh failed as
    "Something went wrong" and the list kept only what was cached. Now the stories it
    had and the new ones are listed for the session, and the notice says why."""
    path = tmp_path / "cache" / "belga.sqlite3"
    first = server.documents()[-1]
    with Store.open(path) as store:
        store.put_feed([FeedEntry(first["url"], "Kept from before", local_time(first))])
        store.put_feed([FeedEntry(f"{server.url}/left-the-feed", "Gone from the feed")])
    expected = len(server.documents()) + 1
    with read_only(path.parent):
        app = app_with_cache_at(server, path)
        async with app.run_test(size=SIZE) as pilot:
            stories = app.reader.query_one(StoryList)
            await until(pilot, lambda: len(stories.stories) == expected)
            await settle(pilot)
            assert app.store is not None
            refreshed = next(n for n in app.notices if "new stories" in n)
            assert refreshed.startswith(
                f"{expected - 2} new stories, for this session only. The cache at {path} "
                "failed: attempt to write a readonly database"
            )
            assert "went wrong" not in "\n".join(app.notices)
            titles = [entry.title for entry in stories.stories]
            assert titles[-1] == "Gone from the feed"  # kept, below
            assert first["title"] in titles and "Kept from before" not in titles
            stories.focus()
            await pilot.press("r")
            await until(pilot, lambda: app.notices[-1].startswith("Nothing new"))
            assert len(stories.stories) == expected
    with Store.open(path) as store:
        assert len(store.front_page()) == 2  # indeed nothing was kept


def test_the_session_front_page_is_not_imported_while_the_store_keeps_it(
    tmp_path: Path,
) -> None:
    """Made (and imported) only when the store cannot keep the front page: a start with
    a cache does not pay for it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.core.newsroom import Newsroom\n"
        "from tui.core.store.database import Store\n"
        f"store = Store.open(Path({str(tmp_path / 'belga.sqlite3')!r}))\n"
        "newsroom = Newsroom(None, store)\n"
        "newsroom.front_page_top(10), newsroom.front_page()\n"
        "print('tui.core.model.session_feed' in sys.modules)\n"
        "print(Newsroom(None).front_page(),\n"
        "      'tui.core.model.session_feed' in sys.modules)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert ran.stdout.split("\n")[:2] == ["False", "[] True"], ran.stderr
