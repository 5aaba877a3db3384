"""Searching the typeset text of a story, and painting what was found. No Textual widgets.

Comparison ignores case and accents: both sides are folded (NFKD, combining marks
dropped, casefolded), so "prevot" finds "Prévot" and "STRASSE" finds "Straße"; what shows
nothing (soft hyphens, zero-width spaces and joiners: model.text.invisible, the rule the
display follows) is read through, as is a word broken at a soft hyphen. Matches
are looked for in a block's lines joined together, and any run of whitespace in the query
matches any run of whitespace or of the pane's bar ornaments, so a match may span the
line breaks that typesetting made inside a paragraph, a list item or a quote (never from
one block to the next). A match that spans lines is highlighted in one piece per line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Final, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.model.record import record
from tui.core.model.text import clean_line, fold_char
from tui.core.render.cells import SOFT_HYPHEN
from tui.ui.typeset import CARD_BAR, QUOTE_BAR

ORNAMENTS: Final = QUOTE_BAR + CARD_BAR
"""Bars drawn at the start of quote and card lines: not text, so a match runs over them."""
_GAP: Final = rf"[\s{ORNAMENTS}]+"
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")
_EDGE: Final = f" \t\n{ORNAMENTS}"
_LAST_WORD: Final = re.compile(r"\S*\s*$")

FOCUS_KEYS: Final = frozenset({"tab", "shift+tab"})
"""Keys that the prompt and the hints leave to the app (they close them, and move on)."""
PromptOutcome = Literal["edit", "submit", "close", "pass"]

Range = tuple[int, int]
"""Cells ``[start, end)`` of a line."""


@record(frozen=True)
class Folded:
    """Text folded for comparison, with the index in the original of each folded char."""

    text: str
    origin: list[int] | None
    """``origin[i]`` is where folded char ``i`` came from; None when they are one to one."""

    def span(self, start: int, end: int) -> Range:
        """The original ``[start, end)`` of folded ``[start, end)`` (end > start)."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold_mapped(text: str) -> Folded:
    """``text`` without case or accents (see the module's docstring)."""
    if text.isascii():
        return Folded(text.lower(), None)
    parts: list[str] = []
    origin: list[int] = []
    position = 0
    for found in _NON_ASCII.finditer(text):
        index = found.start()
        parts.append(text[position:index].lower())
        origin.extend(range(position, index))
        folded = fold_char(text[index])
        parts.append(folded)
        origin.extend([index] * len(folded))
        position = index + 1
    parts.append(text[position:].lower())
    origin.extend(range(position, len(text)))
    return Folded("".join(parts), origin)


def compile_query(query: str) -> re.Pattern[str] | None:
    """A pattern for ``query`` over folded text; None when there is nothing to look for."""
    words = fold_mapped(query).text.split()
    if not words:
        return None
    return re.compile(_GAP.join(re.escape(word) for word in words))


@record(frozen=True)
class Piece:
    """The part of a match on one line, in cells."""

    line: int
    start: int
    end: int


def find_matches(
    pattern: re.Pattern[str], lines: Sequence[str], first_line: int
) -> list[list[Piece]]:
    """Every match of ``pattern`` in one block's ``lines`` (which start at ``first_line``).

    A match is a list of pieces, one per line that it touches, in order. A line that
    ends in a soft hyphen (a word broken there) goes on into the next without a gap.
    """
    text = "".join(line + (SOFT_HYPHEN if line.endswith(SOFT_HYPHEN) else "\n") for line in lines)[
        :-1
    ]
    folded = fold_mapped(text)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    matches: list[list[Piece]] = []
    for found in pattern.finditer(folded.text):
        if found.end() == found.start():
            continue
        start, end = folded.span(found.start(), found.end())
        pieces = _pieces(lines, starts, first_line, start, end)
        if pieces:
            matches.append(pieces)
    return matches


def _pieces(
    lines: Sequence[str], starts: Sequence[int], first_line: int, start: int, end: int
) -> list[Piece]:
    pieces: list[Piece] = []
    index = max(0, bisect_left(starts, start + 1) - 1)
    while index < len(lines) and starts[index] < end:
        line = lines[index]
        low = max(start - starts[index], 0)
        high = min(end - starts[index], len(line))
        # A piece does not begin or end on the gap that joins it to the next line.
        if start < starts[index]:
            while low < high and line[low] in _EDGE:
                low += 1
        if end > starts[index] + len(line):
            while high > low and line[high - 1] in _EDGE:
                high -= 1
        if high > low:
            prefix = line[:low]
            cells = low if prefix.isascii() else cell_len(prefix)
            pieces.append(Piece(first_line + index, cells, cells + cell_len(line[low:high])))
        index += 1
    return pieces


