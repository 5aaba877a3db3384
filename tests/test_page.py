"""parse_story_page and json_alternate: the web-page fallback, without a network."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from tests.newsroom_content import newsroom_stories, story_page
from tui.core.model.dates import NEWSROOM_ZONE
from tui.core.model.story import StoryError
from tui.core.net.page import json_alternate, parse_story_page

BASE = "https://news.example"
URL = f"{BASE}/small-one"


def page(head: str = "", body: str = "") -> str:
    return f'<!DOCTYPE html><html lang="nl"><head>{head}</head><body>{body}</body></html>'


def test_a_prezly_page_gives_every_field() -> None:
    doc = newsroom_stories(BASE, copies=0)["small-one"]
    story = parse_story_page(story_page(doc), URL + "?utm_source=x")
    assert story.title == "Small story 1"
    assert story.url == URL
    assert story.source == URL + "?utm_source=x"
    assert story.slug == "small-one"
    assert story.published_at == datetime(2026, 5, 12, 9, 30)
    assert story.modified_at == datetime(2026, 5, 12, 10, 0)
    assert story.author == "Test Desk"
    assert story.language == "en"
    assert story.extra == {"description": "About Small story 1"}
    assert story.body_html.startswith("<p><strong>Small story 1.</strong></p>")
    assert "Test Newsroom" not in story.body_html  # the page's header is not the story
    assert [(link.url, link.title) for link in story.links] == [
        (f"{BASE}/small-two", "Story small-two"),
        (f"{BASE}/small-three", "Story small-three"),
    ]


def test_the_header_image_comes_from_og_image_made_absolute() -> None:
    html = page('<meta property="og:title" content="T"><meta property="og:image" content="/i.jpg">')
    assert parse_story_page(html, URL).header_image == f"{BASE}/i.jpg"


def test_the_title_falls_back_to_the_title_element() -> None:
    html = page("<title> Plain \x1b[2J title </title>", "<main><p>Text</p></main>")
    story = parse_story_page(html, URL)
    assert story.title == "Plain title"
    assert story.body_html == "<p>Text</p>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="/canon"><meta property="og:url" content="/og">', "canon"),
        (f'<meta property="og:url" content="{BASE}/og/">', "og"),
        ('<link rel="canonical" href="javascript:alert(1)">', "small-one"),
        ("", "small-one"),
    ],
)
def test_the_canonical_url_prefers_the_canonical_link(head: str, expected: str) -> None:
    story = parse_story_page(page("<title>T</title>" + head), URL)
    assert story.url == f"{BASE}/{expected}"


@pytest.mark.parametrize(
    ("head", "author"),
    [
        ('<meta property="article:author" content="Belga">', "Belga"),
        # A profile URL is what Open Graph allows there: no name, so JSON-LD decides.
        (
            '<meta property="article:author" content="https://example.org/me">'
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "author": [{"name": "Ann"}, {"name": "Bo"}]}</script>',
            "Ann, Bo",
        ),
        (
            '<script type="application/ld+json">{"broken": </script>'
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
            ' {"@type": ["NewsArticle"], "author": "Flanders News Service"}]}</script>',
            "Flanders News Service",
        ),
        ('<script type="application/ld+json">[1, null, "x"]</script>', ""),
    ],
)
def test_the_author_comes_from_meta_or_json_ld(head: str, author: str) -> None:
    assert parse_story_page(page("<title>T</title>" + head), URL).author == author


def test_the_slate_document_wins_over_article_and_main() -> None:
    body = (
        "<main><article><nav>Menu</nav>"
        '<div class="prezly-slate-document"><p class="prezly-slate-paragraph">Story</p></div>'
        "</article></main>"
    )
    story = parse_story_page(page("", body), URL)
    assert story.body_html == '<p class="prezly-slate-paragraph">Story</p>'
    assert story.title == "(untitled story)"


@pytest.mark.parametrize("html", ["", "<html><body><main> </main></body></html>", "\x00\xff"])
def test_a_page_without_title_or_body_is_not_a_story(html: str) -> None:
    with pytest.raises(StoryError, match=r"^not a story"):
        parse_story_page(html, URL)


def test_json_alternate_is_found_and_made_absolute() -> None:
    head = '<link rel="alternate" type="application/rss+xml" href="/feed">'
    head += '<link rel="alternate" type="application/json" href="/small-one.json">'
    assert json_alternate(page(head), URL) == f"{BASE}/small-one.json"
    assert json_alternate(page('<link rel="alternate" href="/feed">'), URL) is None
    assert json_alternate("not html at all") is None


def _has_zone_database() -> bool:
    try:
        ZoneInfo(NEWSROOM_ZONE)
    except ZoneInfoNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _has_zone_database(), reason="no time-zone database")
def test_page_times_are_naive_newsroom_times_like_the_json_twin() -> None:
    head = (
        '<title>T</title><meta property="article:published_time" content="2026-05-13T15:23:00Z">'
        '<meta property="article:modified_time" content="2026-01-13T17:23:44+01:00">'
    )
    story = parse_story_page(page(head), URL)
    assert story.published_at == datetime(2026, 5, 13, 17, 23)  # CEST
    assert story.modified_at == datetime(2026, 1, 13, 17, 23, 44)  # CET
