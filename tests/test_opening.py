"""Opening a story from the list in one frame: built ahead while the cursor rests, kept
for a moment, set at the width the pane is about to have; never stale, never superseded."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Size

from tests.stories import HOST, linked_stories, paragraphs, story, write_stories
from tests.terminal import Terminal, installed_command
from tests.waiting import settle, until
from tui.core.model.story import parse_story
from tui.core.render.render import prepare_story
from tui.ui.app import BelgaApp, create_app
from tui.ui.documents import KEPT, Documents
from tui.ui.screens.opening import SIDEBAR_AT_ONCE
from tui.ui.screens.ready import READY_AFTER
from tui.ui.typeset import Galley
from tui.ui.widgets.galley_view import GalleyView
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView
from tui.ui.wire import Shadow


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def lines_of(view: StoryView) -> list[str]:
    return [strip.text for strip in view._galley.lines]


def documents(app: BelgaApp) -> Documents:
    return app.reader._documents


async def rest_on(pilot: object, app: BelgaApp, title: str) -> None:
    """Move the list's cursor to ``title`` and rest there until its document is built."""
    stories = app.reader.query_one(StoryList)
    stories.cursor = next(i for i, s in enumerate(stories.stories) if s.title == title)
    entry = stories.highlighted
    assert entry is not None
    target = app.reader._find(entry.key)
    assert target is not None
    await until(pilot, lambda: documents(app).get(target) is not None)  # type: ignore[arg-type]


async def test_a_story_built_ahead_is_the_story_built_cold(folder: Path) -> None:
    """Enter on a story the cursor rested on shows what a cold open shows, line for line."""
    cold: list[str] = []
    for ahead in (False, True):
        app = create_app([folder])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            if ahead:
                await rest_on(pilot, app, "Alpha story about the harbour")
                assert len(documents(app)) == 1
            else:
                stories = app.reader.query_one(StoryList)
                titles = [s.title for s in stories.stories]
                stories.cursor = titles.index("Alpha story about the harbour")
            await pilot.press("enter")
            await settle(pilot)
            view = app.reader.query_one(StoryView)
            assert view.text.startswith("Alpha story about the harbour")
            if ahead:
                assert lines_of(view) == cold
            else:
                cold = lines_of(view)
    assert cold


async def cold_lines(folder: Path, title: str, size: tuple[int, int]) -> list[str]:
    """The lines of ``title`` opened at once (nothing built or set ahead)."""
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        stories = app.reader.query_one(StoryList)
        stories.cursor = next(i for i, s in enumerate(stories.stories) if s.title == title)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        assert view._ahead is None and view.text.startswith(title)
        return lines_of(view)


