"""Odd local files and very many of them (issue 10, item 6).

Only regular files are read: a FIFO named ``x.json`` used to block before the first
paint (``q`` and Ctrl+C included) and a symlink to ``/dev/zero`` passed the size check
and was read until memory ran out. Reading is bounded by the bytes read, not by the
size a file claims. And the list is re-sorted a bounded number of times while files
load, however many there are: 50,000 files took 149 s to list, 2.3 s to read.
"""

from __future__ import annotations

import json
import math
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.core.loader import MAX_STORY_BYTES, Problem, load_all, load_story_file
from tui.ui import start_up
from tui.ui.app import create_app
from tui.ui.screens.reader import ReaderScreen
from tui.ui.start_up import FIRST_BATCH

pytestmark = [
    pytest.mark.timeout(30),
    pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and sockets are POSIX"),
]


@pytest.fixture
def odd_folder(tmp_path: Path) -> Iterator[Path]:
    folder = write_stories(tmp_path / "stories", linked_stories())
    os.mkfifo(folder / "fifo.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "null.json").symlink_to("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.json"))
    try:
        yield folder
    finally:
        server.close()


def reasons(problems: list[Problem]) -> dict[str, str]:
    return {Path(problem.path).name: problem.reason for problem in problems}


def test_only_regular_files_are_read(odd_folder: Path) -> None:
    loaded = load_all([odd_folder])
    assert {story.title for story in loaded.stories} == {
        doc["title"] for doc in linked_stories().values()
    }
    found = reasons(loaded.problems)
    assert set(found) == {"fifo.json", "zero.json", "null.json", "socket.json"}
    assert "not a regular file" in found["fifo.json"]
    assert "not a regular file" in found["zero.json"]


def test_a_fifo_named_on_the_command_line_is_not_read(odd_folder: Path) -> None:
    (problem,) = load_all([odd_folder / "fifo.json"]).problems
    assert "not a regular file" in problem.reason


def test_reading_is_bounded_by_the_bytes_read(tmp_path: Path) -> None:
    """A file that grows after its size was looked at is still cut at the limit."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_STORY_BYTES + 10))
    result = load_story_file(path)
    assert isinstance(result, Problem)
    assert "too large" in result.reason


async def test_the_app_starts_beside_odd_files(odd_folder: Path) -> None:
    app = create_app([odd_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.reader.all_entries) == len(linked_stories())
        assert len(app.problems) == 4


def many_stories(folder: Path, count: int) -> Path:
    folder.mkdir()
    for index in range(count):
        document = {
            "title": f"Story {index}",
            "published_at": f"2026-01-{1 + index % 28:02d} 10:{index % 60:02d}:00",
            "url": f"https://newsroom.example/story-{index}",
            "body": "<p>Text.</p>",
        }
        (folder / f"{index:05d}.json").write_text(json.dumps(document))
    return folder


async def test_the_list_is_sorted_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when every batch is due (no pause between re-sorts), the list is re-sorted
    only as it doubles: the work stays linear in the number of files."""
    count = 6000
    folder = many_stories(tmp_path / "many", count)
    monkeypatch.setattr(start_up, "LIST_REFRESH_SECONDS", 0.0)
    calls: list[int] = []
    original = ReaderScreen.set_entries

    def counted(self: ReaderScreen, entries: Any, **options: Any) -> None:
        listed = list(entries)
        calls.append(len(listed))
        original(self, listed, **options)

    monkeypatch.setattr(ReaderScreen, "set_entries", counted)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.reader.all_entries) == count
    bound = 2 + math.log(count / FIRST_BATCH) / math.log(2)
    assert len(calls) <= bound, calls
    assert sum(calls) <= 4 * count
