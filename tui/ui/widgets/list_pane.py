"""The article list with what narrows it: a live filter and the saved-stories view."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, Final

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import Input, Static

from tui.core.model.dates import seconds_to_tomorrow
from tui.core.model.listing import Entry, Marks, Paged, Rows, subset
from tui.core.model.record import record, replace
from tui.core.model.text import clean_line, fold
from tui.ui.frames import FrameHold
from tui.ui.keynames import key_label
from tui.ui.titles import set_title
from tui.ui.widgets.headline import Headline
from tui.ui.widgets.story_list import StoryList, date_width_of, source_width_of

Search = Callable[[str], set[str]]
"""Keys of stored stories whose text holds every word of a query (called in a thread)."""
FILTERS_KEPT: Final = 16
"""How many filter texts' results are kept for Backspace."""


@record(frozen=True)
class Listing:
    """The list as the pane shows it, made once per list (in a thread when it is long):
    the entries, newest first; each title folded, for the filter; the widths of the
    date and source columns, the same whatever the filter leaves. Not ``complete``
    while only the first lines are at hand (:class:`Paged`)."""

    entries: Sequence[Entry] = ()
    keys: Sequence[str] = ()
    folded: Sequence[str] = ()
    date_width: int = 0
    source_width: int = 0
    complete: bool = True


def prepare(entries: Iterable[Entry]) -> Listing:
    """The :class:`Listing` of ``entries``: no Textual state, so it may run in a thread."""
    if isinstance(entries, Paged):
        width = date_width_of(entries)
        return Listing(entries, (), (), width, source_width_of(entries), complete=False)
    if isinstance(entries, Rows):  # the store's lines: keys and titles at hand, no sources
        folded = [fold(title) for title in entries.titles]
        return Listing(entries, entries.keys, folded, date_width_of(entries), 0)
    listed = list(entries)
    keys = [entry.key for entry in listed]
    folded = [fold(entry.title) for entry in listed]
    return Listing(listed, keys, folded, date_width_of(listed), source_width_of(listed))


