"""parse_feed and parse_sitemap on bytes: RSS, Atom, sitemaps, and hostile documents."""

from __future__ import annotations

import time
import zoneinfo
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

import pytest

from tests.feed_server import billion_laughs, rss_feed, sitemap_index, urlset
from tui.core.model import dates
from tui.core.model.text import clean_line
from tui.core.net.feed import (
    SUMMARY_CHARS,
    FeedEntry,
    FeedError,
    parse_feed,
    parse_sitemap,
    slug_title,
)

BASE = "https://www.newsroom.example"
FEED_URL = f"{BASE}/feed"


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Newsroom</title><link>{BASE}/</link>{''.join(items)}</channel></rss>"
    ).encode()


def item(link: str | None, title: str = "A title", extra: str = "") -> str:
    link_tag = f"<link>{link}</link>" if link is not None else ""
    return f"<item><title>{title}</title>{link_tag}{extra}</item>"


def urls(entries: list[FeedEntry]) -> list[str]:
    return [entry.url for entry in entries]


# RSS and Atom ----------------------------------------------------------------------


def test_rss_items_become_entries_newest_first() -> None:
    data = rss(
        item(f"{BASE}/older", "Older", "<pubDate>Mon, 11 May 2026 08:00:00 GMT</pubDate>"),
        item(f"{BASE}/undated", "Undated"),
        item(
            f"{BASE}/newest",
            "Newest",
            "<description>The lead.</description>"
            "<pubDate>Wed, 13 May 2026 17:23:00 +0200</pubDate>",
        ),
    )
    entries = parse_feed(data, FEED_URL)
    assert urls(entries) == [f"{BASE}/newest", f"{BASE}/older", f"{BASE}/undated"]
    assert entries[0] == FeedEntry(
        f"{BASE}/newest", "Newest", datetime(2026, 5, 13, 17, 23), "The lead."
    )
    assert entries[1].published_at == datetime(2026, 5, 11, 10, 0)  # CEST
    assert entries[2].published_at is None


def test_atom_entries_with_relative_links_and_utc_times() -> None:
    data = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>N</title><id>urn:n</id>"
        b'<entry><title>Winter</title><link rel="alternate" href="winter-story"/>'
        b"<id>urn:1</id><updated>2026-01-10T10:00:00Z</updated></entry>"
        b'<entry><title type="html">&lt;em&gt;Summer&lt;/em&gt;</title>'
        b'<link rel="alternate" href="/summer-story?utm_source=atom"/>'
        b"<id>urn:2</id><updated>2026-07-10T10:00:00Z</updated>"
        b'<content type="html">&lt;p&gt;Full &lt;b&gt;body&lt;/b&gt;.&lt;/p&gt;</content></entry>'
        b"</feed>"
    )
    entries = parse_feed(data, FEED_URL)
    assert entries == [
        FeedEntry(f"{BASE}/summer-story", "Summer", datetime(2026, 7, 10, 12, 0), "Full body."),
        FeedEntry(f"{BASE}/winter-story", "Winter", datetime(2026, 1, 10, 11, 0)),
    ]


def test_relative_rss_links_resolve_against_the_feed() -> None:
    entries = parse_feed(rss(item("/one"), item("two/")), FEED_URL)
    assert urls(entries) == [f"{BASE}/one", f"{BASE}/two"]


def test_entries_without_links_are_skipped_and_untitled_ones_named_from_the_slug() -> None:
    data = rss(item(None, "No link"), item("", "Empty link"), item(f"{BASE}/a-quiet-day", ""))
    assert parse_feed(data, FEED_URL) == [FeedEntry(f"{BASE}/a-quiet-day", "A quiet day")]


def test_duplicate_links_keep_the_first() -> None:
    data = rss(
        item(f"{BASE}/story", "First"),
        item(f"{BASE}/story/?utm_medium=rss#top", "Second"),
        item(f"{BASE}/other", "Other"),
    )
    entries = parse_feed(data, FEED_URL)
    assert [(e.url, e.title) for e in entries] == [
        (f"{BASE}/story", "First"),
        (f"{BASE}/other", "Other"),
    ]


