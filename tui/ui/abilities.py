"""What the terminal can do, as the terminal itself says it: the writer (tui/ui/wire.py,
tui/ui/cells.py) uses a shorter sequence only where it is known to work.

- terminfo of ``$TERM``: ``ech`` (erase characters) and ``bce`` (erasing fills with the
  pen's background): xterm and the linux console say both; tmux and screen neither;
  ``colors``: xterm-mono, vt100 and vt220 have none (the app then sends none);
- the tty's output processing: with OPOST and ONLCR on (a pty's default, and sshd's),
  an LF written is sent as CR LF, so one byte moves to the start of the next row;
- the terminal's own answer (DECRPM) to a query for mode 69, DECLRMM: left and right
  margins (DECSLRM), so that a scroll moves the story's columns only, not the sidebar
  beside it (xterm has them; tmux, screen and the linux console do not, and say so or
  do not answer). Textual's parser drops reports of modes it does not know: its
  pattern for them is watched (:func:`watch_mode_reports`).

Nothing is assumed: a fact that cannot be read is False, and the writer then uses the
VT100 sequences every supported terminal has.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import Final

from tui.core.model.record import record


@record(frozen=True)
class Abilities:
    ech: bool = False
    """ECH (``ESC[nX``) erases n cells, the cursor staying."""
    bce: bool = False
    """Erased cells take the pen's background colour."""
    crlf: bool = False
    """An LF written arrives as CR LF (the tty's ONLCR)."""
    margins: bool = False
    """Left and right margins (DECLRMM, DECSLRM): the terminal said it has them."""


@cache
def _terminfo() -> tuple[bool, bool, int] | None:
    """What terminfo says of $TERM: ECH is known, erasing fills with the pen's background
    (bce), its number of colours (-1: none); None when it cannot be read."""
    try:
        import curses

        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing is written to the terminal
        try:
            curses.setupterm(os.environ.get("TERM") or "dumb", quiet)
        finally:
            os.close(quiet)
        return (
            curses.tigetstr("ech") is not None,
            curses.tigetflag("bce") == 1,
            curses.tigetnum("colors"),
        )
    except Exception:  # no terminfo, no curses
        return None


def terminal_erases() -> tuple[bool, bool]:
    """(ECH is known, erasing fills with the pen's background (bce)); (False, False) when
    terminfo cannot be read: the writer then writes blanks."""
    found = _terminfo()
    return (False, False) if found is None else found[:2]


def monochrome() -> bool:
    """Whether terminfo says $TERM shows no colour (xterm-mono, vt100, vt220): belga sends
    none there, as with NO_COLOR. False when it cannot be read."""
    found = _terminfo()
    return found is not None and found[2] < 8


def newline_returns() -> bool:
    """Whether an LF written to the terminal arrives as CR LF: OPOST and ONLCR on the tty
    Textual writes to (its LinuxDriver writes to ``sys.__stderr__``: a Textual internal,
    checked by tests/test_wire.py). Read each time (a resume may follow a shell that
    changed the modes); False when it cannot be read."""
    try:
        import termios

        stream = sys.__stderr__
        if stream is None:
            return False
        oflag = termios.tcgetattr(stream.fileno())[1]
        return bool(oflag & termios.OPOST) and bool(oflag & termios.ONLCR)
    except Exception:  # not a tty, no termios
        return False


MARGINS_QUERY: Final = "\x1b[?69$p"
"""DECRQM for DECLRMM; the terminal answers ESC[?69;Ps$y (Ps 1 or 2: it has the mode,
3: always set; 0: unknown, 4: always off)."""

_reports: dict[str, int] = {}
"""The modes the terminal reported, by number (written by Textual's input thread)."""


class _ModeReports:
    """Textual's pattern for mode reports, keeping the answer about mode 69 as it
    matches (``textual._xterm_parser._re_terminal_mode_response``: a Textual internal,
    checked by tests/test_abilities.py)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def match(self, text: str) -> re.Match[str] | None:
        found = self.pattern.match(text)
        if found is not None and found["mode_id"] == "69":
            _reports["69"] = int(found["setting_parameter"])
        return found


def watch_mode_reports() -> None:
    """Keep the terminal's answer about left and right margins (see :class:`_ModeReports`)."""
    from textual import _xterm_parser

    pattern = _xterm_parser._re_terminal_mode_response
    if not isinstance(pattern, _ModeReports):
        _xterm_parser._re_terminal_mode_response = _ModeReports(pattern)  # type: ignore[assignment]


def ask_margins(driver: object) -> None:
    """Ask the terminal whether it has left and right margins, as Textual asks about
    synchronized output (the same kind of query: only from a terminal on stdin, never
    Apple's Terminal, which prints it)."""
    if not getattr(driver, "input_tty", False):
        return
    if os.environ.get("TERM_PROGRAM", "") == "Apple_Terminal":
        return
    watch_mode_reports()
    driver.write(MARGINS_QUERY)  # type: ignore[attr-defined]


def has_margins() -> bool:
    """Whether the terminal answered that it has left and right margins."""
    return _reports.get("69") in (1, 2, 3)


def detect() -> Abilities:
    """The terminal's abilities, as terminfo, the tty and the terminal say."""
    ech, bce = terminal_erases()
    return Abilities(ech=ech, bce=bce, crlf=newline_returns(), margins=has_margins())
