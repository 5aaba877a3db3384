"""The reading pane's pictures: drawn above their captions when ``images`` is on, each
fetched when first needed and decoded off the event loop (see :mod:`.pictures`)."""

from __future__ import annotations

import asyncio

from textual import work
from textual.strip import Strip

from tui.core.model.failure import Unavailable
from tui.core.render.document import Block, BlockKind
from tui.core.render.images import ImageError, TooSmall, halfblocks
from tui.core.render.render import PreparedStory
from tui.ui.widgets.line_pane import LinePane
from tui.ui.widgets.pictures import MAX_ROWS, FetchImage, Pictures


class PicturePane(LinePane):
    """The pictures' part of :class:`~.galley_view.GalleyView`."""

    images: bool
    fetch_image: FetchImage | None
    _prepared: PreparedStory | None
    _pictures: Pictures

    @property
    def top_block(self) -> int:
        raise NotImplementedError  # the galley view's

    def _relayout(self, scroll_y: int = 0, anchor_block: int = 0) -> None:
        raise NotImplementedError  # the galley view's

    def _picture(self, block: Block, width: int) -> list[Strip] | str | None:
        """The drawing of a FIGURE block's image, or what its line says instead (being
        fetched, why not drawn); asks for it the first time."""
        links = self._prepared.links if self._prepared is not None else []
        if not self.images or block.link is None or not 0 < block.link <= len(links):
            return None
        url = links[block.link - 1].url
        if self._pictures.wanted(url):
            if self.fetch_image is None:
                return None  # never fetched here: its line as it is
            self._pictures.loading.add(url)
            self._load_picture(url, width)
        return self._pictures.strips(url, width)

    @work(group="pictures", exit_on_error=False)
    async def _load_picture(self, url: str, width: int) -> None:
        pictures, fetch = self._pictures, self.fetch_image
        if fetch is None:
            return
        try:
            data = await fetch(url)
            cells = await asyncio.to_thread(halfblocks, data, width, MAX_ROWS)
        except (Unavailable, ImageError) as error:
            first = not pictures.failed
            reason = error.reason if isinstance(error, Unavailable) else str(error)
            pictures.fail(url, reason)
            if first and not isinstance(error, TooSmall) and pictures is self._pictures:
                self.notify(f"A picture could not be shown: {reason}.", timeout=4)
        else:
            pictures.keep(url, data, width, cells)
        if pictures is self._pictures:  # still the same story: drawn, or its line says why
            self._relayout(anchor_block=self.top_block)

    no_pictures = "Pictures cannot be fetched now (offline)."
    """What ``i`` says where pictures are never fetched (offline, the demo)."""

    def _has_pictures(self) -> bool:
        """Whether the story has a picture to draw (a story still being built may)."""
        prepared = self._prepared
        if prepared is None:
            return False
        figures = (b for b in prepared.blocks if b.kind is BlockKind.FIGURE and b.link)
        return not prepared.complete or any(figures)

    def action_toggle_images(self) -> None:
        if self.fetch_image is None and not self.images:
            self.notify(self.no_pictures, timeout=3)
            return
        if not self.images and not self._has_pictures():
            self.notify("This story has no pictures to draw.", timeout=3)
            return
        self.images = not self.images
        self.notify("Pictures on." if self.images else "Pictures off.", timeout=2)
