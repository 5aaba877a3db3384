"""A notice that says work is under way ("Opening …", "Reading …") goes when that work
ends, whatever it came to: the story shown, the fetch failed (the reader view's "Reading
…": tests/test_reader_view.py). Pilot at 80×24, a real newsroom server and SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.newsroom_server import NewsroomServer
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)
SIZE = (80, 24)


def status(app: BelgaApp) -> str:
    return app.reader.query_one(KeyBar).notice


async def test_opening_goes_when_the_story_shows_and_when_it_fails(
    newsroom_server: NewsroomServer, tmp_path: Path
) -> None:
    one, gone = newsroom_server.story_url("small-one"), newsroom_server.story_url("no-such")
    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store:  # listed, not cached: Enter fetches them
        store.put_feed([FeedEntry(one, "Small story 1"), FeedEntry(gone, "A story gone")])
    settings = FetchSettings(newsroom=newsroom_server.url, read_timeout=2, retries=0)
    app = create_app(settings=settings, store=path, offline=False)
    async with app.run_test(size=SIZE) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 2)
        await settle(pilot)
        newsroom_server.delay = 0.3  # long enough to see "Opening …"
        stories.focus()
        await pilot.press("enter")
        await until(pilot, lambda: status(app).startswith("Opening"))
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.text.startswith("Small story 1"))
        assert not status(app).startswith("Opening"), status(app)
        stories.focus()
        await pilot.press("j", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert "Opening" not in status(app), status(app)
        assert "Could not open" in "\n".join(app.notices)


async def test_work_under_way_is_said_until_it_ends_however_long_it_takes() -> None:
    """A page the extractor reads for 15 s said "Reading …" for 12 s, then nothing while
    the app was still at it (a new user's report): the notice has no time limit now, and
    goes when the work ends."""
    from tui.cli import demo_folder
    from tui.ui.notices import under_way

    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.reader.query_one(KeyBar)
        with under_way(app.reader, "Reading http://127.0.0.1/slow…"):
            await pilot.pause()
            assert status(app) == "Reading http://127.0.0.1/slow…"
            assert bar._notice_timer is None  # no end but the work's
        await pilot.pause()
        assert status(app) == ""


async def test_a_notice_too_long_for_the_line_is_shown_whole() -> None:
    """A start-up problem was cut at ~60 columns of 80 (the keys ``q Quit ? Help`` kept
    their room), and went after a few seconds: what the config file got wrong could not
    be read anywhere but in help (a new user's report). A notice that does not fit takes
    the whole width and as many lines as it needs, up to three; the keys come back after."""
    from tui.cli import demo_folder

    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.reader.query_one(KeyBar)
        long = (
            "config: /home/someone/.config/belga/config.toml line 1, column 4: Expected ']' "
            "at the end of a table declaration; using the defaults"
        )
        app.notify(long, timeout=5)
        await pilot.pause()
        shown = bar.render().plain
        assert " ".join(shown.split()) == long
        assert bar.size.height == 2 and max(len(line) for line in shown.splitlines()) <= 80
        app.notify("x " * 200, timeout=5)  # more than three lines: cut, and said where
        await pilot.pause()
        shown = bar.render().plain
        assert bar.size.height == 3 and shown.rstrip().endswith("… (? Help lists it whole)")
        bar.end_notice("x " * 200)
        await pilot.pause()
        assert bar.size.height == 1 and "? Help" in bar.render().plain


def test_a_notice_of_several_lines_reads_as_sentences() -> None:
    """ "Cannot create the folder for the cache at /tmp/afile: File exists belga runs
    without its cache" ran two sentences together (a new user's report)."""
    from tui.ui.notices import one_line

    said = one_line("Cannot create the folder at /tmp/afile: File exists\nbelga runs without it.")
    assert said == "Cannot create the folder at /tmp/afile: File exists. belga runs without it."
    assert one_line("Done.\n\n  Next  line  ") == "Done. Next line"
