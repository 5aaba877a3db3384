"""The domain layer imports without Textual; --dump never loads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tui.core

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"

_BLOCK_TEXTUAL = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is not allowed here")
sys.meta_path.insert(0, Block())
"""


def test_domain_imports_without_textual() -> None:
    core = Path(tui.core.__file__).parent
    modules = [
        ".".join(("tui", "core", *f.relative_to(core).with_suffix("").parts))
        for f in sorted(core.rglob("*.py"))
        if f.name != "__init__.py"
    ]
    assert "tui.core.model.story" in modules
    code = _BLOCK_TEXTUAL + "".join(f"import {m}\n" for m in modules)
    code += "assert not any(m.startswith('textual') for m in sys.modules)\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_dump_does_not_import_textual() -> None:
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"assert main(['--dump', {str(FIXTURE)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'dump loaded textual'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Belgian defence industry" in result.stdout
