"""What the writer sends (tui/ui/wire.py), replayed on a terminal emulator (pyte), gives
exactly the screen a full repaint gives, frame after frame: rows scrolled beside a
sidebar that stays, wide characters, links, a forgotten screen (hypothesis, bounded);
clusters whose width terminals disagree on, on a terminal that counts their parts. And
what a scroll costs on the wire."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyte
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import split_graphemes
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip
from wcwidth import wcwidth

from tui.ui.abilities import Abilities
from tui.ui.cells import Piece, Writer
from tui.ui.cells import row_pieces as _row
from tui.ui.clusters import uncertain
from tui.ui.wire import Shadow

WIDTH, HEIGHT = 20, 10
BANDS = ((0, 14), (14, 20))
"""Two panes side by side, as the story and its sidebar."""

BG = "color(234)"
STYLES = [
    None,
    Style(color="color(253)", bgcolor=BG),
    Style(color="color(253)", bgcolor=BG, bold=True),
    Style(color="color(75)", bgcolor=BG, bold=True, underline=True, link="https://x.example/1"),
    Style(color="color(214)", bgcolor=BG, bold=True, link="https://x.example/1"),
    Style(color="color(23)", reverse=True),
    Style(color="red", italic=True, dim=True),
    Style(bgcolor="color(16)"),
]
CHARS = "ab é─"
CLUSTERS = ["👩\u200d👩\u200d👧", "👍🏽", "❤️", "1️⃣", "🇧🇪", "😀", "🏳️\u200d🌈"]
"""Clusters rich measures as one glyph (the flag as two) and terminals often do not: a
ZWJ family, a skin tone, VS16, a keycap, regional indicators, a plain emoji."""


def console(width: int = WIDTH) -> Console:
    return Console(file=io.StringIO(), color_system="256", width=width, force_terminal=True)


Line = list[Segment]
Frame = list[list[Line]]
"""Rows of bands of segments."""


@st.composite
def band_line(draw: st.DrawFn, width: int, clusters: bool = False) -> Line:
    segments: Line = []
    left = width
    while left:
        style = draw(st.sampled_from(STYLES))
        if clusters and left >= 3 and draw(st.integers(0, 4)) == 0:
            text = draw(st.text(CHARS, max_size=left - 2)) + draw(st.sampled_from(CLUSTERS))
            segments.append(Segment(text, style))
            left -= split_graphemes(text)[1]
        elif left >= 2 and draw(st.integers(0, 24)) == 0:
            segments.append(Segment("日", style))
            left -= 2
        elif left >= 5 and draw(st.integers(0, 3)) == 0:  # a stretch of blanks
            blanks = draw(st.integers(5, left))
            segments.append(Segment(" " * blanks, style))
            left -= blanks
        else:
            text = draw(st.text(CHARS, min_size=1, max_size=left))
            segments.append(Segment(text, style))
            left -= len(text)
    return segments


def row_line(draw: st.DrawFn, clusters: bool = False) -> list[Line]:
    return [draw(band_line(end - start, clusters)) for start, end in BANDS]


@dataclass
class Step:
    kind: str  # "scroll", "rows", "forget", "full"
    frame: Frame
    changed: list[tuple[int, int]]  # (row, band) sent in the update
    park: tuple[int, int] = (0, 0)
    """Where the cursor is put after the update (row, column), as Textual does."""


@st.composite
def steps(draw: st.DrawFn, clusters: bool = False) -> list[Step]:
    frame: Frame = [row_line(draw, clusters) for _ in range(HEIGHT)]
    result = [Step("full", frame, [])]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["scroll", "scroll", "rows", "forget", "full"]))
        new = [list(row) for row in frame]
        changed: list[tuple[int, int]] = []
        if kind == "scroll":
            top = draw(st.integers(0, 3))
            bottom = draw(st.integers(top + 1, HEIGHT - 1))
            by = draw(st.sampled_from([-2, -1, 1, 1, 2, 3]))
            for y in range(top, bottom + 1):
                source = y + by
                if top <= source <= bottom:
                    new[y][0] = frame[source][0]
                else:
                    new[y][0] = draw(band_line(BANDS[0][1] - BANDS[0][0], clusters))
                changed.append((y, 0))
            if draw(st.booleans()):  # the sidebar changes a row meanwhile
                y = draw(st.integers(0, HEIGHT - 1))
                new[y][1] = draw(band_line(BANDS[1][1] - BANDS[1][0], clusters))
                changed.append((y, 1))
        elif kind == "rows":
            for y in draw(st.sets(st.integers(0, HEIGHT - 1), max_size=HEIGHT)):
                band = draw(st.integers(0, 1))
                new[y][band] = draw(band_line(BANDS[band][1] - BANDS[band][0], clusters))
                changed.append((y, band))
        park = (draw(st.integers(0, HEIGHT - 1)), draw(st.integers(0, WIDTH - 1)))
        result.append(Step(kind, new, changed, park))
        frame = new
    return result


def layout(frame: Frame) -> LayoutUpdate:
    lines: list[Iterable[Strip]] = [[Strip(line) for line in row] for row in frame]
    return LayoutUpdate(lines, Region(0, 0, WIDTH, HEIGHT))


def chops(frame: Frame, changed: list[tuple[int, int]]) -> ChopsUpdate:
    """The changed bands' rows, as Textual sends a refreshed widget: whole lines of it."""
    rows: list[dict[int, Strip | None]] = [{} for _ in range(HEIGHT)]
    ends: list[list[int]] = [[] for _ in range(HEIGHT)]
    spans = []
    for y in range(HEIGHT):
        for band, (start, end) in enumerate(BANDS):
            if (y, band) in changed:
                rows[y][start] = Strip(frame[y][band])
                ends[y].append(end)
                spans.append((y, start, end))
    return ChopsUpdate(rows, spans, ends)


