"""The reader view in the real app (Pilot): Enter on a link to another site asks, reads
the page here, keeps it in the history and the store, and says why when it cannot."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests import web_pages
from tests.stories import story, write_stories
from tests.waiting import settle, until
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.newsroom import READER_SITE
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_view import StoryView

SIZE = (120, 40)
STORY_TITLE = "Belgian ports invest in hydrogen"


def app_for(
    web: WebServer, tmp_path: Path, first: str = "hydrogen", newsroom: str = "", **options: Any
) -> BelgaApp:
    """A story file linking [1] to the test site's article (``first``) and [2] to its PDF;
    with ``newsroom``, the newsroom is there (else nowhere belga may fetch from)."""
    body = (
        f'<p>The port <a href="{web.page_url(first)}">opened a terminal</a>, and its '
        f'<a href="{web.page_url("/files/report.pdf")}">report</a> says why.</p>'
    )
    folder = write_stories(
        tmp_path / "stories", {"s": story("s", STORY_TITLE, "2026-11-20 09:00:00", body)}
    )
    settings = FetchSettings(connect_timeout=1, read_timeout=2)
    if newsroom:
        settings = FetchSettings(newsroom=newsroom, connect_timeout=1, read_timeout=2)
    values: dict[str, Any] = {"store": tmp_path / "belga.sqlite3", "allow_private": True}
    return create_app([folder], settings=settings, **(values | options))


async def follow(app: BelgaApp, pilot: Any, number: int) -> StoryView:
    """Link ``number`` of the story (opened from the list first if none is shown)."""
    view = app.reader.query_one(StoryView)
    if view.prepared is None:
        await pilot.press("enter")
        await settle(pilot)
    view.focus()
    await pilot.press(str(number), "enter")
    await pilot.pause()
    return view


def status(app: BelgaApp) -> str:
    """The notice in the status line now."""
    return app.reader.query_one(KeyBar).notice


def modal_text(app: BelgaApp) -> str:
    screen = app.screen
    assert isinstance(screen, ExternalLinkScreen)
    return " ".join(str(static.content) for static in screen.query(Static))


async def test_read_here_shows_the_page_with_its_notice_links_and_history(
    web: WebServer, tmp_path: Path
) -> None:
    app = app_for(web, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 1)
        assert "Enter read it here" in modal_text(app)
        assert web.count() == 0  # asked first: nothing fetched yet
        await pilot.press("enter")
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        assert "Reading" not in status(app)  # the work it said is done: the notice went
        await settle(pilot)
        text = " ".join(view.text.split())  # as read, whatever the wrapping
        notice = f"Reader view of an outside page: {web.page_url('hydrogen')}"
        assert notice in text
        assert web_pages.ARTICLE_SENTENCES[0] in text
        assert not any(junk in text for junk in web_pages.BOILERPLATE)
        assert "reader view" in str(view.border_title)
        await pilot.press("y")  # copies the page's URL
        assert app.clipboard == web.page_url("hydrogen")
        # Its own links lead on: [1] is the second article (asked again: "read" was once).
        assert view.prepared is not None and view.prepared.links[0].url.endswith("/dredging")
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: view.text.startswith(web_pages.SECOND_TITLE))
        await pilot.press("H")
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        await pilot.press("H")
        await until(pilot, lambda: view.text.startswith(STORY_TITLE))
        await pilot.press("L")
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        assert web.count("/news/hydrogen") == 1  # back and forward fetch nothing again
    assert app.store is not None


async def test_always_for_a_site_is_remembered_and_reads_without_asking(
    web: WebServer, tmp_path: Path
) -> None:
    app = app_for(web, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 1)
        await pilot.press("a")
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        assert app.store is not None and app.store.get_meta(READER_SITE + "127.0.0.1") == "always"
        await pilot.press("H")
        await until(pilot, lambda: view.text.startswith(STORY_TITLE))
        await follow(app, pilot, 1)
        assert not isinstance(app.screen, ExternalLinkScreen)  # not asked again
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
    # The page was kept: a later session, offline, reads it from the store.
    later = app_for(web, tmp_path, offline=True)
    async with later.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(later, pilot, 1)
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
    assert web.count("/news/hydrogen") == 1


async def test_never_offers_only_the_url_and_fetches_nothing(
    web: WebServer, tmp_path: Path
) -> None:
    app = app_for(web, tmp_path, reader="never")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await follow(app, pilot, 1)
        assert "read it here" not in modal_text(app)
        # Why, in words (the box said "not a story belga can open": a new user's report).
        assert 'The reader view is off: [net] reader = "never"' in modal_text(app)
        assert "not a story belga can open" not in modal_text(app)
        await pilot.press("enter")  # no answer to give: the offer stays
        await pilot.pause()
        assert isinstance(app.screen, ExternalLinkScreen)
        await pilot.press("y")
        assert app.clipboard == web.page_url("hydrogen")
    assert web.count() == 0


async def test_what_cannot_be_read_says_why_and_offers_the_url(
    web: WebServer, tmp_path: Path
) -> None:
    app = app_for(web, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 2)
        await pilot.press("enter")
        await until(pilot, lambda: "Could not read it here" in modal_text(app))
        assert "Reading" not in status(app)  # said in the box instead
        assert "not a web page but application/pdf" in modal_text(app)
        assert web.page_url("/files/report.pdf") in modal_text(app)
        await pilot.press("y")
        assert app.clipboard == web.page_url("/files/report.pdf")
        assert view.text.startswith(STORY_TITLE)
        # Its sidebar entry says so, no longer "not fetched" (tester report 4, item 5);
        # r there asks for it again.
        sidebar = app.reader.query_one(RelatedLinks)
        pdf = next(e for e in sidebar.entries if e.link.url.endswith("report.pdf"))
        assert pdf.state is LinkState.FAILED
        assert pdf.reason.startswith("not a web page but application/pdf")
        sidebar.focus()
        sidebar.cursor = sidebar.entries.index(pdf)
        await settle(pilot)
        await pilot.press("r")  # asked again, as the first time
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert "read it here" in modal_text(app) and pdf.state is not LinkState.FAILED
        await pilot.press("enter")
        await until(pilot, lambda: "Could not read it here" in modal_text(app))
        assert pdf.state is LinkState.FAILED


async def test_a_refused_address_is_said_up_front_not_offered(
    web: WebServer, tmp_path: Path
) -> None:
    app = app_for(web, tmp_path, allow_private=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await follow(app, pilot, 1)
        said = modal_text(app)
        assert "Not read here: refused: not a public internet address" in said
        assert "allow_private" in said and "read it here" not in said
        await pilot.press("enter")  # nothing to answer: no fetch
        await pilot.pause()
    assert web.count() == 0


async def test_a_pages_link_to_a_newsroom_story_opens_the_story(
    web: WebServer, tmp_path: Path
) -> None:
    """From an outside page (on 127.0.0.1) back into the newsroom (on localhost): the
    story itself (its JSON), not a reader view of its web page."""
    app = app_for(web, tmp_path, "to-story", newsroom=f"http://localhost:{web.port}")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 1)
        await pilot.press("enter")  # read it here
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        assert app.reader.current is not None
        await pilot.press("1", "enter")
        await until(pilot, lambda: view.text.startswith("Small story 1"))
    assert web.count("/small-one.json") == 1 and web.count("/small-one") == 0


async def test_with_always_the_reader_gets_ready_when_a_story_links_out(
    web: WebServer, tmp_path: Path
) -> None:
    """The extractor loads once a story with an outside link is shown; nothing is fetched."""
    app = app_for(web, tmp_path, reader="always")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await follow(app, pilot, 0)  # only opens the story: there is no link [0]
        await until(pilot, lambda: app._pages is not None and app._pages._extractor is not None)
    assert web.count() == 0
    asked = app_for(web, tmp_path / "ask")
    async with asked.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await follow(asked, pilot, 0)
        await settle(pilot)
        assert asked._pages is None  # "ask": ready only once asked


async def test_with_always_the_reader_gets_ready_after_start_up(
    web: WebServer, tmp_path: Path
) -> None:
    """Without any story opened: the first outside page will not wait for the extractor."""
    app = app_for(web, tmp_path, reader="always")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app._pages is not None and app._pages._extractor is not None)
        assert app._pages is not None and app._pages._extractor is not None
        await app._pages._extractor
        assert app.reader.query_one(StoryView).prepared is None  # nothing was opened
    assert web.count() == 0


async def test_without_its_extractor_the_reader_view_says_so_in_one_line(
    web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it could not be imported
    app = app_for(web, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 1)
        await pilot.press("enter")
        await until(pilot, lambda: "Could not read it here" in modal_text(app))
        said = modal_text(app)
        assert "the reader view is unavailable: its extractor could not be loaded" in said
        assert "trafilatura" in said  # why, in full
        assert app.notices[-1] == "The reader view is unavailable."
        assert not any("went wrong" in notice or "story" in notice for notice in app.notices)
        assert view.text.startswith(STORY_TITLE)


async def test_a_pages_sidebar_lists_every_link_by_its_site(web: WebServer, tmp_path: Path) -> None:
    app = app_for(web, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = await follow(app, pilot, 1)
        box = modal_text(app)
        for choice in ("Enter read it here\n", "a     always read 127.0.0.1 here\n"):
            assert choice in box  # one choice a line, never cut in two
        await pilot.press("enter")
        await until(pilot, lambda: view.text.startswith(web_pages.ARTICLE_TITLE))
        await settle(pilot)
        sidebar = app.reader.query_one(RelatedLinks)
        listed = {entry.link.url: entry.state for entry in sidebar.entries}
        assert listed == {
            web.page_url("dredging"): LinkState.SAME_SITE,
            "https://www.example.org/report": LinkState.REMOTE,
        }
        assert "this site" in sidebar.entries[0].status
        assert str(sidebar.border_title) == "Links (2)"
        assert view.note == "2 links: l"  # the sidebar is not on screen at 80 columns
