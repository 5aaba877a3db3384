"""A story read from its HTML web page, for when the ``.json`` twin is missing.

Only the parts of a Prezly page that the themes keep stable are used (see
``prezly.md``): the Open Graph and ``article:*`` meta tags, the canonical link, an
optional JSON-LD ``NewsArticle`` and the ``prezly-slate-*`` body. Class names other
than ``prezly-slate-*`` are hashed per deployment, so nothing else is relied on.
"""

from __future__ import annotations

import json
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.core.model.story import RelatedLink, Story, StoryError, parse_datetime
from tui.core.model.text import clean_line, clean_text, normalise
from tui.core.model.urls import canonical, is_web_url, path_of, resolve
from tui.core.render.source import flatten_deep

# Most specific first: a theme's story body, then the generic containers.
_BODY_SELECTORS: Final = (
    "section.prezly-slate-document",
    ".prezly-slate-document",
    "article",
    "main",
)
_ARTICLE_TYPES: Final = frozenset({"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle"})


def _meta(tree: LexborHTMLParser, *names: str) -> str:
    """The first non-empty ``content`` of ``<meta property=…>`` or ``<meta name=…>``."""
    for name in names:
        for attribute in ("property", "name"):
            node = tree.css_first(f'meta[{attribute}="{name}"]')
            content = node.attributes.get("content") if node is not None else None
            if content and content.strip():
                return content
    return ""


def _absolute(href: str | None, base: str) -> str:
    """``href`` made absolute against ``base`` if it is an http(s) URL, else ``""``."""
    if not href or not href.strip():
        return ""
    return resolve(base, clean_line(href))


def _link_href(tree: LexborHTMLParser, selector: str, base: str) -> str:
    node = tree.css_first(selector)
    return _absolute(node.attributes.get("href") if node is not None else None, base)


def json_alternate(html: str, base: str = "") -> str | None:
    """The ``<link rel="alternate" type="application/json">`` a Prezly page advertises."""
    tree = LexborHTMLParser(flatten_deep(html))
    url = _link_href(tree, 'link[rel="alternate"][type="application/json"]', base)
    return url or None


def _json_ld_articles(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every article object in the page's JSON-LD; broken blocks are skipped."""
    found: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True))
        except (ValueError, RecursionError):
            continue  # a broken block must not cost us the rest of the page
        pending: list[Any] = [data]
        while pending:
            item = pending.pop()
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    pending.append(item["@graph"])
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(kind in _ARTICLE_TYPES for kind in kinds if isinstance(kind, str)):
                    found.append(item)
    return found


def _json_ld_author(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(name for name in map(_json_ld_author, value) if name)
    if isinstance(value, dict):
        value = value.get("name")
    return clean_line(value) if isinstance(value, str) else ""


def _author(tree: LexborHTMLParser, articles: list[dict[str, Any]]) -> str:
    author = clean_line(_meta(tree, "article:author", "author"))
    # The Open Graph spec lets article:author be a profile URL, which is no name.
    if author and not is_web_url(author):
        return author
    for article in articles:
        name = _json_ld_author(article.get("author"))
        if name:
            return name
    return ""


def _body(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in _BODY_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and node.text(deep=True).strip():
            return node
    return None


def _bookmarks(body: LexborNode | None, base: str) -> tuple[RelatedLink, ...]:
    """The story cards in the body, as the JSON twin's ``links`` would list them."""
    if body is None:
        return ()
    links: list[RelatedLink] = []
    for card in body.css("div.prezly-slate-story-bookmark"):
        anchor = card.css_first("a[href]")
        url = _absolute(anchor.attributes.get("href") if anchor is not None else None, base)
        if not url or any(link.url == url for link in links):
            continue
        heading = card.css_first("h1, h2, h3, h4, h5, h6, strong")
        title = (heading if heading is not None else card).text(deep=True, separator=" ")
        links.append(RelatedLink(url, clean_line(title)))
    return tuple(links)


def _title(tree: LexborHTMLParser) -> str:
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        node = tree.css_first("title")
        title = node.text(deep=True) if node is not None else ""
    return clean_line(normalise(title))


def _image(tree: LexborHTMLParser, base: str) -> str:
    return _absolute(_meta(tree, "og:image", "og:image:url", "twitter:image"), base)


def parse_story_page(html: str, url: str) -> Story:
    """Build a :class:`Story` from a story's web page fetched from ``url``.

    Raises :class:`StoryError` when the page has neither a title nor a body.
    """
    tree = LexborHTMLParser(flatten_deep(html))  # deep nesting: quadratic in the parser
    title = _title(tree)
    body = _body(tree)
    if not title and body is None:
        raise StoryError("not a story: the page has neither a title nor a story body")
    story_url = canonical(
        _link_href(tree, 'link[rel="canonical"]', url)
        or _absolute(_meta(tree, "og:url"), url)
        or _absolute(url, url)
    )
    html_node = tree.css_first("html")
    language = html_node.attributes.get("lang") if html_node is not None else None
    description = clean_line(_meta(tree, "og:description", "description"))
    return Story(
        title=title or "(untitled story)",
        body_html=(body.inner_html or "") if body is not None else "",
        url=story_url,
        slug=clean_line(path_of(story_url).rstrip("/").rpartition("/")[2]),
        published_at=parse_datetime(_meta(tree, "article:published_time")),
        modified_at=parse_datetime(_meta(tree, "article:modified_time", "og:updated_time")),
        author=_author(tree, _json_ld_articles(tree)),
        language=clean_line(language or ""),
        header_image=_image(tree, url),
        links=_bookmarks(body, url),
        source=clean_text(url),
        extra={"description": description} if description else {},
    )
