"""The one client for a Prezly newsroom: stories by URL, politely and safely.

A story is read from its JSON twin (``<story-url>.json``), parsed by the same parser as
a local file; when the twin is missing or is not a story, from the story's web page.
The client decides which hosts the reader trusts and shares one fetch between callers
asking for the same story at once; it keeps no stories (that is
:class:`~tui.core.newsroom.Newsroom`'s work). The requests themselves (redirects checked hop by hop
against that trust, answers streamed within the size limit, at most ``max_in_flight``
open, retries) are :mod:`tui.core.net.transport`'s.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Final

from tui.core.config.limits import FetchSettings
from tui.core.model.record import replace
from tui.core.model.story import Story, StoryError, parse_story_bytes
from tui.core.model.text import clean_line
from tui.core.model.urls import (
    Origin,
    canonical,
    host_of,
    is_web_url,
    json_url,
    origin_of,
    port_of,
    trusted_origin,
)
from tui.core.net.answer import Answer, Validators
from tui.core.net.fetch_errors import (
    FetchError,
    FetchErrorKind,
    deadline_error,
    not_a_story_error,
    not_allowed_error,
    untrusted_error,
)
from tui.core.net.offload import ParseTimeout, parse_off_loop
from tui.core.net.page import parse_story_page
from tui.core.net.progress import Progress, Stage
from tui.core.net.slots import Claim, Slots, is_ahead, start_task

if TYPE_CHECKING:
    from tui.core.net.transport import OnStart, Transport

__all__ = [
    "Answer",
    "FetchError",
    "FetchErrorKind",
    "NewsroomClient",
    "Progress",
    "Stage",
    "Validators",
]

_PAGE_TYPES: Final = ("text/html", "application/xhtml+xml")


def _moved_to_a_page(asked: str, found: str) -> bool:
    """Whether the JSON twin of ``asked`` was answered from another URL that is no JSON
    twin itself: a story that moved (a slug changed), redirected to its page."""
    return canonical(found) != canonical(asked) and json_url(found) != found


def _not_modified(error: FetchError, headers: Mapping[str, str] | None) -> bool:
    """A 304 is only "unchanged" when the request was conditional; otherwise it is junk."""
    return error.status == 304 and bool(headers)


def _host_port(url: str) -> str:
    port = port_of(url)
    return f"{host_of(url)}:{port}" if port else host_of(url)


def _page_story(_: bytes, answer: Answer) -> Story:
    return parse_story_page(answer.text(), answer.url)  # decoding included


class NewsroomClient:
    """Fetches stories from one newsroom (and the hosts the reader trusts).

    Use as ``async with NewsroomClient(settings) as client:`` or call :meth:`aclose`.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._trusted: set[Origin] = set()
        self.trust(self.settings.newsroom)
        self._validators: dict[str, Validators] = {}
        self._pending: dict[str, asyncio.Task[Story]] = {}
        self._claims: dict[str, Claim] = {}
        """Whom each pending fetch is for: made ahead until the reader wants it."""
        self._waiters: Counter[str] = Counter()
        self._watchers: dict[str, list[Progress]] = {}
        self._started: set[str] = set()
        self._http: Transport | None = None
        self._slots = Slots(self.settings.max_in_flight)
        """The requests in flight, the reader's first (the transport's, made before it)."""
        self._closed = False

    async def __aenter__(self) -> NewsroomClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Cancel what is still being fetched and close the connections."""
        pending = list(self._pending.values())
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        self._closed = True
        if self._http is not None:
            await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._closed

    @property
    def _transport(self) -> Transport:
        """The requests' transport, made at the first request: importing httpx and
        making its TLS context cost tens of milliseconds that a client only asked
        whom it trusts (a local file's story, a sidebar's links) need not spend."""
        if self._http is None:
            from tui.core.net.transport import Transport

            self._http = Transport(self.settings, self.can_fetch, slots=self._slots)
        return self._http

    def hold_ahead(self) -> Callable[[], None]:
        """Start no request made ahead until what this returns is called (see
        :meth:`Slots.hold_ahead`)."""
        return self._slots.hold_ahead()

    def warm(self) -> None:
        """Make the transport now (called in a thread ahead of the first request: at
        the first request it was made on the event loop, 0.3-0.6 s of the first Enter
        whose sidebar fetches its links)."""
        self._transport  # noqa: B018 - made when first asked for

    # Trust -------------------------------------------------------------------------

    @property
    def trusted_hosts(self) -> frozenset[str]:
        hosts = {host for _, host, _ in self._trusted}
        return frozenset(hosts | self.settings.short_link_hosts)

    def trust(self, url: str) -> None:
        """Allow fetching from ``url``'s origin: the reader asked for a story there."""
        origin = origin_of(url)
        if origin is not None:
            self._trusted.add(origin)

    def can_fetch(self, url: str) -> bool:
        """Whether ``url`` is on a trusted origin: scheme, host (``www.`` ignored) and
        port, so that another port of the newsroom's host is not the newsroom."""
        return self.is_short_link(url) or trusted_origin(url, self._trusted)

    def is_short_link(self, url: str) -> bool:
        """Whether ``url`` is on a short-link host (a port may be part of its entry)."""
        hosts = self.settings.short_link_hosts
        return host_of(url) in hosts or _host_port(url) in hosts

    def _check_allowed(self, url: str) -> None:
        if not is_web_url(url):
            raise not_allowed_error(url)
        if not self.can_fetch(url):
            raise untrusted_error(url, host_of(url))

    def validators(self, url: str) -> Validators | None:
        """The ETag/Last-Modified the story at ``url`` (its own URL) was served with."""
        return self._validators.get(canonical(clean_line(url)))

    # Fetching stories --------------------------------------------------------------

    async def fetch_story(self, url: str, progress: Progress | None = None) -> Story:
        """The story at ``url``: a story URL, its ``.json`` URL or a short link.

        ``progress`` hears when the fetch is queued, when its request goes out and when
        it is done. Raises :class:`FetchError` for every failure, before any request when
        the URL is not one the client may fetch.
        """
        key, task = self._fetch(url)
        self._want(key)
        if progress is not None:
            progress(Stage.QUEUED)
            if key in self._started:
                progress(Stage.STARTED)
            self._watchers.setdefault(key, []).append(progress)
        # A caller that gives up (a cancelled worker) must not cancel the others' fetch,
        # but once nobody waits any more the fetch is stopped: the reader moved on.
        self._waiters[key] += 1
        try:
            return await asyncio.shield(task)
        finally:
            if progress is not None and self._unwatch(key, progress):
                progress(Stage.DONE)  # this caller gave up before the fetch was done
            self._leave(key, task)

    def _leave(self, key: str, task: asyncio.Task[Story]) -> None:
        """One who waited for ``key`` no longer does; the fetch stops when nobody does."""
        self._waiters[key] -= 1
        if self._waiters[key] <= 0:
            del self._waiters[key]
            if not task.done():
                task.cancel()

    def start(self, url: str) -> Callable[[], None]:
        """Start fetching the story at ``url`` now, without waiting for it: its request
        goes out before the caller's next paint, and :meth:`fetch_story` then shares the
        fetch. The caller counts as waiting for it until it calls what this returns (the
        fetch stops then if nobody else waits). Raises :class:`FetchError` when the URL
        may not be fetched."""
        key, task = self._fetch(url)
        self._want(key)
        self._waiters[key] += 1
        return partial(self._release, key, task, [False])

    def _want(self, key: str) -> None:
        """Someone waits for ``key``: when it is the reader (not work done ahead), the
        fetch is the reader's from now on, though it was started ahead (a sidebar link
        opened while its request still waits for a slot goes out at once)."""
        claim = self._claims.get(key)
        if claim is not None and not is_ahead():
            claim.promote()

    def _release(self, key: str, task: asyncio.Task[Story], released: list[bool]) -> None:
        if not released[0]:
            released[0] = True
            self._leave(key, task)

    def _fetch(self, url: str) -> tuple[str, asyncio.Task[Story]]:
        """The key of the story at ``url`` and the task fetching it, started if none is."""
        if self.is_closed:
            raise RuntimeError("the newsroom client is closed")
        url = clean_line(url)
        self._check_allowed(url)
        key = canonical(url)
        task = self._pending.get(key)
        if task is None:
            # Concurrent callers for the same story share this one task, under a claim
            # of its own (the reader's, or ahead as the caller is: see _want).
            task, self._claims[key] = start_task(self._load(url, key))
            self._pending[key] = task
            task.add_done_callback(partial(self._settle, key))
        return key, task

    def _start(self, key: str) -> None:
        """A request for ``key`` got a slot: tell whoever waits for it, once."""
        if key not in self._started:
            self._started.add(key)
            for progress in list(self._watchers.get(key, ())):
                progress(Stage.STARTED)

    def _unwatch(self, key: str, progress: Progress) -> bool:
        """Stop telling ``progress`` about ``key``; whether it was still told."""
        watchers = self._watchers.get(key, [])
        if progress not in watchers:
            return False
        watchers.remove(progress)
        if not watchers:
            del self._watchers[key]
        return True

    def _done(self, key: str) -> None:
        """The fetch of ``key`` is over: said at once, before a waiting request takes
        the slot it left, so that no more than ``max_in_flight`` ever say "started"."""
        self._started.discard(key)
        for progress in self._watchers.pop(key, []):
            progress(Stage.DONE)

    def _settle(self, key: str, task: asyncio.Task[Story]) -> None:
        if self._pending.get(key) is task:
            del self._pending[key]
            del self._claims[key]
        if not task.cancelled():
            task.exception()  # retrieved, so a failure nobody awaited is not logged

    async def fetch_many(self, urls: Iterable[str]) -> dict[str, Story | FetchError]:
        """Every story of ``urls`` (fetched at most ``max_in_flight`` at a time)."""
        unique = list(dict.fromkeys(urls))
        results = await asyncio.gather(*map(self._fetch_or_error, unique))
        return dict(zip(unique, results, strict=True))

    async def _fetch_or_error(self, url: str) -> Story | FetchError:
        try:
            return await self.fetch_story(url)
        except FetchError as error:
            return error

    async def _load(self, url: str, key: str) -> Story:
        """The story at ``url`` within ``story_timeout``: its one deadline, every try,
        redirect and fallback included, which the failure names. The deadline runs
        from when the first request goes out, and a later try's wait for a slot is
        added to it: time spent behind other requests is not the server's."""
        tries = 0
        loop = asyncio.get_running_loop()
        deadline = self.settings.story_timeout

        def on_start(waited: float) -> None:
            nonlocal tries
            tries += 1
            if tries == 1:
                scope.reschedule(loop.time() + deadline)
            elif waited > 0 and (when := scope.when()) is not None:
                scope.reschedule(when + waited)
            self._start(key)

        try:
            async with asyncio.timeout(None) as scope:
                if self.is_short_link(url):
                    url = await self._resolve_short_link(url, on_start)
                return await self._load_story(url, on_start=on_start)
        except TimeoutError:
            if not scope.expired():
                raise
            raise deadline_error(url, deadline, tries) from None
        finally:
            self._done(key)

    async def _resolve_short_link(self, url: str, on_start: OnStart | None = None) -> str:
        """Where a short link points, without fetching the story page itself."""
        chain = self._transport.redirects(url)
        while self.is_short_link(chain.url):
            hop = await self._transport.hop(chain.url, on_start=on_start)
            if hop.location is None:
                raise not_a_story_error(url, "the short link does not redirect to a story")
            chain.follow(hop.location)
        return chain.url

    async def _load_story(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        on_start: OnStart | None = None,
        moved: bool = False,
    ) -> Story:
        answer: Answer | None = None
        try:
            answer = await self._transport.get(json_url(url), headers, on_start=on_start)
            # Off the event loop: a story of a few MB takes long enough to stall keys.
            parsed = await parse_off_loop(
                parse_story_bytes, answer.body, answer.url, what="the story"
            )
            return self._finish(parsed, answer)
        except (StoryError, ParseTimeout) as error:
            if answer is not None and not moved and _moved_to_a_page(url, answer.url):
                # The twin redirected to the story's new page: its own twin is the story
                # (its page, read instead, had no date nor first line in the sidebar).
                return await self._load_story(answer.url, on_start=on_start, moved=True)
            json_failure = not_a_story_error(json_url(url), str(error))
        except FetchError as error:
            if error.kind is not FetchErrorKind.NOT_FOUND:
                raise
            json_failure = error
        return await self._load_page(canonical(url), json_failure, headers, on_start)

    async def _load_page(
        self,
        url: str,
        json_failure: FetchError,
        headers: Mapping[str, str] | None = None,
        on_start: OnStart | None = None,
    ) -> Story:
        """The fallback: the story's web page, when its JSON twin gave no story."""
        try:
            answer = await self._transport.get(url, headers, on_start=on_start)
            if answer.content_type and answer.content_type not in _PAGE_TYPES:
                raise StoryError(f"the page is {answer.content_type}, not HTML")
            page = await parse_off_loop(_page_story, answer.body, answer, what="the page")
            return self._finish(page, answer)
        except (StoryError, ParseTimeout) as error:
            raise json_failure.with_detail(f"page: {error}") from None
        except FetchError as error:
            # A twin that exists but is junk says more than the page's own failure;
            # a 304 to a conditional request is no failure but "unchanged".
            if json_failure.kind is FetchErrorKind.NOT_A_STORY and not _not_modified(
                error, headers
            ):
                raise json_failure.with_detail(f"page: {error.reason}") from None
            raise

    def _finish(self, story: Story, answer: Answer) -> Story:
        """Identify the story by where it was actually found, not by what it claims."""
        story = replace(story, url=canonical(answer.url), source=answer.url)
        self._validators[story.url] = answer.validators
        return story

    async def refresh_story(self, url: str, validators: Validators | None) -> Story | None:
        """The story at ``url`` asked for again with ``validators`` (a conditional GET).

        ``None`` when the server answers ``304 Not Modified``: the caller's copy is
        current. Otherwise the fresh story. Raises :class:`FetchError` as :meth:`fetch_story` does.
        """
        url = self._checked(url)
        headers = validators.request_headers() if validators is not None else None
        story_url = await self._resolve_short_link(url) if self.is_short_link(url) else url
        try:
            story = await self._load_story(story_url, headers)
        except FetchError as error:
            if _not_modified(error, headers):
                return None
            raise
        return story

    # HTTP --------------------------------------------------------------------------

    async def get(self, url: str, validators: Validators | None = None) -> Answer | None:
        """Any document at ``url`` on a trusted host, e.g. the newsroom's feed.

        With ``validators`` the request is conditional, and ``None`` means the server
        answered ``304 Not Modified``: what the caller holds is current. Raises
        :class:`FetchError` for every failure, including any other non-``2xx`` status.
        """
        url = self._checked(url)
        headers = validators.request_headers() if validators is not None else None
        try:
            return await self._transport.get(url, headers)
        except FetchError as error:
            if _not_modified(error, headers):
                return None
            raise

    def _checked(self, url: str) -> str:
        if self.is_closed:
            raise RuntimeError("the newsroom client is closed")
        url = clean_line(url)
        self._check_allowed(url)
        return url

    async def fetch_image(self, url: str) -> bytes:
        """The image at ``url``, for showing it inline: asked for by the user (images are
        off by default), so its host is allowed for this request, redirects included
        only to that host or a trusted one. Size-limited like any answer; an image."""
        if self.is_closed:
            raise RuntimeError("the newsroom client is closed")
        url = clean_line(url)
        if not is_web_url(url):
            raise not_allowed_error(url)
        answer = await self._transport.get(url, allow=url)
        if not answer.content_type.startswith("image/"):
            kind = clean_line(answer.content_type.split(";")[0]) or "no type given"
            raise FetchError(FetchErrorKind.NOT_A_STORY, url, f"not an image ({kind})")
        return answer.body