def test_only_http_links_on_the_newsroom_site_are_kept() -> None:
    data = rss(
        item("https://newsroom.example/bare-host", "Same site without www"),
        item("https://elsewhere.example/story", "Elsewhere"),
        item("//elsewhere.example/protocol-relative", "Protocol-relative"),
        item("javascript:alert(1)", "Script"),
        item("ftp://www.newsroom.example/file", "FTP"),
        item("mailto:desk@newsroom.example", "Mail"),
        item(f"{BASE}/", "The home page"),
    )
    assert urls(parse_feed(data, FEED_URL)) == ["https://newsroom.example/bare-host"]


def test_html_in_titles_and_summaries_becomes_plain_text() -> None:
    title = (
        "&lt;b&gt;Bold&lt;/b&gt;, Tom &amp;amp; Jerry&lt;script&gt;alert(1)&lt;/script&gt; a &lt; b"
    )
    description = (
        "&lt;p&gt;The &lt;a href='x'&gt;lead&lt;/a&gt;&lt;/p&gt;&lt;style&gt;p{}&lt;/style&gt;"
    )
    (entry,) = parse_feed(
        rss(item(f"{BASE}/html", title, f"<description>{description}</description>")), FEED_URL
    )
    assert entry.title == "Bold, Tom & Jerry a < b"
    assert entry.summary == "The lead"


def test_a_plain_title_about_tags_keeps_every_word() -> None:
    """Tester report 4, item 3: the list showed "Q&A: why 1 < 2 and" (read as HTML, the
    rest swallowed by a <script> that never closed); the summary is still read as HTML."""
    title = "Q&amp;A: why 1 &lt; 2 and &lt;script&gt; tags matter for AT&amp;T &amp; co"
    description = "&lt;script&gt;alert(1)&lt;/script&gt;The lead"
    (entry,) = parse_feed(
        rss(item(f"{BASE}/tags", title, f"<description>{description}</description>")), FEED_URL
    )
    assert entry.title == "Q&A: why 1 < 2 and <script> tags matter for AT&T & co"
    assert entry.summary == "The lead"


def test_block_elements_do_not_glue_words() -> None:
    description = (
        "&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two&lt;br&gt;three&lt;/p&gt;&lt;ul&gt;&lt;li&gt;four"
    )
    (entry,) = parse_feed(
        rss(item(f"{BASE}/s", "T", f"<description>{description}</description>")), FEED_URL
    )
    assert entry.summary == "One. Two three four"


def test_escape_sequences_and_controls_are_removed_whole() -> None:
    # A raw ESC is not legal XML: feedparser's loose parser reads this feed.
    title = "Red \x1b[31malert\x1b[0m, \x1b]0;pwned\x07title, \u202eevil"
    data = rss_feed([{"title": title, "url": f"{BASE}/esc", "published_at": "2026-05-13 10:00:00"}])
    data_ref = rss(item(f"{BASE}/ref", "Ref &#27;[2J cleared"))
    (entry,) = parse_feed(data, FEED_URL)
    (ref,) = parse_feed(data_ref, FEED_URL)
    assert entry.title == "Red alert, title, evil"
    assert ref.title == "Ref cleared"
    for text in (entry.title, entry.summary, ref.title):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
        assert "[31m" not in text and "[2J" not in text


def test_feed_text_is_cleaned_by_the_one_rule_of_model_text() -> None:
    # An 8-bit CSI and a bidi control go; ESC P opens a device control string, which
    # runs to the end of the line (a terminal would swallow that much too).
    assert clean_line("a\x9b2Jb \u202ec\x1bPd") == "ab c"
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title><item>'
        b"<title>Red \x1b[31mtitle\x1b[0m</title><link>https://www.newsroom.example/a</link>"
        b"</item></channel></rss>"
    )
    assert [e.title for e in parse_feed(data, BASE)] == ["Red title"]


