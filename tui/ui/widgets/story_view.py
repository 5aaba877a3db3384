"""The reading pane: a story typeset as lines, painted a screenful at a time.

Opening a story converts and typesets only what the first screen needs; the rest is
prepared in short slices on the event loop, so keys keep answering while a 30,000-word
story is still being laid out (see ``bench/bench.py`` for the figures). Slices rather
than a thread: the work is pure Python, so a thread would hold the GIL just the same,
while a slice that yields every few milliseconds bounds how long a key can wait.
"""

from __future__ import annotations

import asyncio
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from time import perf_counter
from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.document import Block, Link
from tui.core.render import PreparedStory
from tui.ui.typeset import STYLE_NAMES, needs_gap, typeset_block

SLICE_SECONDS: Final = 0.004
"""How long one slice of background typesetting may hold the event loop."""
GROW_SECONDS: Final = 0.25
"""How often the scrollable size follows the typesetting of a long story."""
MAX_MEASURE: Final = 100
"""The widest reading column, in cells: longer lines are hard to follow."""


class StoryView(ScrollView, can_focus=True):
    """Shows one story; numbered links can be followed by typing their number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("enter", "follow", "Follow link", id="reader.follow"),
        Binding("escape", "clear_number", "Clear number", show=False, id="reader.clear"),
        *(
            Binding(str(digit), f"digit({digit})", "Link number", show=False,
                    id=f"reader.digit.{digit}")
            for digit in range(10)
        ),
    ]  # fmt: skip

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"story-view--{name}" for name in STYLE_NAMES}

    @dataclass
    class LinkChosen(Message):
        """The user asked to follow a link of the story shown."""

        link: Link

    @dataclass
    class Complete(Message):
        """The whole story is typeset (its last line is known)."""

        story_key: str

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._prepared: PreparedStory | None = None
        self._chunks: Iterator[list[Block]] = iter(())
        self._blocks: list[Block] = []
        self._block_lines: list[int] = []  # the first line of each block
        self._lines: list[Strip] = []
        self._painted: LRUCache[tuple[int, int, Style], Strip] = LRUCache(1024)
        """Lines as painted (margin, background, width), so a repaint makes no new strips."""
        self._typeset_count = 0  # blocks typeset so far
        self._measure = 0
        self._number = ""
        self._converted = True  # every chunk of the story has been converted to blocks

    # --- what is shown ----------------------------------------------------------------

    @property
    def prepared(self) -> PreparedStory | None:
        return self._prepared

    @property
    def complete(self) -> bool:
        """Whether every block of the story is typeset."""
        return self._converted and self._typeset_count == len(self._blocks)

    @property
    def top_block(self) -> int:
        """The index of the block at the top of the pane."""
        return self._block_at(int(self.scroll_y))

    @property
    def text(self) -> str:
        """What is typeset so far, as plain text (for tests and copying)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    def show(self, prepared: PreparedStory, scroll_y: int = 0) -> None:
        """Show ``prepared``: the first screen now, the rest in slices."""
        self._prepared = prepared
        self._chunks = prepared.chunks()
        self._blocks = list(prepared.header())
        self._converted = False
        self._number = ""
        self._update_subtitle()
        self._relayout(scroll_y)

    def clear(self) -> None:
        self._prepared = None
        self._chunks = iter(())
        self._blocks = []
        self._converted = True
        self._relayout(0)

    # --- layout -----------------------------------------------------------------------

    def _measure_width(self) -> int:
        return max(10, min(self.scrollable_content_region.width, MAX_MEASURE))

    def _styles(self) -> dict[str, Style]:
        return {name: self.get_component_rich_style(f"story-view--{name}") for name in STYLE_NAMES}

    def _relayout(self, scroll_y: int = 0, anchor_block: int = 0) -> None:
        """Typeset again from the first block, enough to show the screen wanted.

        The screen wanted starts at line ``scroll_y``, or at block ``anchor_block``'s
        first line when that is given (after a resize, line numbers change).
        """
        self._measure = self._measure_width()
        self._lines, self._block_lines, self._typeset_count = [], [], 0
        self._painted.clear()
        self._style_map = self._styles()
        height = self.scrollable_content_region.height + 1
        while self._typeset_count <= anchor_block and self._typeset_next():
            pass
        if anchor_block:
            scroll_y = self._block_lines[min(anchor_block, len(self._block_lines) - 1)]
        while len(self._lines) < scroll_y + height and self._typeset_next():
            pass
        self._update_virtual_size()
        self.scroll_to(0, scroll_y, animate=False, immediate=True)
        self.refresh()
        if not self.complete:
            self._typeset_rest()
        elif self._prepared is not None:
            self.post_message(self.Complete(self._prepared.story.key))

    def _typeset_next(self) -> bool:
        """Typeset one more block, converting the next chunk when needed. False at the end."""
        if self._typeset_count >= len(self._blocks):
            chunk = next(self._chunks, None)
            if chunk is None:
                self._converted = True
                return False
            self._blocks.extend(chunk)
            if not chunk:
                return True
        block = self._blocks[self._typeset_count]
        previous = self._blocks[self._typeset_count - 1] if self._typeset_count else None
        if needs_gap(previous, block):
            self._lines.append(Strip.blank(0))
        self._block_lines.append(len(self._lines))
        console = self.app.console
        for line in typeset_block(console, block, self._measure, self._style_map):
            self._lines.append(Strip(list(line.render(console, end=""))))
        self._typeset_count += 1
        return True

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
                grown_at = perf_counter()
            await asyncio.sleep(0)
        self._update_virtual_size()
        if prepared is self._prepared and prepared is not None:
            self.post_message(self.Complete(prepared.story.key))

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._measure, len(self._lines))

    def on_resize(self) -> None:
        if self._measure_width() != self._measure and self._prepared is not None:
            self._relayout(anchor_block=self.top_block)

    def _block_at(self, line: int) -> int:
        return max(0, bisect_right(self._block_lines, line) - 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, width, base)
        cached = self._painted.get(key)
        if cached is None:
            margin = max(0, (width - self._measure) // 2)
            line = self._lines[index]
            if margin:
                line = Strip([Segment(" " * margin), *line])
            cached = line.apply_style(base).adjust_cell_length(width, base)
            self._painted[key] = cached
        return cached

    # --- following links by number ----------------------------------------------------

    def action_digit(self, digit: int) -> None:
        if len(self._number) < 4:
            self._number += str(digit)
        self._update_subtitle()

    def action_clear_number(self) -> None:
        self._number = ""
        self._update_subtitle()

    def action_follow(self) -> None:
        number, self._number = self._number, ""
        self._update_subtitle()
        if not number or self._prepared is None:
            return
        links = self._prepared.links
        index = int(number) - 1
        if 0 <= index < len(links):
            self.post_message(self.LinkChosen(links[index]))
        else:
            self.notify(f"There is no link [{number}] in this story.", severity="warning")

    def _update_subtitle(self) -> None:
        self.border_subtitle = f"follow link [{self._number}_]  Enter" if self._number else ""

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        while self._typeset_next():
            pass
        self._update_virtual_size()
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)
