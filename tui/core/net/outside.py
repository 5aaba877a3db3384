"""Outside pages: any web page a story links to, fetched on the reader's request.

:class:`OutsideReader` reuses the newsroom client's transport (the same size limit,
timeouts, redirect checks and User-Agent; cookies never kept nor sent) with two
differences: every http(s) host may be asked, but only at a public internet address
(:mod:`tui.core.net.guard`, checked at every hop), and only web pages are read: a PDF
or a picture is refused by its type before its body is downloaded. The page's main
content is then found off the event loop (:mod:`tui.core.net.extract`).

Nothing here runs in the background: the UI calls :meth:`OutsideReader.fetch_page`
only when the reader asked to read a page.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from contextlib import suppress
from types import TracebackType
from typing import TYPE_CHECKING, Final

from tui.core.config.limits import FetchSettings
from tui.core.model.story import Story
from tui.core.model.text import clean_line
from tui.core.model.urls import host_of, is_web_url
from tui.core.net.addresses import is_public, parse_address
from tui.core.net.extract import extract_page
from tui.core.net.fetch_errors import (
    FetchError,
    FetchErrorKind,
    not_a_page_error,
    not_allowed_error,
    refused_address_error,
    too_complex_error,
)
from tui.core.net.offload import PARSE_BUDGET, ParseTimeout, off_loop

if TYPE_CHECKING:
    from tui.core.net.transport import Transport

EXTRACT_BUDGET: Final = PARSE_BUDGET
"""Seconds the reader view waits for the extractor before it gives the page up."""
PAGE_TYPES: Final = frozenset({"text/html", "application/xhtml+xml", ""})
"""What is read as a web page; a server that names no type gets the benefit of the doubt."""


_WARM_PAGE: Final = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + "<p>A paragraph of words to find, read once so the extractor is ready.</p>" * 8
    + "</article></body></html>"
)


_WARM_URL: Final = "http://localhost/warm-up"
"""Where the warm-up page is read as coming from (nothing is fetched): a single name, so
that trafilatura loads its public-suffix list then (~0.2 s, 1.7 MB). It needs it at the
first page whose host its quick pattern does not take apart: single names, addresses with
a port, and short names such as nos.nl, vrt.be, ft.com or bbc.co.uk."""


def _warm_up() -> None:
    """What the first page of a session would otherwise pay, ~0.7 s in all: importing
    trafilatura and lxml, the first extraction's own set-up (the public-suffix list
    included), and anyio's asyncio backend, which httpcore imports on its first
    connection."""
    importlib.import_module("anyio._backends._asyncio")
    with suppress(FetchError):
        extract_page(_WARM_PAGE, _WARM_URL)


def _only_pages(url: str, content_type: str, size: int | None) -> None:
    if content_type not in PAGE_TYPES:
        raise not_a_page_error(url, content_type, size)


class OutsideReader:
    """Fetches outside pages and finds their main content.

    ``allow_private`` lets pages on private and loopback addresses through: for tests
    (a server on 127.0.0.1) and for readers who want their intranet; off by default.
    The newsroom's own pages (``settings.newsroom``'s origin) are let through wherever
    it is: it is trusted (:meth:`FetchSettings.is_newsroom`).
    """

    def __init__(
        self, settings: FetchSettings | None = None, *, allow_private: bool = False
    ) -> None:
        self.settings = settings or FetchSettings()
        self.allow_private = allow_private
        self._extractor: asyncio.Future[None] | None = None
        self._transport: asyncio.Future[Transport] | None = None
        self._closed = False

    async def __aenter__(self) -> OutsideReader:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._closed = True
        if self._transport is not None:
            with suppress(Exception):  # one that could not be made has nothing to close
                await (await self._transport).aclose()

    @property
    def is_closed(self) -> bool:
        return self._closed

    def _make_transport(self) -> Transport:
        from tui.core.net.guard import GuardedTransport
        from tui.core.net.transport import Transport

        allow_private, newsroom = self.allow_private, self.settings.is_newsroom

        def trusted(host: str, port: int) -> bool:  # a connection's: no scheme known
            name = f"[{host}]" if ":" in host else host
            return any(newsroom(f"{scheme}://{name}:{port}/") for scheme in ("http", "https"))

        return Transport(
            self.settings,
            is_web_url,
            connect=lambda limits: GuardedTransport(
                limits, allow_private=allow_private, trusted=trusted
            ),
        )

    def _connections(self) -> asyncio.Future[Transport]:
        """The transport, made once in a thread: importing httpx and the guard and
        making a TLS context take 30-60 ms that the event loop need not spend."""
        if self._transport is None:
            self._transport = asyncio.ensure_future(asyncio.to_thread(self._make_transport))
        return self._transport

    def warm(self) -> asyncio.Future[None]:
        """Start getting ready in threads, once: a page is likely to be read soon. No
        request is made."""
        if self._extractor is None:
            self._extractor = asyncio.ensure_future(self._warm_up(self._connections()))
        return self._extractor

    @staticmethod
    async def _warm_up(connections: asyncio.Future[Transport]) -> None:
        """The extractor after the transport: the request need not wait for both."""
        with suppress(Exception):  # a transport that could not be made says so when used
            await asyncio.shield(connections)
        await asyncio.to_thread(_warm_up)

    def refusal(self, url: str) -> FetchError | None:
        """The refusal known before any request: the host of ``url`` is written as a
        private or loopback address (or is ``localhost``) and those are not allowed.
        A name that resolves to one is found out when fetching. In the demo, every page
        (``settings.refuse``)."""
        if self.settings.refuse:
            return FetchError(FetchErrorKind.NOT_ALLOWED, url, self.settings.refuse)
        if self.allow_private or self.settings.is_newsroom(url):
            return None  # the newsroom's own pages are read wherever it is
        host = host_of(url)
        address = parse_address(host)
        local = host == "localhost" or host.endswith(".localhost")
        if local or (address is not None and not is_public(address)):
            detail = f"{host}, on a private or local network; [net] allow_private allows it"
            return refused_address_error(url, detail)
        return None

    async def fetch_page(self, url: str, on_sent: Callable[[], None] | None = None) -> Story:
        """The page at ``url`` as an outside-page story, found at the end of redirects.

        ``on_sent`` hears when the request is on its way (see :meth:`Transport.get`).

        Raises :class:`~tui.core.net.fetch_errors.FetchError` for every failure: a URL
        that is not http(s), a refused address, an answer that is not a web page, too
        large or an HTTP error, a page with no main content or one that needs JavaScript.
        """
        if self.is_closed:
            raise RuntimeError("the outside-page reader is closed")
        url = clean_line(url)
        if not is_web_url(url):
            raise not_allowed_error(url)
        extractor = self.warm()  # loaded while the request is on its way, not after it
        transport = await self._connections()
        answer = await transport.get(url, accept=_only_pages, on_sent=on_sent)
        await extractor
        # A page that names its charset in a <meta> tag only is best decoded by the
        # extractor, which looks for it; a charset in the header is trusted as said.
        page = answer.text() if answer.charset else answer.body
        try:
            return await off_loop(
                extract_page, page, answer.url, budget=EXTRACT_BUDGET, what="the page"
            )
        except ParseTimeout as error:
            raise too_complex_error(answer.url, str(error)) from None
