"""The user's settings, read from a TOML file.

A bad config file must never keep the reader from starting: every problem becomes a
one-line human warning, the setting concerned keeps its default, and the rest of the
file is still used. One table of settings (``_SECTIONS``) drives the reading, the
warnings and the commented template, so the three cannot drift apart. What one value
may be, and how it is written back, is :mod:`tui.core.config.values`; its public names
are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from tui.core.config.blank import MAX_CONFIG_BYTES, sets_nothing
from tui.core.config.key_names import HOW, key_problem
from tui.core.config.limits import DEFAULT_NEWSROOM, FetchLimits, FetchSettings
from tui.core.config.values import (
    GIGABYTE,
    IMAGE_MODES,
    KILOBYTE,
    Check,
    Invalid,
    as_boolean,
    as_image_mode,
    as_name,
    as_reader_mode,
    as_url,
    format_size,
    normalize_newsroom,
    number,
    parse_size,
    shown,
    size,
    toml_text,
    whole,
)
from tui.core.model.files import read_bounded
from tui.core.model.record import field, record, replace

if TYPE_CHECKING:
    import tomllib

__all__ = [
    "DEFAULT_CONFIG_TEXT",
    "GIGABYTE",
    "IMAGE_MODES",
    "KILOBYTE",
    "Config",
    "FetchLimits",
    "NetConfig",
    "StoreConfig",
    "UIConfig",
    "format_size",
    "load_config",
    "normalize_newsroom",
    "parse_config",
    "parse_size",
    "write_default_config",
]


@record(frozen=True)
class StoreConfig:
    """``[store]``: how much the story cache keeps."""

    keep_days: int = 60
    keep_stories: int = 5000


@record(frozen=True)
class UIConfig:
    """``[ui]``: the theme name is checked by the UI, which knows the themes."""

    theme: str = "textual-dark"
    measure: int = 100
    """The widest the reading column gets, in characters."""
    animations: bool = True
    images: str = "off"
    """Pictures in stories: "off" (a labelled line), "on" (drawn, but not over SSH),
    "always" (drawn, over SSH too)."""
    list_width: int = 72
    """Columns of the story list when the story is shown beside it."""
    mouse: bool = False
    """Mouse reporting: off by default (over SSH every move costs bytes, and it stops
    the terminal's own text selection)."""


@record(frozen=True)
class NetConfig:
    """``[net]``: pages of other sites, read in the reader view."""

    reader: str = "ask"
    """Links to other sites: "ask" (once per site), "always" read here, "never" (copy)."""
    allow_private: bool = False
    """Let outside pages be read from private and local addresses (an intranet, tests)."""


@record(frozen=True)
class Config:
    newsroom: str = DEFAULT_NEWSROOM
    fetch: FetchLimits = field(default_factory=FetchLimits)
    """``[fetch]``: the limits of every fetch (their one home: limits.py)."""
    store: StoreConfig = field(default_factory=StoreConfig)
    ui: UIConfig = field(default_factory=UIConfig)
    net: NetConfig = field(default_factory=NetConfig)
    keys: dict[str, str] = field(default_factory=dict, hash=False)
    """Binding id → keys (``"j,down"``), only for the bindings the user remaps. The ids
    are checked by the UI, which knows its bindings."""

    def fetch_settings(self) -> FetchSettings:
        """The client's settings: this newsroom, these limits."""
        return FetchSettings.of(self.newsroom, self.fetch)


# --- The settings --------------------------------------------------------------------


class _Setting(NamedTuple):
    name: str
    check: Check
    help: str
    show: Callable[[Any], str] = toml_text


# Section "" is the top of the file. Each help text is one line of the template.
LIST_MIN: Final = 40
"""The narrowest the story list gets beside the story (``<`` stops there too)."""
LIST_MAX: Final = 200
"""The widest (``>`` stops there)."""

_SECTIONS: Final[dict[str, tuple[str, tuple[_Setting, ...]]]] = {
    "": ("", (
        _Setting("newsroom", Check(as_url, ""),
                 "The Prezly newsroom whose stories are fetched (a bare host name gets https://)"),
    )),
    "fetch": ("How belga talks to the newsroom: kept polite for a small agency site.", (
        _Setting("connect_timeout", number(0.1, 300), "Seconds to wait for a connection"),
        _Setting("read_timeout", number(0.1, 300),
                 "Seconds to wait for the next bytes of an answer, not the whole of it"),
        _Setting("max_response_bytes", size(64 * KILOBYTE, GIGABYTE),
                 'The largest answer read: bytes, or a size such as "5 MB"', format_size),
        _Setting("max_in_flight", whole(1, 32), "Requests open at once"),
        _Setting("max_redirects", whole(0, 20), "Redirects followed for one request"),
        _Setting("retries", whole(0, 10),
                 "Extra attempts after a timeout, a 5xx or a lost connection"),
        _Setting("backoff", number(0, 60),
                 "Seconds before the first retry, doubled for each next one"),
        _Setting("answer_timeout", number(1, 3600),
                 "Seconds one answer may take in all, from its request to its last byte"),
        _Setting("story_timeout", number(1, 600),
                 "Seconds a story's whole fetch may take: every try and the fallback"),
    )),
    "store": ("The cache of fetched stories (its file keeps your marks and history too).", (
        _Setting("keep_days", whole(1, 3650), "Forget cached stories older than this many days"),
        _Setting("keep_stories", whole(1, 1_000_000),
                 "The most stories the cache keeps; the oldest go first"),
    )),
    "ui": ("How the reader looks.", (
        _Setting("theme", Check(as_name, ""),
                 'A Textual theme name, such as "textual-light", "nord" or "gruvbox"'),
        _Setting("measure", whole(40, 200), "The widest the reading column gets, in characters"),
        _Setting("animations", Check(as_boolean, "true or false"),
                 "Smooth scrolling and other animations"),
        _Setting("images", Check(as_image_mode, '"off", "on" or "always"'),
                 'Pictures drawn in stories ("on": except over SSH)'),
        _Setting("list_width", whole(LIST_MIN, LIST_MAX),
                 "Columns of the story list beside the story (< and > change it)"),
        _Setting("mouse", Check(as_boolean, "true or false"),
                 "Mouse clicks and wheel (off: the terminal selects text as usual)"),
    )),
    "net": ("Pages of other sites, read in belga's reader view when you ask.", (
        _Setting("reader", Check(as_reader_mode, '"ask" once per site, "always" or "never"'),
                 "Read links to other sites here"),
        _Setting("allow_private", Check(as_boolean, "true or false"),
                 "Read pages at private and local addresses too, such as an intranet"),
    )),
}  # fmt: skip
_KEYS: Final = "keys"
_DEFAULTS: Final = Config()


def _defaults(section: str) -> Any:
    return getattr(_DEFAULTS, section) if section else _DEFAULTS


# --- Reading a file ------------------------------------------------------------------


def _label(section: str, key: str) -> str:
    return f"[{section}] {key}" if section else key


def _unknown(section: str, key: str, is_table: bool) -> str:
    """The warning for a name belga does not know, with a guess at the one meant."""
    import difflib

    if is_table:
        where = f"{section}.{key}" if section else key
        names = [] if section else [*filter(None, _SECTIONS), _KEYS]
        close = difflib.get_close_matches(key, names, n=1)
        hint = f" — did you mean [{close[0]}]?" if close else "; ignored"
        return f"unknown section [{where}]{hint}"
    names = [setting.name for setting in _SECTIONS[section][1]]
    if close := difflib.get_close_matches(key, names, n=1):
        return f"unknown setting {_label(section, key)} — did you mean {close[0]}?"
    # A right name in the wrong table: `theme = "nord"` at the top, say, or the newsroom
    # written below a [section] line, which TOML counts as part of that section.
    for other, (_, settings) in _SECTIONS.items():
        if other != section and key in (setting.name for setting in settings):
            meant = _label(other, key) if other else f"{key} at the top, before any [section]"
            return f"unknown setting {_label(section, key)} — did you mean {meant}?"
    return f"unknown setting {_label(section, key)}; ignored"


def _read_settings(section: str, table: Mapping[str, object], warnings: list[str]) -> Any:
    """The section's defaults with the good values of ``table`` in their place."""
    known = {setting.name: setting for setting in _SECTIONS[section][1]}
    values: dict[str, object] = {}
    for key, value in table.items():
        setting = known.get(key)
        if setting is None:
            warnings.append(_unknown(section, key, isinstance(value, dict)))
            continue
        try:
            values[key] = setting.check.parse(value)
        except Invalid as problem:
            default = setting.show(getattr(_defaults(section), key))
            warnings.append(
                f"{_label(section, key)} = {shown(value)} {problem}; using the default, {default}"
            )
    return replace(_defaults(section), **values)


def _flatten(table: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, object]]:
    # Without quotes, `story.down = "j"` is a TOML dotted key, which makes nested
    # tables; the user plainly meant the binding id "story.down".
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _read_keys(table: Mapping[str, object], warnings: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for binding_id, value in _flatten(table):
        where = f'[keys] "{binding_id}" = {shown(value)}'
        if not isinstance(value, str):
            warnings.append(f'{where} should be keys in quotes, such as "j,down"; ignored')
            continue
        entries = [entry.strip() for entry in value.split(",")]
        # Textual refuses a binding with an empty key outright; better a warning here.
        if not all(entries):
            warnings.append(f"{where} has an empty key (a comma too many?); ignored")
            continue
        # A name no terminal sends is said; the binding's other keys are kept.
        problems = [problem for entry in entries if (problem := key_problem(entry))]
        kept = [entry for entry in entries if key_problem(entry) is None]
        if problems:
            rest = f"; {','.join(kept)} kept" if kept else ""
            warnings.append(f"{where}: {'; '.join(problems)} ({HOW}); ignored{rest}")
        if kept:
            keys[binding_id] = ",".join(kept)
    return keys


def parse_config(data: Mapping[str, object]) -> tuple[Config, list[str]]:
    """A Config from TOML already parsed, and the warnings about it."""
    warnings: list[str] = []
    tables = {*filter(None, _SECTIONS), _KEYS}
    top = {key: value for key, value in data.items() if key not in tables}
    config: Config = _read_settings("", top, warnings)
    changes: dict[str, Any] = {}
    for name in (name for name in data if name in tables):
        table = data[name]
        if not isinstance(table, dict):
            warnings.append(f"{name} = {shown(table)} should be a table, [{name}]; ignored")
        elif name == _KEYS:
            changes[name] = _read_keys(table, warnings)
        else:
            changes[name] = _read_settings(name, table, warnings)
    return replace(config, **changes), warnings


def _syntax_warning(path: Path, error: tomllib.TOMLDecodeError) -> str:
    # tomllib puts the position only in the message before Python 3.14 (which adds
    # attributes but keeps the message): "Invalid value (at line 7, column 12)".
    import re

    message = str(error)
    if match := re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.DOTALL):
        return f"{path} line {match[2]}, column {match[3]}: {match[1]}; using the defaults"
    message = message.removesuffix(" (at end of document)")
    return f"{path} at the end: {message}; using the defaults"