class Search:
    """A search over a typeset story: the matches found so far and which one is current.

    Blocks are added in reading order as they are typeset (:meth:`add_block`); after a
    re-layout the matches are found again (:meth:`restart`) and the current match keeps
    its ordinal.
    """

    def __init__(self, query: str) -> None:
        self.query = query
        self.pattern = compile_query(query)
        self.current: int | None = None
        self.matches: list[list[Piece]] = []
        self._lines: list[int] = []  # the first line of each match
        self._by_line: dict[int, list[tuple[int, int, int]]] = {}

    def restart(self) -> None:
        self.matches.clear()
        self._lines.clear()
        self._by_line.clear()

    def add_block(self, lines: Sequence[str], first_line: int) -> None:
        if self.pattern is None:
            return
        for pieces in find_matches(self.pattern, lines, first_line):
            ordinal = len(self.matches)
            self.matches.append(pieces)
            self._lines.append(pieces[0].line)
            for piece in pieces:
                self._by_line.setdefault(piece.line, []).append((piece.start, piece.end, ordinal))

    def ranges(self, line: int) -> Iterable[tuple[int, int, bool]]:
        """The matched cells of ``line``: (start, end, whether it is the current match)."""
        for start, end, ordinal in self._by_line.get(line, ()):
            yield start, end, ordinal == self.current

    def line_of(self, ordinal: int) -> int:
        return self._lines[ordinal]

    def shown(self, top: int, height: int) -> bool:
        """Whether the current match is on a screen of ``height`` lines from ``top``."""
        current = self.current
        return (
            current is not None
            and current < len(self.matches)
            and (top <= self._lines[current] < top + height)
        )

    def advance(self, top: int, height: int, forward: bool) -> bool:
        """Go to the next (or previous) match; True when the search wrapped.

        From the current match while it is on screen; once the reader has scrolled it
        away, from what is on screen (the first match at or after its top line, or the
        last one before its bottom line).
        """
        if self.shown(top, height):
            return self.step(forward)
        self.current, wrapped = self.nearest(top if forward else top + height, forward)
        return wrapped

    def first_from(self, line: int) -> tuple[int | None, bool]:
        """The first match at or after ``line`` (wrapping to the first), and if it wrapped."""
        if not self.matches:
            return None, False
        index = bisect_left(self._lines, line)
        return (index, False) if index < len(self.matches) else (0, True)

    def nearest(self, line: int, forward: bool) -> tuple[int | None, bool]:
        """The first match at or after ``line``, or the last one before it; wrapping."""
        if not forward and self.matches:
            index = bisect_left(self._lines, line) - 1
            return (index, False) if index >= 0 else (len(self.matches) - 1, True)
        return self.first_from(line)

    def step(self, forward: bool) -> bool:
        """Make the next (or previous) match current, wrapping; True when it wrapped."""
        count = len(self.matches)
        if not count:
            return False
        if self.current is None:
            self.current = 0 if forward else count - 1
            return False
        wanted = self.current + (1 if forward else -1)
        self.current = wanted % count
        return wanted != self.current

    def status(self, complete: bool = True) -> str:
        """``match 3/12 for 'harbour'``, or ``no match for 'x'``."""
        if not self.matches:
            return f"no match for {self.query!r}" if complete else f"searching {self.query!r}…"
        more = "" if complete else "+"
        shown = "–" if self.current is None else str(self.current + 1)
        return f"match {shown}/{len(self.matches)}{more} for {self.query!r}"


class Prompt:
    """The one-line search prompt: the query being typed, and what each key does to it."""

    def __init__(self, query: str = "") -> None:
        self.query = query

    def key(self, key: str, character: str | None) -> PromptOutcome:
        """Take ``key``: "submit" (Enter), "close" (Escape, or Backspace with nothing
        left), "pass" (a key for the app, which closes the prompt), else "edit"."""
        if key == "enter":
            return "submit"
        if key in FOCUS_KEYS:
            return "pass"
        if key == "escape" or (key == "backspace" and not self.query):
            return "close"
        self.query = edit_query(self.query, key, character)
        return "edit"

    def paste(self, text: str) -> None:
        """Add the first line of ``text`` (control characters dropped)."""
        lines = text.splitlines()
        self.query += clean_line(lines[0]) if lines else ""


def edit_query(query: str, key: str, character: str | None) -> str:
    """``query`` after an editing key: a printable character, Backspace, Ctrl+U, Ctrl+W."""
    if key == "backspace":
        return query[:-1]
    if key == "ctrl+u":
        return ""
    if key == "ctrl+w":
        return _LAST_WORD.sub("", query)
    if character and character.isprintable():
        return query + character
    return query


def prompt_strip(query: str, width: int, style: Style) -> Strip:
    """The search prompt as one line of ``width`` cells: ``/ query`` and a cursor."""
    room = max(1, width - 4)
    while cell_len(query) > room:  # the end of a long query, where the typing is
        query = query[1:]
    cursor = style + Style(reverse=True)
    line = Strip([Segment(" / ", style), Segment(query, style), Segment(" ", cursor)])
    return line.adjust_cell_length(width, style)


def restyle(strip: Strip, ranges: Iterable[tuple[int, int, Style]]) -> Strip:
    """``strip`` with ``style`` laid over the cells of each (start, end, style)."""
    spans = sorted((start, end, style) for start, end, style in ranges if end > start)
    if not spans:
        return strip
    cuts = sorted({cut for start, end, _style in spans for cut in (start, end)})
    length = strip.cell_length
    pieces = strip.divide([*(cut for cut in cuts if cut < length), length])
    segments: list[Segment] = []
    position = 0
    for piece in pieces:
        style = next((s for start, end, s in spans if start <= position < end), None)
        segments.extend(piece if style is None else Segment.apply_style(piece, post_style=style))
        position += piece.cell_length
    return Strip(segments, length)
