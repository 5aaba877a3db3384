"""A one-line key bar: the keys that apply where the focus is, and the status line.

A notice (what a key did, what went wrong) takes the bar's place for a few seconds, on
one line, with the keys to step back and for help kept at its end: it never covers the
text being read.

Textual's ``Footer`` recomposes a widget per key whenever the focus moves, which costs
more than the story being opened; this is one widget that rewrites one line, and only
when the line changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from tui.core.render.cells import fold_words
from tui.ui.keynames import key_label

NOTICE_LINES = 3
"""The most lines a notice takes (the panes give up the others while it shows)."""
CUT = "… (? Help lists it whole)"
"""How a notice longer than that ends (help's "Last notices" has it whole)."""
PINNED = frozenset({"leave", "quit", "help"})
"""Actions always on the bar: how to step back or leave, and where the keys are."""


class KeyBar(Widget):
    """Shows ``key description`` for every binding with ``show=True`` that is active."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--notice",
        "key-bar--warning",
        "key-bar--error",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._items: list[tuple[str, str, bool, bool]] = []
        self._notice: tuple[str, str] | None = None
        self._notice_timer: Timer | None = None
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}
        """The rows drawn for each line shown before (see :meth:`render_lines`)."""

    def show_notice(
        self, text: str, severity: str = "information", timeout: float | None = 3
    ) -> None:
        """Say ``text`` (one line, plain: never read as markup) for ``timeout`` seconds;
        None: until it is taken back (:meth:`end_notice`) or a newer notice comes."""
        self._notice = (" ".join(text.split()), severity)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = None if timeout is None else self.set_timer(timeout, self._end_notice)
        self._compose_line()

    def end_notice(self, text: str) -> None:
        """Take ``text`` off the bar now, if it is still what the bar says (a newer
        notice stays)."""
        if self._notice is not None and self._notice[0] == " ".join(text.split()):
            if self._notice_timer is not None:
                self._notice_timer.stop()
            self._end_notice()

    def _end_notice(self) -> None:
        self._notice = None
        self._compose_line()

    @property
    def items(self) -> list[tuple[str, str, bool, bool]]:
        """The keys the bar offers (key, description, enabled, pinned), a notice aside."""
        if self._stale:
            self._read_keys()
        return list(self._items)

    @property
    def notice(self) -> str:
        """The notice shown now, if any."""
        return self._notice[0] if self._notice else ""

    def on_mount(self) -> None:
        # At once (0.08 ms), not posted to this widget's queue: posted, the line came
        # after the frame that the change belongs to, and took a frame of its own a
        # frame later (the filter's first letter: +17 ms, measured in a pty).
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)
        self._follow(None)

    # A dialog over this bar's screen (a question, the link box, help) leaves the bar on
    # screen below it: the bar shows the dialog's keys while it is up, not the pane's,
    # which do nothing there (n is No under M's question, not Next unread).
    _followed: Screen[object] | None = None

    def _screen_changed(self, top: Screen[object]) -> None:
        self._follow(None if top is self.screen else top)
        self._bindings_changed(top)

    def _follow(self, screen: Screen[object] | None) -> None:
        if screen is self._followed:
            return
        if self._followed is not None:
            self._followed.bindings_updated_signal.unsubscribe(self)
        self._followed = screen
        if screen is not None:
            screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    _stale = False
    """The keys changed since they were read: read again when the line is next drawn."""

    def _bindings_changed(self, _changed: Screen[object]) -> None:
        """The keys changed: they are read when the line is drawn, in the frame of the
        change. A key may change them several times (Enter on a story: four, ~1.5 M
        instructions each to read them and make the line); the line is made once."""
        if not self._stale:
            self._stale = True
            self.refresh()

    def _read_keys(self) -> None:
        """The keys of the screen on top: this bar's own, or the dialog over it."""
        self._stale = False
        screen = self._followed or self.screen
        self._items = []
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or key_label(binding.key.split(",")[0])
            # A pane may say what the key does now (s: Unsave on a saved story), or ""
            # that it offers nothing now (Tab on a story without links).
            describe = getattr(node, "describe_action", None)
            described = describe(binding.action) if describe else None
            if described == "":
                continue
            description = described or binding.description
            self._items.append((key, description, enabled, binding.action in PINNED))

    def on_resize(self) -> None:
        self._compose_line()

    def _compose_line(self) -> None:
        """Whole items only, never a key without its label: what does not fit is left
        out, except the pinned ones (back or quit, help), which always end the line."""
        if self._stale:
            self._read_keys()
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        # Before its first layout the bar is as wide as the terminal (docked at its foot):
        # its line is made for the first frame, not again in a frame of its own.
        width = self.size.width or self.app.size.width

        def cells(item: tuple[str, str, bool, bool]) -> int:
            return cell_len(item[0]) + cell_len(item[1]) + 3

        pinned = [item for item in self._items if item[3]]
        room = width - sum(cells(item) for item in pinned)
        text = Text(no_wrap=True, overflow="crop")
        lines = 1
        if self._notice is not None:
            notice, severity = self._notice
            style = {"warning": "key-bar--warning", "error": "key-bar--error"}
            look = self.get_component_rich_style(style.get(severity, "key-bar--notice"))
            line = Text(f" {notice} ", look)
            if line.cell_len > room:  # the whole width, on as many lines as it takes
                self._set_lines(*self._wrapped(notice, look, width))
                return
            text.append_text(line)
            text.append(" " * max(0, room - line.cell_len), description_style)
            room = -1  # the notice instead of the other keys
        chosen = []
        for item in self._items:
            if item[3] or cells(item) <= room:
                chosen.append(item)
                room -= 0 if item[3] else cells(item)
            elif not item[3]:
                room = -1  # keep the order: nothing after a left-out item but pinned ones
        for key, description, enabled, _pin in [*(i for i in chosen if not i[3]), *pinned]:
            text.append(f" {key} ", key_style if enabled else disabled_style)
            text.append(f"{description} ", description_style if enabled else disabled_style)
        self._set_lines(text, lines)

    def _wrapped(self, notice: str, look: Style, width: int) -> tuple[Text, int]:
        """``notice`` on up to :data:`NOTICE_LINES` lines of ``width``; cut at the end
        of the last, saying where it is whole, if it needs more."""
        room = max(1, width - 2)
        # Broken at spaces, and a long URL at its separators, never mid-word.
        wrapped = [Text(line) for line in fold_words(notice, room)]
        if len(wrapped) > NOTICE_LINES:
            last = Text(" ".join(line.plain.strip() for line in wrapped[NOTICE_LINES - 1 :]))
            last.truncate(max(1, room - cell_len(CUT)), overflow="ellipsis")
            last.rstrip()
            last.append(CUT.removeprefix("…") if last.plain.endswith("…") else CUT)
            wrapped = [*wrapped[: NOTICE_LINES - 1], last]
        text = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(wrapped):
            plain = line.plain.rstrip()
            text.append(f" {plain}" + " " * max(0, width - 1 - cell_len(plain)), look)
            if number < len(wrapped) - 1:
                text.append("\n")
        return text, len(wrapped)

    def _set_lines(self, text: Text, lines: int) -> None:
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines  # a long notice: the panes give it a line or two
        if text.plain != self._text.plain or text.spans != self._text.spans:
            self._text = text
            if not self._drawing:
                self.refresh()

    _drawing = False
    """The line is being drawn: made now, it needs no other repaint."""

    def render(self) -> Text:
        self._compose_if_stale()
        return self._text

    def _compose_if_stale(self) -> None:
        if self._stale:  # the keys changed since the line was made
            self._drawing = True
            try:
                self._compose_line()
            finally:
                self._drawing = False

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's rows, kept for each line drawn: the bar goes back and forth between
        a few lines (the list's keys, the story's, a notice), and Textual draws a line
        through its content pipeline each time (~4 M instructions, in every Enter's
        frame). Forgotten when the styles change."""
        self._compose_if_stale()
        text = self._text
        key = (text.plain, tuple(text.spans), text.style, crop, self.size)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = super().render_lines(crop)
            if len(self._drawn) >= 8:
                self._drawn.clear()
            self._drawn[key] = drawn
        return drawn

    def notify_style_update(self) -> None:
        self._drawn.clear()
        super().notify_style_update()
