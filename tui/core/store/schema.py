"""The tables of belga's store, and how a database of an older version is brought up to date.

The schema version lives in SQLite's ``user_version``. Each entry of :data:`MIGRATIONS`
takes a database from version ``n`` to ``n + 1``; :func:`migrate` runs the missing ones
in one ``BEGIN IMMEDIATE`` transaction, so that two belga processes opening a fresh
file at the same moment cannot both create the tables.

Full-text search uses FTS5 when this SQLite has it (CPython's usually does); the index
is an *external content* table over ``stories`` and ``feed`` kept up to date by
triggers, so a body's text is stored once. Without FTS5 the same tables are made
without the index and searching falls back to ``LIKE`` (see ``store.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Final

SCHEMA_VERSION: Final = 2

# Rows are addressed by an INTEGER PRIMARY KEY rather than by SQLite's implicit rowid:
# VACUUM may renumber implicit rowids, which would detach the external-content index.
#
# A story's document and text live apart from its list columns, in ``story_texts``: the
# list, the joins and the open-time check then touch a few hundred small pages, not the
# whole file, which is what keeps start-up fast on a cold disk.
_TABLES: Final = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    published_at TEXT,          -- ISO 8601, as the story gives it (newsroom local time)
    fetched_at REAL NOT NULL,   -- seconds since the epoch; refreshed by a 304 answer
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE story_texts (
    id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    document TEXT NOT NULL,     -- the JSON as served, or rebuilt from a story's web page
    title TEXT NOT NULL,        -- the search index's copy, beside the body it goes with
    body_text TEXT NOT NULL     -- the body as plain text, for searching
);
CREATE TABLE aliases (          -- short links and former URLs of a stored story
    alias TEXT PRIMARY KEY,
    url TEXT NOT NULL REFERENCES stories(url) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE feed (             -- front-page entries, with or without a fetched story
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    published_at TEXT,
    summary TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,  -- higher is nearer the top of the feed it was last seen in
    seen_at REAL NOT NULL       -- the last time a refresh of the feed listed it
);
CREATE TABLE marks (
    url TEXT PRIMARY KEY,
    read_at REAL,
    saved_at REAL
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    opened_at REAL NOT NULL
);
CREATE INDEX history_url ON history (url, opened_at);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

SMALL_TABLES: Final = ("stories", "aliases", "feed", "marks", "history", "meta")
"""What the list and the marks are read from: checked each time the store opens."""

# remove_diacritics 2 folds "Prévot" and "Prevot" together, on both sides of a query.
# The filter searches as the user types, so most queries end with a one- to three-letter
# prefix; indexing those prefixes (about twice the index, a fifth of the file) turns a
# "s*" that merges thousands of words' entries (60-90 ms over 10,000 stories) into one
# lookup (2 ms).
_TOKENIZE: Final = "unicode61 remove_diacritics 2"


def _index(name: str, content: str, columns: tuple[str, str]) -> str:
    """An FTS5 index over ``content``, kept up to date by triggers."""
    first, second = columns
    new = f"new.id, new.{first}, new.{second}"
    old = f"'delete', old.id, old.{first}, old.{second}"
    into = f"INSERT INTO {name} (rowid, {first}, {second})"
    out = f"INSERT INTO {name} ({name}, rowid, {first}, {second})"
    return f"""
CREATE VIRTUAL TABLE {name} USING fts5(
    {first}, {second}, content='{content}', content_rowid='id', tokenize='{_TOKENIZE}',
    prefix='1 2 3'
);
CREATE TRIGGER {name}_insert AFTER INSERT ON {content} BEGIN
    {into} VALUES ({new});
END;
CREATE TRIGGER {name}_delete AFTER DELETE ON {content} BEGIN
    {out} VALUES ({old});
END;
CREATE TRIGGER {name}_update AFTER UPDATE OF {first}, {second} ON {content} BEGIN
    {out} VALUES ({old});
    {into} VALUES ({new});
END;
"""


_SEARCH_INDEX: Final = _index("stories_fts", "story_texts", ("title", "body_text")) + _index(
    "feed_fts", "feed", ("title", "summary")
)


class NewerSchemaError(Exception):
    """The database was written by a newer belga than this one."""

    def __init__(self, version: int) -> None:
        super().__init__(f"it was written by a newer belga (schema version {version})")
        self.version = version


def fts5_available() -> bool:
    """Whether this Python's SQLite was built with FTS5."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def has_search_index(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'stories_fts'").fetchone()
    return row is not None


def _create(db: sqlite3.Connection) -> None:
    # executescript() would COMMIT the caller's transaction first; statements one by one
    # keep the whole creation inside it.
    script = _TABLES + (_SEARCH_INDEX if fts5_available() else "")
    for statement in _statements(script):
        db.execute(statement)


def _statements(script: str) -> list[str]:
    """The statements of a script, triggers (which hold ``;``) kept whole."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


# The list's order, newest first, is the feed entry's date, else its story's: a column
# of the feed kept by triggers (``listed_at``), so that an index gives the first
# screenful of 50,000 entries at once instead of sorting them all (``rows.FRONT_PAGE``).
_LISTED_AT: Final = """
CREATE INDEX feed_listed ON feed (listed_at, position);
CREATE TRIGGER feed_listed_insert AFTER INSERT ON feed BEGIN
    UPDATE feed SET listed_at = coalesce(
        new.published_at, (SELECT published_at FROM stories WHERE url = new.url)
    ) WHERE id = new.id;
END;
CREATE TRIGGER feed_listed_update AFTER UPDATE OF published_at ON feed BEGIN
    UPDATE feed SET listed_at = coalesce(
        new.published_at, (SELECT published_at FROM stories WHERE url = new.url)
    ) WHERE id = new.id;
END;
CREATE TRIGGER stories_listed_insert AFTER INSERT ON stories BEGIN
    UPDATE feed SET listed_at = coalesce(published_at, new.published_at) WHERE url = new.url;
END;
CREATE TRIGGER stories_listed_update AFTER UPDATE OF published_at ON stories BEGIN
    UPDATE feed SET listed_at = coalesce(published_at, new.published_at) WHERE url = new.url;
END;
CREATE TRIGGER stories_listed_delete AFTER DELETE ON stories BEGIN
    UPDATE feed SET listed_at = published_at WHERE url = old.url;
END;
"""


def _add_listed_at(db: sqlite3.Connection) -> None:
    """Version 1 to 2: the feed's ``listed_at`` column, filled, indexed and kept."""
    db.execute("ALTER TABLE feed ADD COLUMN listed_at TEXT")
    db.execute(
        "UPDATE feed SET listed_at = coalesce("
        "published_at, (SELECT published_at FROM stories WHERE stories.url = feed.url))"
    )
    for statement in _statements(_LISTED_AT):
        db.execute(statement)


MIGRATIONS: Final[dict[int, Callable[[sqlite3.Connection], None]]] = {
    0: _create,
    1: _add_listed_at,
    # 2: a function taking version 2 to version 3, when there is one.
}


def migrate(db: sqlite3.Connection) -> None:
    """Bring the database to :data:`SCHEMA_VERSION`; ``db`` must be in autocommit mode.

    Raises :class:`NewerSchemaError` when the file is from a newer belga: changing it
    could lose what that version keeps.
    """
    version = _version(db)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)  # another process may have migrated while we waited
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(version)
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](db)
            version += 1
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])
