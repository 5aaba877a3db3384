"""The engine of the reading pane: a story typeset as lines, painted a screenful at a time.

Opening a story converts and typesets only what the first screen needs; the rest is
prepared in short slices on the event loop, so keys keep answering while a 30,000-word
story is still being laid out (see ``bench/bench.py`` for the figures). Slices rather
than a thread: the work is pure Python, so a thread would hold the GIL just the same,
while a slice that yields every few milliseconds bounds how long a key can wait.

:class:`GalleyView` knows nothing of keys: :class:`~.story_view.StoryView` adds them,
and what it paints over the lines (search matches, link hints), through the hooks
``_overlaid``, ``_prompt_line``, ``_block_set``, ``_before_layout`` and ``_subtitle``.
Link text carries OSC 8 hyperlinks unless ``hyperlinks`` is off; pictures are drawn
when ``images`` is on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Final

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model.failure import Unavailable
from tui.core.render.document import Block, BlockKind
from tui.core.render.images import ImageError, halfblocks
from tui.core.render.render import PreparedStory
from tui.ui.typeset import STYLE_NAMES, Galley, hyperlink_styles
from tui.ui.widgets.pictures import MAX_ROWS, Pictures

SLICE_SECONDS: Final = 0.004
"""How long one slice of background typesetting may hold the event loop."""
GROW_SECONDS: Final = 0.25
"""How often the scrollable size follows the typesetting of a long story."""
FetchImage = Callable[[str], Awaitable[bytes]]
"""Fetches a picture's bytes by URL; raises :class:`Unavailable` when it cannot."""
MAX_MEASURE: Final = 100
"""The widest reading column, in cells: longer lines are hard to follow."""


