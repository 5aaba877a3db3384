"""The light theme is readable in 16, 256 and 24-bit colours (a new user's report 4,
item 8: the list's dates were bright white on bright white in 16 colours, key letters,
search matches and the link cursor at 1.1-1.2:1). The installed belga in a real
pseudo-terminal; the contrast (WCAG's) of the pens it actually wrote, cell by cell, with
the terminal palette Rich assumes for the 16 and 256 colours."""

from __future__ import annotations

from pathlib import Path

import pyte
import pytest
from rich.color import Color

from tests.stories import linked_stories, write_stories
from tests.terminal import Terminal, installed_command

TEXT_CONTRAST = 3.0
"""The least contrast of any character of text (WCAG's for large text; its 4.5 for body
text is asked of the text itself, not of marks and dates)."""
BORDER_CONTRAST = 1.5
"""The least contrast of a pane's border and scrollbar: seen, not read."""
DRAWING = set("─│╭╮╰╯▁▂▃▄▅▆▇█▔▏▕▌▐━┃")

MODES = {
    "16": {"TERM": "xterm", "COLORTERM": ""},
    "256": {"TERM": "xterm-256color", "COLORTERM": ""},
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
}
NAMES = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white"]


def rgb(name: str) -> tuple[int, int, int] | None:
    """A pyte colour as RGB (Rich's standard palette for the 16 colours); None: the
    terminal's own default."""
    if name == "default":
        return None
    bright = name.startswith(("bright", "bfight"))
    base = name.removeprefix("bright").removeprefix("bfight")
    if base in NAMES:
        return Color.parse(f"color({NAMES.index(base) + 8 * bright})").get_truecolor()
    return Color.parse(f"#{name}").get_truecolor()


def luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    a, b = sorted((luminance(one), luminance(two)))
    return (b + 0.05) / (a + 0.05)


def faint(screen: pyte.Screen) -> list[tuple[float, int, str, str, str]]:
    """The characters drawn below their least contrast: (contrast, row, text, fg, bg)."""
    found = []
    for y in range(screen.lines):
        line = screen.buffer[y]
        for x in range(screen.columns):
            cell = line[x]
            if not cell.data.strip():
                continue
            fg, bg = (cell.bg, cell.fg) if cell.reverse else (cell.fg, cell.bg)
            pair = rgb(fg), rgb(bg)
            if pair[0] is None or pair[1] is None:
                continue  # the terminal's own colours: its user chose them
            least = BORDER_CONTRAST if cell.data in DRAWING else TEXT_CONTRAST
            ratio = contrast(pair[0], pair[1])
            if ratio < least:
                before = "".join(line[i].data for i in range(max(0, x - 12), x))
                text = f"{before}[{cell.data}]"
                found.append((round(ratio, 2), y, text, fg, bg))
    return found


@pytest.mark.parametrize("mode", list(MODES))
def test_the_light_theme_has_contrast(tmp_path: Path, mode: str) -> None:
    folder = write_stories(tmp_path / "stories", linked_stories())
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('[ui]\ntheme = "textual-light"\n')
    env = {
        "BELGA_CONFIG_DIR": str(tmp_path / "config"),
        "BELGA_CACHE_DIR": str(tmp_path / "cache"),
        **MODES[mode],
    }
    env = {key: value for key, value in env.items() if value or key != "COLORTERM"}
    seen: list[tuple[float, int, str, str, str]] = []
    with Terminal([installed_command(), str(folder)], columns=120, lines=30, env=env) as term:
        term.wait_for("Alpha story")
        term.settle()
        seen += faint(term.screen)  # the list and the story beside it, the key bar
        term.send("j")
        term.settle()
        seen += faint(term.screen)  # the cursor on a read story, another date
        term.send("\r")
        term.settle()
        term.send("/harbour\r")  # search matches in the story
        term.settle()
        seen += faint(term.screen)
        term.send("\x1b")
        term.settle()
        term.send("\t")  # the link cursor
        term.settle()
        seen += faint(term.screen)
        term.send("Q")
    pairs = {(ratio, fg, bg): (row, text) for ratio, row, text, fg, bg in seen}
    assert not pairs, "\n".join(f"{key}: row {row} {text!r}" for key, (row, text) in pairs.items())
