"""The installed ``belga`` command in a real pseudo-terminal, read by a terminal emulator."""

from __future__ import annotations

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
        term.wait_for("Sample:")
        term.settle()
        term.send("j")  # move down the list
        term.send("\r")  # open it
        term.settle()
        term.send("?")
        term.wait_for("Keys — Esc or ? to close")
        term.wait_for("Everywhere")
        term.send(ESC)
        term.settle()
        assert "Keys — Esc or ? to close" not in term.text()
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
