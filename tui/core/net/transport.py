"""HTTP under the newsroom client: one GET, through checked redirects, within the limits.

:class:`~tui.core.net.client.NewsroomClient` decides *what* to fetch and whom to trust; this
module only moves bytes, and knows nothing of stories. It follows redirects itself so that
every hop's host is checked (by the client's ``may_fetch``) before it is followed, reads
answers as a stream so that an oversized one is cut off at the limit, keeps at most
``max_in_flight`` requests open, retries after transient failures with a growing pause,
and turns every transport exception into a :class:`~tui.core.net.fetch_errors.FetchError`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from time import monotonic
from typing import Final

import httpx

from tui.core.config.limits import FetchSettings
from tui.core.model.text import clean_line, human_size
from tui.core.model.urls import is_web_url, origin_of, resolve, scheme_of, trusted_origin
from tui.core.net.answer import Answer, Validators
from tui.core.net.fetch_errors import (
    AddressRefused,
    FetchError,
    FetchErrorKind,
    answer_timeout_error,
    connection_error,
    offsite_redirect_error,
    refused_address_error,
    status_error,
    timeout_error,
    too_large_error,
)
from tui.core.net.slots import Slots

__all__ = ["Accept", "Answer", "Hop", "OnStart", "RedirectChain", "Transport", "Validators"]

_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_LOCATION: Final = "x-belga-location"


async def _take_location(response: httpx.Response) -> None:
    """Take ``Location`` out of httpx's hands: it parses it to prepare the next request
    even when it follows none, and raised on ``data:`` and other odd URLs ("connection
    failed", retried). :meth:`RedirectChain.follow` reads it without ever raising."""
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[_LOCATION] = location


_WRITTEN: Final = frozenset(
    {"http11.send_request_body.complete", "http2.send_request_body.complete"}
)
"""httpcore's trace events after which a request's wait is the network's: its bytes
are written."""
_CONNECTING: Final = "connection.connect_tcp.started"
CONNECT_GRACE: Final = 0.005
"""Seconds a connection being made may take before its wait counts as the network's.
A near host's (this machine, the LAN) is made at once and the request written a few
loop steps later: said "on its way" at the connection's start, the UI painted in
between and the request went out after the paint (15-30 ms later; traced in the
reader view's first page of a session). A far host's takes a round trip: said then."""


def _on_its_way(sent: Callable[[], None]) -> Callable[[str, object], Awaitable[None]]:
    """An httpcore ``trace`` extension calling ``sent`` once the request is written, or
    once a connection being made for it has taken :data:`CONNECT_GRACE`."""
    waiting: asyncio.TimerHandle | None = None

    async def trace(event: str, _info: object) -> None:
        nonlocal waiting
        if event == _CONNECTING:
            waiting = asyncio.get_running_loop().call_later(CONNECT_GRACE, sent)
        elif event in _WRITTEN:
            if waiting is not None:
                waiting.cancel()
                waiting = None
            sent()

    return trace


OnStart = Callable[[float], None]
"""Called when a request gets one of the slots and goes out, with the seconds it waited
for that slot (other requests' time, not the server's)."""

Accept = Callable[[str, str, int | None], None]
"""Asked with (URL, content type, announced size) before a ``2xx`` body is read; it
raises a :class:`FetchError` to refuse the answer without reading it."""


def _no_cookies() -> CookieJar:
    """A cookie jar that keeps nothing and sends nothing: no site can follow a reader.

    A jar, not an ``httpx.Cookies``: httpx copies the cookies of one of those into a
    fresh jar with the default policy, which keeps everything."""
    return CookieJar(DefaultCookiePolicy(allowed_domains=[]))


@dataclass(frozen=True, slots=True)
class Hop:
    """One request's outcome: a redirect to follow or a final answer."""

    location: str | None = None
    answer: Answer | None = None


class RedirectChain:
    """The hops of one request, each checked before it is followed.

    Errors name the URL the chain started from, the one the caller knows, and say
    in their detail where the chain went wrong.
    """

    def __init__(
        self, start: str, may_fetch: Callable[[str], bool], max_redirects: int, allow: str = ""
    ) -> None:
        self._seen = {start}
        self._may_fetch = may_fetch
        self._max_redirects = max_redirects
        self._allow = [origin] if (origin := origin_of(allow)) is not None else []
        """The origin of ``allow``, trusted for this one chain only (an image's)."""
        self.start = start
        self.url = start

    def follow(self, location: str) -> str:
        target = resolve(self.url, clean_line(location)).partition("#")[0] or clean_line(location)
        detail = f"redirected to {target[:80]}"
        if not is_web_url(target):
            scheme = scheme_of(target)
            reason = f"not allowed: redirect to {scheme}: (not http or https)" if scheme else ""
            raise FetchError(FetchErrorKind.NOT_ALLOWED, self.start, reason, detail)
        if not (self._may_fetch(target) or trusted_origin(target, self._allow)):
            raise offsite_redirect_error(self.start, target, self.url)
        if target in self._seen:
            raise FetchError(FetchErrorKind.REDIRECT_LOOP, self.start, detail=detail)
        if len(self._seen) > self._max_redirects:
            raise FetchError(FetchErrorKind.TOO_MANY_REDIRECTS, self.start, detail=detail)
        self._seen.add(target)
        self.url = target
        return target


class Transport:
    """GET requests for the client, each hop's host checked by ``may_fetch``.

    ``may_fetch`` is asked at every redirect, so hosts trusted later count at once.
    ``connect`` builds the connections for a caller that must vet them (outside pages:
    :class:`~tui.core.net.guard.GuardedTransport`); by default httpx's own. Cookies are
    never kept nor sent.
    """

    def __init__(
        self,
        settings: FetchSettings,
        may_fetch: Callable[[str], bool],
        *,
        connect: Callable[[httpx.Limits], httpx.AsyncBaseTransport] | None = None,
        slots: Slots | None = None,
    ) -> None:
        self.settings = settings
        self._may_fetch = may_fetch
        self._slots = slots if slots is not None else Slots(settings.max_in_flight)
        limits = httpx.Limits(
            max_connections=settings.max_in_flight,
            max_keepalive_connections=settings.max_in_flight,
        )
        self._http = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent},
            cookies=_no_cookies(),
            transport=connect(limits) if connect is not None else None,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                # Our own semaphore bounds the requests; a wait for a pooled connection is
                # only the moment a finished one takes to be handed back.
                pool=settings.connect_timeout + settings.read_timeout,
            ),
            limits=limits,
            # Redirects are followed by RedirectChain, which checks each hop's origin.
            follow_redirects=False,
            event_hooks={"response": [_take_location]},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    def redirects(self, start: str, allow: str = "") -> RedirectChain:
        """A chain of redirects from ``start``; ``allow``'s origin is trusted for it alone."""
        return RedirectChain(start, self._may_fetch, self.settings.max_redirects, allow)

    async def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        allow: str = "",
        on_start: OnStart | None = None,
        accept: Accept | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> Answer:
        """A ``2xx`` answer for ``url``, following trusted redirects.

        ``headers`` is where conditional requests (``Validators.request_headers``) go;
        ``on_start`` is called each time a request gets one of the slots and goes out,
        with the seconds it waited for it;
        ``accept`` may refuse the final answer by its type before its body is read;
        ``on_sent`` is called (maybe more than once) when a request's bytes are written
        or a connection being made for it takes a while: from then on it waits for the
        network.
        """
        chain = self.redirects(url, allow)
        while True:
            hop = await self.hop(chain.url, headers, on_start, accept, on_sent)
            if hop.answer is not None:
                return hop.answer
            chain.follow(hop.location or "")

    async def hop(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        on_start: OnStart | None = None,
        accept: Accept | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> Hop:
        """One request, retried after transient failures with a growing pause; at most
        ``max_in_flight`` open at once (the one limit on requests: there is no other).
        Every request of the client passes here: ``settings.refuse`` stops it before any
        name is looked up or any socket opened (the demo)."""
        if self.settings.refuse:
            raise FetchError(FetchErrorKind.NOT_ALLOWED, url, self.settings.refuse)
        attempt = 0
        began = monotonic()
        while True:
            asked = monotonic()
            try:
                # The slot is held per attempt, not across the back-off pause.
                async with self._slots.take():  # the reader's requests first
                    if on_start is not None:
                        on_start(monotonic() - asked)
                    return await self._request(url, headers, accept, on_sent)
            except FetchError as error:
                if not error.retryable or attempt >= self.settings.retries:
                    raise error.after_tries(attempt + 1, monotonic() - began) from None
            await asyncio.sleep(self.settings.backoff * 2**attempt)
            attempt += 1

    async def _request(
        self,
        url: str,
        headers: Mapping[str, str] | None,
        accept: Accept | None,
        on_sent: Callable[[], None] | None,
    ) -> Hop:
        extensions = {"trace": _on_its_way(on_sent)} if on_sent is not None else None
        whole = self.settings.answer_timeout
        try:
            # read_timeout bounds each wait for bytes; this, the whole answer: a server
            # that sends a byte a second would otherwise hold the slot for as long as
            # it likes.
            async with asyncio.timeout(whole) as scope:
                async with self._http.stream(
                    "GET", url, headers=headers, extensions=extensions
                ) as response:
                    return await self._read(url, response, accept)
        except TimeoutError:
            if not scope.expired():
                raise
            raise answer_timeout_error(url, whole) from None
        except AddressRefused as refused:
            raise refused_address_error(url, str(refused)) from None
        except httpx.ConnectTimeout:
            raise timeout_error(url, self.settings.connect_timeout, "connecting") from None
        except httpx.PoolTimeout:
            raise timeout_error(url, self.settings.connect_timeout, "waiting") from None
        except httpx.TimeoutException:
            raise timeout_error(url, self.settings.read_timeout, "reading") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise connection_error(url, error, closed=True) from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise connection_error(url, error, closed=False) from None

    async def _read(self, url: str, response: httpx.Response, accept: Accept | None) -> Hop:
        status = response.status_code
        location = response.headers.get(_LOCATION)
        if status in _REDIRECTS and location:
            return Hop(location=location)
        if not 200 <= status < 300:
            raise status_error(url, status)
        content_type = response.headers.get("content-type", "").partition(";")[0]
        if accept is not None:
            declared = response.headers.get("content-length", "")
            accept(url, content_type.strip().lower(), int(declared) if declared.isdigit() else None)
        body = await self._read_limited(url, response)
        return Hop(
            answer=Answer(
                url=url,
                body=body,
                content_type=content_type.strip().lower(),
                charset=response.charset_encoding,
                validators=Validators.from_headers(response.headers),
            )
        )

    async def _read_limited(self, url: str, response: httpx.Response) -> bytes:
        """The body, abandoned as soon as it passes the limit: never all of a huge one."""
        limit = self.settings.max_response_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large_error(url, limit, f"announced {human_size(int(declared))}")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > limit:
                raise too_large_error(url, limit)
        return bytes(body)
