"""Fuzzing every parser of outside data with hypothesis, on a bounded budget.

Story JSON, body HTML (the parse into the document model; its rendering is tested
elsewhere), feeds, sitemaps, story pages and charset decoding: whatever comes in, each
either gives its result or raises its own documented error, never anything else, and
what it gives is inert text (no control characters, no escape sequences).
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.feed_server import rss_feed, sitemap_index, urlset
from tui.core.model.story import KNOWN_KEYS, Story, StoryError, parse_story_bytes
from tui.core.net.decoding import EntitiesRefused, decode, xml_utf8
from tui.core.net.feed import FeedError, parse_feed, parse_sitemap
from tui.core.net.page import parse_story_page
from tui.core.render.render import render_story

BASE = "https://newsroom.example"
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what attacks are made of: markup, escapes, bidi, NULs, entities.
NASTY = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "&#x1b;",
        "&lol;",
        "\x1b[31m",
        "\x1b]8;;http://x\x07",
        "\x9b2J",
        "\u202e",
        "\x00",
        "\r",
        "[/]",
        "[b]",
        "]]>",
        "<![CDATA[",
        "<!ENTITY",
        "<!DOCTYPE",
        "http://[oops/",
        "javascript:alert(1)",
        "data:,x",
        "é",
        "\ufeff",
        "\ud7ff",
        "👍🏽",
    ]
)
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=12)), max_size=12).map("".join)
TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "br",
        "hr",
        "pre",
        "code",
        "script",
        "style",
        "iframe",
        "svg",
        "math",
        "template",
        "section",
    ]
)


@st.composite
def html(draw: st.DrawFn, depth: int = 3) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        if depth and draw(st.booleans()):
            tag = draw(TAGS)
            attrs = draw(
                st.sampled_from(
                    ["", f' href="{draw(TEXT)}"', f' src="{draw(TEXT)}"', ' colspan="999999"']
                )
            )
            inner = draw(html(depth - 1))
            closing = draw(st.sampled_from([f"</{tag}>", "", "</p>"]))
            parts.append(f"<{tag}{attrs}>{inner}{closing}")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


# Lone surrogates are valid JSON (escaped) and text that cannot be encoded.
JSON_TEXT = st.lists(
    st.one_of(NASTY, st.sampled_from(["\ud800", "\udfff"]), st.text(max_size=12)), max_size=12
).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=12,
)
STORY_KEYS = st.sampled_from(sorted(KNOWN_KEYS))


def clean(text: str) -> bool:
    return not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)


def check_story(story: Story) -> None:
    for value in (story.title, story.url, story.author, story.slug):
        assert clean(value), repr(value)


@FUZZ
@given(st.dictionaries(STORY_KEYS, JSON_VALUES | html(), max_size=8))
def test_story_json(document: dict[str, Any]) -> None:
    raw = json.dumps(document).encode()
    try:
        story = parse_story_bytes(raw, "fuzz.json")
    except StoryError:
        return
    check_story(story)
    # All of it can be encoded: the store keeps it, the terminal is sent it.
    json.dumps([story.body_html, story.extra], ensure_ascii=False).encode()


@FUZZ
@given(st.integers(4000, 6000), st.sampled_from(["published_at", "title", "x"]))
def test_story_json_with_long_numbers(digits: int, key: str) -> None:
    """Python's json refuses integers of over 4,300 digits with a plain ValueError."""
    raw = b'{"title": "t", "%s": %s}' % (key.encode(), b"7" * digits)
    try:
        parse_story_bytes(raw, "fuzz.json")
    except StoryError as error:
        assert digits > 4300 and "4,300 digits" in str(error)


@FUZZ
@given(st.binary(max_size=300))
def test_story_bytes(raw: bytes) -> None:
    with contextlib.suppress(StoryError):
        check_story(parse_story_bytes(raw, "fuzz.json"))


@FUZZ
@given(html(), TEXT)
def test_body_html_parses_into_the_document_model(body: str, title: str) -> None:
    story = Story(title=title or "t", body_html=body, url=f"{BASE}/a-story")
    document = render_story(story)
    for link in document.links:
        assert clean(link.url) and clean(link.title)


def _entry(title: str, link: str) -> dict[str, Any]:
    return {"title": title, "url": link, "slug": "x", "published_at": "2026-05-13 10:00:00"}


@FUZZ
@given(st.lists(st.tuples(TEXT, TEXT | st.just(f"{BASE}/a-story")), max_size=5))
def test_feeds(items: list[tuple[str, str]]) -> None:
    data = rss_feed([_entry(title, link) for title, link in items])
    try:
        entries = parse_feed(data, f"{BASE}/feed")
    except FeedError:
        return
    for entry in entries:
        assert clean(entry.title) and clean(entry.summary) and clean(entry.url)


@FUZZ
@given(st.binary(max_size=400) | TEXT.map(str.encode) | html().map(str.encode))
def test_feed_bytes(data: bytes) -> None:
    for prefix in (b"", b'<?xml version="1.0"?><rss version="2.0"><channel><item>'):
        with contextlib.suppress(FeedError):
            parse_feed(prefix + data, f"{BASE}/feed")


@FUZZ
@given(st.lists(st.tuples(TEXT, TEXT), max_size=5), st.booleans())
def test_sitemaps(pairs: list[tuple[str, str]], index: bool) -> None:
    data = sitemap_index(pairs) if index else urlset(pairs)
    try:
        sitemap = parse_sitemap(data, BASE)
    except FeedError:
        return
    assert all(clean(entry.title) for entry in sitemap.entries)


@FUZZ
@given(st.binary(max_size=400))
def test_sitemap_bytes(data: bytes) -> None:
    with contextlib.suppress(FeedError):
        parse_sitemap(data, BASE)


@FUZZ
@given(html(), TEXT, TEXT)
def test_story_pages(body: str, title: str, meta: str) -> None:
    page = (
        f"<html><head><title>{title}</title><meta property='og:title' content='{meta}'>"
        f"<script type='application/ld+json'>{meta}</script></head>"
        f"<body><article>{body}</article></body></html>"
    )
    try:
        story = parse_story_page(page, f"{BASE}/a-story")
    except StoryError:
        return
    check_story(story)


@FUZZ
@given(st.binary(max_size=200), st.text(max_size=20) | st.sampled_from(["utf-7", "punycode"]))
def test_charset_decoding(body: bytes, charset: str) -> None:
    decode(body, charset)
    with contextlib.suppress(EntitiesRefused):
        xml_utf8(body, charset)
