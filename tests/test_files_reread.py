"""``r`` on story files reads the folder as it is now (tester report 3, "still broken
from round 2"): a file deleted stayed listed (``Stories (3)`` for 2 files) and a file
retitled was not counted, so r said "Nothing new.". Pilot, real files, a real SQLite
store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.waiting import settle, until
from tui.ui.app import create_app
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_list import StoryList

pytestmark = pytest.mark.timeout(60)


def write_story(folder: Path, number: int, title: str) -> Path:
    path = folder / f"s{number}.json"
    story = {"title": title, "content": f"<p>Body {number}.</p>",
             "published_at": f"2026-11-2{number}T09:00:00Z"}  # fmt: skip
    path.write_text(json.dumps(story))
    return path


async def test_r_lists_the_folder_as_it_is_and_says_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    paths = [write_story(folder, number, f"File story {number}") for number in range(3)]
    app = create_app([folder], store=tmp_path / "belga.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        stories = app.reader.query_one(StoryList)
        await until(pilot, lambda: len(stories.stories) == 3)
        await settle(pilot)
        paths[0].unlink()
        write_story(folder, 1, "File story 1 RETITLED")
        stories.focus()
        await pilot.press("r")
        await until(pilot, lambda: "gone" in " ".join(app.notices) or "Nothing" in app.notices[-1])
        await settle(pilot)
        assert app.notices[-1] == "1 story changed, 1 gone."
        titles = sorted(entry.title for entry in stories.stories)
        assert titles == ["File story 1 RETITLED", "File story 2"]
        assert app.newsroom.listed_count == 2
        assert "(2)" in str(app.reader.query_one(ListPane).border_title)
        # A new file and nothing else: said as new; r again with nothing changed: nothing.
        write_story(folder, 3, "File story 3")
        await pilot.press("r")
        await until(pilot, lambda: app.notices[-1] != "1 story changed, 1 gone.")
        assert app.notices[-1] == "1 new story."
        await settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: app.notices[-1] != "1 new story.")
        assert app.notices[-1] == "Nothing new."
        assert len(stories.stories) == 3
