"""Ctrl+Z with no shell to come back to names the key that quits from where the focus
is (tester report 3): over ``ssh -t host belga`` it said "q quits" in the reading pane,
where q goes back; then "Q quits" everywhere, also in the filter's box and the story's
search, where Q is a letter typed. There Ctrl+C quits."""

from __future__ import annotations

import pytest

from tests.terminal import Terminal, installed_command
from tests.waiting import opened, settle
from tui.cli import demo_folder
from tui.ui import app as app_module
from tui.ui.app import create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.suspend import no_shell

pytestmark = pytest.mark.timeout(60)


async def test_ctrl_z_names_the_key_that_quits_from_the_focus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app_module, "shell_can_resume", lambda: False)  # never stopped
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:

        async def said(*keys: str) -> str:
            await pilot.press(*keys, "ctrl+z")
            await settle(pilot)
            assert app.is_running
            return app.notices[-1]

        await opened(pilot)
        assert await said() == no_shell("Q")  # the reading pane, where q goes back
        assert await said("slash", "c") == no_shell("Ctrl+C")  # the story's search
        assert await said("escape", "f") == no_shell("Ctrl+C")  # the link hints
        assert await said("escape", "q", "slash") == no_shell("Ctrl+C")  # the filter
        assert await said("escape") == no_shell("Q")  # the list
        assert await said("question_mark") == no_shell("Q")
        assert isinstance(app.screen, HelpScreen)


async def test_the_user_s_own_quit_key_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "shell_can_resume", lambda: False)
    app = create_app([demo_folder()], demo=True, keys={"app.quit_now": "X"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.notices[-1] == no_shell("X")


def test_over_ssh_t_the_filter_s_box_names_ctrl_c() -> None:
    """belga leads a session of its own, as ``ssh -t host belga`` starts it."""
    with Terminal([installed_command(), "--demo"], 160, 30) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("\r")
        term.wait_for("Enter Follow link")
        term.settle()
        term.send("\x1a")
        term.wait_for("ssh host belga); Q quits.")
        term.send("q/")  # back to the list, its filter's box
        term.settle()
        term.send("\x1a")
        term.wait_for("ssh host belga); Ctrl+C quits.")
        term.send("\x03")
        assert term.wait_exit() == 0
