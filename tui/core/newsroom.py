"""Where stories come from: what is at hand, the store on disk, then the network.

The UI asks this one object for a story or for the front page; it decides whether the
network may be used (``--offline``, trusted hosts), keeps what it fetches in the store,
and makes later fetches conditional. No Textual here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from tui.core.model.story import Story
from tui.core.model.urls import canonical, is_web_url
from tui.core.net.fetch_errors import FetchError, FetchErrorKind
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.store.database import ListedStory, Store

REFRESH_AFTER_SECONDS: Final = 3600.0
"""A stored story older than this is checked again (conditionally) when it is opened."""
FEED_ETAG: Final = "feed.etag"
FEED_LAST_MODIFIED: Final = "feed.last_modified"
FEED_REFRESHED: Final = "feed.refreshed_at"


def offline_error(url: str) -> FetchError:
    return FetchError(
        FetchErrorKind.NOT_ALLOWED, url, "offline: not fetched before", "started with --offline"
    )


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a front-page refresh brought."""

    new: int
    """Entries not listed before."""
    source: str
    not_modified: bool = False


class Newsroom:
    """Stories by URL from memory, the store or the network, in that order."""

    def __init__(
        self,
        client: Callable[[], NewsroomClient] | None,
        store: Store | None = None,
        *,
        offline: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self.store = store
        self.offline = offline
        self._clock = clock

    @property
    def client(self) -> NewsroomClient | None:
        """The network client; ``None`` when offline (nothing may be fetched)."""
        return self._client() if self._client is not None and not self.offline else None

    def can_fetch(self, url: str) -> bool:
        client = self.client
        return client is not None and client.can_fetch(url)

    def at_hand(self, url: str) -> Story | None:
        """The story at ``url`` without any request: fetched this session, or stored."""
        if not is_web_url(url):
            return None
        client = self.client
        story = client.cached(url) if client is not None and client.can_fetch(url) else None
        if story is None and self.store is not None:
            try:
                story = self.store.get_story(url)
            except StoreError:
                return None  # a damaged page of the cache: as if never fetched
        return story

    async def story(self, url: str) -> Story:
        """The story at ``url``: at hand, else fetched (and stored). Raises FetchError."""
        story = self.at_hand(url)
        if story is not None:
            return story
        client = self.client
        if client is None:
            raise offline_error(url)
        story = await client.fetch_story(url)
        self._keep(client, story, url)
        return story

    async def refresh_story(self, story: Story) -> Story | None:
        """Check a stored story again if it is old; the new version when it changed."""
        client = self.client
        store = self.store
        if client is None or store is None or not client.can_fetch(story.url):
            return None
        stored = store.validators(story.url)
        fetched_at = store.fetched_at(story.url) if stored is not None else None
        if fetched_at is not None and self._clock() - fetched_at < REFRESH_AFTER_SECONDS:
            return None
        from tui.core.net.client import Validators

        validators = Validators(*stored) if stored is not None else None
        fresh = await client.refresh_story(story.url, validators)
        if fresh is None:
            store.touch_story(story.url)
            return None
        self._keep(client, fresh, story.url)
        return fresh

    def _keep(self, client: NewsroomClient, story: Story, *aliases: str) -> None:
        if self.store is None or not is_web_url(story.url):
            return
        validators = client.validators(story.url)
        store = self.store
        # On failure the story is shown all the same; it is just not kept for later.
        self._write(
            lambda _: store.put_story(
                story,
                etag=validators.etag if validators else None,
                last_modified=validators.last_modified if validators else None,
                aliases=[a for a in aliases if is_web_url(a)],
            )
        )

    async def image(self, url: str) -> bytes:
        """An image of a story, for drawing it (the user turned pictures on)."""
        client = self.client
        if client is None:
            raise offline_error(url)
        return await client.fetch_image(url)

    # --- reading state ----------------------------------------------------------------

    def read_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` (story keys: canonical URLs or file paths) are marked read."""
        return self._marked(keys, read=True)

    def saved_keys(self, keys: Iterable[str]) -> set[str]:
        return self._marked(keys, read=False)

    def _marked(self, keys: Iterable[str], *, read: bool) -> set[str]:
        if self.store is None:
            return set()
        # The store keys marks by canonical form; map them back to the keys asked about.
        by_form = {canonical(key): key for key in keys}
        try:
            if read:
                found = self.store.read_urls(among=by_form)
            else:
                found = {listed.url for listed in self.store.saved()}
        except StoreError:
            return set()
        return {by_form[form] for form in found if form in by_form}

    def mark_read(self, key: str, read: bool = True) -> None:
        self._write(lambda store: store.mark_read(key, read))

    def mark_all_read(self, keys: Iterable[str]) -> None:
        listed = list(keys)
        self._write(lambda store: store.mark_all_read(listed))

    def save(self, key: str, saved: bool = True) -> None:
        self._write(lambda store: store.save(key, saved))

    def opened(self, key: str) -> None:
        """``key`` was opened: read, and in the history."""

        def visit(store: Store) -> None:
            with store.transaction():
                store.mark_read(key)
                store.record_visit(key)

        self._write(visit)

    def _write(self, change: Callable[[Store], object]) -> None:
        if self.store is None:
            return
        with suppress(StoreError):  # reading goes on; the mark is simply not kept
            change(self.store)

    # --- the front page ---------------------------------------------------------------

    def front_page(self) -> list[ListedStory]:
        """What the store lists, at once (empty without a store)."""
        return self.store.front_page() if self.store is not None else []

    async def refresh(self) -> Refresh:
        """Read the feed (conditionally) or the sitemap, and merge it into the store."""
        from tui.core.net.client import Validators
        from tui.core.net.front_page import fetch_front_page

        client = self.client
        if client is None:
            raise offline_error("the front page")
        store = self.store
        validators = None
        if store is not None:
            etag, modified = store.get_meta(FEED_ETAG), store.get_meta(FEED_LAST_MODIFIED)
            if etag or modified:
                validators = Validators(etag or "", modified or "")
        page = await fetch_front_page(client, validators)
        if store is None:
            return Refresh(len(page.entries), page.source, page.not_modified)
        store.set_meta(FEED_REFRESHED, str(self._clock()))
        if page.not_modified:
            return Refresh(0, page.source, True)
        new = store.put_feed(page.entries)
        kept = page.validators
        store.set_meta(FEED_ETAG, kept.etag if kept and kept.etag else None)
        store.set_meta(
            FEED_LAST_MODIFIED, kept.last_modified if kept and kept.last_modified else None
        )
        return Refresh(new, page.source)