def test_an_atom_text_title_is_shown_as_written() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title><id>urn:n</id><entry>'
        b'<title type="text">Why &lt;br&gt; tags break</title><link href="/s"/><id>urn:1</id>'
        b"</entry></feed>"
    )
    assert parse_feed(data, FEED_URL)[0].title == "Why <br> tags break"


def test_long_summaries_are_cut_at_a_word() -> None:
    long = "word " * 200
    (entry,) = parse_feed(
        rss(item(f"{BASE}/s", "T", f"<description>{long}</description>")), FEED_URL
    )
    assert len(entry.summary) <= SUMMARY_CHARS
    assert entry.summary.endswith("word…")


def test_a_summary_repeating_the_title_is_dropped() -> None:
    (entry,) = parse_feed(
        rss(item(f"{BASE}/s", "Same", "<description>Same</description>")), FEED_URL
    )
    assert entry.summary == ""


# Broken and hostile feeds ----------------------------------------------------------


def test_an_empty_feed_gives_no_entries() -> None:
    assert parse_feed(rss(), FEED_URL) == []
    assert parse_feed(rss_feed([]), FEED_URL) == []


def test_a_malformed_feed_gives_what_could_be_read() -> None:
    data = rss(item(f"{BASE}/one"), item(f"{BASE}/two")).removesuffix(b"</channel></rss>")
    data += b"<item><title>Cut in the mid"
    assert urls(parse_feed(data, FEED_URL)) == [f"{BASE}/one", f"{BASE}/two"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the feed is empty"),
        (b"  \n", "the feed is empty"),
        (b'<?xml version="1.0"?><rss version="2.0"><item><title>Cu', "not a feed"),
        (b'{"title": "JSON"}', "not a feed"),
        (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not a feed"),
        (b"\x00\x01\x02binary", "not a feed"),
    ],
)
def test_nothing_usable_raises_a_feed_error(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data, FEED_URL)


def test_an_entity_bomb_in_a_feed_is_refused_at_once() -> None:
    bomb = billion_laughs("rss").replace(b"<url><loc>&lol9;</loc></url>", item("&lol9;").encode())
    started = time.monotonic()
    with pytest.raises(FeedError, match="refused"):
        parse_feed(bomb, FEED_URL)
    assert time.monotonic() - started < 0.5


def test_external_entities_in_a_feed_are_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel>' + item(f"{BASE}/x", "&xxe;").encode() + b"</channel></rss>"
    )
    with pytest.raises(FeedError, match="refused"):
        parse_feed(data, FEED_URL)


def test_feed_bytes_are_never_taken_for_a_file_name(tmp_path: Path) -> None:
    # feedparser opens bytes as a path when such a file exists: parse_feed must not.
    local = tmp_path / "feed.xml"
    local.write_bytes(rss(item(f"{BASE}/from-a-local-file")))
    with pytest.raises(FeedError):
        parse_feed(str(local).encode(), FEED_URL)


def test_times_fall_back_to_utc_without_a_tz_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_zone(key: str) -> None:
        raise ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", no_zone)
    dates._newsroom_zone.cache_clear()
    try:
        extra = "<pubDate>Wed, 13 May 2026 17:23:00 +0200</pubDate>"
        (entry,) = parse_feed(rss(item(f"{BASE}/s", "T", extra)), FEED_URL)
        assert entry.published_at == datetime(2026, 5, 13, 15, 23)
    finally:
        dates._newsroom_zone.cache_clear()


# Sitemaps --------------------------------------------------------------------------


