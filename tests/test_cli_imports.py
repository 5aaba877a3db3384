"""``belga --version`` and ``--dump`` load only what they use: no event loop, no HTTP
client, no Textual (issue 13: each of these cost tens of milliseconds at every start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stories import story
from tui import __version__

HEAVY = ("asyncio", "httpx", "textual", "rich", "sqlite3", "PIL")

PROBE = """
import json, sys
from tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("MODULES" + json.dumps(sorted(sys.modules)))
"""


def modules_loaded(tmp_path: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={"BELGA_CONFIG_DIR": str(tmp_path / "config"), "PATH": ""},
        check=False,
        timeout=60,
    )
    assert "MODULES" in done.stderr, done.stderr
    return set(json.loads(done.stderr.split("MODULES", 1)[1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_version_loads_nothing_heavy(tmp_path: Path) -> None:
    loaded = modules_loaded(tmp_path, "--version")
    assert not top_level(loaded) & set(HEAVY)
    assert not {name for name in loaded if name.startswith("tui.core")}
    # The version alone needs no parser, nor typing (a quarter of the command's time).
    assert not loaded & {"argparse", "typing", "shutil"}, loaded & {"argparse", "typing", "shutil"}


def test_version_is_said_as_argparse_says_it(tmp_path: Path) -> None:
    probe = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    for args in (["--version"], ["--version", "--offline"]):  # the fast path, the parser
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                              text=True, env={"BELGA_CONFIG_DIR": str(tmp_path)}, check=False,
                              timeout=60)  # fmt: skip
        assert (done.returncode, done.stdout, done.stderr) == (0, f"belga {__version__}\n", ""), (
            args
        )


@pytest.mark.parametrize("width", ["80", "40"])
def test_dump_of_a_file_loads_nothing_heavy(tmp_path: Path, width: str) -> None:
    path = tmp_path / "story.json"
    body = "<p>Hello <strong>there</strong>, a <a href='https://newsroom.example/x'>link</a>.</p>"
    path.write_text(json.dumps(story("s", "A story", "2026-11-20 09:00:00", body)))
    first = modules_loaded(tmp_path, "--dump", str(path), "--width", width)
    assert "tui.core.config.load" in first  # the first run writes the config file
    loaded = modules_loaded(tmp_path, "--dump", str(path), "--width", width)
    assert "tui.core.render.render" in loaded  # it did render
    assert not top_level(loaded) & set(HEAVY), top_level(loaded) & set(HEAVY)
    # A story file uses no setting: a config that sets nothing is not even loaded.
    unused = {"tui.core.config.load", "tomllib", "difflib", "platformdirs"}
    unused |= {"dataclasses", "inspect"}  # the model's classes are records (model/record.py)
    unused |= {"shutil", "bz2", "lzma"}  # argparse's checks need no terminal width
    assert not loaded & unused, loaded & unused


def test_dump_of_a_file_still_reads_a_config_that_sets_something(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("[ui]\nthem = 'nord'\n")
    path = tmp_path / "story.json"
    path.write_text(json.dumps(story("s", "A story", "2026-11-20 09:00:00", "<p>Hi.</p>")))
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--dump", str(path)],
        capture_output=True,
        text=True,
        env={"BELGA_CONFIG_DIR": str(tmp_path / "config"), "PATH": ""},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and "Hi." in done.stdout
    assert "unknown setting [ui] them — did you mean theme?" in done.stderr


@pytest.mark.parametrize("columns", [50, 120])
def test_help_still_fits_the_terminal(tmp_path: Path, columns: int) -> None:
    probe = "import sys; from tui.cli import main; main(['--help'])"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"BELGA_CONFIG_DIR": str(tmp_path), "COLUMNS": str(columns)},
        check=False,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and lines[0].startswith("usage: belga")
    assert max(map(len, lines)) <= columns
    assert max(map(len, lines)) > (columns - 20 if columns < 80 else 80)
