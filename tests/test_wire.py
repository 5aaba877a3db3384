"""Only the cells that changed are written (tui/ui/wire.py): what reaches the terminal
is checked by feeding it to a terminal emulator (pyte), cell by cell."""

from __future__ import annotations

import inspect
import io
import os
import re
import sys
import termios

import pyte
import pytest
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region
from textual.strip import Strip

from tui.ui.abilities import Abilities, newline_returns
from tui.ui.cells import Writer
from tui.ui.pen import PLAIN, pen_of, sgr
from tui.ui.wire import Shadow

WIDTH, HEIGHT = 12, 3
RED = Style(color="red")
BLUE = Style(color="blue", bold=True)


def console() -> Console:
    return Console(file=io.StringIO(), color_system="256", width=WIDTH, force_terminal=True)


class Screen:
    """A shadow writing to an emulated terminal."""

    def __init__(self) -> None:
        self.shadow = Shadow(Abilities())
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.Stream(self.screen)
        self.console = console()

    def write(self, update: ChopsUpdate | LayoutUpdate) -> str:
        out = self.shadow.write(update, self.console, WIDTH, HEIGHT)
        self.stream.feed(out)
        return out

    def cell(self, x: int, y: int) -> tuple[str, str, bool]:
        char = self.screen.buffer[y][x]
        return char.data, char.fg, char.bold


def full(lines: list[list[Segment]]) -> LayoutUpdate:
    return LayoutUpdate([[Strip(line)] for line in lines], Region(0, 0, WIDTH, HEIGHT))


def chop(y: int, x: int, segments: list[Segment]) -> ChopsUpdate:
    """One piece of line ``y`` from column ``x``."""
    strip = Strip(segments)
    chops: list[dict[int, Strip | None]] = [{} for _ in range(HEIGHT)]
    ends: list[list[int]] = [[] for _ in range(HEIGHT)]
    chops[y] = {x: strip}
    ends[y] = [x + strip.cell_length]
    return ChopsUpdate(chops, [(y, x, x + strip.cell_length)], ends)


LINES = [
    [Segment("hello ", RED), Segment("world!", BLUE)],
    [Segment("x" * WIDTH, RED)],
    [Segment("last line   ", None)],
]


def test_the_same_screen_twice_writes_nothing_the_second_time() -> None:
    term = Screen()
    first = term.write(full(LINES))
    assert term.screen.display == ["hello world!", "x" * WIDTH, "last line   "]
    assert term.cell(6, 0) == ("w", "blue", True)
    assert term.write(full(LINES)) == ""
    assert len(first) > 3 * WIDTH


def test_a_changed_cell_is_all_that_is_written_and_lands_right() -> None:
    term = Screen()
    term.write(full(LINES))
    out = term.write(chop(1, 0, [Segment("xxxxx", RED), Segment("Y", BLUE), Segment("x" * 6, RED)]))
    assert out.count("Y") == 1 and "x" not in out  # one cell, not the line
    assert term.screen.display[1] == "xxxxxYxxxxxx"
    assert term.cell(5, 1) == ("Y", "blue", True)
    assert term.cell(6, 1) == ("x", "red", False)


def test_a_changed_style_alone_is_written() -> None:
    term = Screen()
    term.write(full(LINES))
    out = term.write(chop(0, 0, [Segment("hello ", BLUE), Segment("world!", BLUE)]))
    assert "hello" in out and "world" not in out
    assert term.cell(0, 0) == ("h", "blue", True)


def test_wide_characters_are_written_whole_and_then_forgotten() -> None:
    term = Screen()
    term.write(full(LINES))
    wide = [Segment("日本", RED), Segment("x" * 8, RED)]
    assert "日本" in term.write(chop(1, 0, wide))
    assert term.screen.display[1].startswith("日本")
    # Those cells are unknown now: the next write of them goes out again.
    assert "x" in term.write(chop(1, 0, [Segment("x" * WIDTH, RED)]))
    assert term.screen.display[1] == "x" * WIDTH


def test_forgetting_writes_everything_again() -> None:
    term = Screen()
    term.write(full(LINES))
    term.shadow.forget()
    assert "hello" in term.write(full(LINES))


def test_the_pen_is_set_once_for_cells_that_look_alike_and_reset_at_the_end() -> None:
    term = Screen()
    out = term.write(full([[Segment("ab", RED), Segment("cd", Style(color="red"))]] * HEIGHT))
    assert out.count("\x1b[;31m") == 1  # three lines of one look: one pen, no resets between
    assert out.endswith("\x1b[m")
    assert term.cell(3, 2) == ("d", "red", False)
    # A segment without a style after a styled one is written with the pen reset.
    term.write(chop(0, 0, [Segment("xy", BLUE), Segment("z", None)]))
    assert term.cell(1, 0) == ("y", "blue", True)
    assert term.cell(2, 0) == ("z", "default", False)


