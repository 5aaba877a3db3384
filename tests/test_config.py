"""Config locations and the TOML config: defaults, every warning, the template."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import tomllib
from pathlib import Path

import platformdirs
import pytest

from tui.core.config import paths
from tui.core.config.limits import MEGABYTE, FetchLimits, FetchSettings
from tui.core.config.load import (
    DEFAULT_CONFIG_TEXT,
    Config,
    StoreConfig,
    UIConfig,
    format_size,
    load_config,
    normalize_newsroom,
    parse_config,
    parse_size,
    write_default_config,
)
from tui.core.model.record import FrozenRecordError

ENV_VARS = (paths.CONFIG_DIR_ENV, paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV)


def load_text(tmp_path: Path, text: str) -> tuple[Config, list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def settings_lines(template: str) -> str:
    """The template with every commented setting and [section] line uncommented."""
    setting = re.compile(r"# (\[\w+\]|\w+ = .*)")
    return "\n".join(
        match[1] if (match := setting.fullmatch(line)) else line for line in template.splitlines()
    )


# --- Locations -----------------------------------------------------------------------


def test_dirs_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "c"))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "k"))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "d"))
    assert paths.config_dir() == tmp_path / "c"
    assert paths.cache_dir() == tmp_path / "k"
    assert paths.data_dir() == tmp_path / "d"
    assert paths.config_file() == tmp_path / "c" / "config.toml"
    assert paths.store_file() == tmp_path / "k" / "belga.sqlite3"
    assert paths.store_file(tmp_path / "elsewhere") == tmp_path / "elsewhere" / "belga.sqlite3"
    # Nothing is created just by asking where things go.
    assert list(tmp_path.iterdir()) == []


def test_relative_and_home_overrides_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.CACHE_DIR_ENV, "cache")
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, "~/belga-config")
    assert paths.cache_dir() == tmp_path / "cache"
    assert paths.config_dir() == Path.home() / "belga-config"


def test_dirs_default_to_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ENV_VARS:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv(paths.DATA_DIR_ENV, "  ")  # blank counts as unset
    assert paths.config_dir() == platformdirs.user_config_path("belga", appauthor=False)
    assert paths.cache_dir() == platformdirs.user_cache_path("belga", appauthor=False)
    assert paths.data_dir() == platformdirs.user_data_path("belga", appauthor=False)
    assert paths.config_dir().name == paths.cache_dir().name == "belga"


# --- Defaults and the good case --------------------------------------------------------


def test_missing_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml") == (Config(), [])
    assert load_config(tmp_path / "no" / "such" / "dir" / "config.toml") == (Config(), [])


def test_a_byte_order_mark_is_no_syntax_error(tmp_path: Path) -> None:
    """Windows editors save UTF-8 with a byte-order mark: the whole file was refused as
    "line 1, column 1: Invalid …" (a new user's report)."""
    config, warnings = load_text(tmp_path, "\ufeff[store]\nkeep_days = 7\n")
    assert (config.store.keep_days, warnings) == (7, [])


def test_defaults() -> None:
    config = Config()
    assert config.newsroom == "https://www.belganewsagency.eu"
    assert config.store == StoreConfig(keep_days=60, keep_stories=5000)
    assert config.ui == UIConfig(theme="textual-dark", measure=100, animations=True)
    assert config.keys == {}
    with pytest.raises(FrozenRecordError):
        config.newsroom = "x"  # type: ignore[misc]


def test_a_full_file_is_read(tmp_path: Path) -> None:
    config, warnings = load_text(
        tmp_path,
        """
newsroom = "https://news.example.org/"
[fetch]
connect_timeout = 3
read_timeout = 2.5
max_response_bytes = "2 MB"
max_in_flight = 8
max_redirects = 0
retries = 0
backoff = 0
[store]
keep_days = 7
keep_stories = 100
[ui]
theme = "nord"
measure = 72
animations = false
[keys]
"reader.down" = "j, down ,ctrl+n"
"app.quit" = "ctrl+q"
""",
    )
    assert warnings == []
    assert config.newsroom == "https://news.example.org"
    assert config.fetch == FetchLimits(3.0, 2.5, 2 * MEGABYTE, 8, 0, 0, 0.0)
    assert isinstance(config.fetch.connect_timeout, float)
    assert config.store == StoreConfig(7, 100)
    assert config.ui == UIConfig("nord", 72, False)
    assert config.keys == {"reader.down": "j,down,ctrl+n", "app.quit": "ctrl+q"}


def test_fetch_settings_mapping() -> None:
    fetch = FetchLimits(1.5, 2.5, 3 * MEGABYTE, 2, 3, 4, 0.25)
    settings = Config(newsroom="http://127.0.0.1:8001", fetch=fetch).fetch_settings()
    expected = FetchSettings(
        newsroom="http://127.0.0.1:8001",
        connect_timeout=1.5,
        read_timeout=2.5,
        max_response_bytes=3 * MEGABYTE,
        max_in_flight=2,
        max_redirects=3,
        retries=4,
        backoff=0.25,
    )
    assert settings == expected
    assert settings.user_agent == FetchSettings().user_agent
    # The defaults of both agree, so an empty config changes nothing in the client.
    assert Config().fetch_settings() == FetchSettings()


def test_the_fetch_limits_have_one_home() -> None:
    """[fetch] and the client's settings are one concept: the limits are defined once
    (FetchLimits), and the client's settings are those limits plus where and who."""
    assert isinstance(Config().fetch, FetchLimits)
    assert issubclass(FetchSettings, FetchLimits)
    limits = {f.name for f in dataclasses.fields(FetchLimits)}
    more = {f.name for f in dataclasses.fields(FetchSettings)} - limits
    assert more == {"newsroom", "user_agent", "short_link_hosts", "refuse"}
    assert Config().fetch == FetchLimits()


# --- Files that cannot be used at all ---------------------------------------------------


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    text = "\n".join(["# comment"] * 6 + ["retries = oops"]) + "\n"
    config, warnings = load_text(tmp_path, text)
    assert config == Config()
    assert warnings == [
        f"{tmp_path / 'config.toml'} line 7, column 11: Invalid value; using the defaults"
    ]


def test_syntax_error_at_the_end(tmp_path: Path) -> None:
    config, warnings = load_text(tmp_path, 'newsroom = "https://unfinished')
    assert config == Config()
    assert len(warnings) == 1
    assert "config.toml" in warnings[0]
    assert warnings[0].endswith(": Unterminated string; using the defaults")


def test_a_directory_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    config, warnings = load_config(tmp_path / "config.toml")
    assert config == Config()
    assert len(warnings) == 1
    assert str(tmp_path / "config.toml") in warnings[0]
    assert "cannot read" in warnings[0]
    assert warnings[0].endswith("using the defaults")


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[ui]\ntheme = "caf\xe9"\n')
    config, warnings = load_config(path)
    assert config == Config()
    assert warnings == [f"{path}: not UTF-8 text (byte 17); using the defaults"]


def test_a_file_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "belga").write_text("")
    path = tmp_path / "belga" / "config.toml"
    config, warnings = load_config(path)
    assert config == Config()
    assert warnings == [f"{path}: cannot read it (Not a directory); using the defaults"]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file"
)  # fmt: skip
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[ui]\nmeasure = 80\n")
    path.chmod(0)
    config, warnings = load_config(path)
    assert config == Config()
    assert warnings == [f"{path}: cannot read it (Permission denied); using the defaults"]


