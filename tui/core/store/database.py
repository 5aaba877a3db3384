"""belga's one database: fetched stories, the feed, read and saved marks, the history.

One SQLite file (stdlib ``sqlite3``, WAL) in the user's cache folder; the caller chooses
the path. Stories are kept by canonical URL as their JSON document, with the ETag and
Last-Modified they were served with so that later fetches can be conditional; with
``--offline`` everything is read from here. Two belga processes (two SSH sessions) may
use one file at once: every write is a short ``BEGIN IMMEDIATE`` transaction and waits
up to :data:`BUSY_SECONDS` for the other's.

One connection serves every thread of a process, behind a lock: the UI calls from the
event loop and from thread workers, each statement is short, and a connection per
thread would leak one for every short-lived worker thread.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, NamedTuple

from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story, StoryError, parse_story
from tui.core.model.text import clean_line
from tui.core.model.urls import canonical, is_web_url, page_key
from tui.core.store.file import (
    BUSY_SECONDS,
    Check,
    StoreError,
    connect,
    is_damage,
    mark_damaged,
    replace_damaged,
)
from tui.core.store.rows import (
    FRONT_PAGE,
    LISTED,
    OLDEST_LISTED,
    PUT_FEED,
    PUT_STORY,
    PUT_TEXT,
    RESOLVE,
    SAVED,
    FeedItem,
    Lines,
    Listed,
    body_text,
    forget,
    hit_ids,
    iso,
    parse_date,
    search_query,
    story_document,
    to_lines,
    to_listed,
)
from tui.core.store.schema import has_search_index

__all__ = ["BUSY_SECONDS", "FeedItem", "Listed", "Store", "StoreError"]

_DAY: Final = 86_400.0


class _Stored(NamedTuple):
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: float


def _key(url: str, *, page: bool = False) -> str:
    """The key a story (an outside page when ``page``) is stored and found under."""
    return (page_key if page else canonical)(clean_line(url))


class Store:
    """The database; make one with :meth:`open` and :meth:`close` it when done.

    Every method may raise :class:`StoreError` when SQLite fails (a full disk, another
    process holding the write lock for longer than :data:`BUSY_SECONDS`).
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        recovered_from: Path | None = None,
        clock: Callable[[], float] = time.time,
        checking: Check | None = None,
    ) -> None:
        self._db = db
        self._checking = checking
        """The check of the list's tables still running in a thread (see :meth:`open`)."""
        self._lock = threading.RLock()
        self._depth = 0
        self._clock = clock
        self._has_fts: bool | None = None if checking is not None else has_search_index(db)
        self._writes = 0
        """Transactions committed on this connection (the URL maps go stale with them)."""
        self._url_maps: tuple[tuple[int, int], dict[int, str], dict[int, str]] | None = None
        self.path = path
        self._recovered_from = recovered_from

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        full_check: bool = False,
        clock: Callable[[], float] = time.time,
        check_in_thread: bool = False,
    ) -> Store:
        """Open (or make) the store at ``path``; a damaged file is moved aside first.

        Each open checks the list's tables; ``full_check`` checks every page (slow on a
        big cache: for ``belga --purge``). ``check_in_thread``: the list's tables are
        checked in a thread meanwhile (the app's start-up goes on beside it), and the
        store waits for that check before it is first used: a damaged file is then
        moved aside just the same, before anything is read from it or written to it.
        Raises :class:`StoreError` when nothing can be written there.
        """
        db, moved = connect(path, full_check, check=not check_in_thread)
        checking = Check(path) if check_in_thread and moved is None else None
        return cls(db, path, moved, clock, checking)

    def _checked(self) -> None:
        """Wait for the check running in a thread, if any; on damage, the file is
        replaced by a fresh one now (as :meth:`open` does). Under the lock."""
        if self._checking is None:
            return
        checking, self._checking = self._checking, None
        if checking.faults() is None:
            return
        self._db.close()
        self._db, self._recovered_from = replace_damaged(self.path)
        self._has_fts = None
        self._url_maps = None

    @property
    def _fts(self) -> bool:
        """Whether the file has the full-text index (asked once it is checked)."""
        if self._has_fts is None:
            with self._reading() as db:
                self._has_fts = has_search_index(db)
        return self._has_fts

    @property
    def recovered_from(self) -> Path | None:
        """Where a damaged database found at :attr:`path` was moved, if one was."""
        with self._lock:
            self._checked()
            return self._recovered_from

    def close(self) -> None:
        with self._lock:
            with suppress(StoreError):  # damage found now is acted on at the next start
                self._checked()
            # Closing must not fail because a last tidy-up did.
            with suppress(sqlite3.Error):
                self._db.execute("PRAGMA optimize")  # cheap; keeps the query planner informed
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def recovery_message(self) -> str | None:
        """What to tell the user when a damaged database was replaced."""
        moved = self.recovered_from
        if moved is None:
            return None
        return f"The cache was damaged and was moved to {moved}; a fresh one was made."

    # Transactions ------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._checked()
            try:
                yield self._db
            except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
                raise  # a bug in belga, not a state of the file
            except sqlite3.Error as error:
                if is_damage(error):
                    mark_damaged(self.path)
                    raise StoreError(
                        f"The cache at {self.path} is damaged ({error});"
                        " it will be replaced when belga next starts."
                    ) from None
                raise StoreError(f"The cache at {self.path} failed: {error}") from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one.

        Wrap many writes in one to make them fast (one commit) and all-or-nothing.
        """
        with self._reading() as db:
            if self._depth == 0:
                db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield db
            except BaseException:
                self._depth -= 1
                if self._depth == 0 and db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                db.execute("COMMIT")
                self._writes += 1

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
        key = _key(story.url, page=page)
        data = document if document is not None else story_document(story)
        others = {
            _key(url, page=page) for url in (*aliases, story.short_url) if url and is_web_url(url)
        }
        document_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        with self.transaction() as db:
            when = iso(story.published_at)
            stored = (key, story.title, when, self._clock(), etag or None, last_modified or None)
            (story_id,) = db.execute(PUT_STORY, stored).fetchone()
            db.execute(PUT_TEXT, (story_id, document_json, story.title, body_text(story.body_html)))
            db.executemany(
                "INSERT OR REPLACE INTO aliases (alias, url) VALUES (?, ?)",
                [(alias, key) for alias in others - {key}],
            )
        return key

    def _resolve(self, db: sqlite3.Connection, url: str, *, page: bool = False) -> _Stored | None:
        row = db.execute(RESOLVE, (_key(url, page=page),)).fetchone()
        return _Stored(*row) if row is not None else None

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

    def put_feed(self, entries: Iterable[FeedItem]) -> int:
        """Merge a refresh of the feed, given top first; how many entries were new.

        Known entries take the new title, date and summary (an empty one keeps the
        old) and their new place; entries that left the feed stay, below.
        """
        items = list({_key(entry.url): entry for entry in entries if is_web_url(entry.url)}.items())
        now = self._clock()
        with self.transaction() as db:
            top = db.execute("SELECT coalesce(max(position), 0) FROM feed").fetchone()[0]
            known = {row[0] for row in db.execute("SELECT url FROM feed")}
            rows = [
                (key, clean_line(e.title), iso(e.published_at), clean_line(e.summary), place, now)
                for place, (key, e) in zip(range(top + len(items), top, -1), items, strict=True)
            ]
            db.executemany(PUT_FEED, rows)
        return sum(1 for key, _ in items if key not in known)

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

    # Marks and history -------------------------------------------------------------

    def known_as(self, url: str) -> str:
        """The key marks and history keep ``url`` under: a stored outside page's page key
        (its query counts: ``page?id=2`` is not ``page?id=1``), else the story rule."""
        with self._reading() as db:
            return self._known_as(db, url)

    def _known_as(self, db: sqlite3.Connection, url: str) -> str:
        key = _key(url)
        page = _key(url, page=True)
        if not page or page == key:
            return key  # no query, no .json: both rules agree (most URLs, no query made)
        stored = self._resolve(db, url, page=True)
        return stored.url if stored is not None else key

    def _mark(self, urls: Iterable[str], column: str, on: bool) -> None:
        stamp = self._clock() if on else None
        with self.transaction() as db:
            keys = [(self._known_as(db, url), stamp) for url in urls]
            db.executemany(
                f"INSERT INTO marks (url, {column}) VALUES (?, ?)"
                f" ON CONFLICT (url) DO UPDATE SET {column} = excluded.{column}",
                keys,
            )
            db.execute("DELETE FROM marks WHERE read_at IS NULL AND saved_at IS NULL")

    def mark_read(self, url: str, read: bool = True) -> None:
        self._mark([url], "read_at", read)

    def mark_all_read(self, urls: Iterable[str]) -> None:
        self._mark(urls, "read_at", True)

    def is_read(self, url: str) -> bool:
        with self._reading() as db:
            key = self._known_as(db, url)
            row = db.execute("SELECT read_at FROM marks WHERE url = ?", (key,)).fetchone()
        return row is not None and row[0] is not None

    def read_urls(self, among: Iterable[str] | None = None) -> set[str]:
        """The keys marked read (:meth:`known_as`; only those of ``among``, when given)."""
        with self._reading() as db:
            rows = db.execute("SELECT url FROM marks WHERE read_at IS NOT NULL").fetchall()
            found = {row[0] for row in rows}
            return found if among is None else found & {self._known_as(db, u) for u in among}

    def save(self, url: str, saved: bool = True) -> None:
        """Keep ``url`` for later; a saved story is never purged."""
        self._mark([url], "saved_at", saved)

    def saved(self) -> list[Listed]:
        """Saved stories, the last saved first."""
        with self._reading() as db:
            return to_listed(db.execute(SAVED).fetchall())

    def record_visit(self, url: str) -> None:
        with self.transaction() as db:
            key = self._known_as(db, url)
            db.execute("INSERT INTO history (url, opened_at) VALUES (?, ?)", (key, self._clock()))

    def history(self, limit: int = 100) -> list[str]:
        """Stories opened, the most recent first, each once."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT url FROM history GROUP BY url ORDER BY max(opened_at) DESC, max(id) DESC"
                " LIMIT ?",
                (limit,),
            ).fetchall()
        return [row[0] for row in rows]

    def listed(self, urls: Iterable[str]) -> list[Listed]:
        """List lines for ``urls`` (history, search results), in the order given."""
        with self._reading() as db:
            keys = list(dict.fromkeys(self._known_as(db, url) for url in urls))
            rows = db.execute(LISTED, (json.dumps(keys),)).fetchall()
        return to_listed(rows)

    # Search and purge --------------------------------------------------------------

    def search(self, words: str, limit: int | None = None) -> list[str]:
        """URLs of stories and feed entries holding every word, newest first.

        A word matches the start of a word of the title, the body or the feed summary,
        in any case and (with FTS5) with or without accents: "brus prevot" finds
        "Prévot in Brussels". An empty query matches nothing.
        """
        hits = search_query(words.split(), self._fts)
        if hits is None:
            return []
        limit_ = -1 if limit is None else limit
        with self._reading() as db:
            rows = db.execute(hits.ordered(), (*hits.parameters, limit_)).fetchall()
        return [row[0] for row in rows]

    def matching(self, words: str) -> set[str]:
        """The URLs :meth:`search` finds, all of them, in no order: what the list's
        filter needs (it keeps its own order), without sorting thousands of hits."""
        hits = search_query(words.split(), self._fts)
        if hits is None:
            return set()
        with self._reading() as db:
            story_ids = hit_ids(db, hits.stories, hits.parameters)
            feed_ids = hit_ids(db, hits.feed, hits.parameters)
            stories, feed = self._urls(db)
            if not (story_ids <= stories.keys() and feed_ids <= feed.keys()):
                stories, feed = self._urls(db, again=True)  # written meanwhile
        found = {stories[id] for id in story_ids if id in stories}
        found.update(feed[id] for id in feed_ids if id in feed)
        return found

    def prepare_search(self) -> None:
        """Read what :meth:`matching` maps row ids with now (from a thread), so that the
        filter's first keystroke does not (20-60 ms over 10,000 stories)."""
        with self._reading() as db:
            self._urls(db)

    def _urls(
        self, db: sqlite3.Connection, *, again: bool = False
    ) -> tuple[dict[int, str], dict[int, str]]:
        """The URL of each story and feed entry by row id, read again only after a write
        (``data_version`` tells those of other connections; :meth:`transaction` ours)."""
        version = (db.execute("PRAGMA data_version").fetchone()[0], self._writes)
        if again or self._url_maps is None or self._url_maps[0] != version:
            stories = dict(db.execute("SELECT id, url FROM stories").fetchall())
            feed = dict(db.execute("SELECT id, url FROM feed").fetchall())
            self._url_maps = (version, stories, feed)
        return self._url_maps[1], self._url_maps[2]

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

    # Meta --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._reading() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Set ``key``, or forget it when ``value`` is ``None``."""
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
