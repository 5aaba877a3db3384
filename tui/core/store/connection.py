"""The store's one connection: the file opened (checked, a damaged one moved aside),
one lock for every thread, read and write transactions, the keys stories and marks are
kept under, and the small key-value meta table. :class:`~tui.core.store.database.Store`
is made of this and of its parts (marks, search), each a module.

One connection serves every thread of a process, behind a lock: the UI calls from the
event loop and from thread workers, each statement is short, and a connection per
thread would leak one for every short-lived worker thread. Two belga processes (two SSH
sessions) may use one file at once: every write is a short ``BEGIN IMMEDIATE``
transaction and waits up to :data:`BUSY_SECONDS` for the other's.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self

from tui.core.model.text import clean_line
from tui.core.model.urls import canonical, page_key
from tui.core.store.file import (
    BUSY_SECONDS,
    Check,
    StoreBusy,
    StoreError,
    connect,
    is_busy,
    is_damage,
    mark_damaged,
    replace_damaged,
)
from tui.core.store.rows import RESOLVE
from tui.core.store.schema import has_search_index

__all__ = ["BUSY_SECONDS", "Connection", "StoreBusy", "StoreError", "key_of"]


class _Stored(NamedTuple):
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: float


def key_of(url: str, *, page: bool = False) -> str:
    """The key a story (an outside page when ``page``) is stored and found under."""
    return (page_key if page else canonical)(clean_line(url))


class Connection:
    """The open file and its transactions; every method may raise :class:`StoreError`
    when SQLite fails (a full disk, another process holding the write lock for longer
    than :data:`BUSY_SECONDS`)."""

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
    ) -> Self:
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

    def __enter__(self) -> Self:
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
                if is_busy(error):
                    raise StoreBusy(
                        f"The cache is busy in another belga ({self.path} is locked)"
                    ) from None
                raise StoreError(f"The cache at {self.path} failed: {error}") from None

    @contextmanager
    def not_waiting(self) -> Iterator[None]:
        """What is done inside does not wait for another process's lock: busy, it raises
        :class:`StoreBusy` at once (a retry on the event loop)."""
        with self._reading() as db:
            db.execute("PRAGMA busy_timeout = 0")
            try:
                yield
            finally:
                db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")

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

    # Keys --------------------------------------------------------------------------

    def _resolve(self, db: sqlite3.Connection, url: str, *, page: bool = False) -> _Stored | None:
        row = db.execute(RESOLVE, (key_of(url, page=page),)).fetchone()
        return _Stored(*row) if row is not None else None

    def known_as(self, url: str) -> str:
        """The key marks and history keep ``url`` under: a stored outside page's page key
        (its query counts: ``page?id=2`` is not ``page?id=1``), else the story rule."""
        with self._reading() as db:
            return self._known_as(db, url)

    def _known_as(self, db: sqlite3.Connection, url: str) -> str:
        key = key_of(url)
        page = key_of(url, page=True)
        if not page or page == key:
            return key  # no query, no .json: both rules agree (most URLs, no query made)
        stored = self._resolve(db, url, page=True)
        return stored.url if stored is not None else key

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
