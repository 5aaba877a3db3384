"""What the app writes to the terminal: only the cells that changed (wire.py), frames
merged while a slow link catches up (link.py), everything again on Ctrl+L or after
``fg``, and no colour at all where there is none (NO_COLOR, a monochrome terminal)."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.segment import Segment
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App, ScreenStackError
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor
from textual.geometry import Region
from textual.screen import Screen

from tui.ui.link import Link
from tui.ui.wire import Diffed, Shadow, Written

if TYPE_CHECKING:
    from tui.ui.keys_first import KeysFirst
    from tui.ui.screens.reader import ReaderScreen


class TerminalOutput(App[None]):
    """The app's side that writes to the terminal (the app is :class:`BelgaApp`)."""

    keys_first: KeysFirst
    reader: ReaderScreen

    def _make_output(self) -> None:
        self._shadow = Shadow()
        """What the terminal shows, cell by cell (as last written)."""
        self._link = Link(self._repaint)
        """What the terminal has confirmed reading, and the frames held meanwhile."""

    def _drop_colour(self) -> None:
        """NO_COLOR: no colour codes at all, the terminal's own colours (a light terminal
        stays light); emphasis by bold, underline and reverse only. Textual's own filter
        turns colours into greys instead."""
        self._filters = [f for f in self._filters if not isinstance(f, Monochrome | NoColor)]
        self._filters.append(NoColour())

    def _redraw(self, _app: App[None]) -> None:
        """After Ctrl+Z and ``fg`` the terminal shows the shell's screen: paint it all."""
        self._shadow.forget()
        self._link.forget()
        self.screen.refresh(repaint=True, layout=True)

    def _repaint(self, regions: list[Region]) -> None:
        """Frames held back while the link was busy, painted again (tui/ui/link.py): the
        rows they held at once (a scroll is found in them), then the whole screen, in the
        frame after, written as the difference from what the terminal really shows
        (nothing, mostly). An update Textual made while frames were held may be in none
        of them: a story fetched at Enter stayed a blank pane until Ctrl+L (a new user's
        report, 4 times in 7), its text in no held update."""
        with suppress(ScreenStackError):  # the app is closing: nothing to paint
            self.screen.refresh(*regions)
            self.call_after_refresh(self._repaint_all)

    def _repaint_all(self) -> None:
        with suppress(ScreenStackError):
            self.screen.refresh(self.screen.region)

    def action_redraw(self) -> None:
        """Ctrl+L, as in less, vim or mutt: every cell written again (over SSH a screen
        gets garbled: a message from the system, a line noise burst)."""
        self._redraw(self)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Only the cells that changed are written to the terminal (tui/ui/wire.py); an
        update that changes none writes nothing at all.

        Textual ends every update with a cursor move, so an update that changed nothing
        (its own bookkeeping after a pane is shown: the scrollbars laid out again) still
        wrote 6 bytes, 30-50 ms after the story's frame. That move parks the cursor: the
        next update starts from there, with a relative move (its pen reset, as each
        update ends). ``_previous_cursor_position`` is Textual's (an internal, checked by
        tests/test_opening.py)."""
        self._write(screen, renderable)
        self.keys_first.put()
        self.reader.after_frame.written()  # the work that waited for this frame

    def _write(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if not isinstance(renderable, ChopsUpdate | LayoutUpdate) or self.is_inline:
            super()._display(screen, renderable)
            return
        parked = self._previous_cursor_position  # where Textual put the cursor last
        update: Diffed | Written = Diffed(
            self._shadow, renderable, *self.size, cursor=(parked.y, parked.x)
        )
        writing = self._running and not self._closed and not self.is_headless
        if writing and self._driver is not None and not self._batch_count:
            if self._link.hold(renderable):  # a slow link: merged into the next frame
                return
            text = update.render_segments(self.console)
            cursor = self.screen.outer_size.clamp_offset(self.cursor_position)
            if not text and cursor == self._previous_cursor_position:
                return
            update = Written(text + self._link.ask())
        super()._display(screen, update)


class NoColour(LineFilter):
    """Takes every colour out of the lines painted; keeps bold, underline, reverse."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, style.without_color if style is not None else None, control)
            for text, style, control in segments
        ]
