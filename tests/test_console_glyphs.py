"""The linux console and VT terminals get glyphs they draw, and a terminal without
colours gets no colour code (tester report 3). TERM=linux got what xterm gets: rounded
corners, ``● ★ ☆ ✓ ✗ ⟳ ↗ ⊘``, ``…``, ``▣``, ``┃`` and the scrollbar's eighth blocks,
outside the console's built-in font (code page 437), where unread, saved-unread and
saved-read stories would all show one replacement glyph. TERM=xterm-mono got colour
codes (``ESC[100m`` for the cursor row), its cursor row only bold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.color import Color

from tests.terminal import Terminal, installed_command
from tests.test_terminal_citizen import colour_parameters
from tests.waiting import settle
from tui.cli import demo_folder
from tui.ui.app import create_app
from tui.ui.glyphs import CONSOLE, DRAWN, UNICODE, ConsoleGlyphs, console_term, console_text
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.related import related_marks
from tui.ui.widgets.story_list import list_marks

pytestmark = pytest.mark.timeout(90)
ROOT = Path(__file__).parent.parent
SEQUENCES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-B]|.)")


def drawn(output: bytes) -> str:
    """The text a program wrote, without its escape sequences and control codes."""
    text = SEQUENCES.sub("", output.decode("utf-8", "replace"))
    return "".join(char for char in text if char >= " ")


def reverse_rows(term: Terminal) -> list[str]:
    """The rows of the screen whose first cell is in reverse video."""
    buffer = term.screen.buffer
    return [row for y, row in enumerate(term.screen.display) if buffer[y][1].reverse]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_linux_console_gets_glyphs_its_font_has(size: tuple[int, int]) -> None:
    with Terminal([installed_command(), "--demo"], *size, env={"TERM": "linux"}) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("s")  # the first story: saved, unread
        term.settle()
        term.send("j\r")  # the second: read
        term.wait_for("Enter Follow link")
        term.settle()
        term.send("qs")  # and saved
        term.settle()
        term.send("/zzzz")  # a title cut on the list's edge, a filter's quotes
        term.settle()
        term.send("\x1bG\r")  # the last story, with its sidebar
        term.settle()
        screen = term.text()
        term.send("q")
        term.settle()
        listed = term.text()
        term.send("Q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
    outside = {char for char in drawn(output) if char not in DRAWN}
    assert not outside, outside
    rows = [row for row in listed.splitlines() if "│" in row]
    marks = [row.split("│")[1][:1] for row in rows]  # each row's first cell
    assert marks[:6] == ["S", "s", "*", "*", "*", " "], listed
    assert size[0] > 80 or "observatory..." in listed  # a title cut to fit
    assert "┌" in screen and "╭" not in screen
    assert size[0] < 120 or "│ o not in the demo sample" in screen, screen  # the sidebar


def test_vt220_gets_the_console_s_glyphs_and_no_colour() -> None:
    with Terminal([installed_command(), "--demo"], 100, 30, env={"TERM": "vt220"}) as term:
        term.wait_for("Stories (6)")
        term.settle()
        assert reverse_rows(term), term.text()  # the cursor row
        term.send("Q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
    assert colour_parameters(output) == set()
    assert "*" in term.text() and not {char for char in drawn(output) if char not in DRAWN}


def test_a_terminal_without_colours_gets_no_colour_code() -> None:
    """TERM=xterm-mono: terminfo says it has no colours. The cursor row stands out by
    reverse video, as with NO_COLOR."""
    with Terminal([installed_command(), "--demo"], 100, 30, env={"TERM": "xterm-mono"}) as term:
        term.wait_for("Stories (6)")
        term.settle()
        cursor = reverse_rows(term)
        assert len(cursor) == 1 and "Brussels unveils plan" in cursor[0], term.text()
        term.send("j")
        term.settle()
        assert reverse_rows(term) != cursor
        term.send("Q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
    assert colour_parameters(output) == set()
    assert "●" in drawn(output)  # xterm's font: Unicode marks


def test_xterm_keeps_its_glyphs_and_colours() -> None:
    with Terminal([installed_command(), "--demo"], 100, 30) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("Q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
    assert colour_parameters(output)
    assert "●" in drawn(output) and "╭" in drawn(output)


# --- the choice and the filter -------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "console"),
    [("linux", True), ("linux-16color", True), ("vt100", True), ("vt220", True),
     ("xterm", False), ("xterm-256color", False), ("tmux-256color", False),
     ("screen", False), ("vte-256color", False), ("", False), (None, False)],
)  # fmt: skip
def test_which_terminals_get_the_console_s_glyphs(term: str | None, console: bool) -> None:
    assert console_term(term) is console


def test_every_mark_is_drawn_on_the_console_and_they_are_distinct() -> None:
    for glyphs in (UNICODE, CONSOLE):
        marks = [glyphs.unread, glyphs.saved, glyphs.saved_read, *glyphs.related.values()]
        assert len(set(marks)) == len(marks) == 11
        assert glyphs.related.keys() == UNICODE.related.keys()
    assert all(mark.isascii() for mark in [CONSOLE.unread, *CONSOLE.related.values()])


def test_the_filter_keeps_every_cell_in_place() -> None:
    text = "╭─ “Hé” — Š ▣ Image ┃ ▇▃ 東京 Łódź ✓ ★ 1…2 ﬁ ╯"
    assert console_text(text) == '┌─ "Hé" - S ■ Image │ █  東京 Łódz v * 1.2 ﬁ ┘'
    line = [Segment("Opening [3] slow 2…", None), Segment("   ", None)]
    assert ConsoleGlyphs().apply(line, Color(0, 0, 0)) == [
        Segment("Opening [3] slow 2.", None),
        Segment(".. ", None),
    ]
    ascii_line = [Segment("plain", None)]
    assert ConsoleGlyphs().apply(ascii_line, Color(0, 0, 0)) is ascii_line


def test_the_readme_gives_each_mark_its_console_mark() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for marks in (list_marks, related_marks):
        for (mark, meaning), (ascii_mark, _) in zip(marks(UNICODE), marks(CONSOLE), strict=True):
            assert f"`{mark}` {meaning} (`{ascii_mark}`)" in readme


async def test_the_help_lists_the_console_s_marks_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(app.screen.text.split())
    for mark, meaning in (*list_marks(CONSOLE), *related_marks(CONSOLE)):
        assert f"{mark} {meaning}" in text
    assert "● unread" not in text
