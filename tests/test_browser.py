"""``o`` opens the user's graphical browser beside belga (tester report 4, item 0):
Python's webbrowser ran a ``BROWSER`` command on the event loop and waited for it, so
belga froze (not even ``Q`` answered) until the browser was closed; a text browser drew
over belga and read its keys; a browser that failed said nothing."""

from __future__ import annotations

import stat
import time
import webbrowser
from pathlib import Path

import pytest

from tests.waiting import opened, settle, until
from tui.cli import demo_folder
from tui.ui.app import create_app
from tui.ui.browser import find_browser
from tui.ui.screens.external import ExternalLinkScreen

pytestmark = pytest.mark.timeout(60)


def script(folder: Path, body: str) -> Path:
    path = folder / "browser.sh"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def display(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A graphical session, and webbrowser reading BROWSER afresh."""
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return monkeypatch


def test_no_browser_without_a_display_nor_a_text_browser(display: pytest.MonkeyPatch) -> None:
    display.setenv("BROWSER", "w3m")
    assert find_browser() is None  # it would draw over belga and read its keys
    display.setattr(webbrowser, "_tryorder", None)
    display.setenv("BROWSER", "/usr/bin/lynx")
    assert find_browser() is None
    display.delenv("DISPLAY")
    display.setattr(webbrowser, "_tryorder", None)
    display.setenv("BROWSER", "firefox")
    assert find_browser() is None  # a bare SSH session


async def test_a_slow_browser_leaves_belga_answering(
    display: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    heard = tmp_path / "heard"
    browser = script(tmp_path, f'echo "$1" > {heard}; [ -t 0 ] && echo tty >> {heard}; sleep 20')
    display.setenv("BROWSER", str(browser))
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ExternalLinkScreen) and app.screen.can_open
        url = app.screen.link.url
        started = time.monotonic()
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("j")  # answered while the browser runs
        await settle(pilot)
        assert time.monotonic() - started < 5, "belga waited for the browser"
        assert not isinstance(app.screen, ExternalLinkScreen)
        await until(pilot, lambda: heard.exists() and heard.read_text().strip() != "", timeout=10)
        assert heard.read_text().splitlines() == [url]  # given the URL, and no terminal


async def test_a_browser_that_fails_says_so(display: pytest.MonkeyPatch, tmp_path: Path) -> None:
    display.setenv("BROWSER", str(script(tmp_path, "exit 3")))
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("o", "o")
        await until(pilot, lambda: any("exit status 3" in n for n in app.notices), timeout=10)
        assert any(n.startswith("Not opened in a browser: ") for n in app.notices)


async def test_the_key_bar_offers_no_browser_where_there_is_none(
    display: pytest.MonkeyPatch,
) -> None:
    display.delenv("DISPLAY")
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExternalLinkScreen) and not screen.can_open
        assert screen.check_action("open", ()) is False  # "(no browser here)" and no `o` key
