"""What the terminal can do, as the terminal itself says it: the writer (tui/ui/wire.py,
tui/ui/cells.py) uses a shorter sequence only where it is known to work.

- terminfo of ``$TERM``: ``ech`` (erase characters) and ``bce`` (erasing fills with the
  pen's background): xterm and the linux console say both; tmux and screen neither;
- the tty's output processing: with OPOST and ONLCR on (a pty's default, and sshd's),
  an LF written is sent as CR LF, so one byte moves to the start of the next row.

Nothing is assumed: a fact that cannot be read is False, and the writer then uses the
VT100 sequences every supported terminal has.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Abilities:
    ech: bool = False
    """ECH (``ESC[nX``) erases n cells, the cursor staying."""
    bce: bool = False
    """Erased cells take the pen's background colour."""
    crlf: bool = False
    """An LF written arrives as CR LF (the tty's ONLCR)."""


@cache
def terminal_erases() -> tuple[bool, bool]:
    """What terminfo says of $TERM: (ECH is known, erasing fills with the pen's
    background (bce)). (False, False) when it cannot be read."""
    try:
        import curses

        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing is written to the terminal
        try:
            curses.setupterm(os.environ.get("TERM") or "dumb", quiet)
        finally:
            os.close(quiet)
        return curses.tigetstr("ech") is not None, curses.tigetflag("bce") == 1
    except Exception:  # no terminfo, no curses: write blanks
        return False, False


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


def detect() -> Abilities:
    """The terminal's abilities, as terminfo and the tty say."""
    ech, bce = terminal_erases()
    return Abilities(ech=ech, bce=bce, crlf=newline_returns())
