"""How stories become rows of the store, and the SQL that reads many rows at once.

The story list is built from a few plain columns (URL, title, date, marks), never from
the JSON documents, so that 10,000 lines come out of one query without parsing any.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Final, NamedTuple, Protocol

from tui.core.model.listing import Entry, FeedLine, Rows
from tui.core.model.story import Story
from tui.core.model.text import clean_line


class FeedItem(FeedLine, Protocol):
    """An entry of the newsroom's feed (``tui.core.net.feed.FeedEntry``), maybe not fetched.

    A protocol rather than an import: the feed parser pulls in feedparser, which an
    ``--offline`` start that only reads the store has no need to load.
    """

    @property
    def summary(self) -> str: ...


class FeedMerge(NamedTuple):
    """What a refresh of the feed changed in the list the store makes of it."""

    new: tuple[str, ...]
    """The keys of the entries it did not list before, top first."""
    retitled: int
    """How many lines it listed before show another title now."""


FEED_ETAG: Final = "feed.etag"
FEED_LAST_MODIFIED: Final = "feed.last_modified"
"""Meta keys: the validators of the feed as last merged (a purge that takes lines of it
away forgets them, so that the next refresh reads the whole feed again)."""


class Listed(NamedTuple):
    """A line of the story list as the store has it (enough to draw it without reading
    any document), and the marks the store holds for it."""

    entry: Entry
    read: bool
    saved: bool


def parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def to_listed(rows: Iterable[tuple[Any, ...]]) -> list[Listed]:
    return [
        Listed(Entry(url, title, parse_date(published), bool(cached)), bool(read), bool(saved))
        for url, title, published, read, saved, cached in rows
    ]


class Lines(NamedTuple):
    """The whole front page as read in a thread: its lines (made into entries only when
    asked for) and their marks, taken in on the event loop."""

    entries: Rows
    read: dict[str, bool]
    saved: set[str]


def _entry(row: tuple[Any, ...]) -> Entry:
    url, title, published, _read, _saved, cached = row
    return Entry(url, title, parse_date(published), bool(cached))


def to_lines(rows: list[tuple[Any, ...]]) -> Lines:
    """The rows of a list query as :class:`Lines`, without an object per line; the
    newest and oldest dates are the greatest and least (ISO 8601 sorts as it reads)."""
    keys = [row[0] for row in rows]
    dated = [row[2] for row in rows if row[2]]
    span = (parse_date(max(dated)), parse_date(min(dated))) if dated else (None, None)
    entries = Rows(rows, _entry, keys, [row[1] for row in rows], span)
    read = {row[0]: bool(row[3]) for row in rows}
    return Lines(entries, read, {row[0] for row in rows if row[4]})


Row = tuple[str, str, str | None, str, int, float]
"""A row of :data:`PUT_FEED`: key, title, date, summary, position, when seen."""


def own_lines(
    db: sqlite3.Connection, rows: list[Row], stand_ins: set[str], before: dict[str, str]
) -> list[Row]:
    """``rows`` with the lines whose title only stands in (``stand_ins``: made from the
    slug, as a sitemap names none) given the kept story's own title and date, else the
    title the line showed ``before``: a refresh never takes a line's title back."""
    found = db.execute(KEPT_LINES, (json.dumps(sorted(stand_ins)),)).fetchall()
    kept: dict[str, tuple[str, str | None]] = {url: (t, date) for url, t, date in found}
    own: list[Row] = []
    for key, title, date, summary, place, seen in rows:
        if key in stand_ins:
            title, kept_date = kept.get(key, (before.get(key) or title, None))
            date = kept_date or date
        own.append((key, title, date, summary, place, seen))
    return own


def iso(moment: datetime | None) -> str | None:
    """A date as stored: ISO 8601 with a space, like Prezly's own "2026-05-13 17:23:00"."""
    return moment.isoformat(sep=" ") if moment is not None else None


