"""A hostile config file: never a crash at start-up, --dump included (issue 10, item 12)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.config.load import Config, load_config

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"
DEPTH = 2000

DEEP_VALUES = {
    "array": "newsroom = " + "[" * DEPTH + "]" * DEPTH + "\n",
    "inline table": "newsroom = " + "{a = " * DEPTH + "1" + "}" * DEPTH + "\n",
    "dotted keys": "[keys]\n" + ".".join(["a"] * DEPTH) + ' = "j"\n',
    "table headers": "[" + ".".join(["a"] * DEPTH) + "]\nb = 1\n",
}


@pytest.mark.parametrize("text", DEEP_VALUES.values(), ids=DEEP_VALUES.keys())
def test_deeply_nested_values_give_the_defaults_and_a_warning(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    config, warnings = load_config(path)
    assert config.newsroom == Config().newsroom
    assert warnings
    assert any("nested" in warning or "unknown" in warning for warning in warnings)


def test_dump_still_works_with_a_deeply_nested_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config_dir = Path(os.environ["BELGA_CONFIG_DIR"])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text(DEEP_VALUES["array"])
    story = tmp_path / "story.json"
    shutil.copy(FIXTURE, story)
    assert main(["--dump", str(story)]) == 0
    captured = capsys.readouterr()
    assert "Belgian defence industry" in captured.out
    assert "nested" in captured.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and devices are POSIX")
@pytest.mark.timeout(10)
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_config_that_is_no_regular_file_is_not_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "config.toml"
    if kind == "fifo":
        os.mkfifo(path)  # used to block belga before it even started
    else:
        path.symlink_to(kind)  # used to be read until memory ran out
    config, warnings = load_config(path)
    assert config == Config()
    assert len(warnings) == 1 and "not a regular file" in warnings[0]