# --- One bad setting: a warning, its default, the rest used -------------------------------


def test_unknown_setting_with_a_suggestion(tmp_path: Path) -> None:
    config, warnings = load_text(tmp_path, "[fetch]\nread_timout = 3\nretries = 2\n")
    assert warnings == ["unknown setting [fetch] read_timout — did you mean read_timeout?"]
    assert config.fetch.retries == 2
    assert config.fetch.read_timeout == FetchLimits().read_timeout


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("newsrom = 'x.org'", "unknown setting newsrom — did you mean newsroom?"),
        ("[ui]\ncolour = 'red'", "unknown setting [ui] colour; ignored"),
        ("[fecth]\nretries = 2", "unknown section [fecth] — did you mean [fetch]?"),
        ("[key]\n'app.quit' = 'q'", "unknown section [key] — did you mean [keys]?"),
        ("[plugins]\nx = 1", "unknown section [plugins]; ignored"),
        ("[fetch.extra]\nx = 1", "unknown section [fetch.extra]; ignored"),
        ('theme = "nord"', "unknown setting theme — did you mean [ui] theme?"),
        ("[ui]\nkeep_days = 3", "unknown setting [ui] keep_days — did you mean [store] keep_days?"),
        # Below a [section] line, TOML puts the newsroom in that section.
        (
            "[ui]\nnewsroom = 'x.org'",
            "unknown setting [ui] newsroom — did you mean newsroom at the top, "
            "before any [section]?",
        ),
    ],
)
def test_unknown_names(tmp_path: Path, text: str, warning: str) -> None:
    config, warnings = load_text(tmp_path, text)
    assert warnings == [warning]
    assert config == Config()


