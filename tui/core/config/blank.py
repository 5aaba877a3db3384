"""Telling that a config file sets nothing, without the TOML parser.

The file made on the first run is the commented template: every setting commented out.
Such a file gives the defaults and no warning, and most users never edit it, so
``load_config`` and ``belga --dump`` (which uses no setting, only says what is wrong
with the file) skip the parser and the config machinery for it. The test is strict:
anything but blank lines and comments that TOML certainly accepts means "parse it".
"""

from __future__ import annotations

from tui.core.model.files import read_bounded

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

MAX_CONFIG_BYTES = 1024 * 1024
"""A config file is a few KB; anything past this is not read."""


def sets_nothing(text: str) -> bool:
    """Whether ``text`` is only blank lines and comments (a TOML document of no keys).

    A comment with a character TOML refuses, or one this test is unsure of (any
    character Python does not call printable, but tab), is left to the parser.
    """
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.lstrip(" \t")
        if line and (line[0] != "#" or not line.replace("\t", " ").isprintable()):
            return False
    return True


def file_sets_nothing(path: Path) -> bool:
    """Whether the config file at ``path`` reads, as UTF-8, and sets nothing. False for
    anything else (missing, unreadable, too large, not UTF-8): ``load_config`` says why."""
    try:
        return sets_nothing(read_bounded(path, MAX_CONFIG_BYTES, "a config file").decode())
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return False
