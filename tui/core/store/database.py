"""belga's one database: fetched stories, the feed, read and saved marks, the history.

One SQLite file (stdlib ``sqlite3``, WAL) in the user's cache folder; the caller chooses
the path. Stories are kept by canonical URL as their JSON document, with the ETag and
Last-Modified they were served with so that later fetches can be conditional; with
``--offline`` everything is read from here. Two belga processes (two SSH sessions) may
use one file at once: every write is a short ``BEGIN IMMEDIATE`` transaction and waits
up to :data:`BUSY_SECONDS` for the other's.

The store is made of parts, a module each: the connection, its transactions and keys
(:mod:`.connection`), the marks and history (:mod:`.marks`), the search
(:mod:`.search`); stories, the feed and the purge are here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from tui.core.model.listing import slug_title
from tui.core.model.outside import is_outside_page
from tui.core.model.record import replace
from tui.core.model.story import Story, StoryError, parse_story
from tui.core.model.text import clean_line
from tui.core.model.urls import is_web_url
from tui.core.store.connection import BUSY_SECONDS, StoreError, key_of
from tui.core.store.marks import Marks
from tui.core.store.rows import (
    FRONT_PAGE,
    LINE_TITLES,
    OLDEST_LISTED,
    OWN_LINE,
    PUT_FEED,
    PUT_STORY,
    PUT_TEXT,
    STALE,
    FeedItem,
    FeedMerge,
    Lines,
    Listed,
    body_text,
    forget,
    iso,
    own_lines,
    parse_date,
    story_document,
    to_lines,
    to_listed,
)
from tui.core.store.search import Search

__all__ = ["BUSY_SECONDS", "FeedItem", "FeedMerge", "Listed", "Store", "StoreError"]

_DAY: Final = 86_400.0


class Store(Marks, Search):
    """The database; make one with :meth:`open` and :meth:`close` it when done.

    Every method may raise :class:`StoreError` when SQLite fails (a full disk, another
    process holding the write lock for longer than :data:`BUSY_SECONDS`). Its parts:
    the connection and its transactions (:mod:`.connection`), marks and history
    (:mod:`.marks`), search (:mod:`.search`); stories, the feed and the purge here.
    """

    # Stories -----------------------------------------------------------------------

    def put_story(
        self,
        story: Story,
        document: dict[str, Any] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        aliases: Iterable[str] = (),
    ) -> str:
        """Keep ``story`` under its canonical URL; the key it was stored under.

        ``document`` is the JSON as served; without one (a story read from its web
        page) a document is rebuilt from the story. ``aliases`` are other URLs that
        led to it (a short link, the URL before a redirect).
        """
        if not is_web_url(story.url):
            raise ValueError(f"a story is stored by its web URL, not {story.url!r}")
        page = is_outside_page(story)
        key = key_of(story.url, page=page)
        data = document if document is not None else story_document(story)
        others = {
            key_of(url, page=page) for url in (*aliases, story.short_url) if url and is_web_url(url)
        }
        document_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        with self.transaction() as db:
            when = iso(story.published_at)
            stored = (key, story.title, when, self._clock(), etag or None, last_modified or None)
            (story_id,) = db.execute(PUT_STORY, stored).fetchone()
            db.execute(PUT_TEXT, (story_id, document_json, story.title, body_text(story.body_html)))
            if story.title:  # the line a sitemap listed takes the story's own title and date
                db.execute(OWN_LINE, (key, story.title, when, slug_title(key)))
            db.executemany(
                "INSERT OR REPLACE INTO aliases (alias, url) VALUES (?, ?)",
                [(alias, key) for alias in others - {key}],
            )
        return key

    def get_story(self, url: str, *, page: bool = False) -> Story | None:
        """The stored story at ``url`` (canonical URL, any alias), or ``None``; with
        ``page``, the outside page at ``url`` (by its page key: the query counts).

        The story is identified by the URL it is stored under, as the client does with
        what it fetches, whatever its document claims.
        """
        with self._reading() as db:
            stored = self._resolve(db, url, page=page)
            if stored is None:
                return None
            row = db.execute("SELECT document FROM story_texts WHERE id = ?", (stored.id,))
            document = row.fetchone()
        if document is None:
            return None
        try:
            story = parse_story(json.loads(document[0]), source=stored.url)
        except (ValueError, RecursionError, StoryError):
            return None  # a document stored by a buggy version: as if never fetched
        return replace(story, url=stored.url, source=stored.url)

    def has_story(self, url: str) -> bool:
        with self._reading() as db:
            return self._resolve(db, url) is not None

    def validators(self, url: str) -> tuple[str, str] | None:
        """``(etag, last_modified)`` of the stored story ("" when not sent), else ``None``."""
        with self._reading() as db:
            stored = self._resolve(db, url)
        return (stored.etag or "", stored.last_modified or "") if stored is not None else None

    def touch_story(self, url: str) -> bool:
        """Record that the server answered 304: the stored story is current."""
        with self.transaction() as db:
            stored = self._resolve(db, url)
            if stored is not None:
                db.execute(
                    "UPDATE stories SET fetched_at = ? WHERE id = ?", (self._clock(), stored.id)
                )
        return stored is not None

    def fetched_at(self, url: str) -> float | None:
        """When the stored story was last fetched or found current (epoch seconds)."""
        with self._reading() as db:
            stored = self._resolve(db, url)
        return stored.fetched_at if stored is not None else None

    def story_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM stories").fetchone()[0])

    # The feed ----------------------------------------------------------------------

    def put_feed(self, entries: Iterable[FeedItem]) -> FeedMerge:
        """Merge a refresh of the feed, given top first; what it changed in the list.

        Known entries take the new title, date and summary (an empty one keeps the
        old) and their new place; entries that left the feed stay, below. A kept story
        whose entry has another title is marked to be checked again (its ``fetched_at``
        0: :meth:`fetched_at` says it is old). A title that only stands in (made from
        the slug: a sitemap names none) says nothing: the line keeps the kept story's own
        title and date (:func:`own_lines`), and the story is not checked again for it.
        """
        items = list(
            {key_of(entry.url): entry for entry in entries if is_web_url(entry.url)}.items()
        )
        keys = json.dumps([key for key, _ in items])
        now = self._clock()
        with self.transaction() as db:
            top = db.execute("SELECT coalesce(max(position), 0) FROM feed").fetchone()[0]
            before = dict(db.execute(LINE_TITLES, (keys,)).fetchall())
            rows = [
                (key, clean_line(e.title), iso(e.published_at), clean_line(e.summary), place, now)
                for place, (key, e) in zip(range(top + len(items), top, -1), items, strict=True)
            ]
            # A title made from the slug (a sitemap names none) says nothing of the story.
            stand_ins = {row[0] for row in rows if row[1] == slug_title(row[0])}
            if stand_ins:
                rows = own_lines(db, rows, stand_ins, before)
            # A kept story the feed now names otherwise (a correction keeps its date)
            # is to be checked again: fetched_at 0 (the list shows the feed's title).
            named = [(row[0], row[1]) for row in rows if row[1] and row[0] not in stand_ins]
            db.executemany(STALE, named)
            db.executemany(PUT_FEED, rows)
            after = dict(db.execute(LINE_TITLES, (keys,)).fetchall()) if before else {}
        new = tuple(key for key, _ in items if key not in before)
        retitled = (key for key, title in before.items() if key not in stand_ins)
        return FeedMerge(new, sum(1 for key in retitled if after[key] != before[key]))

    def listed_title(self, url: str) -> str | None:
        """The title the front page lists the story at ``url`` under; ``None`` when the
        feed does not list it."""
        with self._reading() as db:
            row = db.execute(LINE_TITLES, (json.dumps([key_of(url)]),)).fetchone()
        return str(row[1]) if row is not None else None

    def feed_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM feed").fetchone()[0])

    def front_page(self, limit: int | None = None, offset: int = 0) -> list[Listed]:
        """The feed's entries, newest first (entries without a date last, in feed order);
        ``limit`` of them from the ``offset``-th on."""
        with self._reading() as db:
            rows = db.execute(FRONT_PAGE, (-1 if limit is None else limit, offset)).fetchall()
        return to_listed(rows)

    def front_page_lines(self) -> Lines:
        """The whole front page, newest first, as :class:`Lines`: for a thread, which
        makes no object per line."""
        with self._reading() as db:
            rows = db.execute(FRONT_PAGE, (-1, 0)).fetchall()
        return to_lines(rows)

    def front_page_top(self, limit: int) -> tuple[list[Listed], int, datetime | None]:
        """The front page's first ``limit`` entries, how many it has in all, and the
        oldest date listed: all read at one moment (a refresh writing meanwhile cannot
        make them disagree), from the index, without reading the whole feed."""
        with self._reading() as db:
            db.execute("BEGIN")
            try:
                rows = db.execute(FRONT_PAGE, (limit, 0)).fetchall()
                (total,) = db.execute("SELECT count(*) FROM feed").fetchone()
                (oldest,) = db.execute(OLDEST_LISTED).fetchone() or (None,)
            finally:
                db.execute("COMMIT")
        return to_listed(rows), int(total), parse_date(oldest)

    # Purge -------------------------------------------------------------------------

    def purge(
        self, keep_days: int | None = None, keep_stories: int | None = None, *, vacuum: bool = False
    ) -> int:
        """Forget stories and feed entries beyond the limits; how many URLs went.

        ``keep_days`` keeps what was fetched or listed in the feed in the last days;
        ``keep_stories`` keeps the newest that many. Saved stories always stay. The marks
        and history of what went are dropped with it.
        """
        if keep_days is None and keep_stories is None:
            return 0
        cutoff = self._clock() - keep_days * _DAY if keep_days is not None else None
        with self.transaction() as db:
            removed = forget(db, cutoff, keep_stories)
        if vacuum and removed:
            with self._reading() as db:
                db.execute("VACUUM")
        return removed
