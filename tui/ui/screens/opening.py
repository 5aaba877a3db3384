"""Opening stories in the reading pane: from the list, a link, the history or a fetch;
a newer version offered or shown in place; J, K and n from the reading pane. The story
under the list's cursor is made ready before Enter by :mod:`.ready`."""

from __future__ import annotations

import asyncio
from typing import Final

from rich.text import Text
from textual import work
from textual.message import Message

from tui.core.model.story import Story
from tui.core.model.text import human_size
from tui.core.net.fetch_errors import FetchError
from tui.core.net.slots import fetching_ahead
from tui.core.newsroom import Fresh
from tui.core.render.document import Link
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.after_frame import AfterFrame
from tui.ui.documents import small
from tui.ui.messages import OpenStory, Origin
from tui.ui.notices import under_way
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.layout import LIST, STORY
from tui.ui.screens.marking import MarkingScreen
from tui.ui.screens.outside_pages import OutsidePages, pane_title
from tui.ui.screens.ready import ReadyStories
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIDEBAR_AT_ONCE: Final = 50
"""A story with up to this many links has its sidebar in the same frame as its text
(2,000 words have ~20); more are listed in the frame after."""


class StoryOpening(ReadyStories, MarkingScreen, OutsidePages):
    """Shows a story in the reading pane: the newest ask wins, a story left is never shown."""

    _opened_first: bool
    _unread_shown: str | None
    _positions: dict[str, int]

    def __init__(self, list_width: int = 72) -> None:
        super().__init__(list_width)
        self._intent = 0
        """Counts what the user asked to see; a fetch started for an older ask never paints."""
        self._offer: Fresh | None = None
        """The newsroom's other version of the local file shown, or the newer version of
        the story shown that a refresh found, offered with ``U``."""
        self._partial: PreparedStory | None = None
        """The story shown while its body is still being built (its sidebar is redone
        when the build is complete)."""
        self._asked: list[OpenStory] = []
        """The opens asked for (Enter, a link) that the screen has not heard yet."""
        self._pending: tuple[int, bool] | None = None
        """The open whose document is being built, nothing of it shown yet: its intent,
        and whether it was recorded in the history."""
        self._asked_in = LIST
        """The pane the last open was asked in (a cancel goes back there)."""
        self._steps = 0
        """J, K or n asked for and not heard yet."""
        self._fetching_link: Link | None = None
        """The link whose story is being fetched ("Opening …")."""
        self._opening_said = ""
        """The "Opening …" said for the fetch under way (it goes when another story is shown)."""
        self._fetching: int | None = None
        """The intent of the open whose story is being fetched ("Opening …")."""
        self.after_frame = AfterFrame(self)
        """Work a story's frame does not show, run once that frame is written."""

    def _mark_opened(self, key: str) -> None:
        self.newsroom.opened(key)
        self.query_one(StoryList).marks_changed([key])

    def _remember_position(self) -> None:
        if self.history.current is not None:
            self._positions[self.history.current] = int(self.query_one(StoryView).scroll_y)
            self._related_cursors[self.history.current] = self.query_one(RelatedLinks).cursor

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
        if self._opening_said:  # a fetch overtaken by this story: its "Opening …" goes
            self.query_one(KeyBar).end_notice(self._opening_said)
            self._opening_said = ""
        before = self.history.current
        if record:
            self._remember_position()
            self.history.visit(story.key)
        visited = self.history.current != before
        self._opened_first = True
        self._intent += 1
        self._pending = None
        self._offer = None
        view.border_title = Text(pane_title(story))
        prepared = self._documents.get(story) or self._built_ahead(story)
        if prepared is None and small(story):
            prepared = prepare_story(story)  # a few ms: sooner than a thread's hand-over
        if prepared is not None:
            self._show(prepared, scroll_y)
        else:
            # Not the last story under this one's title; what is under way, at once.
            view.clear(saying=f"Loading the story ({human_size(len(story.body_html))})…")
            self._pending = (self._intent, visited)
            self._prepare(story, self._intent, scroll_y, mark)
        self.query_one(StoryList).set_current(story.key)
        self._unread_shown = None if mark else story.key
        if mark and prepared is not None:  # else once it is shown (it may be cancelled)
            self._mark_opened(story.key)
        self.refresh_bindings()
        online = not self.newsroom.offline
        if check and self._fetch_ahead and online and self.newsroom.store is not None and story.url:
            # After the paint: the check may have to make the network client first.
            self.after_frame(self._check_fresh, story)

    def _show(self, prepared: PreparedStory, scroll_y: int) -> None:
        """The story, its sidebar and its key bar in one frame."""
        self._documents.keep(prepared)
        view = self.query_one(StoryView)
        view.show(prepared, scroll_y, room=self.room_of(view))
        self.after_frame(view.let_go)  # the story left is freed once this one is shown
        self._partial = None if prepared.complete else prepared
        if len(prepared.links) <= SIDEBAR_AT_ONCE:
            self._show_related(prepared)
        else:  # each link is looked up (the store): the story's frame does not wait
            self.after_frame(self._show_related, prepared)
        self.after_frame(self.warm_for, prepared.links)

    @work(group="prepare", exit_on_error=False)
    async def _prepare(self, story: Story, intent: int, scroll_y: int, mark: bool) -> None:
        """Build the story's document in a thread (a big body takes a while): the event
        loop stays free, and a story the user has moved on from is never shown."""
        prepared = await asyncio.shield(self._built(story))
        if intent != self._intent:
            return  # the user asked for something else meanwhile, or cancelled it
        self._pending = None
        self._show(prepared, scroll_y)
        if mark:
            self._mark_opened(story.key)
        self.refresh_bindings()  # q no longer cancels

    # --- an open asked for and not shown yet: q and Esc cancel it -------------------------

    def post_message(self, message: Message) -> bool:
        """An open asked for (``send_open`` posts it here) is pending from this moment:
        a key typed right after Enter (``q``, Esc) reaches the bindings before the screen
        hears of the open, and must cancel it rather than quit from the list."""
        if isinstance(message, StoryView.Step):
            self._steps += 1  # J, K, n: the story they lead to is not known yet
        if isinstance(message, OpenStory):
            self._asked.append(message)  # heard before the next frame: the key bar then
            self._asked_in = self._pane_of_focus()  # where a cancel comes back to
        return super().post_message(message)

    def asked_not_shown(self) -> tuple[bool, Link | None]:
        """Whether a story was asked for and the screen has not heard which yet (J, a
        link: wait for it), and else the link being fetched, if any: what the keys typed
        next act on, as the keys before led there."""
        if self._steps or self._asked:
            return True, None
        fetching = self._fetching == self._intent
        return False, self._fetching_link if fetching else None

    @property
    def opening(self) -> bool:
        pending = self._pending is not None and self._pending[0] == self._intent
        return bool(self._asked) or pending or self._fetching == self._intent

    def cancel_opening(self) -> bool:
        """``q`` or Esc before the story asked for is shown: it never will be; the list
        has the focus, and the story shown before (if any) is the current one again."""
        if not self.opening:
            return False
        pending, self._pending = self._pending, None
        self._asked.clear()
        self._fetching = None  # a fetch under way ends in the background (kept, not shown)
        self._intent += 1  # the build or fetch under way never paints
        if pending is not None:  # the reading pane was cleared for it
            before = self.history.withdraw() if pending[1] else None
            story = self._find(before) if before is not None else None
            if story is not None:
                scroll_y = self._positions.get(story.key, 0)
                self.open_story(story, record=False, scroll_y=scroll_y, reveal=False, check=False)
                self._pending = None  # shown again, not asked for: q then quits from the list
            else:
                self.query_one(StoryView).border_title = ""
                self.query_one(StoryList).set_current(None)
        # Back where it was asked (J or a link in the story, the sidebar), the story read
        # still there; from the list, or with no story to show, the list.
        shown = self.history.current is not None and self.query_one(StoryView).prepared
        self._focus_pane(self._asked_in if shown else LIST)
        self._asked_in = LIST
        self._let_ahead_go()
        self.notify("Opening cancelled.", timeout=3)
        self.refresh_bindings()
        return True

    def action_cancel_opening(self) -> None:
        self.cancel_opening()

    def on_galley_view_complete(self, event: StoryView.Complete) -> None:
        """A body built lazily (over 200 KB) knows all its links once it is typeset:
        the sidebar lists them then."""
        partial, self._partial = self._partial, None
        if partial is not None and partial.story.key == event.story_key == self.history.current:
            self._show_related(partial)

    def check_shown(self) -> None:
        """A refresh found lines changed: the story shown, if the newsroom revised it
        (the store marked it to be checked), is fetched and offered, not swapped."""
        story = self.current
        if story is not None and story.url and self.newsroom.store is not None:
            self._check_fresh(story, offer=True)

    @work(exclusive=True, group="freshness", exit_on_error=False)
    async def _check_fresh(self, story: Story, offer: bool = False) -> None:
        """A story kept from an earlier day is checked again (conditionally, a 304 costs
        next to nothing); a newer version replaces it on screen at the same place, or
        is offered with ``U`` (``offer``: the user is reading it)."""
        try:
            with fetching_ahead():
                fresh = await self.newsroom.refresh_story(story)
        except FetchError:
            return  # what is shown is the stored version: still worth reading
        if fresh is not None and (fresh.offered or offer) and self.history.current == story.key:
            self._offer = fresh
            self.notify("This story has a newer version: U shows it", timeout=8)
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
        """Show the version offered of the story shown (a local file's newsroom version
        is adopted: at hand and kept from now on; a newer one a refresh found already is)."""
        offer, self._offer = self._offer, None
        if offer is None or self.history.current != offer.story.key:
            self.notify("There is no newer version of this story to show.", timeout=3)
            return
        failed = self.newsroom.adopt(offer) if offer.offered else offer.not_kept
        view = self.query_one(StoryView)
        self.open_story(offer.story, record=False, scroll_y=int(view.scroll_y), check=False)
        if failed is not None:
            self._said(failed, "")

    def follow(self, link: Link) -> None:
        """Open ``link`` inline when it is a story belga can get; otherwise offer the URL."""
        story = self._find(link.url)
        if story is not None:
            self.open_story(story)
        elif self.newsroom.is_story(link.url) or (
            link.is_story and self.newsroom.can_fetch(link.url)
        ):
            # A story card or link, or an outside page's link into the newsroom.
            self._fetch_story(link)
        elif link.is_story and self.newsroom.offline:
            self.notify(
                f"[{link.number}] {link.title or link.url} was not fetched before.",
                title="Offline",
                severity="warning",
            )
        else:
            self.offer_page(link)

    def open_key(self, key: str, title: str = "") -> bool:
        """Open the story listed under ``key``: at hand, or fetched. False if it can be
        neither (said, and nothing changes: no blank reading pane is shown for it)."""
        self._asked_in = self._pane_of_focus()  # J in the story: a cancel stays there
        story = self._find(key)
        if story is not None:
            self.open_story(story)
        elif self.newsroom.can_fetch(key):
            # Asked in the list, the list keeps the focus until the story is there: no
            # empty reading pane meanwhile, nor after a failure.
            self._fetch_story(Link(0, key, title or key, is_story=True), self._asked_in == LIST)
        else:
            name = f"“{title}”" if title and title != key else key
            if self.newsroom.offline:
                why = "was not fetched before, and belga is offline (started with --offline)"
            else:
                why = "is not at hand and cannot be fetched"
            self.notify(f"{name} {why}.", severity="warning", timeout=8)
            return False
        return True

    def _fetch_story(self, link: Link, to_story: bool = False) -> None:
        """Fetch ``link``'s story and show it: pending from now on (q and Esc cancel it,
        ``y`` and ``o`` act on it), not from when the worker starts. ``to_story``: the
        reading pane takes the focus when the story is shown."""
        self._fetching, self._fetching_link = self._intent, link
        self._hold_ahead()
        self._open_remote(link, self._intent, to_story)

    @work(exclusive=True, group="open-remote", exit_on_error=False)
    async def _open_remote(self, link: Link, intent: int, to_story: bool) -> None:
        """Fetch ``link``'s story (or wait for the sidebar's fetch of it) and show it."""
        try:
            await self._open_fetched(link, intent, to_story)
        finally:
            if not self.opening:  # failed or cancelled; shown, or its build under way
                self._let_ahead_go()

    async def _open_fetched(self, link: Link, intent: int, to_story: bool) -> None:
        if intent != self._intent:
            return  # cancelled, or another story asked for, before the worker started
        name = link.title or link.url
        label = f"[{link.number}] {name}" if link.number else name
        self.refresh_bindings()  # q and Esc cancel it
        said = self._opening_said = f"Opening {label}…"
        with under_way(self, said):
            try:
                story = await self.newsroom.story(link.url)
            except FetchError as error:
                if intent != self._intent:
                    return  # the user has opened another story since: nothing to say
                # Its URL and the reason, where it can be copied (or opened in a browser).
                self.notify(f"Could not open {label}: {error.reason}.", severity="error")
                self.app.push_screen(ExternalLinkScreen(link, reason=error.reason))
                return
            finally:
                if self._opening_said == said:  # said no more once its fetch has ended
                    self._opening_said = ""
                if self._fetching == intent:
                    self._fetching = None
                    self.refresh_bindings()
            if intent == self._intent:  # else the user opened another story, or cancelled
                self.open_story(story)
                if to_story:
                    self._focus_pane(STORY)

    def on_open_story(self, event: OpenStory) -> None:
        if not any(asked is event for asked in self._asked):
            return  # cancelled (q, Esc) before the screen heard of it
        self._asked = [asked for asked in self._asked if asked is not event]
        if event.origin is Origin.LIST:
            if self.open_key(event.link.url, event.link.title) and self._fetching is None:
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
        self._steps = max(0, self._steps - 1)
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
        self.open_key(entry.key, entry.title)
