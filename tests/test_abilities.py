"""What the writer learns from the terminal itself: its answer about left and right
margins (DECRQM for mode 69), caught in Textual's own input parser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest
from textual._xterm_parser import XTermParser
from textual.messages import TerminalSupportsSynchronizedOutput

from tests.stories import HOST, story, write_stories
from tests.terminal import Terminal, installed_command
from tests.test_wire_replay import MarginScreen, MarginStream
from tui.ui import abilities
from tui.ui.abilities import MARGINS_QUERY, ask_margins, has_margins, watch_mode_reports


@pytest.fixture(autouse=True)
def no_answer() -> Iterator[None]:
    abilities._reports.clear()
    yield
    abilities._reports.clear()


def parsed(data: str) -> list[object]:
    return list(XTermParser().feed(data))


@pytest.mark.parametrize(
    ("answer", "margins"), [(1, True), (2, True), (3, True), (0, False), (4, False)]
)
def test_the_terminals_answer_about_margins_is_kept(answer: int, margins: bool) -> None:
    """Through Textual's parser (an internal: its pattern for mode reports is watched);
    1 and 2: the mode is there (set, reset), 3: always set; 0: unknown, 4: always off."""
    watch_mode_reports()
    assert not has_margins()
    parsed(f"\x1b[?69;{answer}$y")
    assert has_margins() is margins


def test_textual_still_reads_the_other_mode_reports() -> None:
    watch_mode_reports()
    watch_mode_reports()  # twice: watched once
    tokens = parsed("\x1b[?2026;2$y")
    assert any(isinstance(token, TerminalSupportsSynchronizedOutput) for token in tokens)
    assert not has_margins()


class Driver:
    def __init__(self, input_tty: bool) -> None:
        self.input_tty = input_tty
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


def test_the_query_goes_only_to_a_terminal_that_is_typed_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TERM_PROGRAM", raising=False)
    typed, piped = Driver(True), Driver(False)
    ask_margins(typed)
    ask_margins(piped)
    assert typed.written == [MARGINS_QUERY] and piped.written == []
    monkeypatch.setenv("TERM_PROGRAM", "Apple_Terminal")  # it prints the query
    apple = Driver(True)
    ask_margins(apple)
    assert apple.written == []


# --- end to end: belga in a pty that answers as xterm does, or answers nothing ---------

WORDS = [
    "harbour",
    "committee",
    "plans",
    "rail",
    "budget",
    "Brussels",
    "minister",
    "Antwerp",
    "port",
    "tram",
]


def long_story(folder: Path) -> Path:
    """One story whose lines do not repeat, with a link every few paragraphs: a
    sidebar full of entries beside the text."""
    paragraphs = []
    for index in range(40):
        words = " ".join(WORDS[(index * 7 + i * 3) % len(WORDS)] for i in range(40))
        link = f' <a href="{HOST}/s{index}">linked {index}</a>' if index % 2 == 0 else ""
        paragraphs.append(f"<p>Paragraph {index}: {words}{link}.</p>")
    document = story("long", "A long story", "2026-11-20 09:00:00", "".join(paragraphs))
    return write_stories(folder, {"long": document})


def scrolled(tmp_path: Path, answer: bool) -> tuple[pyte.Screen, bytes]:
    """The screen after opening the story and ``j`` (replayed as a terminal with left and
    right margins if it answered that it has them), and the bytes of ``j``."""
    stories = long_story(tmp_path / "stories")
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "config"), "BELGA_CACHE_DIR": str(tmp_path)}
    with Terminal([installed_command(), str(stories)], 120, 40, env=env) as term:
        if answer:
            term.wait_for_bytes(MARGINS_QUERY.encode())
            term.send("\x1b[?69;2$y")
        term.wait_for("A long story")
        term.send("\r")
        term.wait_for("Paragraph 3")
        term.settle(0.5)
        before = len(term.received)
        term.send("j")
        term.settle(0.5)
        written = bytes(term.received[before:])
        received = bytes(term.received)
        term.send("Q")
    screen = MarginScreen(120, 40) if answer else pyte.Screen(120, 40)
    stream = MarginStream(screen) if answer else pyte.Stream(screen)
    stream.feed(received.decode())
    return screen, written


def test_where_the_terminal_has_margins_j_leaves_the_sidebar_alone(tmp_path: Path) -> None:
    """The same keys in a terminal that answers the query as xterm does and in one that
    answers nothing (as the benchmark's pty): the same screen; with margins, ``j`` does
    not write the sidebar's entries again."""
    margins, with_margins = scrolled(tmp_path / "xterm", answer=True)
    plain, without = scrolled(tmp_path / "plain", answer=False)
    assert margins.display == plain.display
    region = re.compile(rb"\x1b\[\d+;\d+r")  # both scrolled (DECSTBM)
    assert region.search(with_margins) and region.search(without)
    assert b"\x1b[?69h" in with_margins and b"\x1b[?69h" not in without
    assert b"linked" in without and b"linked" not in with_margins.split(b"\x1b[?69l")[1]
    assert len(with_margins) < len(without) / 2
