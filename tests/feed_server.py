"""The test newsroom with a front page: ``/feed`` and ``/sitemap.xml``, in variants.

:class:`FeedServer` is a :class:`~tests.newsroom_server.NewsroomServer` (stories and
faults unchanged) that also serves the listing documents. Which feed and which sitemap
it serves are plain attributes, so a test can change them between two requests::

    with FeedServer(feed="missing", sitemap="index") as server:
        ...

The documents are built by the pure functions below, which the parser tests use too.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from email.utils import format_datetime
from typing import Any, Final, Literal
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from tests.newsroom_server import LAST_MODIFIED, NewsroomServer, _Handler, _Responder

FeedVariant = Literal[
    "rss", "atom", "missing", "empty", "malformed", "page", "huge", "html", "slow"
]
SitemapVariant = Literal["urlset", "index", "bomb", "missing"]

RSS_TYPE: Final = "application/rss+xml; charset=utf-8"
ATOM_TYPE: Final = "application/atom+xml; charset=utf-8"
XML_TYPE: Final = "application/xml; charset=utf-8"
HTML_TYPE: Final = "text/html; charset=utf-8"
BRUSSELS: Final = ZoneInfo("Europe/Brussels")
CHILD_SITEMAPS: Final = ("/sitemaps/stories-1.xml", "/sitemaps/stories-2.xml")
GONE_SITEMAP: Final = "/sitemaps/gone.xml"
ESCAPE_TITLE: Final = "Red \x1b[31malert\x1b[0m and a clear \x1b[2J screen"
HTML_TITLE: Final = "<b>Bold</b> &amp; <i>italic</i> news<script>alert(1)</script>"


# Documents -------------------------------------------------------------------------


def local_time(doc: Mapping[str, Any]) -> datetime:
    """A story's ``published_at`` (naive newsroom time) as an aware Brussels time."""
    return datetime.fromisoformat(str(doc["published_at"])).replace(tzinfo=BRUSSELS)


def rss_feed(stories: Iterable[Mapping[str, Any]], title: str = "Test Newsroom") -> bytes:
    """RSS 2.0 as a Prezly theme would advertise it: one item per story."""
    items = "".join(
        "<item>"
        f"<title>{escape(doc['title'])}</title>"
        f"<link>{escape(doc['url'])}</link>"
        f'<guid isPermaLink="true">{escape(doc["url"])}</guid>'
        # The title goes into the description's HTML as it is: in the "html" variant
        # it is markup, which the reader must turn into text.
        f"<description>{escape('<p>About ' + doc['title'] + '</p>')}</description>"
        f"<pubDate>{format_datetime(local_time(doc))}</pubDate>"
        "</item>"
        for doc in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>/</link><description>News</description>"
        f"{items}</channel></rss>"
    ).encode()


def atom_feed(stories: Iterable[Mapping[str, Any]]) -> bytes:
    """The same stories as Atom, with links relative to the feed."""
    entries = "".join(
        "<entry>"
        f'<title type="text">{escape(doc["title"])}</title>'
        f'<link rel="alternate" href={quoteattr("/" + doc["slug"])}/>'
        f"<id>{escape(doc['url'])}</id>"
        f"<updated>{local_time(doc).isoformat()}</updated>"
        f'<summary type="html">{escape("<p>About it</p>")}</summary>'
        "</entry>"
        for doc in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Test Newsroom</title><id>urn:test</id>{entries}</feed>"
    ).encode()


def urlset(urls: Iterable[tuple[str, str]]) -> bytes:
    """A sitemap of ``(loc, lastmod)`` pairs; an empty lastmod is left out."""
    body = "".join(
        f"<url><loc>{escape(loc)}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</url>"
        for loc, lastmod in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    ).encode()


def sitemap_index(children: Iterable[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<sitemap><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for loc, lastmod in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}'
        "</sitemapindex>"
    ).encode()


