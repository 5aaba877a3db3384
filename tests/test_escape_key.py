"""Esc then a key, typed quickly, is Esc then that key (tester report 3): over SSH keys
typed quickly arrive together, and Textual read an ESC with a key within 100 ms as
Alt+key: ``/ab`` Esc ``x`` 20 ms later filtered "abx"; Esc ``Q`` over the help was
Alt+Shift+Q, and nothing quit. The escape sequences a terminal sends are read as before."""

from __future__ import annotations

import inspect
import time

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver
from textual.message import Message

from tests.terminal import Terminal, installed_command
from tui.ui.escape_key import alt_keys, escape_parser, use_escape_parser

pytestmark = pytest.mark.timeout(60)


def read(*chunks: str, alt: tuple[str, ...] = (), wait: bool = True) -> list[str]:
    """What the parser makes of ``chunks``, each read apart (within the ESC's wait);
    then, with ``wait``, after the wait is over."""
    parser = escape_parser(alt)()
    found: list[Message] = []
    for chunk in chunks:
        found += parser.feed(chunk)
    if wait:
        time.sleep(0.15)  # past Textual's ESCDELAY (100 ms)
        found += parser.tick()
    return [name(message) for message in found]


def name(message: Message) -> str:
    if isinstance(message, events.Key):
        return message.key
    if isinstance(message, events.Paste):
        return f"paste:{message.text}"
    return type(message).__name__


@pytest.mark.parametrize(
    ("chunks", "keys"),
    [
        (("/ab", "\x1b", "x"), ["slash", "a", "b", "escape", "x"]),  # x 20 ms later
        (("\x1bQ",), ["escape", "Q"]),  # in one read
        (("\x1b\r",), ["escape", "enter"]),  # was Enter alone
        (("\x1b3",), ["escape", "3"]),  # was £ (a Mac's Option+3)
        (("\x1bf",), ["escape", "f"]),  # was Ctrl+→ (iTerm's Option+→)
        (("\x1b/",), ["escape", "slash"]),  # was / alone
        (("\x1b\x03",), ["escape", "ctrl+c"]),
        (("\x1b", "\x1b", "q"), ["escape", "escape", "q"]),
    ],
)
def test_esc_then_a_key_is_esc_then_the_key(chunks: tuple[str, ...], keys: list[str]) -> None:
    # At once: the key does not wait for the end of the ESC's delay.
    assert read(*chunks, wait=False) == keys


@pytest.mark.parametrize(
    ("sent", "keys"),
    [
        ("\x1b[A\x1b[B\x1b[C\x1b[D", ["up", "down", "right", "left"]),
        ("\x1bOA\x1bOP", ["up", "f1"]),  # SS3: application cursor keys, F1
        ("\x1b[15~\x1b[6~\x1b[Z", ["f5", "pagedown", "shift+tab"]),
        ("\x1b[1;3A", ["alt+up"]),  # a real Alt, as xterm sends it
        ("\x1b[<0;3;4M\x1b[<0;3;4m", ["MouseDown", "MouseUp"]),  # SGR mouse
        ("\x1b[<35;5;6M", ["MouseMove"]),
        ("\x1b[I\x1b[O", ["AppFocus", "AppBlur"]),
        ("\x1b[200~/ab\x1b[201~q", ["paste:/ab", "q"]),
        ("\x1b", ["escape"]),  # alone: Esc once the wait is over
    ],
)
def test_escape_sequences_are_read_as_before(sent: str, keys: list[str]) -> None:
    assert read(sent) == keys
    # Each byte in a read of its own (a slow link): the same.
    assert read(*sent) == keys


def textual_reads(sent: str) -> list[str]:
    """What Textual's own parser makes of ``sent``, once its wait is over."""
    parser = XTermParser()
    found = list(parser.feed(sent))
    time.sleep(0.15)
    found += parser.tick()
    return [name(message) for message in found]


@pytest.mark.parametrize(
    "sent",
    [
        "\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[24~\x1bOQ",
        "\x1b[M !!\x1b[M#!!",  # X10 mouse
        "\x1b[<64;10;5M",  # the wheel
        "\x1b[?2026;2$y\x1b[12;5R",  # answers: a mode, the cursor's place
        "\x1b[27u\x1b[97;3u\x1b[13u",  # the kitty keyboard protocol: Esc, Alt+a, Enter
        "\x1b[200~hi\x1bx there\x1b[201~q",  # an ESC pasted
        "\x1b[200~a\x1b\x1b[201~",
        "\x1b[200~\x1b[A\x1bQ\x1b[201~",
    ],
)
def test_what_a_terminal_sends_is_read_as_textual_reads_it(sent: str) -> None:
    """Sequences, answers and pastes: the same keys and events, whether in one read or
    byte by byte (what is pasted is never split into Esc and keys)."""
    assert read(sent) == textual_reads(sent)
    assert read(*sent) == textual_reads(sent)


def test_an_alt_key_the_user_binds_stays_alt() -> None:
    assert read("\x1bn", alt=("alt+n",)) == ["alt+n"]
    assert read("\x1bN", alt=("alt+n",)) == ["escape", "N"]
    assert alt_keys({"app.zen": "z,alt+z", "app.help": "f1"}) == ["alt+z"]


def test_the_driver_makes_belga_s_parser() -> None:
    """The Textual internal relied on: the Linux driver makes its parser by this name
    (and the parser's wait is ``_timeout_time``: the cases above fail without it)."""
    assert "XTermParser(" in inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    use_escape_parser()
    assert getattr(linux_driver, "XTermParser").__name__ == "EscapeKeyParser"  # noqa: B009
    assert hasattr(escape_parser()(), "_timeout_time")


# --- the installed belga in a real terminal ------------------------------------------


@pytest.fixture
def belga() -> str:
    return installed_command()


def test_esc_then_x_20_ms_later_clears_the_filter(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("/ab")
        term.wait_for("“ab”")
        term.settle()
        term.send("\x1b")
        time.sleep(0.02)
        term.send("x")
        term.wait_for("Stories (6)")  # the filter cleared
        term.settle()
        assert "abx" not in term.text()
        term.send("Q")
        assert term.wait_exit() == 0


def test_esc_and_q_together_close_the_help_and_quit(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("?")
        term.wait_for("Close help")
        term.settle()
        term.send("\x1bQ")  # one read
        assert term.wait_exit() == 0
