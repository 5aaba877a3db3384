"""The request to open something goes to the screen in one step (``send_open``), not up
through every pane: each hop is a trip through the event loop, and meanwhile the screen
paints what the key changed before it hears what to fetch."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from tui.core.render.document import Link
from tui.ui.messages import OpenStory, Origin, send_open


class Pane(Vertical):
    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    def on_open_story(self, event: OpenStory) -> None:
        self.seen.append("pane")


class Leaf(Widget):
    pass


class Deep(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(), Pane(self.seen):
            yield Leaf()

    def on_open_story(self, event: OpenStory) -> None:
        self.seen.append(f"screen {event.link.url} {event.origin.value}")


class Intents(App[None]):
    def get_default_screen(self) -> Deep:
        return Deep()


async def test_the_screen_hears_the_request_without_the_panes_between() -> None:
    app = Intents()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Deep)
        send_open(screen.query_one(Leaf), Link(3, "https://example.org/a", "A"), Origin.STORY)
        await pilot.pause()
        # Posted through the panes, the pane between would have heard it first.
        assert screen.seen == ["screen https://example.org/a story"]
