"""Esc then a key, typed quickly, is Esc then that key: never Alt+key, never lost.

A terminal sends Esc as the lone byte ESC, and Alt+x as ESC x (xterm's "meta sends
escape", tmux, screen, the linux console). Textual's input parser
(``textual/_xterm_parser.py``) waits ``ESCDELAY`` (100 ms) after an ESC for what may
follow, and reads ESC and a key that comes within it as one key: ``/ab`` Esc ``x``
20 ms later gave the filter ``abx`` (Alt+x, typed as x), Esc ``Q`` over the help was
Alt+Shift+Q (nothing), Esc Enter was Enter alone, Esc ``3`` a ``™`` (a Mac's Option
keys), Esc ``f`` Ctrl+→. Over SSH keys typed quickly arrive together, so this happened
to people typing at an ordinary pace.

belga binds no Alt key of its own. So an ESC followed by anything that cannot begin an
escape sequence is Esc, then that key, at once (no wait for the delay either). What
follows an ESC in a sequence a terminal sends is ``[`` (CSI: arrows, function keys,
the mouse, bracketed paste, focus, the answers to queries), ``O`` (SS3: F1-F4 and
keypad arrows), ``P`` ``]`` ``_`` ``^`` (strings: a terminal's answers to a query another
program sent); those are read as before, and so is a lone ESC after the delay, and
anything pasted. An Alt key the user binds in ``[keys]`` (``alt+n``) is read as Textual
reads it, as Alt+key.

Textual internals, here alone (tests/test_escape_key.py fails if they change): the
Linux driver makes its parser by the name ``XTermParser`` of
``textual.drivers.linux_driver``, and a :class:`~textual._parser.Parser` keeps the end of
its wait in ``_timeout_time``, which :meth:`~textual._parser.Parser.tick` reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from textual.message import Message

if TYPE_CHECKING:
    from textual._xterm_parser import XTermParser

ESC: Final = "\x1b"
SEQUENCE_STARTS: Final = frozenset("[O P]_^".replace(" ", ""))
"""What follows ESC in the sequences a terminal sends (CSI, SS3, DCS, OSC, APC, PM)."""
_PASTE_START: Final = "\x1b[200~"
_PASTE_END: Final = "\x1b[201~"


def escape_parser(alt_keys: Iterable[str] = ()) -> type[XTermParser]:
    """The parser class the driver is to make, for the Alt keys bound (``alt+n``)."""
    from textual._xterm_parser import XTermParser

    bound = frozenset(alt_keys)

    class EscapeKeyParser(XTermParser):
        """Textual's parser, with Esc typed before a key read as Esc then the key."""

        def __init__(self, debug: bool = False) -> None:
            super().__init__(debug)
            self._after_escape = False  # the last character fed was an ESC
            self._pasting = False
            self._tail = ""  # the end of what was fed: a paste's marks across reads

        def feed(self, data: str) -> Iterable[Message]:
            if not data:  # the end of the input
                return list(super().feed(data))
            tokens: list[Message] = []
            start = 0
            while start < len(data):
                if self._after_escape and self._escape_alone(data[start]):
                    tokens += self._end_wait()
                escape = data.find(ESC, start)
                end = len(data) if escape < 0 else escape + 1
                tokens += self._feed(data[start:end])
                self._after_escape = escape >= 0
                start = end
            return tokens

        def tick(self) -> Iterable[Message]:
            tokens = list(super().tick())
            if self._timeout_time is None:  # the ESC's wait is over: it was Esc
                self._after_escape = False
            return tokens

        def _escape_alone(self, following: str) -> bool:
            """Whether the ESC fed last, followed by ``following``, was the Esc key."""
            if self._pasting or self._timeout_time is None:  # no longer waiting
                return False
            if following == ESC or following in SEQUENCE_STARTS:
                return False
            if bound:
                keys = self._sequence_to_key_events(following, alt=True)
                if any(key.key in bound for key in keys):
                    return False  # the user's own Alt key
            return True

        def _end_wait(self) -> list[Message]:
            """The wait after the ESC ends now: Textual's parser reads it as Esc."""
            self._after_escape = False
            self._timeout_time = 0.0
            return list(super().tick())

        def _feed(self, text: str) -> list[Message]:
            tokens = list(super().feed(text))
            seen = self._tail + text
            started, ended = seen.rfind(_PASTE_START), seen.rfind(_PASTE_END)
            if started != ended:  # both -1 when neither
                self._pasting = started > ended
            self._tail = seen[-(len(_PASTE_START) - 1) :]
            return tokens

    return EscapeKeyParser


def use_escape_parser(alt_keys: Iterable[str] = ()) -> None:
    """Have Textual's Linux driver read keys with :func:`escape_parser`'s parser."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = escape_parser(alt_keys)  # type: ignore[attr-defined]


def alt_keys(keymap: Mapping[str, str]) -> list[str]:
    """The Alt keys among the user's own (``[keys]``), as Textual names them."""
    return [
        key.strip()
        for keys in keymap.values()
        for key in keys.split(",")
        if key.strip().startswith("alt+")
    ]
