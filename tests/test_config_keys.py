"""The config's ``[keys]`` takes only keys a terminal can send through Textual and belga
can name in its key bar (tester report 2, item 9): ``"app.quit" =
"ctrl+shift+alt+banana"`` was accepted, and the key bar showed ``Ctrl+Shift+Alt+🍌
Quit``. A key that is none is said with its entry, and the rest of the config (the
binding's other keys too) is kept. The names belga knows are checked against Textual's
own (tui/core/config/key_names.py must not know Textual, so this test keeps them in
step)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from textual.keys import Keys, _character_to_key

from tests.test_config import load_text
from tui.core.config.key_names import NAMED_KEYS, PUNCTUATION, key_problem


@pytest.mark.parametrize(
    "key",
    ["j", "J", "G", "?", "question_mark", "<", "less_than_sign", "slash", "/", "é", "ж",
     "enter", "escape", "f1", "f24", "pagedown", "space", "tab", "shift+tab", "ctrl+d",
     "ctrl+shift+up", "alt+x", "ctrl+alt+shift+a", "ctrl+f5", "ctrl+question_mark"],
)  # fmt: skip
def test_keys_textual_can_send_are_taken(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize(
    "key",
    ["banana", "ctrl+shift+alt+banana", "🍌", "ctrl+🍌", "f25", "ctrl+ctrl+a", "crtl+a",
     "ctrl+", "page down", "enterr", "ctrl+shift"],
)  # fmt: skip
def test_names_no_terminal_sends_are_refused(key: str) -> None:
    assert key_problem(key)


def test_bad_keys_are_said_with_their_entry_and_the_rest_is_kept(tmp_path: Path) -> None:
    text = (
        "[ui]\nmeasure = 60\n"
        '[keys]\n"app.quit" = "ctrl+shift+alt+banana"\n"list.open" = "o,🍌,enter"\n'
        '"story.down" = "j"\n'
    )
    config, warnings = load_text(tmp_path, text)
    assert config.ui.measure == 60
    assert config.keys == {"list.open": "o,enter", "story.down": "j"}
    assert len(warnings) == 2
    assert warnings[0].startswith('[keys] "app.quit" = "ctrl+shift+alt+banana": ')
    assert "banana" in warnings[0] and warnings[0].endswith("ignored")
    assert warnings[1].startswith('[keys] "list.open" = ')
    assert "🍌" in warnings[1]


def test_the_names_are_textuals() -> None:
    named = {key.value for key in Keys if "+" not in key.value and "<" not in key.value}
    assert named - {"ctrl-at"} == NAMED_KEYS
    assert {_character_to_key(char) for char in string.punctuation} == PUNCTUATION
