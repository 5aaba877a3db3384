"""The main screen: article list, reading pane and related-links sidebar.

The screen routes what the panes ask for (open a story, follow a link, keep a mark, go
back and forward); the panes do not reach for each other.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Iterable
from typing import ClassVar, Final

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal

from tui.core.model.history import History
from tui.core.model.listing import Entry
from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story
from tui.core.model.urls import is_story_url, is_web_url, same_place
from tui.core.net.fetch_errors import FetchError
from tui.core.net.progress import Stage
from tui.core.newsroom import Fresh, Newsroom
from tui.core.render.document import Link
from tui.core.render.related import page_links, related_links
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.messages import OpenStory, Origin
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.layout import (
    LIST,
    RELATED,
    STORY,
    mode_for,
)
from tui.ui.screens.marking import MarkingScreen
from tui.ui.screens.outside_pages import OutsidePages, pane_title
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

RELATED_GROUP: Final = "related-fetch"
"""The workers fetching the sidebar's entries (cancelled when another story opens)."""


class ReaderScreen(MarkingScreen, OutsidePages):
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
            "less_than_sign", "list_width(-1)", "Narrower list", show=False, id="app.list_narrower"
        ),
        Binding(
            "greater_than_sign", "list_width(1)", "Wider list", show=False, id="app.list_wider"
        ),
        Binding("z", "zen", "Zen", id="app.zen"),
        Binding("y", "copy_url", "Copy URL", show=False, id="app.copy_url"),
        Binding("o", "open_url", "Open in a browser", show=False, id="app.open_url"),
        Binding("U", "update", "Show the newer version", show=False, id="app.update"),
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
        self._intent = 0
        """Counts what the user asked to see; a fetch started for an older ask never paints."""
        self._offer: Fresh | None = None
        self._partial: PreparedStory | None = None
        """The story shown while its body is still being built (its sidebar is redone
        when the build is complete)."""
        """The newsroom's other version of the local file shown, offered with ``U``."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ListPane(id="list-pane", search=self.newsroom.search, marks=self.newsroom)
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
    def all_entries(self) -> list[Entry]:
        return self.query_one(ListPane).entries

    def set_entries(self, entries: Iterable[Entry], *, open_first: bool = False) -> None:
        """List ``entries`` (their marks asked of the newsroom at once); with
        ``open_first``, show the first story (see :meth:`show_first`) if no story was
        opened yet."""
        listed = list(entries)
        self.newsroom.read_keys(entry.key for entry in listed)
        self.query_one(ListPane).set_entries(listed)
        if open_first and not self._opened_first:
            self._opened_first = self.show_first()

    def _mark_opened(self, key: str) -> None:
        self.newsroom.opened(key)
        self.query_one(StoryList).marks_changed([key])

    def show_first(self) -> bool:
        """At start, in the split and wide layouts: the newest story beside the list,
        not marked read until the reader goes to it. The stacked layout shows the list
        alone. False when the story is not at hand yet (to try again later)."""
        if mode_for(self.size.width, self.list_width) == "stacked":
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
        body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
        if STORY not in self.shown_panes():
            self._focus_pane(STORY)  # the note is shown, wherever the list was
        view = self.query_one(StoryView)
        view.show(prepare_story(Story(title=title, body_html=body, source="belga"), note=True))
        view.border_title = "belga"

    # --- opening stories --------------------------------------------------------------

    @property
    def current(self) -> Story | None:
        key = self.history.current
        return self._find(key) if key else None

    def open_story(
        self,
        story: Story,
        *,
        record: bool = True,
        scroll_y: int = 0,
        mark: bool = True,
        reveal: bool = True,
        check: bool = True,
    ) -> None:
        """Show ``story`` in the reading pane, with its related links in the sidebar.

        With ``mark=False`` it is only shown beside the list (at start): it is marked read
        once the reader goes to it. ``reveal``: the reading pane comes on screen (in the
        stacked layout it takes the list's place). ``check``: look for a newer version of it
        (not for one just fetched)."""
        view = self.query_one(StoryView)
        if reveal and mark and STORY not in self.shown_panes():
            self._focus_pane(STORY)
        if record:
            self._remember_position()
            self.history.visit(story.key)
        self._opened_first = True
        self._intent += 1
        self._offer = None
        view.border_title = Text(pane_title(story))
        self._prepare(story, self._intent, scroll_y)
        self.query_one(StoryList).set_current(story.key)
        self._unread_shown = None if mark else story.key
        if mark:
            self._mark_opened(story.key)
        self.refresh_bindings()
        online = not self.newsroom.offline
        if check and self._fetch_ahead and online and self.newsroom.store is not None and story.url:
            # After the paint: the check may have to make the network client first.
            self.call_after_refresh(self._check_fresh, story)

    @work(group="prepare", exit_on_error=False)
    async def _prepare(self, story: Story, intent: int, scroll_y: int) -> None:
        """Build the story's document in a thread (a big body takes a while): the event
        loop stays free, and a story the user has moved on from is never shown."""
        prepared = await asyncio.to_thread(prepare_story, story)
        if intent != self._intent:
            return  # the user asked for something else meanwhile
        self.query_one(StoryView).show(prepared, scroll_y)
        self._partial = None if prepared.complete else prepared
        # The story first: the sidebar is filled once the story is on screen.
        self.call_after_refresh(self._show_related, prepared)
        self.call_after_refresh(self.warm_for, prepared.links)

    def on_galley_view_complete(self, event: StoryView.Complete) -> None:
        """A body built lazily (over 200 KB) knows all its links once it is typeset:
        the sidebar lists them then."""
        partial, self._partial = self._partial, None
        if partial is not None and partial.story.key == event.story_key == self.history.current:
            self._show_related(partial)

    @work(exclusive=True, group="freshness", exit_on_error=False)
    async def _check_fresh(self, story: Story) -> None:
        """A story kept from an earlier day is checked again (conditionally, a 304 costs
        next to nothing); a newer version replaces it on screen at the same place."""
        try:
            fresh = await self.newsroom.refresh_story(story)
        except FetchError:
            return  # what is shown is the stored version: still worth reading
        if fresh is not None and fresh.offered and self.history.current == story.key:
            self._offer = fresh
            self.notify(
                "The newsroom has a newer version of this story; press U to read it.",
                timeout=8,
            )
        elif fresh is not None and self.history.current == story.key:
            view = self.query_one(StoryView)
            self.open_story(
                fresh.story, record=False, scroll_y=int(view.scroll_y), reveal=False, check=False
            )
            if fresh.not_kept is None:
                self.notify("This story was updated since it was kept.", timeout=4)
            else:
                self.notify(
                    f"{fresh.not_kept}\nThe new version is shown, but could not be kept.",
                    title="This story was updated since it was kept",
                    severity="warning",
                    timeout=8,
                )

    def action_update(self) -> None:
        """Read the newsroom's version of the local file shown, as offered."""
        offer = self._offer
        if offer is None or self.history.current != offer.story.key:
            self.notify("There is no newer version of this story to show.", timeout=3)
            return
        failed = self.newsroom.adopt(offer)
        view = self.query_one(StoryView)
        self.open_story(offer.story, record=False, scroll_y=int(view.scroll_y), check=False)
        if failed is not None:
            self._said(failed, "")

    def _show_related(self, prepared: PreparedStory) -> None:
        """Another story's links in the sidebar; the fetches of the old ones stop."""
        self.workers.cancel_group(self, RELATED_GROUP)
        site, of_page = prepared.story.url, is_outside_page(prepared.story)
        links = page_links(prepared.links) if of_page else related_links(prepared.links)
        entries = [self._entry(link, site) for link in links]
        sidebar = self.query_one(RelatedLinks)
        sidebar.show_entries(entries, of_page=of_page)
        kept = self._related_cursors.get(self.history.current or "", 0)
        if 0 < kept < len(entries):
            sidebar.cursor = kept  # back to a story: its sidebar as it was left
        self._say_related(RELATED not in self.shown_panes())
        for entry in entries:
            if entry.state is LinkState.WAITING:
                self._fetch_related(entry)

    @work(group=RELATED_GROUP, exit_on_error=False)
    async def _fetch_related(self, entry: RelatedEntry) -> None:
        """Fetch a sidebar entry's story; the client says when its request goes out, so
        that "loading" means a request is on its way and the rest say "waiting"."""
        sidebar = self.query_one(RelatedLinks)

        def progress(stage: Stage) -> None:
            if stage is Stage.STARTED:
                sidebar.set_state(entry, LinkState.LOADING)

        try:
            story = await self.newsroom.story(entry.link.url, progress)
        except FetchError as error:
            sidebar.set_state(entry, LinkState.FAILED, reason=error.reason)
        else:
            sidebar.set_state(entry, LinkState.AVAILABLE, story=story)

    def on_related_links_retry(self, event: RelatedLinks.Retry) -> None:
        if self.newsroom.can_fetch(event.entry.link.url):
            self.query_one(RelatedLinks).set_state(event.entry, LinkState.WAITING)
            self._fetch_related(event.entry)
        else:
            self.notify("belga is offline: nothing is fetched.", timeout=3)

    def _find(self, url: str) -> Story | None:
        """The story at ``url`` if it is at hand: loaded from disk, fetched or stored."""
        return self.newsroom.at_hand(url)

    def _entry(self, link: Link, site: str) -> RelatedEntry:
        """The sidebar entry of ``link`` of the story (or page) at ``site``."""
        story = self._find(link.url)
        if story is not None:
            return RelatedEntry(link, LinkState.AVAILABLE, story)
        url = link.url
        if self.newsroom.can_fetch(url) and (link.is_story or is_story_url(url)):
            return RelatedEntry(
                link, LinkState.WAITING if self._fetch_ahead else LinkState.ON_REQUEST
            )
        if self.newsroom.offline:
            return RelatedEntry(link, LinkState.OFFLINE)
        here = same_place(url, site)
        return RelatedEntry(link, LinkState.SAME_SITE if here else LinkState.REMOTE)

    def follow(self, link: Link) -> None:
        """Open ``link`` inline when it is a story belga can get; otherwise offer the URL."""
        story = self._find(link.url)
        if story is not None:
            self.open_story(story)
        elif (link.is_story or is_story_url(link.url)) and self.newsroom.can_fetch(link.url):
            # A story card or link, or an outside page's link into the newsroom.
            self._open_remote(link)
        elif link.is_story and self.newsroom.offline:
            self.notify(
                f"[{link.number}] {link.title or link.url} was not fetched before.",
                title="Offline",
                severity="warning",
            )
        else:
            self.offer_page(link)

    def open_key(self, key: str) -> None:
        """Open the story listed under ``key``: at hand, or fetched."""
        story = self._find(key)
        if story is not None:
            self.open_story(story)
        elif self.newsroom.can_fetch(key):
            self._open_remote(Link(0, key, key, is_story=True))
        else:
            reason = "belga is offline" if self.newsroom.offline else "it cannot be fetched"
            self.notify(f"{key} is not at hand and {reason}.", severity="warning")

    @work(exclusive=True, group="open-remote", exit_on_error=False)
    async def _open_remote(self, link: Link) -> None:
        """Fetch ``link``'s story (or wait for the sidebar's fetch of it) and show it."""
        name = link.title or link.url
        label = f"[{link.number}] {name}" if link.number else name
        self.notify(f"Opening {label}…", timeout=2)
        intent = self._intent
        try:
            story = await self.newsroom.story(link.url)
        except FetchError as error:
            if intent != self._intent:
                return  # the user has opened another story since: nothing to say
            # Its URL and the reason, where it can be copied (or opened in a browser).
            self.notify(f"Could not open {label}: {error.reason}.", severity="error")
            self.app.push_screen(ExternalLinkScreen(link, reason=error.reason))
            return
        if intent == self._intent:  # else the user has opened another story since
            self.open_story(story)

    def on_open_story(self, event: OpenStory) -> None:
        if event.origin is Origin.LIST:
            self.open_key(event.link.url)
            self.query_one(StoryView).focus()
            return
        if event.origin is Origin.RELATED:
            entries = self.query_one(RelatedLinks).entries
            entry = next((e for e in entries if e.link is event.link), None)
            if entry is not None and entry.state is LinkState.FAILED:
                # What failed and why, with its URL to copy; r in the sidebar retries.
                self.app.push_screen(ExternalLinkScreen(entry.link, reason=entry.reason))
                return
        self.follow(event.link)

    def on_story_view_step(self, event: StoryView.Step) -> None:
        """J, K and n in the reading pane: the next or previous story of the list, or the
        next unread one, without going back to the list."""
        story_list = self.query_one(StoryList)
        if self.history.current is not None:
            story_list.go_to(self.history.current)
        if event.unread:
            moved = story_list.next_unread()
            nothing = "Every story in the list is read."
        else:
            moved = story_list.step(event.step)
            nothing = "This is the last story." if event.step > 0 else "This is the first story."
        entry = story_list.highlighted
        if not moved or entry is None:
            self.notify(nothing, timeout=3)
            return
        self.open_key(entry.key)

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
        self.open_key(entry.key)
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
        story = self.current
        return Link(0, story.url, story.title) if story is not None and story.url else None

    def action_copy_url(self) -> None:
        link = self._selected()
        if link is None:
            self.notify("No web address to copy here.", timeout=3)
            return
        self.app.copy_to_clipboard(link.url)
        self.notify(f"Copied {link.url}", timeout=3)

    def action_open_url(self) -> None:
        link = self._selected()
        if link is None:
            self.notify("No web address to open here.", timeout=3)
            return
        self.app.push_screen(ExternalLinkScreen(link))

    # --- history ----------------------------------------------------------------------

    def _go(self, key: str | None) -> None:
        story = self._find(key) if key else None
        if story is not None:
            self.open_story(story, record=False, scroll_y=self._positions.get(story.key, 0))

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

    def _remember_position(self) -> None:
        if self.history.current is not None:
            self._positions[self.history.current] = int(self.query_one(StoryView).scroll_y)
            self._related_cursors[self.history.current] = self.query_one(RelatedLinks).cursor

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return self.can_leave()
        return True
