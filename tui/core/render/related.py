"""What the related-links sidebar lists: the stories a story links to, or every page an
outside page links to."""

from __future__ import annotations

from tui.core.model.urls import canonical, is_web_url, page_key
from tui.core.render.document import Link, LinkKind, better_named


def related_links(links: list[Link]) -> list[Link]:
    """The story links, once each by canonical URL, in reading order.

    The first occurrence keeps its number; when a later one is a card or a related
    link, its title (the story's title) replaces the anchor text of an earlier one.
    """
    found: dict[str, int] = {}
    related: list[Link] = []
    for link in links:
        if not link.is_story:
            continue
        key = canonical(link.url)
        index = found.get(key)
        if index is None:
            found[key] = len(related)
            related.append(link)
            continue
        related[index] = better_named(related[index], link.kind, link.title)
    return related


def page_links(links: list[Link]) -> list[Link]:
    """Every web page an outside page links to (pictures aside), once each by
    :func:`~tui.core.model.urls.page_key`, in reading order."""
    found: set[str] = set()
    listed: list[Link] = []
    for link in links:
        key = page_key(link.url) if is_web_url(link.url) else ""
        if key and link.kind is not LinkKind.IMAGE and key not in found:
            found.add(key)
            listed.append(link)
    return listed
