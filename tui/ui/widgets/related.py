"""The related-links sidebar: the stories an article links to, fetched as the user reads.

The sidebar fetches its own entries (workers on the widget that shows the result), a few
at a time, and shows each one's state as it changes. Showing another story's links
cancels every fetch of the previous entries, so nothing fetched for the wrong story can
land here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Final

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.document import Link
from tui.core.fetch_errors import FetchError
from tui.core.story import Story
from tui.core.summary import opening
from tui.ui.format import short_date

if TYPE_CHECKING:
    from tui.core.newsroom import Newsroom

FETCH_GROUP: Final = "related-fetch"
ENTRY_BATCH: Final = 8


class LinkState(Enum):
    AVAILABLE = "available"  # the story is at hand: opens at once
    REMOTE = "remote"  # on a site belga does not fetch from
    OFFLINE = "offline"  # not kept from before, and belga is offline
    WAITING = "waiting"  # queued for fetching
    LOADING = "loading"
    FAILED = "failed"


_STATE_LABELS: Final = {
    LinkState.AVAILABLE: "✓",
    LinkState.REMOTE: "↗ other site: not fetched",
    LinkState.OFFLINE: "⊘ offline: not fetched before",
    LinkState.WAITING: "… waiting",
    LinkState.LOADING: "⟳ loading",
    LinkState.FAILED: "✗",
}


@dataclass(eq=False)
class RelatedEntry:
    link: Link
    state: LinkState
    story: Story | None = None
    reason: str = ""


class RelatedLinks(OptionList):
    """Lists the related stories of the story shown; Enter opens one inline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="related.down"),
        Binding("k", "cursor_up", "Up", show=False, id="related.up"),
        Binding("g", "first", "First", show=False, id="related.first"),
        Binding("G", "last", "Last", show=False, id="related.last"),
        Binding("enter", "select", "Open the story inline", id="related.open"),
        Binding("r", "retry", "Retry a failed link", id="related.retry"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "related--number",
        "related--state",
        "related--failed",
        "related--ready",
        "related--preview",
    }

    @dataclass
    class Chosen(Message):
        """The user chose an entry."""

        link: Link

    @dataclass
    class Resolved(Message):
        """An entry's story arrived (or failed to)."""

        entry: RelatedEntry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[RelatedEntry] = []
        self._newsroom: Newsroom | None = None
        self._slots = asyncio.Semaphore(1)

    @property
    def entries(self) -> list[RelatedEntry]:
        return self._entries

    def show_entries(self, entries: list[RelatedEntry], newsroom: Newsroom | None = None) -> None:
        """Show ``entries``; with a newsroom that can fetch, fetch those that are WAITING."""
        self.workers.cancel_group(self, FETCH_GROUP)
        self._entries = entries
        self._newsroom = newsroom
        client = newsroom.client if newsroom is not None else None
        if client is not None:
            # The sidebar's own limit, the same as the client's, so that "loading" means
            # a request is really on its way and the rest honestly say "waiting".
            self._slots = asyncio.Semaphore(client.settings.max_in_flight)
        self.clear_options()
        self._add_batch(entries, 0)
        self.border_title = f"Related ({len(entries)})" if entries else "Related"
        if entries:
            self.highlighted = 0
        for entry in entries:
            if entry.state is LinkState.WAITING:
                self._fetch(entry)

    def _add_batch(self, entries: list[RelatedEntry], start: int) -> None:
        """Add entries a batch at a time: a story with hundreds of links must not hold
        the keys up while its sidebar is measured."""
        if entries is not self._entries:
            return  # another story's links are shown now
        batch = entries[start : start + ENTRY_BATCH]
        self.add_options(Option(self._prompt(entry)) for entry in batch)
        if start + ENTRY_BATCH < len(entries):
            # A timer, not call_later: queued callbacks would all run before any key.
            self.set_timer(0.002, partial(self._add_batch, entries, start + ENTRY_BATCH))

    def update_entry(self, entry: RelatedEntry) -> None:
        """Redraw ``entry`` after its state changed; entries no longer shown are ignored."""
        for index, shown in enumerate(self._entries):
            if shown is entry and index < self.option_count:
                self.replace_option_prompt_at_index(index, self._prompt(entry))

    def entry_for(self, link: Link) -> RelatedEntry | None:
        return next((e for e in self._entries if e.link.number == link.number), None)

    # --- fetching ---------------------------------------------------------------------

    @work(group=FETCH_GROUP, exit_on_error=False)
    async def _fetch(self, entry: RelatedEntry) -> None:
        newsroom = self._newsroom
        if newsroom is None:
            return
        async with self._slots:
            self._set_state(entry, LinkState.LOADING)
            try:
                story = await newsroom.story(entry.link.url)
            except FetchError as error:
                self._set_state(entry, LinkState.FAILED, reason=error.reason)
            else:
                self._set_state(entry, LinkState.AVAILABLE, story=story)
        self.post_message(self.Resolved(entry))

    def _set_state(
        self, entry: RelatedEntry, state: LinkState, *, story: Story | None = None, reason: str = ""
    ) -> None:
        entry.state, entry.reason = state, reason
        entry.story = story or entry.story
        self.update_entry(entry)

    def action_retry(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._entries):
            return
        entry = self._entries[index]
        if entry.state is LinkState.FAILED and self._newsroom is not None:
            self._set_state(entry, LinkState.WAITING)
            self._fetch(entry)
        else:
            self.notify("Only a link that failed can be retried.", timeout=3)

    # --- painting ---------------------------------------------------------------------

    def _prompt(self, entry: RelatedEntry) -> Text:
        number = self.get_component_rich_style("related--number")
        state_style = self.get_component_rich_style("related--state")
        title = entry.story.title if entry.story else entry.link.title or entry.link.url
        text = Text.assemble((f"[{entry.link.number}] ", number), title)
        label = _STATE_LABELS[entry.state]
        if entry.state is LinkState.FAILED:
            label = f"{label} {entry.reason or 'failed'} · r to retry"
            state_style = self.get_component_rich_style("related--failed")
        elif entry.state is LinkState.AVAILABLE:
            state_style = self.get_component_rich_style("related--ready")
            story = entry.story
            date = short_date(story.published_at) if story else ""
            label = f"{label} {date}".rstrip()
            preview = opening(story, 90) if story else ""
            if preview:
                text.append(f"\n{preview}", self.get_component_rich_style("related--preview"))
        text.append(f"\n{label}", state_style)
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index >= len(self._entries):
            return
        self.post_message(self.Chosen(self._entries[event.option_index].link))
