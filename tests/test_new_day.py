"""Dates when the day changes (a new user's report 4, item 2): a session open past the
newsroom's midnight lists yesterday's stories dated, every row at once (a timer at
midnight, ``r``, Ctrl+L), and "today" is the newsroom's day whatever the machine's zone.
The clock is injected (``tui.core.model.dates.clock``), never the real date."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.stories import story, write_stories
from tests.waiting import settle, until
from tui.core.model import dates
from tui.core.model.dates import list_date, seconds_to_tomorrow
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.story_list import StoryList

TIMES = ("10:06", "10:05", "07:00", "06:15")


def brussels(text: str) -> float:
    """Seconds since the epoch of ``text``, a Brussels time (CET in winter: UTC+1)."""
    return datetime.fromisoformat(f"{text}+01:00").timestamp()


class Clock:
    """A clock the test sets: it stands still unless moved."""

    def __init__(self, moment: str) -> None:
        self.now = brussels(moment)

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    stories = {
        f"s{index}": story(f"s{index}", f"Story at {at}", f"2026-11-30 {at}:00", "<p>Text.</p>")
        for index, at in enumerate(TIMES)
    }
    # An older story: the date column is as wide before midnight as after (a list
    # redrawn only when its columns change kept today's times).
    stories["old"] = story("old", "Older story", "2026-11-28 09:00:00", "<p>Text.</p>")
    return write_stories(tmp_path / "stories", stories)


def rows(app: BelgaApp) -> list[str]:
    """The list's first rows as the screen shows them: the lines the widgets painted
    and keep (Textual's compositor; a line not repainted is the one painted before),
    not what the list would draw if asked now."""
    top = app.reader.query_one(StoryList).region.y
    shown = app.screen._compositor.render_strips()[top : top + len(TIMES)]
    return [strip.text.split("│")[1].rstrip() for strip in shown]


def all_dated(app: BelgaApp) -> bool:
    return all(line.endswith("30 Nov") for line in rows(app))


async def started(app: BelgaApp, pilot: Pilot[None]) -> None:
    await settle(pilot)
    assert [line[-5:] for line in rows(app)] == list(TIMES), rows(app)


async def test_midnight_dates_every_row_without_a_key(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock("2026-11-30 23:59:58.5")
    monkeypatch.setattr(dates, "clock", clock)
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        clock.now = brussels("2026-12-01 00:00:01")  # the timer set at 23:59:58.5 fires
        await until(pilot, lambda: all_dated(app), timeout=6)
        # Not one row by the cursor: all of them, the cursor never moved.
        assert app.reader.query_one(StoryList).cursor == 0


@pytest.mark.parametrize("key", ["r", "ctrl+l"])
async def test_r_and_a_redraw_after_midnight_date_the_rows(
    folder: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    clock = Clock("2026-11-30 22:00")  # the midnight timer is two hours away
    monkeypatch.setattr(dates, "clock", clock)
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        clock.now = brussels("2026-12-01 08:00")  # a machine that slept through midnight
        await pilot.press(key)
        await settle(pilot)
        await until(pilot, lambda: all_dated(app), timeout=5)


def test_today_is_the_newsroom_day_whatever_the_machine_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 23:30 UTC on 30 November is 00:30 on 1 December in Brussels and 12:30 in Auckland.
    monkeypatch.setattr(dates, "clock", lambda: brussels("2026-12-01 00:30"))
    before = os.environ.get("TZ")
    try:
        for zone in ("UTC", "Pacific/Auckland", "America/Los_Angeles"):
            os.environ["TZ"] = zone
            time.tzset()
            assert list_date(datetime(2026, 12, 1, 0, 10)) == "00:10", zone
            assert list_date(datetime(2026, 11, 30, 23, 50)) == "30 Nov", zone
            assert seconds_to_tomorrow() == 23.5 * 3600, zone
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_a_day_when_the_clocks_change_is_counted_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 25 October 2026: Brussels goes from 03:00 CEST back to 02:00 CET (a 25-hour day).
    start = datetime.fromisoformat("2026-10-25T00:00:00+02:00").timestamp()
    monkeypatch.setattr(dates, "clock", lambda: start)
    assert seconds_to_tomorrow() == 25 * 3600
