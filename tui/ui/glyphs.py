"""The glyphs belga draws, for the terminal it draws on: the one home of that choice.

xterm, tmux, screen and their kin draw what Unicode has. The linux console does not: its
built-in font (the kernel's VGA font) has the 256 glyphs of code page 437, and the
kernel's table (drivers/tty/vt/cp437.uni) maps the Unicode it knows onto them; anything
else is one replacement glyph. The marks ``● ★ ☆ ✓ ✗ ⟳ ↗ ⊘``, rounded corners, ``…``,
``▣``, ``┃`` and the scrollbar's eighth blocks are outside it: unread, saved-unread and
saved-read stories looked the same there. A VT100 or VT220 has fewer still. For those
terminals (``TERM`` ``linux…``, ``vt…``) belga draws :data:`CONSOLE`: ASCII marks, all
distinct; and what is painted goes through :class:`ConsoleGlyphs`, a line filter that
puts a glyph the console has in each cell that would show the replacement glyph (square
corners, ``...``, straight quotes, whole blocks), cell for cell: nothing moves.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from typing import Final

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from tui.core.model.record import record


@record(frozen=True, eq=False)  # one of two, told apart by identity (cached by it)
class Glyphs:
    """The marks belga draws in its lists, and how it ends a line it cut."""

    unread: str
    saved: str
    """Saved for later, unread."""
    saved_read: str
    """Saved for later, read: without colour a saved story still shows it is unread."""
    related: Mapping[str, str]
    """The sidebar's marks, by link state (tui/ui/widgets/related.py)."""
    ellipsis: str
    """What ends a line cut to fit."""


UNICODE: Final = Glyphs(
    unread="●",
    saved="★",
    saved_read="☆",
    related={
        "available": "✓",
        "waiting": "…",
        "loading": "⟳",
        "failed": "✗",
        "remote": "↗",
        "same site": "→",
        "offline": "⊘",
        "not in demo": "○",
    },
    ellipsis="…",
)
CONSOLE: Final = Glyphs(
    unread="*",
    saved="S",  # s saves
    saved_read="s",
    related={
        "available": "+",
        "waiting": ".",
        "loading": "~",
        "failed": "!",
        "remote": "^",
        "same site": ">",
        "offline": "-",
        "not in demo": "o",
    },
    ellipsis="...",
)


_CONSOLE_TERMS: Final = re.compile(r"linux(-|$)|vt[0-9]")
"""The linux console (``linux``, ``linux-16color``…), a VT100, VT220… (not ``vte``)."""


def console_term(term: str | None) -> bool:
    """Whether ``term`` is a terminal that draws the console's glyphs only."""
    return bool(term and _CONSOLE_TERMS.match(term))


def chosen() -> Glyphs:
    """The glyphs for this terminal ($TERM)."""
    return CONSOLE if console_term(os.environ.get("TERM")) else UNICODE


# --- what the console draws ----------------------------------------------------------

_CP437: Final = bytes(range(0x80, 0x100)).decode("cp437")
_KERNEL_MAPS: Final = (
    "☺☻♥♦◆♣♠•◘○◙♂♀♪♫☼¤▶►◀◄↕‼¶§▬↨↑↓→←∟↔▲▼⌂"  # the control codes' glyphs
    "¨´¸\xadÀÁÂÃ©ÐÈÊËÌÍÎÏÒÓÔÕ®ÙÚÛÝ\u212a\u23bd×ýã¦õ\u212b\u2126ðØøµß∈"  # aliases
    "\ufffd"
)
DRAWN: Final = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(_CP437 + _KERNEL_MAPS)
"""What the linux console's built-in font draws (drivers/tty/vt/cp437.uni)."""

_INSTEAD: Final = {
    **dict.fromkeys("╭┏", "┌"), **dict.fromkeys("╮┓", "┐"), **dict.fromkeys("╰┗", "└"),
    **dict.fromkeys("╯┛", "┘"), "┃": "│", "━": "─", "┣": "├", "┫": "┤", "┳": "┬", "┻": "┴",
    "╋": "┼",
    # The scrollbar's eighth blocks: a whole block or none (▄ ▌ ▀ ▐ are drawn).
    **dict.fromkeys("▁▂▃▏▎▍▔▕", " "), **dict.fromkeys("▅▆▇▋▊▉", "█"),
    **dict.fromkeys("‘’‚‛′", "'"), **dict.fromkeys("“”„‟″", '"'), "‹": "<", "›": ">",
    **dict.fromkeys("‐‑‒–—―−", "-"), "…": ".", "‣": ">", "◦": "o",
    # The story's placeholders: ▣ Image, ▦ Gallery, ⧉ Content, ☎ Contact, ⎘ Attachment.
    **dict.fromkeys("▣▦⧉☎⎘▪", "■"),
    "●": "*", "★": "*", "☆": "*", "✓": "v", "✗": "x", "⟳": "~", "↗": "^", "⊘": "-",
    "€": "E", "™": "T",
}  # fmt: skip
"""A glyph the console has, for one it has not, of the same width: one cell."""
_ELLIPSES: Final = re.compile("…(?=  )")
"""An ellipsis with room after it: three dots, over the two blanks."""


class _Table(dict[int, str]):
    """``str.translate``'s table for the console, filled as characters come."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        instead = _INSTEAD.get(char)
        if instead is None:
            instead = char
            if char not in DRAWN and unicodedata.east_asian_width(char) not in "WF":
                # A letter with an accent the font has not: the letter (Ś is S).
                parts = unicodedata.normalize("NFKD", char)
                base, marks = parts[:1], parts[1:]
                if base in DRAWN and marks and all(map(unicodedata.combining, marks)):
                    instead = base
        if len(self) < 4096:  # hostile text may hold every character there is
            self[code] = instead
        return instead


_TABLE: Final = _Table()


def console_text(text: str) -> str:
    """``text`` in glyphs the console draws, cell for cell."""
    if text.isascii():
        return text
    return text.translate(_TABLE)


class ConsoleGlyphs(LineFilter):
    """Every painted line in glyphs the console draws (see the module)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(text.isascii() for text, _, _ in segments):
            return segments
        line = "".join(text for text, _, control in segments if not control)
        dots = [match.start() for match in _ELLIPSES.finditer(line)]
        changed: list[Segment] = []
        place = 0  # where the segment starts in the line
        for text, style, control in segments:
            if control:
                changed.append(Segment(text, style, control))
                continue
            end = place + len(text)
            if dots and any(place - 2 <= dot < end for dot in dots):
                text = "".join(
                    "." if any(0 <= index - dot <= 2 for dot in dots) else char
                    for index, char in enumerate(text, place)
                )
            changed.append(Segment(console_text(text), style, control))
            place = end
        return changed
