"""The front page: the newsroom's latest stories, from its feed or else its sitemap.

``/feed`` is asked for first, conditionally when the caller kept the validators of the
last answer. Prezly's feed was never seen (see ``prezly.md``), so when it is missing,
empty, too large or not a feed at all, ``/sitemap.xml`` (every public story) stands in,
following one level of sitemap index. When the newsroom cannot be reached at all, the
sitemap is not tried: it lives on the same server.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Final, Literal

from tui.core.net.client import Answer, FetchError, FetchErrorKind, NewsroomClient, Validators
from tui.core.net.feed import (
    FeedEntry,
    FeedError,
    Sitemap,
    newest_first,
    parse_feed,
    parse_sitemap,
    prepared,
)
from tui.core.net.offload import ParseTimeout, parse_off_loop

__all__ = ["FEED_PATH", "SITEMAP_PATH", "FrontPage", "Source", "fetch_front_page"]

FEED_PATH: Final = "/feed"
SITEMAP_PATH: Final = "/sitemap.xml"
MAX_SITEMAP_CHILDREN: Final = 3
"""Sub-sitemaps read from a sitemap index: the newest few hold the front page."""
MAX_ENTRIES: Final = 500

Source = Literal["feed", "sitemap"]


@dataclass(frozen=True, slots=True)
class FrontPage:
    entries: list[FeedEntry]
    """Newest first, at most :data:`MAX_ENTRIES`; empty when ``not_modified``."""
    source: Source
    validators: Validators | None = None
    """The feed's ETag/Last-Modified, to pass to the next :func:`fetch_front_page`.
    ``None`` when the list came from the sitemap, which is always read again."""
    not_modified: bool = False
    """The feed is unchanged since ``validators``: keep the entries already shown."""
    notes: tuple[str, ...] = ()
    """What the user should hear although a list was found: a charset read as UTF-8,
    a feed that was there but unusable, so that the sitemap stood in."""


async def fetch_front_page(
    client: NewsroomClient, validators: Validators | None = None
) -> FrontPage:
    """The newsroom's latest stories.

    Raises :class:`FetchError` when neither the feed nor the sitemap gives a list; its
    detail says what went wrong with the feed. A sitemap that is not one (or that was
    refused, like an entity bomb) is reported as ``NOT_A_STORY`` with the reason.
    """
    base = client.settings.newsroom.rstrip("/")
    notes: list[str] = []
    no_feed = False
    try:
        answer = await client.get(base + FEED_PATH, validators)
    except FetchError as error:
        if error.kind.unreachable:  # the sitemap lives on the same server
            raise
        feed_failure, feed_kind = error.reason, error.kind
        no_feed = error.kind is FetchErrorKind.NOT_FOUND
        if not no_feed:  # no feed at all is Prezly's normal
            notes.append(f"The feed was not used ({error.reason}); the sitemap stood in.")
    else:
        if answer is None:
            return FrontPage([], "feed", validators, not_modified=True)
        try:
            entries = await parse_off_loop(
                _feed_entries, answer.body, answer, notes, what="the feed"
            )
        except (FeedError, ParseTimeout) as error:
            feed_failure, feed_kind = str(error), FetchErrorKind.NOT_A_STORY
            notes.append(f"The feed was not used ({feed_failure}); the sitemap stood in.")
        else:
            if entries:
                # A server that sent neither ETag nor Last-Modified gets no conditional GET.
                kept = answer.validators if answer.validators.request_headers() else None
                return FrontPage(entries[:MAX_ENTRIES], "feed", kept, notes=tuple(notes))
            feed_failure, feed_kind = "the feed lists no stories", FetchErrorKind.NOT_A_STORY
    try:
        return await _from_sitemap(client, base + SITEMAP_PATH, feed_failure, notes)
    except FetchError as error:
        no_sitemap = error.kind is FetchErrorKind.NOT_FOUND and error.url == base + SITEMAP_PATH
        if no_feed and no_sitemap:
            # Neither is there (the site answers): most likely not a newsroom at all.
            where = f"no feed ({FEED_PATH}) or sitemap ({SITEMAP_PATH}) there"
            why = f"{where}: is it a Prezly newsroom?"
            raise FetchError(FetchErrorKind.NOT_FOUND, base, why) from None
        if no_sitemap:
            # A feed that is there but unusable is what went wrong, not the sitemap that
            # the site never had: said first ("…/sitemap.xml: not found (404) (feed: not a
            # feed: 2:0: not well-formed)" led with the fallback's error).
            stood_in = f"no sitemap ({SITEMAP_PATH}) to stand in"
            raise FetchError(feed_kind, base + FEED_PATH, feed_failure, stood_in) from None
        raise


def _feed_entries(_: bytes, answer: Answer, notes: list[str]) -> list[FeedEntry]:
    data, note = prepared(answer.body, "feed", answer.charset)
    notes.extend(filter(None, [note]))
    return parse_feed(data, answer.url)


async def _from_sitemap(
    client: NewsroomClient, url: str, feed_failure: str, notes: list[str]
) -> FrontPage:
    try:
        sitemap = await _read_sitemap(client, url, notes)
    except FetchError as error:
        raise error.with_detail(f"feed: {feed_failure}") from None
    entries = list(sitemap.entries)
    children = sitemap.children[:MAX_SITEMAP_CHILDREN]
    if children:
        # One level only: a child that is itself an index adds nothing.
        results = await asyncio.gather(*(_child(client, child, notes) for child in children))
        found = [result for result in results if isinstance(result, Sitemap)]
        if not found and not entries:
            failure = next(r for r in results if isinstance(r, FetchError))
            raise failure.with_detail(f"feed: {feed_failure}")
        for child_map in found:
            entries.extend(child_map.entries)
        if not entries and all(child_map.children for child_map in found):
            raise FetchError(
                FetchErrorKind.NOT_A_STORY,
                url,
                "the sitemap index lists only other indexes, no stories",
                f"feed: {feed_failure}",
            )
    return FrontPage(_merged(entries)[:MAX_ENTRIES], "sitemap", notes=tuple(notes))


async def _read_sitemap(client: NewsroomClient, url: str, notes: list[str]) -> Sitemap:
    """One sitemap document; every failure, parsing included, as a FetchError."""
    answer = await client.get(url)
    if answer is None:  # unreachable: get() answers None only to a conditional request
        raise FetchError(FetchErrorKind.HTTP_STATUS, url, "HTTP 304", status=304)
    try:
        return await parse_off_loop(_sitemap, answer.body, answer, notes, what="the sitemap")
    except (FeedError, ParseTimeout) as error:
        raise FetchError(FetchErrorKind.NOT_A_STORY, url, str(error)) from None


def _sitemap(_: bytes, answer: Answer, notes: list[str]) -> Sitemap:
    data, note = prepared(answer.body, "sitemap", answer.charset)
    notes.extend(filter(None, [note]))
    return parse_sitemap(data, answer.url)


async def _child(client: NewsroomClient, url: str, notes: list[str]) -> Sitemap | FetchError:
    try:
        return await _read_sitemap(client, url, notes)
    except FetchError as error:
        return error


def _merged(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Newest first; a story listed twice (by two sub-sitemaps) once, at its newest."""
    unique: dict[str, FeedEntry] = {}
    for entry in newest_first(entries):
        unique.setdefault(entry.url, entry)
    return list(unique.values())
