"""The pictures of the story shown, drawn as half-block cells when images are on.

Images are fetched only when the user turned them on (``[ui] images``, or ``i``), one
at a time per story, decoded off the event loop, and kept per width.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.render.images import Cells, halfblocks

FetchImage = Callable[[str], Awaitable[bytes]]
"""Fetches a picture's bytes by URL; raises ``Unavailable`` when it cannot."""
MAX_ROWS: Final = 14
"""The tallest a picture gets, in lines: a story is for reading."""
UPPER_HALF: Final = "▀"


def cells_to_strips(cells: Cells) -> list[Strip]:
    strips = []
    for row in cells:
        segments = [
            Segment(UPPER_HALF, Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*low)))
            for top, low in row
        ]
        strips.append(Strip(list(Segment.simplify(segments))))
    return strips


class Pictures:
    """Fetched image bytes by URL, and their drawings by (URL, width)."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._drawn: dict[tuple[str, int], list[Strip]] = {}
        self.loading: set[str] = set()
        self.failed: dict[str, str] = {}

    def wanted(self, url: str) -> bool:
        """Whether ``url`` still has to be fetched."""
        return url not in self._data and url not in self.loading and url not in self.failed

    def keep(self, url: str, data: bytes, width: int, cells: Cells) -> None:
        self.loading.discard(url)
        self._data[url] = data
        self._drawn[(url, width)] = cells_to_strips(cells)

    def fail(self, url: str, reason: str) -> None:
        self.loading.discard(url)
        self.failed[url] = reason

    def strips(self, url: str, width: int) -> list[Strip] | str:
        """The drawing of ``url`` at ``width`` cells, when its bytes are here; else what
        its line says: that it is being fetched, or why it is not drawn."""
        if url in self.failed:
            return f"not shown: {self.failed[url]}"
        drawn = self._drawn.get((url, width))
        if drawn is None and url in self._data:
            try:
                drawn = cells_to_strips(halfblocks(self._data[url], width, MAX_ROWS))
            except ValueError as error:
                self.failed[url] = str(error)
                return self.strips(url, width)
            self._drawn[(url, width)] = drawn
        return "fetching…" if drawn is None else drawn
