"""The related-links sidebar: every link of a story, the stories among them fetched as
the user reads.

The sidebar draws its entries and each one's state as the screen reports it (the screen
asks the newsroom for the stories; the client says when each request is queued, goes
out and is done). It asks for what the user wants by message: open an entry, retry a
failed one. Each entry has three lines: its title (on one or two), then its state mark,
the date and the story's first line on the rest, so that a state change repaints those
lines only: a few hundred bytes over SSH.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import ClassVar, Final, NamedTuple

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.core.model.dates import short_date
from tui.core.model.record import record
from tui.core.model.story import Story
from tui.core.model.summary import opening
from tui.core.render.document import Link
from tui.ui.glyphs import UNICODE, Glyphs, chosen
from tui.ui.messages import Origin, send_open
from tui.ui.titles import set_title
from tui.ui.widgets.line_list import LineList
from tui.ui.wrapping import fit

_MEASURE: Final = Console(width=200, color_system=None, file=None, legacy_windows=False)


class LinkState(Enum):
    AVAILABLE = "available"  # the story is at hand: opens at once
    REMOTE = "remote"  # on a site belga does not fetch from
    SAME_SITE = "same site"  # as REMOTE, on the site of the page or story shown
    OFFLINE = "offline"  # not kept from before, and belga is offline
    WAITING = "waiting"  # queued for fetching
    NOT_IN_DEMO = "not in demo"  # the demo: a newsroom story not in its sample (never fetched)
    LOADING = "loading"
    FAILED = "failed"


class _Mark(NamedTuple):
    words: str
    """What the entry says after the mark."""
    meaning: str
    """What the mark means (the help and the README explain it so)."""


_MARKS: Final = {
    LinkState.AVAILABLE: _Mark("", "fetched: opens at once"),
    LinkState.WAITING: _Mark("waiting", "waiting to be fetched"),
    LinkState.LOADING: _Mark("loading", "being fetched"),
    LinkState.FAILED: _Mark("", "failed, and why (r retries)"),
    LinkState.REMOTE: _Mark("other site: not fetched", "another site: not fetched"),
    LinkState.SAME_SITE: _Mark("this site: not fetched", "this site, not a story"),
    LinkState.OFFLINE: _Mark("offline: not fetched before", "offline, not kept before"),
    LinkState.NOT_IN_DEMO: _Mark("not in the demo sample", "demo: not in the sample (offline)"),
}
"""The words of each state; its mark is the terminal's (tui/ui/glyphs.py)."""


def related_marks(glyphs: Glyphs) -> tuple[tuple[str, str], ...]:
    """The sidebar's marks and what they mean."""
    return tuple((glyphs.related[state.value], mark.meaning) for state, mark in _MARKS.items())


MARKS: Final = related_marks(UNICODE)


@cache
def _state_labels(glyphs: Glyphs) -> dict[LinkState, str]:
    return {
        state: f"{glyphs.related[state.value]} {mark.words}".rstrip()
        for state, mark in _MARKS.items()
    }


@record(eq=False)
class RelatedEntry:
    link: Link
    state: LinkState
    story: Story | None = None
    reason: str = ""

    @property
    def title(self) -> str:
        return self.story.title if self.story else self.link.title or self.link.url

    @property
    def status(self) -> str:
        label = _state_labels(chosen())[self.state]
        if self.state is LinkState.FAILED:
            return f"{label} {self.reason or 'failed'}"  # r retries: said in the key bar
        if self.state is LinkState.AVAILABLE and self.story is not None:
            return f"{label} {short_date(self.story.published_at)}".rstrip()
        return label


_ENTRY_ACTIONS: Final = frozenset({"select", "retry", "copy"})
"""The keys that act on the entry under the cursor."""