def repaint(frame: Frame, kind: type[pyte.Screen] = pyte.Screen) -> pyte.Screen:
    """The frame painted whole on a fresh screen, by Textual's own rendering of strips."""
    screen = kind(WIDTH, HEIGHT)
    stream = pyte.Stream(screen)
    out = console()
    for y, row in enumerate(frame):
        for (start, _), line in zip(BANDS, row, strict=True):
            stream.feed(f"\x1b[{y + 1};{start + 1}H" + Strip(line).render(out))
    return screen


def cells(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    return [[tuple(screen.buffer[y][x]) for x in range(WIDTH)] for y in range(HEIGHT)]


ABILITIES = [
    Abilities(),
    Abilities(ech=True, bce=True),
    Abilities(ech=True, bce=False),
    Abilities(crlf=True),
    Abilities(ech=True, bce=True, crlf=True),
    Abilities(margins=True),
    Abilities(ech=True, bce=True, crlf=True, margins=True),
]

DECLRMM = 69 << 5  # pyte keeps private modes shifted


class BceScreen(pyte.Screen):
    """A terminal whose scrolled-in rows take the pen's background, as xterm and the linux
    console (terminfo: bce), when ``bce``; default blanks else (pyte's own)."""

    bce = True

    def blank(self) -> pyte.screens.Char:
        if not self.bce:
            return self.default_char
        return self.default_char._replace(bg=self.cursor.attrs.bg)

    def _filled(self, row: int) -> None:
        for x in range(self.columns):
            self.buffer[row][x] = self.blank()

    def index(self) -> None:
        bottom = (self.margins or pyte.screens.Margins(0, self.lines - 1)).bottom
        scrolls = self.cursor.y == bottom
        super().index()
        if scrolls:
            self._filled(bottom)

    def reverse_index(self) -> None:
        top = (self.margins or pyte.screens.Margins(0, self.lines - 1)).top
        scrolls = self.cursor.y == top
        super().reverse_index()
        if scrolls:
            self._filled(top)


class MarginScreen(BceScreen):
    """A terminal with left and right margins, as xterm: DECLRMM (mode 69) makes
    ``CSI l;r s`` set them (DECSLRM, the cursor going home); IND and RI at the bottom or
    top margin scroll only the columns between them, when the cursor is between them;
    resetting DECLRMM resets them."""

    columns_between: tuple[int, int] | None = None

    def set_left_right_margins(self, *params: int, private: bool = False) -> None:
        if DECLRMM not in self.mode:
            return  # ESC[s saves the cursor then: not used by the writer
        left = (params[0] if params and params[0] else 1) - 1
        right = (params[1] if len(params) > 1 and params[1] else self.columns) - 1
        full = (left, right) == (0, self.columns - 1)
        self.columns_between = None if full else (left, right)
        self.cursor_position()

    def reset_mode(self, *modes: int, **kwargs: object) -> None:
        super().reset_mode(*modes, **kwargs)
        if kwargs.get("private") and 69 in modes:
            self.columns_between = None

    def _scroll_between(self, row: int, source: int) -> bool:
        if self.columns_between is None:
            return False
        left, right = self.columns_between
        if not left <= self.cursor.x <= right:
            return True  # outside the margins: the cursor stays, nothing scrolls
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        rows = range(top, bottom) if source > row else range(bottom, top, -1)
        for y in rows:
            for x in range(left, right + 1):
                self.buffer[y][x] = self.buffer[y + (1 if source > row else -1)][x]
        for x in range(left, right + 1):
            self.buffer[row][x] = self.blank()
        return True

    def index(self) -> None:
        bottom = (self.margins or pyte.screens.Margins(0, self.lines - 1)).bottom
        if self.cursor.y == bottom and self._scroll_between(bottom, bottom + 1):
            return
        super().index()

    def reverse_index(self) -> None:
        top = (self.margins or pyte.screens.Margins(0, self.lines - 1)).top
        if self.cursor.y == top and self._scroll_between(top, top - 1):
            return
        super().reverse_index()


class MarginStream(pyte.Stream):
    csi = {**pyte.Stream.csi, "s": "set_left_right_margins"}  # noqa: RUF012 (as pyte declares it)


@pytest.mark.parametrize("abilities", ABILITIES)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=steps())
def test_replayed_output_is_the_frame_after_every_update(
    abilities: Abilities, sequence: list[Step]
) -> None:
    """With and without erasing blanks (ECH; with or without bce, as terminfo says), with
    LF sent as CR LF by the tty or not."""
    screen = MarginScreen(WIDTH, HEIGHT) if abilities.margins else BceScreen(WIDTH, HEIGHT)
    screen.bce = abilities.bce
    for step in replay(sequence, Shadow(abilities), screen):
        assert cells(screen) == cells(repaint(step.frame))
        assert screen.margins is None  # the scroll region never outlives an update
        assert DECLRMM not in screen.mode and getattr(screen, "columns_between", None) is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=steps(), abilities=st.sampled_from(ABILITIES))