class GalleyView(ScrollView, can_focus=True):
    """Shows one story's lines; subclasses add keys and what is painted over them."""

    hyperlinks: reactive[bool] = reactive(True, init=False)
    """Whether link text carries an OSC 8 hyperlink (clickable in terminals that know it)."""
    images: reactive[bool] = reactive(False, init=False)
    """Whether pictures are drawn (fetched when first needed); else a labelled line."""
    measure: reactive[int] = reactive(MAX_MEASURE, init=False)
    """The widest the reading column gets, in cells (``[ui] measure``); centred."""

    @dataclass
    class Complete(Message):
        """The whole story is typeset (its last line is known)."""

        story_key: str

    def __init__(
        self,
        *,
        hyperlinks: bool = True,
        fetch_image: FetchImage | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.set_reactive(GalleyView.hyperlinks, hyperlinks)
        self._prepared: PreparedStory | None = None
        self._galley = Galley()
        self._painted: LRUCache[tuple[int, int, Style], Strip] = LRUCache(1024)
        """Lines as painted (margin, background, width), so a repaint makes no new strips."""
        self._pictures = Pictures()
        self.fetch_image = fetch_image
        """How pictures are fetched; ``None`` when they cannot be (offline)."""

    # --- hooks for what is laid over the lines --------------------------------------------

    def _forget_overlays(self) -> None:
        """A new story, or none: what was laid over the old one goes."""

    def _before_layout(self) -> None:
        """The lines are about to be typeset again (new width, styles or pictures)."""

    def _block_set(self, block: int) -> None:
        """Block ``block`` was just typeset."""

    def _overlaid(self, index: int) -> Strip:
        """Line ``index`` as painted (subclasses lay things over it)."""
        return self._galley.lines[index]

    def _prompt_line(self, y: int, width: int) -> Strip | None:
        """A line drawn in place of screen row ``y``, if any."""
        return None

    def _subtitle(self) -> str:
        return ""

    # --- what is shown ----------------------------------------------------------------

    @property
    def prepared(self) -> PreparedStory | None:
        return self._prepared

    @property
    def complete(self) -> bool:
        """Whether every block of the story is typeset."""
        return self._galley.complete

    @property
    def top_block(self) -> int:
        """The index of the block at the top of the pane."""
        return self._galley.block_at(int(self.scroll_y))

    @property
    def text(self) -> str:
        """What is typeset so far, as plain text (for tests and copying)."""
        return self._galley.text

    def show(self, prepared: PreparedStory, scroll_y: int = 0) -> None:
        """Show ``prepared``: the first screen now, the rest in slices."""
        self._prepared = prepared
        self._galley = Galley(prepared.header(), prepared.chunks())
        self._galley.pictures = self._picture
        self._pictures = Pictures()
        self._forget_overlays()
        self._relayout(scroll_y)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    def watch_hyperlinks(self) -> None:
        self._restyle()

    def watch_images(self) -> None:
        if self._prepared is not None:
            self._relayout(anchor_block=self.top_block)

    # --- pictures -----------------------------------------------------------------------

    def _picture(self, block: Block, width: int) -> list[Strip] | None:
        """The drawing of a FIGURE block's image; asks for it the first time."""
        links = self._prepared.links if self._prepared is not None else []
        if not self.images or block.link is None or not 0 < block.link <= len(links):
            return None
        url = links[block.link - 1].url
        if self._pictures.wanted(url) and self.fetch_image is not None:
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
            if first and pictures is self._pictures:
                self.notify(f"A picture could not be shown: {reason}.", timeout=4)
            return
        pictures.keep(url, data, width, cells)
        if pictures is self._pictures:  # still the same story
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

    def watch_measure(self) -> None:
        if self._prepared is not None and self._measure_width() != self._galley.width:
            self._relayout(anchor_block=self.top_block)

    def _restyle(self) -> None:
        """Typeset again with new styles (a theme's colours are set into the lines),
        after the refresh that gives the component classes their new colours."""
        self.call_after_refresh(self._relayout_in_place)

    def _relayout_in_place(self) -> None:
        if self._prepared is not None:
            self._relayout(int(self.scroll_y))

    # --- layout -----------------------------------------------------------------------

    def _measure_width(self) -> int:
        # One cell less than the room: a gutter, so a full line never touches the scrollbar.
        return max(10, min(self.scrollable_content_region.width - 1, self.measure))

    def _styles(self, names: tuple[str, ...], partial: bool = False) -> dict[str, Style]:
        return {
            name: self.get_component_rich_style(f"story-view--{name}", partial=partial)
            for name in names
        }

    def _relayout(self, scroll_y: int = 0, anchor_block: int = 0) -> None:
        """Typeset again from the first block, enough to show the screen wanted.

        The screen wanted starts at line ``scroll_y``, or at block ``anchor_block``'s
        first line when that is given (after a resize, line numbers change). A search
        keeps its query and finds its matches again as the lines are typeset.
        """
        prepared, galley = self._prepared, self._galley
        links = hyperlink_styles(prepared.links) if prepared and self.hyperlinks else {}
        galley.restart(self._measure_width(), self._styles(STYLE_NAMES), links)
        self._painted.clear()
        self._before_layout()
        height = self.scrollable_content_region.height + 1
        while galley.count <= anchor_block and self._typeset_next():
            pass
        if anchor_block:
            scroll_y = galley.block_lines[min(anchor_block, galley.count - 1)]
        while len(galley.lines) < scroll_y + height and self._typeset_next():
            pass
        self._update_virtual_size()
        self.scroll_to(0, scroll_y, animate=False, immediate=True)
        self.refresh()
        self._update_subtitle()
        if not self.complete:
            self._typeset_rest()
        elif self._prepared is not None:
            self.post_message(self.Complete(self._prepared.story.key))

    def _typeset_next(self) -> bool:
        """Typeset one more block. False at the end."""
        block = self._galley.set_next(self.app.console)
        if block is not None:
            self._block_set(block)
        return block is not None

    def _typeset_all(self) -> None:
        while self._typeset_next():
            pass
        self._update_virtual_size()

    @work(exclusive=True, group="typeset", exit_on_error=False)
    async def _typeset_rest(self) -> None:
        prepared = self._prepared
        grown_at = perf_counter()
        while prepared is self._prepared and not self.complete:
            deadline = perf_counter() + SLICE_SECONDS
            while perf_counter() < deadline and self._typeset_next():
                pass
            # Growing the scrollable size re-lays the pane out: do it a few times a
            # second, or at once when the reader is close to the end of what is ready.
            near_end = self.scroll_y + 2 * self.size.height >= self.virtual_size.height
            if near_end or perf_counter() - grown_at > GROW_SECONDS:
                self._update_virtual_size()
                self._update_subtitle()
                grown_at = perf_counter()
            await asyncio.sleep(0)
        self._update_virtual_size()
        self._update_subtitle()
        if prepared is self._prepared and prepared is not None:
            self.post_message(self.Complete(prepared.story.key))

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._galley.width, len(self._galley.lines))

    def on_resize(self) -> None:
        if self._measure_width() != self._galley.width and self._prepared is not None:
            self._relayout(anchor_block=self.top_block)

    # --- painting ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if (prompt := self._prompt_line(y, width)) is not None:
            return prompt.apply_style(base)
        index = y + int(self.scroll_y)
        if index >= len(self._galley.lines):
            return Strip.blank(width, base)
        key = (index, width, base)
        cached = self._painted.get(key)
        if cached is None:
            margin = max(0, (width - self._galley.width) // 2)
            line = self._overlaid(index)
            if margin:
                line = Strip([Segment(" " * margin), *line])
            cached = line.apply_style(base).adjust_cell_length(width, base)
            self._painted[key] = cached
        return cached

    def _repaint(self) -> None:
        """Paint again after the overlays changed."""
        self._painted.clear()
        self.refresh()
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        self.border_subtitle = Text(self._subtitle())
