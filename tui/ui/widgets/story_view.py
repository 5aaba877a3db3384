"""The reading pane: a story to read with the keyboard.

On top of :class:`~.galley_view.GalleyView` (the typesetting and painting) and
:class:`~.searching.SearchingView` (the search and its prompt), three things
are laid over the typeset lines when they are painted, never typeset into them, so that
they cost nothing until used and survive scrolling: search matches (``/``, ``n``, ``N``;
see :mod:`.story_search`), link hints (``f``; see :mod:`.hints`) and the one-line search
prompt, drawn on the pane's last row while the query is typed. While the prompt or the
hints are up, the pane takes every key itself, so that letters are not taken as scroll
keys. Links are followed by number (digits, Enter) or by hint.
"""

from __future__ import annotations

from typing import ClassVar, Final

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.core.model.record import record
from tui.core.render.document import Link
from tui.ui.messages import Origin, send_open
from tui.ui.typeset import STYLE_NAMES
from tui.ui.widgets.galley_view import MAX_MEASURE
from tui.ui.widgets.hints import Anchor, Hints, paint_labels
from tui.ui.widgets.link_cursor import next_anchor
from tui.ui.widgets.pictures import FetchImage
from tui.ui.widgets.searching import OVERLAYS, SearchingView
from tui.ui.widgets.story_search import restyle

__all__ = ["MAX_MEASURE", "StoryView"]

STORY_ONLY: Final = frozenset(
    {"follow", "next_link", "step", "next_unread", "hints", "toggle_images", "digit"}
    | {"next_match", "previous_match"}
)
"""The keys that act on a story, not offered beside a note of belga's own."""
LINK_KEYS: Final = frozenset({"follow", "next_link", "hints"})
"""The keys that act on the story's links: not offered on a story without links."""


