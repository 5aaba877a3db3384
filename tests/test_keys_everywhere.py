"""The keys the README promises everywhere (Q and Ctrl+C quit at once, Ctrl+Z suspends)
work on every screen: the reader screen and each dialog over it (help, the question
before marking all read, a link to another site, the reader view's question). Textual
gives a modal screen none of the app's keys without priority: Q and Ctrl+Z did nothing
over help (tester report). Pilot at 80×24."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen

import tui.ui.screens
from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.core.render.document import Link
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.dialog import AT_ONCE, Dialog
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen

OUTSIDE = Link(1, "https://example.org/a-page", "A page elsewhere")


async def reader(pilot: Pilot[None]) -> None:
    pass


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def question(pilot: Pilot[None]) -> None:
    await pilot.press("M")  # mark all read: asks first


async def external(pilot: Pilot[None]) -> None:
    await pilot.app.push_screen(ExternalLinkScreen(OUTSIDE))


async def read_here(pilot: Pilot[None]) -> None:
    await pilot.app.push_screen(ExternalLinkScreen(OUTSIDE, can_read=True))


WALK: list[tuple[Callable[[Pilot[None]], Awaitable[None]], type[Screen[Any]]]] = [
    (reader, ReaderScreen),
    (help_screen, HelpScreen),
    (question, ConfirmScreen),
    (external, ExternalLinkScreen),
    (read_here, ExternalLinkScreen),
]


def test_every_dialog_keeps_the_keys() -> None:
    """Every modal screen of belga is a Dialog, and every dialog is walked below."""
    for module in pkgutil.iter_modules(tui.ui.screens.__path__):
        importlib.import_module(f"tui.ui.screens.{module.name}")
    ours = {
        cls
        for cls in _subclasses(ModalScreen)
        if cls.__module__.startswith("tui.") and cls is not Dialog
    }
    assert ours == {HelpScreen, ConfirmScreen, ExternalLinkScreen}
    assert all(issubclass(cls, Dialog) for cls in ours)
    assert ours <= {kind for _, kind in WALK}
    assert {binding.key for binding in AT_ONCE} == {"Q", "ctrl+c", "ctrl+z", "ctrl+l"}


def _subclasses(cls: type[Any]) -> set[type[Any]]:
    found: set[type[Any]] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


@pytest.mark.parametrize(
    ("key", "action"), [("Q", "quit"), ("ctrl+c", "quit"), ("ctrl+z", "suspend")]
)
@pytest.mark.parametrize(("open_screen", "kind"), WALK, ids=[go.__name__ for go, _ in WALK])
async def test_the_key_works_on_every_screen(
    folder: Path,
    open_screen: Callable[[Pilot[None]], Awaitable[None]],
    kind: type[Screen[Any]],
    key: str,
    action: str,
) -> None:
    app = create_app([folder])
    done: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_screen(pilot)
        await pilot.pause()
        assert type(app.screen) is kind

        # The app's own actions, seen as they are run: a headless app cannot suspend,
        # and quitting would end the test before it looks.
        async def quit() -> None:
            done.append("quit")

        app.action_quit = quit  # type: ignore[method-assign]
        app.action_suspend_process = lambda: done.append("suspend")  # type: ignore[method-assign]
        await pilot.press(key)
        await pilot.pause()
        assert done == [action]
        assert type(app.screen) is kind  # the key did nothing else (no dialog answered)


async def test_q_typed_in_the_filter_is_a_letter(folder: Path) -> None:
    """Not a priority key: in the filter, Q is typed, the app goes on."""
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "Q")
        await pilot.pause()
        assert isinstance(app, BelgaApp) and app.is_running
        assert app.focused is not None and getattr(app.focused, "value", None) == "Q"


async def story_search(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "slash", "c", "a")  # the reading pane's search, typing


async def palette(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p")


@pytest.mark.parametrize("open_place", [story_search, palette])
async def test_ctrl_z_works_where_letters_are_typed(
    folder: Path, open_place: Callable[[Pilot[None]], Awaitable[None]]
) -> None:
    """In the reading pane's search box and in the command palette, Ctrl+Z did nothing
    (a new user's report: in the palette, the ``fg`` typed next then ran a command)."""
    app = create_app([folder])
    done: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_place(pilot)
        await pilot.pause()
        screen = app.screen
        app.action_suspend_process = lambda: done.append("suspend")  # type: ignore[method-assign]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert done == ["suspend"]
        assert app.screen is screen
