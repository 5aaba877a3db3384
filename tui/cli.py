"""The ``belga`` command.

Kept thin and free of Textual at import time: ``belga --dump`` and ``belga --version``
never load the UI, so they stay fast in scripts and pipes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from tui import __version__


def demo_folder() -> Path:
    """The bundled offline sample: a real story and linked sample stories."""
    return Path(str(files("tui").joinpath("demo")))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="belga",
        description="A keyboard-first terminal reader for the Belga News Agency "
        "and any Prezly newsroom.",
        epilog="Keys: ? in the app lists them all. Licensed GPL-3.0-or-later.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="story files (Prezly .json documents) or folders to search for them",
    )
    parser.add_argument("--demo", action="store_true", help="read the bundled offline sample")
    parser.add_argument(
        "--dump",
        metavar="PATH",
        help="print the story rendered as plain text, with its links numbered, and exit",
    )
    parser.add_argument(
        "--width", type=int, default=None, help="line width for --dump (default: terminal or 80)"
    )
    parser.add_argument("--version", action="version", version=f"belga {__version__}")
    return parser


def dump(target: str, width: int | None) -> int:
    """``belga --dump``: render one story to stdout; errors as one line on stderr."""
    from tui.core.loader import Problem, load_story_file
    from tui.core.plaintext import to_plain_text
    from tui.core.render import render_story

    path = Path(target)
    if not path.is_file():
        print(f"belga: {target}: no such file", file=sys.stderr)
        return 2
    result = load_story_file(path)
    if isinstance(result, Problem):
        print(f"belga: {result}", file=sys.stderr)
        return 1
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    sys.stdout.write(to_plain_text(render_story(result), max(20, width)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.dump:
        return dump(args.dump, args.width)
    paths: list[str | Path] = list(args.paths)
    if args.demo:
        paths.insert(0, demo_folder())
    if not paths:
        build_parser().print_usage(sys.stderr)
        print("belga: give story files or folders, or try `belga --demo`", file=sys.stderr)
        return 2

    from tui.ui.app import create_app

    app = create_app(paths)
    app.run()
    for problem in app.problems:
        print(f"belga: skipped {problem}", file=sys.stderr)
    return app.return_code or 0
