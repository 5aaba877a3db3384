"""The reading pane's search, link hints and terminal hyperlinks: the pure helpers, then
the real app driven through keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.pilot import Pilot
from textual.strip import Strip

from tests.stories import HOST, linked_stories, paragraphs, story, write_stories
from tests.waiting import opened, settle
from tui.core.model.story import parse_story
from tui.core.render.document import Block, BlockKind, Link, Span
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.app import BelgaApp, create_app
from tui.ui.messages import OpenStory, Origin
from tui.ui.typeset import (
    STYLE_NAMES,
    Galley,
    hyperlink_styles,
    link_markers,
    terminal_url,
    typeset_block,
)
from tui.ui.widgets.hints import Anchor, Hints, hint_labels, paint_labels
from tui.ui.widgets.story_search import (
    Search,
    compile_query,
    edit_query,
    find_matches,
    fold_mapped,
    restyle,
)
from tui.ui.widgets.story_view import StoryView

SIZE = (120, 40)
HOSTILE = "https://evil.example/a\x1b]8;;\x07b\x1b\\c d\u202eé"


# --- pure helpers ---------------------------------------------------------------------


def test_fold_ignores_case_and_accents() -> None:
    assert fold_mapped("Prévot ÉCOLE").text == "prevot ecole"
    assert fold_mapped("Straße").text == "strasse"
    folded = fold_mapped("Mr Pre\u0301vot")  # a decomposed accent
    assert folded.text == "mr prevot"
    assert folded.span(3, 9) == (3, 10)


def test_matches_are_found_per_block_across_line_breaks() -> None:
    pattern = compile_query("harbour  PLAN")
    assert pattern is not None
    lines = ["the harbour", "plan and the Harbour plan"]
    matches = find_matches(pattern, lines, first_line=10)
    assert [[(p.line, p.start, p.end) for p in m] for m in matches] == [
        [(10, 4, 11), (11, 0, 4)],
        [(11, 13, 25)],
    ]
    # Across a quote's bars, and counted in cells after wide characters.
    quoted = find_matches(compile_query("quoted text") or pattern, ["▌ a quoted", "▌ text"], 0)
    assert [[(p.line, p.start, p.end) for p in m] for m in quoted] == [[(0, 4, 10), (1, 2, 6)]]
    wide = find_matches(compile_query("prevot") or pattern, ["日本 Prévot"], 0)
    assert [(p.start, p.end) for p in wide[0]] == [(5, 11)]
    assert compile_query("   ") is None


def test_search_steps_and_wraps() -> None:
    search = Search("kiwi")
    search.add_block(["a kiwi", "b"], 0)
    search.add_block(["kiwi kiwi"], 5)
    assert len(search.matches) == 3
    assert search.first_from(1) == (1, False)
    assert search.first_from(6) == (0, True)
    search.current = 2
    assert search.step(forward=True) is True and search.current == 0
    assert search.step(forward=False) is True and search.current == 2
    assert search.nearest(5, forward=False) == (0, False)
    assert search.status() == "match 3/3 for 'kiwi'"
    assert list(search.ranges(5)) == [(0, 4, False), (5, 9, True)]
    assert Search("x").status() == "no match for 'x'"


def test_edit_query() -> None:
    assert edit_query("kiw", "i", "i") == "kiwi"
    assert edit_query("kiwi", "backspace", None) == "kiw"
    assert edit_query("the harbour ", "ctrl+w", None) == "the "
    assert edit_query("kiwi", "ctrl+u", None) == ""
    assert edit_query("kiwi", "left", None) == "kiwi"


def test_restyle_lays_a_style_over_cells() -> None:
    strip = Strip([Segment("hello ", Style(bold=True)), Segment("world")])
    marked = restyle(strip, [(3, 8, Style(reverse=True))])
    assert marked.text == strip.text and marked.cell_length == strip.cell_length
    reversed_text = "".join(s.text for s in marked if s.style and s.style.reverse)
    assert reversed_text == "lo wo"
    assert all(s.style and s.style.bold for s in marked if s.text in ("hel", "lo "))


def test_hint_labels_are_prefix_free() -> None:
    assert hint_labels(3) == ["a", "s", "d"]
    assert hint_labels(9) == list("asdfghjkl")
    assert hint_labels(12) == [*"asdfghjk", "la", "ls", "ld", "lf"]
    for count in (10, 40, 81, 82, 200):
        labels = hint_labels(count)
        assert len(set(labels)) == count
        assert not any(a != b and b.startswith(a) for a in labels for b in labels)


def test_hints_follow_typed_labels() -> None:
    anchors = [Anchor(line, 0, 3, number) for line, number in enumerate(range(1, 13))]
    hints = Hints([*anchors, Anchor(20, 5, 8, 1)])  # link 1 shown twice
    assert len(hints) == 12
    assert hints.labels_on(20) == [(5, 8, "a")]
    assert hints.press("x") is None and hints.typed == ""
    assert hints.press("l") is None and hints.typed == "l"
    assert hints.labels_on(0) == [] and hints.labels_on(8) == [(0, 3, "la")]
    assert hints.back() and hints.typed == ""
    assert hints.press("l") is None
    assert hints.press("d") == 11


def test_paint_labels_keeps_the_width() -> None:
    strip = Strip([Segment("see it"), Segment("[12]"), Segment(" ok")])
    painted = paint_labels(strip, [(6, 10, "a")], Style(reverse=True))
    assert painted.text == "see it a   ok"
    assert painted.cell_length == strip.cell_length
    assert paint_labels(strip, [(6, 10, "lla")], Style()).text == "see itlla  ok"


def test_terminal_url_is_printable_ascii() -> None:
    assert terminal_url("https://newsroom.example/a b") == "https://newsroom.example/a%20b"
    assert terminal_url("https://x.example/é?q=%20") == "https://x.example/%C3%A9?q=%20"
    safe = terminal_url(HOSTILE)
    assert safe is not None
    assert safe.isascii() and safe.isprintable() and " " not in safe
    assert "\x1b" not in safe and "\x07" not in safe
    assert terminal_url("javascript:alert(1)") is None
    assert terminal_url("mailto:a@b.example") is None
    assert terminal_url("https:///nohost") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://newsroom.example/s1?a=b&c=%20#top",
        "http://x.example/~a/b;c,d!e*f'g(h)i[j]k@l$m+n",
        "HTTPS://X.example/",
        "https:///nohost",
        "ftp://x.example/file",
        "javascript:alert(1)",
    ],
)
def test_printable_ascii_urls_are_kept_as_the_full_cleaning_keeps_them(url: str) -> None:
    """Printable ASCII without a space skips the cleaning (a story's 300 links took
    ~7 ms): the same answer as the cleaning gives (a control character, which it drops,
    sends the URL through it)."""
    assert url.isascii() and url.isprintable() and " " not in url
    assert terminal_url(url) == terminal_url(url + "\x00")


def test_typeset_records_link_markers_and_hyperlinks() -> None:
    console = Console(width=80)
    styles = dict.fromkeys(STYLE_NAMES, Style())
    block = Block(BlockKind.PARAGRAPH, (Span("See "), Span("the report", link=7), Span(".")))
    links = hyperlink_styles([Link(7, HOSTILE, "report")])
    (line,) = typeset_block(console, block, 40, styles, links)
    segments = list(line.render(console, end=""))
    assert Strip(segments).text == "See the report [7]."
    assert link_markers(segments) == ((7, 15, 18),)
    linked = [s for s in segments if s.style and s.style.link]
    # The space before the number is on the link too: one hyperlink on the wire.
    assert "".join(s.text for s in linked) == "the report [7]"
    assert all(s.style and s.style.link == terminal_url(HOSTILE) for s in linked)


def test_galley_sets_blocks_on_demand_and_again_at_another_width() -> None:
    console = Console(width=80)
    styles = dict.fromkeys(STYLE_NAMES, Style())
    title = Block(BlockKind.TITLE, (Span("A title"),))
    body = [
        Block(BlockKind.PARAGRAPH, (Span("word " * 30), Span("a link", link=1))),
        Block(BlockKind.PARAGRAPH, (Span("The end."),)),
    ]
    galley = Galley([title], iter([body[:1], [], body[1:]]))
    galley.restart(40, styles, {})
    assert galley.set_next(console) == 0 and not galley.complete
    assert galley.set_next(console) == 1
    assert galley.block_lines == [0, 3] and galley.block_at(5) == 1  # the title is underlined
    number, start, end = galley.markers[-1][0]
    assert number == 1 and galley.lines[-1].text[start:end] == "[1]"
    assert galley.set_next(console) == 2 and galley.set_next(console) is None
    assert galley.complete and galley.block_text(2) == ["The end."]
    galley.restart(20, styles, {})  # the blocks are kept, set again
    while galley.set_next(console) is not None:
        pass
    assert galley.complete and galley.count == 3 and galley.text.endswith("The end.")


# --- the app --------------------------------------------------------------------------


def pane(app: BelgaApp) -> StoryView:
    return app.reader.query_one(StoryView)


def rows(view: StoryView) -> list[Strip]:
    """What the pane shows, row by row."""
    return [view.render_line(y) for y in range(view.scrollable_content_region.height)]


def styled(view: StoryView, overlay: str) -> list[str]:
    """The texts shown on screen in the style of ``overlay`` (e.g. "match")."""
    look = view.get_component_rich_style(f"story-view--{overlay}", partial=True)
    found = []
    for row in rows(view):
        for segment in row:
            style = segment.style
            if style and style.reverse and style.color == look.color and segment.text.strip():
                found.append(segment.text)
    return found


def kiwi_stories() -> dict[str, dict[str, object]]:
    """A story with three kiwis far apart (the newest, so it opens first), and others."""
    body = (
        "<p>A first kiwi.</p>"
        + paragraphs(25)
        + "<p>A second Kiwi.</p>"
        + paragraphs(25)
        + "<p>A third KIWI and Émile Prévot.</p>"
    )
    return {"kiwi": story("kiwi", "Fruit story", "2026-11-25 09:00:00", body), **linked_stories()}


@pytest.fixture
def kiwi_folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "kiwi", kiwi_stories())


async def search(pilot: Pilot[None], query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await pilot.pause()


async def test_search_cycles_through_matches_and_wraps(kiwi_folder: Path) -> None:
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        assert view.text.startswith("Fruit story")
        await pilot.press("tab")
        assert view.has_focus
        await search(pilot, "kiwi")
        assert view.border_subtitle == "match 1/3 for 'kiwi'"
        assert view.scroll_y < 5
        assert styled(view, "match-current") == ["kiwi"]
        await pilot.press("n")
        assert view.border_subtitle == "match 2/3 for 'kiwi'"
        assert view.scroll_y > 0
        assert styled(view, "match-current") == ["Kiwi"]
        await pilot.press("n")
        assert styled(view, "match-current") == ["KIWI"]
        await pilot.press("n")
        assert view.border_subtitle == "match 1/3 for 'kiwi'"
        assert view.scroll_y < 5
        assert any("wrapped to the top" in n for n in app.notices)
        await pilot.press("N")
        assert view.border_subtitle == "match 3/3 for 'kiwi'"
        assert any("wrapped to the bottom" in n for n in app.notices)
        # Highlights survive scrolling: they are painted, not typeset.
        await pilot.press("k", "j")
        assert styled(view, "match-current") == ["KIWI"]
        # Escape clears the search; n is the next unread story again.
        assert app.screen.active_bindings["n"].binding.action == "next_match"
        await pilot.press("escape")
        assert view.border_subtitle == ""
        assert styled(view, "match-current") == [] and styled(view, "match") == []
        assert app.screen.active_bindings["n"].binding.action == "next_unread"


async def test_search_starts_from_the_top_of_the_screen(kiwi_folder: Path) -> None:
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        await pilot.press("tab", "space")
        await search(pilot, "kiwi")
        assert view.border_subtitle == "match 2/3 for 'kiwi'"
        await pilot.press("N")
        assert styled(view, "match-current") == ["kiwi"]


async def test_search_is_accent_insensitive_and_reports_no_match(kiwi_folder: Path) -> None:
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        await pilot.press("tab")
        await search(pilot, "emile prevot")
        assert view.border_subtitle == "match 1/1 for 'emile prevot'"
        assert styled(view, "match-current") == ["Émile Prévot"]
        await search(pilot, "the  Committee")
        assert styled(view, "match-current") == ["The committee"]
        assert len(styled(view, "match")) > 5  # the others on screen
        await search(pilot, "zebra")
        assert view.border_subtitle == "no match for 'zebra'"
        assert styled(view, "match") == []


async def test_search_prompt_escape_and_editing(kiwi_folder: Path) -> None:
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        await pilot.press("slash", "j", "k")
        bottom = rows(view)[-1].text
        assert "/ jk" in bottom
        assert view.scroll_y == 0  # j and k went to the prompt
        await pilot.press("backspace", "backspace", "x", "escape")
        assert view.has_focus
        assert "/ " not in rows(view)[-1].text
        assert view.border_subtitle == ""
        await pilot.press("j")
        assert view.scroll_y == 1
        # From elsewhere (the command palette runs actions so), the pane takes the focus.
        await pilot.press("q")
        assert not view.has_focus
        await app.run_action("search", view)
        await pilot.press("x", "escape")
        assert view.has_focus and view.border_subtitle == ""
        # Enter on an empty prompt searches again for the last query.
        await search(pilot, "kiwi")
        await pilot.press("escape", "slash", "enter")
        assert str(view.border_subtitle).endswith("for 'kiwi'")


async def test_search_covers_the_part_not_yet_typeset(kiwi_folder: Path) -> None:
    long = story(
        "long",
        "A very long story",
        "2026-11-21 10:00:00",
        paragraphs(300, 100) + "<p>The very last word is Prévot.</p>",
    )
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        view.focus()
        view.show(prepare_story(parse_story(long)))
        app.workers.cancel_group(view, "typeset")  # the rest waits for the search
        assert not view.complete
        await pilot.pause()
        assert not view.complete and "Prévot" not in view.text
        await search(pilot, "PREVOT")
        assert view.complete
        assert view.border_subtitle == "match 1/1 for 'PREVOT'"
        assert view.scroll_y > 2000
        assert styled(view, "match-current") == ["Prévot"]


async def test_resize_keeps_the_search(kiwi_folder: Path) -> None:
    app = create_app([kiwi_folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        await pilot.press("tab")
        await search(pilot, "kiwi")
        await pilot.press("n")
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert view.border_subtitle == "match 2/3 for 'kiwi'"
        await pilot.press("n")
        assert styled(view, "match-current") == ["KIWI"]


async def test_link_hints_follow_a_link(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "stories", linked_stories())
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        assert view.text.startswith("Alpha story about the harbour")
        await pilot.press("f")
        shown = styled(view, "hint")
        assert [label.strip() for label in shown] == ["a", "s"]
        assert "link hint" in str(view.border_subtitle)
        assert any("the beta story  a " in row.text for row in rows(view))
        await pilot.press("j")  # not a scroll key while hints are up
        assert view.scroll_y == 0 and styled(view, "hint")
        await pilot.press("escape")
        assert styled(view, "hint") == [] and view.border_subtitle == ""
        await pilot.press("j")
        assert view.scroll_y == 1
        await pilot.press("k", "f", "a")
        await settle(pilot)
        assert view.text.startswith("Beta story about bridges")


async def test_link_hints_with_two_letters(tmp_path: Path) -> None:
    many = "".join(f'<a href="https://site{n}.example/">site {n}</a>, ' for n in range(1, 13))
    document = story("many", "Many links", "2026-11-25 09:00:00", f"<p>{many}</p>")
    folder = write_stories(tmp_path / "many", {"many": document})
    chosen: list[Link] = []

    def hook(message: Message) -> None:  # called again as the message bubbles up
        if not isinstance(message, OpenStory) or message.origin is not Origin.STORY:
            return  # the list's Enter asks to open too
        if message.link not in chosen:
            chosen.append(message.link)

    app = create_app([folder])
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await opened(pilot)
        view = pane(app)
        await pilot.press("f")
        labels = [label.strip() for label in styled(view, "hint")]
        assert labels == [*"asdfghjk", "la", "ls", "ld", "lf"]
        await pilot.press("l")
        assert [label.strip() for label in styled(view, "hint")] == ["la", "ls", "ld", "lf"]
        await pilot.press("d")
        await pilot.pause()
        assert [link.url for link in chosen] == ["https://site11.example/"]
        assert styled(view, "hint") == []


def linked_segments(view: StoryView, text: str) -> list[Segment]:
    return [s for row in rows(view) for s in row if text in s.text]


async def test_link_text_carries_a_terminal_hyperlink(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "stories", linked_stories())
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        assert view.hyperlinks
        (segment,) = linked_segments(view, "the beta story")
        assert segment.style is not None and segment.style.link == f"{HOST}/beta"
        (number,) = linked_segments(view, "[1]")
        assert number.style is not None and number.style.link == f"{HOST}/beta"
        (outside,) = linked_segments(view, "an outside report")
        assert outside.style is not None
        assert outside.style.link == "https://www.example.org/report"
        view.hyperlinks = False
        await pilot.pause()
        (segment,) = linked_segments(view, "the beta story")
        assert segment.style is not None and not segment.style.link
        assert not any(s.style and s.style.link for row in rows(view) for s in row)


async def test_a_new_theme_restyles_the_story(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "stories", linked_stories())
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        (segment,) = linked_segments(view, "the beta story")
        assert segment.style is not None
        assert segment.style.color == view.get_component_rich_style("story-view--link").color


async def test_a_hostile_url_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "stories", linked_stories())
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = pane(app)
        prepared: PreparedStory | None = view.prepared
        assert prepared is not None
        # The parser would drop such a URL: put it in by hand, for every link.
        hostile = replace(prepared, links=[replace(link, url=HOSTILE) for link in prepared.links])
        view.show(hostile)
        await settle(pilot)
        links = {s.style.link for row in rows(view) for s in row if s.style and s.style.link}
        assert links == {terminal_url(HOSTILE)}
        for row in rows(view):
            painted = row.render(app.console)
            assert "\x07" not in painted
            assert painted.count("\x1b]") == 2 * painted.count(f"\x1b]8;;{chr(0x1B)}\\")


def test_binding_ids() -> None:
    ids: dict[str | None, Any] = {
        b.id: b.description for b in StoryView.BINDINGS if not isinstance(b, tuple)
    }
    for wanted in ("story.search", "story.next_match", "story.previous_match", "story.hints"):
        assert ids[wanted]
