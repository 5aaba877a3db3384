"""The stories a story links to: what the related-links sidebar lists."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from tui.core.model.urls import canonical
from tui.core.render.document import Link, LinkKind

# Kinds whose title is the linked story's own title, not the words of a sentence.
_TITLED: Final = frozenset({LinkKind.CARD, LinkKind.RELATED})


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
        first = related[index]
        if link.kind in _TITLED and first.kind not in _TITLED and link.title:
            related[index] = replace(first, title=link.title, kind=link.kind)
    return related
