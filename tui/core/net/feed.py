"""The newsroom's list of stories, from its feed (RSS 2.0 or Atom) or its sitemap.

Both are untrusted documents: every title and summary becomes plain, cleaned text, every
link is made absolute and kept only when it stays on the newsroom's site, and XML
entity declarations (the "billion laughs" bomb, external entities) are refused before
anything is expanded. Times are naive newsroom local times, like the story documents'.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree
import feedparser
from selectolax.lexbor import LexborHTMLParser

from tui.core.model.dates import local_time
from tui.core.model.listing import newest_first, slug_title
from tui.core.model.story import parse_datetime
from tui.core.model.text import clean_line, shorten
from tui.core.model.urls import (
    canonical,
    host_of,
    is_story_url,
    is_web_url,
    path_of,
    resolve,
    same_site,
)
from tui.core.net.decoding import EntitiesRefused, xml_utf8
from tui.core.render.source import flatten_deep

__all__ = [
    "FeedEntry",
    "FeedError",
    "Sitemap",
    "html_to_line",
    "newest_first",
    "parse_feed",
    "parse_sitemap",
    "prepared",
    "slug_title",
]

SUMMARY_CHARS: Final = 200
# Elements after which words must not run together once the tags are gone.
_BLOCK_NAMES: Final = (
    "p br div li ul ol dd dt pre hr h1 h2 h3 h4 h5 h6 table tr td th blockquote "
    "figure figcaption section article"
)
_BLOCKS: Final = frozenset(_BLOCK_NAMES.split())


class FeedError(ValueError):
    """A document that gives no list of stories; ``str()`` is the human reason."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    """The canonical story URL."""
    title: str
    published_at: datetime | None = None
    """Naive newsroom local time, as in the story documents."""
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A sitemap's stories, or, for a sitemap index, the sub-sitemaps to read."""

    entries: list[FeedEntry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    """Sub-sitemap URLs on the newsroom's site, newest first."""


# Text ------------------------------------------------------------------------------


def html_to_line(html: str) -> str:
    """The text of an HTML fragment as one line: no tags, no scripts, no escapes."""
    tree = LexborHTMLParser(flatten_deep(html))  # deep nesting: quadratic in the parser
    tree.strip_tags(["script", "style", "template", "noscript"])
    if tree.body is None:
        return ""
    parts: list[str] = []
    for node in tree.body.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCKS:
            parts.append(" ")
    return clean_line("".join(parts))


# Times -----------------------------------------------------------------------------


# Links -----------------------------------------------------------------------------


def _on_site(url: str, base_url: str) -> bool:
    return is_web_url(url) and same_site(host_of(url), host_of(base_url))


def _story_link(link: object, base_url: str) -> str:
    """``link`` made absolute and canonical, or ``""`` when it leaves the newsroom's site."""
    if not isinstance(link, str) or not link.strip():
        return ""
    url = canonical(resolve(base_url, clean_line(link)))
    if not _on_site(url, base_url) or path_of(url) in ("", "/"):
        return ""
    return url


# The feed --------------------------------------------------------------------------


def prepared(data: bytes, what: str, charset: str | None = None) -> tuple[bytes, str]:
    """The document as UTF-8 for the parsers, and a note on its charset (or ``""``).

    Decoded once, with a safe charset (:mod:`tui.core.net.decoding`), and refused when
    the text declares XML entities, whatever comes before them: no real feed or sitemap
    does, and feedparser's lenient parser would expand them.
    """
    try:
        return xml_utf8(data, charset, f"the {what}")
    except EntitiesRefused as error:
        raise FeedError(str(error)) from None


def _parse_error(error: object) -> str:
    text = clean_line(str(error)) if error is not None else ""
    return text.removeprefix("<unknown>:") or "unreadable XML"


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """The stories of an RSS 2.0 or Atom feed served at ``base_url``, newest first.

    A malformed feed gives what could be read of it; :class:`FeedError` when nothing
    could, or when the document is no feed at all. A feed without items gives ``[]``.
    """
    if not data.strip():
        raise FeedError("the feed is empty")
    data, _ = prepared(data, "feed")
    # A file object, never bytes or str: feedparser would open bytes as a file name and
    # fetch a str that looks like a URL itself.
    result = feedparser.parse(
        io.BytesIO(data),
        # As XML, whatever the server's Content-Type: the encoding then comes from the
        # document's own declaration (else UTF-8), and relative links resolve on base_url.
        response_headers={"content-type": "application/xml", "content-location": base_url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    # Only Atom declares whether text is HTML; for RSS feedparser guesses, and it calls
    # text with a <script> in it plain text. There, a summary is read as HTML, and a
    # title as HTML when it holds an end tag or an entity (_looks_like_html): RSS titles
    # are text, and one about "1 < 2 and <script> tags" lost every word from "<script>".
    declared = str(result.get("version") or "").startswith("atom")
    seen: set[str] = set()
    entries: list[FeedEntry] = []
    for item in result.get("entries") or []:
        entry = _feed_entry(item, base_url, declared)
        if entry is not None and entry.url not in seen:  # the first of duplicates wins
            seen.add(entry.url)
            entries.append(entry)
    if not entries and result.get("bozo"):
        raise FeedError(f"not a feed: {_parse_error(result.get('bozo_exception'))}")
    if not entries and not result.get("version"):
        raise FeedError("not a feed: no RSS or Atom channel in the document")
    return newest_first(entries)


def _feed_entry(item: Mapping[str, Any], base_url: str, declared: bool) -> FeedEntry | None:
    url = _story_link(_item_link(item), base_url)
    if not url:
        return None
    title = _item_text(item, "title", declared) or slug_title(url)
    summary = _item_text(item, "summary", declared)
    if not summary:
        summary = _content_text(item.get("content"), declared)
    if summary == title:  # some feeds repeat the title as the description
        summary = ""
    return FeedEntry(url, title, _item_time(item), shorten(summary, SUMMARY_CHARS))


def _item_link(item: Mapping[str, Any]) -> object:
    link = item.get("link")
    if isinstance(link, str) and link.strip():
        return link
    for candidate in item.get("links") or []:
        if isinstance(candidate, Mapping) and candidate.get("rel", "alternate") == "alternate":
            return candidate.get("href")
    return None


def _as_text(value: object, kind: object, declared: bool) -> str:
    """Feed text as one plain line: HTML unless ``declared`` plain text."""
    if not isinstance(value, str):
        return ""
    return clean_line(value) if declared and kind == "text/plain" else html_to_line(value)


def _item_text(item: Mapping[str, Any], key: str, declared: bool) -> str:
    detail = item.get(f"{key}_detail")
    kind = detail.get("type") if isinstance(detail, Mapping) else None
    value = item.get(key)
    if key == "title" and not declared and isinstance(value, str):
        kind = "text/html" if _HTML_SIGNS.search(value) else "text/plain"
        declared = True
    return _as_text(value, kind, declared)


_HTML_SIGNS: Final = re.compile(r"</[A-Za-z][\w-]*\s*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+\d*);")
"""An end tag or an entity left after XML's own decoding: an RSS title written as HTML."""


def _content_text(content: object, declared: bool) -> str:
    """The first of an item's full-content blocks (``content:encoded``, Atom content)."""
    if not isinstance(content, list) or not content or not isinstance(content[0], Mapping):
        return ""
    return _as_text(content[0].get("value"), content[0].get("type"), declared)


def _item_time(item: Mapping[str, Any]) -> datetime | None:
    # feedparser gives every date as a struct_time in UTC, whatever zone the feed used.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value is None:
            continue
        try:
            return local_time(datetime.fromtimestamp(calendar.timegm(value), UTC))
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None


# The sitemap -----------------------------------------------------------------------


def parse_sitemap(data: bytes, base_url: str) -> Sitemap:
    """The stories of ``/sitemap.xml`` (a ``urlset``), or its sub-sitemaps (an index).

    Only URLs shaped like stories of the newsroom at ``base_url`` are kept, titled from
    their slug (or their Google News title). Raises :class:`FeedError` for anything that
    is not a sitemap, and refuses any DTD or entity declaration outright.
    """
    if not data.strip():
        raise FeedError("the sitemap is empty")
    data, _ = prepared(data, "sitemap")
    try:
        root = defusedxml.ElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException:
        raise FeedError("refused: the sitemap declares a DTD or XML entities") from None
    except defusedxml.ElementTree.ParseError as error:
        raise FeedError(f"not a sitemap: {_parse_error(error)}") from None
    kind = _local(root.tag)
    if kind == "urlset":
        return Sitemap(entries=_sitemap_entries(root, base_url))
    if kind == "sitemapindex":
        return Sitemap(children=_sitemap_children(root, base_url))
    raise FeedError(f"not a sitemap: the document is <{clean_line(kind)[:40]}>")


def _local(tag: object) -> str:
    """``{namespace}name`` → ``name``: sitemaps come with and without the namespace."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child_text(node: Element, name: str) -> str:
    for child in node:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _sitemap_time(text: str) -> datetime | None:
    """A W3C datetime (``2026-05-13T17:23:00+02:00``, or just a date)."""
    return parse_datetime(text)


def _sitemap_entries(root: Element, base_url: str) -> list[FeedEntry]:
    host = host_of(base_url)
    seen: set[str] = set()
    entries: list[FeedEntry] = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        url = canonical(resolve(base_url, clean_line(_child_text(node, "loc"))))
        # is_story_url accepts short links on any host; a sitemap lists the site's own.
        if url in seen or not _on_site(url, base_url) or not is_story_url(url, {host}):
            continue
        seen.add(url)
        title, published = _news_extension(node)
        entries.append(
            FeedEntry(
                url,
                title or slug_title(url),
                _sitemap_time(_child_text(node, "lastmod")) or published,
            )
        )
    return newest_first(entries)


def _news_extension(node: Element) -> tuple[str, datetime | None]:
    """The title and date of a Google News sitemap entry (``<news:news>``), if any."""
    for child in node:
        if _local(child.tag) == "news":
            title = clean_line(_child_text(child, "title"))
            return title, _sitemap_time(_child_text(child, "publication_date"))
    return "", None


def _sitemap_children(root: Element, base_url: str) -> list[str]:
    children: dict[str, datetime | None] = {}
    for node in root:
        if _local(node.tag) != "sitemap":
            continue
        # Not canonical(): a sub-sitemap may well be paged by its query string.
        url = resolve(base_url, clean_line(_child_text(node, "loc"))).partition("#")[0]
        if _on_site(url, base_url) and url not in children:
            children[url] = _sitemap_time(_child_text(node, "lastmod"))
    dated = sorted(
        (u for u, t in children.items() if t is not None),
        key=lambda u: children[u] or datetime.min,
        reverse=True,
    )
    return dated + [u for u, t in children.items() if t is None]