def test_a_sitemap_lists_only_the_newsroom_stories_newest_first() -> None:
    data = urlset(
        [
            (f"{BASE}/belgian-defence-industry-looks-to-turkey", "2026-05-13T17:23:00+02:00"),
            (f"{BASE}/", "2026-05-14"),
            (f"{BASE}/category/defence", "2026-05-14"),
            (f"{BASE}/tag/turkey", "2026-05-14"),
            (f"{BASE}/feed", "2026-05-14"),
            (f"{BASE}/logo.png", "2026-05-14"),
            ("https://elsewhere.example/their-story", "2026-05-14"),
            ("https://prez.ly/ZGGd", "2026-05-14"),
            (f"{BASE}/ghent-winter-light-trail", "2026-01-10T10:00:00Z"),
            (f"{BASE}/undated-story", ""),
            (f"{BASE}/fibre-coverage-figures", "2026-05-14"),
            (f"{BASE}/fibre-coverage-figures/", "2026-05-15"),
        ]
    )
    sitemap = parse_sitemap(data, f"{BASE}/sitemap.xml")
    assert sitemap.children == []
    assert sitemap.entries == [
        FeedEntry(
            f"{BASE}/fibre-coverage-figures", "Fibre coverage figures", datetime(2026, 5, 14)
        ),
        FeedEntry(
            f"{BASE}/belgian-defence-industry-looks-to-turkey",
            "Belgian defence industry looks to turkey",
            datetime(2026, 5, 13, 17, 23),
        ),
        FeedEntry(
            f"{BASE}/ghent-winter-light-trail",
            "Ghent winter light trail",
            datetime(2026, 1, 10, 11, 0),
        ),
        FeedEntry(f"{BASE}/undated-story", "Undated story"),
    ]


def test_a_google_news_title_beats_the_slug() -> None:
    data = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>" + f"{BASE}/slug-words".encode() + b"</loc><news:news>"
        b"<news:title>The  real\ttitle </news:title>"
        b"<news:publication_date>2026-05-13T17:23:00+02:00</news:publication_date>"
        b"</news:news></url></urlset>"
    )
    (entry,) = parse_sitemap(data, BASE).entries
    assert entry == FeedEntry(f"{BASE}/slug-words", "The real title", datetime(2026, 5, 13, 17, 23))


def test_a_sitemap_index_gives_its_children_newest_first() -> None:
    data = sitemap_index(
        [
            (f"{BASE}/sitemap-old.xml", "2025-01-01"),
            (f"{BASE}/sitemap-new.xml?page=2", "2026-05-13T10:00:00Z"),
            ("https://elsewhere.example/sitemap.xml", "2026-06-01"),
            ("file:///etc/sitemap.xml", "2026-06-01"),
        ]
    )
    sitemap = parse_sitemap(data, f"{BASE}/sitemap.xml")
    assert sitemap.entries == []
    assert sitemap.children == [f"{BASE}/sitemap-new.xml?page=2", f"{BASE}/sitemap-old.xml"]


def test_an_entity_bomb_sitemap_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="refused"):
        parse_sitemap(billion_laughs(), BASE)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset>&x;</urlset>',
        b'<!DOCTYPE urlset SYSTEM "http://example.org/sitemap.dtd"><urlset/>',
    ],
)
def test_dtds_and_external_entities_in_a_sitemap_are_refused(data: bytes) -> None:
    with pytest.raises(FeedError, match="refused"):
        parse_sitemap(data, BASE)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<urlset><url><loc>cut", "not a sitemap"),
        (rss(item(f"{BASE}/x")), r"not a sitemap: the document is <rss>"),
        (b"<html><body>hi</body></html>", "not a sitemap"),
    ],
)
def test_what_is_not_a_sitemap_raises(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_sitemap(data, BASE)


def test_an_empty_urlset_gives_no_entries() -> None:
    assert parse_sitemap(urlset([]), BASE).entries == []


def test_slug_titles() -> None:
    assert slug_title(f"{BASE}/belgian-defence-industry-looks-to-turkey") == (
        "Belgian defence industry looks to turkey"
    )
    assert slug_title(f"{BASE}/caf%C3%A9-culture/") == "Café culture"
    assert slug_title(f"{BASE}/evil-%1B%5B2J-slug") == "Evil slug"
