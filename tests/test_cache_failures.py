"""A cache that cannot be written (read-only, full): belga says what failed and never
claims to have kept what it did not (issue 10, item 10). Pilot, real SQLite files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.model.story import parse_story
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (120, 40)
HOST = "https://newsroom.example"


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The files in ``folder`` made read-only, for root too (``chattr +i``)."""
    paths = [*folder.iterdir()]
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    if shutil.which("chattr") is None:
        pytest.skip("root, and no chattr to make a folder read-only")
    if subprocess.run(["chattr", "+i", *map(str, paths)], check=False).returncode:
        pytest.skip("this file system cannot make files immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=False)


def kept_cache(folder: Path) -> Path:
    path = folder / "belga.sqlite3"
    with Store.open(path) as store:
        story = parse_story(small_story(HOST, "kept", "A kept story", ()))
        store.put_feed([FeedEntry(story.url, story.title)])
        store.put_story(story)
    return path


def notes(app: BelgaApp) -> str:
    return "\n".join(app.notices)


async def test_saving_on_a_read_only_cache_says_it_was_not_kept(tmp_path: Path) -> None:
    path = kept_cache(tmp_path / "cache")
    with read_only(path.parent):
        app = create_app(store=path, offline=True)
        async with app.run_test(size=SIZE) as pilot:
            stories = app.reader.query_one(StoryList)
            await until(pilot, lambda: len(stories.stories) == 1)  # read from the cache
            await settle(pilot)
            stories.focus()
            await pilot.press("s")
            await settle(pilot)
            said = notes(app)
            assert "Saved for later." not in said
            assert "not kept" in said or "Could not keep" in said
            assert app.newsroom.is_saved(f"{HOST}/kept")  # for this session all the same
    with Store.open(path) as store:
        assert store.saved() == []  # indeed nothing was kept


async def test_an_update_that_could_not_be_kept_says_so(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    url = newsroom_server.story_url("small-one")
    path = tmp_path / "cache" / "belga.sqlite3"
    long_ago = time.time() - 30 * 86_400
    with Store.open(path, clock=lambda: long_ago) as store:
        old = newsroom_server.stories["small-one"] | {"title": "Small story, old version"}
        store.put_story(parse_story(old))
    settings = FetchSettings(newsroom=newsroom_server.url, connect_timeout=0.5, read_timeout=0.5)
    with read_only(path.parent):
        app = create_app(urls=(url,), settings=settings, store=path)
        async with app.run_test(size=SIZE) as pilot:
            view = app.reader.query_one(StoryView)
            await until(pilot, lambda: view.text.startswith("Small story 1"))  # the update
            await until(pilot, lambda: "updated" in notes(app))
            # Said with the update, not only "updated since it was kept".
            assert "could not be kept" in notes(app)
    with Store.open(path) as store:
        kept = store.get_story(url)
        assert kept is not None and kept.title == "Small story, old version"


async def test_without_a_cache_a_save_is_said_to_last_the_session(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "kept.json").write_text(json.dumps(small_story(HOST, "kept", "A kept story", ())))
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.store is None and len(app.reader.query_one(StoryList).stories) == 1
        app.reader.query_one(StoryList).focus()
        await pilot.press("s")
        await settle(pilot)
        assert "For this session only" in notes(app)


async def test_a_url_not_cached_offline_says_how_to_fetch_it(tmp_path: Path) -> None:
    """``belga --offline URL`` with the story not cached: the reason was followed by
    "Check the URL, or try again later." (the URL is fine: --offline is the reason)."""
    app = create_app(urls=[f"{HOST}/never-fetched"], store=tmp_path / "cache.db", offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "offline" in notes(app))
        await settle(pilot)
        said = notes(app)
        assert "offline: not fetched before" in said
        assert "belga was started with --offline: without it, the story is fetched." in said
        assert "Check the URL" not in said


async def test_offline_a_story_listed_but_not_cached_opens_no_blank_pane(tmp_path: Path) -> None:
    """Offline, Enter on a story the front page listed but never fetched showed a blank,
    untitled reading pane offering the reading keys, and the reason (its URL "is not at
    hand") went after a few seconds (a new user's report). The list keeps the focus and
    the notice names the story and why."""
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:
        store.put_feed([FeedEntry(f"{HOST}/never-fetched", "The story never fetched")])
    app = create_app(store=path, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 1)
        await settle(pilot)
        stories.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.focused is stories
        assert not app.reader.query_one(StoryView).display
        assert app.notices[-1] == (
            "“The story never fetched” was not fetched before, and belga is offline "
            "(started with --offline)."
        )
