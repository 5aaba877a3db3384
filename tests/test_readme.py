"""The README's module map ("How it is built") lists every module of the tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def module_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it is built", 1)[1]
    return section.split("```", 2)[1]


def mapped_paths() -> set[str]:
    """Paths as the map writes them: nested names under their folders."""
    found: set[str] = set()
    folders: list[tuple[int, str]] = []
    for line in module_map().splitlines():
        match = re.match(r"( *)(\S+)", line)
        if match is None or not match.group(2).endswith((".py", ".tcss", "/")):
            continue
        indent, name = len(match.group(1)), match.group(2)
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = "".join(folder for _, folder in folders) + name
        if name.endswith("/"):
            folders.append((indent, name))
        else:
            found.add(path)
    return found


def test_every_module_is_in_the_map_and_every_entry_exists() -> None:
    modules = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "tui").rglob("*")
        if path.suffix in (".py", ".tcss") and path.name != "__init__.py"
    }
    mapped = mapped_paths()
    assert modules - mapped == set(), "modules missing from the README's map"
    assert mapped - modules == set(), "the README's map names modules that do not exist"
