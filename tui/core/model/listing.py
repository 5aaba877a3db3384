"""A line of the story list: what it takes to list a story without reading it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from tui.core.model.story import Story


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    """The story's canonical URL, or the path of a local file without one."""
    title: str
    published_at: datetime | None = None
    cached: bool = True
    """Whether the story itself is at hand (in memory or in the store): opens offline."""
    source: str = ""
    """Who wrote or sent it (the story's author or desk), when known."""


class Marks(Protocol):
    """The read and saved marks a list draws (their owner: ``tui.core.newsroom``)."""

    def is_read(self, key: str) -> bool: ...
    def is_saved(self, key: str) -> bool: ...


class NoMarks:
    """Nothing read, nothing saved: a list before it is handed its marks."""

    def is_read(self, key: str) -> bool:
        return False

    def is_saved(self, key: str) -> bool:
        return False


def entry_of(story: Story) -> Entry:
    return Entry(story.key, story.title, story.published_at, source=story.author)


class Dated(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def published_at(self) -> datetime | None: ...


D = TypeVar("D", bound=Dated)


def newest_first(items: Iterable[D]) -> list[D]:
    """Stories, entries or feed entries by publication date, newest first; undated ones
    last. Ties (the same date, or none) keep the order they were given in."""
    listed = list(items)
    dated = [item for item in listed if item.published_at is not None]
    dated.sort(key=lambda item: _naive(item.published_at), reverse=True)  # stable
    return dated + [item for item in listed if item.published_at is None]


def _naive(moment: datetime | None) -> datetime:
    # Aware and naive datetimes do not compare; all are newsroom local time anyway.
    return moment.replace(tzinfo=None) if moment else datetime.min