@pytest.mark.parametrize(
    ("first", "size"),
    [
        (True, (80, 24)),
        (True, (120, 40)),
        (True, (150, 40)),
        (True, (200, 60)),
        (False, (120, 40)),
    ],
)
async def test_a_story_set_ahead_is_shown_as_set(
    folder: Path, first: bool, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cursor rests on a story: it is typeset at the width the reading pane will
    have, and Enter shows those lines without setting one again; they are the lines of a
    cold open. ``first``: the reading pane was never shown yet (its width comes from the
    layout rules: stacked, split and wide)."""
    title = "Beta story about bridges"  # (the first one is shown at start beside the list)
    cold = await cold_lines(folder, title, size)
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        if not first:
            await rest_on(pilot, app, "Gamma story about trains")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("q")
            await settle(pilot)
        await rest_on(pilot, app, title)
        await until(pilot, lambda: view._ahead is not None and view._ahead.galley.complete)
        set_lines: list[int] = []
        set_next = Galley.set_next

        def counting(galley: Galley, console: object) -> int | None:
            block = set_next(galley, console)  # type: ignore[arg-type]
            if block is not None:
                set_lines.append(block)
            return block

        monkeypatch.setattr(Galley, "set_next", counting)
        await pilot.press("enter")
        await settle(pilot)
        assert view.text.startswith(title)
        assert set_lines == []  # no block typeset again
        assert lines_of(view) == cold


async def test_the_cursor_resting_builds_the_story_under_it(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(documents(app)) == 0
        await pilot.press("j")
        await pilot.pause(READY_AFTER * 3)
        entry = app.reader.query_one(StoryList).highlighted
        assert entry is not None
        target = app.reader._find(entry.key)
        assert target is not None and documents(app).get(target) is not None


def test_a_changed_story_is_built_again() -> None:
    """A kept document is given only for the very same story: a newer version (another
    body) is never shown from the old one."""
    kept = Documents()
    first = parse_story(story("one", "One", "2026-11-21 10:00:00", paragraphs(2, 20)))
    kept.keep(prepare_story(first))
    assert kept.get(first) is not None
    assert kept.get(replace(first)) is not None  # equal: the same story read again
    changed = replace(first, body_html=first.body_html + "<p>A correction.</p>")
    assert kept.get(changed) is None
    assert kept.get(first) is None  # and the old one is forgotten


def test_the_kept_documents_are_bounded() -> None:
    kept = Documents()
    stories = [
        parse_story(story(f"s{n}", f"Story {n}", "2026-11-21 10:00:00", paragraphs(1, 10)))
        for n in range(KEPT + 3)
    ]
    for one in stories:
        kept.keep(prepare_story(one))
    assert len(kept) == KEPT
    assert kept.get(stories[0]) is None
    assert kept.get(stories[-1]) is not None
    kept.keep(prepare_story(stories[0], note=True))  # notes are never kept
    assert len(kept) == KEPT and kept.get(stories[0]) is None


async def test_a_story_built_ahead_then_left_is_never_shown(tmp_path: Path) -> None:
    """The cursor rests on a big story (built in a thread); the reader opens another one
    before it is built: only the one asked for is ever painted."""
    big = story("big", "A big story", "2026-11-22 10:00:00", paragraphs(120, 100))
    folder = write_stories(tmp_path, {"big": big, **linked_stories()})
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        shown: list[str] = []
        show = view.show

        def showing(prepared: object, scroll_y: int = 0, room: Size | None = None) -> None:
            shown.append(prepared.story.title)  # type: ignore[attr-defined]
            show(prepared, scroll_y, room)  # type: ignore[arg-type]

        view.show = showing  # type: ignore[method-assign]
        app.reader._make_ready()  # the cursor is on the big one: its build starts
        stories = app.reader.query_one(StoryList)
        alpha = next(s for s in stories.stories if s.title.startswith("Alpha"))
        app.reader.open_key(alpha.key)
        await settle(pilot)
        await pilot.pause(0.3)
        assert shown == ["Alpha story about the harbour"]
        assert view.text.startswith("Alpha story about the harbour")


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (150, 40), (200, 60)])
async def test_the_story_is_set_at_the_width_the_pane_gets(
    folder: Path, size: tuple[int, int]
) -> None:
    """The lines are set before the frame that shows the pane, at the width that frame
    gives it (Textual's arranger asked ahead: an internal this checks), so they are
    never set twice; and the scrollbar knows the story's length without a layout."""
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        widths: list[int] = []
        relayout = view._relayout

        def recording(
            scroll_y: int = 0, anchor_block: int = 0, room: Size | None = None, keep: bool = False
        ) -> None:
            relayout(scroll_y, anchor_block, room, keep)
            widths.append(view._galley.width)

        view._relayout = recording  # type: ignore[method-assign]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert view.text.startswith("Beta story about bridges")
        assert widths == [view._measure_width()]  # set once, at the width it got
        assert view.virtual_size.height == len(view._galley.lines)
        bar = view.vertical_scrollbar
        assert bar.window_virtual_size == len(view._galley.lines)
        assert bar.window_size == view.scrollable_content_region.height


async def test_a_story_opened_from_the_list_paints_once(folder: Path) -> None:
    """Enter on a story built ahead: its lines, sidebar and key bar in one frame; the
    updates after it change no cell (each one written as the app writes it, through
    tui/ui/wire.py, against what the terminal shows), so nothing is written after it."""
    app = create_app([folder])
    shadow, written = Shadow(), []

    def display(screen: object, renderable: object) -> None:
        if isinstance(renderable, ChopsUpdate | LayoutUpdate):
            written.append(shadow.write(renderable, app.console, *app.size))

    async with app.run_test(size=(120, 40)) as pilot:
        app._display = display  # type: ignore[method-assign]
        app.screen.refresh(repaint=True)
        await settle(pilot)
        for title in ("Beta story about bridges", "Gamma story about trains"):
            await rest_on(pilot, app, title)
            await settle(pilot)
            await pilot.pause(0.3)
            written.clear()
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(0.3)
            assert app.reader.query_one(StoryView).text.startswith(title)
            assert [bool(text) for text in written] == [True] + [False] * (len(written) - 1)
            await pilot.press("q")
            await settle(pilot)


def test_growing_a_story_needs_no_layout() -> None:
    """The Textual internal GalleyView leans on to grow the scrollable size without a
    layout of the screen is still there."""
    assert callable(getattr(GalleyView, "_scroll_update", None))


LONE_CURSOR_MOVE = re.compile(rb"(\x1b\[\?2026[hl])*\x1b\[\d+;\d+H(\x1b\[\?2026[hl])*")


def test_no_empty_update_is_written_in_the_terminal(tmp_path: Path) -> None:
    """In a real terminal, opening stories writes their frames and nothing else: no write
    is a lone cursor move (Textual ends each update with one, also an update that
    changed no cell; belga drops those)."""
    folder = write_stories(tmp_path / "stories", linked_stories())
    env = {"BELGA_CONFIG_DIR": str(tmp_path / "c"), "BELGA_CACHE_DIR": str(tmp_path / "k")}
    with Terminal([installed_command(), str(folder)], 120, 40, env=env) as term:
        term.wait_for("Alpha story about the harbour")
        term.settle()
        writes: list[bytes] = []
        for keys, shown in (("\r", "The lead of alpha"), ("qj", ""), ("\r", "Back to alpha")):
            start = len(term.received)
            term.send(keys)
            while term.read_raw(0.4):
                writes.append(bytes(term.received[start:]))
                start = len(term.received)
            term.catch_up()
            assert shown in term.text()
        term.send("Q")
    assert writes
    assert not [write for write in writes if LONE_CURSOR_MOVE.fullmatch(write)]


async def test_the_network_client_is_made_ahead_off_the_event_loop(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a story lists its links through the network client, and fetches them
    through its transport: both are made in a thread once start-up is painted (importing
    httpx, a TLS context), once. (The transport, made at the first request since it
    became lazy, was made on the event loop: 0.5-0.9 s before the first Enter's frame.)"""
    from tui.core.net.client import NewsroomClient
    from tui.core.net.transport import Transport

    made: list[tuple[str, bool]] = []
    for kind in (NewsroomClient, Transport):
        init = kind.__init__

        def recording(self: object, *args: object, _init: object = init, **kw: object) -> None:
            made.append(
                (type(self).__name__, threading.current_thread() is threading.main_thread())
            )
            _init(self, *args, **kw)  # type: ignore[operator]

        monkeypatch.setattr(kind, "__init__", recording)
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: len(made) == 2)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.query_one(StoryView).text.startswith("Alpha story")
    assert made == [("NewsroomClient", False), ("Transport", False)]


async def test_a_story_with_many_links_lists_them_all_after_its_text(tmp_path: Path) -> None:
    """Over SIDEBAR_AT_ONCE links, the sidebar is filled in the frame after the text
    (each link is looked up): all of them, for the story shown."""
    links = "".join(f'<p>See <a href="{HOST}/s{n}">story {n}</a>.</p>' for n in range(60))
    many = story("many", "Many links", "2026-11-22 10:00:00", links)
    app = create_app([write_stories(tmp_path, {"many": many})])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.reader.query_one(StoryView).text.startswith("Many links")
        sidebar = app.reader.query_one(RelatedLinks)
        assert len(sidebar.entries) == 60 > SIDEBAR_AT_ONCE


async def test_a_story_with_many_links_is_painted_before_its_sidebar_is_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over SIDEBAR_AT_ONCE links, the links are listed once the frame that shows the
    story's text has been written (Textual's call_after_refresh ran them before it)."""
    links = "".join(f'<p>See <a href="{HOST}/s{n}">story {n}</a>.</p>' for n in range(60))
    many = story("many", "Many links", "2026-11-22 10:00:00", links)
    app = create_app([write_stories(tmp_path, {"many": many})])
    frames: list[bool] = []  # each frame written: whether it showed the story
    listed: list[int] = []  # frames with the story written when the links were listed
    write = app._write

    def writing(screen: object, renderable: object) -> None:
        frames.append(app.reader.query_one(StoryView).text.startswith("Many links"))
        write(screen, renderable)  # type: ignore[arg-type]

    show_entries = RelatedLinks.show_entries

    def listing(sidebar: RelatedLinks, entries: list[object], **kwargs: bool) -> None:
        listed.append(sum(frames))
        show_entries(sidebar, entries, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "_write", writing)
    monkeypatch.setattr(RelatedLinks, "show_entries", listing)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed.clear()
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, lambda: bool(listed))
        assert listed[0] >= 1
        assert len(app.reader.query_one(RelatedLinks).entries) == 60
