"""Terminal cells: how wide text is on screen, and where a line of it may break.

A character takes two cells (East Asian wide and full-width, most emoji), none
(combining marks, joiners, variation selectors, format characters) or one. Text is
broken at spaces and at soft hyphens (shown as "-" where a line breaks there, invisible
elsewhere), and between Chinese or Japanese characters (never before closing punctuation
nor after an opening bracket: kinsoku's basic rule); a word that fits on a line is never
broken, and only a word longer than the whole line is cut, at the line's last cell.
Everything here is linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tui.core.model.text import CJK, NO_LINE_END, NO_LINE_START, invisible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

SOFT_HYPHEN: Final = "\u00ad"
ZWJ: Final = "\u200d"
NO_BREAK: Final = "\u00a0"
_ZERO_WIDTH_CATEGORIES: Final = frozenset({"Mn", "Me", "Cc"})
"""Combining marks and controls: no cell of their own (format characters: invisible)."""
_WORDS: Final = re.compile(r"[^ \n]+|\n")
"""What a line never breaks inside: a word, between spaces…"""
_CJK_WORDS: Final = f"[{NO_LINE_END}]*[{CJK}][{NO_LINE_START}]*|[^ \n{CJK}]+[{NO_LINE_START}]*|\n"
"""… and in a text with wide characters, also one Chinese or Japanese character, the
opening brackets before it and the closing punctuation after it (kinsoku: no line
starts with "。"). Compiled when first met (~2 ms: not for every ``--dump``)."""


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The cells that ``char`` takes: 0, 1 or 2."""
    code = ord(char)
    if code < 0x300:
        return 0 if code == 0xAD else 1
    if invisible(char) or unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0  # (the one rule of what shows nothing, shared with search; and marks)
    if unicodedata.east_asian_width(char) in ("W", "F") or 0x1F300 <= code <= 0x1FAFF:
        return 2
    return 1


_NARROW: Final[set[str]] = set()
"""Characters known to take one cell each (filled as they are met): most text is made
of a few dozen of them, so one set test (in C) tells that a text is as wide as it is
long."""


