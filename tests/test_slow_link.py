"""Over a slow link the frames the terminal has not read yet are merged (tui/ui/link.py):
the installed belga in a real pty seen through a 4,000 B/s link (tests/slow_terminal.py),
and the Link's rules on their own."""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from pathlib import Path

import pytest
from textual._compositor import LayoutUpdate
from textual.geometry import Region

from tests.slow_terminal import SlowTerminal
from tests.stories import story
from tests.terminal import Terminal, installed_command
from tui.ui import link
from tui.ui.link import QUERY, Link

WORDS = [
    "harbour",
    "budget",
    "council",
    "rail",
    "minister",
    "port",
    "strike",
    "vote",
    "plan",
    "tariff",
    "union",
    "grid",
]


def _varied_story(folder: Path) -> Path:
    """A story whose lines do not repeat (a scroll is found only where it is one)."""
    rng = random.Random(7)
    paragraphs = "".join(
        f"<p>Paragraph {index}. {' '.join(rng.choices(WORDS, k=60))}.</p>" for index in range(80)
    )
    body = f"<p><strong>Lead paragraph of the slow story.</strong></p>{paragraphs}"
    path = folder / "slow.json"
    path.write_text(json.dumps(story("slow", "A slow story", "2026-11-20 09:00:00", body)))
    return path


def _column(screen: list[str]) -> int:
    """The reading pane's text column."""
    return next(row.find("Paragraph 0.") for row in screen if "Paragraph 0." in row)


def _pane_rows(screen: list[str], column: int) -> list[str]:
    """The reading pane's rows: the part of each row from its text's column."""
    return [row[column : column + 50] for row in screen]


def _scrolled(before: list[str], after: list[str]) -> int:
    """By how many lines the pane's text moved up from ``before`` to ``after``."""
    return next(d for d in range(40) if after[10:20] == before[10 + d : 20 + d])


def test_keys_over_a_slow_link_are_merged_into_the_newest_screen(tmp_path: Path) -> None:
    story_file = _varied_story(tmp_path)
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "c"), "BELGA_CACHE_DIR": str(tmp_path / "k")}
    command = [installed_command(), str(story_file)]
    with SlowTerminal(command, 160, 60, env, rate=4000, latency=0.15) as term:
        term.wait_for("Paragraph 0.")
        term.type("\r")  # the story focused
        term.settle(0.5)
        column = _column(term.screen.display)
        before = _pane_rows(term.screen.display, column)
        offset = len(term.received)
        term.type("j")
        term.settle(0.5)
        one = len(term.received) - offset
        assert _scrolled(before, _pane_rows(term.screen.display, column)) == 1
        offset = len(term.received)
        for _ in range(30):
            term.type("j")
            term.run(0.033)
        term.settle(0.5)
        merged = len(term.received) - offset
        scrolled = term.text()
        assert _scrolled(before, _pane_rows(term.screen.display, column)) == 31, scrolled
        term.type("\x0c")  # Ctrl+L: every cell written again, from the app's state
        term.settle(0.5)
        assert term.text() == scrolled  # what the merged frames left is the real screen
    assert merged < 30 * one / 2, (merged, one)  # ~9 frames of one key each


def test_a_terminal_that_never_answers_gets_every_frame(tmp_path: Path) -> None:
    """The pty of the other tests answers no query: nothing is held, every key painted."""
    story_file = _varied_story(tmp_path)
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "c"), "BELGA_CACHE_DIR": str(tmp_path / "k")}
    with Terminal([installed_command(), str(story_file)], 160, 60, env) as term:
        term.wait_for("Paragraph 0.")
        term.send("\r")
        term.settle(0.3)
        assert QUERY.encode() in term.received  # it was asked
        column = _column(term.screen.display)
        before = _pane_rows(term.screen.display, column)
        for _ in range(5):
            term.send("j")
            term.settle(0.2)
        assert _scrolled(before, _pane_rows(term.screen.display, column)) == 5


