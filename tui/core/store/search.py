"""The store's search: stories and feed entries holding every word (FTS5 when the file
has its index), newest first or as a set for the list's filter."""

from __future__ import annotations

import sqlite3

from tui.core.store.connection import Connection
from tui.core.store.rows import hit_ids, search_query


class Search(Connection):
    """Searching the stored stories and the feed."""

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
