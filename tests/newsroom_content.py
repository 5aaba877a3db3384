"""The stories a test newsroom serves: JSON documents and their web pages.

Pure functions of a base URL, so that the documents' ``url`` fields point back at the
server that serves them. The fixture story is the real document as Prezly served it;
the small ones link to each other like real related stories do.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Final

FIXTURE: Final = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"
FIXTURE_SLUG: Final = "defence-turkey"
PAGE_ONLY_SLUG: Final = "page-only"
SMALL_SLUGS: Final = ("small-one", "small-two", "small-three")


@cache
def _fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def fixture_story(base: str, slug: str = FIXTURE_SLUG, title: str = "") -> dict[str, Any]:
    """The real fixture document, moved to ``base``/``slug``."""
    doc = copy.deepcopy(_fixture())
    doc.update(url=f"{base}/{slug}", slug=slug, short_url=f"{base}/r/ABC")
    if title:
        doc["title"] = title
    return doc


def small_story(base: str, slug: str, title: str, links_to: tuple[str, ...]) -> dict[str, Any]:
    """A short story whose body and ``links`` point at other stories of the newsroom."""
    cards = "".join(
        f'<p><a href="{base}/{target}">Read also: {escape(target)}</a></p>' for target in links_to
    )
    return {
        "title": title,
        "url": f"{base}/{slug}",
        "slug": slug,
        "published_at": "2026-05-12 09:30:00",
        "modified_at": "2026-05-12 10:00:00",
        "language": "EN",
        "culture": "en_BE",
        "author": {"first_name": "Test", "last_name": "Desk"},
        "body": f"<p><strong>{escape(title)}.</strong></p><p>Short body of {slug}.</p>{cards}",
        "links": [{"description": f"Story {t}", "url": f"{base}/{t}"} for t in links_to],
        "format_version": 5,
    }


def newsroom_stories(base: str, copies: int = 10) -> dict[str, dict[str, Any]]:
    """Every story of the test newsroom by slug (the page-only one included)."""
    stories = {FIXTURE_SLUG: fixture_story(base)}
    for number in range(1, copies + 1):
        slug = f"defence-copy-{number}"
        title = f"{_fixture()['title']} (copy {number})"
        stories[slug] = fixture_story(base, slug, title)
    for index, slug in enumerate(SMALL_SLUGS):
        others = tuple(s for s in SMALL_SLUGS if s != slug)
        stories[slug] = small_story(base, slug, f"Small story {index + 1}", others)
    stories[PAGE_ONLY_SLUG] = small_story(base, PAGE_ONLY_SLUG, "Only a web page", SMALL_SLUGS)
    return stories


def _meta(prop: str, value: object) -> str:
    return f'<meta property="{prop}" content="{escape(str(value))}">' if value else ""


def _author(doc: dict[str, Any]) -> str:
    author = doc.get("author")
    if isinstance(author, dict):
        return f"{author.get('first_name', '')} {author.get('last_name', '')}".strip()
    return ""


def _slate_body(doc: dict[str, Any]) -> str:
    """The body as a Prezly theme renders it: the story HTML plus bookmark cards."""
    cards = "".join(
        f'<div class="prezly-slate-story-bookmark"><a href="{escape(link["url"])}">'
        f"<h3>{escape(link['description'])}</h3></a></div>"
        for link in doc.get("links", [])
    )
    return f'<section class="prezly-slate-document">{doc.get("body", "")}{cards}</section>'


def story_page(doc: dict[str, Any]) -> str:
    """The story's web page: meta tags, JSON alternate, JSON-LD and a slate body."""
    url = doc["url"]
    header = doc.get("header") or {}
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": doc["title"],
        "author": {"@type": "Person", "name": _author(doc)},
    }
    head = "".join(
        [
            '<meta charset="utf-8">',
            f"<title>{escape(doc['title'])} | Test Newsroom</title>",
            _meta("og:title", doc["title"]),
            _meta("og:description", f"About {doc['title']}"),
            _meta("og:url", url),
            _meta("og:image", header.get("large") if isinstance(header, dict) else ""),
            _meta("article:published_time", doc.get("published_at")),
            _meta("article:modified_time", doc.get("modified_at")),
            _meta("article:author", _author(doc)),
            f'<link rel="canonical" href="{escape(url)}">',
            f'<link rel="alternate" type="application/json" href="{escape(url)}.json">',
            f'<script type="application/ld+json">{json.dumps(json_ld)}</script>',
        ]
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>'
        '<header class="Header_nav__x1f">Test Newsroom</header>'
        f"<main><article><h1>{escape(doc['title'])}</h1>{_slate_body(doc)}</article></main>"
        "</body></html>"
    )
