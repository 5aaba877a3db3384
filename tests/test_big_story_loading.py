"""A big story file says what is under way, where the reader looks (tester report 3: a
15 MB story file, ``belga big.json``, showed 3.8 s of an empty pane, no word of loading,
before its text): the file read is said at once in the reading pane and the empty list,
then the build of its document, and the keys keep answering meanwhile."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.core.loader
import tui.core.render.render
import tui.ui.screens.ready
from tests.terminal import Terminal, installed_command
from tests.waiting import until
from tui.core.model.story import Story
from tui.core.render.render import PreparedStory
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_view import StoryView


def big_story(folder: Path, megabytes: float) -> Path:
    words = "word " * int(megabytes * 1024 * 1024 / 5)
    path = folder / "big.json"
    story = {"title": "Huge body", "published_at": "2026-11-29 10:00:00", "slug": "big"}
    path.write_text(json.dumps({**story, "body": f"<p>{words}</p>"}))
    return path


def first_row(app: BelgaApp) -> str:
    return app.reader.query_one(StoryView).render_line(0).text.strip()


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds what the test gates until it is set (and at its end, for the thread)."""
    event = threading.Event()
    yield event
    event.set()


async def test_a_big_story_file_is_said_while_it_is_read(
    tmp_path: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_story(tmp_path, 3)
    loaded = tui.core.loader.load_story_file

    def held(file: Path) -> Story | tui.core.loader.Problem:
        gate.wait(5)  # (read before the first paint, it would hold the test 5 s, then fail)
        return loaded(file)

    monkeypatch.setattr(tui.core.loader, "load_story_file", held)
    app = create_app([path])
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        assert first_row(app) == "Reading big.json (3 MB)…"
        assert app.reader.query_one(ListPane).note == "Reading big.json (3 MB)…"
        await pilot.press("question_mark")  # the keys answer meanwhile
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), timeout=2)
        await pilot.press("escape")
        gate.set()
        await until(pilot, lambda: first_row(app) == "Huge body")
        assert app.reader.query_one(ListPane).note == ""


async def test_a_folder_whose_first_file_is_big_says_it_is_read(
    tmp_path: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_story(tmp_path, 2)
    (tmp_path / "small.json").write_text(json.dumps({"title": "Small", "body": "<p>x</p>"}))
    loaded = tui.core.loader.load_story_file

    def held(file: Path) -> Story | tui.core.loader.Problem:
        gate.wait(5)
        return loaded(file)

    monkeypatch.setattr(tui.core.loader, "load_story_file", held)
    app = create_app([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.reader.query_one(ListPane).note == "Reading the story files…"
        gate.set()
        await until(pilot, lambda: app.newsroom.listed_count == 2)
        assert app.reader.query_one(ListPane).note == ""


async def test_a_big_story_says_it_is_loading_while_it_is_built(
    tmp_path: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_story(tmp_path, 0.5)  # read before the first paint, built in a thread
    prepare = tui.core.render.render.prepare_story

    def held(story: Story) -> PreparedStory:
        gate.wait(5)
        return prepare(story)

    monkeypatch.setattr(tui.ui.screens.ready, "prepare_story", held)
    app = create_app([path])
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        assert first_row(app) == "Loading the story (512 KB)…"
        gate.set()
        await until(pilot, lambda: first_row(app) == "Huge body")


def test_belga_says_at_once_that_it_reads_a_15_mb_story(tmp_path: Path) -> None:
    """The installed belga in a real terminal: the word comes before the story's text."""
    path = big_story(tmp_path, 15)
    env = {"BELGA_CACHE_DIR": str(tmp_path / "cache"), "BELGA_CONFIG_DIR": str(tmp_path)}
    with Terminal([installed_command(), str(path)], columns=100, lines=30, env=env) as term:
        term.wait_for("Huge body", timeout=60)
        shown = bytes(term.received)
        assert b"Reading big.json (15 MB)" in shown
        assert shown.index(b"Reading big.json") < shown.index(b"Huge body")
