"""The one owner of stories and marks: what is at hand, the store on disk, the network.

The UI asks this one object for a story (from memory, else the store, else the
network), for the front page, and for the read and saved marks it draws; it tells it
what the user marked. The service decides whether the network may be used
(``--offline``, trusted hosts), keeps what it fetches in the store, makes later fetches
conditional, and keeps the session's marks when there is no store. No Textual here.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Final

from tui.core.model.listing import Entry, Paged, entry_of, newest_first
from tui.core.model.outside import is_outside_page
from tui.core.model.record import record
from tui.core.model.story import Story
from tui.core.model.text import fold
from tui.core.model.urls import canonical, host_of, is_story_url, is_web_url, page_key
from tui.core.net.fetch_errors import FetchError, FetchErrorKind
from tui.core.store.file import StoreError
from tui.core.store.rows import body_text

if TYPE_CHECKING:
    from tui.core.model.session_feed import SessionFeed
    from tui.core.net.client import NewsroomClient
    from tui.core.net.front_page import FrontPage
    from tui.core.net.outside import OutsideReader
    from tui.core.net.progress import Progress
    from tui.core.store.database import Listed, Store
    from tui.core.store.rows import Lines

REFRESH_AFTER_SECONDS: Final = 3600.0
"""A stored story older than this is checked again (conditionally) when it is opened."""
FEED_ETAG: Final = "feed.etag"
FEED_LAST_MODIFIED: Final = "feed.last_modified"
FEED_REFRESHED: Final = "feed.refreshed_at"
READER_SITE: Final = "reader.site."
"""Meta key prefix: the reader's remembered answer for a site's pages ("always"/"never")."""
READER_ANSWERS: Final = ("always", "never")
RECENT_STORIES: Final = 64
"""Stories read from the store or fetched that stay in memory besides the listed ones
(files and URLs given, which have no other copy): the store has the rest. Kept all, a
session grew by each story opened (14 KB for 1,500 words, far more for long ones)."""
SEARCH_CHARS: Final = 100_000
"""Of each story at hand (files, URLs), this much of its text is searched by the filter:
a bounded cost (and memory) per story, however long the story."""


def offline_error(url: str) -> FetchError:
    return FetchError(
        FetchErrorKind.NOT_ALLOWED, url, "offline: not fetched before", "started with --offline"
    )


def form(url_or_key: str) -> str:
    """The form stories and marks are known by, as the store knows them: the canonical
    URL, or a file's path (through the same rule: no ``.json``)."""
    return canonical(url_or_key) or url_or_key


@record(frozen=True)
class Fresh:
    """A newer version of a stored story, and what failed if it could not be kept."""

    story: Story
    not_kept: str | None = None
    offered: bool = False
    """A local file's newsroom version: only offered (:meth:`Newsroom.adopt`), for what
    the user opened is what they see."""