class FilterInput(Input):
    cursor_blink = reactive(False, init=False)
    """A blinking cursor rewrites the screen twice a second: bytes over SSH for nothing."""
    virtual_size = reactive(Size(0, 0), layout=False)
    """Textual's Input sets its virtual size (the text's width) at every keystroke, and
    the widget's reactive asks for a layout of the whole screen then; this one line high,
    fixed width input's layout never changes: a repaint of it is enough (a Textual
    internal: tests/test_list_loading.py checks that typing lays nothing out)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear the filter", id="filter.clear"),
        Binding("enter", "keep_filter", "Keep the filter", id="filter.keep"),
        Binding("down", "keep_filter", "To the list", show=False, id="filter.down"),
    ]

    def _on_paste(self, event: events.Paste) -> None:
        """A paste is text: its escape sequences removed whole, its lines joined by a
        space. Textual's Input kept the first line only (a paste of two lines lost the
        second without a word), and an ESC as is: ``alpha ESC[31m beta`` pasted showed
        ``^[31mbetaalpha`` (a new user's report)."""
        event.stop()
        event.prevent_default()  # Input's own handler does not run after this one
        text = clean_line(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

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


class ListPane(Vertical):
    """All the stories, or the saved ones, narrowed by the words typed after ``/``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="list.filter"),
        Binding("S", "saved_view", "Saved stories", id="list.saved_view"),
    ]

    def __init__(
        self,
        *,
        id: str | None = None,
        search: Search | None = None,
        marks: Marks | None = None,
        saved: Callable[[], Sequence[Entry]] | None = None,
    ) -> None:
        super().__init__(id=id)
        self._listing = Listing()
        self._saved = saved
        """Every saved line, the front page's or not (outside pages never are on it)."""
        self._saved_listing: Listing | None = None
        """The saved view's list, made when it is shown; forgotten when marks change."""
        self.saved_only = False
        self._search = search
        self._marks = marks
        self._narrowed: tuple[str, list[int]] | None = None
        """The last filter text and the rows it showed: typing on narrows those, not all."""
        self._found: dict[str, list[int]] = {}
        """The rows shown for the last few filter texts (Backspace goes back to one)."""
        self._asked = 0
        """Counts what the list was asked to show: a filter result for an older ask (a
        letter typed since, another list) is dropped, never painted."""
        self._note = ""
        """What is said in place of the list while it is empty (loading, or why not)."""
        self._said = ""
        """The title said last (said again only when it changes: no repaint)."""
        self._narrowed_said = False
        self._hold: FrameHold | None = None
        """Holds the paint of a letter's echo until the list it leaves comes (one frame)."""

    def on_mount(self) -> None:
        self._hold = FrameHold(self.app)
        self._title(len(self._listing.entries), "")
        self._await_tomorrow()

    def _await_tomorrow(self) -> None:
        """At the newsroom's next midnight, today's times become dates (a timer: nothing
        runs meanwhile; a little late rather than early, when the day has turned)."""
        self.set_timer(seconds_to_tomorrow() + 0.05, self._new_day, name="new day")

    def _new_day(self) -> None:
        self._dates_due()
        self._await_tomorrow()

    @on(StoryList.DayTurned)
    def _dates_due(self) -> None:
        """The dates of the lines again, for the newsroom's new day: the date column's
        width (``10:42`` is five cells, ``30 Nov`` six), then every line shown (the list
        draws them all again when it sees its day changed)."""
        listing = self._listing
        self._listing = replace(listing, date_width=date_width_of(listing.entries))
        self._saved_listing = None
        self._narrowed = None
        self._found.clear()
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` is not offered in the filter's own box: there it types a slash."""
        return not (action == "filter" and isinstance(self.app.focused, FilterInput))

    def on_unmount(self) -> None:
        if self._hold is not None:
            self._hold.release()

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
    def entries(self) -> Sequence[Entry]:
        """Every story of the list, whatever is shown."""
        return self._listing.entries

    @property
    def filter_text(self) -> str:
        return self.query_one(FilterInput).value.strip()

    def set_entries(self, entries: Iterable[Entry] | Listing) -> None:
        """Show ``entries`` (made into a :class:`Listing` here, unless it is one already:
        a long list is prepared in a thread)."""
        self._listing = entries if isinstance(entries, Listing) else prepare(entries)
        self._forget_filtering()
        self._show()
        self._show_note()

    def _forget_filtering(self) -> None:
        self._narrowed = None
        self._found.clear()
        self._saved_listing = None

    @property
    def _viewed(self) -> Listing:
        """What the list narrows: the front page, or in the saved view, its saved lines
        followed by the saved ones it does not list (an outside page, a story gone from
        the front page), the last saved first."""
        if not self.saved_only:
            return self._listing
        if self._saved_listing is None:
            listing = self._listing
            is_saved = self.query_one(StoryList).marks.is_saved
            keys = set(listing.keys)
            rows = range(len(listing.keys))
            listed = [listing.entries[row] for row in rows if is_saved(listing.keys[row])]
            others = self._saved() if self._saved is not None else ()
            self._saved_listing = prepare(listed + [e for e in others if e.key not in keys])
        return self._saved_listing

    @property
    def note(self) -> str:
        """What the list says while it is empty; "" when nothing."""
        return self._note if not self._listing.entries else ""

    def say(self, note: str) -> None:
        """Say ``note`` in place of the list while it is empty (what is being loaded, or
        why nothing came): kept until another note or the first stories; "" removes it."""
        self._note = note
        self._show_note()

    def _show_note(self) -> None:
        shown = self.query_one("#list-note", Static)
        if shown.display or self.note:  # a hidden note left hidden paints nothing
            shown.update(Text(self.note))  # URLs and server words: plain text, not markup
            shown.display = bool(self.note)

    def marks_changed(self, keys: Iterable[str], *, saved: bool = False) -> None:
        """The marks of ``keys`` changed (``saved``: their saved marks)."""
        if saved and self.saved_only:
            self._forget_filtering()
            self._show()  # a story left (or joined) the saved view
        else:
            self.query_one(StoryList).marks_changed(keys)

    def _show(self) -> None:
        """Show what the filter text and the saved view leave of the list: at once when
        no words are typed; else from a thread (the store is searched), where a result
        asked for since (another letter, another list) is dropped unpainted."""
        self._asked += 1
        if self.saved_only and not self._listing.complete:
            return  # the saved view goes through every line: set_entries shows it once all are in
        listing = self._viewed
        text = self.filter_text
        words = fold(text).split()
        if not words and not self.saved_only:
            self._narrowed = None
            self._present(text, listing.entries)
            return
        if not listing.complete:
            return  # the filter goes through every line: set_entries shows it once all are in
        narrowed = self._narrowed
        if narrowed is not None and narrowed[0] and text.startswith(narrowed[0]):
            # A letter typed at the end can only narrow what was shown: every word
            # matches at the start of a word (the store) or inside a title.
            rows: Sequence[int] = narrowed[1]
        else:
            rows = range(len(listing.entries))
        if not words:
            self._shown(self._asked, text, list(rows))
        elif text in self._found:
            self._shown(self._asked, text, self._found[text])
        else:
            if self._hold is not None:
                self._hold.hold()  # the echo waits for the list: one frame
            self._filter(self._asked, listing, text, words, rows)

    # A description given: without one, Textual writes the repr of every argument (the
    # whole listing: 85 ms a keystroke over 10,000 stories, profiled).
    @work(thread=True, exclusive=True, group="filter", exit_on_error=False, description="filter")
    def _filter(
        self, asked: int, listing: Listing, text: str, words: list[str], rows: Sequence[int]
    ) -> None:
        """The rows of ``rows`` whose story the store finds for ``text`` or whose title
        holds every word; off the event loop, for the store's search may take a while."""
        found = self._search(text) if self._search is not None else set()
        if asked != self._asked:
            return  # superseded while the store searched
        keys, folded = listing.keys, listing.folded
        if len(words) == 1:
            (word,) = words
            kept = [row for row in rows if keys[row] in found or word in folded[row]]
        else:  # word by word over fewer and fewer titles: all() per row was ~10 ms
            titled: Sequence[int] = rows
            for word in words:
                titled = [row for row in titled if word in folded[row]]
            held = set(titled)
            kept = [row for row in rows if keys[row] in found or row in held]
        self.app.call_from_thread(self._shown, asked, text, kept)

    def _shown(self, asked: int, text: str, rows: list[int]) -> None:
        if asked != self._asked:
            return  # the list or the filter changed since this was asked: not painted
        if len(self._found) >= FILTERS_KEPT:
            del self._found[next(iter(self._found))]
        self._found[text] = rows
        self._narrowed = (text, rows)
        self._present(text, subset(self._viewed.entries, rows))

    def _present(self, text: str, shown: Sequence[Entry]) -> None:
        story_list = self.query_one(StoryList)
        listing = self._viewed
        empty = self._listing.entries and not shown
        story_list.empty_text = self._empty_view(text) if empty else ""
        story_list.set_stories(
            shown, date_width=listing.date_width, source_width=listing.source_width
        )
        self.query_one(Headline).show(story_list.highlighted)
        self._title(len(shown), text)
        if self.narrowed != self._narrowed_said:
            self._narrowed_said = self.narrowed
            self.refresh_bindings()  # q steps back from a filter or the saved view, else quits
        if self._hold is not None:
            self._hold.release()

    def _empty_view(self, text: str) -> str:
        """What the list says when the filter or the saved view leaves nothing: what it is
        and how to fill it, with the keys as the key bar names them (the user's own)."""
        keymap: dict[str, str] = getattr(self.app, "keymap", {})

        def key(binding_id: str, default: str) -> str:
            return key_label(keymap.get(binding_id, default).split(",")[0])

        if text:
            what = "saved story" if self.saved_only else "story"
            return (
                f"No {what} matches “{text}”. {key('filter.clear', 'escape')} clears the"
                f" filter (in the list: {key('app.leave', 'q')})."
            )
        return (
            f"Nothing saved yet. {key('list.toggle_saved', 's')} saves the story under the"
            f" cursor; {key('list.saved_view', 'S')} shows all stories again."
        )

    @on(StoryList.Highlighted)
    def _highlighted(self, event: StoryList.Highlighted) -> None:
        self.query_one(Headline).show(event.entry)

    def _title(self, count: int, text: str) -> None:
        what = "Saved" if self.saved_only else "Stories"
        # Of what the view holds: "Saved: “winter” (2 of 6)" counted every story.
        total = len(self._viewed.entries)
        if text:
            title = f"{what}: “{text}” ({count} of {total})"
        elif self.saved_only:
            title = f"{what} ({count})"
        else:
            title = f"{what} ({total})" if total else what
        if title != self._said:
            self._said = title
            set_title(self, Text(title))  # typed text, not markup; the top row repainted

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show()

    @property
    def narrowed(self) -> bool:
        """Whether a filter or the saved view narrows the list (``q`` leaves them)."""
        return bool(self.query_one(FilterInput).value) or self.saved_only

    @property
    def filtered(self) -> bool:
        """Whether words typed after ``/`` narrow the list."""
        return bool(self.query_one(FilterInput).value)

    def clear_filter(self) -> bool:
        """Clear the filter; False when there was none."""
        filter_input = self.query_one(FilterInput)
        if not filter_input.value:
            return False
        filter_input.value = ""
        filter_input.display = False
        self._show()
        return True

    def leave_view(self) -> bool:
        """Clear the filter, else leave the saved view; False when neither was on."""
        if self.clear_filter():
            return True
        if self.saved_only:
            self.action_saved_view()
            return True
        return False

    def action_filter(self) -> None:
        filter_input = self.query_one(FilterInput)
        filter_input.display = True
        filter_input.focus()
        # The box takes a row from the list: the story selected stays in sight.
        story_list = self.query_one(StoryList)
        self.call_after_refresh(story_list.scroll_to_item, story_list.cursor)

    def action_saved_view(self) -> None:
        self.saved_only = not self.saved_only
        self._forget_filtering()
        self._show()
        self.query_one(StoryList).focus()
        self.refresh_bindings()  # S says where it leads now

    def describe_action(self, action: str) -> str | None:
        """What ``S`` does now (the key bar asks): in the saved view, it leads back."""
        if action == "saved_view" and self.saved_only:
            return "All stories"
        return None
