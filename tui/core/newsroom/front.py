"""The front page: the store's (or the session's, when the store cannot keep it), and
its refresh from the newsroom's feed or sitemap."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Final

from tui.core.model.listing import Entry, Paged
from tui.core.model.record import record
from tui.core.newsroom.rules import offline_error
from tui.core.store.file import StoreError
from tui.core.store.rows import FEED_ETAG, FEED_LAST_MODIFIED

if TYPE_CHECKING:
    from tui.core.model.session_feed import SessionFeed
    from tui.core.net.client import NewsroomClient
    from tui.core.net.front_page import FrontPage
    from tui.core.newsroom.at_hand import AtHand
    from tui.core.newsroom.marks import MarkBook
    from tui.core.newsroom.writer import Writer
    from tui.core.store.database import Store
    from tui.core.store.rows import Lines

FEED_REFRESHED: Final = "feed.refreshed_at"


@record(frozen=True)
class Refresh:
    """What a front-page refresh brought."""

    new: int
    """Entries not listed before."""
    source: str
    changed: int = 0
    """Lines listed before that show another title now."""
    not_modified: bool = False
    notes: tuple[str, ...] = ()
    """What the user should hear about the list although one was found (FrontPage.notes)."""
    not_kept: str = ""
    """Why the list is for this session only (a sentence), if it is."""
    waiting: bool = False
    """The cache is busy in another belga: the list is kept when it is free."""


class FrontPages:
    """The front page as listed; the one owner of the session's own (made when the store
    cannot keep it) and of why it is the session's only."""

    def __init__(
        self,
        store: Store | None,
        at_hand: AtHand,
        marks: MarkBook,
        clock: Callable[[], float],
        changed: Callable[[], None],
        writer: Writer,
    ) -> None:
        self._store = store
        self._writer = writer
        self._at_hand = at_hand
        self._marks = marks
        self._clock = clock
        self._changed = changed
        """Told when a refresh brought another front page into the store."""
        self._listed: set[str] = set()
        """The keys of the store's lines the session was given: an entry the store no
        longer had (another belga purged it) is not new when a refresh lists it again."""
        self._late: Refresh | None = None
        """A refresh kept once the busy cache was free, not said yet."""
        self._feed: SessionFeed | None = None
        """The front page when the store cannot keep it: the session's only (made then)."""
        self.unkept = "" if store is not None else "belga runs without its cache."
        """Why the front page is the session's only (:attr:`_feed`); "" while the
        store keeps it."""

    def front_page(self, limit: int | None = None, offset: int = 0) -> list[Entry]:
        """What the store lists (``limit`` lines from the ``offset``-th), at once (the
        session's when the store cannot keep it); its marks are taken in."""
        if self._store is None or self.unkept:
            lines = self._session_feed().entries(self._at_hand.get)
            return lines[offset : None if limit is None else offset + limit]
        listed = self._store.front_page(limit, offset)
        self._marks.take_marks(listed)
        entries = [item.entry for item in listed]
        self._listed.update(entry.key for entry in entries)
        return entries

    def front_page_top(self, size: int) -> Sequence[Entry]:
        """The front page with only its first ``size`` lines read now (the others are
        read when asked for: :class:`Paged`); what the first paint needs of 50,000."""
        if self._store is None or self.unkept:
            return self.front_page()
        listed, total, oldest = self._store.front_page_top(size)
        self._marks.take_marks(listed)
        top = [item.entry for item in listed]
        self._listed.update(entry.key for entry in top)
        if total <= len(top):
            return top
        return Paged(top, total, lambda offset, limit: self.front_page(limit, offset), oldest)

    def front_page_lines(self) -> tuple[Lines, int] | None:
        """The store's whole front page with its marks, which are not taken in (for a
        thread, whose caller takes them on the event loop: ``take_all_marks``), and the
        generation of the marks it holds (MarkBook.generation); ``None`` when the store
        does not keep it."""
        store = self._store
        if store is None or self.unkept:
            return None
        since = self._marks.generation  # before reading: a change made meanwhile stays
        lines = store.front_page_lines()
        self._listed.update(lines.read)  # (in C: safe beside the loop's look-ups)
        return lines, since

    async def refresh(self, client: NewsroomClient | None) -> Refresh:
        """Read the feed (conditionally) or the sitemap, and merge it into the store."""
        from tui.core.net.client import Validators
        from tui.core.net.front_page import fetch_front_page

        if client is None:
            raise offline_error("the front page")
        store = None if self.unkept else self._store
        validators = None
        if store is not None:
            with suppress(StoreError):  # the cache cannot say: the whole feed is read
                etag, modified = store.get_meta(FEED_ETAG), store.get_meta(FEED_LAST_MODIFIED)
                if etag or modified:
                    validators = Validators(etag or "", modified or "")
        page = await fetch_front_page(client, validators)
        if store is not None:
            kept: list[Refresh] = []
            now = self._clock()

            def keep(store: Store) -> None:
                kept.append(_keep_front_page(store, page, now, self._listed))
                if not kept[-1].not_modified:
                    self._changed()
                if waited:  # kept once the cache was free: said then (take_late)
                    self._late = kept[-1]

            waited = False
            failed = self._writer.write(keep)
            if failed is None:
                if kept:
                    return kept[0]
                waited = True
                return Refresh(0, page.source, notes=page.notes, waiting=True)
            with suppress(StoreError):  # read-only, a full disk: listed all the same
                self._session_feed().seed(self.front_page())
            self.unkept = failed
        new = self._session_feed().merge(page.entries)
        return Refresh(new, page.source, notes=page.notes, not_kept=self.unkept)

    def take_late(self) -> Refresh | None:
        """The refresh that waited for the cache and was kept since, once."""
        late, self._late = self._late, None
        return late

    def _session_feed(self) -> SessionFeed:
        if self._feed is None:
            from tui.core.model.session_feed import SessionFeed

            self._feed = SessionFeed()
        return self._feed


def _keep_front_page(store: Store, page: FrontPage, now: float, listed: set[str]) -> Refresh:
    """Merge a front page fetched into the store; raises StoreError. New are the
    entries neither the store nor the session (``listed``) listed before."""
    with store.transaction():  # all or nothing: a busy cache has it all later
        store.set_meta(FEED_REFRESHED, str(now))
        if page.not_modified:
            return Refresh(0, page.source, not_modified=True)
        merged = store.put_feed(page.entries)
        kept = page.validators
        store.set_meta(FEED_ETAG, kept.etag if kept and kept.etag else None)
        modified = kept.last_modified if kept and kept.last_modified else None
        store.set_meta(FEED_LAST_MODIFIED, modified)
    new = sum(1 for key in merged.new if key not in listed)
    listed.update(merged.new)
    return Refresh(new, page.source, merged.retitled, notes=page.notes)