def _update(top: int, rows: int) -> LayoutUpdate:
    return LayoutUpdate([[] for _ in range(rows)], Region(0, top, 10, rows))


def test_the_link_waits_only_for_a_terminal_that_answers() -> None:
    async def run() -> None:
        repainted: list[list[Region]] = []
        wire = Link(repainted.append)
        wire.asks = True
        assert wire.ask() == QUERY
        assert wire.ask() == ""  # one question on its way at a time
        assert not wire.hold(_update(0, 2))  # never answered yet: not waited for
        wire.answered()
        assert wire.answers and not wire.busy()
        assert wire.ask() == QUERY
        assert wire.hold(_update(3, 2)) and wire.hold(_update(4, 2))
        assert repainted == []
        wire.answered()  # the frame before was read: the held rows painted again
        assert repainted == [[Region(0, y, 10, 1) for y in (3, 4, 5)]]
        assert not wire.busy()

    asyncio.run(run())


def _answering(repainted: list[list[Region]]) -> Link:
    """A link to a terminal that has answered, a question on its way."""
    wire = Link(repainted.append)
    wire.asks = True
    wire.ask()
    wire.answered()
    assert wire.ask() == QUERY
    return wire


def test_an_answer_that_does_not_come_is_not_awaited_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link, "LATEST", 0.05)

    async def run() -> None:
        repainted: list[list[Region]] = []
        wire = _answering(repainted)
        assert wire.hold(_update(0, 1))
        await asyncio.sleep(0.1)
        assert repainted == [[Region(0, 0, 10, 1)]]
        assert not wire.busy() and wire.ask() == QUERY  # asked again with the next frame
        wire.forget()  # a resume: nothing awaited
        assert not wire.busy()

    start = time.monotonic()
    asyncio.run(run())
    assert time.monotonic() - start < 5


AFTER = """
import os, select, sys, tty
tty.setraw(0)
got = b""
while select.select([0], [], [], 1.0)[0]:
    got += os.read(0, 100)
sys.stdout.write("AFTER:" + repr(got) + "\\r\\n")
"""


def test_no_answer_reaches_the_program_after_belga(tmp_path: Path) -> None:
    """Q right after a key over a slow link: the terminal's answer to the key's frame is
    awaited, so it is not typed into the shell that comes after (it was:
    ``b'\\x1b[38;119R'``)."""
    story_file = _varied_story(tmp_path)
    after = tmp_path / "after.py"
    after.write_text(AFTER)
    script = f"{installed_command()} {story_file}; {sys.executable} {after}"
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "c"), "BELGA_CACHE_DIR": str(tmp_path / "k")}
    with SlowTerminal(["sh", "-c", script], 120, 40, env, rate=20000, latency=0.3) as term:
        term.wait_for("Paragraph 0.")
        term.settle(0.5)
        term.type("\r")
        term.run(0.05)
        term.type("j")
        term.run(0.1)
        term.type("Q")
        term.settle(2.0)  # belga leaves; the program after it reads for 1 s, then says
        assert "AFTER:b''" in term.text(), term.text()


def test_leaving_waits_for_the_answers_on_their_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link, "LATEST", 0.05)

    async def run() -> None:
        left: list[str] = []
        wire = Link(lambda regions: None)
        wire.asks = True
        wire.settle(lambda: left.append("at once"))  # nothing asked: at once
        assert wire.ask() == QUERY
        wire.settle(lambda: left.append("never answered"))  # not waited for
        assert left == ["at once", "never answered"]
        wire.answered()  # it answers: from now on, its answers are waited for
        assert wire.ask() == QUERY
        wire.settle(lambda: left.append("answered"))
        assert wire.ask() == ""  # leaving: nothing more asked
        assert left == ["at once", "never answered"]
        wire.answered()
        assert left[-1] == "answered"
        wire.forget()
        await asyncio.sleep(0.06)
        assert wire.ask() == QUERY
        wire.settle(lambda: left.append("too late"))
        await asyncio.sleep(0.1)  # no answer: not awaited past LATEST
        assert left[-1] == "too late"

    asyncio.run(run())


