"""The reader screen's panes: which are shown (stacked, split or wide, see
:mod:`.layout`), moving between them, the list's width, zen, and ``q`` stepping back."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual._arrange import arrange
from textual.events import ScreenResume
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.ui.focus_cue import cue
from tui.ui.frames import PacedScreen
from tui.ui.screens.layout import (
    LIST,
    LIST_MAX,
    LIST_MIN,
    LIST_STEP,
    PANES,
    RELATED,
    STORY,
    STORY_MIN,
    Mode,
    mode_for,
    panes_shown,
)
from tui.ui.widgets.alike_rows import AlikeRows
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

NOTHING_TO_READ = "Nothing to read here: this list is empty."


class PanedScreen(AlikeRows, PacedScreen):
    """The list, the reading pane and the sidebar, arranged for the terminal's width."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's own repaints the whole screen whenever the focus moves: ~20 KB over the
    wire for a pane switch. The focus styles are updated widget by widget all the same,
    so only what they change is painted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"panes--focused"}
    """The focused pane's cue (:mod:`tui.ui.focus_cue`)."""

    def __init__(self, list_width: int = 72) -> None:
        super().__init__()
        self.layout_mode: Mode | None = None
        self.list_width = max(LIST_MIN, min(LIST_MAX, list_width))
        self._side = LIST  # in the split layout: the list, or the sidebar
        self._shown: set[str] = set()
        """The panes the layout shows now (zen aside)."""
        self._first_resume = True
        """Not resumed yet: its widgets were just styled (see :meth:`on_screen_resume`)."""
        self._when_arranged: list[Callable[[], object]] | None = []
        """Called once the panes are first arranged (None since then)."""
        self._cued: str | None = None
        """The pane shown as focused (:meth:`_cue_focus`)."""

    def _open_highlighted(self) -> bool:
        """Open the story under the list's cursor unless it is the one shown (``l`` or
        ``Tab`` from the list, as newsboat's right arrow): True if it did."""
        return False

    def _beside_the_list(self) -> None:
        """The layout now shows the story beside the list."""

    def on_descendant_focus(self) -> None:
        self._arrange()

    def watch_focused(self) -> None:
        """The focus moved: the pane that has it shows so at once (in the frame the move
        belongs to, not when the widgets hear of it)."""
        self._cue_focus()

    def _cue_focus(self, again: bool = False) -> None:
        """Show the pane that has the focus as focused, and no other (``again``: their
        looks changed, a theme or zen)."""
        pane = self._pane_of_focus() if self.focused is not None else None
        if pane == self._cued and not again:
            return
        self._cued = pane
        look = self.get_component_styles("panes--focused")
        for name in PANES:
            cue(self.query_one(f"#{name}"), look if name == pane else None)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._cue_focus, True)  # once the look has its new colours

    def on_mount(self) -> None:
        # The panes arranged for the terminal now, so that the first frame shows them
        # (arranged at the first Resize, the first frame was a blank screen); then what
        # waited for it (start-up fills the list), and the key bar told the keys that
        # apply then: the bar is in that frame too, not in one of its own after it.
        self._relayout()
        self.watch(self.app, "theme", self._theme_changed, init=False)
        waiting, self._when_arranged = self._when_arranged or [], None
        for callback in waiting:
            callback()
        self.refresh_bindings()

    def when_arranged(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the panes are arranged for the terminal: when the
        screen is mounted, before its first frame (at once if that was before)."""
        if self._when_arranged is None:
            callback()
        else:
            self._when_arranged.append(callback)

    def on_resize(self) -> None:
        self._relayout()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Textual restyles every widget of a screen when it is resumed, the first time
        # too, just after each widget was styled as it was mounted (~40 M instructions,
        # a tenth of start-up's work after the imports). Not that first time: this
        # handler runs before Screen's own, which reads the flag (a Textual internal,
        # here alone; tests/test_start_paint.py checks both the skip and the screen).
        if self._first_resume:
            self._first_resume = False
            event.refresh_styles = False

    @property
    def columns(self) -> int:
        """The screen's width; before its first layout, the terminal's (the same)."""
        return self.size.width or self.app.size.width

    def _set_mode(self) -> None:
        """The layout for the screen's width, as a class on the screen. Called first when
        the screen composes, before its widgets are styled: a class set on the screen
        later restyles every widget in it (~6 ms at start-up)."""
        mode = mode_for(self.columns, self.list_width)
        if mode != self.layout_mode:
            self.remove_class(f"-{self.layout_mode}")
            self.layout_mode = mode
            self.add_class(f"-{mode}")

    def _relayout(self) -> None:
        self._set_mode()
        mode = self.layout_mode
        list_pane = self.query_one(ListPane)
        list_pane.styles.width = "1fr" if mode == "stacked" else self.list_width
        self._arrange()
        if mode != "stacked":
            self._beside_the_list()

    def _pane_of_focus(self) -> str:
        node = self.focused
        while node is not None and node.id not in PANES:
            node = node.parent  # type: ignore[assignment]
        return node.id if node is not None and node.id else LIST

    def _arrange(self, pane: str | None = None) -> None:
        """Show the panes the layout gives ``pane`` (the focused one by default).

        Each pane is shown or hidden by its own ``display``, never by a class on the
        screen: a class change on the screen restyles every widget in it (~130 nodes, 10-15
        ms of a story opened from the list, and the frame after it laid out again)."""
        pane = pane or self._pane_of_focus()
        if pane != STORY:
            self._side = pane
        shown = panes_shown(self.layout_mode or "wide", self.columns, pane, self._side)
        self._shown = shown
        on_screen = self._on_screen(pane)
        for name in PANES:
            widget = self.query_one(f"#{name}")
            if widget.display != (name in on_screen):
                widget.display = name in on_screen
        self._cue_focus(again=True)  # zen may have taken the edges away, or given them back
        sidebar = self.query_one(RelatedLinks)
        sidebar.set_class(shown == {RELATED}, "-single")
        if self.layout_mode:
            self._say_related(RELATED not in shown)

    def _on_screen(self, pane: str) -> set[str]:
        """The panes on screen when ``pane`` has the focus, zen included."""
        if self.has_class("-zen"):
            return {STORY}
        side = pane if pane != STORY else self._side
        return panes_shown(self.layout_mode or "wide", self.columns, pane, side)

    def room_of(self, view: StoryView, opened: bool = False) -> Size | None:
        """The reading pane's content size in the coming frame (its lines are set to it
        before the frame, rather than set again after it), or None if it cannot tell.
        ``opened``: the size it will have once a story is opened (the panes shown then),
        though it may be hidden now: a story is set ahead at that size.

        It asks the panes' layout (Textual's ``Layout.arrange``, checked by
        tests/test_opening.py) where the panes go, as the next layout will; before the
        screen's first layout, the panes' own size from the screen's (``_room_in``)."""
        panes = self.query_one("#panes")
        if not (opened or view.display):
            return None
        screen = self.size or self.app.size
        size = panes.size or _room_in(self, panes, screen)
        if not size:
            return None
        on_screen = self._on_screen(STORY) if opened else None
        children = [
            child
            for child in panes.children
            if (child.display if on_screen is None else child.id in on_screen)
        ]
        for placement in panes.layout.arrange(panes, children, size):
            if placement.widget is view:
                styles = view.styles
                gutter = styles.gutter.totals
                bar = styles.scrollbar_size_vertical if styles.overflow_y == "scroll" else 0
                width, height = placement.region.size - gutter
                return Size(max(0, width - bar), max(0, height))
        return None

    def shown_panes(self) -> set[str]:
        """The panes on screen now (zen aside)."""
        return set(self._shown)

    def _focus_pane(self, name: str) -> None:
        self._arrange(name)  # shown first: a hidden widget cannot take the focus
        widget = self.query_one(f"#{name}")
        target = widget.query_one(StoryList) if isinstance(widget, ListPane) else widget
        self.set_focus(target)

    def _step_pane(self, step: int, wrap: bool = True) -> None:
        if self.has_class("-zen"):
            return
        index = PANES.index(self._pane_of_focus()) + step
        if not wrap and not 0 <= index < len(PANES):
            return
        target = PANES[index % len(PANES)]
        if target == STORY and step > 0 and self._open_highlighted():
            return  # from the list: the story under its cursor, opened
        if target != LIST and self._nothing_open():
            if self._pane_of_focus() == LIST:  # Shift+Tab to the sidebar, as Tab does
                if not self._open_highlighted():
                    self.notify(NOTHING_TO_READ, timeout=3)
                return
            target = LIST  # from the sidebar, past the empty reading pane
        self._focus_pane(target)

    def _nothing_open(self) -> bool:
        """Whether the reading pane has no story (none opened yet, or an empty list): the
        reading pane and the sidebar would be blank boxes offering keys that do nothing."""
        return self.query_one(StoryView).prepared is None

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def action_pane_left(self) -> None:
        self._step_pane(-1, wrap=False)

    def action_pane_right(self) -> None:
        self._step_pane(1, wrap=False)

    def action_list_width(self, step: int) -> None:
        """``<`` and ``>``: the list's width beside the story (``[ui] list_width``)."""
        width = max(LIST_MIN, min(LIST_MAX, self.list_width + step * LIST_STEP))
        if width == self.list_width:
            return
        self.list_width = width
        self._relayout()
        if self.layout_mode == "stacked":
            beside = width + STORY_MIN
            # Said as shown: the list fills the terminal, whatever width it keeps.
            self.notify(
                f"List {self.columns} columns, alone; {width} beside the story "
                f"from {beside} columns."
            )
        else:
            self.notify(f"List {width} columns ([ui] list_width keeps it).")

    def action_zen(self) -> None:
        if not self.has_class("-zen") and self._nothing_open() and not self._open_highlighted():
            self.notify(NOTHING_TO_READ, timeout=3)  # zen of nothing: a blank screen
            return
        self.toggle_class("-zen")
        self._arrange()
        if self.has_class("-zen"):
            self.query_one(StoryView).focus()
        self.refresh_bindings()  # q leaves zen

    @property
    def opening(self) -> bool:
        """Whether a story asked for is not on screen yet (``q`` and Esc cancel it)."""
        return False

    def cancel_opening(self) -> bool:
        """Cancel the story asked for and not shown yet: False if there was none."""
        return False

    def can_leave(self) -> bool:
        """Whether ``q`` has something to step back from (else it quits)."""
        view = self.query_one(StoryView)
        return (
            self.opening
            or view.has_transient
            or self.has_class("-zen")
            or (self._pane_of_focus() != LIST and not self._only_a_note(view))
            or self.query_one(ListPane).narrowed
        )

    def _only_a_note(self, view: StoryView) -> bool:
        """Whether a note of belga's own ("Nothing is cached yet") stands in for an empty
        list: it is the first level, with nothing behind it to go back to."""
        note = view.prepared is not None and view.prepared.note
        return note and not self.query_one(ListPane).entries

    def action_leave(self) -> None:
        """``q`` steps back one level: end a search or a link number in the story, leave
        zen, go from the story or the sidebar to the list, clear the filter, leave the
        saved view; first of all, cancel a story asked for and not shown yet."""
        if self.cancel_opening():
            return
        if self.query_one(StoryView).clear_transient():
            return
        if self.has_class("-zen"):
            self.remove_class("-zen")
            self._arrange()
            self.refresh_bindings()
            return
        pane = self._pane_of_focus()
        if pane != LIST:
            self._focus_pane(STORY if pane == RELATED else LIST)
            return
        self.query_one(ListPane).leave_view()

    def _say_related(self, hidden: bool) -> None:
        """Where the sidebar is not on screen, the reading pane says what it holds:
        every link of the story or page (stories, pages of this site, other sites)."""
        count = len(self.query_one(RelatedLinks).entries)
        what = "link" if count == 1 else "links"
        self.query_one(StoryView).note = f"{count} {what}: l" if hidden and count else ""


def _room_in(screen: Screen[None], widget: Widget, size: Size) -> Size:
    """The size the screen's layout gives its child ``widget`` on a screen of ``size``
    (before the screen's first layout: the first frame's story is typeset for it)."""
    for placement in arrange(screen, list(screen.children), size, size).placements:
        if placement.widget is widget:
            return placement.region.size
    return Size(0, 0)
