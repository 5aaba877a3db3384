"""URLs from outside: parsed and resolved without ever raising, and one identity rule.

Every URL belga reads comes from outside (story JSON, body HTML, feeds, sitemaps, pages,
redirects, the command line), so every one goes through :func:`parse` or
:func:`resolve`, which never raise: a URL that cannot be parsed (``http://[oops/``) is
no link, shown as text and never followed.

Two URLs name the same story when their :func:`canonical` forms are equal: scheme and
host in lower case, no default port, no query, no fragment, no trailing ``/``, no
``.json`` (a story's JSON twin is the story). An outside web page is named by
:func:`page_key` instead, which keeps the query (``page?id=1`` and ``page?id=2`` are two
pages) but drops tracking parameters (``utm_*``, ``fbclid``…). A short link
(``prez.ly``) is an alias that only the server can resolve; the places that hold
stories keep it as one.

A Prezly story lives at ``https://<newsroom>/<slug>``: one path segment. Listing and
service pages (``/category/…``, ``/tag/…``, ``/feed``, ``/search``) have other shapes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

SHORT_LINK_HOSTS: Final = frozenset({"prez.ly"})
_WEB_SCHEMES: Final = frozenset({"http", "https"})
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
_NOT_STORIES: Final = frozenset(
    {"feed", "sitemap.xml", "search", "media", "contacts", "about", "rss", "robots.txt"}
)
_TRACKING_PREFIXES: Final = ("utm_",)
_TRACKING_NAMES: Final = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl"}
)
_ASSET_SUFFIXES: Final = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".xml")


@lru_cache(maxsize=8192)
def parse(url: str) -> SplitResult | None:
    """``url`` split into its parts, or ``None`` when it cannot be (bad IPv6 host, bad
    port, …). Never raises. Cached: the same few hundred URLs are asked about again and
    again (every related link, every trust check), and urlsplit is slow enough to show."""
    try:
        parts = urlsplit(url)
        _ = parts.port, parts.hostname  # both raise ValueError on a malformed netloc
    except ValueError:
        return None
    return parts


def resolve(base: str, href: str) -> str:
    """``href`` made absolute against ``base``: an http(s) URL with a host, or ``""``.

    Never raises: a link that cannot be parsed, or that is not on the web
    (``mailto:``, ``javascript:``, a bare ``#fragment``), resolves to ``""``.
    """
    href = href.strip()
    if not href:
        return ""
    if base and parse(base) is not None:
        try:
            href = urljoin(base, href)
        except ValueError:
            return ""
    return href if is_web_url(href) else ""


def scheme_of(url: str) -> str:
    """The lower-case scheme ``url`` is written with (``""`` when none), even when the
    rest of it does not parse."""
    scheme, colon, _ = url.strip().partition(":")
    valid = colon and scheme[:1].isascii() and scheme[:1].isalpha()
    return scheme.lower() if valid and all(c.isalnum() or c in "+-." for c in scheme) else ""


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host, that parses."""
    parts = parse(url)
    return parts is not None and parts.scheme.lower() in _WEB_SCHEMES and bool(host_of(url))


@lru_cache(maxsize=8192)
def host_of(url: str) -> str:
    """The lower-case host name (``www.`` kept), ``""`` when none or unparseable. Cached
    as :func:`parse` is: ``SplitResult.hostname`` parses the address again each time it
    is read, and a link of a story body is asked for its host three times."""
    parts = parse(url)
    return (parts.hostname or "").lower() if parts is not None else ""


def path_of(url: str) -> str:
    """The path of ``url``, ``""`` when none or unparseable."""
    parts = parse(url)
    return parts.path if parts is not None else ""


def port_of(url: str) -> int | None:
    """The port written in ``url``, ``None`` when none (or unparseable)."""
    parts = parse(url)
    return parts.port if parts is not None else None


def same_site(host_a: str, host_b: str) -> bool:
    """``www.example.org`` and ``example.org`` are the same newsroom."""
    return host_a.removeprefix("www.") == host_b.removeprefix("www.") and bool(host_a)


def same_place(url_a: str, url_b: str) -> bool:
    """Whether two URLs are on the same site (:func:`same_site`) and port as written:
    ``127.0.0.1:8765`` is another server than ``127.0.0.1:9000``."""
    return same_site(host_of(url_a), host_of(url_b)) and port_of(url_a) == port_of(url_b)


def _identity(url: str, *, page: bool) -> str:
    parts = parse(url.strip())
    if parts is None:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    if not page:
        return urlunsplit((scheme, netloc, path.removesuffix(".json"), "", ""))
    return urlunsplit((scheme, netloc, path, _without_tracking(parts.query), ""))


def _without_tracking(query: str) -> str:
    """The query without the parameters that only say where a reader came from."""
    kept = []
    for item in query.split("&"):
        name = item.partition("=")[0].lower()
        if item and not name.startswith(_TRACKING_PREFIXES) and name not in _TRACKING_NAMES:
            kept.append(item)
    return "&".join(kept)


@lru_cache(maxsize=8192)
def canonical(url: str) -> str:
    """The URL that identifies a story; ``""`` when ``url`` cannot be parsed.

    Scheme and host lower-cased, the default port dropped; no query, no fragment, no
    ``.json``, no trailing ``/``. ``http`` and ``https`` are kept as given.
    """
    return _identity(url, page=False)


@lru_cache(maxsize=8192)
def page_key(url: str) -> str:
    """The URL that identifies an outside web page; ``""`` when ``url`` cannot be parsed.

    As :func:`canonical`, but the query stays (a page's query often names what it
    shows: ``article?id=1``), without tracking parameters (``utm_*``, ``fbclid``…); the
    path is kept as written but for a trailing ``/``.
    """
    return _identity(url, page=True)


def same_story(url_a: str, url_b: str) -> bool:
    """Whether two URLs name the same story (by :func:`canonical` form)."""
    form = canonical(url_a)
    return bool(form) and form == canonical(url_b)


def link_key(url: str) -> str:
    """What makes two links of a page the same link: the URL without its fragment (a
    link is not only to stories: its query stays). Never raises."""
    return url.partition("#")[0]


def json_url(url: str) -> str:
    """The story's JSON twin: ``<story-url>.json``."""
    return canonical(url) + ".json"


def is_short_link(url: str) -> bool:
    return host_of(url) in SHORT_LINK_HOSTS


def is_story_url(url: str, hosts: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``url`` looks like a Prezly story page.

    With ``hosts``, the URL must be on one of them (``www.`` ignored); a short link counts.
    """
    parts = parse(url)
    if parts is None or not is_web_url(url):
        return False
    host = host_of(url)
    if host in SHORT_LINK_HOSTS:
        return True
    if hosts and not any(same_site(host, known) for known in hosts):
        return False
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) != 1:
        return False
    slug = segments[0].lower().removesuffix(".json")
    return slug not in _NOT_STORIES and not slug.endswith(_ASSET_SUFFIXES)


Origin = tuple[str, str, int]
"""Scheme, host (``www.`` ignored) and port: what trust is given to."""


def origin_of(url: str) -> Origin | None:
    """The origin of an http(s) URL, its port the scheme's default when none is written;
    ``None`` for anything else. Another port on a trusted host is another origin."""
    parts = parse(url)
    if parts is None or not is_web_url(url):
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    return scheme, host, parts.port or _DEFAULT_PORTS[scheme]


def trusted_origin(url: str, trusted: Iterable[Origin]) -> bool:
    """Whether ``url`` is on one of the ``trusted`` origins, or is the https form of a
    trusted http origin on the default ports (an upgrade, never a step down)."""
    origin = origin_of(url)
    if origin is None:
        return False
    scheme, host, port = origin
    upgrade = ("http", host, 80) if (scheme, port) == ("https", 443) else None
    return any(known in (origin, upgrade) for known in trusted)
