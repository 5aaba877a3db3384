"""Outside pages: web pages of other sites, read in belga's reader view.

An outside page is a :class:`~tui.core.model.story.Story` like any other, so that the
history, the store and the renderer take it as they are; what marks it is an entry of
its ``extra`` (which the store keeps with the rest of the document), holding the site's
name when the page gave one.
"""

from __future__ import annotations

from tui.core.model.story import OUTSIDE_KEY, Story
from tui.core.model.text import clean_line

# OUTSIDE_KEY marks a story as an outside page in its ``extra``: ``{"site": "<site name>"}``.


def outside_extra(site: str) -> dict[str, object]:
    return {OUTSIDE_KEY: {"site": clean_line(site)}}


def is_outside_page(story: Story) -> bool:
    return isinstance(story.extra.get(OUTSIDE_KEY), dict)


def site_name(story: Story) -> str:
    """The site's own name for itself ("The Example Times"), else ``""``."""
    marker = story.extra.get(OUTSIDE_KEY)
    name = marker.get("site") if isinstance(marker, dict) else None
    return clean_line(name) if isinstance(name, str) else ""


def reader_view_notice(story: Story) -> str:
    """The line above an outside page saying what the reader is looking at."""
    return f"Reader view of an outside page: {clean_line(story.url)}"
