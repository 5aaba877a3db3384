"""The main screen: article list, reading pane and related-links sidebar.

The screen routes what the panes ask for (open a story, follow a link, keep a mark, go
back and forward); the panes do not reach for each other. Opening stories is
:mod:`.opening`'s, the sidebar's links :mod:`.sidebar`'s, the panes' arrangement
:mod:`.panes`'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from tui.core.model.history import History
from tui.core.model.listing import Entry
from tui.core.model.story import Story
from tui.core.model.urls import is_web_url
from tui.core.newsroom import Newsroom
from tui.core.render.document import Link
from tui.core.render.render import prepare_story
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.layout import LIST, STORY, mode_for
from tui.ui.screens.opening import StoryOpening
from tui.ui.widgets.alike_rows import Panes
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import Listing, ListPane, prepare
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView


class ReaderScreen(StoryOpening):
    """The three panes, and what goes between them."""

    AUTO_FOCUS = "#stories"
    """The list has the focus from the first frame (Textual's default, the first focusable
    widget, is the hidden filter: a second full paint at start-up when the list took it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("H,backspace", "back", "History back", show=False, id="app.back"),
        Binding("L", "forward", "History forward", show=False, id="app.forward"),
        Binding("tab", "next_pane", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="app.previous_pane"),
        Binding("h", "pane_left", "Pane to the left", show=False, id="app.pane_left"),
        Binding("l", "pane_right", "Pane to the right", show=False, id="app.pane_right"),
        Binding("q", "leave", "Back", id="app.leave"),
        Binding(
            "escape",
            "cancel_opening",
            "Cancel the story being opened",
            show=False,
            id="app.cancel_opening",
        ),
        Binding("escape", "clear_filter", "Clear the filter", show=False, id="app.clear_filter"),
        Binding(
            "less_than_sign", "list_width(-1)", "Narrower list", show=False, id="app.list_narrower"
        ),
        Binding(
            "greater_than_sign", "list_width(1)", "Wider list", show=False, id="app.list_wider"
        ),
        Binding("z", "zen", "Zen", id="app.zen"),
        Binding("y", "copy_url", "Copy URL", show=False, id="app.copy_url"),
        Binding("o", "open_url", "Open in a browser", show=False, id="app.open_url"),
        Binding("U", "update", "Show the newer version", show=False, id="app.update"),
        Binding("s", "save_shown", "Save the story read for later", show=False, id="app.save"),
    ]

    def __init__(
        self,
        newsroom: Newsroom | None = None,
        *,
        measure: int = 100,
        images: bool = False,
        list_width: int = 72,
        fetch_ahead: bool = True,
        no_pictures: str = "",
    ) -> None:
        super().__init__(list_width)
        self._no_pictures = no_pictures
        """Why pictures are never fetched here (the demo), or ``""``."""
        self._fetch_ahead = fetch_ahead
        """Whether stories are fetched before they are asked for (the sidebar's links, a
        newer version of a kept story); not in the demo, which is offline unless asked."""
        self._measure = measure
        self._images = images
        self.newsroom = newsroom or Newsroom(None)
        self.history: History[str] = History()
        self._positions: dict[str, int] = {}
        self._related_cursors: dict[str, int] = {}
        """The sidebar's selection in each story left (H comes back to it)."""
        self._unread_shown: str | None = None
        """The story shown at start and not opened yet: not marked read."""
        self._opened_first = False

    def compose(self) -> ComposeResult:
        self._set_mode()
        with Panes(id="panes"):
            yield ListPane(
                id="list-pane",
                search=self.newsroom.search,
                marks=self.newsroom,
                saved=self.newsroom.saved_entries,
            )
            offline = self.newsroom.offline or self._no_pictures
            fetch_image = None if offline else self.newsroom.image
            view = StoryView(id="reader", fetch_image=fetch_image)
            if self._no_pictures:
                view.no_pictures = self._no_pictures
            view.set_reactive(StoryView.measure, self._measure)
            view.set_reactive(StoryView.images, self._images)
            yield view
            yield RelatedLinks(id="related")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(RelatedLinks).border_title = "Related"
        if self._pane_of_focus() == LIST:  # a note shown at start keeps the reading pane
            self.set_focus(self.query_one(StoryList))

    # --- the list -----------------------------------------------------------------------

    @property
    def all_entries(self) -> Sequence[Entry]:
        return self.query_one(ListPane).entries

    def set_entries(
        self, entries: Iterable[Entry] | Listing, *, open_first: bool = False, marked: bool = False
    ) -> None:
        """List ``entries`` (their marks asked of the newsroom at once, unless ``marked``:
        the store listed them with their marks); with ``open_first``, show the first
        story (see :meth:`show_first`) if no story was opened yet."""
        listing = entries if isinstance(entries, Listing) else prepare(entries)
        if not marked:
            self.newsroom.read_keys(entry.key for entry in listing.entries)
        self.query_one(ListPane).set_entries(listing)
        if open_first and not self._opened_first:
            self._opened_first = self.show_first()

    def show_first(self) -> bool:
        """At start, in the split and wide layouts: the newest story beside the list,
        not marked read until the reader goes to it. The stacked layout shows the list
        alone. False when the story is not at hand yet (to try again later)."""
        if mode_for(self.columns, self.list_width) == "stacked":
            return True
        entry = self.query_one(StoryList).highlighted
        story = self._find(entry.key) if entry is not None else None
        if story is None:
            return False
        self.open_story(story, mark=False)
        return True

    def set_status(self, status: str) -> None:
        self.query_one(ListPane).border_subtitle = Text(status)

    def say_in_list(self, note: str) -> None:
        """What the empty list says: what is loading, or why nothing came."""
        self.query_one(ListPane).say(note)

    def show_note(self, title: str, *paragraphs: str) -> None:
        """Say something in the reading pane when there is no story to show (nothing
        cached, nothing found): a title and its words, kept out of the history, with
        no byline and none of a story's keys."""
        if self.history.current is not None:
            return  # a story is shown: the note goes to a notification instead
        import html  # here: html.entities is a millisecond of start-up

        body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
        if STORY not in self.shown_panes():
            self._focus_pane(STORY)  # the note is shown, wherever the list was
        view = self.query_one(StoryView)
        view.show(prepare_story(Story(title=title, body_html=body, source="belga"), note=True))
        view.border_title = "belga"
        self.after_frame(view.let_go)

    # --- opening stories --------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        super().on_descendant_focus()
        key = self._unread_shown
        if key is not None and self._pane_of_focus() == STORY and self.history.current == key:
            self._unread_shown = None
            self._mark_opened(key)

    def _open_highlighted(self) -> bool:
        entry = self.query_one(StoryList).highlighted
        if entry is None or entry.key == self.history.current:
            return False
        if self.open_key(entry.key, entry.title):
            self._focus_pane(STORY)
        return True

    def _beside_the_list(self) -> None:
        if self.history.current is None and self.all_entries:
            self.show_first()

    # --- the current story's URL ----------------------------------------------------------

    def _selected(self) -> Link | None:
        """What ``y`` copies and ``o`` opens (one rule): the highlighted story's address
        in the list, the story's own in the reading pane (the sidebar has its own)."""
        if self._pane_of_focus() == LIST:
            entry = self.query_one(StoryList).highlighted
            if entry is not None and is_web_url(entry.key):
                return Link(0, entry.key, entry.title)
            return None
        _unheard, fetching = self.asked_not_shown()
        if fetching is not None and is_web_url(fetching.url):
            return Link(0, fetching.url, fetching.title)
        story = self.current
        return Link(0, story.url, story.title) if story is not None and story.url else None

    def _after_the_asked(self, action: Callable[[], None]) -> bool:
        """``J y`` typed together: y ran before the screen heard J and copied the story
        left behind (a new user's report). Until it hears, the action waits its turn
        (once: after what is queued)."""
        if self._pane_of_focus() != LIST and self.asked_not_shown()[0]:
            self.call_later(action)
            return True
        return False

    def action_copy_url(self) -> None:
        if not self._after_the_asked(self._copy_url):
            self._copy_url()

    def _copy_url(self) -> None:
        link = self._selected()
        if link is None:
            self.notify("No web address to copy here.", timeout=3)
            return
        self.app.copy_to_clipboard(link.url)
        self.notify(f"Copied {link.url}", timeout=3)

    def action_open_url(self) -> None:
        if not self._after_the_asked(self._open_url):
            self._open_url()

    def _open_url(self) -> None:
        link = self._selected()
        if link is None:
            self.notify("No web address to open here.", timeout=3)
            return
        self.app.push_screen(ExternalLinkScreen(link, story=True))

    def action_save_shown(self) -> None:
        """``s`` beside the list (the list's own ``s`` saves the story under its cursor):
        save the story read, or no longer. It did nothing and said nothing."""
        story = self.current
        if story is None:
            self.notify("No story here to save.", timeout=3)  # nor open, nor listed
            return
        self._mark([story.key], None, not self.newsroom.is_saved(story.key))

    # --- history ----------------------------------------------------------------------

    def _go(self, key: str | None) -> None:
        story = self._find(key) if key else None
        if story is not None:
            self.open_story(story, record=False, scroll_y=self._positions.get(story.key, 0))

    def action_clear_filter(self) -> None:
        self.query_one(ListPane).clear_filter()

    def action_back(self) -> None:
        if not self.history.can_go_back:
            self.notify("H: this is the start of the history.", timeout=2)
            return
        self._remember_position()
        self._go(self.history.back())

    def action_forward(self) -> None:
        if not self.history.can_go_forward:
            self.notify("L: this is the end of the history.", timeout=2)
            return
        self._remember_position()
        self._go(self.history.forward())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return self.can_leave()
        if action == "cancel_opening":
            return self.opening
        if action == "clear_filter":  # a filter kept with Enter, from the list
            filtered = self.query_one(ListPane).filtered
            return not self.opening and self._pane_of_focus() == LIST and filtered
        return True
