"""The line panes' rows of content framed as Textual frames them, the frame worked out once
a paint rather than once a row.

Textual's ``StylesCache.render_line`` works out the widget's gutter, border, outline,
padding, its colours blended and the border's segments again for every row it paints
(~300,000 instructions a row: ~25 M for the reading pane and the sidebar in the frame of
Enter, and again for every row a scroll repaints). :class:`LineStyles` works them out
once in :meth:`render` (once a paint of the widget) and frames each row of content
between them as Textual does: its line fitted to the content's width, the padding's
blanks, the side borders' segments. Anything else (the top and bottom rows with their
border and title, padding rows, and any widget with an outline, a tint, a hatch, an
opacity or a text opacity) is left to Textual's own ``render_line``.

The rows then go through the app's line filters, as Textual's do; its
``ANSIToTruecolor`` (on unless the app keeps the terminal's ANSI colours) makes every
segment anew, looking each style up with its colours hashed (~70,000 instructions a
row), where belga's styles are truecolour already: :class:`_Truecolor` gives a row with
no ANSI colour, no dim and no control code back as it is, and hands any other to
Textual's filter.

``textual._styles_cache`` is a Textual internal (pinned <9), relied on here alone;
tests/test_line_styles.py checks that the rows are Textual's, segment for segment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme
from textual._ansi_theme import DEFAULT_TERMINAL_THEME
from textual._border import get_box
from textual._segment_tools import make_blank
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.content import Content
from textual.filter import ANSIToTruecolor, LineFilter
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from textual.css.styles import StylesBase

Label = tuple[Content, Color, Color, Style] | None


class _Frame(NamedTuple):
    """What frames a row of content, for one paint."""

    top: int
    """Rows above the content (top border and padding)."""
    bottom: int
    """Rows below it."""
    inner: RichStyle
    """The content's background."""
    left: list[Segment]
    """The border's and padding's segments left of the content."""
    right: list[Segment]
    """And right of it."""


class LineStyles(StylesCache):
    """Textual's ``StylesCache``, its rows of content framed from a frame made once."""

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[LineFilter],
        border_title: Label,
        border_subtitle: Label,
        content_size: Size | None = None,
        padding: Spacing | None = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: TerminalTheme = DEFAULT_TERMINAL_THEME,
        native_ansi: bool = False,
    ) -> list[Strip]:
        frame = self._framing(styles, base_background, background, padding)
        if opacity != 1.0 or frame is None:
            return super().render(
                styles,
                size,
                base_background,
                background,
                render_content_line,
                [_quick(line_filter) for line_filter in filters],
                border_title,
                border_subtitle,
                content_size=content_size,
                padding=padding,
                crop=crop,
                opacity=opacity,
                ansi_theme=ansi_theme,
                native_ansi=native_ansi,
            )
        # Textual's StylesCache.render, but a row its filters would not change is not
        # made again as a new strip (Strip.apply_filter makes one each time).
        content_size = size if content_size is None else content_size
        padding = styles.padding if padding is None else padding
        crop = size.region if crop is None else crop
        width = size.width
        if width != self._width:
            self.clear()
            self._width = width
        quick = [_quick(line_filter) for line_filter in filters]
        strips: list[Strip] = []
        content_width, content_height = content_size
        for y in crop.line_range:
            strip = self._cache.get(y)
            if strip is None or y in self._dirty_lines:
                row = y - frame.top
                if row >= 0 and y < size.height - frame.bottom:  # a row of content, framed
                    line = (
                        render_content_line(row)
                        if row < content_height
                        else Strip.blank(content_width, frame.inner)
                    )
                    short = content_width - line.cell_length
                    if short > 0:  # padded as Strip.adjust_cell_length pads, in one strip
                        pad = Segment(" " * short, frame.inner)
                        strip = Strip([*frame.left, *line, pad, *frame.right], width)
                    else:
                        line = line.adjust_cell_length(content_width, frame.inner)
                        strip = Strip([*frame.left, *line, *frame.right], width)
                else:  # borders and padding: Textual's
                    strip = self.render_line(
                        styles,
                        y,
                        size,
                        content_size,
                        padding,
                        base_background,
                        background,
                        render_content_line,
                        border_title,
                        border_subtitle,
                        opacity,
                        ansi_theme,
                        native_ansi,
                    )
                self._cache[y] = strip
            for line_filter in quick:
                if not isinstance(line_filter, _Truecolor) or line_filter.changes(strip):
                    strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        self._dirty_lines.difference_update(crop.line_range)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _framing(
        self, styles: StylesBase, base_background: Color, background: Color, padding: Spacing | None
    ) -> _Frame | None:
        """The frame of the rows of content as Textual's ``render_line`` draws it (at an
        opacity of 1), or None where it does more to them than frame them."""
        if (
            styles.tint.a
            or styles.text_opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or any(edge for edge, _ in styles.outline)
        ):
            return None
        _, pad_right, _, pad_left = styles.padding if padding is None else padding
        (_, (border_right, right_color), _, (border_left, left_color)) = styles.border
        inner, outer = self.get_inner_outer(base_background, background)
        left: list[Segment] = []
        right: list[Segment] = []
        if border_left:
            look = Style(foreground=base_background + left_color)
            left.append(get_box(border_left, inner, outer, look)[1][0])
        if pad_left:
            left.append(make_blank(pad_left, inner.rich_style))
        if pad_right:
            right.append(make_blank(pad_right, inner.rich_style))
        if border_right:
            look = Style(foreground=base_background + right_color)
            right.append(get_box(border_right, inner, outer, look)[1][2])
        gutter = styles.gutter  # rows above and below the content: Textual's to draw
        return _Frame(gutter.top, gutter.bottom, inner.rich_style, left, right)


class _Truecolor(LineFilter):
    """Textual's ``ANSIToTruecolor``, a row it would not change given back as it is."""

    def __init__(self, textual: ANSIToTruecolor) -> None:
        super().__init__(enabled=textual.enabled)
        self.textual = textual

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if _changes(segments):
            return self.textual.apply(segments, background)
        return segments

    def changes(self, strip: Strip) -> bool:
        """Whether the filter would change ``strip``'s segments."""
        return _changes(strip._segments)


def _changes(segments: Sequence[Segment]) -> bool:
    """Whether Textual's ANSIToTruecolor changes any of ``segments``: an ANSI colour, a
    dim colour or a control code (it drops those)."""
    for _, style, control in segments:
        if control is not None or (
            style is not None
            and (
                (style._color is not None and style._color.triplet is None)
                or (style._bgcolor is not None and style._bgcolor.triplet is None)
                or (style.dim and style._color is not None)
            )
        ):
            return True
    return False


_quicker: dict[int, tuple[LineFilter, LineFilter]] = {}
"""Each of the app's ANSIToTruecolor filters and the one given in its place (the same
object each time: a strip keeps its filtered rows by filter)."""


def _quick(line_filter: LineFilter) -> LineFilter:
    if type(line_filter) is not ANSIToTruecolor:
        return line_filter
    kept = _quicker.get(id(line_filter))
    if kept is None or kept[0] is not line_filter:
        if len(_quicker) > 16:  # a filter is made anew at each theme change
            _quicker.clear()
        kept = _quicker[id(line_filter)] = (line_filter, _Truecolor(line_filter))
    return kept[1]