URL_WANTED = "should be an http(s) URL or a host name, in quotes"
SIZE_WANTED = 'should be a size such as "5 MB" or a number of bytes'
BELGA = '"https://www.belganewsagency.eu"'


@pytest.mark.parametrize(
    ("text", "warning", "default"),
    [
        ('[fetch]\nretries = "two"', '[fetch] retries = "two" should be a whole number', "1"),
        ("[fetch]\nretries = true", "[fetch] retries = true should be a whole number", "1"),
        ("[fetch]\nbackoff = [1]", "[fetch] backoff = a list should be a number", "0.5"),
        ("[ui]\nmeasure = 100.0", "[ui] measure = 100.0 should be a whole number", "100"),
        ("[ui]\nmeasure = 20", "[ui] measure = 20 is out of range (40 to 200)", "100"),
        # The range the list really takes (< stopped at 40 after 30 was taken silently).
        ("[ui]\nlist_width = 30", "[ui] list_width = 30 is out of range (40 to 200)", "72"),
        ("[ui]\nanimations = 1", "[ui] animations = 1 should be true or false", "true"),
        ("[ui]\ntheme = ''", '[ui] theme = "" should be a name in quotes', '"textual-dark"'),
        ("[ui]\ntheme = {}", "[ui] theme = a table should be a name in quotes", '"textual-dark"'),
        (
            "[fetch]\nconnect_timeout = nan",
            "[fetch] connect_timeout = nan is out of range (0.1 to 300)",
            "5.0",
        ),
        (
            "[fetch]\nread_timeout = inf",
            "[fetch] read_timeout = inf is out of range (0.1 to 300)",
            "10.0",
        ),
        ("[fetch]\nmax_in_flight = 0", "[fetch] max_in_flight = 0 is out of range (1 to 32)", "6"),
        (
            "[store]\nkeep_stories = 0",
            "[store] keep_stories = 0 is out of range (1 to 1_000_000)",
            "5000",
        ),
        (
            "[fetch]\nmax_response_bytes = '1 KB'",
            '[fetch] max_response_bytes = "1 KB" is out of range (64 KB to 1 GB)',
            '"5 MB"',
        ),
        (
            "[fetch]\nmax_response_bytes = '5 parsecs'",
            f'[fetch] max_response_bytes = "5 parsecs" {SIZE_WANTED}',
            '"5 MB"',
        ),
        (
            "[fetch]\nmax_response_bytes = 5.5",
            f"[fetch] max_response_bytes = 5.5 {SIZE_WANTED}",
            '"5 MB"',
        ),
        ("newsroom = 'ftp://x.org'", f'newsroom = "ftp://x.org" {URL_WANTED}', BELGA),
        ("newsroom = 'https://'", f'newsroom = "https://" {URL_WANTED}', BELGA),
        ("newsroom = 1979-05-27", f"newsroom = 1979-05-27 {URL_WANTED}", BELGA),
        # What the user wrote is echoed, but not at any length.
        (f"newsroom = 'ftp://{'x' * 60}'", f'newsroom = "ftp://{"x" * 32}… {URL_WANTED}', BELGA),
    ],
)
def test_bad_values_keep_their_default(
    tmp_path: Path, text: str, warning: str, default: str
) -> None:
    config, warnings = load_text(tmp_path, text)
    assert warnings == [f"{warning}; using the default, {default}"]
    assert config == Config()


def test_a_section_that_is_not_a_table(tmp_path: Path) -> None:
    config, warnings = load_text(tmp_path, "fetch = 3\n")
    assert warnings == ["fetch = 3 should be a table, [fetch]; ignored"]
    assert config == Config()


def test_one_bad_value_leaves_the_rest_alone(tmp_path: Path) -> None:
    text = "[fetch]\nretries = -1\nbackoff = 2\n[ui]\nmeasure = 999\ntheme = 'nord'\n"
    config, warnings = load_text(tmp_path, text)
    assert [w.split(" = ")[0] for w in warnings] == ["[fetch] retries", "[ui] measure"]
    assert config.fetch == FetchLimits(backoff=2.0)
    assert config.ui == UIConfig(theme="nord")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"5 MB"', 5 * MEGABYTE),
        ('"5MB"', 5 * MEGABYTE),
        ('"5 mib"', 5 * MEGABYTE),
        ('"512 KB"', 512 * 1024),
        ('"1.5 MB"', 3 * MEGABYTE // 2),
        ('"1 GB"', 1024 * MEGABYTE),
        ('"100000 B"', 100_000),
        ("6_000_000", 6_000_000),
    ],
)
def test_response_size_as_number_or_text(tmp_path: Path, value: str, expected: int) -> None:
    config, warnings = load_text(tmp_path, f"[fetch]\nmax_response_bytes = {value}\n")
    assert warnings == []
    assert config.fetch.max_response_bytes == expected
    assert config.fetch_settings().max_response_bytes == expected


