"""The bundled offline demo (``belga --demo``): five fictional samples and one real story.

Between them the documents must show every body construct the renderer knows, and they
must link to one another so that the demo can be browsed without a network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

import tui
from tui.core.model.story import Story, parse_datetime, parse_story_bytes
from tui.core.model.urls import canonical

DEMO_DIR: Final = Path(tui.__file__).parent / "demo"
REAL_STORY: Final = (
    "https://www.belganewsagency.eu/"
    "belgian-defence-industry-looks-to-expand-ties-with-turkey-during-trade-mission"
)
LONG_SAMPLE: Final = "sample-brussels-canal-quarter-plan"
"""The "~2,000-word story" of the benchmark."""
SAMPLE_HOST: Final = "newsroom.example"
NEWSROOM_HOSTS: Final = frozenset({SAMPLE_HOST, "www.belganewsagency.eu", "prez.ly"})

# Body constructs the demo must show, as CSS selectors (each must match at least once).
CONSTRUCTS: Final = (
    "h3",
    "h4[id]",
    "hr",
    "p > strong",
    "a > strong",
    "em",
    "ul",
    "ol",
    "ul ul, ol ul, ul ol, ol ol",
    "blockquote p",
    "table thead th",
    "table tbody td",
    "pre code",
    "figure.release-content-image img.release-content-image__image",
    "figure.release-content-image figcaption.release-content-image__caption",
    "div.release-content-bookmark",
    "div.release-content-gallery img",
    "div.release-content-embed iframe",
    "sup",
)
ENTITIES: Final = ("&ldquo;", "&rdquo;", "&rsquo;", "&nbsp;", "&mdash;", "&eacute;", "&Ouml;")

FILES: Final = sorted(DEMO_DIR.glob("*.json"))
SAMPLES: Final = [path for path in FILES if path.name.startswith("sample-")]


def load(path: Path) -> Story:
    return parse_story_bytes(path.read_bytes(), str(path))


def raw_document(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def tree(story: Story) -> LexborHTMLParser:
    return LexborHTMLParser(story.body_html)


def hrefs(story: Story, selector: str = "a[href]") -> Iterator[str]:
    for node in tree(story).css(selector):
        href = node.attributes.get("href")
        if href:
            yield href


def demo_links(story: Story, urls: set[str]) -> set[str]:
    """The other demo stories that ``story``'s body links to."""
    return {canonical(h) for h in hrefs(story)} & urls - {canonical(story.url)}


@pytest.fixture(scope="module")
def stories() -> dict[str, Story]:
    return {path.stem: load(path) for path in FILES}


@pytest.fixture(scope="module")
def demo_urls(stories: dict[str, Story]) -> set[str]:
    return {canonical(story.url) for story in stories.values()}


def test_the_demo_has_five_samples_and_the_real_story() -> None:
    assert len(SAMPLES) == 5
    assert (DEMO_DIR / "belgian-defence-industry-turkey.json") in FILES
    assert (DEMO_DIR / f"{LONG_SAMPLE}.json") in SAMPLES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_document_is_utf8_json_and_parses(path: Path) -> None:
    raw = path.read_bytes()
    raw.decode("utf-8")  # strict: raises on a bad byte
    assert isinstance(json.loads(raw), dict)
    story = load(path)
    assert story.title and story.body_html and story.url
    assert story.published_at is not None
    modified = raw_document(path).get("modified_at")
    if modified is not None:
        assert parse_datetime(modified) is not None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_are_plainly_marked(path: Path) -> None:
    story = load(path)
    # Marked by their desk and their host, not by a prefix that eats the list's columns.
    assert not story.title.lower().startswith("sample")
    assert story.author == "belga sample desk"
    assert story.slug == path.stem
    assert story.url == f"https://{SAMPLE_HOST}/{story.slug}"
    assert story.header_image in (
        "",
        f"https://{SAMPLE_HOST}/media/{story.slug}-header-1200x1200.jpg",
    )
    assert story.published_at is not None
    assert datetime(2026, 11, 15) <= story.published_at < datetime(2026, 12, 1)
    assert raw_document(path)["published_at"] == story.published_at.strftime("%Y-%m-%d %H:%M:%S")


def test_one_sample_lacks_fields_as_real_documents_do() -> None:
    incomplete = [
        path.stem
        for path in SAMPLES
        if any(raw_document(path).get(key) is None for key in ("header", "modified_at"))
    ]
    assert incomplete


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_links_to_two_other_demo_stories(
    path: Path, stories: dict[str, Story], demo_urls: set[str]
) -> None:
    assert len(demo_links(stories[path.stem], demo_urls)) >= 2


