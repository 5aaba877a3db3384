"""What the related-links sidebar lists: every link of a story or of an outside page,
once each, in reading order (pictures aside); the sidebar marks each one (a story,
this site, another site)."""

from __future__ import annotations

from tui.core.model.urls import canonical, is_web_url, page_key
from tui.core.render.document import Link, LinkKind, better_named


def related_links(links: list[Link], own: str = "") -> list[Link]:
    """Every web link of a story (pictures aside), once each, in reading order: a story
    by its canonical URL, any other page by its page key (its query counts).

    The first occurrence keeps its number; when a later one of a story is a card or a
    related link, its title (the story's title) replaces the anchor text of an earlier one.
    A link to the story itself (``own``, its URL) is no related story: left out.
    """
    found: dict[str, int] = {canonical(own): -1, page_key(own): -1} if own else {}
    related: list[Link] = []
    for link in links:
        if link.kind is LinkKind.IMAGE or not is_web_url(link.url):
            continue
        key = canonical(link.url) if link.is_story else page_key(link.url)
        index = found.get(key)
        if index == -1:
            continue  # the story itself
        if index is None:
            found[key] = len(related)
            related.append(link)
        elif link.is_story:
            related[index] = better_named(related[index], link.kind, link.title)
    return related


def page_links(links: list[Link], own: str = "") -> list[Link]:
    """Every web page an outside page links to (pictures aside), once each by
    :func:`~tui.core.model.urls.page_key`, in reading order; not the page itself (``own``,
    its URL: a link to a part of it, ``#section``)."""
    found: set[str] = {page_key(own)} if own else set()
    listed: list[Link] = []
    for link in links:
        key = page_key(link.url) if is_web_url(link.url) else ""
        if key and link.kind is not LinkKind.IMAGE and key not in found:
            found.add(key)
            listed.append(link)
    return listed
