"""Feeds and sitemaps with entity bombs and odd charsets (issue 10, items 3 and 4).

Entity declarations are refused whatever comes before them (a junk first line used to
send a feed past the check to feedparser's lenient parser, which expanded them), and a
charset belga does not read (``punycode``, ``hex``, ``utf-7``…) is read as UTF-8 with
a note instead of raising or taking quadratic time.
"""

from __future__ import annotations

import pytest

from tests.feed_server import rss_feed, urlset
from tests.hostile_server import HostileServer
from tui.core.config.limits import FetchSettings
from tui.core.net.client import NewsroomClient
from tui.core.net.decoding import EntitiesRefused, decode, safe_codec, xml_utf8
from tui.core.net.feed import FeedError, parse_feed, parse_sitemap
from tui.core.net.front_page import fetch_front_page
from tui.core.net.transport import Answer, Validators

pytestmark = pytest.mark.timeout(20)

BASE = "https://newsroom.example"
DOCS = [
    {
        "title": "A story",
        "url": f"{BASE}/a-story",
        "slug": "a-story",
        "published_at": "2026-05-13 10:00:00",
    }
]
FEED = rss_feed(DOCS)
SITEMAP = urlset([(f"{BASE}/a-story", "2026-05-13")])
ODD_CHARSETS = ["foo", "utf-7", "x-user-defined", "hex", "idna", "punycode", "rot13", "zlib"]


def entity_feed(first_line: str, size: int = 10_000, references: int = 1_000) -> bytes:
    """A feed whose few KB of entity expand to ``size × references`` characters."""
    entity = '<!ENTITY big "' + "x" * size + '">'
    refs = "&big;" * references
    return (
        f'{first_line}<?xml version="1.0"?><!DOCTYPE rss [{entity}]><rss version="2.0">'
        f"<channel><title>t</title><item><title>{refs}</title><link>{BASE}/a-story</link>"
        f"<description>{refs}</description></item></channel></rss>"
    ).encode()


FIRST_LINES = {
    "none": "",
    "junk line": "junk\n",
    "blank line": " \n",
    "html": "<html>\n",
    "lower case": None,  # <!entity, which a lenient parser accepts
    "utf-16": None,
}


def bombs() -> dict[str, bytes]:
    found = {name: entity_feed(line) for name, line in FIRST_LINES.items() if line is not None}
    found["lower case"] = entity_feed("junk\n").replace(b"<!ENTITY", b"<!entity")
    found["utf-16"] = entity_feed("junk\n").decode().encode("utf-16")
    return found


@pytest.mark.parametrize("data", bombs().values(), ids=bombs().keys())
def test_entity_declarations_are_refused_whatever_comes_first(data: bytes) -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_feed(data, f"{BASE}/feed")


def test_utf7_cannot_smuggle_a_declaration() -> None:
    """Read as UTF-8, ``+ADw-!ENTITY`` is text, never a declaration."""
    smuggled = b'<?xml version="1.0" encoding="utf-7"?><!DOCTYPE rss [+ADw-!ENTITY big "'
    smuggled += b"x" * 10_000 + b'"+AD4-]>' + FEED[38:].replace(b"A story", b"&big;" * 100)
    entries = parse_feed(smuggled, f"{BASE}/feed")
    assert all(len(entry.title) < 1000 for entry in entries)


def test_a_bomb_behind_a_junk_line_is_refused_by_the_sitemap_too() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_sitemap(b"junk\n" + entity_feed("").replace(b"rss", b"urlset"), BASE)


@pytest.mark.parametrize("charset", ODD_CHARSETS)
def test_an_odd_declared_charset_is_read_as_utf8(charset: str) -> None:
    feed = FEED.replace(b'encoding="UTF-8"', f'encoding="{charset}"'.encode())
    sitemap = SITEMAP.replace(b'encoding="UTF-8"', f'encoding="{charset}"'.encode())
    assert [e.url for e in parse_feed(feed, f"{BASE}/feed")] == [f"{BASE}/a-story"]
    assert [e.url for e in parse_sitemap(sitemap, BASE).entries] == [f"{BASE}/a-story"]
    _, note = xml_utf8(feed, None, "the feed")
    assert charset in note and "UTF-8" in note


