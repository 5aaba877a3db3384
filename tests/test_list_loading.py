"""The list at start from a real store (its first screenful, then the rest from a
thread) and the filter (from a thread, narrowing, superseded asks dropped), through
Pilot: the same lines, the same order, the same marks and counts as a whole load."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.waiting import settle, until
from tui.core.model.listing import Entry, Paged
from tui.core.model.story import Story
from tui.core.model.text import fold
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import BelgaApp, create_app
from tui.ui.front_page import TOP
from tui.ui.widgets.list_pane import Listing, ListPane
from tui.ui.widgets.story_list import StoryList

pytestmark = pytest.mark.timeout(60)
HOST = "https://newsroom.example"
SIZE = (120, 40)
WORDS = ("harbour", "railway", "budget", "prevot", "ghent", "strike")


def build(path: Path, count: int) -> None:
    """``count`` feed entries, two thirds stored with a body; some read, some saved;
    dates over two years (so the date column is as wide as it gets)."""
    day = datetime(2026, 11, 20, 9)
    with Store.open(path) as store, store.transaction():
        entries = []
        for index in range(count):
            when = day - timedelta(hours=7 * index)
            title = f"Story {index} {WORDS[index % 6]}"
            if index % 3:
                body = f"<p>Body {index}: {WORDS[(index // 6) % 6]} news.</p>"
                store.put_story(Story(title=title, body_html=body, url=f"{HOST}/s{index}",
                                      published_at=when))  # fmt: skip
            entries.append(FeedEntry(f"{HOST}/s{index}", title, when if index % 5 else None, ""))
        store.put_feed(entries)
        store.mark_all_read(f"{HOST}/s{index}" for index in range(0, count, 4))
        for index in range(1, count, 9):
            store.save(f"{HOST}/s{index}")


def offline_app(tmp_path: Path, count: int) -> BelgaApp:
    """The app, offline, on a store of ``count`` entries (:func:`build`)."""
    build(tmp_path / "belga.sqlite3", count)
    return create_app(store=tmp_path / "belga.sqlite3", offline=True)


def the_list(app: BelgaApp) -> tuple[ListPane, StoryList, list[Entry]]:
    """The pane, its list (focused) and every story it lists."""
    story_list = app.reader.query_one(StoryList)
    story_list.focus()
    return app.reader.query_one(ListPane), story_list, list(story_list.stories)


def rows(app: BelgaApp) -> list[str]:
    """The list's rows as drawn, without the cursor's style."""
    story_list = app.reader.query_one(StoryList)
    return [story_list.render_line(y).text for y in range(story_list.size.height)]


async def test_the_first_screenful_is_the_whole_list_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = offline_app(tmp_path, TOP * 3 + 17)
    with Store.open(tmp_path / "belga.sqlite3") as store:
        whole = store.front_page()
    keys = [line.entry.key for line in whole]
    seen: dict[str, object] = {}
    original = ListPane.set_entries

    def recording(pane: ListPane, entries: Iterable[Entry] | Listing) -> None:
        original(pane, entries)
        if "first" not in seen:  # the first list shown, as drawn before the rest came
            story_list = pane.query_one(StoryList)
            seen["first"] = story_list.stories
            seen["title"] = str(pane.border_title)

    monkeypatch.setattr(ListPane, "set_entries", recording)
    async with app.run_test(size=SIZE) as pilot:
        first = seen["first"]
        assert isinstance(first, Paged) and len(first.first) == TOP
        # Lines past the first screenful are read when asked for: the same ones.
        assert [entry.key for entry in first] == keys
        assert seen["title"] == f"Stories ({len(keys)})"  # the count, from the start
        painted = rows(app)
        await settle(pilot)
        story_list = app.reader.query_one(StoryList)
        assert not isinstance(story_list.stories, Paged)  # the whole list, from a thread
        assert [entry.key for entry in story_list.stories] == keys
        assert rows(app) == painted  # nothing on screen moved when it came
        assert str(app.reader.query_one(ListPane).border_title) == f"Stories ({len(keys)})"
        marks = app.newsroom
        assert [marks.is_read(key) for key in keys] == [line.read for line in whole]
        assert [marks.is_saved(key) for key in keys] == [line.saved for line in whole]
        story_list.focus()
        await pilot.press("G")
        assert story_list.highlighted is not None
        assert story_list.highlighted.key == keys[-1]


async def test_a_mark_made_while_the_rest_loads_stays(tmp_path: Path) -> None:
    """A whole list read before a mark was changed does not undo the mark."""
    app = offline_app(tmp_path, TOP + 50)
    async with app.run_test(size=SIZE) as pilot:
        story_list = app.reader.query_one(StoryList)
        key = story_list.stories[1].key
        got = app.newsroom.front_page_lines()  # read now, as the thread would have
        assert got is not None
        lines, since = got
        read = app.newsroom.is_read(key)
        app.newsroom.mark_read(key, not read)
        app.newsroom.take_all_marks(lines.read, lines.saved, since)
        assert app.newsroom.is_read(key) is not read
        # A list read after the change shows it too (the store has it), and one read
        # "now" takes the store's word for every mark.
        again = app.newsroom.front_page_lines()
        assert again is not None
        app.newsroom.take_all_marks(again[0].read, again[0].saved)
        assert app.newsroom.is_read(key) is not read
        await settle(pilot)


def expected(whole: list[Entry], store: Store, text: str) -> list[str]:
    found = store.matching(text)
    words = fold(text).split()
    return [
        entry.key
        for entry in whole
        if entry.key in found or all(word in fold(entry.title) for word in words)
    ]


async def test_the_filter_shows_what_a_full_search_finds(tmp_path: Path) -> None:
    app = offline_app(tmp_path, 400)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane, story_list, whole = the_list(app)
        total = len(whole)
        await pilot.press("slash")
        typed = ""
        store = app.store
        assert store is not None
        # Letters narrow, Backspace and Ctrl+U widen, a second word narrows again.
        keys = [*"har", "backspace", *"rbour", *" new", "ctrl+u", *"story 1", "backspace"]
        for key in keys:
            typed = "" if key == "ctrl+u" else typed[:-1] if key == "backspace" else typed + key
            await pilot.press("space" if key == " " else key)
            await settle(pilot)
            text = typed.strip()
            want = expected(whole, store, text) if text else [e.key for e in whole]
            assert [entry.key for entry in story_list.stories] == want, typed
            title = str(pane.border_title)
            assert title == (f"Stories: “{text}” ({len(want)} of {total})" if text
                             else f"Stories ({total})")  # fmt: skip


async def test_a_superseded_filter_never_paints(tmp_path: Path) -> None:
    """The store's answer for "h" comes after "ha" was typed (and answered): the list
    shows what "ha" finds, and never what "h" found."""
    app = offline_app(tmp_path, 120)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane, story_list, whole = the_list(app)
        search = app.newsroom.search
        release = threading.Event()
        asked: list[str] = []

        def slow_first(words: str) -> set[str]:
            asked.append(words)
            if words == "h":
                release.wait(5)
            return search(words)

        pane._search = slow_first
        presented: list[str] = []
        present = pane._present

        def recording(text: str, shown: object) -> None:
            presented.append(text)
            present(text, shown)  # type: ignore[arg-type]

        pane._present = recording  # type: ignore[method-assign]
        await pilot.press("slash", "h")
        await until(pilot, lambda: asked == ["h"])
        await pilot.press("a")
        await until(pilot, lambda: presented == ["ha"])
        release.set()
        await settle(pilot)
        assert presented == ["ha"]
        store = app.store
        assert store is not None
        assert [e.key for e in story_list.stories] == expected(whole, store, "ha")


async def test_typing_in_the_filter_lays_nothing_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's Input sets its virtual size at each keystroke, which asked for a layout
    of the whole screen; the filter's own reactive repaints it only (a Textual internal:
    this fails if Input stops sizing itself that way, or if a layout comes back)."""
    from tui.ui.widgets.list_pane import FilterInput

    app = offline_app(tmp_path, 30)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        the_list(app)
        await pilot.press("slash")
        filter_input = app.reader.query_one(FilterInput)
        layouts: list[object] = []
        refresh = filter_input.refresh

        def recording(*regions: object, **options: bool) -> object:
            if options.get("layout"):
                layouts.append(options)
            return refresh(*regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(filter_input, "refresh", recording)
        typed = "story" + "x" * 150
        await pilot.press(*typed)
        await settle(pilot)
        assert filter_input.virtual_size.width == len(typed) + 1  # Textual sizes it so
        assert layouts == []
        assert filter_input.scroll_x > 0  # the end of a long filter, where the typing is


async def test_marks_made_by_another_belga_show_when_the_list_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list read again has the same lines: nothing is repainted for them, but for
    the lines whose marks another belga (another SSH session) changed meanwhile."""
    app = offline_app(tmp_path, 60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, story_list, whole = the_list(app)
        marks = app.newsroom
        unread = [
            i
            for i, entry in enumerate(whole[:20])
            if not marks.is_read(entry.key) and not marks.is_saved(entry.key)
        ]
        row = unread[1]
        assert rows(app)[row].startswith("●")
        with Store.open(tmp_path / "belga.sqlite3") as other:
            other.mark_read(whole[row].key)
        repainted: list[int] = []
        monkeypatch.setattr(story_list, "refresh_item", repainted.append)
        app.front_page.show()  # as after a refresh, or the cache trimmed
        await settle(pilot)
        assert marks.is_read(whole[row].key) and not rows(app)[row].startswith("●")
        assert repainted == [row]  # that line only: the others are as they were