def test_only_what_changes_in_the_pen_is_sent() -> None:
    grey_bold = pen_of(Style(color="color(253)", bgcolor="color(234)", bold=True))
    blue = pen_of(Style(color="color(75)", bgcolor="color(234)"))
    assert sgr(grey_bold, blue, ColorSystem.EIGHT_BIT) == "\x1b[22;38;5;75m"
    assert sgr(blue, grey_bold, ColorSystem.EIGHT_BIT) == "\x1b[1;38;5;253m"
    assert sgr(blue, blue, ColorSystem.EIGHT_BIT) == ""
    # 22 clears bold and dim both: the one kept is set again.
    bold_dim = pen_of(Style(color="color(75)", bold=True, dim=True))
    dim = pen_of(Style(color="color(75)", dim=True))
    assert sgr(bold_dim, dim, ColorSystem.EIGHT_BIT) == "\x1b[22;2m"
    # A reset when it is shorter; the whole pen when the old one is not known.
    assert sgr(blue, PLAIN, ColorSystem.EIGHT_BIT) == "\x1b[m"
    assert sgr(None, blue, ColorSystem.EIGHT_BIT) == "\x1b[;38;5;75;48;5;234m"


def test_the_terminals_own_colours_are_no_colour_code() -> None:
    # NO_COLOR: Textual makes every colour "default"; not even 39 or 49 is sent.
    pen = pen_of(Style(color="default", bgcolor="default", reverse=True))
    assert pen == (None, None, 64, None)
    assert sgr(None, pen, ColorSystem.TRUECOLOR) == "\x1b[;7m"
    assert sgr(pen_of(Style(reverse=True, bold=True)), pen, ColorSystem.TRUECOLOR) == "\x1b[22m"


def test_textual_writes_to_the_stderr_whose_tty_is_read() -> None:
    """tui/ui/abilities.py reads ONLCR on ``sys.__stderr__`` because Textual's driver
    writes there (an internal: this fails if it writes elsewhere)."""
    assert "self._file = sys.__stderr__" in inspect.getsource(LinuxDriver.__init__)


def test_an_lf_is_trusted_to_return_only_where_the_tty_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    leader, follower = os.openpty()
    with os.fdopen(follower, "w") as tty:
        monkeypatch.setattr(sys, "__stderr__", tty)
        attrs = termios.tcgetattr(follower)
        for oflag, returns in [
            (termios.OPOST | termios.ONLCR, True),
            (termios.OPOST, False),
            (termios.ONLCR, False),  # no output processing at all
        ]:
            attrs[1] = oflag
            termios.tcsetattr(follower, termios.TCSANOW, attrs)
            assert newline_returns() is returns
    os.close(leader)
    with open(os.devnull, "w") as not_a_tty:
        monkeypatch.setattr(sys, "__stderr__", not_a_tty)
        assert newline_returns() is False


def test_pens_set_aside_come_in_the_order_that_costs_least() -> None:
    """A scrollbar's thumb moved down: track, thumb top, thumb bottom (the top's pen in
    reverse: ESC[7m from it), thumb middle. In the order they were found the pens cost
    10+10+13+10 bytes of SGR; the cheapest next pen first, 10+10+4+11."""
    text = pen_of(Style(color="color(253)", bgcolor="color(234)"))
    track = pen_of(Style(color="color(253)", bgcolor="color(16)"))
    top = pen_of(Style(color="color(23)", bgcolor="color(16)"))
    middle = pen_of(Style(color="color(23)", bgcolor="color(234)", reverse=True))
    bottom = pen_of(Style(color="color(23)", bgcolor="color(16)", reverse=True))
    writer = Writer(80, ColorSystem.EIGHT_BIT, Abilities(), (0, 0))
    pieces = [(y, 0, text, "x" * 60) for y in range(12)]
    pieces += [(y, 70, track, " ") for y in range(5)] + [(5, 70, top, "▅")]
    pieces += [(y, 70, middle, " ") for y in range(6, 10)] + [(10, 70, bottom, "▃")]
    writer.paint(pieces)
    codes = re.findall(r"\x1b\[[0-9;]*m", writer.end())
    assert codes[1:] == ["\x1b[48;5;16m", "\x1b[38;5;23m", "\x1b[7m", "\x1b[48;5;234m", "\x1b[m"]
