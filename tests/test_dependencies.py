"""Every library the code imports is declared in pyproject.toml (and nothing undeclared
sneaks in, as markdown-it-py once did)."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import name → distribution name, where they differ.
DISTRIBUTIONS = {"PIL": "pillow", "rich": "textual"}  # rich comes with textual


def imported(package: Path) -> set[str]:
    names: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"tui", "__future__"}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        name = requirement.split(";")[0]
        for stop in "<>=!~[ ":
            name = name.split(stop)[0]
        names.add(name.strip().lower())
    return names


def test_every_library_the_code_imports_is_declared() -> None:
    wanted = {DISTRIBUTIONS.get(name, name).lower() for name in imported(ROOT / "tui")}
    assert wanted <= declared(), wanted - declared()


def test_markdown_it_is_no_longer_used() -> None:
    assert "markdown_it" not in imported(ROOT / "tui")
