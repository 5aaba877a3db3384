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
    # The fast path, the parser (with anything else, it is refused: test_command_line)
    for args in (["--version"], ["--version", "--version"]):
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
    unused |= {"argparse", "gettext"}  # --dump FILE [--width N] is read without it (cli.py)
    unused |= {"logging", "traceback", "threading"}  # selectolax imported without it (lean.py)
    # html2text imported without them (lean.py); the model's modules import typing's
    # names for mypy alone (if TYPE_CHECKING)
    unused |= {"typing", "textwrap", "string", "html.parser", "_markupbase"}
    assert not loaded & unused, loaded & unused


LEAN = """
import json, sys
from tui.lean import import_selectolax
import_selectolax()
found = {"lexbor": "selectolax.lexbor" in sys.modules, "logging": "logging" in sys.modules}
import logging
import selectolax.lexbor
seen = []
class Seen(logging.Handler):
    def emit(self, record):
        seen.append((record.name, record.getMessage()))
logging.getLogger("selectolax").addHandler(Seen())
selectolax.lexbor.logger.error("Attempt to unwrap removed node.")
found["real"] = logging.getLogger.__module__ == "logging" and "Logger" in vars(logging)
found["seen"] = seen
print(json.dumps(found))
"""


def test_selectolax_imported_without_logging_still_logs() -> None:
    """The stand-in lives only while selectolax is imported: logging is not imported, a
    later ``import logging`` is the real package, and selectolax's logger (an attribute
    of its module: this fails if selectolax changes how it logs) reaches it."""
    done = subprocess.run([sys.executable, "-c", LEAN], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    found = json.loads(done.stdout)
    assert found == {"lexbor": True, "logging": False, "real": True,
                     "seen": [["selectolax", "Attempt to unwrap removed node."]]}  # fmt: skip


def test_selectolax_imported_after_logging_gets_the_real_one() -> None:
    probe = (
        "import logging, sys\nfrom tui.lean import import_selectolax\nimport_selectolax()\n"
        "import selectolax.lexbor as x\nprint(type(x.logger) is logging.Logger)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    assert done.stdout == "True\n"


HTML2TEXT = """
import json, sys
html = sys.argv[1]
if sys.argv[2] == "lean":
    from tui.lean import import_html2text
    import_html2text()
found = {name: name in sys.modules for name in ("typing", "textwrap", "string", "html.parser")}
import html2text
from tui.core.render.inline import convert  # what --dump uses, with the stand-ins gone
from selectolax.lexbor import LexborHTMLParser
nodes = LexborHTMLParser(html).body.iter(include_text=True)
found["spans"] = repr(convert(nodes, lambda node: 1))
found["fed"] = html2text.html2text(html)  # fed text: the real parser parses it
found["wrapped"] = html2text.html2text(html, bodywidth=20)  # textwrap's wrap
import html.parser, string, textwrap, typing
found["real"] = [type(module).__name__ for module in (html.parser, string, textwrap, typing)]
found["parser"] = html2text.HTML2Text.__mro__[1].__name__
found["names"] = [typing.List.__module__, string.Template.__name__, textwrap.dedent("  a")]
print(json.dumps(found))
"""


def test_html2text_imported_without_what_it_does_not_use_converts_the_same() -> None:
    """With lean.import_html2text, html2text imports no typing, textwrap, string or
    html.parser, converts as it does when imported as usual (fed HTML, wrapped, and
    driven by belga's own converter), and those modules, imported later, are the real
    ones."""
    html = (
        "<p>One <b>bold</b> &amp; <a href='https://x.example/a'>linked</a> word, "
        "<i>then</i> a long sentence for a narrow width to wrap.</p><ul><li>an item</li></ul>"
        "<script>no</script><p>x&nbsp;y &lt;tag&gt; <q>quoted</q></p>"
    )
    runs = {}
    for how in ("lean", "usual"):
        done = subprocess.run([sys.executable, "-c", HTML2TEXT, html, how],
                              capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
        runs[how] = json.loads(done.stdout)
    lean, usual = runs["lean"], runs["usual"]
    assert not any(lean[name] for name in ("typing", "textwrap", "string", "html.parser"))
    assert lean["parser"] == "_HTMLParser" and usual["parser"] == "HTMLParser"
    for key in ("spans", "fed", "wrapped", "real", "names"):
        assert lean[key] == usual[key], key
    assert "**bold**" in lean["fed"] and "linked" in lean["spans"]
    assert lean["real"] == ["module"] * 4 and lean["names"] == ["typing", "Template", "a"]


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
