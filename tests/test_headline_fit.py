"""The selected headline in full under the list (a new user's report 4, item 6): a
headline too long for its two rows ends with "…" and keeps its date, at 60×20 and 80×24
(the tester's two headlines); one that fits is shown whole with its source and date.
Through Pilot, reading the rows the screen shows (Textual's compositor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stories import story, write_stories
from tests.waiting import settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.headline import Headline

BUDGET = (
    "Belgian federal government agrees on 2027 budget after marathon talks, with pension "
    "reform, defence spending and a new tax on shares"
)
GOING = "A headline " + "that keeps going and going " * 8 + "to its very end"
SHORT = "Short headline about the harbour"
DATE = "21 November 2026, 09:50"


def shown(app: BelgaApp) -> list[str]:
    """The headline's rows as the screen shows them."""
    region = app.reader.query_one(Headline).region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


@pytest.mark.parametrize(
    ("title", "size"),
    [(BUDGET, (60, 20)), (GOING, (80, 24)), (SHORT, (60, 20)), (BUDGET, (120, 40))],
)
async def test_the_headline_is_whole_or_ends_with_an_ellipsis_and_keeps_its_date(
    tmp_path: Path, title: str, size: tuple[int, int]
) -> None:
    folder = write_stories(
        tmp_path / "stories",
        {"one": story("one", title, "2026-11-21 09:50:00", "<p>Text.</p>")},
    )
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        rows = shown(app)
        assert len(rows) == 2
        said = " ".join(row.strip() for row in rows)
        assert said.endswith(DATE), rows  # the date always, at the end
        if title in said:
            assert "…" not in said
        else:
            # Cut: the end of the title marked, every word shown a word of the title.
            cut = said[: said.index("…")]
            assert title.startswith(cut.rstrip()), rows
            assert len(cut) > len(title) // 3, rows  # most of the room is the title's
