"""Pages of other sites in reader view: read only on the reader's request, kept in the
store, and the reader's answer remembered per site."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Final

from tui.core.model.story import Story
from tui.core.model.urls import host_of, is_web_url
from tui.core.net.fetch_errors import FetchError
from tui.core.newsroom.rules import offline_error
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.net.outside import OutsideReader
    from tui.core.newsroom.at_hand import AtHand
    from tui.core.newsroom.writer import Writer
    from tui.core.store.database import Store

READER_SITE: Final = "reader.site."
"""Meta key prefix: the reader's remembered answer for a site's pages ("always"/"never")."""
READER_ANSWERS: Final = ("always", "never")


class Pages:
    """Outside pages and the reader view's answers; the one owner of the answers
    remembered this session."""

    def __init__(
        self,
        store: Store | None,
        at_hand: AtHand,
        pages: Callable[[], OutsideReader] | None,
        reader: str,
        writer: Writer,
    ) -> None:
        self._store = store
        self._writer = writer
        self._at_hand = at_hand
        self._pages = pages
        """The outside-page reader, made when first needed; ``None``: no reader view."""
        self.reader = reader
        """``[net] reader``: "ask" (once per site), "always" or "never"."""
        self._sites: dict[str, str] = {}
        """The answers remembered per site this session (the store keeps them too)."""

    async def page(
        self, url: str, offline: bool, on_sent: Callable[[], None] | None = None
    ) -> Story:
        """The outside page at ``url`` fetched (and stored); raises FetchError."""
        if self._pages is None or offline:
            raise offline_error(url)
        story = await self._pages().fetch_page(url, on_sent)
        self._at_hand.remember(story, url)
        aliases = [url] if is_web_url(url) else []
        self._writer.write(lambda store: store.put_story(story, aliases=aliases))
        return story

    def refusal(self, url: str, offline: bool) -> FetchError | None:
        """Why the page at ``url`` would be refused before asking for it (a private
        address without ``[net] allow_private``), else ``None``."""
        if self._pages is None or offline:
            return None
        return self._pages().refusal(url)

    def warm(self, offline: bool) -> None:
        """A page is likely to be read: get the reader ready (no request is made)."""
        if self._pages is not None and not offline:
            self._pages().warm()

    def answer(self, url: str, client: NewsroomClient | None) -> str:
        """Whether the page at ``url`` is read here: "always", "never" or "ask", from the
        config, else the answer remembered for its site. The newsroom's own pages are
        read without asking: it is trusted (FetchSettings.is_newsroom)."""
        if self.reader != "ask" or self._pages is None:
            return self.reader if self._pages is not None else "never"
        if client is not None and client.settings.is_newsroom(url):
            return "always"
        host = host_of(url).removeprefix("www.")
        if host not in self._sites and self._store is not None:
            with suppress(StoreError):
                self._sites[host] = self._store.get_meta(READER_SITE + host) or ""
        answer = self._sites.get(host, "")
        return answer if answer in READER_ANSWERS else "ask"

    def remember_answer(self, url: str, answer: str) -> str | None:
        """Keep "always" or "never" for the site of ``url``; what failed, if anything."""
        host = host_of(url).removeprefix("www.")
        if answer not in READER_ANSWERS or not host:
            return None
        self._sites[host] = answer
        return self._writer.write(lambda store: store.set_meta(READER_SITE + host, answer))
