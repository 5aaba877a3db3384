"""belga as a good terminal citizen, in a real pseudo-terminal (issue 11): Ctrl+Z suspends
and fg redraws, Ctrl+C quits cleanly, NO_COLOR sends no colour code at all, TERM=dumb
gets plain text, the mouse is left alone unless asked for — at 80×24 and 120×40."""

from __future__ import annotations

import ctypes
import os
import re
import signal
import time
from pathlib import Path

import pytest

from tests.terminal import Terminal, installed_command
from tui.core.config.paths import config_file

pytestmark = pytest.mark.timeout(60)
SIZES = [(80, 24), (120, 40)]
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
MOUSE_ON = b"\x1b[?1000h"


@pytest.fixture
def belga() -> str:
    return installed_command()


def colour_parameters(output: bytes) -> set[int]:
    """Every SGR parameter that sets or resets a colour (30-49, 90-107), however sent."""
    found: set[int] = set()
    for match in SGR.finditer(output):
        for part in re.split(rb"[;:]", match.group(1)):
            if part.isdigit():
                value = int(part)
                if 30 <= value <= 49 or 90 <= value <= 107:
                    found.add(value)
    return found


def stopped(pid: int) -> bool:
    """Whether the process is stopped (state T in /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] in ("T", "t")


def wait_until(condition: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


@pytest.mark.parametrize("size", SIZES)
def test_ctrl_z_suspends_and_fg_redraws(belga: str, size: tuple[int, int]) -> None:
    with Terminal([belga, "--demo"], *size, job=True) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        before = len(term.received)
        term.send(b"\x1a")  # Ctrl+Z
        wait_until(lambda: stopped(term.process.pid))
        term.read(0.2)
        assert b"\x1b[?1049l" in term.received[before:]  # the shell's screen is back
        resumed = len(term.received)
        os.kill(term.process.pid, signal.SIGCONT)  # what fg does
        term.wait_for_bytes(b"\x1b[?1049h", since=resumed)  # the app's screen again
        term.wait_for_bytes(b"Brussels unveils plan", since=resumed)
        term.settle()
        assert "Stories (6)" in term.text()  # redrawn whole
        term.send("q")
        assert term.wait_exit() == 0


def test_ctrl_z_with_no_shell_to_come_back_to_says_so(belga: str) -> None:
    """Started without a shell (``ssh -t host belga``: belga leads its own session),
    Ctrl+Z stopped belga with nothing to type ``fg`` into: the session froze for good (a
    new user's report). It now stays, and says why, at 80 columns."""
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send(b"\x1a")  # Ctrl+Z
        term.wait_for("no shell to come back to")
        assert not stopped(term.process.pid)
        term.send("j")  # and it still answers
        term.settle()
        term.send("q")
        assert term.wait_exit() == 0


def test_keys_typed_before_the_app_starts_are_all_kept(belga: str) -> None:
    """``j j Enter`` typed while belga starts (over a slow link one types ahead): the two
    ``j`` moved the cursor but Enter was lost, because the terminal, not yet raw, turned
    its CR into a newline (ICRNL), read as Ctrl+J (a new user's report). A newline is
    Enter now: the third story opens."""
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.send(b"jj\r")  # at once: the terminal is still in its cooked mode
        term.wait_for("Small Belgian exporters say trade missions pay off")
        term.settle()
        assert "Stories (6)" not in term.text()  # the story, not the list
        term.send("Q")
        assert term.wait_exit() == 0


def test_ctrl_l_redraws_a_garbled_screen(belga: str) -> None:
    """Ctrl+L did nothing (a new user's report): over SSH a screen gets garbled (a
    wall message, line noise) and less, vim, mutt and newsboat all redraw on it."""
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        clean = term.text()
        term.stream.feed(b"\x1b[5;10HGARBLED LINE NOISE\x1b[12;1H\x1b[2K")  # on our screen only
        assert term.text() != clean
        term.send(b"\x0c")  # Ctrl+L
        term.settle()
        assert term.text() == clean
        term.send("Q")
        assert term.wait_exit() == 0


def test_belga_ends_when_its_terminal_is_gone(belga: str) -> None:
    """The terminal closed under belga (a dropped connection that sent no SIGHUP: no
    controlling terminal, or SIGHUP ignored): Textual's input thread read end-of-file
    in a loop, and a belga was found at 47 % CPU 50 minutes later. It ends now."""
    term = Terminal([belga, "--demo"], 80, 24)
    try:
        term.wait_for("Brussels unveils plan")
        term.settle()
        os.close(term.master)  # the other side of the terminal is gone
        term.master = os.open(os.devnull, os.O_RDONLY)  # for close() below
        assert term.process.wait(timeout=15) is not None
    finally:
        term.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_kill_gives_the_terminal_back(belga: str, signum: int) -> None:
    """``kill PID`` (an admin, ``timeout``, a session manager) ended belga where it stood:
    the alternate screen still on and the cursor hidden, the shell writing over the old
    frame until ``reset`` (a new user's report). It now leaves as ``Q`` does, and ends
    with 128 + the signal's number, the status a shell shows for a process the signal
    killed. ``kill -HUP`` with the terminal still there too."""
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        before = len(term.received)
        os.kill(term.process.pid, signum)
        assert term.wait_exit() == 128 + signum
        after = bytes(term.received[before:])
        assert b"\x1b[?1049l" in after  # the shell's screen is back
        assert after.rfind(b"\x1b[?25h") > after.rfind(b"\x1b[?25l")  # the cursor shown
        assert after.rfind(b"\x1b[?1049l") > after.rfind(b"\x1b[?1049h")


def tgkill(pid: int, tid: int, signum: int) -> None:
    """Send ``signum`` to one thread of another process (Linux, glibc 2.30+)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "tgkill"):
        pytest.skip("no tgkill in this C library")
    if libc.tgkill(pid, tid, signum) != 0:
        raise OSError(ctypes.get_errno(), "tgkill")


def test_fg_comes_back_when_a_worker_thread_takes_sigcont(belga: str) -> None:
    """The kernel hands SIGCONT (what fg sends) to any thread of belga; when a worker
    thread took it, the main thread slept on in the event loop and the app stayed away
    (the shell's screen, keys echoed) until a second Ctrl+Z — 5 of ~100 fg in tmux, and
    what made the test above flaky under load. Sent to a worker thread on purpose here,
    three times (without tui/ui/wake.py this failed 4 times of 5)."""
    with Terminal([belga, "--demo"], 80, 24, job=True) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        pid = term.process.pid
        for _ in range(3):
            term.send(b"\x1a")  # Ctrl+Z
            wait_until(lambda: stopped(pid))
            workers = [int(tid) for tid in os.listdir(f"/proc/{pid}/task") if int(tid) != pid]
            if not workers:
                pytest.skip("belga has no other thread to take the signal")
            term.read(0.1)
            resumed = len(term.received)
            tgkill(pid, workers[0], signal.SIGCONT)
            term.wait_for_bytes(b"\x1b[?1049h", since=resumed, timeout=5)
            term.wait_for_bytes(b"Brussels unveils plan", since=resumed, timeout=5)
            term.settle()
        assert "Stories (6)" in term.text()
        term.send("q")
        assert term.wait_exit() == 0


def test_q_and_ctrl_z_work_over_help(belga: str) -> None:
    """Q quits at once and Ctrl+Z suspends on the help screen too (a modal screen gets
    none of the app's keys by itself; tests/test_keys_everywhere.py walks every dialog)."""
    with Terminal([belga, "--demo"], 80, 24, job=True) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("?")
        term.wait_for("Esc or ? to close")
        term.settle()
        term.send("  ")  # two pages down: fg brings help back where it was
        term.settle()
        scrolled = term.text()
        assert "Everywhere" not in scrolled
        term.send(b"\x1a")  # Ctrl+Z
        wait_until(lambda: stopped(term.process.pid))
        resumed = len(term.received)
        os.kill(term.process.pid, signal.SIGCONT)  # what fg does
        term.wait_for_bytes(b"\x1b[?1049h", since=resumed)
        term.settle()
        assert term.text() == scrolled  # help, redrawn, at the same place
        term.send("Q")
        assert term.wait_exit() == 0


@pytest.mark.parametrize("size", SIZES)
def test_ctrl_c_quits_cleanly(belga: str, size: tuple[int, int]) -> None:
    with Terminal([belga, "--demo"], *size) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send(b"\r")  # in a story: Ctrl+C still quits, at once
        term.settle()
        term.send(b"\x03")
        assert term.wait_exit() == 0
        assert term.received.rfind(b"\x1b[?1049l") > term.received.rfind(b"\x1b[?1049h")


@pytest.mark.parametrize("size", SIZES)
def test_no_color_sends_no_colour_code_at_all(belga: str, size: tuple[int, int]) -> None:
    env = {"NO_COLOR": "1", "COLORTERM": "truecolor"}
    with Terminal([belga, "--demo"], *size, env=env) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("\r")  # a story, its links and the sidebar
        term.settle()
        term.send("\t")  # the link cursor
        term.settle()
        term.send("q")
        term.settle(0.2)
        term.send("q")
        assert term.wait_exit() == 0
        output = bytes(term.received)
    assert colour_parameters(output) == set()
    params = {p for m in SGR.finditer(output) for p in m.group(1).split(b";")}
    assert b"7" in params  # the cursor and the link cursor stand out by reverse video


@pytest.mark.parametrize("size", SIZES)
def test_term_dumb_gets_plain_text(belga: str, size: tuple[int, int]) -> None:
    with Terminal([belga, "--demo"], *size, env={"TERM": "dumb"}) as term:
        assert term.wait_exit() == 0
        term.read(0.2)
        output = bytes(term.received)
    assert b"\x1b" not in output  # no escape sequence of any kind
    text = output.decode()
    assert "no full-screen view (TERM=dumb)" in text and "belga --dump" in text
    assert "\n1.   26 Nov  Brussels unveils plan for 4,000 homes along the canal" in text
    assert len([line for line in text.splitlines() if line.startswith("belga:")]) == 1


def test_no_terminal_gets_plain_text(belga: str) -> None:
    import subprocess

    result = subprocess.run([belga, "--demo"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "\x1b" not in result.stdout
    assert result.stdout.startswith("1.   26 Nov  Brussels unveils plan")
    assert result.stderr.count("\n") == 1 and "not a terminal" in result.stderr


def test_mouse_reporting_only_when_asked_for(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("q")
        assert term.wait_exit() == 0
        assert MOUSE_ON not in term.received
    path: Path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[ui]\nmouse = true\n")
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("q")
        assert term.wait_exit() == 0
        assert MOUSE_ON in term.received


def _title_reversed(term: Terminal, title: str) -> bool:
    """Whether the pane title ``title`` on the top row is shown in reverse video."""
    row = term.screen.display[0]
    start = row.index(title)
    return all(term.screen.buffer[0][x].reverse for x in range(start, start + len(title)))


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {}])
def test_the_focused_pane_stands_out_by_its_title_even_without_colour(
    belga: str, env: dict[str, str]
) -> None:
    with Terminal([belga, "--demo"], 120, 40, env=env) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("\r")  # the story, focused, beside its sidebar
        term.wait_for("Related (")
        term.settle()
        assert _title_reversed(term, "newsroom.example")
        assert not _title_reversed(term, "Related (")
        before = len(term.received)
        term.send("l")  # the sidebar
        term.settle()
        assert _title_reversed(term, "Related (") and not _title_reversed(term, "newsroom")
        # The cue is two title rows, not four borders repainted.
        assert len(term.received) - before < 1500
        term.send(b"\x03")
        assert term.wait_exit() == 0


def test_scrolling_a_story_in_a_real_terminal_shows_its_lines_moved(belga: str) -> None:
    """j and k are sent as terminal scrolls (tui/ui/wire.py): the screen replayed from
    them is the story moved by a line, and back, cell for cell."""
    with Terminal([belga, "--demo"], 120, 40) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("\r")
        term.wait_for("Related (")
        term.settle()
        top = term.screen.display[:]
        story = [row[:80] for row in top[1:38]]  # the text, not the scrollbar
        before = len(term.received)
        term.send("jjj")
        term.settle()
        assert b"r\x1b[" in term.received[before:]  # a scroll region was set (and reset)
        moved = [row[:80] for row in term.screen.display[1:38]]
        assert moved[1:-3] == story[4:]  # the text rows, three lines up
        term.send("kkk")
        term.settle()
        assert term.screen.display == top
        term.send(b"\x03")
        assert term.wait_exit() == 0