def body_text(html: str) -> str:
    """The words of a body, for searching: tags and scripts gone, blocks kept apart."""
    if not html.strip():
        return ""
    from selectolax.lexbor import LexborHTMLParser  # only a write needs it: not at start

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    # A space between text nodes keeps "<p>one</p><p>two</p>" two words; the cost is
    # an odd "Belgium 's", which does not matter to a search.
    return clean_line(body.text(separator=" ")) if body is not None else ""


def story_document(story: Story) -> dict[str, Any]:
    """A Prezly-shaped document that :func:`parse_story` reads back as ``story``.

    For stories read from a web page, which have no JSON twin to keep.
    """
    document: dict[str, Any] = {
        **story.extra,
        "title": story.title,
        "body": story.body_html,
        "url": story.url,
        "short_url": story.short_url,
        "slug": story.slug,
        "published_at": iso(story.published_at),
        "modified_at": iso(story.modified_at),
        "author": story.author,
        "language": story.language,
        "culture": story.culture,
        "header": {"large": story.header_image} if story.header_image else None,
        "links": [{"url": link.url, "description": link.title} for link in story.links],
    }
    return document


PUT_STORY: Final = """
INSERT INTO stories (url, title, published_at, fetched_at, etag, last_modified)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET
    title = excluded.title, published_at = excluded.published_at,
    fetched_at = excluded.fetched_at, etag = excluded.etag,
    last_modified = excluded.last_modified
RETURNING id
"""

# An upsert, not INSERT OR REPLACE: a replaced row would leave its words in the search
# index, as REPLACE does not fire the delete trigger that takes them out.
PUT_TEXT: Final = """
INSERT INTO story_texts (id, document, title, body_text) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    document = excluded.document, title = excluded.title, body_text = excluded.body_text
"""

# A refresh of the feed: what it leaves empty keeps what an earlier one said.
PUT_FEED: Final = """
INSERT INTO feed (url, title, published_at, summary, position, seen_at)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET
    title = coalesce(nullif(excluded.title, ''), title),
    published_at = coalesce(excluded.published_at, published_at),
    summary = coalesce(nullif(excluded.summary, ''), summary),
    position = excluded.position, seen_at = excluded.seen_at
"""

# ?1: a canonical URL; the story stored under it, else the one it is an alias of.
RESOLVE: Final = """
SELECT id, url, etag, last_modified, fetched_at FROM stories WHERE url = ?1
UNION ALL
SELECT s.id, s.url, s.etag, s.last_modified, s.fetched_at
FROM aliases AS a JOIN stories AS s ON s.url = a.url WHERE a.alias = ?1
LIMIT 1
"""

# ?1: a feed entry's key, ?2: its title. A kept story the feed names otherwise (revised
# on the newsroom) is to be checked again when next opened.
STALE: Final = "UPDATE stories SET fetched_at = 0 WHERE url = ?1 AND title != ?2 AND fetched_at > 0"

# ?1 is a JSON array of URLs: the title and date of those kept as stories. A sitemap
# names no titles (``slug_title`` stands in) and dates its entries by their last change:
# a line it lists takes the kept story's own (:func:`own_lines`).
KEPT_LINES: Final = """
SELECT s.url, s.title, s.published_at
FROM json_each(?1) AS j JOIN stories AS s ON s.url = j.value WHERE s.title != ''
"""

# ?1: a story just kept, ?2: its title, ?3: its date, ?4: the stand-in title of its URL
# (``slug_title``): the line a sitemap listed takes the story's own title and date.
OWN_LINE: Final = """
UPDATE feed SET title = ?2, published_at = coalesce(?3, published_at) WHERE url = ?1 AND title = ?4
"""

# The title a line of the list shows. The story's own title is better than the feed's
# (the feed may shorten it), unless the feed named it otherwise since (STALE: the story
# is to be fetched again).
_LINE_TITLE: Final = """
    coalesce(
        nullif(CASE WHEN s.fetched_at > 0 THEN s.title END, ''), nullif(f.title, ''), s.title, ''
    )"""
