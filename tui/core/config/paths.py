"""Where belga keeps its files: config, data and cache.

The platform's conventions come from platformdirs; each location can be moved by an
environment variable, which is how the tests keep away from the user's real files and
how a user can keep several setups apart. Nothing here creates a directory: the code
that writes a file makes its parent when it needs it, so merely starting the app (or
importing this module) leaves no trace on disk.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

APP_NAME: Final = "belga"
CONFIG_DIR_ENV: Final = "BELGA_CONFIG_DIR"
CACHE_DIR_ENV: Final = "BELGA_CACHE_DIR"
DATA_DIR_ENV: Final = "BELGA_DATA_DIR"
CONFIG_FILE_NAME: Final = "config.toml"
STORE_FILE_NAME: Final = "belga.sqlite3"


def _location(variable: str, kind: str) -> Path:
    # An empty variable counts as unset: `BELGA_CACHE_DIR= belga` should not mean
    # "the current directory".
    override = os.environ.get(variable, "").strip()
    if override:
        # Absolute, so that a later chdir cannot move the files.
        return Path(override).expanduser().absolute()
    import platformdirs  # only when needed: a few ms of every command's start

    platform_path = getattr(platformdirs, f"user_{kind}_path")
    # appauthor=False: otherwise Windows gets a needless "belga\belga" nesting.
    return Path(platform_path(APP_NAME, appauthor=False, ensure_exists=False))


def config_dir() -> Path:
    """The folder of ``config.toml`` (``$BELGA_CONFIG_DIR`` if set)."""
    return _location(CONFIG_DIR_ENV, "config")


def cache_dir() -> Path:
    """The folder of things that can be fetched again (``$BELGA_CACHE_DIR`` if set)."""
    return _location(CACHE_DIR_ENV, "cache")


def data_dir() -> Path:
    """The folder of the user's own state, such as read marks (``$BELGA_DATA_DIR`` if set)."""
    return _location(DATA_DIR_ENV, "data")


def config_file() -> Path:
    return config_dir() / CONFIG_FILE_NAME


def store_file(cache_dir: Path | None = None) -> Path:
    """The story cache database, in ``cache_dir`` or else the default cache folder."""
    folder = cache_dir if cache_dir is not None else _default_cache_dir()
    return folder / STORE_FILE_NAME


# The parameter of store_file() shadows cache_dir(); this name reaches the function.
_default_cache_dir: Final = cache_dir
