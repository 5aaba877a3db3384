"""Two belga sessions on one cache agree about read and saved marks after ``r`` (tester
report 3, section 10): after 870b0ad another session's first read mark showed after r
but the next ones did not (the list's marks were taken in by the fetch-ahead's look at
the front page, and the list, read again after it, found nothing changed to draw); an
unsave never reached the other session; and a mark this session had changed once was
its own for good, whatever the other session did with it later. Pilot, a real SQLite
file shared with a second Store (the other session), a real newsroom on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.feed_server import FeedServer
from tests.test_front_page_app import SIZE, front_page_app, server, story_list  # noqa: F401
from tests.test_front_page_changes import listed
from tests.test_marks_refresh import rows
from tests.waiting import settle, until
from tui.core.store.database import Store
from tui.ui.app import BelgaApp

pytestmark = pytest.mark.timeout(90)


def mark(app: BelgaApp, row: int) -> str:
    return rows(app)[row].removeprefix("│")[0]


async def r(pilot: Pilot[None], app: BelgaApp) -> None:
    said = len(app.notices)
    await pilot.press("r")
    await until(pilot, lambda: len(app.notices) > said)
    await settle(pilot)


async def test_marks_of_another_session_show_after_r(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "belga.sqlite3"
    async with listed(server, path) as (app, pilot):
        listing = story_list(app)
        listing.focus()
        with Store.open(path) as other:
            for row in (2, 3, 4):  # one after another, r each time
                assert mark(app, row) == "●"
                other.mark_read(listing.stories[row].key)
                await r(pilot, app)
                assert mark(app, row) == " ", rows(app)[row]
            key = listing.stories[5].key
            other.save(key)
            await r(pilot, app)
            assert mark(app, 5) == "★" and app.newsroom.is_saved(key)
            other.save(key, False)  # unsaved there
            await r(pilot, app)
            assert mark(app, 5) == "●" and not app.newsroom.is_saved(key)
            # Marked here, then otherwise there: the later mark, there, is the one shown.
            await pilot.press("j", "j", "j", "j", "j", "j", "m")
            assert listing.cursor == 6 and mark(app, 6) == " "
            other.mark_read(listing.stories[6].key, False)
            await r(pilot, app)
            assert mark(app, 6) == "●", rows(app)[6]
            await pilot.press("s")
            other.save(listing.stories[6].key, False)
            await r(pilot, app)
            assert mark(app, 6) == "●", rows(app)[6]


def test_marks_taken_in_by_a_look_at_the_list_are_still_said(tmp_path: Path) -> None:
    """The fetch-ahead's look at the front page took in another session's read mark, so
    the whole list read in a thread then found nothing changed: the row kept its ●."""
    from tests.test_store import entry
    from tui.core.newsroom import Newsroom

    path = tmp_path / "belga.sqlite3"
    with Store.open(path) as store, Store.open(path) as other:
        store.put_feed([entry(slug) for slug in "abcd"])
        newsroom = Newsroom(None, store)
        keys = [line.key for line in newsroom.front_page()]
        other.mark_read(keys[2])
        other.save(keys[3])
        assert newsroom.front_page(2) and not newsroom.is_read(keys[2])  # not among them
        newsroom.front_page(12)  # the fetch-ahead's look: takes the marks in
        assert newsroom.is_read(keys[2]) and newsroom.is_saved(keys[3])
        got = newsroom.front_page_lines()
        assert got is not None
        lines, since = got
        assert newsroom.take_all_marks(lines.read, lines.saved, since) == {keys[2], keys[3]}
        assert newsroom.take_all_marks(lines.read, lines.saved, since) == set()