def test_the_least_a_write_in_place_takes_is_never_more_than_it_takes(
    sequence: list[Step], abilities: Abilities
) -> None:
    """The writer does not work out the cells written in place when a lower bound of
    their cost is more than the scroll's (``Shadow._least``): the bound must hold."""
    shadow = Shadow(abilities)
    out = console()
    for step in sequence:
        whole = step.kind in ("full", "forget")
        update = layout(step.frame) if whole else chops(step.frame, step.changed)
        rows, _, _ = shadow._target(update)
        changed = [y for y, row in rows.items() if row != (shadow.chars[y], shadow.pens[y])]
        writer = Writer(WIDTH, ColorSystem.EIGHT_BIT, abilities, (0, 0))
        pieces: list[Piece] = []
        for y in sorted(changed):
            _row(y, rows[y], (shadow.chars[y], shadow.pens[y]), pieces)
        writer.paint(pieces)
        assert shadow._least(rows, changed, 10**9) <= writer.written()
        shadow.write(update, out, WIDTH, HEIGHT, (0, 0))


def test_blanks_that_may_be_erased_are_not_counted_in_the_least() -> None:
    """A row of text that becomes blanks is an erase (ECH) where terminfo has it: a few
    characters, so its blanks count for nothing in the bound."""
    shadow = Shadow(Abilities(ech=True, bce=True))
    text = [[[Segment("x" * 14, STYLES[1])], [Segment("y" * 6, STYLES[1])]]] * HEIGHT
    blank = [[[Segment(" " * 14, STYLES[1])], [Segment("y" * 6, STYLES[1])]]] * HEIGHT
    shadow.write(layout(text), console(), WIDTH, HEIGHT, (0, 0))
    rows, _, _ = shadow._target(layout(blank))
    assert shadow._least(rows, list(range(HEIGHT)), 10**9) == 0
    written = shadow.write(layout(blank), console(), WIDTH, HEIGHT, (0, 0))
    assert "\x1b[14X" in written


