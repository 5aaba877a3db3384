"""The reading pane's search: ``/`` opens a one-line prompt on the pane's last row, the
matches are painted over the typeset lines (never typeset into them), ``n`` and ``N``
step through them, typesetting the rest of a long story first when needed. The finding
and painting are :mod:`.story_search`'s; here the pane's side: its state and its keys.

:class:`SearchingView` sits between :class:`~.galley_view.GalleyView` (the typesetting
and painting) and :class:`~.story_view.StoryView` (the keys, link hints and numbers).
"""

from __future__ import annotations

from typing import Final

from rich.style import Style
from textual import events
from textual.strip import Strip

from tui.ui.widgets.galley_view import GalleyView
from tui.ui.widgets.story_search import Prompt, Search, prompt_strip, restyle

OVERLAYS: Final = ("match", "match-current", "hint", "prompt", "link-cursor")
"""Component classes painted over the typeset lines."""
MATCH_CONTEXT: Final = 3
"""Lines shown above a match that the pane scrolls to."""


class SearchingView(GalleyView):
    """A story's lines with a search over them: the prompt, the matches painted."""

    _overlays: dict[str, Style] = {}  # noqa: RUF012 - replaced, never changed in place
    """The styles of what is painted over the lines (``OVERLAYS``), by name."""
    _search: Search | None = None
    _last_query = ""
    _prompt: Prompt | None = None

    # --- what is laid over the lines ----------------------------------------------------

    def _forget_overlays(self) -> None:
        self._search = self._prompt = None
        self.refresh_bindings()

    def _before_layout(self) -> None:
        self._overlays = self._styles(OVERLAYS, partial=True)
        if self._search is not None:
            self._search.restart()

    def _block_set(self, block: int) -> None:
        if self._search is not None:
            self._search_block(block)

    def _prompt_line(self, y: int, width: int) -> Strip | None:
        if self._prompt is not None and y == self.scrollable_content_region.height - 1:
            return prompt_strip(self._prompt.query, width, self._overlays["prompt"])
        return None

    def _overlaid(self, index: int) -> Strip:
        """Line ``index`` with the search matches painted over it."""
        line = self._galley.lines[index]
        if self._search is not None:
            match, current = self._overlays["match"], self._overlays["match-current"]
            ranges = self._search.ranges(index)
            line = restyle(line, ((a, b, current if on else match) for a, b, on in ranges))
        return line

    def on_resize(self) -> None:
        keep = self._search is not None and self._search.shown(*self._screen())
        width = self._galley.width
        super().on_resize()
        if keep and self._galley.width != width:
            self._reveal_current()

    # --- the prompt -------------------------------------------------------------------

    def _prompt_key(self, event: events.Key) -> str:
        """A key typed in the prompt: what the prompt made of it (``"pass"``: not its)."""
        assert self._prompt is not None
        outcome = self._prompt.key(event.key, event.character)
        query = self._prompt.query
        if outcome != "edit":
            self._prompt = None
        if outcome == "submit":
            self._run_search(query or self._last_query)
        return outcome

    def on_paste(self, event: events.Paste) -> None:
        if self._prompt is not None:
            event.stop()
            self._prompt.paste(event.text)
            self._repaint()

    # --- search -----------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search prompt (taking the focus: the palette may ask from elsewhere)."""
        if self._prepared is None:
            return
        self.focus()
        self._prompt = Prompt()
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
