"""The ``belga`` command.

Kept thin: each command imports only what it uses, when it runs. ``belga --version``
imports nothing of belga's but its version, and not even argparse when it is the
whole command; ``--dump`` never loads asyncio (unless it fetches a URL), httpx or
Textual, and ``--dump FILE [--width N]`` neither argparse nor logging (see tui/lean.py);
only the app loads Textual. (Checked by tests/test_cli_imports.py; measure
with ``python -X importtime -m tui --version``.) Hence ``TYPE_CHECKING = False``
rather than ``typing``'s (mypy reads any ``TYPE_CHECKING`` as true), and argparse and
pathlib imported where they are used.
"""

from __future__ import annotations

import sys

from tui import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from pathlib import Path

    from tui.core.config.limits import FetchSettings
    from tui.core.config.load import Config
    from tui.core.model.story import Story
    from tui.ui.app import BelgaApp


def demo_folder() -> Path:
    """The bundled offline sample: a real story and linked sample stories."""
    from pathlib import Path

    return Path(__file__).parent / "demo"


def build_parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="belga",
        description="A keyboard-first terminal reader for the Belga News Agency "
        "and any Prezly newsroom.",
        epilog="Keys: ? in the app lists them all. Licensed GPL-3.0-or-later.",
        # add_argument makes a formatter to check each argument, and a formatter asks
        # for the terminal's width (importing shutil, bz2 and lzma: a tenth of --dump);
        # the checks need no width. Help and errors get the usual formatter (below).
        formatter_class=_checking_formatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH_OR_URL",
        help="story files (Prezly .json documents), folders to search for them, or story "
        "URLs (a story page, its .json twin or a prez.ly short link)",
    )
    parser.add_argument("--demo", action="store_true", help="read the bundled offline sample")
    parser.add_argument(
        "--newsroom",
        metavar="URL",
        type=newsroom_url,
        help="the Prezly newsroom whose stories are fetched (default: the config file's, "
        "else the Belga News Agency's)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="never touch the network: read what was kept in the cache",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        type=Path,
        help="where the cache of stories and reading state lives "
        "(default: the user cache folder, or $BELGA_CACHE_DIR)",
    )
    parser.add_argument(
        "--purge",
        action="store_true",
        help="trim the cache to the config's bounds (keep_days, keep_stories) and exit",
    )
    parser.add_argument(
        "--dump",
        metavar="PATH_OR_URL",
        help="print the story (or any web page's main content) rendered as plain text, "
        "with its links numbered, and exit",
    )
    parser.add_argument(
        "--width",
        type=dump_width,
        default=None,
        help="line width for --dump, at least 20 (default: the terminal's, or 80)",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print belga's version and exit",
    )
    parser.formatter_class = argparse.HelpFormatter  # for help, usage and errors
    return parser


def _checking_formatter(prog: str) -> argparse.HelpFormatter:
    import argparse

    return argparse.HelpFormatter(prog, width=80)


def is_url(text: str) -> bool:
    """Whether a command-line argument names a story by URL (even one that does not
    parse: it is then refused with a message, not read as a file name)."""
    from tui.core.model.urls import scheme_of

    return scheme_of(text) in ("http", "https")


def dump_width(text: str) -> int:
    """``--width``: a whole number of columns, at least the renderer's minimum."""
    import argparse

    from tui.core.render.layout import MIN_WIDTH

    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"{width} columns: it must be at least {MIN_WIDTH}")
    return width