def narrow(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell (so its width is its
    length, and any slice of it is as wide as it is long)."""
    if text.isascii():
        return True
    if SOFT_HYPHEN not in text:
        # Windows-1252 holds ASCII, Latin-1 and the punctuation of most Western text
        # (’ “ ” – — … €), each one cell but the soft hyphen: a text it encodes is narrow.
        # The codec tells in one pass in C, several times faster than any test of the
        # text's characters in Python.
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            pass
        else:
            return True
    if _NARROW.issuperset(text):  # (no set of the text made)
        return True
    for char in set(text) - _NARROW:
        if char_width(char) != 1:
            return False
        _NARROW.add(char)
    return True


def width(text: str) -> int:
    """How many cells ``text`` takes on a terminal (an emoji joined by a zero-width
    joiner to an emoji before it, as in a family, takes no cells of its own)."""
    if narrow(text):
        return len(text)
    if ZWJ not in text:
        return sum(char_width(char) for char in text)
    return sum(_widths(text))


def _widths(text: str) -> list[int]:
    """The cells of each character of ``text``, joined emoji counted once."""
    widths = [char_width(char) for char in text]
    for index in range(2, len(text)):
        if text[index - 1] == ZWJ and widths[index] == 2 and char_width(text[index - 2]) == 2:
            widths[index] = 0
    return widths


def _rejoined(text: str, start: int, stop: int) -> int:
    """The cells an emoji at ``stop`` takes again when a cut parts it from the emoji it
    was joined to (a ZWJ just before the cut)."""
    joined = stop - 2 >= start and stop < len(text) and text[stop - 1] == ZWJ
    if joined and char_width(text[stop]) == 2 and char_width(text[stop - 2]) == 2:
        return 2
    return 0


def cut(text: str, cells: int) -> int:
    """The index in ``text`` where its first ``cells`` cells end (never inside a wide
    character; at least one character, so that cutting always moves on)."""
    if text.isascii():
        return max(1, min(len(text), cells))
    used = 0
    for index, size in enumerate(_widths(text)):
        used += size
        if used > cells:
            return max(1, index)
    return len(text)


Piece = tuple[int, int, bool]
"""A piece of a line: ``text[start:end]``, and whether a hyphen ends it (a soft break).
Two pieces of a line are parted by the spaces between them in ``text``."""


def wrap(text: str, first: int, rest: int | None = None) -> list[list[Piece]]:
    """``text`` in lines of at most ``first`` cells (``rest`` after the first line).

    Each line is a list of pieces of ``text``: the line is ``text`` from the start of its
    first piece to the end of its last (a hyphen after it when that piece ends with a
    soft-hyphen break). A "\\n" is a forced line break.
    """
    rest = first if rest is None else rest
    one_cell = narrow(text)  # no soft hyphen, no wide or joined characters
    if one_cell and "\n" not in text:
        quick = _wrap_narrow(text, first, rest)
        if quick is not None:
            return quick
    cjk = not one_cell and max(text, default="") >= "\u2e80"  # (its highest character: C)
    words = re.finditer(_CJK_WORDS, text) if cjk else _WORDS.finditer(text)
    limit = max(1, first)
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0
    for match in words:
        start, end = match.span()
        if text[start] == "\n":
            lines.append(line)
            line, used, limit = [], 0, max(1, rest)
            continue
        word_width = width(text[start:end])
        gap = start - line[-1][1] if line and not line[-1][2] else 0  # the spaces between
        if used + gap + word_width <= limit:
            line.append((start, end, False))
            used += gap + word_width
            continue
        hyphens = SOFT_HYPHEN in match.group()
        if hyphens:
            before = start
            start, used = _hyphenate(text, start, end, line, used, limit)
            word_width -= width(text[before:start])
        if line:
            lines.append(line)
            line, used, limit = [], 0, max(1, rest)
        while word_width > limit:  # longer than a whole line: syllables, else cut
            stop, _ = _hyphenate(text, start, end, line, 0, limit) if hyphens else (start, 0)
            if stop == start:
                stop = start + cut(text[start : min(end, start + 4 * limit)], limit)
                line.append((start, stop, False))
            word_width -= width(text[start:stop]) - _rejoined(text, start, stop)
            lines.append(line)
            line, limit = [], max(1, rest)
            start = stop
        if start < end:
            line.append((start, end, False))
            used = word_width
    if line or not lines:
        lines.append(line)
    return lines


def _wrap_narrow(text: str, first: int, rest: int) -> list[list[Piece]] | None:
    """:func:`wrap` of a text of one-cell characters and no line break, a line at a time
    (each line one piece: its words and the spaces between them); ``None`` when a word is
    longer than a whole line (for :func:`wrap` to cut it)."""
    size = len(text)
    start = size - len(text.lstrip(" "))  # the first word
    if start == size:
        return [[]]
    lines: list[list[Piece]] = []
    limit, rest = max(1, first), max(1, rest)
    while True:
        stop = start + limit  # the first cell past the line
        if stop >= size:  # the rest fits
            lines.append([(start, len(text.rstrip(" ")), False)])
            return lines
        end = stop if text[stop] == " " else text.rfind(" ", start, stop)
        if end == -1:  # the line's first word does not fit on it
            return None
        if text[end - 1] == " ":  # (text[end] is a space: the next line starts after it)
            while text[end - 1] == " ":
                end -= 1
        lines.append([(start, end, False)])
        start = end + 1
        if start < size and text[start] == " ":
            while start < size and text[start] == " ":
                start += 1
        if start == size:  # only spaces were left
            return lines
        limit = rest


def _hyphenate(
    text: str, start: int, end: int, line: list[Piece], used: int, limit: int
) -> tuple[int, int]:
    """Put as many syllables of ``text[start:end]`` on ``line`` as fit with a hyphen.

    Returns where the rest of the word starts, and the cells now used on the line.
    """
    gap = start - line[-1][1] if line and not line[-1][2] else 0
    best = -1
    taken = used + gap + 1  # the hyphen
    previous = start
    position = text.find(SOFT_HYPHEN, start, end)
    while position != -1:
        taken += width(text[previous:position])
        if taken > limit:
            break
        best, previous = position, position
        position = text.find(SOFT_HYPHEN, position + 1, end)
    if best == -1:
        return start, used
    line.append((start, best, True))
    return best + 1, limit  # the line is full


def visible_text(text: str) -> str:
    """``text`` as shown inside a line: soft hyphens are invisible."""
    return text.replace(SOFT_HYPHEN, "") if SOFT_HYPHEN in text else text


URL_BREAKS: Final = frozenset("/?&=-.")
"""Where a URL may be folded: after one of these (never between the slashes of ``//``)."""


def url_lines(url: str, room: int, first: int | None = None) -> list[str]:
    """``url`` on lines of at most ``room`` cells (``first`` for the first line): each
    broken after the last separator (:data:`URL_BREAKS`) on it, and only a part with
    none on the line cut at its last cell. The lines joined are ``url``: no character is
    lost or added."""
    room = max(1, room)
    limit = room if first is None else max(1, first)
    lines: list[str] = []
    start = 0
    while width(url[start:]) > limit:
        stop = start + cut(url[start : start + 4 * limit], limit)
        fold = stop
        for index in range(stop - 1, start, -1):  # the break after url[index]
            if url[index] in URL_BREAKS and not (url[index] == "/" == url[index + 1]):
                fold = index + 1
                break
        lines.append(url[start:fold])
        start, limit = fold, room
    if start < len(url) or not lines:
        lines.append(url[start:])
    return lines


def fold_words(text: str, room: int) -> list[str]:
    """One line of words on lines of at most ``room`` cells, broken at spaces; a word
    longer than a line (a URL, a path) goes on where the line has room, folded at its
    separators (:func:`url_lines`), or starts a line when it cannot break there."""
    room = max(1, room)
    lines: list[str] = []
    line = ""
    for word in text.split():
        gap = 1 if line else 0
        if width(line) + gap + width(word) <= room:
            line += " " * gap + word
            continue
        if width(word) > room:
            pieces = url_lines(word, room, room - width(line) - gap) if line else []
            if pieces and pieces[0][-1] in URL_BREAKS and width(pieces[0]) > 1:
                lines.append(line + " " + pieces[0])
                pieces = pieces[1:]
            else:
                if line:
                    lines.append(line)
                pieces = url_lines(word, room)
            lines.extend(pieces[:-1])
            line = pieces[-1]
            continue
        lines.append(line)
        line = word
    if line or not lines:
        lines.append(line)
    return lines
