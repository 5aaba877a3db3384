"""Newer versions of the stories kept: checked again when opened (conditionally), kept
in the store when fetched; a local file's newsroom version only offered."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from tui.core.model.record import record
from tui.core.model.story import Story
from tui.core.model.urls import is_web_url
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.newsroom.at_hand import AtHand
    from tui.core.newsroom.writer import Writer
    from tui.core.store.database import Store

REFRESH_AFTER_SECONDS: Final = 3600.0
"""A stored story older than this is checked again (conditionally) when it is opened."""


@record(frozen=True)
class Fresh:
    """A newer version of a stored story, and what failed if it could not be kept."""

    story: Story
    not_kept: str | None = None
    offered: bool = False
    """A local file's newsroom version: only offered (``Newsroom.adopt``), for what
    the user opened is what they see."""


class Versions:
    """Stories kept and checked again; the one owner of when each was last checked."""

    def __init__(
        self,
        store: Store | None,
        at_hand: AtHand,
        clock: Callable[[], float],
        relisted: Callable[[], None],
        writer: Writer,
    ) -> None:
        self._store = store
        self._writer = writer
        self._at_hand = at_hand
        self._clock = clock
        self._relisted = relisted
        """Told when a story kept changed the title its front page line shows."""
        self._checked: dict[str, float] = {}
        """When each story was last checked for a newer version this session (what the
        store says may be older: a new version it could not keep)."""

    def forget_checks(self) -> None:
        """The front page changed: a story the feed names otherwise is checked when
        opened (the store marked it stale), whenever it was checked this session."""
        self._checked.clear()

    async def refresh_story(self, client: NewsroomClient | None, story: Story) -> Fresh | None:
        """Check a stored story again if it is old; the new version when it changed, with
        what failed if it could not be kept."""
        store = self._store
        if client is None or store is None or not client.can_fetch(story.url):
            return None
        now = self._clock()
        if now - self._checked.get(story.key, -REFRESH_AFTER_SECONDS) < REFRESH_AFTER_SECONDS:
            return None
        self._checked[story.key] = now
        if not is_web_url(story.source):
            return await _other_version(client, story)
        try:
            stored = store.validators(story.url)
            fetched_at = store.fetched_at(story.url) if stored is not None else None
        except StoreError:
            return None  # the cache cannot say how old it is: what is shown stays
        if fetched_at is not None and now - fetched_at < REFRESH_AFTER_SECONDS:
            return None
        from tui.core.net.client import Validators

        validators = Validators(*stored) if stored is not None else None
        fresh = await client.refresh_story(story.url, validators)
        if fresh is None:
            self._writer.write(lambda store: store.touch_story(story.url))
            return None
        if (fresh.title, fresh.body_html) == (story.title, story.body_html):
            self.keep(client, fresh, story.url)  # the same story: its new validators kept
            return None  # (a server without validators answers each check in full)
        self._at_hand.remember(fresh, story.url)
        return Fresh(fresh, self.keep(client, fresh, story.url))

    def adopt(self, client: NewsroomClient | None, fresh: Fresh) -> str | None:
        """The user chose an offered version: at hand from now on, and kept (what
        failed, if it could not be)."""
        self._at_hand.remember(fresh.story)
        return self.keep(client, fresh.story) if client is not None else None

    def keep(self, client: NewsroomClient, story: Story, *aliases: str) -> str | None:
        """Keep a fetched story in the store; what failed, if it could not be kept."""
        if self._store is None or not is_web_url(story.url):
            return None
        validators = client.validators(story.url)
        relisted = False

        def put(store: Store) -> None:
            nonlocal relisted
            with store.transaction():
                listed = store.listed_title(story.url)
                store.put_story(
                    story,
                    etag=validators.etag if validators else None,
                    last_modified=validators.last_modified if validators else None,
                    aliases=[a for a in aliases if is_web_url(a)],
                )
                relisted = listed is not None and store.listed_title(story.url) != listed

        # On failure the story is shown all the same; it is just not kept for later.
        failed = self._writer.write(put)
        if relisted:
            self._relisted()
        return failed


async def _other_version(client: NewsroomClient, story: Story) -> Fresh | None:
    """The newsroom's version of a local file, when it differs; neither remembered nor
    kept: the file stays what is at hand until the user adopts the other."""
    fetched = await client.fetch_story(story.url)
    if (fetched.title, fetched.body_html) == (story.title, story.body_html):
        return None
    return Fresh(fetched, offered=True)
