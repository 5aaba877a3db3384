"""URLs: canonical forms, and which ones look like newsroom stories.

A Prezly story lives at ``https://<newsroom>/<slug>``: one path segment. Listing and
service pages (``/category/…``, ``/tag/…``, ``/feed``, ``/search``) have other shapes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final
from urllib.parse import SplitResult, urlsplit, urlunsplit

SHORT_LINK_HOSTS: Final = frozenset({"prez.ly"})
_NOT_STORIES: Final = frozenset(
    {"feed", "sitemap.xml", "search", "media", "contacts", "about", "rss", "robots.txt"}
)
_ASSET_SUFFIXES: Final = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".xml")


@lru_cache(maxsize=8192)
def _split(url: str) -> SplitResult:
    # The same few hundred URLs are asked about again and again (every related link,
    # every trust check); urlsplit is slow enough for that to show.
    return urlsplit(url)


def is_web_url(url: str) -> bool:
    parts = _split(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@lru_cache(maxsize=8192)
def host_of(url: str) -> str:
    """The lower-case host name, without ``www.``-insensitivity: ``""`` when none."""
    try:
        return (_split(url).hostname or "").lower()
    except ValueError:
        return ""


def same_site(host_a: str, host_b: str) -> bool:
    """``www.example.org`` and ``example.org`` are the same newsroom."""
    return host_a.removeprefix("www.") == host_b.removeprefix("www.") and bool(host_a)


@lru_cache(maxsize=8192)
def canonical(url: str) -> str:
    """The URL that identifies a story: no fragment, no query, no ``.json``, no trailing ``/``.

    ``http`` and ``https`` are kept as given; the host is lower-cased.
    """
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    path = path.removesuffix(".json")
    return urlunsplit((parts.scheme.lower(), (parts.netloc or "").lower(), path, "", ""))


def json_url(url: str) -> str:
    """The story's JSON twin: ``<story-url>.json``."""
    return canonical(url) + ".json"


def is_short_link(url: str) -> bool:
    return host_of(url) in SHORT_LINK_HOSTS


def is_story_url(url: str, hosts: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``url`` looks like a Prezly story page.

    With ``hosts``, the URL must be on one of them (``www.`` ignored); a short link counts.
    """
    if not is_web_url(url):
        return False
    host = host_of(url)
    if host in SHORT_LINK_HOSTS:
        return True
    if hosts and not any(same_site(host, known) for known in hosts):
        return False
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) != 1:
        return False
    slug = segments[0].lower().removesuffix(".json")
    return slug not in _NOT_STORIES and not slug.endswith(_ASSET_SUFFIXES)
