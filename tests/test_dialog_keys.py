"""Under a dialog, the key bar at the bottom shows the dialog's keys (tester report 2,
item 9): under the question of ``M`` it still said "Enter Open  n Next unread  s Save…"
(``n`` means No there), under the ``o`` box "Enter Follow link  Tab Next link  J Next
story", keys that do nothing there. The installed ``belga`` in a real pseudo-terminal,
read with pyte; Pilot for the bar's items as the dialog comes and goes."""

from __future__ import annotations

import pytest

from tests.terminal import Terminal, installed_command
from tests.waiting import settle
from tui.cli import demo_folder
from tui.core.render.document import Link
from tui.ui.app import create_app
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar

ESC = "\x1b"


def unpinned(bar: KeyBar) -> list[tuple[str, str]]:
    return [(key, description) for key, description, _, pinned in bar.items if not pinned]


def bottom_row(term: Terminal) -> str:
    return term.screen.display[-1]


def test_the_key_bar_under_the_link_box_and_the_question_shows_their_keys() -> None:
    with Terminal([installed_command(), "--demo"], 80, 24) as term:
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send("\r")
        term.wait_for("Enter Follow link")
        term.send("o")  # the story's URL: "This story — no browser here"
        term.wait_for("This story")
        term.wait_for("Copy the URL")
        row = bottom_row(term)
        assert "Copy the URL" in row and "Close" in row, row
        assert "Follow link" not in row and "Next story" not in row, row
        term.send(ESC)
        term.wait_gone("This story")
        term.wait_for("Enter Follow link")  # the pane's keys are back
        term.send("q")
        term.wait_for("q Quit")
        term.send("M")  # mark all read: asks first
        term.wait_for("y or Enter: yes")
        term.wait_for("Yes")
        row = bottom_row(term)
        assert "y Yes" in row and "n No" in row, row
        assert "Next unread" not in row and "Save" not in row, row
        term.send("n")
        term.wait_gone("y or Enter: yes")
        term.wait_for("n Next unread")
        term.send("Q")
        assert term.wait_exit() == 0


@pytest.mark.timeout(60)
async def test_the_bar_follows_the_dialog_on_top_and_comes_back() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.reader.query_one(KeyBar)
        before = bar.items
        app.push_screen(ConfirmScreen("Sure?"))
        await settle(pilot)
        assert unpinned(bar) == [("y", "Yes"), ("n", "No")]
        app.push_screen(ExternalLinkScreen(Link(1, "https://example.org/a-page", "A page")))
        await settle(pilot)
        assert ("y", "Copy the URL") in [(k, d) for k, d, *_ in bar.items]
        await pilot.press("escape")
        await settle(pilot)
        assert unpinned(bar) == [("y", "Yes"), ("n", "No")]
        await pilot.press("n")
        await settle(pilot)
        assert bar.items == before
