"""The article list: one line per story, virtualised.

A line-API widget rather than ``OptionList``: filling it with 10,000 stories costs
nothing more than storing them, and moving the cursor repaints two lines, which matters
over a slow SSH link (see the benchmark).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import ClassVar, Final

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.core.model.dates import list_date, newsroom_now
from tui.core.model.listing import Entry, Mapped, Marks, NoMarks, Paged, Rows, find_key
from tui.core.model.record import record
from tui.core.render.document import Link
from tui.ui.glyphs import UNICODE, Glyphs, chosen
from tui.ui.messages import Origin, send_open
from tui.ui.widgets.line_list import LineList, ellipsize


def list_marks(glyphs: Glyphs) -> tuple[tuple[str, str], ...]:
    """The list's marks and what they mean (the help and the README explain them)."""
    return (
        (glyphs.unread, "unread"),
        (glyphs.saved, "saved for later, unread"),
        (glyphs.saved_read, "saved for later, read"),
    )


MARKS: Final = list_marks(UNICODE)
TITLE_MIN: Final = 60
"""Title columns a row keeps before it gives any to the source."""
SOURCE_WIDTH: Final = 20
"""The widest the source column gets."""


class StoryList(LineList):
    """The list of stories, newest first, with a cursor and unread markers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("ctrl+d", "half_page_down", "Half a page down", show=False, id="list.half_down"),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False, id="list.half_up"),
        Binding("enter", "select", "Open", id="list.open"),
        Binding("n", "next_unread", "Next unread", id="list.next_unread"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="list.toggle_read"),
        Binding("M", "all_read", "Mark all read", show=False, id="list.all_read"),
        Binding("u", "undo", "Undo the last marking", show=False, id="list.undo"),
        Binding("s", "toggle_saved", "Save for later", id="list.toggle_saved"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-list--cursor",
        "story-list--unread",
        "story-list--date",
        "story-list--current",
    }

    CURSOR_CLASS = "story-list--cursor"
    CURRENT_CLASS = "story-list--current"

    @record
    class Highlighted(Message):
        entry: Entry

    @record
    class MarksChanged(Message):
        """The user asks to mark stories read or unread, saved or not (``None``:
        unchanged). The marks' owner changes them; the list draws what it is told."""

        keys: list[str]
        read: bool | None = None
        saved: bool | None = None
        ask: bool = False
        """Whether to ask first (many stories at once)."""

    class UndoAsked(Message):
        """The user asks to undo the last marking."""

    class DayTurned(Message):
        """The newsroom's day is not the one the lines were drawn for (a paint saw it,
        before the midnight timer: a machine that slept): the dates are due again."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, marks: Marks | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self._stories: Sequence[Entry] = []
        self._index: dict[str, int] | None = None
        """Each story's row, made when first needed (not at each keystroke of the filter)."""
        self.marks: Marks = marks or NoMarks()
        """What is read and saved, asked when a line is drawn (owned by the newsroom)."""
        self._current: str | None = None
        self._date_width = 0
        self._source_width = 0
        self._saved_said = False
        self._moved = False
        """Whether the reader has moved the cursor: until then it stays on the newest."""
        self._now: datetime | None = None
        """Newsroom time when the lines' day was set: "today" for all of them (a line
        drawn after midnight said "30 Nov", the next one of that day still "06:15")."""
        self._turn_said = False

    # --- data -------------------------------------------------------------------------

    @property
    def stories(self) -> Sequence[Entry]:
        return self._stories

    def entry(self, index: int) -> Entry | None:
        """The story on row ``index``; ``None`` past the end (or a line the store lost
        while the rest of a long list was being read)."""
        try:
            return self._stories[index] if index >= 0 else None
        except IndexError:
            return None

    @property
    def highlighted(self) -> Entry | None:
        return self.entry(self.cursor)

    def set_stories(
        self,
        stories: Sequence[Entry],
        *,
        date_width: int | None = None,
        source_width: int | None = None,
    ) -> None:
        """Replace the list. Until the reader has moved the cursor, it is on the newest
        story (a cached start, then the stories published since: the latest news is what
        is seen first). Once they have, it stays on the same story, at the same height on
        screen, when it is still there (a refresh must not move what the reader looks at);
        a list seen from its top keeps its top, and the new stories, in sight.

        ``stories`` is kept, not copied (a :class:`Paged` list reads its lines as they
        are drawn); the column widths, when given, are those of the whole list, so that
        the columns stay put while a filter narrows it."""
        highlighted = self.highlighted
        before = highlighted.key if highlighted else None
        keep = before if self._moved else None
        at_top = int(self.scroll_y) == 0
        row_on_screen = self.cursor - int(self.scroll_y)
        widths = (
            date_width_of(stories) if date_width is None else date_width,
            source_width_of(stories) if source_width is None else source_width,
        )
        turned = self._day_turned()
        if not turned and self._looks_the_same(stories, widths):
            # The whole list come to replace its first screenful, or a filter that left
            # the lines on screen: nothing to paint but the scrollbar.
            counted = len(stories) != len(self._stories)
            self._stories, self._index = stories, None
            if counted:
                self.count_changed()
            return
        if bool(stories) != bool(self._stories):
            self.refresh_bindings()  # the keys of ON_A_STORY, dimmed or not
        self._stories = stories
        self._index = None
        self._date_width, self._source_width = widths
        kept = self._find(keep) if keep else None
        self.items_changed(kept or 0)
        if kept is not None:
            rows = self.scrollable_content_region.height // self.ITEM_HEIGHT
            row = 0 if at_top and self.cursor < rows else self.cursor - row_on_screen
            self.scroll_to(y=max(0, row), animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        now = self.highlighted
        if now is not None and (highlighted is None or _said(now) != _said(highlighted)):
            self.post_message(self.Highlighted(now))  # another story, or the same retitled
        self._saved_changed()

    def _day_turned(self) -> bool:
        """Whether the newsroom's day changed since the lines' day was set (set now)."""
        now = newsroom_now()
        if self._now is not None and now.date() == self._now.date():
            return False
        self._now, self._turn_said = now, False
        return True

    def _looks_the_same(self, stories: Sequence[Entry], widths: tuple[int, int]) -> bool:
        """Whether ``stories`` would be drawn as the list is now: the same columns, the
        same lines on screen, the cursor's among them (the cursor and the scroll stay)."""
        if widths != (self._date_width, self._source_width) or self.cursor >= len(stories):
            return False
        top = int(self.scroll_y) // self.ITEM_HEIGHT
        rows = self.scrollable_content_region.height // self.ITEM_HEIGHT + 1
        if not rows or not self.is_mounted:
            return False
        seen = range(max(0, top), top + rows)  # past the end too: a line gone is blank
        return all(self.entry(index) == _entry_at(stories, index) for index in seen)

    def _find(self, key: str) -> int | None:
        """The row of ``key``: from the index when made, else from the lines (a list
        of the store's lines, whole or filtered, finds it without making lines: going
        down a filtered list made an entry per line, 20 ms over 10,000)."""
        if self._index is not None:
            return self._index.get(key)
        stories = self._stories
        return stories.find(key) if isinstance(stories, Mapped) else find_key(stories, key)

    def marks_changed(self, keys: Iterable[str]) -> None:
        """The marks of ``keys`` changed: draw their lines again (those on screen: the
        others are drawn with their new marks when they come into view)."""
        changed = set(keys)
        top = int(self.scroll_y) // self.ITEM_HEIGHT
        rows = self.scrollable_content_region.height // self.ITEM_HEIGHT + 2
        for index in range(max(0, top), min(top + rows, self.item_count)):
            entry = self.entry(index)
            if entry is not None and entry.key in changed:
                self.refresh_item(index)
        self._saved_changed()

    def _saved_changed(self) -> None:
        """The key bar says ``s Unsave`` on a saved story: its bindings are asked again
        when the highlighted story's saved mark differs from the last one said."""
        entry = self.highlighted
        saved = entry is not None and self.marks.is_saved(entry.key)
        if saved != self._saved_said:
            self._saved_said = saved
            self.refresh_bindings()

    def describe_action(self, action: str) -> str | None:
        """What a key does here now, where it depends on the story (the key bar asks)."""
        if action == "toggle_saved" and self._saved_said:
            return "Unsave"
        return None

    def set_current(self, key: str | None) -> None:
        """``key`` is the story being read (and so, read); None: no story is."""
        previous, self._current = self._current, key
        self._moved = self._moved or key is not None  # a story chosen: the cursor stays by it
        self.marks_changed([k for k in (previous, key) if k is not None])

    @property
    def item_count(self) -> int:
        return len(self._stories)

    def on_highlight(self, index: int) -> None:
        self._moved = True  # the cursor moved (the list's own refills set it quietly)
        entry = self.entry(index)
        if entry is not None:
            self.post_message(self.Highlighted(entry))
        self._saved_changed()

    def is_unread(self, entry: Entry) -> bool:
        return not self.marks.is_read(entry.key)

    def go_to(self, key: str) -> bool:
        """Put the cursor on ``key``'s row; False when it is not listed."""
        if self._index is None:
            self._index = {entry.key: index for index, entry in enumerate(self._stories)}
        index = self._index.get(key)
        if index is None:
            return False
        self.cursor = index
        return True

    def step(self, step: int) -> bool:
        """Move the cursor ``step`` rows; False at either end."""
        index = self.cursor + step
        if not 0 <= index < len(self._stories):
            return False
        self.cursor = index
        return True

    def next_unread(self) -> bool:
        """Move to the next unread story after the cursor, wrapping; False when none."""
        count = len(self._stories)
        for step in range(1, count + 1):
            index = (self.cursor + step) % count
            entry = self.entry(index)
            if entry is not None and self.is_unread(entry):
                self.cursor = index
                return True
        return False

    ON_A_STORY: ClassVar[frozenset[str]] = frozenset(
        {"select", "next_unread", "toggle_read", "toggle_saved", "all_read"}
    )
    """The keys that act on the stories listed: shown dimmed in the key bar, and not
    run, while the list is empty (the empty list's note says why)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ON_A_STORY and not self._stories:
            return None
        return True

    def action_select(self) -> None:
        if self.highlighted is not None:
            entry = self.highlighted
            send_open(self, Link(0, entry.key, entry.title), Origin.LIST)

    def action_next_unread(self) -> None:
        if not self.next_unread():
            self.notify("Every story here is read.", timeout=3)

    def action_toggle_read(self) -> None:
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.MarksChanged([entry.key], read=self.is_unread(entry)))

    def action_all_read(self) -> None:
        keys = [entry.key for entry in self._stories if self.is_unread(entry)]
        if keys:
            self.post_message(self.MarksChanged(keys, read=True, ask=True))
        else:
            self.notify("Every story here is read already.", timeout=3)

    def action_undo(self) -> None:
        self.post_message(self.UndoAsked())

    def action_toggle_saved(self) -> None:
        entry = self.highlighted
        if entry is not None:
            saved = not self.marks.is_saved(entry.key)
            self.post_message(self.MarksChanged([entry.key], saved=saved))

    # --- painting ---------------------------------------------------------------------

    _looks: tuple[Style, Style] | None = None
    """The date's and the unread mark's styles, while lines are drawn."""

    def begin_paint(self) -> None:
        self._looks = self._styles()
        now = self._now
        if now is not None and not self._turn_said and newsroom_now().date() != now.date():
            self._turn_said = True
            self.post_message(self.DayTurned())

    def _styles(self) -> tuple[Style, Style]:
        return (
            self.component_style("story-list--date", partial=True),
            self.component_style("story-list--unread", partial=True),
        )

    def render_item_line(self, index: int, row: int, width: int, base: Style) -> Strip:
        """``● title… source date``: the marker, as much title as fits, the source where
        it leaves the title its columns, and the date (the time for today's stories)."""
        entry = self.entry(index)
        if entry is None:
            return Strip.blank(width, base)
        unread = not self.marks.is_read(entry.key)
        looks = self._looks if self._pass is not None and self._looks else self._styles()
        date_style, mark_style = looks
        muted = base + date_style
        date = list_date(entry.published_at, self._now).rjust(self._date_width)
        source_width = min(SOURCE_WIDTH, self._source_width)
        title_width = width - 2 - (self._date_width + 1 if self._date_width else 0)
        show_source = source_width and title_width - source_width - 1 >= TITLE_MIN
        if show_source:
            title_width -= source_width + 1
        title_width = max(1, title_width)
        title = ellipsize(entry.title, title_width)
        glyphs = chosen()
        if self.marks.is_saved(entry.key):
            mark = glyphs.saved if unread else glyphs.saved_read
        else:
            mark = glyphs.unread if unread else " "
        segments = [
            Segment(mark, base + mark_style),
            Segment(" ", base),
            Segment(set_cell_size(title, title_width), base + Style(bold=True) if unread else base),
        ]
        if show_source:
            source = ellipsize(entry.source, source_width)
            segments += [Segment(" ", base), Segment(set_cell_size(source, source_width), muted)]
        if self._date_width:
            segments += [Segment(" ", base), Segment(date, muted)]
        return Strip(segments)


def date_width_of(entries: Sequence[Entry]) -> int:
    """The date column's width for ``entries``: the widest of their dates as listed.

    Of a :class:`Paged` list, only the first lines are at hand, and the oldest date: the
    widths of dates between two others are never wider than the wider of those two
    (today ``08:30``, this year `` 3 Nov``, other years ``May 2025``), and the newest date
    is among the first lines of a list that is newest first.
    """
    if isinstance(entries, Paged):
        dates = [entry.published_at for entry in entries.first] + [entries.oldest]
    elif isinstance(entries, Rows):
        dates = list(entries.span)
    else:
        dates = [entry.published_at for entry in entries]
    now = newsroom_now()
    return max((len(list_date(when, now)) for when in dates if when is not None), default=0)


def source_width_of(entries: Sequence[Entry]) -> int:
    """The widest source of ``entries`` (of a :class:`Paged` list's first lines: the
    store's lines have none)."""
    shown = entries.first if isinstance(entries, Paged) else entries
    return max((cell_len(entry.source) for entry in shown if entry.source), default=0)


def _said(entry: Entry) -> tuple[str, str, str, datetime | None]:
    """What the line under the list says of a story (Headline): a change is posted."""
    return entry.key, entry.title, entry.source, entry.published_at


def _entry_at(stories: Sequence[Entry], index: int) -> Entry | None:
    try:
        return stories[index]
    except IndexError:
        return None
