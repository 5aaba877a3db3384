"""``belga`` where no full-screen app can run (``TERM=dumb``, or output not a terminal):
the stories as a numbered list on stdout, and a one-line note on stderr that says so
and how to read one (``belga --dump``). Free of Textual.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tui.core.config.limits import FetchSettings
from tui.core.model.dates import list_date
from tui.core.model.listing import Entry, newest_first
from tui.core.model.text import clean_line


def no_full_screen() -> str:
    """Why the full-screen app cannot run here ("" when it can)."""
    if os.environ.get("TERM", "") == "dumb":
        return "TERM=dumb"
    if not sys.stdout.isatty():
        return "the output is not a terminal"
    if not sys.stdin.isatty():
        return "the input is not a terminal"
    return ""


def numbered(entries: Sequence[Entry], out: TextIO) -> None:
    """``  1. 26 Nov  Title`` and, under it, where the story is (for ``--dump``)."""
    width = len(str(len(entries)))
    for number, entry in enumerate(entries, 1):
        date = list_date(entry.published_at)
        line = f"{number:>{width}}. {date:>8}  {clean_line(entry.title)}"
        out.write(f"{line.rstrip()}\n{' ' * (width + 2)}{clean_line(entry.key)}\n")


def listing(
    paths: Sequence[str | Path],
    settings: FetchSettings,
    store_path: Path | None,
    offline: bool,
    why: str,
) -> int:
    """List the stories under ``paths``, else the newsroom's front page."""
    from tui.core.loader import load_batches

    if paths:
        batches = list(load_batches(paths))
        stories = [s for batch in batches for s in batch.stories]
        for skipped in (p for batch in batches for p in batch.problems):
            print(f"belga: skipped {skipped}", file=sys.stderr)  # as the app says on exit
        from tui.core.model.listing import entry_of

        entries = newest_first(entry_of(story) for story in stories)
        # A local file is read by its path: its URL may be a sample's, never fetched.
        sources = {story.key: story.source for story in stories if story.source}
        entries = [Entry(sources.get(e.key, e.key), e.title, e.published_at) for e in entries]
        what = "the stories found"
    else:
        entries, problem = _front_page(settings, store_path, offline)
        what = "the newsroom's latest stories"
        if problem:
            print(f"belga: {problem}", file=sys.stderr)
    print(
        f"belga: no full-screen view ({why}): {what} as a list; "
        "read one with belga --dump PATH_OR_URL",
        file=sys.stderr,
    )
    if not entries:
        print("belga: there is nothing to list yet", file=sys.stderr)
        return 1
    try:
        numbered(entries, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # belga | head: the reader has read enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _front_page(
    settings: FetchSettings, store_path: Path | None, offline: bool
) -> tuple[list[Entry], str]:
    from tui.core.net.fetch_errors import FetchError
    from tui.core.newsroom import Newsroom
    from tui.core.store.database import Store, StoreError

    store = None
    if store_path is not None:
        try:
            store = Store.open(store_path)
        except StoreError:
            store = None

    async def run() -> tuple[list[Entry], str]:
        from tui.core.net.client import NewsroomClient

        async with NewsroomClient(settings) as client:
            newsroom = Newsroom(lambda: client, store, offline=offline)
            problem = ""
            if not offline:
                try:
                    await newsroom.refresh()
                except FetchError as error:
                    problem = f"{error.message} (what was kept before is listed)"
            return newsroom.front_page(), problem

    try:
        return asyncio.run(run())
    finally:
        if store is not None:
            store.close()