# The columns of a ListedStory; the feed's date orders the list so that entries fetched
# and not fetched sort alike.
_LINE: Final = f"""{_LINE_TITLE},
    coalesce(f.published_at, s.published_at),
    m.read_at IS NOT NULL, m.saved_at IS NOT NULL, s.id IS NOT NULL
"""
# ?1 is a JSON array of URLs: those the feed lists, with the title their line shows.
LINE_TITLES: Final = f"""
SELECT f.url, {_LINE_TITLE}
FROM json_each(?1) AS j JOIN feed AS f ON f.url = j.value LEFT JOIN stories AS s ON s.url = f.url
"""

# NULL dates sort last in descending order; undated entries then keep the feed's order.
_NEWEST_FIRST: Final = "ORDER BY coalesce(f.published_at, s.published_at) DESC, f.position DESC"

# The same order from the feed's own ``listed_at`` (the schema keeps it equal to the
# date above), which its index gives without sorting: the first screenful of 50,000
# entries costs what a screenful costs. ?1: how many (-1: all), ?2: from which.
FRONT_PAGE: Final = f"""
SELECT f.url, {_LINE}
FROM feed AS f LEFT JOIN stories AS s ON s.url = f.url LEFT JOIN marks AS m ON m.url = f.url
ORDER BY f.listed_at DESC, f.position DESC LIMIT ?1 OFFSET ?2
"""

SAVED: Final = f"""
SELECT m.url, {_LINE}
FROM marks AS m LEFT JOIN stories AS s ON s.url = m.url LEFT JOIN feed AS f ON f.url = m.url
WHERE m.saved_at IS NOT NULL ORDER BY m.saved_at DESC
"""

# ?1 is a JSON array of URLs; json_each keeps its order in ``key``.
LISTED: Final = f"""
SELECT j.value, {_LINE}
FROM json_each(?1) AS j LEFT JOIN stories AS s ON s.url = j.value
LEFT JOIN feed AS f ON f.url = j.value LEFT JOIN marks AS m ON m.url = j.value
ORDER BY j.key
"""


def _ordered(hits: str) -> str:
    """URLs found by the ``hits`` query, in the order of the front page."""
    return f"""
WITH hits(url) AS (SELECT DISTINCT url FROM ({hits}))
SELECT h.url FROM hits AS h
LEFT JOIN feed AS f ON f.url = h.url LEFT JOIN stories AS s ON s.url = h.url
{_NEWEST_FIRST} LIMIT ?
"""


OLDEST_LISTED: Final = (
    "SELECT listed_at FROM feed WHERE listed_at IS NOT NULL ORDER BY listed_at LIMIT 1"
)


class Hits(NamedTuple):
    """A search as two queries of row ids (column ``id``), of ``stories`` and of
    ``feed``, and their parameters: ids, not URLs, for a join to each hit's URL tripled
    the cost of a search that finds every story (the filter maps ids to URLs itself)."""

    stories: str
    feed: str
    parameters: tuple[str, ...]

    def ordered(self) -> str:
        """The URLs found, newest first; the last parameter (the limit) left to add."""
        return _ordered(
            f"SELECT url FROM stories WHERE id IN ({self.stories})"
            f" UNION SELECT url FROM feed WHERE id IN ({self.feed})"
        )


def hit_ids(db: sqlite3.Connection, query: str, parameters: Sequence[str]) -> set[int]:
    """The ids a query of :class:`Hits` finds, read as one row: sqlite3 makes a tuple
    and an int per row, which over 10,000 hits cost three times SQLite's own search."""
    (joined,) = db.execute(f"SELECT group_concat(id) FROM ({query})", parameters).fetchone()
    return set(map(int, joined.split(","))) if joined else set()


