"""The filter's box (tester report 4, item 5): a paste is text, and the box's key bar
does not offer the key that only types itself there."""

from __future__ import annotations

import pytest
from textual import events

from tests.waiting import settle
from tui.cli import demo_folder
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import FilterInput

pytestmark = pytest.mark.timeout(60)


def offered(app: BelgaApp) -> list[str]:
    return [description for _key, description, _on, _pin in app.reader.query_one(KeyBar).items]


async def test_a_paste_is_text_whole_and_clean() -> None:
    """``alpha ESC[31m beta`` pasted showed ``^[31mbetaalpha``; a paste of two lines lost
    the second without a word."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        box = app.focused
        assert isinstance(box, FilterInput)
        box.post_message(events.Paste("alpha\x1b[31mbeta"))
        await settle(pilot)
        assert box.value == "alphabeta"
        box.post_message(events.Paste(" canal\nquarter\r\n"))
        await settle(pilot)
        assert box.value == "alphabetacanal quarter"


async def test_the_filters_box_does_not_offer_slash() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Filter" in offered(app)  # in the list: / filters
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, FilterInput)
        assert "Filter" not in offered(app)  # in the box, / types itself
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused.value == "/"
