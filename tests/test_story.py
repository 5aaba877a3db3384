"""The story parser: real documents, odd documents, documents that are not stories."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tui.core.model.story import StoryError, parse_story, parse_story_bytes, reading_minutes

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"


def test_real_story_document() -> None:
    story = parse_story_bytes(FIXTURE.read_bytes(), str(FIXTURE))
    assert story.title == (
        "Belgian defence industry looks to expand ties with Turkey during trade mission"
    )
    assert story.url.startswith("https://www.belganewsagency.eu/belgian-defence-industry")
    assert story.short_url == "http://prez.ly/ZGGd"
    assert story.published_at == datetime(2026, 5, 13, 17, 23)
    assert story.modified_at == datetime(2026, 5, 13, 17, 23, 44)
    assert story.author == "Flanders News Service"
    assert story.language == "EN"
    assert story.culture == "en_BE"
    assert story.header_image.startswith("https://cdn.uc.assets.prezly.com/")
    assert len(story.links) == 4
    assert (
        story.links[0].title == "Belgium and Turkey seek closer trade ties during economic mission"
    )
    assert story.host == "www.belganewsagency.eu"
    assert story.key == story.url
    assert "<p" in story.body_html
    assert story.extra == {"format_version": 5}


@pytest.mark.parametrize(
    "document",
    [
        {"title": "Only a title"},
        {"body": "<p>Only a body</p>"},
        {"title": None, "body": "<p>x</p>", "url": None, "links": None, "author": None},
        {"title": 42, "body": "<p>x</p>", "links": "nope", "header": [], "published_at": 5},
        {"title": "t", "links": [None, 3, {"url": "javascript:alert(1)"}, {"nourl": 1}]},
        {"title": "t", "published_at": "yesterday", "author": {"first_name": None}},
        {"title": "t", "url": "ftp://example.org/x", "short_url": "file:///etc/passwd"},
    ],
)
def test_tolerant_parsing(document: dict[str, object]) -> None:
    story = parse_story(document, "doc.json")
    assert story.title
    assert story.links == ()
    assert story.url == "" or story.url.startswith("http")
    assert story.short_url == ""
    assert story.source == "doc.json"


def test_title_is_cleaned_and_folded() -> None:
    story = parse_story({"title": "  Evil\x1b[2J title\u202e  \n with\ttabs  ", "body": ""})
    assert story.title == "Evil title with tabs"


def test_author_forms() -> None:
    assert parse_story({"title": "t", "author": "Belga"}).author == "Belga"
    assert parse_story({"title": "t", "author": {"last_name": "Doe"}}).author == "Doe"
    assert parse_story({"title": "t", "author": {"name": "Desk"}}).author == "Desk"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"   \n", "empty file"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"[1, 2, 3]", "not a story: the document is a list"),
        (b'"a string"', "not a story: the document is str"),
        (b"{}", "neither a title nor a body"),
        (b'{"title": "", "body": "   "}', "neither a title nor a body"),
        (b"[" * 100000, "not valid JSON"),
        # A saved web page was "not valid JSON: Expecting value" (a new user's report).
        (b"\n  <!doctype html><html><p>Hi</p>", r"a web page, not a story's JSON \(belga reads"),
    ],
)
def test_not_a_story(raw: bytes, reason: str) -> None:
    with pytest.raises(StoryError, match=reason):
        parse_story_bytes(raw, "x.json")


def test_byte_order_mark_is_accepted() -> None:
    raw = "\ufeff".encode() + json.dumps({"title": "BOM"}).encode()
    assert parse_story_bytes(raw).title == "BOM"


def test_reading_minutes() -> None:
    assert reading_minutes(0) == 1
    assert reading_minutes(2300) == 10


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("red\x1b[31mtext\x1b[0m", "redtext"),
        ("8-bit \x9b2J CSI", "8-bit  CSI"),
        ("link \x1b]8;;http://evil\x07here\x1b]8;;\x07", "link here"),
        ("title \x1b]0;pwned\x1b\\ set", "title  set"),
        ("bell\x07 and \x1bc reset", "bell and  reset"),
        ("bidi \u202egnp.exe", "bidi gnp.exe"),
        ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ("Prévot “quoted” Öömer", "Prévot “quoted” Öömer"),
    ],
)
def test_escape_sequences_are_removed_whole(hostile: str, shown: str) -> None:
    from tui.core.model.text import clean_text

    assert clean_text(hostile) == shown
