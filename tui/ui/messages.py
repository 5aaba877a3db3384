"""The one request to open something, posted by whichever pane the user chose it in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from textual.message import Message

from tui.core.render.document import Link


class Origin(Enum):
    """Where the user chose what to open."""

    LIST = "list"
    """A line of the story list: ``link.url`` is the story's key (a URL or a file path)."""
    STORY = "story"
    """A numbered link (or hint) of the story being read."""
    RELATED = "related"
    """An entry of the related-links sidebar."""


@dataclass
class OpenStory(Message):
    """Open this story or link (the screen decides how: at hand, fetched, or offered)."""

    link: Link
    origin: Origin