@pytest.mark.parametrize(
    ("charset", "title"),
    [
        ("iso-8859-1", "Café Ñandú"),
        ("windows-1252", "Café “Ñandú”"),
        ("utf-16", "Café Ñandú"),
        ("shift_jis", "ベルガ通信"),
    ],
)
def test_a_safe_declared_charset_is_used(charset: str, title: str) -> None:
    doc = [{**DOCS[0], "title": title}]
    text = rss_feed(doc).decode().replace('encoding="UTF-8"', f'encoding="{charset}"')
    (entry,) = parse_feed(text.encode(charset), f"{BASE}/feed")
    assert entry.title == title


@pytest.mark.parametrize("charset", ODD_CHARSETS)
def test_an_answer_in_an_odd_charset_is_read_as_utf8(charset: str) -> None:
    body = "café ".encode() * 80_000  # 480 KB: punycode would take many seconds
    answer = Answer(f"{BASE}/x", body, "text/html", charset, Validators())
    assert answer.text() == body.decode("utf-8")
    assert charset in decode(body, charset).note
    assert safe_codec(charset) is None


def test_refusal_happens_before_any_parser() -> None:
    with pytest.raises(EntitiesRefused):
        xml_utf8(b"\x00junk" + entity_feed(""))


# Against a real server: the front page says what happened and falls back.


def settings(server: HostileServer) -> FetchSettings:
    return FetchSettings(newsroom=server.url, connect_timeout=1, read_timeout=1, retries=0)


async def test_a_bombed_feed_falls_back_to_the_sitemap_and_says_why() -> None:
    with HostileServer() as server:
        server.serve("/feed", entity_feed("junk\n"), "application/rss+xml")
        async with NewsroomClient(settings(server)) as client:
            page = await fetch_front_page(client)
        assert page.source == "sitemap"
        assert page.entries
        assert any("entities" in note for note in page.notes)


@pytest.mark.parametrize("charset", ["punycode", "hex", "utf-7", "foo"])
async def test_a_feed_in_an_odd_charset_is_read_with_a_note(charset: str) -> None:
    with HostileServer() as server:
        feed = rss_feed(server.documents()).replace(
            b'encoding="UTF-8"', f'encoding="{charset}"'.encode()
        )
        server.serve("/feed", feed, f"application/rss+xml; charset={charset}")
        async with NewsroomClient(settings(server)) as client:
            page = await fetch_front_page(client)
        assert page.source == "feed"
        assert len(page.entries) == len(server.documents())
        assert any(charset in note for note in page.notes)


async def test_a_sitemap_in_an_odd_charset_is_read_with_a_note() -> None:
    with HostileServer(feed="missing") as server:
        docs = [(str(doc["url"]), "") for doc in server.documents()]
        sitemap = urlset(docs).replace(b'encoding="UTF-8"', b'encoding="x-user-defined"')
        server.serve("/sitemap.xml", sitemap, "application/xml; charset=idna")
        async with NewsroomClient(settings(server)) as client:
            page = await fetch_front_page(client)
        assert page.source == "sitemap"
        assert len(page.entries) == len(server.documents())
        assert any("x-user-defined" in note for note in page.notes)


async def test_a_story_page_in_punycode_is_read_as_utf8() -> None:
    with HostileServer() as server:
        page = "<html><head><title>Café à la page</title></head><body>"
        page += "<p>" + "café " * 80_000 + "</p></body></html>"
        server.serve("/puny", page.encode(), "text/html; charset=punycode")
        async with NewsroomClient(settings(server)) as client:
            story = await client.fetch_story(f"{server.url}/puny")
        assert story.title == "Café à la page"