def billion_laughs(root: str = "urlset") -> bytes:
    """The classic entity bomb: a few hundred bytes that expand to gigabytes."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'
        f"<{root}><url><loc>&lol9;</loc></url></{root}>"
    ).encode()


def story_urls(stories: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(str(doc["url"]), local_time(doc).isoformat()) for doc in stories]


# The server ------------------------------------------------------------------------


class FeedServer(NewsroomServer):
    """A test newsroom that serves ``/feed`` and ``/sitemap.xml`` as told.

    ``feed``: ``rss`` and ``atom`` list every story (RSS with ETag/Last-Modified and a
    304 to a matching conditional request); ``missing`` is a 404; ``empty`` a channel
    without items; ``malformed`` cut-off XML; ``page`` an HTML page; ``huge`` 50 MB
    streamed without a Content-Length; ``html`` items whose titles carry markup and
    terminal escape sequences; ``slow`` the RSS after ``slow_seconds``. ``sitemap``:
    ``urlset`` (every story plus pages that are not stories), ``index`` (two
    sub-sitemaps, one gone, one off-site), ``bomb``, ``missing``.
    """

    def __init__(
        self, *, feed: FeedVariant = "rss", sitemap: SitemapVariant = "urlset", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.feed: FeedVariant = feed
        self.sitemap: SitemapVariant = sitemap
        self._request_headers = threading.local()

    def __enter__(self) -> FeedServer:  # typed as the subclass, for the fixtures
        self.start()
        return self

    @property
    def feed_url(self) -> str:
        return f"{self.url}/feed"

    def documents(self) -> list[dict[str, Any]]:
        return list(self.stories.values())

    def handle(self, request: _Handler) -> None:
        # _route gets no request headers; the conditional feed needs them. Each
        # connection has its own thread, so a thread-local is exact.
        self._request_headers.value = request.headers
        super().handle(request)

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        if path == "/feed":
            return self._feed()
        if path == "/sitemap.xml":
            return self._sitemap()
        if path in CHILD_SITEMAPS:
            half = len(self.documents()) // 2
            docs = self.documents()[:half] if path == CHILD_SITEMAPS[0] else self.documents()[half:]
            return _send(urlset(story_urls(docs)), XML_TYPE)
        return super()._route(path, hits)

    def _feed(self) -> Callable[[_Responder], None]:
        docs = self.documents()
        variants: dict[str, Callable[[_Responder], None]] = {
            "rss": self._conditional(rss_feed(docs), RSS_TYPE),
            "atom": _send(atom_feed(docs), ATOM_TYPE),
            "missing": _send(b"<h1>Not found</h1>", HTML_TYPE, 404),
            "empty": _send(rss_feed([]), RSS_TYPE),
            "malformed": _send(
                b'<?xml version="1.0"?><rss version="2.0"><item><title>Cu', RSS_TYPE
            ),
            "page": _send(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", HTML_TYPE),
            "huge": lambda r: r.send_huge(sized=False),
            "html": _send(self._html_feed(), RSS_TYPE),
            "slow": lambda r: self._slowly(_send(rss_feed(docs), RSS_TYPE), r),
        }
        return variants[self.feed]

    def _slowly(self, send: Callable[[_Responder], None], responder: _Responder) -> None:
        self._pause(self.slow_seconds)
        send(responder)

    def _html_feed(self) -> bytes:
        first, second, *_ = self.documents()
        # The raw ESC is not even legal XML: feedparser falls back to its loose parser.
        return rss_feed([{**first, "title": HTML_TITLE}, {**second, "title": ESCAPE_TITLE}])

    def _sitemap(self) -> Callable[[_Responder], None]:
        docs = self.documents()
        not_stories = [
            (f"{self.url}/", ""),
            (f"{self.url}/category/defence", ""),
            (f"{self.url}/feed", ""),
            (f"{self.url}/media/logo.png", ""),
            ("https://elsewhere.example/another-story", ""),
        ]
        children = [
            (self.url + CHILD_SITEMAPS[0], "2026-05-13T18:00:00+02:00"),
            (self.url + CHILD_SITEMAPS[1], "2026-05-12T18:00:00+02:00"),
            (self.url + GONE_SITEMAP, "2026-01-01"),
            ("https://elsewhere.example/sitemap.xml", "2026-06-01"),
        ]
        variants: dict[str, Callable[[_Responder], None]] = {
            "urlset": _send(urlset([*not_stories, *story_urls(docs)]), XML_TYPE),
            "index": _send(sitemap_index(children), XML_TYPE),
            "bomb": _send(billion_laughs(), XML_TYPE),
            "missing": _send(b"<h1>Not found</h1>", HTML_TYPE, 404),
        }
        return variants[self.sitemap]

    def _conditional(self, body: bytes, content_type: str) -> Callable[[_Responder], None]:
        """``body`` with validators, or an empty 304 when the client's copy is current."""
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        headers = self._request_headers.value
        match = headers.get("If-None-Match")
        if match == etag or (match is None and headers.get("If-Modified-Since") == LAST_MODIFIED):
            return _send(b"", content_type, 304, validators)
        return _send(body, content_type, 200, validators)


def _send(
    body: bytes, content_type: str, status: int = 200, headers: dict[str, str] | None = None
) -> Callable[[_Responder], None]:
    return lambda r: r.send(status, body, content_type, headers)