@record(frozen=True)
class Refresh:
    """What a front-page refresh brought."""

    new: int
    """Entries not listed before."""
    source: str
    not_modified: bool = False
    notes: tuple[str, ...] = ()
    """What the user should hear about the list although one was found (FrontPage.notes)."""
    not_kept: str = ""
    """Why the list is for this session only (a sentence), if it is."""


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
        self._clock = clock
        self._pages = pages
        """The outside-page reader, made when first needed; ``None``: no reader view."""
        self.reader = reader
        """``[net] reader``: "ask" (once per site), "always" or "never"."""
        self._sites: dict[str, str] = {}
        """The answers remembered per site this session (the store keeps them too)."""
        self._stories: dict[str, Story] = {}
        """Every story at hand, by each form it is known by (its key, URL, short link…)."""
        self._recent: OrderedDict[str, tuple[Story, frozenset[str]]] = OrderedDict()
        """Of those, the ones not listed, with their forms, in the order they were read:
        with a store, the oldest are forgotten past :data:`RECENT_STORIES` (the store
        has them)."""
        self._listed: dict[str, Entry] = {}
        """The list lines of the stories :meth:`add` was given (files, URLs), by key, made
        once each: the list is re-sorted while thousands of files load, from these."""
        self._forms: dict[str, str] = {}
        """Each listed key's :func:`form`, made once when the story is added: the marks
        of a whole list are asked at each re-sort (50,000 files: 143,000 canonical URLs
        made again, 7 s, when the URL cache held 8,192)."""
        self._texts: dict[str, str] = {}
        """The listed stories' folded text (title and body, cut at :data:`SEARCH_CHARS`),
        made at the first search that needs it, for the filter."""
        self._read: dict[str, bool] = {}
        """Read marks known this session: all of them without a store, else those asked."""
        self._saved: set[str] | None = None
        """The saved marks; read from the store when first needed."""
        self._checked: dict[str, float] = {}
        """When each story was last checked for a newer version this session (what the
        store says may be older: a new version it could not keep)."""
        self._marked: set[str] = set()
        """The forms whose marks the user changed this session: a list read from the store
        before the change (a long one, loaded in a thread) does not undo it."""
        self._feed: SessionFeed | None = None
        """The front page when the store cannot keep it: the session's only (made then)."""
        self.feed_unkept = "" if store is not None else "belga runs without its cache."
        """Why the front page is the session's only (:attr:`_feed`); "" while the
        store keeps it."""

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

    # --- stories at hand ----------------------------------------------------------------

    def add(self, stories: Iterable[Story]) -> None:
        """Stories the user asked for (files read, URLs fetched): at hand, and listed."""
        for story in stories:
            self._know(story)
            entry = entry_of(story)
            self._listed[entry.key] = entry
            self._forms[entry.key] = entry.key if is_outside_page(story) else form(entry.key)
            self._texts.pop(entry.key, None)  # a new version: searched anew

    def _form(self, key: str) -> str:
        """The form ``key``'s marks are known by: an outside page's page key (its query
        counts: ``page?id=2`` is not ``page?id=1``), else :func:`form`; made once for the
        keys of the stories added."""
        known = self._forms.get(key)
        if known is not None:
            return known
        story_form = form(key)
        page = page_key(key)
        if not page or page == story_form:
            return story_form  # no query, no .json: both rules agree
        at_hand = self._stories.get(page)
        if at_hand is not None:
            return page if is_outside_page(at_hand) else story_form
        if page in self._read or page in self._saved_marks():
            return page  # known in its own form, which only a page's has a query in
        if self.store is not None:
            with suppress(StoreError):
                return self.store.known_as(key)
        return story_form

    def listed(self) -> list[Entry]:
        """The lines of the list of the stories :meth:`add` was given, newest first."""
        return newest_first(self._listed.values())

    @property
    def listed_count(self) -> int:
        return len(self._listed)

    def _know(self, story: Story, *aliases: str) -> frozenset[str]:
        """``story`` at hand by each form it is known by; those forms."""
        urls = (story.key, story.url, story.short_url, *aliases)
        rule = page_key if is_outside_page(story) else form
        forms = frozenset(rule(url) for url in urls if url)
        for known in forms:
            self._stories[known] = story
        return forms

    def _remember(self, story: Story, *aliases: str) -> None:
        """A story read from the store or fetched: at hand, among the recent ones."""
        forms = self._know(story, *aliases)
        if self.store is None or story.key in self._listed:
            return  # memory is the only copy: kept
        recent = self._recent
        before = recent.pop(story.key, None)
        if before is not None:
            if before[0] is story:
                forms |= before[1]
            else:  # a newer version: the older one is forgotten by every form
                self._forget(*before)
        recent[story.key] = (story, forms)
        while len(recent) > RECENT_STORIES:
            _, (old, known) = recent.popitem(last=False)
            if old.key not in self._listed:  # listed since: kept
                self._forget(old, known)

    def _forget(self, story: Story, forms: frozenset[str]) -> None:
        for name in forms:
            if self._stories.get(name) is story:
                del self._stories[name]

    def at_hand(self, url_or_key: str) -> Story | None:
        """The story at ``url_or_key`` without any request: in memory, else stored.

        An outside page is found by its page key (its query counts), a story by its
        canonical URL: ``page?id=2`` is not the page ``page?id=1`` nor ``page``."""
        page = self._stories.get(page_key(url_or_key))
        if page is not None and is_outside_page(page):
            return page
        story = self._stories.get(form(url_or_key))
        if story is not None and not is_outside_page(story):
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
        self._remember(story, url_or_key)
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
        self._remember(story, url)
        self._keep(client, story, url)
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
        return _nothing

    def hold_ahead(self) -> Callable[[], None]:
        """The reader waits for a story: no request made ahead starts until what this
        returns is called."""
        client = self.client
        return client.hold_ahead() if client is not None else _nothing

    async def page(self, url: str, on_sent: Callable[[], None] | None = None) -> Story:
        """The outside page at ``url`` in reader view: at hand, else fetched (and stored).

        Only ever called on the reader's request. ``on_sent`` hears when a request for it
        is on its way (nothing when the page is at hand). Raises FetchError.
        """
        story = self.at_hand(url)
        if story is not None:
            return story
        if self._pages is None or self.offline:
            raise offline_error(url)
        story = await self._pages().fetch_page(url, on_sent)
        self._remember(story, url)
        store = self.store
        if store is not None:
            aliases = [url] if is_web_url(url) else []
            self._write(lambda _: store.put_story(story, aliases=aliases))
        return story

    def page_refusal(self, url: str) -> FetchError | None:
        """Why the page at ``url`` would be refused before asking for it (a private
        address without ``[net] allow_private``), else ``None``."""
        if self._pages is None or self.offline:
            return None
        return self._pages().refusal(url)

    def warm_pages(self) -> None:
        """A page is likely to be read (the reader is being asked, or reads pages here
        without asking): get the reader ready (no request is made), so that it is read
        sooner."""
        if self._pages is not None and not self.offline:
            self._pages().warm()

    def reader_answer(self, url: str) -> str:
        """Whether the page at ``url`` is read here: "always", "never" or "ask", from the
        config, else the answer remembered for its site. The newsroom's own pages are
        read without asking: it is trusted (FetchSettings.is_newsroom)."""
        if self.reader != "ask" or self._pages is None:
            return self.reader if self._pages is not None else "never"
        client = self.client
        if client is not None and client.settings.is_newsroom(url):
            return "always"
        host = host_of(url).removeprefix("www.")
        if host not in self._sites and self.store is not None:
            with suppress(StoreError):
                self._sites[host] = self.store.get_meta(READER_SITE + host) or ""
        answer = self._sites.get(host, "")
        return answer if answer in READER_ANSWERS else "ask"

    def remember_reader_answer(self, url: str, answer: str) -> str | None:
        """Keep "always" or "never" for the site of ``url``; what failed, if anything."""
        host = host_of(url).removeprefix("www.")
        if answer not in READER_ANSWERS or not host:
            return None
        self._sites[host] = answer
        return self._write(lambda store: store.set_meta(READER_SITE + host, answer))

    async def refresh_story(self, story: Story) -> Fresh | None:
        """Check a stored story again if it is old; the new version when it changed, with
        what failed if it could not be kept."""
        client = self.client
        store = self.store
        if client is None or store is None or not client.can_fetch(story.url):
            return None
        now = self._clock()
        if now - self._checked.get(story.key, -REFRESH_AFTER_SECONDS) < REFRESH_AFTER_SECONDS:
            return None
        self._checked[story.key] = now
        if not is_web_url(story.source):
            return await self._other_version(client, story)
        try:
            stored = store.validators(story.url)
            fetched_at = store.fetched_at(story.url) if stored is not None else None
        except StoreError:
            return None  # the cache cannot say how old it is: what is shown stays
        if fetched_at is not None and now - fetched_at < REFRESH_AFTER_SECONDS:
            return None
        from tui.core.net.client import Validators

        validators = Validators(*stored) if stored is not None else None
        fresh = await client.refresh_story(story.url, validators)
        if fresh is None:
            self._write(lambda store: store.touch_story(story.url))
            return None
        if (fresh.title, fresh.body_html) == (story.title, story.body_html):
            self._keep(client, fresh, story.url)  # the same story: its new validators kept
            return None  # (a server without validators answers each check in full)
        self._remember(fresh, story.url)
        return Fresh(fresh, self._keep(client, fresh, story.url))

    async def _other_version(self, client: NewsroomClient, story: Story) -> Fresh | None:
        """The newsroom's version of a local file, when it differs; neither remembered
        nor kept: the file stays what is at hand until the user adopts the other."""
        fetched = await client.fetch_story(story.url)
        if (fetched.title, fetched.body_html) == (story.title, story.body_html):
            return None
        return Fresh(fetched, offered=True)

    def adopt(self, fresh: Fresh) -> str | None:
        """The user chose an offered version: at hand from now on, and kept (what
        failed, if it could not be)."""
        self._remember(fresh.story)
        client = self.client
        return self._keep(client, fresh.story) if client is not None else None

    def _keep(self, client: NewsroomClient, story: Story, *aliases: str) -> str | None:
        """Keep a fetched story in the store; what failed, if it could not be kept."""
        if self.store is None or not is_web_url(story.url):
            return None
        validators = client.validators(story.url)
        store = self.store
        # On failure the story is shown all the same; it is just not kept for later.
        return self._write(
            lambda _: store.put_story(
                story,
                etag=validators.etag if validators else None,
                last_modified=validators.last_modified if validators else None,
                aliases=[a for a in aliases if is_web_url(a)],
            )
        )

    async def image(self, url: str) -> bytes:
        """An image of a story, for drawing it (the user turned pictures on)."""
        client = self.client
        if client is None:
            raise offline_error(url)
        return await client.fetch_image(url)

    def search(self, words: str) -> set[str]:
        """Keys of the stories at hand (files, URLs) and of the stored ones whose text
        holds every word of ``words`` (case and accents folded)."""
        found = self._search_listed(words)
        if self.store is None:
            return found
        try:
            matched = self.store.matching(words)
        except StoreError:
            return found
        matched |= found  # into the store's set: over 10,000 hits a copy is not free
        return matched

    def _search_listed(self, words: str) -> set[str]:
        """Of the stories at hand: called from the list's filter thread while the event
        loop may add stories, so the dicts are copied (in C, at once) before going
        through them; the texts of stories added since are made here, off the loop."""
        terms = fold(words).split()
        if not terms:
            return set()
        texts = self._texts
        for key in list(self._listed.keys() - texts.keys()):
            story = self._stories.get(self._form(key))
            text = f"{story.title} {body_text(story.body_html)}" if story is not None else ""
            texts[key] = fold(text[:SEARCH_CHARS])
        return {key for key, text in list(texts.items()) if all(term in text for term in terms)}

    # --- read and saved marks -----------------------------------------------------------

    def is_read(self, key: str) -> bool:
        """Whether the story under ``key`` is marked read (as far as this session knows:
        :meth:`read_keys` asks the store for a whole list at once)."""
        return self._read.get(self._form(key), False)

    def is_saved(self, key: str) -> bool:
        return self._form(key) in self._saved_marks()

    def read_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` (story keys: canonical URLs or file paths) are marked read;
        the store is asked about those the session does not know yet."""
        # A key already known is in its own form (form() is idempotent): 10,000 keys
        # at start-up need no parsing then.
        known_forms = self._read
        asked = {(key if key in known_forms else self._form(key)): key for key in keys}
        unknown = [known for known in asked if known not in self._read]
        if unknown and self.store is not None:
            try:
                stored = self.store.read_urls(among=unknown)
            except StoreError:
                stored = set()
            for known in unknown:
                self._read[known] = known in stored
        return {key for known, key in asked.items() if self._read.get(known, False)}

    def saved_keys(self, keys: Iterable[str]) -> set[str]:
        saved = self._saved_marks()
        return {key for key in keys if self._form(key) in saved}

    def saved_entries(self) -> list[Entry]:
        """The lines of what is saved, the last saved first: outside pages and stories the
        front page no longer lists too (the saved view adds them to its own)."""
        if self.store is None:
            return [entry_of(self._stories[k]) for k in self._saved_marks() if k in self._stories]
        try:
            return [
                listed.entry for listed in self.store.saved() if self.is_saved(listed.entry.key)
            ]
        except StoreError:
            return []

    def _saved_marks(self) -> set[str]:
        if self._saved is None:
            self._saved = set()
            if self.store is not None:
                with suppress(StoreError):
                    self._saved = {listed.entry.key for listed in self.store.saved()}
        return self._saved

    def take_marks(self, listed: Iterable[Listed]) -> None:
        """The marks the store listed lines with: known from now on."""
        listed = list(listed)
        read = {item.entry.key: item.read for item in listed}
        self.take_all_marks(read, {item.entry.key for item in listed if item.saved})

    def take_all_marks(self, read: dict[str, bool], saved: set[str]) -> set[str]:
        """Read marks and saved ones as the store listed them (in its own form, which
        is the form marks are known by), but for those the user changed this session
        since: a list read before the change does not undo it. The keys whose marks
        this changed (another belga may have marked them): their lines are drawn again.
        In C, dict and set operations: 50,000 lines taken in on the event loop."""
        marked = self._marked
        changed = {key for key, _ in read.items() - self._read.items()}
        kept = {key: self._read[key] for key in marked if key in self._read}
        self._read.update(read)
        self._read.update(kept)
        marks = self._saved_marks()
        newly_saved = saved - marked - marks
        marks.update(newly_saved)
        return (changed - marked) | newly_saved

    def recheck_marks(self, keys: Iterable[str]) -> set[str]:
        """The store asked again for the read and saved marks of ``keys``: another belga
        on the same cache may have changed them (those the user changed this session
        stay as they are). The keys whose marks changed: their lines are drawn again."""
        if self.store is None:
            return set()
        forms = {self._form(key): key for key in keys}
        try:
            read = self.store.read_urls(among=list(forms))
            saved = {listed.entry.key for listed in self.store.saved()} & forms.keys()
        except StoreError:
            return set()
        changed = self.take_all_marks({known: known in read for known in forms}, saved)
        return {forms.get(known, known) for known in changed}

    def mark_read(self, key: str, read: bool = True) -> str | None:
        """Mark ``key`` read (or unread); what failed to be kept, if anything did."""
        return self.mark_all_read([key], read)

    def mark_all_read(self, keys: Iterable[str], read: bool = True) -> str | None:
        """Mark ``keys`` read (or unread), each kept once; what failed to be kept, if any."""
        self.read_keys(keys := list(keys))
        changed = [key for key in keys if self.is_read(key) != read]
        for key in changed:
            self._read[self._form(key)] = read
            self._marked.add(self._form(key))
        return self._write(lambda store: _mark_read(store, changed, read)) if changed else None

    def save(self, key: str, saved: bool = True) -> str | None:
        """Save ``key`` for later (or not); what failed to be kept, if anything did."""
        marks = self._saved_marks()
        if (self._form(key) in marks) == saved:
            return None
        self._marked.add(self._form(key))
        if saved:
            marks.add(self._form(key))
        else:
            marks.discard(self._form(key))
        return self._write(lambda store: store.save(key, saved))

    def opened(self, key: str) -> str | None:
        """``key`` was opened: read (kept once), and in the history."""
        self.read_keys([key])
        newly_read = not self.is_read(key)
        self._read[self._form(key)] = True
        self._marked.add(self._form(key))

        def visit(store: Store) -> None:
            with store.transaction():
                if newly_read:
                    store.mark_read(key)
                store.record_visit(key)

        return self._write(visit)

    def _write(self, change: Callable[[Store], object]) -> str | None:
        """Make ``change`` to the store; what failed, if it did (``None`` when kept or
        when there is no store). Reading goes on: the session knows the mark anyway."""
        if self.store is None:
            return None
        try:
            change(self.store)
        except StoreError as error:
            return str(error)
        return None

    # --- the front page -----------------------------------------------------------------

    def front_page(self, limit: int | None = None, offset: int = 0) -> list[Entry]:
        """What the store lists (``limit`` lines from the ``offset``-th), at once (the
        session's when the store cannot keep it); its marks are taken in."""
        if self.store is None or self.feed_unkept:
            lines = self._session_feed().entries(lambda key: key in self._stories)
            return lines[offset : None if limit is None else offset + limit]
        listed = self.store.front_page(limit, offset)
        self.take_marks(listed)
        return [item.entry for item in listed]

    def front_page_top(self, size: int) -> Sequence[Entry]:
        """The front page with only its first ``size`` lines read now (the others are
        read when asked for: :class:`Paged`); what the first paint needs of 50,000."""
        if self.store is None or self.feed_unkept:
            return self.front_page()
        listed, total, oldest = self.store.front_page_top(size)
        self.take_marks(listed)
        top = [item.entry for item in listed]
        if total <= len(top):
            return top
        return Paged(top, total, lambda offset, limit: self.front_page(limit, offset), oldest)

    def prepare_search(self) -> None:
        """Get the store's search ready (in a thread): the filter's first keystroke then
        costs what the others cost."""
        if self.store is not None:
            with suppress(StoreError):
                self.store.prepare_search()

    def front_page_lines(self) -> Lines | None:
        """The store's whole front page with its marks, which are not taken in (for a
        thread, whose caller takes them on the event loop: :meth:`take_all_marks`);
        ``None`` when the store does not keep it."""
        store = self.store
        return store.front_page_lines() if store is not None and not self.feed_unkept else None

    async def refresh(self) -> Refresh:
        """Read the feed (conditionally) or the sitemap, and merge it into the store."""
        from tui.core.net.client import Validators
        from tui.core.net.front_page import fetch_front_page

        client = self.client
        if client is None:
            raise offline_error("the front page")
        store = None if self.feed_unkept else self.store
        validators = None
        if store is not None:
            etag, modified = store.get_meta(FEED_ETAG), store.get_meta(FEED_LAST_MODIFIED)
            if etag or modified:
                validators = Validators(etag or "", modified or "")
        page = await fetch_front_page(client, validators)
        if store is not None:
            try:
                refreshed = _keep_front_page(store, page, self._clock())
            except StoreError as error:  # read-only, a full disk: listed all the same
                with suppress(StoreError):
                    self._session_feed().seed(self.front_page())
                self.feed_unkept = str(error)
            else:
                if not refreshed.not_modified:  # a story the feed names otherwise is
                    self._checked.clear()  # checked when opened
                return refreshed
        new = self._session_feed().merge(page.entries)
        return Refresh(new, page.source, notes=page.notes, not_kept=self.feed_unkept)

    def _session_feed(self) -> SessionFeed:
        if self._feed is None:
            from tui.core.model.session_feed import SessionFeed

            self._feed = SessionFeed()
        return self._feed


def _keep_front_page(store: Store, page: FrontPage, now: float) -> Refresh:
    """Merge a front page fetched into the store; raises StoreError."""
    store.set_meta(FEED_REFRESHED, str(now))
    if page.not_modified:
        return Refresh(0, page.source, True)
    new = store.put_feed(page.entries)
    kept = page.validators
    store.set_meta(FEED_ETAG, kept.etag if kept and kept.etag else None)
    store.set_meta(FEED_LAST_MODIFIED, kept.last_modified if kept and kept.last_modified else None)
    return Refresh(new, page.source, notes=page.notes)


def _nothing() -> None:
    pass


def _mark_read(store: Store, keys: list[str], read: bool) -> None:
    if read:
        store.mark_all_read(keys)
        return
    with store.transaction():
        for key in keys:
            store.mark_read(key, False)