def newsroom_url(text: str) -> str:
    """``--newsroom``: an http(s) URL; a bare host name gets ``https://``."""
    import argparse

    from tui.core.config.load import normalize_newsroom

    try:
        return normalize_newsroom(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _fetch(
    url: str,
    settings: FetchSettings,
    *,
    allow_private: bool,
    store_path: Path | None,
    offline: bool,
) -> Story:
    """The story or outside page at ``url`` for ``--dump``, as the app has it: from the
    cache, else fetched and kept there; with ``offline``, from the cache alone. Raises
    FetchError."""
    import asyncio
    from contextlib import suppress

    from tui.core.net.client import NewsroomClient
    from tui.core.net.outside import OutsideReader
    from tui.core.newsroom import Newsroom
    from tui.core.store.database import Store, StoreError

    async def fetch() -> Story:
        store = None
        if store_path is not None and (store_path.exists() or not offline):
            with suppress(StoreError):  # no cache: fetched all the same, not kept
                store = Store.open(store_path)
        client = NewsroomClient(settings)
        client.trust(url)  # the user asked for a story there, as in the app
        reader = OutsideReader(settings, allow_private=allow_private)
        try:
            newsroom = Newsroom(lambda: client, store, offline=offline, pages=lambda: reader)
            return await newsroom.read(url)
        finally:
            await client.aclose()
            await reader.aclose()
            if store is not None:
                store.close()

    return asyncio.run(fetch())


def dump(
    target: str,
    width: int | None,
    settings: FetchSettings,
    *,
    allow_private: bool = False,
    store_path: Path | None = None,
    offline: bool = False,
) -> int:
    """``belga --dump``: render one story, or any web page's main content, to stdout;
    errors as one line on stderr."""
    if not is_url(target):
        return dump_file(target, width)
    from tui.core.net.fetch_errors import FetchError

    try:
        story = _fetch(
            target,
            settings,
            allow_private=allow_private,
            store_path=store_path,
            offline=offline,
        )
    except FetchError as error:
        print(f"belga: {error.message}", file=sys.stderr)
        return 1
    return _print_story(story, width)


def dump_file(target: str, width: int | None) -> int:
    """``belga --dump FILE``: a story file rendered to stdout (it uses no setting)."""
    import gc
    from pathlib import Path

    from tui.lean import import_html2text, import_selectolax

    # Imports make objects that live as long as the process, and no garbage: collecting
    # while they are made only walks them (3 % of --dump's instructions). Collected
    # again, without them, once they are made.
    gc.disable()
    import_selectolax()  # before anything imports them with logging, typing…
    import_html2text()
    from tui.core.loader import Problem, load_story_file
    from tui.core.render.plaintext import to_plain_text  # noqa: F401 (for _print_story)
    from tui.core.render.render import render_story  # noqa: F401

    gc.freeze()
    gc.enable()

    path = Path(target)
    if not path.is_file():
        print(f"belga: {target}: {_not_a_story_file(target, path)}", file=sys.stderr)
        return 2
    result = load_story_file(path)
    if isinstance(result, Problem):
        print(f"belga: {result}", file=sys.stderr)
        return 1
    return _print_story(result, width)


def _not_a_story_file(target: str, path: Path) -> str:
    """Why ``target`` is no story file to read, in words."""
    from tui.core.model.urls import scheme_of

    if "://" in target and scheme_of(target):
        return "not allowed: not an http(s) URL"
    if path.is_dir():
        return "is a folder (--dump reads a story file)"
    if path.exists():
        return "not a regular file (a device, a FIFO or a socket)"
    return "no such file"


def _print_story(story: Story, width: int | None) -> int:
    from tui.core.render.plaintext import to_plain_text
    from tui.core.render.render import render_story

    if width is None:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    sys.stdout.write(to_plain_text(render_story(story), width))
    return 0


def _config_notes() -> list[str]:
    """What is wrong with the config file, for a command that uses none of its settings.
    A file that sets nothing (the first run's template) is not loaded at all."""
    from tui.core.config.blank import file_sets_nothing
    from tui.core.config.paths import config_file

    return [] if file_sets_nothing(config_file()) else _load_config()[1]


def _load_config() -> tuple[Config, list[str]]:
    """The config file (made, commented, on the first run) and what was wrong with it."""
    from tui.core.config.load import load_config, write_default_config
    from tui.core.config.paths import config_file

    path = config_file()
    notes: list[str] = []
    try:
        write_default_config(path)
    except OSError as error:
        notes.append(f"could not write a config file at {path}: {error.strerror or error}")
    config, warnings = load_config(path)
    return config, notes + [f"config: {warning}" for warning in warnings]


def purge(store_path: Path, config: Config) -> int:
    """``belga --purge``: trim the cache to the config's bounds."""
    from tui.core.store.database import Store, StoreError

    try:
        with Store.open(store_path, full_check=True) as store:
            if store.recovery_message:
                print(f"belga: {store.recovery_message}", file=sys.stderr)
            bounds = config.store
            stories, lines = store.story_count(), store.feed_count()
            store.purge(bounds.keep_days, bounds.keep_stories, vacuum=True)
            kept, listed = store.story_count(), store.feed_count()
    except StoreError as error:
        print(f"belga: {error}", file=sys.stderr)
        return 1
    print(
        f"belga: removed {stories - kept} of {stories} stories and {lines - listed} of"
        f" {lines} front-page lines from {store_path}; {kept} stories and {listed} lines kept."
    )
    return 0


def _plain_dump(args: list[str]) -> tuple[str, int | None] | None:
    """``--dump FILE`` and ``--width N`` (or none), in either order, and nothing else: the
    file and the width, read without argparse (its import and its parser were a sixth of
    the instructions of ``belga --dump``). ``None`` for any other command, and for
    anything the parser would read otherwise or refuse (it then reads the command, and
    says what is wrong): a URL, a name starting with "-", a width that is not plain
    digits or is below the minimum."""
    if len(args) not in (2, 4) or args[0::2] not in (["--dump"], ["--dump", "--width"],
                                                     ["--width", "--dump"]):  # fmt: skip
        return None
    values = dict(zip(args[0::2], args[1::2], strict=True))
    target, width = values["--dump"], values.get("--width")
    if not target or target.startswith("-") or is_url(target):
        return None
    if width is None:
        return target, None
    from tui.core.render.layout import MIN_WIDTH

    if not (width.isascii() and width.isdigit() and len(width) < 6) or int(width) < MIN_WIDTH:
        return None
    return target, int(width)


def main(argv: Sequence[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else list(argv)) == ["--version"]:
        # The whole command: said without building the parser (as argparse says it).
        sys.stdout.write(f"belga {__version__}\n")
        return 0
    plain = _plain_dump(sys.argv[1:] if argv is None else list(argv))
    if plain is not None:  # what the parser would make of it, without its import
        for note in _config_notes():
            print(f"belga: {note}", file=sys.stderr)
        return dump_file(*plain)
    parser = build_parser()
    args = parser.parse_args(argv)
    given = sys.argv[1:] if argv is None else list(argv)
    if args.version:  # argparse's version action said it, and ignored the rest
        others = " ".join(arg for arg in given if arg != "--version")
        if others:
            parser.error(f"--version says the version and takes nothing else: drop {others}")
        sys.stdout.write(f"belga {__version__}\n")
        return 0
    if args.purge and (args.demo or args.dump or args.paths or args.newsroom):
        # --purge trims the cache and does nothing else: with --demo it purged the real
        # cache, silently (a new user's report).
        parser.error(
            "--purge trims the cache and takes no other command "
            "(--demo, --dump, --newsroom, a story)"
        )
    if args.dump and args.paths:  # the stories given were ignored, silently
        parser.error(f"--dump prints one story: drop {' '.join(args.paths)}")
    if args.demo and args.newsroom:  # it ran the demo, the newsroom silently ignored
        parser.error("--demo reads the bundled sample, never a newsroom: drop --newsroom")
    if args.width is not None and not args.dump:
        # Refused rather than ignored: the app draws at the terminal's width, and saying
        # so before anything starts loses nothing.
        parser.error("--width is for --dump (the app uses the terminal's width)")
    if args.dump and not is_url(args.dump):
        for note in _config_notes():
            print(f"belga: {note}", file=sys.stderr)
        return dump_file(args.dump, args.width)
    config, notes = _load_config()
    settings = config.fetch_settings()
    if args.newsroom or args.demo:
        from tui.core.config.limits import DEMO_OFFLINE
        from tui.core.model.record import replace

        if args.newsroom:
            settings = replace(settings, newsroom=args.newsroom)
        if args.demo:  # the demo never reaches the network, on any path
            settings = replace(settings, refuse=DEMO_OFFLINE)
    for note in notes:
        print(f"belga: {note}", file=sys.stderr)
    from tui.core.config.paths import store_file

    store_path = store_file(args.cache_dir)
    if args.dump:
        return dump(
            args.dump,
            args.width,
            settings,
            allow_private=config.net.allow_private,
            store_path=store_path,
            offline=args.offline,
        )
    if args.purge:
        return purge(store_path, config)
    paths: list[str | Path] = [p for p in args.paths if not is_url(p)]
    urls = [p for p in args.paths if is_url(p)]
    if args.demo:
        paths.insert(0, demo_folder())
    from tui.plain import no_full_screen

    why = no_full_screen()
    if why:  # no full-screen app: plain text instead
        from tui.plain import listing

        for url in urls:
            dump(
                url,
                args.width,
                settings,
                allow_private=config.net.allow_private,
                store_path=store_path,
                offline=args.offline,
            )
        if urls and not paths:
            return 0
        return listing(paths, settings, store_path, args.offline, why)

    from tui.ui.app import BelgaApp
    from tui.ui.options import Options

    options = Options(
        paths=tuple(paths),
        urls=tuple(urls),
        settings=settings,
        store=store_path,
        offline=args.offline,
        demo=args.demo,
        config=config,
        notes=tuple(notes),
    )
    app = BelgaApp(options)
    run_to_the_end(app, config.ui.mouse)
    for problem in app.problems:
        print(f"belga: skipped {problem}", file=sys.stderr)
    return leave(app.return_code or 0)


def run_to_the_end(app: BelgaApp, mouse: bool) -> None:
    """Run the app on a loop of our own: ``asyncio.run`` (Textual's way) waits for every
    thread of the loop's executor at the end, and a name lookup stuck in one (a slow
    resolver) kept belga from ending, the screen restored, for as long as the lookup
    took (18-20 s), a second Ctrl+C printing a traceback."""
    import asyncio

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        app.run(mouse=mouse, loop=loop)
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()  # its executor is told to stop, not waited for


def leave(status: int, grace: float = 0.25) -> int:
    """``status``, once every thread left has ended; a thread still under way after
    ``grace`` seconds (a name lookup, a read that hangs) has nothing to give anyone now
    that the app is gone: belga ends without it (Python would wait for it at exit)."""
    import os
    import threading
    import time

    deadline = time.monotonic() + grace
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
    return status
