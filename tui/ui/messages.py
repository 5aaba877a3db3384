"""The one request to open something, posted by whichever pane the user chose it in."""

from __future__ import annotations

from enum import Enum

from textual.message import Message
from textual.widget import Widget

from tui.core.model.record import record
from tui.core.render.document import Link


class Origin(Enum):
    """Where the user chose what to open."""

    LIST = "list"
    """A line of the story list: ``link.url`` is the story's key (a URL or a file path)."""
    STORY = "story"
    """A numbered link (or hint) of the story being read."""
    RELATED = "related"
    """An entry of the related-links sidebar."""


@record
class OpenStory(Message):
    """Open this story or link (the screen decides how: at hand, fetched, or offered)."""

    link: Link
    origin: Origin


def send_open(widget: Widget, link: Link, origin: Origin) -> None:
    """Ask the screen of ``widget`` to open ``link``: posted to the screen itself.

    Bubbling would take one trip through the event loop per ancestor; meanwhile the
    screen goes idle and paints what the key changed (a 10-20 ms compositor pass) before
    it hears the request, which then goes out that much later. Posted to the screen,
    the request is handled before that paint (the paint then costs the reader nothing:
    it happens while the answer is on its way).
    """
    widget.screen.post_message(OpenStory(link, origin))