def test_samples_form_a_connected_web_with_a_cycle(
    stories: dict[str, Story], demo_urls: set[str]
) -> None:
    by_url = {canonical(story.url): story for story in stories.values()}
    edges = {url: demo_links(story, demo_urls) for url, story in by_url.items()}
    assert any(a in edges[b] for a, targets in edges.items() for b in targets)
    seen: set[str] = set()
    todo = [canonical(stories[LONG_SAMPLE].url)]
    while todo:  # undirected reachability from the long sample
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        todo.extend(edges[url] | {other for other, targets in edges.items() if url in targets})
    assert seen == demo_urls


def test_samples_link_inline_and_as_cards(stories: dict[str, Story], demo_urls: set[str]) -> None:
    inline: set[str] = set()
    cards: set[str] = set()
    for path in SAMPLES:
        story = stories[path.stem]
        cards |= {canonical(h) for h in hrefs(story, "a.release-content-bookmark__title")}
        inline |= {
            canonical(h)
            for h in hrefs(story, "p a[href], li a[href]")
            if urlsplit(h).hostname == SAMPLE_HOST
        }
    assert inline & demo_urls
    assert canonical(REAL_STORY) in cards


def test_the_demo_links_to_the_outside(stories: dict[str, Story], demo_urls: set[str]) -> None:
    links = {h for path in SAMPLES for h in hrefs(stories[path.stem])}
    external = {h for h in links if urlsplit(h).hostname not in NEWSROOM_HOSTS}
    assert external, "no link to an outside site"
    belga_elsewhere = {
        h
        for h in links
        if urlsplit(h).hostname == "www.belganewsagency.eu" and canonical(h) not in demo_urls
    }
    assert belga_elsewhere, "no link to a Belga story that needs the network"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_links_are_the_cards_of_the_body(path: Path) -> None:
    story = load(path)
    cards = list(hrefs(story, "a.release-content-bookmark__title"))
    assert story.links
    assert {link.url for link in story.links} == set(cards)
    for link in story.links:
        assert not link.title.lower().startswith("sample")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_cards_are_shaped_like_prezly_cards(path: Path) -> None:
    for card in tree(load(path)).css("div.release-content-bookmark"):
        thumbnail = card.css_first("a.release-content-bookmark__thumbnail")
        title = card.css_first("a.release-content-bookmark__title")
        description = card.css_first("div.release-content-bookmark__description")
        provider = card.css_first("a.release-content-bookmark__provider")
        assert thumbnail is not None and title is not None
        assert thumbnail.attributes.get("href") == title.attributes.get("href")
        assert "background-image" in (thumbnail.attributes.get("style") or "")
        assert not thumbnail.text().strip()
        assert title.text().strip()
        assert description is not None and description.text().strip().endswith("...")
        assert provider is not None
        assert provider.css_first("img.release-content-bookmark__provider-icon") is not None


@pytest.mark.parametrize("selector", CONSTRUCTS)
def test_the_samples_show_every_construct(selector: str, stories: dict[str, Story]) -> None:
    found = sum(len(tree(stories[path.stem]).css(selector)) for path in SAMPLES)
    assert found, f"no sample has {selector!r}"


def test_images_appear_in_several_samples(stories: dict[str, Story]) -> None:
    with_images = [
        path.stem
        for path in SAMPLES
        if tree(stories[path.stem]).css("figure.release-content-image")
    ]
    assert len(with_images) >= 2


def test_samples_lead_in_bold_and_end_with_related_news(stories: dict[str, Story]) -> None:
    for path in SAMPLES:
        body = stories[path.stem].body_html
        assert body.startswith('<p style="text-align: left"><strong>'), path.stem
        assert "<hr /><p><strong>Related news</strong></p>" in body, path.stem


@pytest.mark.parametrize("entity", ENTITIES)
def test_the_samples_use_entity_encoded_typography(entity: str, stories: dict[str, Story]) -> None:
    assert any(entity in stories[path.stem].body_html for path in SAMPLES)


def test_the_long_sample_has_about_two_thousand_words(stories: dict[str, Story]) -> None:
    body = tree(stories[LONG_SAMPLE]).body
    assert body is not None
    words = len(body.text(separator=" ").split())
    assert 1800 <= words <= 2600, words
    assert len(tree(stories[LONG_SAMPLE]).css("h4[id]")) >= 5