def replay(sequence: list[Step], shadow: Shadow, screen: pyte.Screen) -> Iterator[Step]:
    """Each step written by ``shadow`` and fed to ``screen``, then yielded."""
    shadow.scroll_bias = 10_000  # every scroll found is sent: the moves are checked too
    stream = MarginStream(screen) if isinstance(screen, MarginScreen) else pyte.Stream(screen)
    out = console()
    parked: tuple[int, int] | None = None
    for step in sequence:
        if step.kind == "forget":  # a resume: the terminal shows something else
            stream.feed("\x1b[2J\x1b[1;4;7;31mgarbage")  # the cursor, the pen elsewhere
            shadow.forget()
        if step.kind in ("full", "forget"):
            update: ChopsUpdate | LayoutUpdate = layout(step.frame)
        else:
            update = chops(step.frame, step.changed)
        stream.feed(tty(shadow, shadow.write(update, out, WIDTH, HEIGHT, parked)))
        # Textual then parks the cursor; the next update may start from there.
        parked = step.park
        stream.feed(f"\x1b[{parked[0] + 1};{parked[1] + 1}H")
        yield step


def tty(shadow: Shadow, written: str) -> str:
    """What reaches the terminal: LF as CR LF where the shadow was told the tty does so."""
    crlf = shadow.abilities is not None and shadow.abilities.crlf
    return written.replace("\n", "\r\n") if crlf else written


# --- what it costs on the wire ------------------------------------------------------

TEXT = Style(color="color(253)", bgcolor=BG)
WORDS = ["harbour", "committee", "plans", "rail", "budget", "Brussels", "minister", "Antwerp"]


def pane_lines(count: int, width: int) -> list[str]:
    """Lines of text that do not repeat, as a story's."""
    lines = []
    for index in range(count):
        words = [WORDS[(index * 7 + i * 3) % len(WORDS)] for i in range(12)]
        lines.append(f"{index:03} " + " ".join(words))
    return [line[:width].ljust(width) for line in lines]


def story_frame(lines: list[str], offset: int, width: int, height: int, side: int) -> LayoutUpdate:
    rows: list[Iterable[Strip]] = []
    for y in range(height):
        text = lines[offset + y]
        sidebar = f"[{y}] link {y}" if y % 2 == 0 else ""
        rows.append(
            [Strip([Segment(text, TEXT)]), Strip([Segment(sidebar.ljust(side)[:side], TEXT)])]
        )
    return LayoutUpdate(rows, Region(0, 0, width + side, height))


def test_a_one_line_scroll_is_a_terminal_scroll_plus_one_line() -> None:
    width, height, side = 80, 40, 0
    lines = pane_lines(60, width)
    shadow = Shadow(Abilities())
    out = console(width=width)
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    stream.feed(shadow.write(story_frame(lines, 0, width, height, side), out, width, height))
    written = shadow.write(story_frame(lines, 1, width, height, side), out, width, height)
    stream.feed(written)
    assert "\x1b[1;40r" in written and written.count("\x1b[r") == 1
    assert len(written.encode()) < 2 * width  # a full repaint of the pane: ~40 × 80
    assert screen.display == lines[1:41]
    # And back up: reverse index at the top of the region.
    written = shadow.write(story_frame(lines, 0, width, height, side), out, width, height)
    stream.feed(written)
    assert "\x1bM" in written and len(written.encode()) < 2 * width
    assert screen.display == lines[:40]


