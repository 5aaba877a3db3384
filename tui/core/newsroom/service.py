"""The one owner of stories and marks: what is at hand, the store on disk, the network.

The UI asks this one object for a story (from memory, else the store, else the
network), for the front page, and for the read and saved marks it draws; it tells it
what the user marked. The service decides whether the network may be used
(``--offline``, trusted hosts), keeps what it fetches in the store, makes later fetches
conditional, and keeps the session's marks when there is no store. No Textual here.
Its parts, a module each, own their state: the stories in memory (:mod:`.at_hand`), the
marks (:mod:`.marks`), the front page (:mod:`.front`), newer versions (:mod:`.versions`),
outside pages (:mod:`.pages`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from tui.core.model.changes import Changes
from tui.core.model.listing import Entry
from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story
from tui.core.model.urls import is_story_url, is_web_url
from tui.core.net.fetch_errors import FetchError
from tui.core.newsroom.at_hand import AtHand
from tui.core.newsroom.front import FrontPages, Refresh
from tui.core.newsroom.marks import MarkBook
from tui.core.newsroom.pages import Pages
from tui.core.newsroom.rules import nothing, offline_error
from tui.core.newsroom.versions import Fresh, Versions
from tui.core.newsroom.writer import Writer
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.net.outside import OutsideReader
    from tui.core.net.progress import Progress
    from tui.core.store.database import Listed, Store
    from tui.core.store.rows import Lines


class Newsroom:
    """Stories by URL from memory, the store or the network, in that order; their marks."""

    def __init__(
        self,
        client: Callable[[], NewsroomClient] | None,
        store: Store | None = None,
        *,
        offline: bool = False,
        clock: Callable[[], float] = time.time,
        pages: Callable[[], OutsideReader] | None = None,
        reader: str = "ask",
    ) -> None:
        self._client = client
        self.store = store
        self.offline = offline
        self._writer = Writer(store)
        self._at_hand = AtHand(keep_all=store is None)
        self._marks = MarkBook(store, self._at_hand, self._writer)
        self.lines_changed: Callable[[], None] = nothing
        """Told when a story kept changed the line the store lists it with (its title):
        the UI lists the front page again (set by it)."""
        relisted = lambda: self.lines_changed()  # noqa: E731 (set by the UI later)
        self._versions = Versions(store, self._at_hand, clock, relisted, self._writer)
        self._front = FrontPages(
            store, self._at_hand, self._marks, clock, self._versions.forget_checks, self._writer
        )
        self._pages = Pages(store, self._at_hand, pages, reader, self._writer)

    @property
    def client(self) -> NewsroomClient | None:
        """The network client; ``None`` when offline (nothing may be fetched)."""
        return self._client() if self._client is not None and not self.offline else None

    def can_fetch(self, url: str) -> bool:
        client = self.client
        return client is not None and client.can_fetch(url)

    def is_story(self, url: str) -> bool:
        """Whether ``url`` is read as a story (its JSON twin, else its page) rather than
        as another site's page in reader view: a story-shaped URL or a short link on an
        origin the client may fetch (the newsroom's, one the reader gave). The one rule
        for a link followed and for a URL given to ``--dump``. Offline nothing is read
        from the network: what is at hand is found either way (:meth:`at_hand`)."""
        client = self.client
        if client is None or not client.can_fetch(url):
            return False
        return is_story_url(url) or client.is_short_link(url)

    # --- the cache busy in another belga (writer.py) ------------------------------------

    def when_busy(self, told: Callable[[], None]) -> None:
        """``told()`` when a change to the store first waits: another belga holds the
        cache; the caller says so and calls :meth:`retry_writes` until it is free."""
        self._writer.busy = told

    def retry_writes(self) -> bool:
        """Make the changes that waited, without waiting; whether all are made."""
        if not self._writer.retry():
            return False
        self._marks.written()
        return True

    def late_refresh(self) -> Refresh | None:
        """What a refresh that waited for the busy cache brought, once it was kept."""
        return self._front.take_late()

    # --- stories at hand ----------------------------------------------------------------

    def add(self, stories: Iterable[Story]) -> None:
        """Stories the user asked for (files read, URLs fetched): at hand, and listed."""
        self._at_hand.add(stories)

    def begin_relist(self) -> None:
        """r: the story files are read again (:meth:`add`) until :meth:`end_relist`."""
        self._at_hand.begin_relist()

    def end_relist(self) -> Changes:
        """The files read again: those that did not come again are no longer listed;
        what changed (new, changed, gone)."""
        return self._at_hand.end_relist()

    def listed(self) -> list[Entry]:
        """The lines of the list of the stories :meth:`add` was given, newest first."""
        return self._at_hand.listed()

    @property
    def listed_count(self) -> int:
        return self._at_hand.listed_count

    def at_hand(self, url_or_key: str) -> Story | None:
        """The story at ``url_or_key`` without any request: in memory, else stored.

        An outside page is found by its page key (its query counts), a story by its
        canonical URL: ``page?id=2`` is not the page ``page?id=1`` nor ``page``."""
        story = self._at_hand.find(url_or_key)
        if story is not None:
            return story
        if self.store is None or not is_web_url(url_or_key):
            return None
        try:
            story = self.store.get_story(url_or_key, page=True)
            if story is None or not is_outside_page(story):
                story = self.store.get_story(url_or_key)
                if story is not None and is_outside_page(story):
                    return None  # a page another query names, found by the story rule
        except StoreError:
            return None  # a damaged page of the cache: as if never fetched
        if story is None:
            return None
        self._at_hand.remember(story, url_or_key)
        return story

    async def story(self, url: str, progress: Progress | None = None) -> Story:
        """The story at ``url``: at hand, else fetched (and stored). Raises FetchError.

        ``progress`` hears how a fetch goes (queued, started, done); nothing when the
        story is at hand."""
        story = self.at_hand(url)
        if story is not None:
            return story
        client = self.client
        if client is None:
            raise offline_error(url)
        story = await client.fetch_story(url, progress)
        self._at_hand.remember(story, url)
        self._versions.keep(client, story, url)
        return story

    def fetch_soon(self, url: str) -> Callable[[], None]:
        """Start fetching the story at ``url``, which the caller found not at hand, if it
        may be fetched, without waiting: :meth:`story` then waits for that fetch (and
        keeps the story). What it returns says the caller no longer wants it (the fetch
        stops if nobody else waits for it)."""
        client = self.client
        if client is not None and client.can_fetch(url):
            with suppress(FetchError):  # said by story(), which tries again
                return client.start(url)
        return nothing

    def hold_ahead(self) -> Callable[[], None]:
        """The reader waits for a story: no request made ahead starts until what this
        returns is called."""
        client = self.client
        return client.hold_ahead() if client is not None else nothing

    async def image(self, url: str) -> bytes:
        """An image of a story, for drawing it (the user turned pictures on)."""
        client = self.client
        if client is None:
            raise offline_error(url)
        return await client.fetch_image(url)

    def search(self, words: str) -> set[str]:
        """Keys of the stories at hand (files, URLs) and of the stored ones whose text
        holds every word of ``words`` (case and accents folded)."""
        found = self._at_hand.search(words)
        if self.store is None:
            return found
        try:
            matched = self.store.matching(words)
        except StoreError:
            return found
        matched |= found  # into the store's set: over 10,000 hits a copy is not free
        return matched

    # --- newer versions (versions.py) ---------------------------------------------------

    async def refresh_story(self, story: Story) -> Fresh | None:
        """Check a stored story again if it is old; the new version when it changed, with
        what failed if it could not be kept."""
        return await self._versions.refresh_story(self.client, story)

    def adopt(self, fresh: Fresh) -> str | None:
        """The user chose an offered version: at hand from now on, and kept (what
        failed, if it could not be)."""
        return self._versions.adopt(self.client, fresh)

    # --- outside pages (pages.py) -------------------------------------------------------

    @property
    def reader(self) -> str:
        """``[net] reader``: "ask" (once per site), "always" or "never"."""
        return self._pages.reader

    async def read(self, url: str) -> Story:
        """What a URL the user gave shows (``belga URL`` and ``belga --dump URL`` alike):
        the story when :meth:`is_story` says it is one, else the page in reader view.
        Raises FetchError. (The app fetched every URL given as a story, the page's own
        markup as a newsroom page, where --dump read another site's page in reader view.)"""
        if self.is_story(url):
            return await self.story(url)
        return await self.page(url)

    async def page(self, url: str, on_sent: Callable[[], None] | None = None) -> Story:
        """The outside page at ``url`` in reader view: at hand, else fetched (and stored).

        Only ever called on the reader's request. ``on_sent`` hears when a request for it
        is on its way (nothing when the page is at hand). Raises FetchError.
        """
        story = self.at_hand(url)
        if story is not None:
            return story
        return await self._pages.page(url, self.offline, on_sent)

    def page_refusal(self, url: str) -> FetchError | None:
        """Why the page at ``url`` would be refused before asking for it (a private
        address without ``[net] allow_private``), else ``None``."""
        return self._pages.refusal(url, self.offline)

    def warm_pages(self) -> None:
        """A page is likely to be read (the reader is being asked, or reads pages here
        without asking): get the reader ready (no request is made), so that it is read
        sooner."""
        self._pages.warm(self.offline)

    def reader_answer(self, url: str) -> str:
        """Whether the page at ``url`` is read here: "always", "never" or "ask"."""
        return self._pages.answer(url, self.client)

    def remember_reader_answer(self, url: str, answer: str) -> str | None:
        """Keep "always" or "never" for the site of ``url``; what failed, if anything."""
        return self._pages.remember_answer(url, answer)

    # --- read and saved marks (marks.py) ------------------------------------------------

    def is_read(self, key: str) -> bool:
        return self._marks.is_read(key)

    def is_saved(self, key: str) -> bool:
        return self._marks.is_saved(key)

    def read_keys(self, keys: Iterable[str]) -> set[str]:
        return self._marks.read_keys(keys)

    def saved_keys(self, keys: Iterable[str]) -> set[str]:
        return self._marks.saved_keys(keys)

    def saved_entries(self) -> list[Entry]:
        return self._marks.saved_entries()

    def take_marks(self, listed: Iterable[Listed]) -> None:
        self._marks.take_marks(listed)

    def take_all_marks(
        self, read: dict[str, bool], saved: set[str], since: int | None = None
    ) -> set[str]:
        return self._marks.take_all_marks(read, saved, since)

    def recheck_marks(self, keys: Iterable[str]) -> set[str]:
        return self._marks.recheck_marks(keys)

    def mark_read(self, key: str, read: bool = True) -> str | None:
        """Mark ``key`` read (or unread); what failed to be kept, if anything did."""
        return self._marks.mark_all_read([key], read)

    def mark_all_read(self, keys: Iterable[str], read: bool = True) -> str | None:
        return self._marks.mark_all_read(keys, read)

    def save(self, key: str, saved: bool = True) -> str | None:
        return self._marks.save(key, saved)

    def opened(self, key: str) -> str | None:
        return self._marks.opened(key)

    # --- the front page (front.py) ------------------------------------------------------

    @property
    def feed_unkept(self) -> str:
        """Why the front page is the session's only; "" while the store keeps it."""
        return self._front.unkept

    def front_page(self, limit: int | None = None, offset: int = 0) -> list[Entry]:
        return self._front.front_page(limit, offset)

    def front_page_top(self, size: int) -> Sequence[Entry]:
        return self._front.front_page_top(size)

    def front_page_lines(self) -> tuple[Lines, int] | None:
        return self._front.front_page_lines()

    def prepare_search(self) -> None:
        """Get the store's search ready (in a thread): the filter's first keystroke then
        costs what the others cost."""
        if self.store is not None:
            with suppress(StoreError):
                self.store.prepare_search()

    async def refresh(self) -> Refresh:
        """Read the feed (conditionally) or the sitemap, and merge it into the store."""
        return await self._front.refresh(self.client)