def test_parse_and_format_size() -> None:
    assert parse_size(" 64k ") == 64 * 1024
    assert parse_size("2 GiB") == 2 * 1024 * MEGABYTE
    for bad in ("", "MB", "5 i", "5 iB", "5 MBB", "-5 MB", "5 TB", "1e6"):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert format_size(5 * MEGABYTE) == '"5 MB"'
    assert format_size(64 * 1024) == '"64 KB"'
    assert format_size(1000) == "1000"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org/", "https://example.org"),
        ("  http://127.0.0.1:8001/ ", "http://127.0.0.1:8001"),
        ("HTTPS://News.Example.org", "HTTPS://News.Example.org"),
    ],
)
def test_newsroom_urls(tmp_path: Path, given: str, expected: str) -> None:
    assert normalize_newsroom(given) == expected
    config, warnings = load_text(tmp_path, f"newsroom = {given!r}\n")
    assert (config.newsroom, warnings) == (expected, [])
    assert config.fetch_settings().newsroom == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "ftp://x.org",
        "https://",
        "http://x.org:port",
        "mailto:a@b",
        "u:p@x.org",
        "not a url",  # was taken, then looked up as "not a url" (a new user's report)
        "https://news room.example",
        "news\troom.example",
        "https://x.org\x1b[31m",
    ],
)
def test_newsroom_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_newsroom(bad)


# --- Keys --------------------------------------------------------------------------------


def test_keys_dotted_without_quotes_mean_the_binding_id(tmp_path: Path) -> None:
    config, warnings = load_text(tmp_path, '[keys]\nreader.down = "j"\nlist.open = "o,enter"\n')
    assert warnings == []
    assert config.keys == {"reader.down": "j", "list.open": "o,enter"}


def test_bad_keys_are_skipped_with_a_warning(tmp_path: Path) -> None:
    text = '[keys]\n"reader.down" = 3\n"reader.up" = "k,,up"\n"list.open" = "o"\n"app.quit" = ""\n'
    config, warnings = load_text(tmp_path, text)
    assert config.keys == {"list.open": "o"}
    assert warnings == [
        '[keys] "reader.down" = 3 should be keys in quotes, such as "j,down"; ignored',
        '[keys] "reader.up" = "k,,up" has an empty key (a comma too many?); ignored',
        '[keys] "app.quit" = "" has an empty key (a comma too many?); ignored',
    ]


def test_keys_must_be_a_table(tmp_path: Path) -> None:
    config, warnings = load_text(tmp_path, 'keys = "j"\n')
    assert config.keys == {}
    assert warnings == ['keys = "j" should be a table, [keys]; ignored']


# --- The template ------------------------------------------------------------------------


def test_template_is_written_once(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "config.toml"
    assert write_default_config(path) is True
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT
    path.write_text("[ui]\nmeasure = 80\n", encoding="utf-8")
    assert write_default_config(path) is False
    assert path.read_text(encoding="utf-8") == "[ui]\nmeasure = 80\n"


def test_template_loads_clean(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_default_config(path)
    assert load_config(path) == (Config(), [])


def test_template_uncommented_gives_the_defaults(tmp_path: Path) -> None:
    text = settings_lines(DEFAULT_CONFIG_TEXT)
    data = tomllib.loads(text)
    # Every setting of every section is in the template, and nothing else.
    assert set(data) == {"newsroom", "fetch", "store", "ui", "net", "keys"}
    for name, section in (("fetch", FetchLimits), ("store", StoreConfig), ("ui", UIConfig)):
        assert set(data[name]) == {f.name for f in dataclasses.fields(section)}, name
    assert data["keys"] == {}
    assert parse_config(data) == (Config(), [])
    assert load_text(tmp_path, text) == (Config(), [])


def test_template_explains_every_setting() -> None:
    lines = DEFAULT_CONFIG_TEXT.splitlines()
    for number, line in enumerate(lines):
        if re.fullmatch(r"# \w+ = .*", line):
            explanation = lines[number - 1]
            assert explanation.startswith("# ") and explanation.endswith("."), line
    assert all(len(line) <= 88 for line in lines)
