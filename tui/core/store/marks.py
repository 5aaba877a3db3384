"""The store's read and saved marks and the history of stories opened, kept under the
key :meth:`~tui.core.store.connection.Connection.known_as` gives (an outside page's own,
else the story's), with the list lines of what they name."""

from __future__ import annotations

import json
from collections.abc import Iterable

from tui.core.store.connection import Connection
from tui.core.store.rows import LISTED, SAVED, Listed, to_listed


class Marks(Connection):
    """Read and saved marks, the history, and list lines for given URLs."""

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
