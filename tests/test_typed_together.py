"""Keys that arrive together are taken in order, each by the pane the key before it led
to, as less, vim and mutt take them. Over SSH the keys typed during a stall arrive in one
read, and so does a pasted ``/word``; belga handed every key of such a read to the pane
that had the focus when the read came in (a new user's report): ``/canal`` left the
filter empty while ``n`` and ``m`` moved the list and marked a story read, ``/xyz`` in a
story copied its URL (``y``), ``Enter G`` moved the list hidden behind the story."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual.widgets import Input

from tests.terminal import Terminal, installed_command
from tests.waiting import settle
from tui.cli import demo_folder
from tui.ui.app import BelgaApp, create_app
from tui.ui.key_order import STUCK

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def belga() -> str:
    return installed_command()


def test_a_filter_typed_in_one_read_filters(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send(b"/canal")  # one write: one read for belga
        term.wait_for("canal")
        term.settle()
        screen = term.text()
        assert "Stories: “canal” (5 of 6)" in screen, screen  # every letter in the box
        term.send("\x1b")  # the filter's Esc
        term.settle()
        assert term.text().count("●") == 6  # nothing was marked read on the way
        term.send("Q")
        assert term.wait_exit() == 0


def test_keys_after_enter_go_to_the_story(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send(b"\rG")  # open the first story and go to its end, in one read
        term.wait_for("Brussels unveils plan")
        term.settle()
        bottom = term.text()
        term.send("g")  # its top
        term.settle()
        assert term.text() != bottom  # G had moved the story, not the list behind it
        term.send("q")
        term.wait_for("Stories (6)")
        term.settle()
        rows = term.text().splitlines()
        cursor_row = next(row for row in rows if "Brussels unveils plan" in row)
        last = next(row for row in rows if "Belgian defence industry" in row)
        assert cursor_row != last
        term.send("Q")
        assert term.wait_exit() == 0


def test_a_search_typed_in_one_read_searches(belga: str) -> None:
    with Terminal([belga, "--demo"], 80, 24) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send(b"\r")
        term.wait_for("Brussels unveils plan")
        term.settle()
        term.send(b"/canal")  # the story's search, typed in one read
        term.wait_for("/ canal")
        term.settle()
        assert "Copied" not in term.text()
        term.send("\x1b")  # the search's Esc
        term.settle()
        term.send("Q")
        assert term.wait_exit() == 0


# --- the app's side, through Pilot: keys posted as one read posts them ---------------


def read_at_once(app: BelgaApp, *keys: str) -> None:
    """``keys`` read together: in the app's queue before it takes the first."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_keys_read_together_go_where_the_one_before_led() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        read_at_once(app, "slash", *"canal")
        await settle(pilot)
        assert app.reader.query_one(Input).value == "canal"


async def test_a_key_whose_way_is_lost_holds_the_next_ones_briefly() -> None:
    """A key whose widget went away before taking it never says it is done: the keys
    after it go on after STUCK seconds, in order, rather than wait for ever."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app._key_order._sent_at = time.monotonic()  # a key on its way, never to return
        read_at_once(app, "slash", *"ab")
        await pilot.pause(STUCK / 4)
        assert app.reader.query_one(Input).value == ""  # they wait…
        await pilot.pause(STUCK * 1.5)
        await settle(pilot)
        assert app.reader.query_one(Input).value == "ab"  # …then go on, in order


async def test_priority_keys_never_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        redraws: list[bool] = []
        monkeypatch.setattr(app, "action_redraw", lambda: redraws.append(True))
        app._key_order._sent_at = time.monotonic()  # a key on its way
        read_at_once(app, "j", "ctrl+l")
        await pilot.pause(STUCK / 4)
        assert redraws == [True]  # Ctrl+L at once, before the j that waits
