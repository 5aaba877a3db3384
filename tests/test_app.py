"""The real app, driven through keys with Textual's Pilot."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.geometry import Size

from tests.stories import HOST, linked_stories, paragraphs, story, write_stories
from tests.waiting import settle, until
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.app import BelgaApp, create_app
from tui.ui.documents import ON_THE_LOOP
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.help import WHEN, HelpScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.start_up import FIRST_BATCH
from tui.ui.widgets.list_pane import Listing, ListPane
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIZE = (120, 40)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories", linked_stories())


def parts(app: BelgaApp) -> tuple[StoryList, StoryView, RelatedLinks]:
    screen = app.reader
    return screen.query_one(StoryList), screen.query_one(StoryView), screen.query_one(RelatedLinks)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_starts_on_the_list_with_nothing_read(folder: Path, size: tuple[int, int]) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        stories, view, _ = parts(app)
        assert stories.has_focus and not view.display
        assert all(stories.is_unread(entry) for entry in stories.stories)
        assert app.reader.history.current is None
        await pilot.press("enter")  # now it is read: the reader opened it
        await settle(pilot)
        assert view.has_focus and view.text.startswith("Alpha story about the harbour")
        assert not stories.is_unread(stories.stories[0])


async def test_opens_newest_story_beside_the_list_unread(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        stories, view, related = parts(app)
        assert [s.title for s in stories.stories] == [
            "Alpha story about the harbour",
            "Beta story about bridges",
            "Gamma story about trains",
        ]
        assert view.text.startswith("Alpha story about the harbour")
        assert "The lead of alpha." in view.text
        # Shown beside the list, not opened by the reader: still unread.
        assert all(stories.is_unread(entry) for entry in stories.stories)
        await pilot.press("tab")  # the reader goes to it: read now
        assert view.has_focus
        assert not stories.is_unread(stories.stories[0])
        assert stories.is_unread(stories.stories[1])
        assert [e.link.url for e in related.entries] == [
            f"{HOST}/beta",
            "https://www.example.org/report",  # every link is listed, marked
            f"{HOST}/gamma",
        ]
        states = [e.state for e in related.entries]
        assert states == [LinkState.AVAILABLE, LinkState.REMOTE, LinkState.AVAILABLE]


async def test_move_through_the_list_and_open(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stories, view, _ = parts(app)
        assert stories.has_focus
        await pilot.press("j", "j")
        assert stories.highlighted is not None
        assert stories.highlighted.title == "Gamma story about trains"
        await pilot.press("k")
        assert stories.highlighted.title == "Beta story about bridges"
        await pilot.press("enter")
        await settle(pilot)
        assert view.has_focus
        assert view.text.startswith("Beta story about bridges")
        assert not stories.is_unread(stories.stories[1])
        await pilot.press("q")  # back to the list
        assert stories.has_focus
        await pilot.press("G")
        assert stories.highlighted.title == "Gamma story about trains"
        await pilot.press("g")
        assert stories.highlighted.title == "Alpha story about the harbour"


async def test_scroll_the_reading_pane(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, _ = parts(app)
        await pilot.press("tab")
        assert view.has_focus
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y > 20
        await pilot.press("b")
        assert view.scroll_y == 2
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0


async def test_related_story_opens_inline_with_history(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, related = parts(app)
        await pilot.press("enter", "l")  # the story, then its sidebar
        assert related.has_focus
        await pilot.press("enter")  # [beta]
        await settle(pilot)
        assert view.text.startswith("Beta story about bridges")
        assert [e.link.url for e in related.entries] == [f"{HOST}/alpha"]
        await pilot.press("enter")  # back to alpha through its link: a cycle
        await settle(pilot)
        assert view.text.startswith("Alpha story about the harbour")
        await pilot.press("H")
        await settle(pilot)
        assert view.text.startswith("Beta story about bridges")
        await pilot.press("H")
        await settle(pilot)
        assert view.text.startswith("Alpha story about the harbour")
        assert not app.reader.history.can_go_back
        await pilot.press("L", "L")
        await settle(pilot)
        assert view.text.startswith("Alpha story about the harbour")
        assert not app.reader.history.can_go_forward


async def test_follow_a_link_by_its_number(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, _ = parts(app)
        await pilot.press("tab")
        assert view.prepared is not None
        beta = next(link for link in view.prepared.links if link.url.endswith("/beta"))
        await pilot.press(*str(beta.number))
        assert f"[{beta.number}_]" in str(view.border_subtitle)
        await pilot.press("enter")
        await settle(pilot)
        assert view.text.startswith("Beta story about bridges")
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        assert view.text.startswith("Beta story about bridges")
        assert any("no link [99]" in n for n in app.notices)


async def test_story_on_another_site_is_offered_not_fetched(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, related = parts(app)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert view.text.startswith("Gamma story about trains")
        # The story's own site, which belga may not fetch from here: not "other site".
        assert [e.state for e in related.entries] == [LinkState.SAME_SITE]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExternalLinkScreen)
        assert app.screen.link.url == f"{HOST}/not-here"
        await pilot.press("y")
        assert app.clipboard == f"{HOST}/not-here"
        assert not isinstance(app.screen, ExternalLinkScreen)
        assert view.text.startswith("Gamma story about trains")


async def test_help_lists_every_key(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.text
        bindings = [
            *BelgaApp.BINDINGS, *ReaderScreen.BINDINGS, *StoryList.BINDINGS,
            *StoryView.BINDINGS, *RelatedLinks.BINDINGS,
        ]  # fmt: skip
        for binding in bindings:
            assert isinstance(binding, Binding)
            if not binding.action.startswith("digit("):
                assert binding.id and binding.id in shown, binding
                merged = any(binding.id in ids for ids in WHEN)  # one row says when each
                assert merged or binding.description in shown, binding
        assert "0-9 Enter" in shown and "Follow the link with that number" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_broken_files_are_reported_and_skipped(tmp_path: Path) -> None:
    folder = write_stories(tmp_path, linked_stories())
    (folder / "broken.json").write_text("{oops")
    (folder / "empty.json").write_text("")
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stories, _, _ = parts(app)
        assert len(stories.stories) == 3
        assert {Path(p.path).name for p in app.problems} == {"broken.json", "empty.json"}
        messages = app.notices
        assert any("Skipped 2 file(s)" in m for m in messages)


async def test_nothing_to_read(tmp_path: Path) -> None:
    app = create_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, _ = parts(app)
        assert view.text.startswith("Nothing to read")
        assert "belga --demo" in view.text
        assert not app.reader.history.can_go_back and app.reader.history.current is None
        await pilot.press("j", "enter", "tab", "space", "H")  # nothing breaks


async def test_long_story_is_shown_before_it_is_all_typeset(tmp_path: Path) -> None:
    # The oldest: not under the cursor at start, so not set ahead (the cold path).
    long = story("long", "A very long story", "2026-11-10 10:00:00", paragraphs(300, 100))
    folder = write_stories(tmp_path, {"long": long, **linked_stories()})
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stories, view, _ = parts(app)
        target = next(s for s in stories.stories if s.title == "A very long story")
        await pilot.press("tab")  # the reading pane, with the newest story
        first: list[tuple[str, bool, int]] = []
        show = view.show

        def showing(prepared: PreparedStory, scroll_y: int = 0, room: Size | None = None) -> None:
            show(prepared, scroll_y, room)  # what is typeset when the story is first shown
            first.append((view.text, view.complete, len(view.text.splitlines())))

        view.show = showing  # type: ignore[method-assign]
        app.reader.open_key(target.key)  # built in a thread, then shown
        await until(pilot, lambda: bool(first))
        # When it is shown, the first screen and what a few ms set (FIRST_SECONDS).
        text, complete, count = first[0]
        assert text.startswith("A very long story")
        assert not complete
        assert view.scrollable_content_region.height <= count < 2500
        await pilot.press("j")  # keys answer meanwhile
        await settle(pilot)
        assert view.scroll_y == 1
        assert view.complete
        assert "299: The committee" in view.text
        assert len(view.text.splitlines()) > 2500


async def test_resize_keeps_the_reading_position(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, view, _ = parts(app)
        await pilot.press("tab", "space", "space")
        await settle(pilot)
        block = view.top_block
        assert block > 5
        await pilot.resize_terminal(90, 30)
        await settle(pilot)
        assert view.top_block == block


def test_story_documents_used_here_are_valid(folder: Path) -> None:
    for path in folder.glob("*.json"):
        assert json.loads(path.read_text())["url"].startswith(HOST)


async def test_thousands_of_files_load_while_keys_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 3000
    for index in range(count):
        document = story(
            f"s{index}", f"Story {index:04}", f"2026-11-{1 + index % 28:02} 09:00:00", "<p>x</p>"
        )
        (tmp_path / f"{index:04}.json").write_text(json.dumps(document))
    shown: list[int] = []
    original = ListPane.set_entries

    def recording(pane: ListPane, entries: Listing) -> None:
        shown.append(len(entries.entries))
        original(pane, entries)

    monkeypatch.setattr(ListPane, "set_entries", recording)
    app = create_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        stories, _, _ = parts(app)
        await pilot.press("j", "j", "j")  # keys answer while the rest loads
        chosen = stories.highlighted
        assert chosen is not None
        await settle(pilot)
        assert len(stories.stories) == count
        assert stories.highlighted == chosen  # the batches that came later did not move it
    # The first files were shown before the rest were read, from a thread, in batches.
    assert shown[0] == FIRST_BATCH
    assert shown[-1] == count


async def test_a_body_over_200_kb_lists_its_last_links_once_it_is_built(tmp_path: Path) -> None:
    """A big body is built as it is typeset: the sidebar is redone when it is complete,
    so a story linked only at its end is listed (issue 9, the lazy build)."""
    body = paragraphs(400) + f'<p>See <a href="{HOST}/beta">the beta story</a>.</p>'
    assert len(body) > 200_000
    long = story("long", "A very long story", "2026-11-21 10:00:00", body)
    folder = write_stories(tmp_path, {"long": long, **linked_stories()})
    app = create_app([folder])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        stories, view, _ = parts(app)
        target = next(s for s in stories.stories if s.title == "A very long story")
        app.reader.open_key(target.key)
        await until(pilot, lambda: view.complete and view.text.startswith("A very long"))
        await settle(pilot)
        sidebar = app.reader.query_one(RelatedLinks)
        assert [entry.link.url for entry in sidebar.entries] == [f"{HOST}/beta"]


async def test_a_story_left_before_it_is_built_is_never_shown(tmp_path: Path) -> None:
    long = story("long", "A very long story", "2026-11-21 10:00:00", paragraphs(300, 100))
    folder = write_stories(tmp_path, {"long": long, **linked_stories()})
    app = create_app([folder])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        stories, view, _ = parts(app)
        keys = {s.title: s.key for s in stories.stories}
        app.reader.open_key(keys["A very long story"])
        app.reader.open_key(keys["Alpha story about the harbour"])  # moved on at once
        await settle(pilot)
        await pilot.pause(0.3)
        assert view.text.startswith("Alpha story about the harbour")
        assert app.reader.history.current == keys["Alpha story about the harbour"]


async def test_big_stories_are_built_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """prepare_story runs in a worker thread for a body over ON_THE_LOOP (a big body
    never freezes the keys); a small one is built on the loop, in a few ms."""
    built: dict[str, bool] = {}

    def recording(story: Any, **options: Any) -> PreparedStory:
        built[story.title] = threading.current_thread() is threading.main_thread()
        return prepare_story(story, **options)

    big = story("big", "A big story", "2026-11-21 10:00:00", paragraphs(60, 100))
    small = story("small", "A small story", "2026-11-20 10:00:00", paragraphs(3, 50))
    assert len(str(big["body"])) > ON_THE_LOOP >= len(str(small["body"]))
    for module in ("opening", "ready"):  # opened at once, or made ready ahead
        monkeypatch.setattr(f"tui.ui.screens.{module}.prepare_story", recording)
    app = create_app([write_stories(tmp_path, {"big": big, "small": small})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest: the big one
        await settle(pilot)
        assert parts(app)[1].text.startswith("A big story")
        await pilot.press("q", "j", "enter")
        await settle(pilot)
        assert parts(app)[1].text.startswith("A small story")
    assert built == {"A big story": False, "A small story": True}
