"""What the tests of belga's own drawing (line_styles, alike_rows, scrollbar) share: the
app on a folder of linked stories, in colour and with NO_COLOR, and strips compared
segment by segment."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.strip import Strip

from tests.stories import linked_stories, write_stories
from tui.ui.app import BelgaApp, create_app


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


@pytest.fixture(params=[False, True], ids=["colour", "NO_COLOR"])
def both_colours(
    request: pytest.FixtureRequest, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> BelgaApp:
    """The app on ``folder``, once in colour and once with NO_COLOR set."""
    if request.param:
        monkeypatch.setenv("NO_COLOR", "1")
    return create_app([folder])


def segments(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]
