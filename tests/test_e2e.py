"""The installed ``belga`` command in a real pseudo-terminal, read by a terminal emulator."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.terminal import Terminal, installed_command

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"
ESC = "\x1b"


@pytest.fixture
def belga() -> str:
    return installed_command()


def test_demo_in_a_real_terminal(belga: str) -> None:
    with Terminal([belga, "--demo"], 120, 40) as term:
        term.wait_for("Stories")
        term.wait_for("Brussels unveils plan")
        term.settle()
        # Each step waits for what it expects (under load a fixed settle was too short).
        term.send("j")  # move down the list
        term.send("\r")  # open it
        term.wait_for("Enter Follow link")  # the reading pane's keys: the story is open
        term.wait_for("│ Ghent winter light trail draws record crowds")  # its title, in the pane
        term.send("?")
        term.wait_for("Keys — Esc or ? to close")
        term.wait_for("Everywhere")
        term.send(ESC)
        term.wait_gone("Keys — Esc or ? to close")
        term.wait_for("Enter Follow link")  # back in the story, not elsewhere
        term.send("q")  # from the story back to the list
        term.wait_for("q Quit")  # the list's keys
        assert "Enter Follow link" not in term.text()
        term.send("q")
        assert term.wait_exit() == 0
        # The terminal is given back: alternate screen left, cursor shown again.
        assert b"\x1b[?1049l" in term.received
        assert term.received.rfind(b"\x1b[?25h") > term.received.rfind(b"\x1b[?25l")


def test_version_and_help(belga: str) -> None:
    version = subprocess.run([belga, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("belga ")
    usage = subprocess.run([belga, "--help"], capture_output=True, text=True, check=True)
    assert "--demo" in usage.stdout and "--dump" in usage.stdout


def test_dump_of_a_story_and_of_a_broken_file(belga: str, tmp_path: Path) -> None:
    result = subprocess.run([belga, "--dump", str(FIXTURE)], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("Belgian defence industry looks to expand ties")
    assert "\x1b" not in result.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    failed = subprocess.run([belga, "--dump", str(broken)], capture_output=True, text=True)
    assert failed.returncode != 0
    assert failed.stdout == ""
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.json" in lines[0] and "not valid JSON" in lines[0]


SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours(output: bytes) -> set[str]:
    """The kinds of colour the program asked the terminal for."""
    kinds: set[str] = set()
    for match in SGR.finditer(output):
        params = [int(p) if p.isdigit() else 0 for p in match.group(1).split(b";")]
        index = 0
        while index < len(params):
            param = params[index]
            if param in (38, 48) and index + 1 < len(params):
                if params[index + 1] == 2:
                    rgb = params[index + 2 : index + 5]
                    kinds.add("grey" if len(set(rgb)) == 1 else "truecolor")
                    index += 5
                    continue
                if params[index + 1] == 5:
                    kinds.add("256")
                    index += 3
                    continue
            elif 30 <= param <= 37 or 90 <= param <= 97 or 40 <= param <= 47:
                kinds.add("16")
            index += 1
    return kinds


@pytest.mark.parametrize(
    ("env", "allowed"),
    [
        ({"TERM": "xterm-256color", "COLORTERM": ""}, {"256", "16", "grey"}),
        ({"TERM": "xterm", "COLORTERM": ""}, {"16"}),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"}, set()),
    ],
    ids=["256-colours", "16-colours", "no-colour"],
)
def test_read_follow_search_back_quit(belga: str, env: dict[str, str], allowed: set[str]) -> None:
    with Terminal([belga, "--demo"], 100, 30, env=env) as term:
        term.wait_for("Brussels unveils plan")  # the list, newest first
        term.settle()
        term.send("\r")  # open the newest story
        term.settle(0.2)
        term.send("2")
        term.wait_for("follow link [2_]")
        term.send("\r")  # follow link [2]: the Ghent sample, inline
        term.wait_for("410,000 people walked")
        term.settle(0.2)
        term.send("/")
        term.settle(0.2)
        term.send("Aksoy\r")  # search in the story
        term.wait_for("for 'Aksoy'")
        term.send("n")
        term.settle(0.2)
        term.send("H")  # back to the canal story
        term.wait_for("Quayside Brussels")
        term.send("q")  # the search ends
        term.settle(0.2)
        term.send("q")  # back to the list
        term.wait_for("Stories (6)")
        term.send("q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
        assert b"\x1b[?1049l" in output  # the alternate screen is left
        assert output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l")  # the cursor is back
        assert output.rfind(b"\x1b[?1000l") >= output.rfind(b"\x1b[?1000h")  # no mouse
        assert colours(output) <= allowed, colours(output)


def test_nothing_is_written_while_idle_in_the_filter(belga: str, tmp_path: Path) -> None:
    """A blinking cursor cost ~200 bytes a second over SSH, forever (issue 13)."""
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "config"), "BELGA_CACHE_DIR": str(tmp_path)}
    with Terminal([belga, "--demo"], 120, 40, env=env) as term:
        term.wait_for("Stories")
        term.settle()
        term.send("/")
        term.wait_for("words in titles")
        term.settle(0.3)
        assert term.read(1.5) == 0  # three blinks' worth of time
        term.send("q")
