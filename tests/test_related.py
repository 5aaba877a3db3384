"""The related-links sidebar: every link of a story once (pictures aside), in reading
order; a story once by its canonical URL, with its best title."""

from __future__ import annotations

from tests.test_render import fixture_story
from tui.core.render.document import Link, LinkKind
from tui.core.render.related import page_links, related_links
from tui.core.render.render import prepare_story


def test_the_fixture_links_five_stories() -> None:
    related = related_links(prepare_story(fixture_story()).links)
    slugs = [link.url.rsplit("/", 1)[1].split("#")[0] for link in related]
    assert slugs == [
        "queen-mathilde-leads-trade-mission-to-turkey-with-400-strong-delegation",
        "belgium-and-turkey-seek-closer-trade-ties-during-economic-mission",
        "flemish-government-approves-new-arms-trade-decree",
        "maison-galler-signs-turkish-distribution-deal-during-belgian-trade-mission",
        "shipping-agency-guilty-of-violating-arms-trade-decree",
    ]
    assert [link.number for link in related] == [1, 2, 3, 4, 5]


def test_one_entry_per_story_first_number_best_title() -> None:
    links = [
        Link(1, "https://n.example/a", "the words", LinkKind.TEXT, is_story=True),
        Link(2, "https://n.example/outside.pdf", "pdf", LinkKind.TEXT),
        Link(3, "https://n.example/b#part", "B", LinkKind.CARD, is_story=True),
        Link(4, "https://N.example/a/", "Story A", LinkKind.CARD, is_story=True),
        Link(5, "https://n.example/b", "other words", LinkKind.TEXT, is_story=True),
        Link(6, "https://n.example/c.json", "C", LinkKind.RELATED, is_story=True),
        Link(7, "https://n.example/c?utm=x", "c", LinkKind.TEXT, is_story=True),
    ]
    assert related_links(links) == [
        Link(1, "https://n.example/a", "Story A", LinkKind.CARD, is_story=True),
        Link(2, "https://n.example/outside.pdf", "pdf", LinkKind.TEXT),
        Link(3, "https://n.example/b#part", "B", LinkKind.CARD, is_story=True),
        Link(6, "https://n.example/c.json", "C", LinkKind.RELATED, is_story=True),
    ]


def test_every_web_link_is_listed_once_but_pictures_and_mail() -> None:
    """Pages of the site and of others are listed too (the sidebar marks them → and ↗,
    as the README says; they were left out: tester report 3, item 5)."""
    links = [
        Link(1, "https://e.example/x/y", "x"),
        Link(2, "https://e.example/x/y#top", "x again"),
        Link(3, "https://e.example/x/y?page=2", "page 2"),
        Link(4, "https://e.example/p.jpg", "picture", LinkKind.IMAGE),
        Link(5, "mailto:desk@e.example", "mail"),
    ]
    assert related_links(links) == [links[0], links[2]]
    assert related_links([]) == []


def test_a_link_to_the_story_itself_is_not_related() -> None:
    """A story that links to its own URL listed itself in its sidebar (tester report 3,
    item 8); an outside page's links to its own parts (#section) likewise."""
    own = "https://www.belganewsagency.eu/ties-with-turkey"
    links = [
        Link(1, own, "this story", is_story=True),
        Link(2, f"{own}?utm_source=x", "this story, tracked", is_story=True),
        Link(3, "https://www.belganewsagency.eu/other-story", "another", is_story=True),
    ]
    assert related_links(links, own=own) == [links[2]]
    page = "https://www.example.org/news/a"
    parts = [Link(1, f"{page}#comments", "comments"), Link(2, "https://www.example.org/b", "b")]
    assert page_links(parts, own=page) == [parts[1]]
