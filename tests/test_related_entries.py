"""A sidebar entry is compact (its title, then the state mark, the date and the story's
first line, with no blank line between), and every mark the lists draw is explained in
the help (?) and the README. Pilot at 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style

from tests.stories import HOST, paragraphs, story, write_stories
from tests.test_readme import ROOT
from tests.waiting import settle, until
from tui.cli import demo_folder
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.related import MARKS as RELATED_MARKS
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import MARKS as LIST_MARKS

SIZE = (80, 24)
LONG = (
    "A very long title about the harbour, the bridges, the trains and the canal that "
    "takes more than one line of the sidebar"
)


@pytest.fixture
def app(tmp_path: Path) -> BelgaApp:
    lead = story(
        "lead",
        "The lead story",
        "2026-11-20 09:00:00",
        f'<p>See <a href="{HOST}/short">short</a> and <a href="{HOST}/long">long</a>.</p>',
    )
    short = story("short", "A short title", "2026-11-19 09:00:00", paragraphs(2))
    long = story("long", LONG, "2026-11-18 09:00:00", paragraphs(2))
    folder = write_stories(tmp_path / "s", {"lead": lead, "short": short, "long": long})
    return create_app([folder])


async def test_an_entry_is_its_title_then_its_date_and_first_line(app: BelgaApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.reader.query_one(RelatedLinks)
        await pilot.press("enter", "l")  # the lead story; its sidebar (alone at 80 columns)
        await until(pilot, lambda: [e.state for e in sidebar.entries] == [LinkState.AVAILABLE] * 2)
        await settle(pilot)
        assert sidebar.has_focus
        short, long = sidebar.entry_text(0).splitlines(), sidebar.entry_text(1).splitlines()
        assert short[0] == "[1] A short title"
        assert short[1].startswith("✓ 19 Nov · 0: The committee met in Brussels"), short
        assert all(line.strip() for line in short), short  # no blank line
        assert long[0].startswith("[2] A very long title") and long[1].endswith("sidebar")
        assert long[2].startswith("✓ 18 Nov · 0: The committee") and long[2].endswith("…")
        assert len(long) == RelatedLinks.ITEM_HEIGHT
        # The cursor shows on every line of its entry, the state line too.
        backgrounds = [
            {seg.style.bgcolor for seg in sidebar.render_line(y) if seg.style}
            for y in range(RelatedLinks.ITEM_HEIGHT + 1)
        ]
        cursor = backgrounds[0]
        assert len(cursor) == 1 and backgrounds[1:-1] == [cursor] * 2, backgrounds
        assert backgrounds[-1] != cursor  # the next entry


async def test_every_mark_is_explained_in_the_help_and_the_readme(app: BelgaApp) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marks = [*LIST_MARKS, *RELATED_MARKS]
    assert {"●", "★", "☆", "✓", "✗", "…"} <= {mark for mark, _ in marks}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(app.screen.text.split())
    assert "Marks" in help_text
    for mark, meaning in marks:
        assert f"{mark} {meaning}" in help_text, mark
        assert f"`{mark}` {meaning}" in " ".join(readme.split()), mark


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30), (120, 40), (160, 40)])
async def test_no_entry_runs_into_the_right_padding(size: tuple[int, int]) -> None:
    """The demo's sixth link (a 77-cell line with its "[6] ") ran into the border at
    80×24, the sidebar alone after ``l`` (tester report): every entry keeps one blank
    cell before the border (or the scrollbar), as the reading pane does."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        related = app.reader.query_one(RelatedLinks)
        assert related.has_focus and any(e.link.number == 6 for e in related.entries)
        # Inside the border, the padding and the scrollbar (always there: its thumb, not
        # the layout, follows a list that grows): where the entries are drawn.
        content = related.scrollable_content_region
        inner = related.region.shrink(related.styles.border.spacing)
        assert content.right <= inner.right - 1  # a blank column on the right
        # Textual draws the scrollbar inside the padding, right after the content: the
        # words keep a blank cell before it (the demo's sidebar scrolls at 60×20 since it
        # lists every link).
        before_bar = related.scrollable_content_region.right - 1
        rows = app.screen._compositor.render_strips()
        for y in range(content.y, content.bottom):
            text = rows[y].text
            assert text[before_bar] == " " or not related.show_vertical_scrollbar, (
                size,
                text,
            )
            assert text[content.right : inner.right].strip() in ("", "▁", "▇", "█"), (
                size,
                text,
            )
        for index in range(related.item_count):  # and no line is wider than the content
            for row in range(RelatedLinks.ITEM_HEIGHT):
                line = related.render_item_line(index, row, content.width, Style())
                assert line.cell_length <= content.width


async def test_a_story_with_no_links_says_so_in_the_sidebar(tmp_path: Path) -> None:
    """The sidebar of a story without links was an empty box (a new user's report)."""
    plain = story("plain", "No links at all", "2026-11-20 09:00:00", paragraphs(3))
    app = create_app([write_stories(tmp_path / "s", {"plain": plain})])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        related = app.reader.query_one(RelatedLinks)
        assert related.display and not related.entries
        assert related.empty_text == "This story links nowhere."
        rows = app.screen._compositor.render_strips()
        assert any("This story links nowhere." in row.text for row in rows)


async def test_escape_clears_the_link_cursor(app: BelgaApp) -> None:
    """Tab, then Esc: the link cursor stayed, its address in the lower border (help says
    Esc clears it: a new user's report)."""
    from tui.ui.widgets.story_view import StoryView

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        await pilot.press("tab")
        await pilot.pause()
        assert "Enter follows" in str(view.border_subtitle)
        await pilot.press("escape")
        await pilot.pause()
        assert "Enter follows" not in str(view.border_subtitle or "")
        assert app.reader.query_one(StoryView).has_focus


async def test_a_story_without_links_offers_none_to_follow(tmp_path: Path) -> None:
    """A story with no link offered "Enter Follow link  Tab Next link" (Tab then said
    "No more links below."): neither is offered (tests/test_no_link_keys.py), Tab says
    there are none."""
    from tui.ui.widgets.key_bar import KeyBar

    plain = story("plain", "No links at all", "2026-11-20 09:00:00", paragraphs(3))
    app = create_app([write_stories(tmp_path / "s", {"plain": plain})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        offered = {k: enabled for k, _d, enabled, _p in app.reader.query_one(KeyBar).items}
        assert "Enter" not in offered and "Tab" not in offered
        await pilot.press("tab")
        await pilot.pause()
        assert app.notices[-1] == "This story has no links."
