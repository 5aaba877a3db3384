"""A line of the story list: what it takes to list a story without reading it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar, overload
from urllib.parse import unquote

from tui.core.model.record import record
from tui.core.model.story import Story
from tui.core.model.text import clean_line
from tui.core.model.urls import path_of


@record(frozen=True)
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


class FeedLine(Dated, Protocol):
    """A line of the newsroom's feed: what the front page lists of it."""

    @property
    def url(self) -> str: ...


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


T = TypeVar("T")


class Mapped(Sequence[Entry], Generic[T]):
    """``make(item)`` for each of ``items``, made when it is asked for (drawn, or gone
    through), not before: a list of 50,000 costs no 50,000 objects up front."""

    def __init__(self, items: Sequence[T], make: Callable[[T], Entry]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def find(self, key: str) -> int | None:
        """The index of the line of ``key``, or None: each line made in turn here (see
        :class:`Rows` and :func:`subset`, which find it without making lines)."""
        return find_key(self, key)


class Paged(Mapped[int]):
    """A list's lines of which only the first are at hand: the others are read a page
    at a time, when first asked for (drawn, or gone through), by ``fetch(offset,
    limit)``. What a long list is while the whole of it loads after the first paint.

    ``oldest`` is the oldest date among all the lines (the date column's width
    depends on it, before the lines that hold it are read).
    """

    PAGE = 200

    def __init__(
        self,
        first: list[Entry],
        total: int,
        fetch: Callable[[int, int], list[Entry]],
        oldest: datetime | None = None,
    ) -> None:
        super().__init__(range(total), self._line)
        self.first = first
        self.oldest = oldest
        self._fetch = fetch
        self._pages: dict[int, list[Entry]] = {}

    def _line(self, index: int) -> Entry:
        if index < len(self.first):
            return self.first[index]
        page, at = divmod(index - len(self.first), self.PAGE)
        lines = self._pages.get(page)
        if lines is None:
            lines = self._pages[page] = self._fetch(len(self.first) + page * self.PAGE, self.PAGE)
        if at >= len(lines):  # the store lost lines meanwhile: a gap, never a wrong line
            raise IndexError(index)
        return lines[at]


class Rows(Mapped[tuple[Any, ...]]):
    """Lines kept as the plain tuples they were read as (each made an :class:`Entry`
    by ``entry`` when asked for), their keys and titles apart, for the filter; ``span``
    is their newest and oldest date (the date column's width)."""

    def __init__(
        self,
        rows: Sequence[tuple[Any, ...]],
        entry: Callable[[tuple[Any, ...]], Entry],
        keys: list[str],
        titles: list[str],
        span: tuple[datetime | None, datetime | None],
    ) -> None:
        super().__init__(rows, entry)
        self.keys = keys
        self.titles = titles
        self.span = span

    def find(self, key: str) -> int | None:
        try:
            return self.keys.index(key)
        except ValueError:
            return None


def subset(entries: Sequence[Entry], rows: Sequence[int]) -> Mapped[int]:
    """The lines of ``entries`` at ``rows``, in that order, without copying them: what
    the filter leaves of a long list, made at each keystroke."""
    return _Subset(rows, entries)


class _Subset(Mapped[int]):
    def __init__(self, rows: Sequence[int], entries: Sequence[Entry]) -> None:
        super().__init__(rows, entries.__getitem__)
        self._entries = entries

    def find(self, key: str) -> int | None:
        """Found by the keys of the whole list when it has them (the store's lines),
        else by its lines (a plain list holds them made already)."""
        entries, rows = self._entries, self._items
        if isinstance(entries, Rows):
            keys = entries.keys
            return next((at for at, row in enumerate(rows) if keys[row] == key), None)
        if isinstance(entries, Mapped):
            return find_key(self, key)
        return next((at for at, row in enumerate(rows) if entries[row].key == key), None)


def find_key(entries: Sequence[Entry], key: str) -> int | None:
    """The index of the first of ``entries`` whose key is ``key``, or None."""
    return next((index for index, entry in enumerate(entries) if entry.key == key), None)


def slug_title(url: str) -> str:
    """A stand-in title from a story URL's slug, until the story itself is fetched (a
    sitemap names no titles)."""
    slug = unquote(path_of(url).rstrip("/").rpartition("/")[2]).removesuffix(".json")
    words = clean_line(slug.replace("-", " ").replace("_", " "))
    return words[:1].upper() + words[1:] if words else url
