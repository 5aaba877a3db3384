"""A story revised on the newsroom while it is being read (tester report 4, item 7): ``r``
saw its line change, the list took the new headline, but the open story stayed old and
``U`` said there was no newer version. Now the refresh that saw the change fetches the
open story, says so, and ``U`` shows it; the story read is not swapped under the eyes.
Pilot, a real newsroom on 127.0.0.1, a real SQLite cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.test_front_page_app import front_page_app, server, story_list  # noqa: F401
from tests.test_front_page_changes import slug_of, started
from tests.waiting import settle, until
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)

NEWER = "This story has a newer version: U shows it"


async def test_r_makes_the_newer_version_of_the_open_story_shown_by_u(
    server: FeedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    app = front_page_app(server, tmp_path / "belga.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot, len(server.documents()))
        listing = story_list(app)
        listing.focus()
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        entry = listing.stories[2]
        assert view.text.startswith(entry.title[:20])
        assert view.has_focus  # reading it

        slug = slug_of(app, 2)
        doc = server.stories[slug]
        revised = "Revised twice: the new headline"
        server.stories[slug] = {
            **doc,
            "title": revised,
            "body": "<p>SECOND REVISION.</p>" + str(doc["body"]),
            "modified_at": "2026-11-29 09:00:00",
        }
        await pilot.press("r")
        await until(pilot, lambda: NEWER in app.notices)
        await settle(pilot)
        assert "1 story changed." in app.notices
        assert listing.stories[2].title == revised
        assert view.text.startswith(entry.title[:20])  # not swapped while being read
        assert app.reader.current is not None and app.reader.current.key == entry.key

        await pilot.press("U")
        await until(pilot, lambda: view.text.startswith(revised))
        await settle(pilot)
        assert "SECOND REVISION." in view.text
        assert "There is no newer version" not in "\n".join(app.notices)
        await pilot.press("U")  # shown: there is none newer now
        await until(pilot, lambda: app.notices[-1].startswith("There is no newer version"))