def load_config(path: Path) -> tuple[Config, list[str]]:
    """The config in ``path`` and human warnings about it. Never raises for a bad file:
    a missing one gives the defaults quietly, an unreadable or broken one the defaults
    and a warning, a bad setting its own default and a warning."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES, "a config file")
    except ValueError as error:  # a FIFO, a device, a socket; too large
        return Config(), [f"{path}: cannot read it: {error}; using the defaults"]
    except FileNotFoundError:
        return Config(), []
    except OSError as error:  # a directory, no permission, a parent that is a file…
        reason = error.strerror or str(error)
        return Config(), [f"{path}: cannot read it ({reason}); using the defaults"]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # Windows editors write one
    except UnicodeDecodeError as error:
        return Config(), [f"{path}: not UTF-8 text (byte {error.start}); using the defaults"]
    if sets_nothing(text):  # the template of the first run, untouched: no parser needed
        return Config(), []
    import tomllib

    # tomllib and the checks below recurse into nested values: a value nested a few
    # thousand levels deep ([[[[…]]]], a.b.c.….z) must not stop belga from starting.
    try:
        return parse_config(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        return Config(), [_syntax_warning(path, error)]
    except RecursionError:
        return Config(), [f"{path}: values nested too deeply to read; using the defaults"]


# --- The template --------------------------------------------------------------------


_HEADER: Final = """\
# belga configuration (TOML).
#
# Every setting is listed with its default, commented out. To change one, remove
# the "# " in front of it (and in front of its [section] line) and edit the value.
# A setting left commented out keeps following belga's default.
"""
_KEYS_HELP: Final = """\


# [keys]
# Your own keys: a binding id, then its keys separated by commas. They replace
# the keys belga gives that binding. Ids look like story.down, list.open or
# app.quit. For example:
#   "story.down" = "j,down,ctrl+n"
"""


def _template() -> str:
    lines = [_HEADER.rstrip("\n")]
    for name, (about, settings) in _SECTIONS.items():
        if name:
            lines.extend(["", "", f"# [{name}]", f"# {about}"])
        for setting in settings:
            bounds = f" ({setting.check.bounds})" if setting.check.bounds else ""
            default = setting.show(getattr(_defaults(name), setting.name))
            lines.extend(["", f"# {setting.help}{bounds}.", f"# {setting.name} = {default}"])
    return "\n".join(lines) + "\n" + _KEYS_HELP


DEFAULT_CONFIG_TEXT: Final = _template()


def write_default_config(path: Path) -> bool:
    """Write the commented template to ``path`` unless something is there already.

    Returns whether it wrote. Creates the parent folder. An OSError (a read-only
    home, say) is the caller's to report.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x": never overwrite, not even a file that appeared a moment ago.
        with path.open("x", encoding="utf-8") as file:
            file.write(DEFAULT_CONFIG_TEXT)
    except FileExistsError:
        return False
    return True
