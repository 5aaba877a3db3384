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
from time import perf_counter
from typing import Final

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model.record import record
from tui.core.render.render import PreparedStory
from tui.ui.documents import small
from tui.ui.focus_cue import QuietFocus
from tui.ui.keys_first import give_way, keys_of, run_slice
from tui.ui.memory import typeset, typesetting
from tui.ui.typeset import STYLE_NAMES, Galley, hyperlink_styles
from tui.ui.widgets.ahead import Ahead
from tui.ui.widgets.picture_pane import PicturePane
from tui.ui.widgets.pictures import FetchImage, Pictures

SLICE_SECONDS: Final = 0.004
"""How long one slice of background typesetting may hold the event loop."""
FIRST_SECONDS: Final = 0.008
"""How long the typesetting before the first frame may go on once the screen is full: a
story set whole by then (2,000 words are) paints once, its scrollbar final; the rest of
a longer one is set in slices."""
READING_PAUSE: Final = 0.03
"""How long the typesetting waits while the reader scrolls through what is set already
(each scroll's frame then has the event loop to itself)."""
GROW_SECONDS: Final = 0.25
"""How often the scrollable size follows the typesetting of a long story."""
MAX_MEASURE: Final = 100
"""The widest reading column, in cells: longer lines are hard to follow."""