class RelatedLinks(LineList):
    """Lists the links of the story shown, each marked; Enter opens one (a story inline)."""

    ITEM_HEIGHT = 3
    TITLE_LINES: ClassVar[int] = 2
    CURSOR_CLASS = "related--cursor"
    CURRENT_CLASS = "related--current"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="related.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="related.up"),
        Binding("g,home", "first", "First", show=False, id="related.first"),
        Binding("G,end", "last", "Last", show=False, id="related.last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="related.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="related.page_up"),
        Binding("ctrl+d", "half_page_down", "Half a page down", show=False, id="related.half_down"),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False, id="related.half_up"),
        Binding("enter", "select", "Open inline", id="related.open"),
        Binding("r", "retry", "Retry if failed", id="related.retry"),
        Binding("y", "copy", "Copy URL", id="related.copy"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "related--number",
        "related--state",
        "related--failed",
        "related--ready",
        "related--preview",
        "related--cursor",
        "related--current",
    }

    @record
    class Retry(Message):
        """The user asks to fetch a failed entry again."""

        entry: RelatedEntry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[RelatedEntry] = []
        self.of_page = False
        """The entries are an outside page's links (every one), not related stories."""
        self._painted: dict[int, tuple[int, list[Text]]] = {}
        self._own: dict[str, tuple[Style, Style]] = {}

    @property
    def entries(self) -> list[RelatedEntry]:
        return self._entries

    @property
    def item_count(self) -> int:
        return len(self._entries)

    def show_entries(
        self, entries: list[RelatedEntry], *, of_page: bool = False, count: int | None = None
    ) -> None:
        """Show ``entries`` (another story's links: the old entries are forgotten);
        ``of_page``: they are every link of an outside page, not related stories;
        ``count``: how many there will be (the rest added by :meth:`add_entries`).

        The same story's links shown again (more of them known: a long story's, once it
        is typeset) repaint only the entries that look otherwise: the first ones, on
        screen, are painted as they were (a whole sidebar: ~10 ms while keys wait)."""
        old, self._entries = self._entries, entries
        if bool(old) != bool(entries):
            self.refresh_bindings()  # the entries' keys offered, or not (check_action)
        same = 0
        while same < min(len(old), len(entries)) and _look(old[same]) == _look(entries[same]):
            same += 1
        self._painted = {index: lines for index, lines in self._painted.items() if index < same}
        self.of_page = of_page
        name = "Links" if of_page else "Related"
        count = len(entries) if count is None else count
        title = Text(f"{name} ({count})" if count else name)
        if self.border_title is None or str(self.border_title) != title.plain:
            set_title(self, title)
        # An empty box said nothing (a new user's report): say there is nothing to list.
        nothing = "This page links nowhere." if of_page else "This story links nowhere."
        self.empty_text = "" if entries else nothing
        self.scroll_to(y=0, animate=False, immediate=True)
        if not same:
            self.items_changed(0)
            return
        cursor = self.cursor
        self.count_changed()
        self.set_reactive(RelatedLinks.cursor, 0)
        if cursor != 0:
            self.refresh_item(cursor)
            self.refresh_item(0)
        if same < len(entries):
            self.refresh_lines(same * self.ITEM_HEIGHT, (len(entries) - same) * self.ITEM_HEIGHT)

    def add_entries(self, entries: list[RelatedEntry]) -> None:
        """More entries after those shown: the scrollbar follows, and their lines are
        painted only if they are on screen (the lines there before are not)."""
        first = len(self._entries) * self.ITEM_HEIGHT
        self._entries.extend(entries)
        self.count_changed()
        if first < self.scroll_offset.y + self.scrollable_content_region.height:
            self.refresh_lines(first, len(entries) * self.ITEM_HEIGHT)

    def update_entry(self, entry: RelatedEntry) -> None:
        """Repaint ``entry`` after its state changed; entries no longer shown are ignored."""
        for index, shown in enumerate(self._entries):
            if shown is not entry:
                continue
            before = self._painted.pop(index, None)
            if before is None:
                self.refresh_item(index)
                continue
            # Only the lines that changed: "waiting" to "loading" is one line on the wire.
            after = self._texts(index, before[0])
            for row, (old, new) in enumerate(zip(before[1], after, strict=True)):
                if old.plain != new.plain or old.spans != new.spans:
                    self.refresh_lines(index * self.ITEM_HEIGHT + row, 1)

    def entry_text(self, index: int) -> str:
        """The entry's lines as plain text (for tests and screen readers)."""
        width = self._room(self.scrollable_content_region.width or 40)
        return "\n".join(line.plain for line in self._texts(index, width)).rstrip()

    def set_state(
        self, entry: RelatedEntry, state: LinkState, *, story: Story | None = None, reason: str = ""
    ) -> None:
        """``entry`` is now in ``state`` (with its story, or why it failed): repaint it."""
        entry.state, entry.reason = state, reason
        entry.story = story or entry.story
        self.update_entry(entry)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An empty sidebar ("This story links nowhere.") offers no entry's keys: it
        offered Enter, r and y, which did nothing (a new user's report)."""
        return bool(self._entries) or action not in _ENTRY_ACTIONS

    def action_retry(self) -> None:
        if not 0 <= self.cursor < len(self._entries):
            return
        entry = self._entries[self.cursor]
        if entry.state is LinkState.FAILED:
            self.post_message(self.Retry(entry))
        else:
            self.notify("Only a link that failed can be retried.", timeout=3)

    def action_copy(self) -> None:
        """``y``: the selected link's URL to the clipboard (OSC 52 reaches it over SSH)."""
        if 0 <= self.cursor < len(self._entries):
            url = self._entries[self.cursor].link.url
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3)

    def action_select(self) -> None:
        if 0 <= self.cursor < len(self._entries):
            send_open(self, self._entries[self.cursor].link, Origin.RELATED)

    # --- painting ---------------------------------------------------------------------

    def _texts(self, index: int, width: int) -> list[Text]:
        painted = self._painted.get(index)
        if painted is not None and painted[0] == width:
            return painted[1]
        entry = self._entries[index]
        title = Text.assemble(
            (f"[{entry.link.number}] ", self._style("related--number")),
            entry.title,
        )
        lines = _fit(title, width, self.TITLE_LINES)
        style = {
            LinkState.FAILED: "related--failed",
            LinkState.AVAILABLE: "related--ready",
        }.get(entry.state, "related--state")
        about = Text(entry.status, self._style(style))
        preview = opening(entry.story, 200) if entry.story else ""
        if preview:
            about.append(f" · {preview}", self._style("related--preview"))
        lines += _fit(about, width, self.ITEM_HEIGHT - len(lines))
        lines += [Text() for _ in range(self.ITEM_HEIGHT - len(lines))]
        self._painted[index] = (width, lines)
        return lines

    def _style(self, name: str) -> Style:
        """A component's own style, without a background: the cursor's shows through on
        every line of the entry (a full style painted the state line's background over it).
        One object for as long as the component's style is (its pen found by identity)."""
        full = self.component_style(name)  # its colour blended as the pane shows it
        kept = self._own.get(name)
        if kept is None or kept[0] is not full:
            kept = self._own[name] = (
                full,
                Style(color=full.color, bold=full.bold, italic=full.italic),
            )
        return kept[1]

    def _room(self, width: int) -> int:
        """The cells an entry's words take of ``width``: one blank before the scrollbar,
        which Textual draws inside the padding, right after the content."""
        return width - 1 if self.show_vertical_scrollbar else width

    def render_item_line(self, index: int, row: int, width: int, base: Style) -> Strip:
        line = self._texts(index, self._room(width))[row]
        return Strip(list(line.render(_MEASURE, end=""))).apply_style(base)

    def on_resize(self) -> None:
        self._painted.clear()


def _look(entry: RelatedEntry) -> tuple[object, ...]:
    """What an entry's lines show."""
    return (entry.link, entry.state, id(entry.story), entry.reason)


def _fit(text: Text, width: int, most: int) -> list[Text]:
    """``text`` wrapped at ``width`` on at most ``most`` lines, "…" ending it when cut
    (broken as the reading pane breaks lines: Japanese between characters).

    A text on one line that fits is that line, the spaces around it left out: what the
    wrapping gives then, without splitting and measuring it (~170,000 instructions with
    Rich's wrap; a sidebar's entries are mostly short). tests/test_related_fit.py."""
    if most >= 1 and width >= 1 and text.cell_len <= width:
        plain = text.plain
        words = plain.strip(" ")
        if words and "\n" not in plain and "\t" not in plain:
            if words == plain:
                return [text.copy()]
            start = len(plain) - len(plain.lstrip(" "))
            return [text[start : start + len(words)]]
    lines = fit(text, max(4, width), most, chosen().ellipsis)
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    return lines
