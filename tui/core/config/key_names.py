"""Which keys a ``[keys]`` entry may name: those a terminal can send through Textual and
belga can name in its key bar (tui/ui/keynames.py), nothing else.

A key is modifiers (``ctrl+``, ``shift+``, ``alt+``, ``meta+``, ``super+``, ``hyper+``,
each at most once) before one base: a named key (``enter``, ``f5``, ``pagedown``), one
letter or digit of any script (``j``, ``G``, ``é``), or an ASCII punctuation mark, as
itself (``?``) or by Textual's name for it (``question_mark``). Any other name was taken
before and never matched a key press: ``ctrl+shift+alt+banana`` (the key bar showed a
banana). No Textual here (the core knows none): tests/test_config_keys.py checks these
names against Textual's own.
"""

from __future__ import annotations

import string
from typing import Final

NAMED_KEYS: Final = frozenset(
    {
        "backspace", "delete", "down", "end", "enter", "escape", "home", "insert", "left",
        "pagedown", "pageup", "return", "right", "space", "tab", "up",
        *(f"f{number}" for number in range(1, 25)),
    }
)  # fmt: skip
"""Textual's names of the keys that are not characters."""
PUNCTUATION: Final = frozenset(
    {
        "ampersand", "apostrophe", "asterisk", "at", "backslash", "circumflex_accent",
        "colon", "comma", "dollar_sign", "equals_sign", "exclamation_mark", "full_stop",
        "grave_accent", "greater_than_sign", "left_curly_bracket", "left_parenthesis",
        "left_square_bracket", "less_than_sign", "minus", "number_sign", "percent_sign",
        "plus", "question_mark", "quotation_mark", "right_curly_bracket",
        "right_parenthesis", "right_square_bracket", "semicolon", "slash", "tilde",
        "underscore", "vertical_line",
    }
)  # fmt: skip
"""Textual's names of the ASCII punctuation marks (``?`` is ``question_mark``)."""
MODIFIERS: Final = ("ctrl", "shift", "alt", "meta", "super", "hyper")
HOW: Final = (
    "a key is a letter, digit or punctuation mark such as j, G or ?, or a name such as "
    "enter, escape, tab, space, up, pagedown or f5, after ctrl+, shift+ or alt+ if need be"
)


def key_problem(key: str) -> str | None:
    """Why ``key`` (one entry, without commas) is no key a terminal sends; ``None`` if
    it is one."""
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if not base:
        return f"{key!r} ends without its key"
    for number, modifier in enumerate(modifiers):
        if modifier not in MODIFIERS:
            return f"{modifier!r} is no modifier (ctrl, shift, alt, meta)"
        if modifier in modifiers[:number]:
            return f"{modifier!r} is written twice"
    if base in NAMED_KEYS or base in PUNCTUATION:
        return None
    if len(base) == 1 and (base.isalnum() or base in string.punctuation):
        return None
    if base in MODIFIERS:
        return f"{key!r} has no key after {base}+"
    return f"{base!r} is no key a terminal sends"