class StoryView(SearchingView):
    """Shows one story; numbered links can be followed by typing their number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="story.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="story.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="story.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="story.page_up"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="story.half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="story.half_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="story.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="story.bottom"),
        Binding("enter", "follow", "Follow link", id="story.follow"),
        Binding("tab", "next_link(1)", "Next link", id="story.next_link"),
        Binding("shift+tab", "next_link(0)", "Previous link", show=False,
                id="story.previous_link"),
        Binding("J", "step(1)", "Next story", id="story.next_story"),
        Binding("K", "step(-1)", "Previous story", show=False, id="story.previous_story"),
        Binding("n", "next_match", "Next match", id="story.next_match"),
        Binding("N", "previous_match", "Previous match", id="story.previous_match"),
        Binding("n", "next_unread", "Next unread", id="story.next_unread"),
        Binding("f", "hints", "Link hints", id="story.hints"),
        Binding("/", "search", "Search", id="story.search"),
        Binding("i", "toggle_images", "Pictures on/off", show=False, id="story.images"),
        Binding("escape", "clear", "Clear a link number, cursor or search",
                show=False,
                id="story.clear"),
        *(
            Binding(str(digit), f"digit({digit})", "Link number", show=False,
                    id=f"story.digit.{digit}")
            for digit in range(10)
        ),
    ]  # fmt: skip

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"story-view--{name}" for name in (*STYLE_NAMES, *OVERLAYS)
    }

    @record
    class Step(Message):
        """The user asked for the next (``step`` 1) or previous (-1) story of the list,
        or the next unread one (``unread``)."""

        step: int
        unread: bool = False

    def __init__(
        self,
        *,
        hyperlinks: bool = True,
        fetch_image: FetchImage | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(hyperlinks=hyperlinks, fetch_image=fetch_image, name=name, id=id)
        self._number = ""
        self._hints: Hints | None = None
        self._note = ""
        self._cursor: Anchor | None = None

    # --- what is laid over the lines ----------------------------------------------------

    def _forget_overlays(self) -> None:
        self._number = ""
        self._hints = self._cursor = None
        super()._forget_overlays()

    def _before_layout(self) -> None:
        super()._before_layout()
        self._hints = self._cursor = None

    def _overlaid(self, index: int) -> Strip:
        """Line ``index`` with the search matches, the link hints and the link cursor
        painted over it."""
        line = super()._overlaid(index)
        if self._hints is not None and (labels := self._hints.labels_on(index)):
            line = paint_labels(line, labels, self._overlays["hint"])
        cursor = self._cursor
        if cursor is not None and cursor.line == index:
            line = restyle(line, [(cursor.start, cursor.end, self._overlays["link-cursor"])])
        return line

    def _subtitle(self) -> str:
        if self._number:
            subtitle = f"follow link [{self._number}_]  Enter"
        elif self._prompt is not None:
            subtitle = "search: Enter, Esc to cancel"
        elif self._hints is not None:
            subtitle = f"link hint {self._hints.typed}_  Esc to cancel"
        elif self._search is not None:
            subtitle = self._search.status(self.complete)
        elif self._cursor is not None and (link := self.cursor_link) is not None:
            subtitle = f"[{link.number}] {link.url}  Enter follows"
        else:
            subtitle = self.note
        return subtitle

    @property
    def note(self) -> str:
        """What the pane's lower border says when nothing else is going on."""
        return self._note

    @note.setter
    def note(self, note: str) -> None:
        if note != self._note:
            self._note = note
            self._update_subtitle()

    # --- keys taken by the prompt and the hints ---------------------------------------

    def on_key(self, event: events.Key) -> None:
        outcome: int | str
        if self._prompt is not None:
            outcome = self._prompt_key(event)
        elif self._hints is not None:
            outcome = self._hints.key(event.key, event.character)
            if outcome != "keep":
                self._hints = None
            if isinstance(outcome, int):
                self._follow_number(outcome)
        else:
            return
        self._repaint()
        if outcome != "pass":
            event.stop()
            event.prevent_default()

    @property
    def takes_letters(self) -> bool:
        """Whether the search prompt or the link hints take the letters typed (Q too)."""
        return self._prompt is not None or self._hints is not None

    def on_blur(self) -> None:
        if self._prompt is not None or self._hints is not None:
            self._prompt = self._hints = None
            self._repaint()

    def action_search(self) -> None:
        if self._prepared is not None:
            self._hints, self._number = None, ""  # the prompt takes the keys
        super().action_search()

    # --- following links by number or by hint -----------------------------------------

    def action_hints(self) -> None:
        """Label each link on screen, to follow one by typing its label."""
        if self._prepared is None:
            return
        top, height = self._screen()
        hints = Hints.over(self._galley.markers, top, top + height, len(self._prepared.links))
        if not hints:
            self.notify("There is no link on this screen.", timeout=2)
            return
        self.focus()
        self._number, self._prompt, self._hints = "", None, hints
        self._repaint()

    def action_digit(self, digit: int) -> None:
        if not self._links_to_follow():  # no "follow link [5_]" that Enter cannot answer
            self.notify("This story has no links.", timeout=2)
            return
        if len(self._number) < 4:
            self._number += str(digit)
        self._update_subtitle()

    def action_clear(self) -> None:
        """Esc: forget the link number being typed; else the link cursor (Esc left it,
        its address in the border: a new user's report); else end the search. (``q``
        leaves the link cursor be: it steps back to the list.)"""
        if not self._number and self._cursor is not None:
            self._cursor = None
            self._update_subtitle()
            self._repaint()
        else:
            self.clear_transient()

    @property
    def has_transient(self) -> bool:
        """A link number being typed, or a search: what ``q`` and ``Esc`` end first."""
        return bool(self._number) or self._search is not None

    def clear_transient(self) -> bool:
        """Forget the link number being typed, else end the search (``Esc``, and ``q``
        through the screen); False when there was neither."""
        if self._number:
            self._number = ""
        elif self._search is not None:
            self._search = None
            self.refresh_bindings()
        else:
            return False
        self._repaint()
        return True

    def action_follow(self) -> None:
        """Enter: the link whose number was typed, else the one under the link cursor;
        without either, the cursor goes to the first link on screen."""
        number, self._number = self._number, ""
        self._update_subtitle()
        if number and self._prepared is not None:
            self._follow_number(int(number))
        elif self._cursor is not None and self._cursor_shown():
            self._follow_number(self._cursor.number)
        else:
            self.action_next_link(1)

    # --- the link cursor (Tab, Shift+Tab) ---------------------------------------------

    @property
    def cursor_link(self) -> Link | None:
        """The link under the link cursor, if any."""
        links = self._prepared.links if self._prepared is not None else []
        cursor = self._cursor
        return links[cursor.number - 1] if cursor and 1 <= cursor.number <= len(links) else None

    def _cursor_shown(self) -> bool:
        top, height = self._screen()
        return self._cursor is not None and top <= self._cursor.line < top + height

    def action_next_link(self, forward: int) -> None:
        """Move the link cursor to the next link (``forward``) or the previous one,
        scrolling to it; the first one on screen when the cursor is not there."""
        if self._prepared is None:
            return
        if not self._prepared.links:
            self.notify("This story has no links.", timeout=2)
            return
        top, height = self._screen()
        found = next_anchor(self._galley.markers, self._cursor, bool(forward), top, height)
        while found is None and forward and self._typeset_next():
            found = next_anchor(self._galley.markers, self._cursor, True, top, height)
        if found is None:
            where = "below" if forward else "above"
            self.notify(f"No more links {where}.", timeout=2)
            return
        self._cursor = found
        if not top <= found.line < top + height:
            self._update_virtual_size()
            line = found.line - height // 3 if forward else found.line - 2 * height // 3
            self.scroll_to(0, max(0, line), animate=False, immediate=True)
        self._repaint()

    # --- other stories (J, K, n) ------------------------------------------------------

    def action_step(self, step: int) -> None:
        # To the screen itself, as send_open does: it then knows a story is asked for
        # before the keys typed next (y, o) run.
        self.screen.post_message(self.Step(step))

    def action_next_unread(self) -> None:
        self.screen.post_message(self.Step(1, unread=True))

    def _follow_number(self, number: int) -> None:
        links = self._prepared.links if self._prepared is not None else []
        if 1 <= number <= len(links):
            send_open(self, links[number - 1], Origin.STORY)
        else:
            self.notify(f"There is no link [{number}] in this story.", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":  # else Esc goes on to the screen (an open to cancel)
            return self.has_transient or self._cursor is not None
        if self._prepared is not None and self._prepared.note:
            return action not in STORY_ONLY  # a note has nothing to follow or step from
        if action in ("follow", "hints") and not self._links_to_follow():
            return None  # dimmed: a story without links offered them (Tab says so)
        matching = self._search is not None and bool(self._search.matches)
        if action in ("next_match", "previous_match"):
            return matching
        if action == "next_unread":  # n is the next match while a search finds some
            return not matching
        return True

    def describe_action(self, action: str) -> str | None:
        """The key bar asks: "" leaves out the link keys of a story without links (Enter
        does nothing there, Tab and f say so); else their own words."""
        if action.partition("(")[0] in LINK_KEYS and not self._links_to_follow():
            return ""
        return None

    def _links_to_follow(self) -> bool:
        return self._prepared is None or bool(self._prepared.links)

    # --- scrolling --------------------------------------------------------------------

    def action_page_down(self) -> None:
        self._set_below(self.scrollable_content_region.height)
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_half_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height // 2)
        if direction > 0:
            self._set_below(step)
        self.scroll_relative(y=direction * step, animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._typeset_all()
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._set_below(1)
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)
