"""Opening the store's database file: settings, damage checks, moving a bad file aside.

A cache must never stop the app from starting. A file that SQLite says is not a
database or is damaged is renamed beside itself with a ``.corrupt-<time>`` suffix (so
it can be looked at or deleted by hand) and a fresh database is made in its place. A
place where no database can be written is a :class:`StoreError`, and the caller runs
without a store.

Checking every page of a 100 MB cache costs 0.4 s on a cold disk, so each start checks
only the small tables that the list is read from; the story texts are checked in full
when asked (``belga --purge``) or when damage was met while reading one: the store then
leaves a ``<name>.damaged`` marker beside the file for the next start to act on.

The app has that check made in a thread (:class:`Check`, on a connection of its
own: SQLite runs without Python's lock, beside the app's start-up, 9 ms at 10,000 stories
and 36 ms at 50,000) and waits for it before the store is first read (the store's job).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Final

from tui.core.store.schema import SMALL_TABLES, NewerSchemaError, migrate

BUSY_SECONDS: Final = 1.0
"""How long a statement waits for another belga process to finish its write: writes are
made on the app's event loop, so not long (a write of another belga takes milliseconds);
past it the store raises :class:`StoreBusy`, and the service keeps the change waiting."""
_DAMAGED: Final = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY: Final = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_COMPANIONS: Final = ("-wal", "-shm", "-journal")


class StoreError(Exception):
    """The store cannot be used; ``str()`` is a message for a person."""


class StoreBusy(StoreError):
    """Another process holds the cache's lock (another belga writing, a purge): what was
    asked can be tried again later."""


def is_busy(error: Exception) -> bool:
    """Whether SQLite's ``error`` says another connection holds the lock."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY


class _Damaged(Exception):
    """The file opened, but the integrity check found faults."""


def damage_marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def connect(
    path: Path, full_check: bool = False, *, check: bool = True
) -> tuple[sqlite3.Connection, Path | None]:
    """A checked, migrated connection to ``path``, and where a damaged file was moved.

    ``check=False``: the list's tables are not checked here; the caller has that done
    with :class:`Check` (a full check asked for, or by a damage marker, is
    still made here). Raises :class:`StoreError` when no usable database can be had at
    ``path``.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Cannot create the folder for the cache at {path.parent}: {error.strerror or error}"
        ) from None
    marker = damage_marker(path)
    try:
        full = full_check or marker.exists()
        db = _open(path, full, check=check or full)
        _forget(marker)
        return db, None
    except (sqlite3.DatabaseError, _Damaged) as error:
        if not is_damage(error):
            raise StoreError(f"Cannot open the cache at {path}: {error}") from None
    return replace_damaged(path)


def replace_damaged(path: Path) -> tuple[sqlite3.Connection, Path]:
    """Move the damaged file at ``path`` aside and make a fresh database there."""
    moved = move_aside(path)
    _forget(damage_marker(path))
    try:
        return _open(path, False), moved
    except (sqlite3.DatabaseError, _Damaged) as error:
        raise StoreError(f"Cannot make a fresh cache at {path}: {error}") from None


class Check:
    """The check of the list's tables, running in a thread on its own connection."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._faults: str | None = None
        self._thread = threading.Thread(target=self._run, name="belga-store-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(
                f"{self._path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS
            )
        except sqlite3.Error:
            return  # the app's own connection opened it: nothing to say about damage
        try:
            _check(db, False)
        except (sqlite3.DatabaseError, _Damaged) as error:
            if is_damage(error):
                self._faults = str(error) or "damaged"
        finally:
            db.close()

    def faults(self) -> str | None:
        """Waits for the check: what damage it found, or None (also when it could not
        run: a busy file is not a damaged one)."""
        self._thread.join()
        return self._faults


def _forget(marker: Path) -> None:
    with suppress(OSError):  # a marker left behind costs only a full check next time
        marker.unlink(missing_ok=True)


def mark_damaged(path: Path) -> None:
    """Ask the next start to check ``path`` in full (damage was met while reading)."""
    with suppress(OSError):
        damage_marker(path).touch()


def is_damage(error: Exception) -> bool:
    """Whether SQLite's ``error`` says the file is damaged or no database at all."""
    if isinstance(error, _Damaged):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    # Extended codes (SQLITE_CORRUPT_VTAB = 267, …) carry the primary code in the low byte.
    return code is not None and code & 0xFF in _DAMAGED


def _open(path: Path, full_check: bool, check: bool = True) -> sqlite3.Connection:
    # isolation_level=None: the store opens its own transactions, with BEGIN IMMEDIATE,
    # so that a write never starts as a read and then fails to upgrade its lock while
    # another process writes (an immediate SQLITE_BUSY that busy_timeout cannot help).
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")  # readers and a writer side by side
        db.execute(
            "PRAGMA synchronous = NORMAL"
        )  # in WAL, a power cut may lose the last writes, never the file
        if check:
            _check(db, full_check)
        migrate(db)
    except NewerSchemaError as error:
        db.close()
        raise StoreError(f"Cannot use the cache at {path}: {error}") from None
    except BaseException:
        db.close()
        raise
    return db


def _check(db: sqlite3.Connection, full: bool) -> None:
    # quick_check reads pages but skips the costly index cross-checks of integrity_check;
    # it is what finds a truncated file whose first pages are fine.
    if full:
        checks = ["PRAGMA quick_check"]
    else:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        names = ["sqlite_master", *(name for name in SMALL_TABLES if name in tables)]
        checks = [f"PRAGMA quick_check({name})" for name in names]
    for check in checks:
        faults = [row[0] for row in db.execute(check)]
        if faults != ["ok"]:
            raise _Damaged("; ".join(str(fault) for fault in faults[:3]))


def move_aside(path: Path) -> Path:
    """Rename ``path`` (and its -wal/-shm files) to ``<name>.corrupt-<time>``; the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    try:
        path.rename(target)
        for suffix in _COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as error:
        raise StoreError(
            f"The cache at {path} is damaged and cannot be moved aside: {error.strerror or error}"
        ) from None
    return target
