"""The links of a story body, numbered from 1 in the order they are met.

One number per link (the same URL with another fragment is the same link, see
:func:`~tui.core.model.urls.link_key`); a card or related title names a link better
than the words of an earlier text link (:func:`~tui.core.render.document.better_named`).
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.model.urls import link_key
from tui.core.render.document import Link, LinkKind, better_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MAX_LINKS: Final = 10_000
"""Links past this many keep their words but get no number (a note says so)."""


class LinkTable:
    """Numbers distinct URLs from 1 in the order they are met."""

    def __init__(
        self, limit: int = MAX_LINKS, classify: Callable[[Link], bool] | None = None
    ) -> None:
        self._numbers: dict[str, int] = {}
        self.links: list[Link] = []
        self.limit = limit
        self.full = False
        self._classify = classify

    def number(self, url: str, title: str, kind: LinkKind) -> int | None:
        key = link_key(url)  # the same link, whatever its fragment
        found = self._numbers.get(key)
        if found is None:
            if len(self.links) >= self.limit:
                self.full = True
                return None
            found = self._numbers[key] = len(self.links) + 1
            self.links.append(self._classified(Link(found, url, title, kind)))
            return found
        known = self.links[found - 1]
        named = better_named(known, kind, title)
        if named is not known:
            self.links[found - 1] = self._classified(named)
        return found

    def _classified(self, link: Link) -> Link:
        if self._classify is None:
            return link
        return Link(link.number, link.url, link.title, link.kind, self._classify(link))
