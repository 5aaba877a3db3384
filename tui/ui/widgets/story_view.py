"""The reading pane: a story typeset as lines, painted a screenful at a time.

Opening a story converts and typesets only what the first screen needs; the rest is
prepared in short slices on the event loop, so keys keep answering while a 30,000-word
story is still being laid out (see ``bench/bench.py`` for the figures). Slices rather
than a thread: the work is pure Python, so a thread would hold the GIL just the same,
while a slice that yields every few milliseconds bounds how long a key can wait.

Three things are laid over the typeset lines when they are painted, never typeset into
them, so that they cost nothing until used and survive scrolling: search matches (``/``,
``n``, ``N``; see :mod:`.story_search`), link hints (``f``; see :mod:`.hints`) and the
one-line search prompt, drawn on the pane's last row while the query is typed. While
the prompt or the hints are up, the pane takes every key itself, so that letters are
not taken as scroll keys. Link text carries OSC 8 hyperlinks unless ``hyperlinks`` is off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from time import perf_counter
from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.document import Block, Link
from tui.core.fetch_errors import FetchError
from tui.core.images import ImageError, halfblocks
from tui.core.render import PreparedStory
from tui.ui.typeset import STYLE_NAMES, Galley, hyperlink_styles
from tui.ui.widgets.hints import Hints, paint_labels
from tui.ui.widgets.pictures import MAX_ROWS, Pictures
from tui.ui.widgets.story_search import Prompt, Search, prompt_strip, restyle

SLICE_SECONDS: Final = 0.004
"""How long one slice of background typesetting may hold the event loop."""
GROW_SECONDS: Final = 0.25
"""How often the scrollable size follows the typesetting of a long story."""
MAX_MEASURE: Final = 100
"""The widest reading column, in cells: longer lines are hard to follow."""
OVERLAYS: Final = ("match", "match-current", "hint", "prompt")
"""Component classes painted over the typeset lines."""
MATCH_CONTEXT: Final = 3
"""Lines shown above a match that the pane scrolls to."""


class StoryView(ScrollView, can_focus=True):
    """Shows one story; numbered links can be followed by typing their number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="reader.half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="reader.half_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("enter", "follow", "Follow link", id="reader.follow"),
        Binding("f", "hints", "Link hints", id="reader.hints"),
        Binding("i", "toggle_images", "Pictures on/off", show=False, id="reader.images"),
        Binding("/", "search", "Search", id="reader.search"),
        Binding("n", "next_match", "Next match", id="reader.next_match"),
        Binding("N", "previous_match", "Previous match", id="reader.previous_match"),
        Binding("escape", "clear", "Clear the link number or the search", show=False,
                id="reader.clear"),
        *(
            Binding(str(digit), f"digit({digit})", "Link number", show=False,
                    id=f"reader.digit.{digit}")
            for digit in range(10)
        ),
    ]  # fmt: skip

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"story-view--{name}" for name in (*STYLE_NAMES, *OVERLAYS)
    }

    hyperlinks: reactive[bool] = reactive(True, init=False)
    images: reactive[bool] = reactive(False, init=False)
    """Whether pictures are drawn (fetched when first needed); else a labelled line."""
    measure: reactive[int] = reactive(MAX_MEASURE, init=False)
    """The widest the reading column gets, in cells (``[ui] measure``); centred."""
    """Whether link text carries an OSC 8 hyperlink (clickable in terminals that know it)."""

    @dataclass
    class LinkChosen(Message):
        """The user asked to follow a link of the story shown."""

        link: Link

    @dataclass
    class Complete(Message):
        """The whole story is typeset (its last line is known)."""

        story_key: str

    def __init__(
        self, *, hyperlinks: bool = True, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.set_reactive(StoryView.hyperlinks, hyperlinks)
        self._prepared: PreparedStory | None = None
        self._galley = Galley()
        self._painted: LRUCache[tuple[int, int, Style], Strip] = LRUCache(1024)
        """Lines as painted (margin, background, width), so a repaint makes no new strips."""
        self._number = ""
        self._overlays: dict[str, Style] = {}
        self._search: Search | None = None
        self._last_query = ""
        self._prompt: Prompt | None = None
        self._hints: Hints | None = None
        self._pictures = Pictures()
        self.fetch_image: Callable[[str], Awaitable[bytes]] | None = None
        """How pictures are fetched; ``None`` when they cannot be (offline)."""

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
        self._number = ""
        self._search = self._hints = self._prompt = None
        self.refresh_bindings()
        self._relayout(scroll_y)

    def clear(self) -> None:
        self._prepared = None
        self._galley = Galley()
        self._search = self._hints = self._prompt = None
        self._relayout(0)

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
        except (FetchError, ImageError) as error:
            first = not pictures.failed
            reason = error.reason if isinstance(error, FetchError) else str(error)
            pictures.fail(url, reason)
            if first and pictures is self._pictures:
                self.notify(f"A picture could not be shown: {reason}.", timeout=4)
            return
        pictures.keep(url, data, width, cells)
        if pictures is self._pictures:  # still the same story
            self._relayout(anchor_block=self.top_block)

    def action_toggle_images(self) -> None:
        if self.fetch_image is None and not self.images:
            self.notify("Pictures cannot be fetched now (offline).", timeout=3)
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
        return max(10, min(self.scrollable_content_region.width, self.measure))

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
        self._overlays = self._styles(OVERLAYS, partial=True)
        self._hints = None
        if self._search is not None:
            self._search.restart()
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
        """Typeset one more block (and find the search's matches in it). False at the end."""
        block = self._galley.set_next(self.app.console)
        if block is not None and self._search is not None:
            self._search_block(block)
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
            keep = self._search is not None and self._search.shown(*self._screen())
            self._relayout(anchor_block=self.top_block)
            if keep:
                self._reveal_current()

    # --- painting ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self._prompt is not None and y == self.scrollable_content_region.height - 1:
            prompt = prompt_strip(self._prompt.query, width, self._overlays["prompt"])
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

    def _overlaid(self, index: int) -> Strip:
        """Line ``index`` with the search matches and the link hints painted over it."""
        line = self._galley.lines[index]
        if self._search is not None:
            match, current = self._overlays["match"], self._overlays["match-current"]
            ranges = self._search.ranges(index)
            line = restyle(line, ((a, b, current if on else match) for a, b, on in ranges))
        if self._hints is not None and (labels := self._hints.labels_on(index)):
            line = paint_labels(line, labels, self._overlays["hint"])
        return line

    def _repaint(self) -> None:
        """Paint again after the overlays changed."""
        self._painted.clear()
        self.refresh()
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        if self._number:
            subtitle = f"follow link [{self._number}_]  Enter"
        elif self._prompt is not None:
            subtitle = "search: Enter, Esc to cancel"
        elif self._hints is not None:
            subtitle = f"link hint {self._hints.typed}_  Esc to cancel"
        elif self._search is not None:
            subtitle = self._search.status(self.complete)
        else:
            subtitle = ""
        self.border_subtitle = subtitle

    # --- keys taken by the prompt and the hints ---------------------------------------

    def on_key(self, event: events.Key) -> None:
        outcome: int | str
        if self._prompt is not None:
            outcome = self._prompt.key(event.key, event.character)
            query = self._prompt.query
            if outcome != "edit":
                self._prompt = None
            if outcome == "submit":
                self._run_search(query or self._last_query)
        elif self._hints is not None:
            outcome = self._hints.key(event.key, event.character)
            if outcome != "keep":
                self._hints = None
            if isinstance(outcome, int):
                self._follow_number(outcome)
        else:
            return
        self._repaint()
        if outcome != "pass":
            event.stop()
            event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        if self._prompt is not None:
            event.stop()
            self._prompt.paste(event.text)
            self._repaint()

    def on_blur(self) -> None:
        if self._prompt is not None or self._hints is not None:
            self._prompt = self._hints = None
            self._repaint()

    # --- search -----------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search prompt (taking the focus: the palette may ask from elsewhere)."""
        if self._prepared is None:
            return
        self.focus()
        self._hints, self._number, self._prompt = None, "", Prompt()
        self._repaint()

    def _run_search(self, query: str) -> None:
        """Search the whole story for ``query`` (typesetting the rest of it first)."""
        search = Search(query)
        if search.pattern is None:
            return
        self._last_query = query
        self._typeset_all()
        self._search = search
        for block in range(self._galley.count):
            self._search_block(block)
        search.current, wrapped = search.first_from(int(self.scroll_y))
        self._show_current(wrapped, forward=True)
        self.refresh_bindings()

    def _search_block(self, block: int) -> None:
        assert self._search is not None
        self._search.add_block(self._galley.block_text(block), self._galley.block_lines[block])

    def action_next_match(self) -> None:
        self._step(forward=True)

    def action_previous_match(self) -> None:
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        search = self._search
        if search is None or not search.matches:
            self._repaint()
            return
        wrapped = search.advance(*self._screen(), forward)
        self._show_current(wrapped, forward)

    def _screen(self) -> tuple[int, int]:
        """The first line on screen, and how many lines the screen holds."""
        return int(self.scroll_y), self.scrollable_content_region.height

    def _reveal_current(self) -> None:
        """Scroll the current match into view, typesetting up to it if need be."""
        search = self._search
        if search is None or search.current is None:
            return
        while search.current >= len(search.matches) and self._typeset_next():
            pass
        if not search.shown(*self._screen()) and search.current < len(search.matches):
            line = search.line_of(search.current)
            context = min(MATCH_CONTEXT, self.scrollable_content_region.height // 3)
            self._update_virtual_size()
            self.scroll_to(0, max(0, line - context), animate=False, immediate=True)

    def _show_current(self, wrapped: bool, forward: bool) -> None:
        """Scroll the current match into view, and tell whether the search wrapped."""
        self._reveal_current()
        if wrapped:
            where = "top" if forward else "bottom"
            self.notify(f"Search wrapped to the {where}.", timeout=2)
        self._repaint()

    # --- following links by number or by hint -----------------------------------------

    def action_hints(self) -> None:
        """Label each link on screen, to follow one by typing its label."""
        if self._prepared is None:
            return
        top, height = self._screen()
        hints = Hints.over(self._galley.markers, top, top + height, len(self._prepared.links))
        if not hints:
            self.notify("There is no link on this screen.", timeout=2)
            return
        self.focus()
        self._number, self._prompt, self._hints = "", None, hints
        self._repaint()

    def action_digit(self, digit: int) -> None:
        if len(self._number) < 4:
            self._number += str(digit)
        self._update_subtitle()

    def action_clear(self) -> None:
        """Forget the link number being typed; else end the search."""
        self.clear_transient()

    def clear_transient(self) -> bool:
        """Forget the link number being typed, else end the search (``Esc``, and ``q``
        through the screen); False when there was neither."""
        if self._number:
            self._number = ""
        elif self._search is not None:
            self._search = None
            self.refresh_bindings()
        else:
            return False
        self._repaint()
        return True

    def action_follow(self) -> None:
        number, self._number = self._number, ""
        self._update_subtitle()
        if number and self._prepared is not None:
            self._follow_number(int(number))

    def _follow_number(self, number: int) -> None:
        links = self._prepared.links if self._prepared is not None else []
        if 1 <= number <= len(links):
            self.post_message(self.LinkChosen(links[number - 1]))
        else:
            self.notify(f"There is no link [{number}] in this story.", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return self._search is not None
        return True

    # --- scrolling --------------------------------------------------------------------

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_half_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_relative(y=direction * step, animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._typeset_all()
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)
