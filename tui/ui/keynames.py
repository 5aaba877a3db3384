"""Keys named as people write them: ``Ctrl+D``, ``F1``, ``/``, ``Enter``."""

from __future__ import annotations

_KEY_NAMES = {
    "enter": "Enter", "escape": "Esc", "space": "Space", "backspace": "Backspace",
    "tab": "Tab", "shift+tab": "Shift+Tab", "down": "↓", "up": "↑", "left": "←",
    "right": "→", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "question_mark": "?", "slash": "/",
}  # fmt: skip


def key_label(keys: str) -> str:
    """``"j,down,ctrl+d,f1"`` → ``"j ↓ Ctrl+D F1"``."""
    return " ".join(_key_name(key.strip()) for key in keys.split(","))


def _key_name(key: str) -> str:
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    *modifiers, last = key.split("+")
    if not modifiers:
        return last.upper() if len(last) > 1 and last[0] == "f" and last[1:].isdigit() else last
    return "+".join([*(m.capitalize() for m in modifiers), _key_name(last).upper()])
