"""The front page kept in memory for the session, when belga runs without its cache.

The store lists the front page when there is one (``Store.put_feed``); without it the
refreshes are merged here by the same rule: known entries take the new title and date
(an empty title, no date keep the old), new ones are counted, entries that left the feed
stay; listed newest first, undated ones last in feed order; a title that only stands
in (a sitemap's, made from the slug) gives way to the story's own once it is at hand.
Imported only then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from tui.core.model.listing import Entry, FeedLine, newest_first, slug_title
from tui.core.model.story import Story
from tui.core.model.text import clean_line
from tui.core.model.urls import canonical, is_web_url


class _Line(NamedTuple):
    url: str
    title: str
    published_at: datetime | None


class SessionFeed:
    """The front page's lines by key, with their place in the feed (the newest refresh's
    top entry has the highest)."""

    def __init__(self) -> None:
        self._lines: dict[str, tuple[str, datetime | None, int]] = {}
        self._top = 0

    def __len__(self) -> int:
        return len(self._lines)

    def merge(self, entries: Iterable[FeedLine]) -> int:
        """Merge a refresh of the feed, given top first; how many entries were new."""
        fresh = {k: entry for entry in entries if is_web_url(entry.url) and (k := _key(entry.url))}
        place = self._top + len(fresh)
        self._top = place
        new = 0
        for known, entry in fresh.items():
            before = self._lines.get(known)
            title = clean_line(entry.title)
            if before is None:
                new += 1
            else:
                title = title or before[0]
            published = entry.published_at or (before[1] if before else None)
            self._lines[known] = (title, published, place)
            place -= 1
        return new

    def seed(self, entries: Iterable[Entry]) -> None:
        """Start from a list the store had (newest first), before merging refreshes."""
        self.merge(_Line(entry.key, entry.title, entry.published_at) for entry in entries)

    def entries(self, at_hand: Callable[[str], Story | None]) -> list[Entry]:
        """The lines, newest first; ``at_hand(key)``: that story, when it is at hand."""
        by_place = sorted(self._lines.items(), key=lambda item: item[1][2], reverse=True)
        return newest_first(_entry(key, *line[:2], at_hand(key)) for key, line in by_place)


def _entry(key: str, title: str, published: datetime | None, story: Story | None) -> Entry:
    if story is not None and story.title and title == slug_title(key):
        return Entry(key, story.title, story.published_at or published)
    return Entry(key, title, published, story is not None)


def _key(url: str) -> str:
    """The key a story is listed under, as the store keys it."""
    return canonical(clean_line(url))
