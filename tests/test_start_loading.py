"""What the screen says while belga starts on something slow or failing (tester report,
item 3): ``belga URL`` showed an empty list with no word while the story was fetched,
then "Skipped 1 file(s) that are not stories" for an HTTP 500 or a timeout (neither is a
file), which then went away; ``--newsroom`` against a slow server an empty Stories box."""

from __future__ import annotations

from pathlib import Path

from tests.feed_server import FeedServer
from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.list_pane import ListPane


def list_note(app: BelgaApp) -> str:
    return app.reader.query_one(ListPane).note


def url_app(server: NewsroomServer, path: str, store: Path) -> BelgaApp:
    settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=0.5, retries=0)
    return create_app(urls=[f"{server.url}{path}"], settings=settings, store=store)


async def test_a_failing_story_url_says_why_and_keeps_saying_it(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    app = url_app(newsroom_server, "/fault/500.json", tmp_path / "belga.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Could not" in list_note(app))
        await settle(pilot)
        note = list_note(app)
        assert "server error (500)" in note and "/fault/500.json" in note
        assert not any("Skipped" in notice for notice in app.notices)
        assert app.problems == []
        app.clear_notifications()  # the toast goes; the note stays where the list is
        await pilot.pause(0.2)
        assert "server error (500)" in list_note(app)
        assert app.reader.query_one("#list-note").display


async def test_a_slow_story_url_says_it_is_loading_then_why_it_failed(
    tmp_path: Path,
) -> None:
    with NewsroomServer(hang_seconds=5.0) as server:
        app = url_app(server, "/fault/hang.json", tmp_path / "belga.sqlite3")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "Loading the story" in list_note(app))
            assert "/fault/hang.json" in list_note(app)
            await until(pilot, lambda: "Could not" in list_note(app), timeout=10)
            # "(reading)"; "(connecting)" on a loaded machine
            assert "timed out after 0.5 s" in list_note(app)
            assert not any("Skipped" in notice for notice in app.notices)


async def test_a_story_url_that_comes_leaves_no_note(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    app = url_app(newsroom_server, "/small-one", tmp_path / "belga.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.reader.current is not None)
        await settle(pilot)
        assert list_note(app) == ""
        assert not app.reader.query_one("#list-note").display


async def test_a_slow_front_page_says_it_is_loading(tmp_path: Path) -> None:
    with FeedServer(feed="slow", slow_seconds=1.5) as server:
        settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=5)
        app = create_app(settings=settings, store=tmp_path / "belga.sqlite3")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: list_note(app) != "")
            assert list_note(app) == "Loading the front page…"
            assert app.reader.query_one("#list-note").display
            await until(pilot, lambda: len(app.reader.all_entries) > 0, timeout=10)
            await settle(pilot)
            assert list_note(app) == ""
            assert not app.reader.query_one("#list-note").display
