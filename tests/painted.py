"""What each frame the app paints shows: the reading pane's scroll, frame by frame."""

from __future__ import annotations

from typing import Any

import pytest

from tui.ui.app import BelgaApp
from tui.ui.widgets.story_view import StoryView


def scrolls_painted(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The reading pane's ``scroll_y`` at each frame painted from now on (every app)."""
    frames: list[float] = []
    display = BelgaApp._display

    def counting(app: BelgaApp, screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(app.reader.query_one(StoryView).scroll_y)
        display(app, screen, renderable)

    monkeypatch.setattr(BelgaApp, "_display", counting)
    return frames
