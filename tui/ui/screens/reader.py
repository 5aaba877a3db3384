"""The main screen: article list, reading pane and related-links sidebar."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from tui.core.document import Link
from tui.core.history import History
from tui.core.library import Library
from tui.core.related import related_links
from tui.core.render import PreparedStory, prepare_story
from tui.core.story import Story
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView


class ReaderScreen(Screen[None]):
    """Routes what the panes ask for: open a story, follow a link, go back and forward."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("H,backspace", "back", "Back", id="reader.back"),
        Binding("L", "forward", "Forward", id="reader.forward"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.history: History[str] = History()
        self._positions: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield StoryList(id="stories")
            yield StoryView(id="reader")
            yield RelatedLinks(id="related")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StoryList).border_title = "Stories"
        self.query_one(RelatedLinks).border_title = "Related"

    # --- opening stories --------------------------------------------------------------

    @property
    def current(self) -> Story | None:
        key = self.history.current
        return self.library.find(key) if key else None

    def open_story(self, story: Story, *, record: bool = True, scroll_y: int = 0) -> None:
        """Show ``story`` in the reading pane, with its related links in the sidebar."""
        view = self.query_one(StoryView)
        if record:
            self._remember_position()
            self.history.visit(story.key)
        prepared = prepare_story(story)
        view.show(prepared, scroll_y)
        view.border_title = story.host or "story"
        self._show_related(prepared)
        self.query_one(StoryList).mark_opened(story)
        self.refresh_bindings()

    def _show_related(self, prepared: PreparedStory) -> None:
        entries = []
        for link in related_links(prepared.links):
            story = self.library.find(link.url)
            state = LinkState.AVAILABLE if story else LinkState.REMOTE
            entries.append(RelatedEntry(link, state, story))
        self.query_one(RelatedLinks).show_entries(entries)

    def follow(self, link: Link) -> None:
        """Open ``link`` inline when its story is at hand; otherwise say what it is."""
        story = self.library.find(link.url)
        if story is not None:
            self.open_story(story)
        elif link.is_story:
            self.notify(
                f"[{link.number}] {link.title or link.url}\nThis story is not in the stories "
                "loaded; fetching linked stories from the network comes with the next release.",
                title="Needs the network",
                severity="warning",
            )
        else:
            self.notify(f"[{link.number}] {link.url}", title="External link")

    def on_story_list_selected(self, event: StoryList.Selected) -> None:
        self.open_story(event.story)
        self.query_one(StoryView).focus()

    def on_story_view_link_chosen(self, event: StoryView.LinkChosen) -> None:
        self.follow(event.link)

    def on_related_links_chosen(self, event: RelatedLinks.Chosen) -> None:
        self.follow(event.link)

    # --- history ----------------------------------------------------------------------

    def _go(self, key: str | None) -> None:
        story = self.library.find(key) if key else None
        if story is not None:
            self.open_story(story, record=False, scroll_y=self._positions.get(story.key, 0))

    def action_back(self) -> None:
        if self.history.can_go_back:
            self._remember_position()
            self._go(self.history.back())

    def action_forward(self) -> None:
        if self.history.can_go_forward:
            self._remember_position()
            self._go(self.history.forward())

    def _remember_position(self) -> None:
        if self.history.current is not None:
            self._positions[self.history.current] = int(self.query_one(StoryView).scroll_y)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.history.can_go_back
        if action == "forward":
            return self.history.can_go_forward
        return True
