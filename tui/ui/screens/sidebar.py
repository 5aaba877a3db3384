"""The sidebar's side of the reader screen: the shown story's links listed, the
stories they lead to fetched ahead (cancelled when another story opens), a retry asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from textual import work

from tui.core.model.history import History
from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story
from tui.core.model.urls import is_story_url, same_place
from tui.core.net.fetch_errors import FetchError
from tui.core.net.progress import Stage
from tui.core.net.slots import fetching_ahead
from tui.core.newsroom import Newsroom
from tui.core.render.document import Link
from tui.core.render.related import page_links, related_links
from tui.core.render.render import PreparedStory
from tui.ui.keys_first import give_way, keys_of, run_slice
from tui.ui.screens.layout import RELATED
from tui.ui.screens.panes import PanedScreen
from tui.ui.widgets.related import LinkState, RelatedEntry, RelatedLinks

RELATED_GROUP: Final = "related-fetch"
"""The workers fetching the sidebar's entries (cancelled when another story opens)."""
AT_ONCE: Final = 50
"""Entries made at once when a story's links are shown; the rest in slices."""
SLICE_SECONDS: Final = 0.002
"""How long one slice of the rest may hold the event loop."""


class SidebarLinks(PanedScreen):
    """Fills the related-links sidebar for the story shown and fetches its stories."""

    newsroom: Newsroom
    history: History[str]
    _fetch_ahead: bool
    _related_cursors: dict[str, int]
    _wanted: list[Callable[[], None]]
    """Each fetch started for the sidebar's entries: called when they are no longer shown
    (a fetch nobody waits for then stops: J pressed five times leaves none behind)."""
    _unwanted: list[Callable[[], None]]
    """The fetches of the entries shown before, stopped once the new list is made."""

    def __init__(self, list_width: int = 72) -> None:
        super().__init__(list_width)
        self._wanted = []
        self._unwanted = []
        self._ahead_held: Callable[[], None] | None = None
        """Lets the requests made ahead start again (held while a story is fetched)."""

    def _hold_ahead(self) -> None:
        """The reader asked for a story that is not at hand: until it is shown (its own
        sidebar made), or the open fails or is cancelled, no request made ahead starts.
        On a slow link the story has the link to itself, and the old sidebar's stories
        still waiting are not fetched for a sidebar about to go."""
        if self._ahead_held is None:
            self._ahead_held = self.newsroom.hold_ahead()

    def _let_ahead_go(self) -> None:
        held, self._ahead_held = self._ahead_held, None
        if held is not None:
            held()

    def _find(self, url: str) -> Story | None:
        """The story at ``url`` if it is at hand: loaded from disk, fetched or stored."""
        return self.newsroom.at_hand(url)

    def _show_related(self, prepared: PreparedStory) -> None:
        """Another story's links in the sidebar; the fetches of the old ones stop.

        The first :data:`AT_ONCE` entries (more than a sidebar shows) are made now; a
        longer list (a 30,000-word story links to ~300 stories) is made after, in slices
        of :data:`SLICE_SECONDS`: each entry is looked up in the store (~35 µs), and the
        keys typed meanwhile are answered between the slices."""
        self.workers.cancel_group(self, RELATED_GROUP)
        site, of_page = prepared.story.url, is_outside_page(prepared.story)
        if of_page:
            links = page_links(prepared.links, own=site)
        else:
            links = related_links(prepared.links, own=site)
        entries = [self._entry(link, site) for link in links[:AT_ONCE]]
        sidebar = self.query_one(RelatedLinks)
        sidebar.show_entries(entries, of_page=of_page, count=len(links))
        kept = self._related_cursors.get(self.history.current or "", 0)
        # The old fetches stop once the new list is made: a link listed again keeps its fetch.
        self._unwanted, self._wanted = self._unwanted + self._wanted, []
        rest = links[len(entries) :]
        if not rest and 0 < kept < len(entries):
            sidebar.cursor = kept  # back to a story: its sidebar as it was left
        self._say_related(RELATED not in self.shown_panes())
        self._fetch_waiting(entries)
        if rest:
            self._list_rest(rest, site, kept)
        else:
            self._drop_unwanted()
        self._let_ahead_go()  # the new sidebar's fetches, and the rest of the work ahead

    def _fetch_waiting(self, entries: list[RelatedEntry]) -> None:
        """Fetch the entries waiting to be fetched. The requests start now, before the
        story's frame: each a few steps of the event loop that a paint (10-30 ms) held
        back, new connections most of all."""
        waiting = [entry for entry in entries if entry.state is LinkState.WAITING]
        with fetching_ahead():  # the reader's own requests go first
            self._wanted.extend(self.newsroom.fetch_soon(entry.link.url) for entry in waiting)
        for entry in waiting:
            self._fetch_related(entry)

    def _drop_unwanted(self) -> None:
        unwanted, self._unwanted = self._unwanted, []
        for release in unwanted:
            release()

    # A description given: Textual's own is the repr of every argument (~300 links: 0.4 ms).
    @work(group=RELATED_GROUP, exit_on_error=False, description="the sidebar's other entries")
    async def _list_rest(self, links: list[Link], site: str, kept: int) -> None:
        """The entries after the first ones, made a slice at a time (cancelled with the
        sidebar's fetches when another story's links are shown), listed at once when
        all are made: the scrollbar's thumb changes once, in one frame."""
        sidebar = self.query_one(RelatedLinks)
        keys = keys_of(self.app)
        made: list[RelatedEntry] = []

        def make() -> bool:
            made.append(self._entry(links[len(made)], site))
            return len(made) < len(links)

        while len(made) < len(links):
            await give_way(keys)  # the keys read meanwhile go their way, and are answered
            first = len(made)
            run_slice(make, keys, SLICE_SECONDS)
            self._fetch_waiting(made[first:])
        sidebar.add_entries(made)
        if 0 < kept < len(sidebar.entries):
            sidebar.cursor = kept  # back to a story: its sidebar as it was left
        self._drop_unwanted()

    @work(group=RELATED_GROUP, exit_on_error=False, description="a sidebar entry's story")
    async def _fetch_related(self, entry: RelatedEntry) -> None:
        """Fetch a sidebar entry's story; the client says when its request goes out, so
        that "loading" means a request is on its way and the rest say "waiting"."""
        sidebar = self.query_one(RelatedLinks)

        def progress(stage: Stage) -> None:
            if stage is Stage.STARTED:
                sidebar.set_state(entry, LinkState.LOADING)

        try:
            with fetching_ahead():  # the story the reader opens goes first
                story = await self.newsroom.story(entry.link.url, progress)
        except FetchError as error:
            sidebar.set_state(entry, LinkState.FAILED, reason=error.reason)
        else:
            sidebar.set_state(entry, LinkState.AVAILABLE, story=story)

    def on_related_links_retry(self, event: RelatedLinks.Retry) -> None:
        entry = event.entry
        if self.newsroom.can_fetch(entry.link.url):
            self.query_one(RelatedLinks).set_state(entry, LinkState.WAITING)
            self._fetch_related(entry)
        elif self.newsroom.offline:
            self.notify("belga is offline: nothing is fetched.", timeout=3)
        else:  # a page of another site that could not be read: asked for again
            shown = self._find(self.history.current or "")
            made = self._entry(entry.link, shown.url if shown is not None else "")
            self.query_one(RelatedLinks).set_state(entry, made.state)
            self.follow(entry.link)

    def follow(self, link: Link) -> None:
        raise NotImplementedError  # the reader screen's: open it inline, or offer it

    def _entry(self, link: Link, site: str) -> RelatedEntry:
        """The sidebar entry of ``link`` of the story (or page) at ``site``."""
        story = self._find(link.url)
        if story is not None:
            return RelatedEntry(link, LinkState.AVAILABLE, story)
        url = link.url
        if self.newsroom.can_fetch(url) and (link.is_story or is_story_url(url)):
            return RelatedEntry(
                link, LinkState.WAITING if self._fetch_ahead else LinkState.NOT_IN_DEMO
            )
        if self.newsroom.offline:
            return RelatedEntry(link, LinkState.OFFLINE)
        here = same_place(url, site)
        return RelatedEntry(link, LinkState.SAME_SITE if here else LinkState.REMOTE)
