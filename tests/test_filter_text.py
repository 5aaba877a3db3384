"""The list filter finds words in the text of the stories at hand too (tester report,
item 8): in ``--demo`` and folder mode ``/quayside`` found nothing although a body
held it; only the store's stories were searched."""

from __future__ import annotations

import json
from pathlib import Path

from tests.stories import story, write_stories
from tests.waiting import settle
from tui.cli import demo_folder
from tui.core.model.story import parse_story_bytes
from tui.core.newsroom import SEARCH_CHARS, Newsroom
from tui.ui.app import create_app
from tui.ui.widgets.story_list import StoryList


def three_stories(folder: Path) -> Path:
    return write_stories(
        folder,
        {
            "a": story("a", "Harbour plan", "2026-11-20 09:00:00", "<p>Met Mr Prévot.</p>"),
            "b": story("b", "Bridge works", "2026-11-19 09:00:00", "<p>On the QUAYSIDE.</p>"),
            "c": story("c", "Train delays", "2026-11-18 09:00:00", "<p>Nothing else.</p>"),
        },
    )


def test_the_stories_at_hand_are_searched_folded() -> None:
    newsroom = Newsroom(None)  # no store at all
    documents = {"x": "<p>Rendez-vous à Liège, quai Prévot.</p>", "y": "<p>Nothing.</p>"}
    newsroom.add(
        parse_story_bytes(
            json.dumps({"title": name, "body": body}).encode(), f"/stories/{name}.json"
        )
        for name, body in documents.items()
    )
    assert newsroom.search("liege PREVOT") == {"/stories/x.json"}
    assert newsroom.search("quai nothing") == set()
    assert newsroom.search("  ") == set()


def test_only_the_start_of_a_long_story_is_searched() -> None:
    """Bounded: a story's first SEARCH_CHARS characters of text are searched."""
    newsroom = Newsroom(None)
    body = "<p>" + "word " * (SEARCH_CHARS // 5) + "needle</p>"
    newsroom.add([parse_story_bytes(json.dumps({"title": "t", "body": body}).encode(), "/l")])
    assert newsroom.search("word") == {"/l"}
    assert newsroom.search("needle") == set()


async def test_the_filter_finds_words_in_story_files(tmp_path: Path) -> None:
    app = create_app([three_stories(tmp_path / "stories")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.query_one(StoryList).focus()
        await pilot.press("slash", *"quaysid")
        titles = [entry.title for entry in app.reader.query_one(StoryList).stories]
        assert titles == ["Bridge works"]
        await pilot.press("ctrl+u", *"prevot")
        titles = [entry.title for entry in app.reader.query_one(StoryList).stories]
        assert titles == ["Harbour plan"]


async def test_the_filter_finds_words_in_the_demo() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.query_one(StoryList).focus()
        await pilot.press("slash", *"quayside")
        shown = app.reader.query_one(StoryList).stories
        assert shown and all("quayside" not in entry.title.lower() for entry in shown)