class GalleyView(QuietFocus, PicturePane, can_focus=True):
    """Shows one story's lines; subclasses add keys and what is painted over them."""

    hyperlinks: reactive[bool] = reactive(True, init=False)
    """Whether link text carries an OSC 8 hyperlink (clickable in terminals that know it)."""
    images: reactive[bool] = reactive(False, init=False)
    """Whether pictures are drawn (fetched when first needed); else a labelled line."""
    measure: reactive[int] = reactive(MAX_MEASURE, init=False)
    """The widest the reading column gets, in cells (``[ui] measure``); centred."""

    @record
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
        self._said: str | None = None
        """What the lower border says now."""
        self._ahead: Ahead | None = None
        """The story being set ahead of Enter (see :meth:`typeset_ahead`)."""
        self._left: list[object] = []
        """What the stories shown before left, until :meth:`let_go`."""
        self.fetch_image = fetch_image
        """How pictures are fetched; ``None`` when they cannot be (offline)."""
        self._waiting = ""
        """What the empty pane says while a story is on its way (see :meth:`clear`)."""

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

    def show(self, prepared: PreparedStory, scroll_y: int = 0, room: Size | None = None) -> None:
        """Show ``prepared``: the first screen now, the rest in slices.

        ``room``: the pane's content size in the coming frame when it is not the size it
        has now (the pane is about to be shown): set at that width, the story needs no
        second typesetting once the pane is laid out. Lines set ahead (see
        :meth:`typeset_ahead`) are taken when they fit."""
        ahead, self._ahead = self._ahead, None
        room = room or self.scrollable_content_region.size
        if prepared is self._prepared and not self.images:  # shown again: set already
            ahead = Ahead.of(self._galley, prepared, self._styles(STYLE_NAMES))
        self._prepared = prepared
        self._waiting = ""
        self._leave()
        self._galley = Galley(prepared.header(), prepared.chunks())
        self._pictures = Pictures()
        self._forget_overlays()
        set_ahead = False
        if ahead is not None:
            styles, width = self._styles(STYLE_NAMES), self._measure_width(room.width)
            set_ahead = not self.images and ahead.fits(prepared, width, styles)
            ahead.dropped = True  # taken, or of no use: its slices end
            if set_ahead:
                self._galley = ahead.galley
        self._galley.pictures = self._picture
        self._relayout(scroll_y, room=room, keep=set_ahead)

    def typeset_ahead(self, prepared: PreparedStory, room: Size | None) -> None:
        """Set ``prepared`` for a pane of content size ``room`` (the size the pane will
        have when the story is opened), in slices, so that :meth:`show` finds it set;
        not with pictures (they are fetched as set), nor when the room is unknown."""
        if self._ahead is not None:
            self._ahead.dropped = True
            self._ahead = None
        if self.images or not room or prepared is self._prepared:
            return
        links = hyperlink_styles(prepared.links) if self.hyperlinks else {}
        width = self._measure_width(room.width)
        self._ahead = Ahead(prepared, width, self._styles(STYLE_NAMES), links)
        work = self._ahead.run(self.app.console, keys_of(self.app))
        self.run_worker(work, group="ahead", exit_on_error=False)

    def clear(self, saying: str = "") -> None:
        """Show nothing (a story is on its way): never the last story under a new title.
        ``saying``: what the pane says on its first row meanwhile (what is being read or
        built, when that takes a while), until a story is shown."""
        self._prepared = None
        self._waiting = saying
        self._leave()
        self._galley = Galley()
        self._pictures = Pictures()
        self._forget_overlays()
        self._update_virtual_size()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self._update_subtitle()

    def _leave(self) -> None:
        """The story shown goes: its typeset lines are kept until :meth:`let_go`; one
        story's at most (stories opened faster than frames are written, by the hundred in
        tests/test_memory.py, held them all: RSS grew 9 MB over 400 opens)."""
        self._left[:] = [(self._galley, self._painted)]
        self._painted = LRUCache(1024)

    def let_go(self) -> None:
        """Free what the stories shown before left: thousands of strips, ~15 M
        instructions for a 30,000-word story's, which the frame showing the next story
        need not wait for (called once it is written)."""
        self._left.clear()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    def watch_hyperlinks(self) -> None:
        self._restyle()

    def watch_images(self) -> None:
        if self._prepared is not None:
            self._relayout(anchor_block=self.top_block)

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

    def _measure_width(self, room: int | None = None) -> int:
        # One cell less than the room: a gutter, so a full line never touches the scrollbar.
        room = self.scrollable_content_region.width if room is None else room
        return max(10, min(room - 1, self.measure))

    def _styles(self, names: tuple[str, ...], partial: bool = False) -> dict[str, Style]:
        return {name: self.component_style(f"story-view--{name}", partial) for name in names}

    def _relayout(
        self,
        scroll_y: int = 0,
        anchor_block: int = 0,
        room: Size | None = None,
        keep: bool = False,
    ) -> None:
        """Typeset again from the first block, enough to show the screen wanted.

        The screen wanted starts at line ``scroll_y``, or at block ``anchor_block``'s
        first line when that is given (after a resize, line numbers change). A search
        keeps its query and finds its matches again as the lines are typeset. ``room``:
        the content size the pane is about to have (see :meth:`show`). ``keep``: the
        lines set so far are right (set ahead): go on from them.
        """
        started = perf_counter()
        prepared, galley = self._prepared, self._galley
        room = room or self.scrollable_content_region.size
        if not keep:
            links = hyperlink_styles(prepared.links) if prepared and self.hyperlinks else {}
            galley.restart(self._measure_width(room.width), self._styles(STYLE_NAMES), links)
        self._painted.clear()
        self._before_layout()
        height = room.height + 1
        while galley.count <= anchor_block and self._typeset_next():
            pass
        if anchor_block:
            scroll_y = galley.block_lines[min(anchor_block, galley.count - 1)]
        while len(galley.lines) < scroll_y + height and self._typeset_next():
            pass
        # A long body built as it is read cannot be set whole in a few ms: its first
        # frame does not wait for more than its screen.
        deadline = started + (FIRST_SECONDS if prepared is None or prepared.complete else 0)
        while perf_counter() < deadline and self._typeset_next():
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

    def _set_below(self, rows: int) -> None:
        """Set the lines a scroll of ``rows`` down shows, if the slices have not yet: a
        key read right after the first screen scrolled no further than what was set (a
        page down by one line)."""
        wanted = int(self.scroll_y) + self.scrollable_content_region.height + rows
        if len(self._galley.lines) < wanted:
            while len(self._galley.lines) < wanted and self._typeset_next():
                pass
            self._update_virtual_size()

    def _typeset_all(self) -> None:
        while self._typeset_next():
            pass
        self._update_virtual_size()

    @work(group="typeset", exit_on_error=False)
    async def _typeset_rest(self) -> None:
        """Typeset the rest in slices; ends by itself once the lines are set anew (another
        story, another width), rather than being cancelled. While a key is being answered
        (keys_first.py) a slice ends early and the next waits: a scroll sets the lines
        it shows itself (:meth:`_set_below`)."""
        prepared, galley, lines = self._prepared, self._galley, self._galley.lines
        grown_at = perf_counter()
        read_at = self.scroll_y
        long = prepared is not None and not small(prepared.story)
        keys = keys_of(self.app)
        try:
            while galley is self._galley and lines is galley.lines and not self.complete:
                reading, read_at = self.scroll_y != read_at, self.scroll_y
                ahead = len(lines) - self.scroll_y - self.size.height
                if reading and ahead > 2 * self.size.height:
                    # The reader is scrolling and enough is set below: the keys' frames first.
                    self._update_virtual_size()
                    await asyncio.sleep(READING_PAUSE)
                    continue
                if long:  # no middle collection meanwhile (tui/ui/memory.py)
                    typesetting()
                run_slice(self._typeset_next, keys, SLICE_SECONDS)
                # Growing the scrollable size re-lays the pane out: do it a few times a
                # second, or at once when the reader is close to the end of what is ready.
                near_end = self.scroll_y + 2 * self.size.height >= self.virtual_size.height
                if near_end or perf_counter() - grown_at > GROW_SECONDS:
                    self._update_virtual_size()
                    self._update_subtitle()
                    grown_at = perf_counter()
                await give_way(keys)  # the keys read meanwhile go their way, and are answered
        finally:
            if long:
                typeset()
        if galley is not self._galley or lines is not galley.lines:
            return  # set anew meanwhile: that typesetting goes on
        self._update_virtual_size()
        self._update_subtitle()
        if prepared is not None:
            self.post_message(self.Complete(prepared.story.key))

    def _update_virtual_size(self) -> None:
        """The scrollable size follows the lines typeset: only the scrollbar changes.

        Textual lays the whole screen out again when a widget's virtual size changes
        (20-30 ms a time while a long story was typeset). The pane's own size never
        depends on its content (its width is a share of the screen, its scrollbar always
        there), so the size is set without that layout, and the scrollbar told
        (``Widget._scroll_update``: a Textual internal, kept here alone and checked by
        tests/test_opening.py)."""
        size = Size(self._galley.width, len(self._galley.lines))
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def on_resize(self) -> None:
        if self._measure_width() != self._galley.width and self._prepared is not None:
            self._relayout(anchor_block=self.top_block)

    # --- painting ---------------------------------------------------------------------

    _pass: tuple[int, Style] | None = None
    """While the lines are drawn: the content's width and the base style (Textual works
    the width out from the compositor's region at each call: ~30,000 instructions a line)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = (self.scrollable_content_region.width, self.base_style)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        if self._pass is None:
            width, base = self.scrollable_content_region.width, self.base_style
        else:
            width, base = self._pass
        if (prompt := self._prompt_line(y, width)) is not None:
            return prompt.apply_style(base)
        index = y + int(self.scroll_y)
        if index >= len(self._galley.lines):
            if index == 0 and self._waiting:  # where the story's first line will be
                indent = Segment(" " * max(0, (width - self._measure_width()) // 2))
                words = Segment(self._waiting, base + self._styles(("meta",))["meta"])
                return Strip([indent, words]).adjust_cell_length(width, base)
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
        subtitle = self._subtitle()
        if subtitle != self._said:  # the same words again would repaint the whole pane
            self._said = subtitle
            self.border_subtitle = Text(subtitle)
