"""The article list with what narrows it: a live filter and the saved-stories view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Input, Static

from tui.core.model.dates import long_date
from tui.core.model.listing import Entry, Marks
from tui.core.model.text import fold
from tui.ui.widgets.story_list import StoryList

Search = Callable[[str], set[str]]
"""Keys of stored stories whose text holds every word of a query."""


class FilterInput(Input):
    cursor_blink = reactive(False, init=False)
    """A blinking cursor rewrites the screen twice a second: bytes over SSH for nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear the filter", id="filter.clear"),
        Binding("enter", "keep_filter", "Keep the filter", id="filter.keep"),
        Binding("down", "keep_filter", "To the list", show=False, id="filter.down"),
    ]

    def _list(self) -> StoryList:
        assert self.parent is not None
        return self.parent.query_one(StoryList)

    def action_clear_filter(self) -> None:
        self.value = ""
        self.display = False
        self._list().focus()

    def action_keep_filter(self) -> None:
        self.display = bool(self.value)
        self._list().focus()


class Headline(Static):
    """The highlighted story's whole title, its source and date, under the list: a
    headline cut short in its row is still readable without opening the story."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"headline--about"}

    text = ""
    """What the line says, as plain text."""

    def show(self, entry: Entry | None) -> None:
        if entry is None:
            self.text = ""
            self.update("")
            return
        about = " · ".join(part for part in (entry.source, long_date(entry.published_at)) if part)
        text = Text(entry.title, style="bold", overflow="ellipsis")
        if about:
            text.append(f"  {about}", style=self.get_component_rich_style("headline--about"))
        self.text = text.plain
        self.update(text)


class ListPane(Vertical):
    """All the stories, or the saved ones, narrowed by the words typed after ``/``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="list.filter"),
        Binding("S", "saved_view", "Saved stories", id="list.saved_view"),
    ]

    def __init__(
        self, *, id: str | None = None, search: Search | None = None, marks: Marks | None = None
    ) -> None:
        super().__init__(id=id)
        self._all: list[Entry] = []
        self._folded: dict[str, str] = {}
        self.saved_only = False
        self._search = search
        self._marks = marks
        self._narrowed: tuple[str, list[Entry]] | None = None
        """The last filter text and what it showed: typing on narrows that, not all."""
        self._note = ""
        """What is said in place of the list while it is empty (loading, or why not)."""

    def on_mount(self) -> None:
        self._title(len(self._all))

    def compose(self) -> ComposeResult:
        filter_input = FilterInput(placeholder="words in titles and stories", id="filter")
        filter_input.display = False
        yield filter_input
        note = Static(id="list-note")
        note.display = False
        yield note
        yield StoryList(id="stories", marks=self._marks)
        yield Headline(id="headline")

    @property
    def entries(self) -> list[Entry]:
        """Every story of the list, whatever is shown."""
        return self._all

    @property
    def filter_text(self) -> str:
        return self.query_one(FilterInput).value.strip()

    def set_entries(self, entries: Iterable[Entry]) -> None:
        self._narrowed = None
        self._all = list(entries)
        self._folded = {entry.key: fold(entry.title) for entry in self._all}
        self._show()
        self._show_note()

    @property
    def note(self) -> str:
        """What the list says while it is empty; "" when nothing."""
        return self._note if not self._all else ""

    def say(self, note: str) -> None:
        """Say ``note`` in place of the list while it is empty (what is being loaded, or
        why nothing came): kept until another note or the first stories; "" removes it."""
        self._note = note
        self._show_note()

    def _show_note(self) -> None:
        shown = self.query_one("#list-note", Static)
        shown.update(Text(self.note))  # URLs and server words: plain text, not markup
        shown.display = bool(self.note)

    def marks_changed(self, keys: Iterable[str], *, saved: bool = False) -> None:
        """The marks of ``keys`` changed (``saved``: their saved marks)."""
        if saved and self.saved_only:
            self._narrowed = None
            self._show()  # a story left (or joined) the saved view
        else:
            self.query_one(StoryList).marks_changed(keys)

    def _show(self) -> None:
        story_list = self.query_one(StoryList)
        text = self.filter_text
        narrowed = self._narrowed
        if narrowed is not None and text.startswith(narrowed[0]) and narrowed[0]:
            # A letter typed at the end can only narrow what was shown: every word
            # matches at the start of a word (the store) or inside a title.
            shown = narrowed[1]
        else:
            shown = self._all
            if self.saved_only:
                shown = [entry for entry in shown if story_list.marks.is_saved(entry.key)]
        words = fold(text).split()
        if words:
            found = self._search(text) if self._search is not None else set()
            folded = self._folded
            shown = [
                entry
                for entry in shown
                if entry.key in found or all(w in folded.get(entry.key, "") for w in words)
            ]
        self._narrowed = (text, shown)
        story_list.set_stories(shown)
        self.query_one(Headline).show(story_list.highlighted)
        self._title(len(shown))
        self.refresh_bindings()  # q steps back from a filter or the saved view, else quits

    @on(StoryList.Highlighted)
    def _highlighted(self, event: StoryList.Highlighted) -> None:
        self.query_one(Headline).show(event.entry)

    def _title(self, count: int) -> None:
        what = "Saved" if self.saved_only else "Stories"
        total = len(self._all)
        if self.filter_text:
            title = f"{what}: “{self.filter_text}” ({count} of {total})"
        elif self.saved_only:
            title = f"{what} ({count})"
        else:
            title = f"{what} ({total})" if total else what
        self.border_title = Text(title)  # the filter is typed text, not markup

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show()

    @property
    def narrowed(self) -> bool:
        """Whether a filter or the saved view narrows the list (``q`` leaves them)."""
        return bool(self.query_one(FilterInput).value) or self.saved_only

    def leave_view(self) -> bool:
        """Clear the filter, else leave the saved view; False when neither was on."""
        filter_input = self.query_one(FilterInput)
        if filter_input.value:
            filter_input.value = ""
            filter_input.display = False
            self._show()
            return True
        if self.saved_only:
            self.action_saved_view()
            return True
        return False

    def action_filter(self) -> None:
        filter_input = self.query_one(FilterInput)
        filter_input.display = True
        filter_input.focus()

    def action_saved_view(self) -> None:
        self.saved_only = not self.saved_only
        self._narrowed = None
        self._show()
        self.query_one(StoryList).focus()
