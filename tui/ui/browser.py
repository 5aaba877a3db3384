"""The user's graphical browser, started beside belga: never given belga's terminal,
never waited for on the event loop, and its failure said.

Python's :func:`webbrowser.open` runs a ``BROWSER`` command it does not know and waits
for it to end, on the caller's thread and on the caller's terminal: belga froze until
the browser was closed, and a text browser (``BROWSER=w3m``) drew over belga and read
the keys meant for it (a new user's report). Here the browser :mod:`webbrowser` would
choose is started with no terminal (its input, output and errors are ``/dev/null``, in a
session of its own), and what became of it is told: started, or failed with its status.
Text browsers are not offered: they need the terminal belga is drawing on.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import webbrowser

__all__ = ["TEXT_BROWSERS", "find_browser", "open_in_browser"]

TEXT_BROWSERS: Final = frozenset(
    {"w3m", "lynx", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl", "edbrowse"}
)
"""Browsers that draw in the terminal: they would fight belga for it."""
WATCHED: Final = 3.0
"""Seconds a browser command is watched for a failure after it starts (a browser that
is still running then has opened the page; ``xdg-open`` ends at once with status 0)."""


def _graphical() -> bool:
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def find_browser() -> webbrowser.BaseBrowser | None:
    """The graphical browser :mod:`webbrowser` would use, if there is one: never over a
    bare SSH session (no display), never a text browser."""
    if not _graphical():
        return None
    import webbrowser  # here: asked only when a link is followed

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    name = os.path.basename(str(getattr(browser, "name", "") or ""))
    return None if name.lower() in TEXT_BROWSERS else browser


def _command(browser: webbrowser.BaseBrowser, url: str) -> list[str] | None:
    """The command line of a browser that is one command (``BROWSER``'s entries, and
    the ones :mod:`webbrowser` runs as they are); None for the others."""
    import webbrowser

    if type(browser) not in (webbrowser.GenericBrowser, webbrowser.BackgroundBrowser):
        return None
    args: list[str] = list(getattr(browser, "args", []))
    return [browser.name, *(arg.replace("%s", url) for arg in args)]


def _run(command: list[str]) -> str | None:
    """Start ``command`` with no terminal; what went wrong, or None."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return f"{command[0]} could not be started ({error.strerror or error})"
    try:
        status = process.wait(WATCHED)
    except subprocess.TimeoutExpired:
        return None  # running: it has the page
    return None if status == 0 else f"{command[0]} failed (exit status {status})"


def _open(browser: webbrowser.BaseBrowser, url: str) -> str | None:
    command = _command(browser, url)
    if command is not None:
        return _run(command)
    try:
        opened = browser.open(url)  # those webbrowser starts in the background itself
    except OSError as error:
        return f"the browser could not be started ({error.strerror or error})"
    return None if opened else "the browser did not open it"


async def open_in_browser(browser: webbrowser.BaseBrowser, url: str) -> str | None:
    """Open ``url`` in ``browser`` in a thread: None once it is opened, else why not."""
    return await asyncio.to_thread(_open, browser, url)
