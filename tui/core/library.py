"""The stories at hand, found by any of their URLs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tui.core.model.story import Story
from tui.core.model.urls import canonical, is_web_url


def _keys(story: Story) -> list[str]:
    keys = [story.key]
    keys += [canonical(url) for url in (story.url, story.short_url) if url and is_web_url(url)]
    return keys


class Library:
    """Stories by canonical URL (and short link); local files without a URL by path."""

    def __init__(self) -> None:
        self._stories: dict[str, Story] = {}
        self._by_key: dict[str, Story] = {}

    def add(self, stories: Iterable[Story]) -> None:
        for story in stories:
            self._stories[story.key] = story
            for key in _keys(story):
                self._by_key[key] = story

    def find(self, url_or_key: str) -> Story | None:
        """The story at ``url_or_key``: its URL (any form canonical() accepts) or its key."""
        found = self._by_key.get(url_or_key)
        if found is None and is_web_url(url_or_key):
            found = self._by_key.get(canonical(url_or_key))
        return found

    def __len__(self) -> int:
        return len(self._stories)

    def __iter__(self) -> Iterator[Story]:
        return iter(self._stories.values())