def test_empty_pieces_beside_the_scrolled_rows_do_not_hide_the_scroll() -> None:
    """Textual may send a zero-width piece on every row (a gap between panes): it is no
    region of its own, so the story's rows still scroll (it was once the commonest
    "region", and no scroll was found)."""
    width, height = 80, 40
    lines = pane_lines(60, width)
    shadow = Shadow()
    out = console(width=width + 1)

    def frame(offset: int) -> LayoutUpdate:
        footer = [Strip([Segment("foot".ljust(width // 2), TEXT)])] * 2
        story = [Strip([Segment(lines[offset + y], TEXT)]) for y in range(37)]
        rows: list[Iterable[Strip]] = [  # the story on 37 rows, a footer, the empty piece
            [story[y], Strip([]), Strip([Segment("|", TEXT)])] if y < 37 else [*footer, Strip([])]
            for y in range(height)
        ]
        return LayoutUpdate(rows, Region(0, 0, width + 1, height))

    shadow.write(frame(0), out, width + 1, height)
    written = shadow.write(frame(1), out, width + 1, height)
    assert "\x1b[1;37r" in written and len(written.encode()) < 2 * width


def test_a_sidebar_beside_the_scrolled_rows_is_put_back() -> None:
    width, height, side = 60, 20, 20
    lines = pane_lines(30, width)
    shadow = Shadow(Abilities())
    out = console(width=width + side)
    screen = pyte.Screen(width + side, height)
    stream = pyte.Stream(screen)
    stream.feed(shadow.write(story_frame(lines, 0, width, height, side), out, width + side, height))
    written = shadow.write(story_frame(lines, 3, width, height, side), out, width + side, height)
    stream.feed(written)
    assert "r" in written.split("H", 1)[0]  # scrolled: the region set first
    for y in range(height):
        sidebar = f"[{y}] link {y}" if y % 2 == 0 else ""
        assert screen.display[y] == lines[3 + y] + sidebar.ljust(side)


def test_a_scroll_is_not_sent_when_writing_the_rows_is_shorter() -> None:
    width, height = 20, 6
    shadow = Shadow(Abilities())
    out = console(width=width)
    first: list[Iterable[Strip]] = [
        [Strip([Segment(f"row {y}".ljust(width), TEXT)])] for y in range(height)
    ]
    shadow.write(LayoutUpdate(first, Region(0, 0, width, height)), out, width, height)
    # Every row differs in one cell only: no band moved.
    second: list[Iterable[Strip]] = [
        [Strip([Segment(f"row {y}!".ljust(width), TEXT)])] for y in range(height)
    ]
    written = shadow.write(LayoutUpdate(second, Region(0, 0, width, height)), out, width, height)
    assert "r" not in written.replace("\r", "").split("m", 1)[0] and "\x1b[r" not in written
    assert written.count("!") == height


def test_a_link_and_its_number_open_the_hyperlink_once() -> None:
    """``linked [4]``: the link's words and its number (with the space before it) are one
    hyperlink on the wire, its URL sent once, though their pens differ."""
    width, height = 30, 3
    url = "https://x.example/story-4"
    words = Style(color="color(75)", bgcolor=BG, bold=True, underline=True, link=url)
    number = Style(color="color(214)", bgcolor=BG, bold=True, link=url)
    shadow = Shadow(Abilities(ech=True, bce=True))
    out = console(width=width)
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)

    def frame(text: str) -> LayoutUpdate:
        line = [Segment(text, TEXT), Segment("linked", words), Segment(" [4]", number)]
        line.append(Segment(" and on".ljust(width - len(text) - 10), TEXT))
        rows: list[Iterable[Strip]] = [[Strip([Segment(" " * width, TEXT)])]] * height
        return LayoutUpdate([*rows[:1], [Strip(line)], *rows[2:]], Region(0, 0, width, height))

    stream.feed(shadow.write(frame("see "), out, width, height))
    written = shadow.write(frame("then see "), out, width, height)
    stream.feed(written)
    assert written.count(url) == 1
    assert screen.display[1].startswith("then see linked [4] and on")


def test_an_update_starts_where_the_cursor_was_parked_with_the_pen_reset() -> None:
    """After an update, Textual parks the cursor: the next update moves from there (one
    row down is IND) and changes the pen from reset; after :meth:`Shadow.forget` both
    are unknown again (CUP and a whole pen)."""
    width, height = 20, 4
    shadow = Shadow(Abilities())
    out = console(width=width)

    def frame(word: str) -> LayoutUpdate:
        rows: list[Iterable[Strip]] = [
            [Strip([Segment((word if y == 1 else "").ljust(width), TEXT)])] for y in range(height)
        ]
        return LayoutUpdate(rows, Region(0, 0, width, height))

    shadow.write(frame("one"), out, width, height)
    written = shadow.write(frame("two"), out, width, height, (0, 0))
    assert written.startswith("\x1bD\x1b[38;5;253;48;5;234mtwo")
    shadow.forget()
    written = shadow.write(frame("six"), out, width, height, (0, 0))
    assert written.startswith("\x1b[1H\x1b[;38;5;253;48;5;234m")


def test_with_margins_a_scroll_beside_a_sidebar_leaves_the_sidebar_alone() -> None:
    """Where the terminal has left and right margins, a one-line scroll of the story
    moves its columns only: the sidebar is not written at all."""
    width, height, side = 60, 20, 20
    lines = pane_lines(30, width)
    shadow = Shadow(Abilities(margins=True))
    out = console(width=width + side)
    screen = MarginScreen(width + side, height)
    stream = MarginStream(screen)
    stream.feed(shadow.write(story_frame(lines, 0, width, height, side), out, width + side, height))
    written = shadow.write(story_frame(lines, 1, width, height, side), out, width + side, height)
    stream.feed(written)
    assert "\x1b[?69h" in written and "\x1b[?69l" in written
    assert "link" not in written and len(written) < width + 80  # the new line and the scroll
    for y in range(height):
        sidebar = f"[{y}] link {y}" if y % 2 == 0 else ""
        assert screen.display[y] == lines[1 + y] + sidebar.ljust(side)


# --- clusters whose width terminals disagree on ---------------------------------------


class PartsScreen(BceScreen):
    """A terminal that counts a cluster's parts (as tmux 3.3a): a ZWJ family is three
    wide glyphs, a skin tone two, a keycap or a VS16 heart one cell (rich: 2)."""

    def draw(self, data: str) -> None:
        for char in data:
            if char not in "\u200d\ufe0e\ufe0f" and not 0xE0000 <= ord(char) <= 0xE007F:
                super().draw(char)  # pyte stops at a zero-width non-combining character


class GlyphScreen(BceScreen):
    """A terminal that draws each cluster as one glyph as wide as rich says."""

    def draw(self, data: str) -> None:
        spans, _ = split_graphemes(data)
        for start, end, width in spans:
            cluster = data[start:end]
            if not width or (len(cluster) == 1 and wcwidth(cluster) == width):
                super().draw(cluster)
                continue
            super().draw("x" if width == 1 else "日")
            line = self.buffer[self.cursor.y]
            x = self.cursor.x - width
            line[x] = line[x]._replace(data=cluster)


def uncertain_cells(frame: Frame) -> set[tuple[int, int]]:
    """The cells the frame's uncertain clusters take, as rich measures them."""
    found: set[tuple[int, int]] = set()
    for y, row in enumerate(frame):
        for (x, _), line in zip(BANDS, row, strict=True):
            for segment in line:
                spans, _ = split_graphemes(segment.text)
                for start, end, width in spans:
                    if uncertain(segment.text[start:end]):
                        found.update((y, x + i) for i in range(width))
                    x += width
    return found


@pytest.mark.parametrize("kind", [PartsScreen, GlyphScreen])
@pytest.mark.parametrize("abilities", [Abilities(), Abilities(ech=True, bce=True, crlf=True)])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=steps(clusters=True))
def test_clusters_of_uncertain_width_leave_no_stray_cell(
    kind: type[BceScreen], abilities: Abilities, sequence: list[Step]
) -> None:
    """On a terminal that draws each cluster as belga measures it, the screen is the full
    repaint's; on one that draws it wider or narrower, every cell but the cluster's own
    is: nothing spills over a neighbour, wraps onto the next row or is left stale."""
    screen = kind(WIDTH, HEIGHT)
    screen.bce = abilities.bce
    for step in replay(sequence, Shadow(abilities), screen):
        shown, wanted = cells(screen), cells(repaint(step.frame, GlyphScreen))
        if kind is PartsScreen:
            for y, x in uncertain_cells(step.frame):
                shown[y][x] = wanted[y][x] = ()
        assert shown == wanted
        assert pyte.modes.DECAWM in screen.mode  # autowrap is back on after each update
