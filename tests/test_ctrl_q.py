"""Ctrl+Q quits nothing (tester report 3): it was Textual's own key, quitting at once,
and neither the help nor the README said so. Ctrl+Q is the terminal's XON: people press
it after a Ctrl+S out of habit, and lost their place. It now says that Q quits; a user
who gives it to a binding in ``[keys]`` has it."""

from __future__ import annotations

import pytest

from tests.terminal import Terminal, installed_command
from tests.waiting import opened, settle
from tui.cli import demo_folder
from tui.ui.app import NOT_XON, create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.list_pane import FilterInput

pytestmark = pytest.mark.timeout(60)


async def test_ctrl_q_quits_nothing_and_says_which_key_quits() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)  # the reading pane
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.notices[-1] == NOT_XON.format("Q")
        await pilot.press("q", "slash", "a", "ctrl+q")  # in the filter's box: Q is a letter
        await settle(pilot)
        assert isinstance(app.focused, FilterInput) and app.focused.value == "a"
        assert app.is_running and app.notices[-1] == NOT_XON.format("Ctrl+C")
        await pilot.press("escape", "question_mark", "ctrl+q")  # over the help
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and app.is_running
        assert app.notices.count(NOT_XON.format("Q")) == 2


async def test_the_help_says_what_ctrl_q_does() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = [row for _, section in screen.sections for row in section]
        assert any(keys == "Ctrl+Q" and "Q quits" in what for keys, what, _ in rows)


async def test_ctrl_q_given_to_a_binding_is_that_binding_s() -> None:
    app = create_app([demo_folder()], demo=True, keys={"app.quit_now": "Q,ctrl+q"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not [note for note in app.notes if "ctrl+q" in note]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


def test_ctrl_q_in_a_terminal_leaves_belga_running() -> None:
    with Terminal([installed_command(), "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("\r")
        term.wait_for("Enter Follow link")
        term.settle()
        term.send("\x13")  # Ctrl+S out of habit, then Ctrl+Q to undo it
        term.send("\x11")
        term.wait_for("Q quits")
        assert term.process.poll() is None
        term.send("Q")
        assert term.wait_exit() == 0
