"""A config file that sets nothing is known without the TOML parser (issue 13: the
parser and the config machinery were a sixth of ``belga --dump``); whatever it lets
through must be what tomllib reads as no setting at all."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.config.blank import file_sets_nothing, sets_nothing
from tui.core.config.load import DEFAULT_CONFIG_TEXT, Config, load_config

SETS_SOMETHING = [
    'newsroom = "https://example.org"',
    "# a comment\n[ui]\n",
    "  x = 1",
    "\ufeff# a byte-order mark first",
    "# a NUL \x00 in a comment",
    "# a lone CR \r in a comment",
    "# a vertical tab \x0b",
    "# DEL \x7f",
]


def test_the_template_sets_nothing() -> None:
    assert sets_nothing(DEFAULT_CONFIG_TEXT)
    assert sets_nothing(DEFAULT_CONFIG_TEXT.replace("\n", "\r\n"))
    assert sets_nothing("") and sets_nothing("\n\n  \t\n# only\t a comment\n")


@pytest.mark.parametrize("text", SETS_SOMETHING)
def test_anything_else_goes_to_the_parser(text: str) -> None:
    assert not sets_nothing(text)


PIECES = ["", " ", "\t", "#", "# é", "#\x00", "#\r", "a", "=", "[x]", "\r", "\x0c", "\u2028", "1"]
LINES = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=8)


@given(st.lists(LINES, max_size=8).map("\n".join))
def test_what_sets_nothing_is_an_empty_toml_document(text: str) -> None:
    if sets_nothing(text):
        assert tomllib.loads(text) == {}


def test_files(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert not file_sets_nothing(path)  # missing: load_config decides (and says nothing)
    path.write_text(DEFAULT_CONFIG_TEXT)
    assert file_sets_nothing(path)
    assert load_config(path) == (Config(), [])
    path.write_bytes(b"# caf\xe9\n")  # not UTF-8: load_config says so
    assert not file_sets_nothing(path)
    assert load_config(path)[1]
    path.unlink()
    path.mkdir()
    assert not file_sets_nothing(path)
