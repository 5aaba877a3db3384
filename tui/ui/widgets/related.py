"""The related-links sidebar: the stories an article links to, and what state each is in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.document import Link
from tui.core.story import Story
from tui.ui.format import short_date


class LinkState(Enum):
    AVAILABLE = "available"  # the story is at hand: opens at once
    REMOTE = "remote"  # on the network, not fetched
    WAITING = "waiting"  # queued for fetching
    LOADING = "loading"
    FAILED = "failed"


_STATE_LABELS = {
    LinkState.AVAILABLE: "✓ ready",
    LinkState.REMOTE: "⇣ needs the network",
    LinkState.WAITING: "… waiting",
    LinkState.LOADING: "⟳ loading",
    LinkState.FAILED: "✗ failed",
}


@dataclass
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
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "related--number",
        "related--state",
        "related--failed",
        "related--ready",
    }

    @dataclass
    class Chosen(Message):
        link: Link

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[RelatedEntry] = []

    @property
    def entries(self) -> list[RelatedEntry]:
        return self._entries

    def show_entries(self, entries: list[RelatedEntry]) -> None:
        self._entries = entries
        self.clear_options()
        self.add_options(Option(self._prompt(entry), id=str(i)) for i, entry in enumerate(entries))
        self.border_title = f"Related ({len(entries)})" if entries else "Related"
        if entries:
            self.highlighted = 0

    def update_entry(self, entry: RelatedEntry) -> None:
        """Redraw ``entry`` after its state changed."""
        if entry in self._entries:
            index = self._entries.index(entry)
            self.replace_option_prompt_at_index(index, self._prompt(entry))

    def _prompt(self, entry: RelatedEntry) -> Text:
        number = self.get_component_rich_style("related--number")
        state = self.get_component_rich_style("related--state")
        title = entry.story.title if entry.story else entry.link.title or entry.link.url
        text = Text.assemble((f"[{entry.link.number}] ", number), title)
        label = _STATE_LABELS[entry.state]
        if entry.state is LinkState.FAILED:
            label = f"{label}: {entry.reason}" if entry.reason else label
            state = self.get_component_rich_style("related--failed")
        elif entry.state is LinkState.AVAILABLE:
            state = self.get_component_rich_style("related--ready")
            if entry.story is not None and entry.story.published_at is not None:
                label = f"{label} · {short_date(entry.story.published_at)}"
        text.append(f"\n{label}", state)
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self._entries[event.option_index].link))
