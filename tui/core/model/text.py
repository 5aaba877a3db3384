"""Neutralising text from stories before it can reach a terminal.

Every string that comes from a story (title, author, body text, attributes, link text,
URLs) passes through :func:`clean_text` or :func:`clean_line`, so that no story can send
an escape sequence, move the cursor, or reorder what the user sees:

- an escape sequence goes whole ("ESC ] 0 ; PWNED BEL" leaves nothing behind), whether
  it came raw or as a numeric entity (the parser has decoded ``&#27;`` by then);
- a C1 control that starts no well-formed sequence (``â\\x80\\x9d``, Latin-1 mojibake of
  a curly quote) is dropped alone, never taking the text after it;
- a lone surrogate (``\\ud800``, from JSON) becomes U+FFFD, so the text can be encoded;
- bidirectional overrides and isolates, which can disguise text, are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

# The patterns below are compiled when first used (re caches them): most text is never
# suspect, and compiling them all was a tenth of `belga --dump`'s imports.
# C0 controls except TAB and LF, DEL, C1 controls (0x80-0x9F, which include the 8-bit
# CSI), and the bidirectional overrides/isolates that can disguise text.
_CONTROL: Final = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
# Whole escape sequences first, so that "ESC [ 3 1 m" leaves nothing behind:
# - 7-bit CSI, and the 8-bit one when parameters follow (a bare 0x9B is mojibake);
# - 7-bit OSC/DCS/SOS/PM/APC strings up to their terminator, or to the end of the line
#   when there is none (a terminal would swallow that much too);
# - 8-bit string introducers only with their terminator, within 512 characters: else
#   the control is mojibake and goes alone;
# - two-byte escapes.
_SEQUENCES: Final = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]+[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\x80-\x9f\n]{0,512}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
_SURROGATE: Final = "[\ud800-\udfff]"
_LINE_SEPARATORS: Final = "[\r\u2028\u2029\x85\x0b\x0c]"
_SPACES: Final = re.compile(r"[^\S ]\s*| \s+")
"""Runs of white space that folding changes (a lone space is left as it is)."""
_SUSPECT: Final = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u200e\u200f\u061c\ud800-\udfff]"
)  # compiled when first met: compiling this set of characters took 4.5 M instructions
_HARMLESS: Final = "\n\t\u00a0\u00ad\u200b"
"""Unprintable characters that are common in text and no suspect: line break, tab,
no-break space, soft hyphen, zero-width space (Prezly's editor leaves those)."""


def clean_text(text: str) -> str:
    """Remove control characters and escape sequences, keeping newlines and tabs.

    ``ESC [ 2 J`` disappears whole; a lone ESC or C1 control is dropped, so what is
    left is inert printable text. Linear in the length of ``text``.
    """
    # The common case: nothing to do. Every suspect character is one that Python does
    # not call printable (a control, format, separator or surrogate), and most text is
    # printable once its line breaks, tabs, no-break spaces and soft hyphens are left
    # out, which passes in C tell (several times faster than the pattern).
    if text.isprintable() or _printable_but_harmless(text) or not re.search(_SUSPECT, text):
        return text
    text = re.sub(_SURROGATE, "\ufffd", text)
    text = re.sub(_SEQUENCES, "", text)
    text = re.sub(_LINE_SEPARATORS, "\n", text)
    return re.sub(_CONTROL, "", text)


# The 7-bit sequences of _SEQUENCES, for bytes: 0x80-0x9F are UTF-8's continuation bytes.
_BYTE_SEQUENCES: Final = (
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    rb"|\x1b[ -/]*[0-~]"
)


def drop_sequences(markup: str | bytes) -> str | bytes:
    """Raw HTML from outside without terminal escape sequences, whole, before it is
    parsed: its parsers drop an ESC alone (XML keeps no control character) and leave the
    rest of the sequence as text, which :func:`clean_text` then cannot tell from words.
    Linear; the common case (no ESC, no C1 control) is one scan in C."""
    if isinstance(markup, bytes):
        return re.sub(_BYTE_SEQUENCES, b"", markup) if b"\x1b" in markup else markup
    if "\x1b" in markup or re.search("[\x90-\x9f]", markup):
        return re.sub(_SEQUENCES, "", markup)
    return markup


def _printable_but_harmless(text: str) -> bool:
    for char in _HARMLESS:
        if char in text:
            text = text.replace(char, "")
    return text.isprintable()


def clean_line(text: str) -> str:
    """Clean text and fold all whitespace into single spaces: for titles and labels."""
    return fold_spaces(clean_text(text)).strip()


def fold_spaces(text: str) -> str:
    """Each run of white space (what ``\\s`` matches) as one space, as
    ``re.sub(r"\\s+", " ", text)`` makes it, touching only the runs that change."""
    if "  " not in text and text.isprintable():  # no white space but lone spaces
        return text
    return _SPACES.sub(" ", text)


def normalise(text: str) -> str:
    """Unicode NFC, so that decomposed accents compare and display as composed."""
    return unicodedata.normalize("NFC", text)


# One home for the small text rules the UI and the core share -------------------------


INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width space, zero-width non-joiner and joiner, word joiner, BOM:
common inside words of text pasted from word processors (see :func:`invisible`)."""


def invisible(char: str) -> bool:
    """The one rule for what shows nothing: no cell on screen (tui/core/render/cells.py),
    and nothing for search and the filter to match (:func:`fold_char`): the characters of
    :data:`INVISIBLE` (a soft hyphen shows only where a line breaks at it, as a hyphen
    the typesetting adds), variation selectors and every other format character."""
    code = ord(char)
    if code < 0xAD:
        return False
    if char in INVISIBLE or 0xFE00 <= code <= 0xFE0F:
        return True
    return unicodedata.category(char) == "Cf"


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character without case or accents: NFKD, combining marks dropped, casefolded;
    nothing for an invisible one (:func:`invisible`): a search reads through it."""
    if invisible(char):
        return ""
    folded = unicodedata.normalize("NFKD", char.casefold())
    return "".join(part for part in folded if not unicodedata.combining(part))


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Prévot" and "prevot" compare equal, and
    "STRASSE" finds "Straße"; invisible characters left out. Character by character, so
    positions can be mapped back (story_search.fold_mapped)."""
    return text.lower() if text.isascii() else "".join(map(fold_char, text))


CJK_RANGES: Final = (
    (0x2E80, 0x2FFF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3200, 0x9FFF),
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF),
)  # fmt: skip
"""Chinese and Japanese characters, and their punctuation: written without spaces,
their lines may break between any two of them (not Korean, which is written with
spaces between words)."""
CJK: Final = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)
"""The same, as the inside of a pattern's character class."""
NO_LINE_START: Final = (
    "、。，．・：；？！ー」』）〕］｝〉》】〙〗〟’”ゝゞ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "゛゜ヽヾ゠〜～…‥）］｝，．！？：；｡｣､･ｰ"
)
"""Kinsoku, its basic rule: these never start a line (closing brackets and punctuation,
iteration marks, small kana); the character before them goes down with them."""
NO_LINE_END: Final = "「『（〔［｛〈《【〘〖〝｟｢"
"""Opening brackets: never the last character of a line."""


def breaks_anywhere(char: str) -> bool:
    """Whether a line may break right after ``char`` without a space (a CJK character,
    when the next one may start a line)."""
    code = ord(char)
    return code >= 0x2E80 and any(low <= code <= high for low, high in CJK_RANGES)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" when cut (in
    Chinese or Japanese, written without spaces, between two characters)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if breaks_anywhere(head[-1]) and head[-1] not in NO_LINE_END:
        return head + "…"
    cut = head.rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


_SIZE_UNITS: Final = ("KB", "MB", "GB", "TB")


def human_size(size: int) -> str:
    """A size as people read it: ``14 bytes``, ``3.4 KB``, ``12 KB``, ``5 MB``. Units
    count in 1024s, as the config's sizes do; one decimal below 10, none above."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{max(0, size)} bytes"
    value = size / 1024
    step = 0
    while value >= 1023.5 and step < len(_SIZE_UNITS) - 1:  # 1024 shown is the next unit's 1
        value /= 1024
        step += 1
    shown = f"{value:.1f}".removesuffix(".0") if value < 9.95 else f"{value:.0f}"
    return f"{shown} {_SIZE_UNITS[step]}"