def _match_expression(terms: Sequence[str]) -> str:
    """An FTS5 query: every term, each a quoted prefix, so user input is never syntax.

    Terms without a letter or digit are left out: the tokenizer makes nothing of them.
    """
    quoted = [
        '"' + term.replace('"', '""') + '"*' for term in terms if any(c.isalnum() for c in term)
    ]
    return " ".join(quoted)


def _like_hits(terms: Sequence[str]) -> Hits:
    """The search without FTS5: substrings, case-insensitive for ASCII letters only."""
    escaped = [
        "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for term in terms
    ]

    def where(text: str) -> str:
        return " AND ".join(f"{text} LIKE ?{n} ESCAPE '\\'" for n in range(1, len(escaped) + 1))

    texts = "title || ' ' || body_text"
    entries = "title || ' ' || summary"
    stories = f"SELECT id FROM story_texts WHERE {where(texts)}"
    feed = f"SELECT id FROM feed WHERE {where(entries)}"
    return Hits(stories, feed, tuple(escaped))


_FTS_HITS: Final = (
    "SELECT rowid AS id FROM stories_fts WHERE stories_fts MATCH ?1",
    "SELECT rowid AS id FROM feed_fts WHERE feed_fts MATCH ?1",
)


def search_query(terms: Sequence[str], fts: bool) -> Hits | None:
    """The queries of a search for ``terms``; ``None``: nothing can match."""
    if not fts:
        return _like_hits(terms) if terms else None
    expression = _match_expression(terms)
    return Hits(*_FTS_HITS, (expression,)) if expression else None


# ?1: the time before which nothing fetched or listed is kept (NULL: no such limit);
# ?2: how many of the newest URLs to keep (-1: no such limit). Saved URLs always stay.
_DOOMED: Final = """
INSERT OR IGNORE INTO temp.doomed (url)
SELECT url FROM (
    SELECT url, max(active) AS active,
           row_number() OVER (ORDER BY max(published) DESC, max(active) DESC) AS rank
    FROM (
        SELECT url, published_at AS published, fetched_at AS active FROM stories
        UNION ALL SELECT url, published_at, seen_at FROM feed
    ) GROUP BY url
)
WHERE url NOT IN (SELECT url FROM marks WHERE saved_at IS NOT NULL)
  AND ((?1 IS NOT NULL AND active < ?1) OR (?2 >= 0 AND rank > ?2))
"""


def forget(db: sqlite3.Connection, cutoff: float | None, keep: int | None) -> int:
    """Delete what :data:`_DOOMED` picks, with its marks and history; how many URLs.

    Story texts, aliases and search entries follow their story by ``ON DELETE CASCADE``
    and the index's triggers.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (url TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.doomed")
    db.execute(_DOOMED, (cutoff, -1 if keep is None else keep))
    for table in ("stories", "feed", "marks", "history"):
        gone = db.execute(f"DELETE FROM {table} WHERE url IN temp.doomed").rowcount
        if table == "feed" and gone:  # the feed kept is no longer the one validated:
            # a refresh answered 304 would leave what the feed still lists unlisted
            db.execute("DELETE FROM meta WHERE key IN (?, ?)", (FEED_ETAG, FEED_LAST_MODIFIED))
    if cutoff is not None:
        db.execute("DELETE FROM history WHERE opened_at < ?", (cutoff,))
        # Read marks of URLs listed nowhere any more (a story once opened from a link);
        # the marks of entries still in the feed stay, or they would turn unread.
        db.execute(
            "DELETE FROM marks WHERE saved_at IS NULL AND read_at < ? AND url NOT IN"
            " (SELECT url FROM stories UNION SELECT url FROM feed)",
            (cutoff,),
        )
    removed = int(db.execute("SELECT count(*) FROM temp.doomed").fetchone()[0])
    db.execute("DELETE FROM temp.doomed")
    return removed
