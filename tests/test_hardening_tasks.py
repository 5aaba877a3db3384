"""No background task dies silently (issue 10, "What to build").

Every worker runs with ``exit_on_error=False``, so an unexpected exception used to end
it without a word: "refreshing…" stayed on the list forever. Now whatever fails says
so where the user looks, and the status line is not left claiming work in progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.stories import linked_stories, write_stories
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.loader import Batch
from tui.core.newsroom import Newsroom
from tui.ui.app import create_app
from tui.ui.widgets.list_pane import ListPane

pytestmark = pytest.mark.timeout(30)
SIZE = (120, 40)


async def test_a_refresh_that_breaks_says_so_and_clears_the_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: Newsroom) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(Newsroom, "refresh", broken)
    with FeedServer() as server:
        app = create_app(
            settings=FetchSettings(newsroom=server.url), store=tmp_path / "belga.sqlite3"
        )
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: bool(app.notices))
            await settle(pilot)
            messages = list(app.notices)
            subtitle = app.reader.query_one(ListPane).border_subtitle or ""
    assert any("front page" in m and "something unforeseen" in m for m in messages)
    assert "refreshing" not in subtitle


async def test_loading_files_that_breaks_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_stories(tmp_path, linked_stories())

    def broken_batches(*args: object, **kwargs: object) -> Iterator[Batch]:
        yield Batch()  # the first batch, read before the first paint
        raise OSError("the disk went away")  # then, in the loading thread

    monkeypatch.setattr("tui.ui.start_up.load_batches", broken_batches)
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(app.notices))
        messages = list(app.notices)
    assert any("the disk went away" in message for message in messages)