def _inline_picture_story(base: str, number: int) -> dict[str, object]:
    """A story with a big picture pasted inline (a data: URL): cut at 2 MB, built in a
    thread, shown a few frames after Enter."""
    picture = "A" * 2_500_000
    body = (
        f'<p>Intro before picture {number}.</p><figure><img src="data:image/png;base64,'
        f'{picture}"></figure><p>After the picture.</p>'
    )
    doc = story(
        f"inline-{number}", f"Inline picture story {number}", f"2026-01-0{number} 09:00:00", body
    )
    doc.update(url=f"{base}/inline-{number}")
    return doc


def test_a_big_story_fetched_at_enter_is_painted_over_an_answering_terminal(
    tmp_path: Path,
) -> None:
    """Tester report 4, item 9: in tmux (which answers the frames' questions), a big story
    fetched at Enter stayed a blank pane until Ctrl+L, 4 times in 7 (here 1 in 9): the frames held
    while the terminal had not answered were painted again only where they had changed,
    and the story's text was in none of them."""
    from tests.feed_server import FeedServer

    with FeedServer() as server:
        for number in range(1, 7):
            server.stories[f"inline-{number}"] = _inline_picture_story(server.url, number)
        config = tmp_path / "c"
        config.mkdir()
        (config / "config.toml").write_text(
            f'newsroom = "{server.url}"\n[net]\nallow_private = true\n', encoding="utf-8"
        )
        env = {"BELGA_CONFIG_DIR": str(config), "BELGA_CACHE_DIR": str(tmp_path / "k")}
        with SlowTerminal([installed_command()], 100, 30, env, rate=1e6, latency=0.03) as term:
            term.wait_for("Inline picture story 1")
            term.settle(0.5)
            blank = []
            for number in range(1, 7):  # it happened in 1 of 3 opens or so
                term.type("G" if number == 1 else "qk")
                term.settle(0.3)
                term.type("\r")
                try:
                    term.wait_for(f"Intro before picture {number}", timeout=10)
                except TimeoutError:
                    blank.append(number)
                    term.type("\x0c")  # Ctrl+L: what the app holds, written again
                    term.wait_for(f"Intro before picture {number}", timeout=10)
            assert blank == [], term.text()


def test_over_a_slow_link_held_frames_wait_for_a_pause_in_the_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """j held down over a slow link: the answer comes while keys still come, so the held
    rows go at the first pause (or LONGEST_PAUSE after the answer), not at once."""
    monkeypatch.setattr(link, "SLOW", 0.02)
    monkeypatch.setattr(link, "PAUSE", 0.2)
    monkeypatch.setattr(link, "LONGEST_PAUSE", 0.5)

    async def run() -> None:
        repainted: list[list[Region]] = []
        wire = _answering(repainted)
        assert wire.hold(_update(1, 1))
        await asyncio.sleep(0.03)  # a slow answer, a key just before it
        assert wire.hold(_update(2, 1))
        wire.answered()
        assert repainted == [] and wire.busy()  # waiting for a pause
        for row in (3, 4, 5):  # keys go on coming: held with the rest
            await asyncio.sleep(0.1)
            assert wire.hold(_update(row, 1))
        assert repainted == []
        await asyncio.sleep(0.4)  # at most LONGEST_PAUSE after the answer
        assert repainted == [[Region(0, y, 10, 1) for y in (1, 2, 3, 4, 5)]]
        assert not wire.busy()
        # A quick answer (a fast link): the held rows go at once, keys or not.
        wire.ask()
        assert wire.hold(_update(7, 1))
        wire.answered()
        assert repainted[-1] == [Region(0, 7, 10, 1)]

    asyncio.run(run())
