"""The stories a story links to: what the related-links sidebar lists."""

from __future__ import annotations

from tui.core.model.urls import canonical
from tui.core.render.document import Link, better_named


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
