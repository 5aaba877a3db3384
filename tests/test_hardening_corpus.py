"""A corpus of pathological inputs, each parsed within a generous time limit.

The cases are built, not stored: deep nesting, huge counts, long unbroken runs, entity
floods, every parser of outside data. Each must give a result or its own error, in
time: the limit (pytest-timeout, per case) is far above what a linear parse needs, so
only a quadratic or exponential path, or a hang, trips it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import pytest

from tests.feed_server import rss_feed, urlset
from tui.core.model.story import Story, StoryError, parse_story_bytes
from tui.core.net.decoding import decode
from tui.core.net.feed import FeedError, parse_feed, parse_sitemap
from tui.core.net.page import json_alternate, parse_story_page
from tui.core.render.render import render_story

BASE = "https://newsroom.example"
LIMIT = 60  # seconds per case: the slowest (a feed of 10,000 items) takes ~2 s here, 9 s at load 9


def story_json(body: str) -> bytes:
    return json.dumps({"title": "T", "body": body, "url": f"{BASE}/t"}).encode()


def body_case(body: str) -> Callable[[], object]:
    return lambda: render_story(Story(title="T", body_html=body, url=f"{BASE}/t"))


def item(index: int) -> dict[str, str]:
    return {
        "title": f"Story {index}",
        "url": f"{BASE}/story-{index}",
        "slug": f"story-{index}",
        "published_at": "2026-05-13 10:00:00",
    }


CASES: dict[str, Callable[[], object]] = {
    # Story JSON
    "json nested 100,000 deep": lambda: parse_story_bytes(b"[" * 100_000 + b"]" * 100_000),
    "json object nested 100,000 deep": lambda: parse_story_bytes(
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    ),
    "json 2 MB title": lambda: parse_story_bytes(json.dumps({"title": "x" * 2_000_000}).encode()),
    "json 100,000 links": lambda: parse_story_bytes(
        json.dumps(
            {"title": "T", "links": [{"url": f"{BASE}/s{n}"} for n in range(100_000)]}
        ).encode()
    ),
    # Body HTML, parsed into the document model
    "body 50,000 nested divs": body_case("<div>" * 50_000 + "x" + "</div>" * 50_000),
    "body 50,000 nested lists": body_case("<ul><li>" * 50_000 + "x"),
    "body 100,000 unclosed bold": body_case("<b>x " * 100_000),
    "body 1 MB unbroken word": body_case("<p>" + "x" * 1_000_000 + "</p>"),
    "body 20,000 links": body_case(
        "".join(f'<p><a href="{BASE}/s{n}">s{n}</a></p>' for n in range(20_000))
    ),
    "body 300,000 entities": body_case("<p>" + "&amp;&#x1b;&lt;" * 100_000 + "</p>"),
    "body table 300 × 300": body_case(
        "<table>" + ("<tr>" + "<td>c</td>" * 300 + "</tr>") * 300 + "</table>"
    ),
    "body huge colspan": body_case(
        '<table><tr><td colspan="65534" rowspan="65534">x</td></tr></table>'
    ),
    # Feeds and sitemaps
    "feed 10,000 items": lambda: parse_feed(rss_feed(map(item, range(10_000))), f"{BASE}/feed"),
    "feed 50,000 nested elements": lambda: parse_feed(
        b'<rss version="2.0"><channel>' + b"<x>" * 50_000 + b"</channel></rss>", f"{BASE}/feed"
    ),
    "feed title 100,000 nested divs": lambda: parse_feed(
        rss_feed([{**item(1), "title": "<div>" * 100_000}]), f"{BASE}/feed"
    ),
    "feed 1 MB title": lambda: parse_feed(
        rss_feed([{**item(1), "title": "x" * 1_000_000}]), f"{BASE}/feed"
    ),
    "sitemap 50,000 urls": lambda: parse_sitemap(
        urlset((f"{BASE}/story-{n}", "2026-05-13") for n in range(50_000)), BASE
    ),
    "sitemap 50,000 nested elements": lambda: parse_sitemap(
        b"<urlset>" + b"<url>" * 50_000 + b"</url>" * 50_000 + b"</urlset>", BASE
    ),
    # Story pages
    "page 100,000 nested divs": lambda: parse_story_page(
        "<html><body>" + "<div>" * 100_000 + "<h1>T</h1></body></html>", f"{BASE}/t"
    ),
    "page 100,000 nested divs for its JSON twin": lambda: json_alternate(
        "<html><body>" + "<div>" * 100_000 + "</body></html>", f"{BASE}/t"
    ),
    "page json-ld nested 100,000 deep": lambda: parse_story_page(
        "<html><head><title>T</title><script type='application/ld+json'>"
        + "[" * 100_000
        + "</script></head><body><h1>T</h1></body></html>",
        f"{BASE}/t",
    ),
    # Charsets
    "punycode 400 KB": lambda: decode("é".encode() * 200_000, "punycode"),
    "utf-16 odd length": lambda: decode(b"\x00" * 1_000_001, "utf-16"),
}


@pytest.mark.timeout(LIMIT)
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_pathological_input(case: Callable[[], object]) -> None:
    with contextlib.suppress(StoryError, FeedError):  # its own error, in words: fine
        case()
