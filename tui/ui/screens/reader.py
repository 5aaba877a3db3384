"""The main screen: article list, reading pane and related-links sidebar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen

from tui.core.document import Link
from tui.core.fetch_errors import FetchError
from tui.core.history import History
from tui.core.library import Library
from tui.core.related import related_links
from tui.core.render import PreparedStory, prepare_story
from tui.core.story import Story
from tui.ui.memory import settle_memory
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from tui.core.client import NewsroomClient


class ReaderScreen(Screen[None]):
    """Routes what the panes ask for: open a story, follow a link, go back and forward."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("H,backspace", "back", "Back", id="reader.back"),
        Binding("L", "forward", "Forward", id="reader.forward"),
    ]

    def __init__(
        self, library: Library, client: Callable[[], NewsroomClient] | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self._client = client
        self.history: History[str] = History()
        self._positions: dict[str, int] = {}

    @property
    def client(self) -> NewsroomClient | None:
        """The newsroom client, made when first needed (after the first paint)."""
        return self._client() if self._client is not None else None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield StoryList(id="stories")
            yield StoryView(id="reader")
            yield RelatedLinks(id="related")
        yield KeyBar()

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
        # The story first: the sidebar is filled once the story is on screen.
        self.call_after_refresh(self._show_related, prepared)
        self.query_one(StoryList).mark_opened(story.key)
        self.refresh_bindings()

    def _show_related(self, prepared: PreparedStory) -> None:
        entries = [self._entry(link) for link in related_links(prepared.links)]
        self.query_one(RelatedLinks).show_entries(entries, self.client)

    def _find(self, url: str) -> Story | None:
        """The story at ``url`` if it is at hand: loaded from disk or fetched already."""
        story = self.library.find(url)
        if story is None and self.client is not None:
            story = self.client.cached(url) if self.client.can_fetch(url) else None
            if story is not None:
                self.library.add([story])
        return story

    def _entry(self, link: Link) -> RelatedEntry:
        story = self._find(link.url)
        if story is not None:
            return RelatedEntry(link, LinkState.AVAILABLE, story)
        if self.client is not None and self.client.can_fetch(link.url):
            return RelatedEntry(link, LinkState.WAITING)
        return RelatedEntry(link, LinkState.REMOTE)

    def follow(self, link: Link) -> None:
        """Open ``link`` inline when it is a story belga can get; otherwise offer the URL."""
        story = self._find(link.url)
        if story is not None:
            self.open_story(story)
        elif link.is_story and self.client is not None and self.client.can_fetch(link.url):
            self._open_remote(link)
        else:
            self.app.push_screen(ExternalLinkScreen(link))

    @work(exclusive=True, group="open-remote", exit_on_error=False)
    async def _open_remote(self, link: Link) -> None:
        """Fetch ``link``'s story (or wait for the sidebar's fetch of it) and show it."""
        assert self.client is not None
        name = link.title or link.url
        self.notify(f"Opening [{link.number}] {name}…", timeout=2)
        try:
            story = await self.client.fetch_story(link.url)
        except FetchError as error:
            self.notify(
                f"[{link.number}] {name}: {error.reason}.\nPress r on it in the sidebar "
                "to try again.",
                title="Could not open the story",
                severity="error",
                timeout=8,
            )
            return
        self.library.add([story])
        self.open_story(story)

    def on_story_view_complete(self, event: StoryView.Complete) -> None:
        settle_memory()

    def on_related_links_resolved(self, event: RelatedLinks.Resolved) -> None:
        if event.entry.story is not None:
            self.library.add([event.entry.story])

    def open_key(self, key: str) -> None:
        """Open the story listed under ``key``: at hand, or fetched."""
        story = self._find(key)
        if story is not None:
            self.open_story(story)
        elif self.client is not None and self.client.can_fetch(key):
            self._open_remote(Link(0, key, key, is_story=True))
        else:
            self.notify(f"{key} is not at hand and cannot be fetched.", severity="error")

    def on_story_list_selected(self, event: StoryList.Selected) -> None:
        self.open_key(event.entry.key)
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
