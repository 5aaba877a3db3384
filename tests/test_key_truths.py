"""The key bar, help and notices tell the truth (tester report items 4, 5, 6, 10), through
Pilot at 80×24 and 120×40 (and 60×20 where narrow matters)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.stories import HOST, linked_stories, write_stories
from tests.waiting import settle
from tui.ui.app import BelgaApp, create_app
from tui.ui.keynames import key_label
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def bar(app: BelgaApp) -> str:
    return app.reader.query_one(KeyBar).render().plain


@pytest.mark.parametrize("size", SIZES)
async def test_q_on_the_bar_says_what_q_does_after_a_filter(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"alph", "enter")
        await pilot.pause()
        assert "q Back" in bar(app)
        await pilot.press("q")  # the filter cleared: q quits now, and the bar says so
        await pilot.pause()
        assert "q Quit" in bar(app) and "q Back" not in bar(app)
        await pilot.press("S")  # the saved view: q leaves it
        await pilot.pause()
        assert "q Back" in bar(app)
        await pilot.press("q")
        await pilot.pause()
        assert "q Quit" in bar(app)


@pytest.mark.parametrize("size", SIZES)
async def test_no_match_offers_no_next_match(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", *"zzzq", "enter")
        await settle(pilot)
        assert "Next match" not in bar(app)
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        assert "n Next match" in bar(app)


def test_every_textual_key_name_reads_as_typed() -> None:
    assert key_label("less_than_sign,greater_than_sign") == "< >"
    assert key_label("question_mark,slash,ctrl+p") == "? / Ctrl+P"
    for name in ("exclamation_mark", "full_stop", "comma", "colon", "plus", "minus"):
        assert "_" not in key_label(name) and len(key_label(name)) == 1, name


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_help_names_keys_as_typed_once_each(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "less_than_sign" not in text and "greater_than_sign" not in text
        assert "Ctrl+P" in text
        rows = {title: rows for title, rows in app.screen.sections}
        everywhere = [keys for keys, _d, _i in rows["Everywhere"]]
        assert everywhere.count("q") == 1
        reading = [keys for keys, _d, _i in rows["Reading pane"]]
        assert reading.count("n") == 1
        (q_row,) = [d for keys, d, _i in rows["Everywhere"] if keys == "q"]
        assert "quits" in q_row
        painted = text.splitlines()  # as wide as the help box
        assert all(len(line.rstrip()) <= size[0] for line in painted)
        # No description wrapped word by word (one word a line, line after line).
        ids = {w for rows in app.screen.sections for _k, _d, i in rows[1] for w in i.split()}
        lonely = [
            len(line.split()) == 1 and line.startswith(" " * 8) and line.strip() not in ids
            for line in painted
        ]
        assert not any(a and b for a, b in itertools.pairwise(lonely)), painted
        assert "app.quit_now" in text  # ids whole
        # Nothing cut short ("…" begins only the row of the sidebar's waiting mark).
        assert not any("…" in line.removeprefix("…") for line in painted), painted


@pytest.mark.parametrize("size", SIZES)
async def test_palette_keys_as_typed(folder: Path, size: tuple[int, int]) -> None:
    from tui.ui import keys

    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        helps = [c.help for c in keys.palette_commands(app, app.reader, app.keymap)]
        assert any(h == "keys: <" for h in helps), helps
        assert not any("_sign" in h for h in helps)


@pytest.mark.parametrize("size", SIZES)
async def test_o_on_a_list_row_offers_what_y_copies(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")
        assert app.clipboard == f"{HOST}/beta"
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ExternalLinkScreen)
        assert app.screen.link.url == f"{HOST}/beta"
        # The story itself, one Enter away: never "not a story belga can open" (a new
        # user's report); what the dialog offers instead of a browser is said.
        title = str(app.screen.query_one("#external-box").border_title)
        assert title == "This story — no browser here", title


async def test_narrower_list_says_the_width_the_terminal_shows(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("less_than_sign")
        await pilot.pause()
        said = app.notices[-1]
        numbers = [int(word) for word in said.replace(",", " ").split() if word.isdigit()]
        assert numbers and numbers[0] <= 60, said


@pytest.mark.parametrize("size", SIZES)
async def test_help_keeps_the_last_notices_in_full(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    long = "Could not refresh the front page: http://127.0.0.1:9/feed: " + "word " * 30 + "END"
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.notify(long, severity="error")
        await pilot.pause()
        assert "END" in bar(app)  # whole on the bar now (it takes up to three lines)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert long in " ".join(app.screen.text.split())


@pytest.mark.parametrize("size", SIZES)
async def test_s_says_unsave_on_a_saved_story_and_the_star_keeps_unread(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        story_list = app.reader.query_one(StoryList)
        assert "s Save for later" in bar(app)
        await pilot.press("s")
        await pilot.pause()
        items = {(k, d) for k, d, _e, _p in app.reader.query_one(KeyBar).items}
        assert ("s", "Unsave") in items and ("s", "Save for later") not in items
        unread_row = story_list.render_line(0).text
        await pilot.press("m")  # read now: the hollow star, not the same mark
        await pilot.pause()
        assert unread_row.lstrip()[0] == "★"
        assert story_list.render_line(0).text.lstrip()[0] == "☆"
        await pilot.press("j")
        await pilot.pause()
        items = {(k, d) for k, d, _e, _p in app.reader.query_one(KeyBar).items}
        assert ("s", "Save for later") in items


@pytest.mark.parametrize("size", SIZES)
async def test_h_and_l_at_the_ends_of_the_history_say_so(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("H")
        assert app.notices[-1] == "H: this is the start of the history."
        await pilot.press("L")
        assert app.notices[-1] == "L: this is the end of the history."


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_q_on_a_note_with_nothing_listed_quits_as_it_says(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """A note of belga's own ("Nothing is cached yet") with nothing listed has no level
    behind it: the bar said "q Back" and q led to an empty list that said nothing."""
    app = create_app(store=tmp_path / "belga.sqlite3", offline=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.reader.query_one(StoryView).text.startswith("Nothing is cached yet")
        assert "q Back" not in bar(app) and "q Quit" in bar(app), bar(app)
        await pilot.press("question_mark")  # the notices and keys, read
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes the help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen) and "q Quit" in bar(app), bar(app)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # quits, as the bar said


async def test_help_shows_a_long_path_in_a_notice_whole(folder: Path) -> None:
    """Where a damaged cache was moved aside could not be read in belga: help's "Last
    notices" cut the long path to ``…belga.sqlite3.corrupt-2026…`` (a new user's report)."""
    app = create_app([folder])
    path = "/home/someone/.cache/belga/" + "deep-folder-name/" * 6 + "belga.sqlite3.corrupt-2026"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify(f"The cache was damaged; it was moved aside to {path}.")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert path in "".join(app.screen.text.split())
