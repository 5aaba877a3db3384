"""Keys named as people write them: ``Ctrl+D``, ``F1``, ``/``, ``<``, ``Enter``.

The one display function for keys: the key bar, the help and the palette all name keys
through :func:`key_label`, so none of them shows Textual's internal names
(``less_than_sign``, ``question_mark``)."""

from __future__ import annotations

from textual.keys import key_to_character

_KEY_NAMES = {
    "enter": "Enter", "escape": "Esc", "space": "Space", "backspace": "Backspace",
    "tab": "Tab", "shift+tab": "Shift+Tab", "down": "↓", "up": "↑", "left": "←",
    "right": "→", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "delete": "Del", "insert": "Ins", "slash": "/", "minus": "-", "plus": "+",
    "backslash": "\\", "underscore": "_",
}  # fmt: skip


def key_label(keys: str) -> str:
    """``"j,down,ctrl+d,f1,less_than_sign"`` → ``"j ↓ Ctrl+D F1 <"``."""
    return " ".join(_key_name(key.strip()) for key in keys.split(","))


def _key_name(key: str) -> str:
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    *modifiers, last = key.split("+")
    if not modifiers:
        if len(last) > 1 and last[0] == "f" and last[1:].isdigit():
            return last.upper()
        character = key_to_character(last)  # less_than_sign → <, question_mark → ?
        return character if character is not None and character.isprintable() else last
    return "+".join([*(m.capitalize() for m in modifiers), _key_name(last).upper()])
