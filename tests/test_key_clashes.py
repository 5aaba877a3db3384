"""A ``[keys]`` entry that gives a binding a key another binding where it works already
has (tester report 3, item 3): ``"list.filter" = "j"`` was taken without a word, ``j``
still moved down the list (the list's own binding comes first), and the filter could be
reached only through the palette. The clash is said with the config's words, and the
binding keeps its own key. Pilot, and the rule on its own."""

from __future__ import annotations

from pathlib import Path

from tests.stories import linked_stories, write_stories
from tests.waiting import settle
from tui.ui import keys
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import FilterInput
from tui.ui.widgets.story_list import StoryList


async def test_a_key_another_binding_of_the_pane_has_is_said_and_not_taken(
    tmp_path: Path,
) -> None:
    folder = write_stories(tmp_path, linked_stories())
    app = create_app([folder], keys={"list.filter": "j"})
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await settle(pilot)
        said = "\n".join(app.notices)
        assert "config: [keys] list.filter = j: j is already list.down; list.filter keeps /" in said
        listing = app.reader.query_one(StoryList)
        listing.focus()
        await pilot.press("j")
        assert listing.cursor == 1  # j moves down, as it did
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, FilterInput)  # and / filters: reachable
        await pilot.press("escape")
        await settle(pilot)
        assert ("/", "Filter", True, False) in app.reader.query_one(KeyBar).items


def notes_for(wanted: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    return keys.user_keymap(BelgaApp, wanted)


def test_a_swap_is_no_clash() -> None:
    keymap, notes = notes_for({"list.filter": "j", "list.down": "slash,down"})
    assert keymap == {"list.filter": "j", "list.down": "slash,down"}
    assert notes == []


def test_a_clash_keeps_the_other_keys_given() -> None:
    keymap, notes = notes_for({"list.filter": "j,f"})
    assert keymap == {"list.filter": "f"}
    assert notes == ["config: [keys] list.filter = j,f: j is already list.down; f kept"]


def test_a_global_key_a_pane_uses_is_a_clash_and_a_pane_key_a_global_one_uses() -> None:
    keymap, notes = notes_for({"app.zen": "j", "list.filter": "q"})
    assert keymap == {}
    assert notes == [
        "config: [keys] app.zen = j: j is already list.down, story.down, related.down; "
        "app.zen keeps z",
        "config: [keys] list.filter = q: q is already app.quit, app.leave; list.filter keeps /",
    ]


def test_keys_written_differently_are_the_same_key() -> None:
    # "/" is Textual's "slash": the reading pane's search has it.
    _, notes = notes_for({"story.hints": "/"})
    assert notes == [
        "config: [keys] story.hints = /: / is already story.search; story.hints keeps f"
    ]


def test_a_key_taken_back_may_clash_in_turn() -> None:
    """list.down given / clashes with the filter and keeps j; then list.up = j clashes."""
    keymap, notes = notes_for({"list.down": "slash", "list.up": "j"})
    assert keymap == {}
    assert len(notes) == 2 and "list.up = j: j is already list.down" in notes[1]


def test_keys_of_other_panes_and_dialogs_do_not_clash() -> None:
    # n is the dialogs' No and the reading pane's next match: not the list's.
    keymap, notes = notes_for({"list.saved_view": "x", "related.retry": "R"})
    assert notes == [] and keymap == {"list.saved_view": "x", "related.retry": "R"}
