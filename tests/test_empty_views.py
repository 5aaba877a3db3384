"""An empty view of a list that has stories says what it is and how to fill it: the saved
view with nothing saved, a filter that matches nothing (Pilot, 80×24)."""

from __future__ import annotations

from tests.waiting import settle, until
from tui.cli import demo_folder
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SAVED_EMPTY = "Nothing saved yet. s saves the story under the cursor; S shows all stories again."


def screen_text(app: BelgaApp) -> str:
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_update(full=True).strips  # type: ignore[union-attr]
    )


def note(app: BelgaApp) -> str:
    return app.reader.query_one(StoryList).empty_text


async def test_the_empty_saved_view_says_how_to_fill_it() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert note(app) == ""
        await pilot.press("S")
        await settle(pilot)
        assert str(app.reader.query_one(ListPane).border_title) == "Saved (0)"
        assert note(app) == SAVED_EMPTY
        assert "Nothing saved yet." in screen_text(app)
        await pilot.press("S", "s", "S")  # one saved: listed, and the note goes
        await settle(pilot)
        assert len(app.reader.query_one(StoryList).stories) == 1
        assert note(app) == "" and "Nothing saved yet." not in screen_text(app)


async def test_a_filter_that_matches_nothing_says_how_to_clear_it() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"xyzzy")
        await until(pilot, lambda: bool(note(app)))
        assert note(app) == "No story matches “xyzzy”. Esc clears the filter (in the list: q)."
        assert "No story matches" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert note(app) == "" and len(app.reader.query_one(StoryList).stories) == 6


async def test_the_empty_views_name_the_users_own_keys() -> None:
    app = create_app([demo_folder()], demo=True, keys={"list.toggle_saved": "w"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert note(app).startswith("Nothing saved yet. w saves the story")


def key_bar(app: BelgaApp) -> KeyBar:
    return app.reader.query_one(KeyBar)


async def test_an_empty_view_opens_no_empty_reading_pane() -> None:
    """In ``Saved (0)``, ``l`` and Tab moved to a reading pane with nothing in it, whose
    keys then did nothing (a new user's report); Enter, ``n``, ``m`` and ``s`` were offered
    in the key bar with no story to act on. Now the focus stays on the list and the reason
    is said; those keys are shown dimmed."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert note(app) == SAVED_EMPTY
        for key in ("l", "tab", "shift+tab", "z"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.focused, StoryList), key
            assert not app.reader.query_one(StoryView).display, key
            assert app.notices[-1] == "Nothing to read here: this list is empty."
        offered = {key: enabled for key, _text, enabled, _pin in key_bar(app).items}
        assert offered["Enter"] is False and offered["s"] is False and offered["n"] is False
        await pilot.press("S")  # every story again: the keys come back, l opens one
        await settle(pilot)
        offered = {key: enabled for key, _text, enabled, _pin in key_bar(app).items}
        assert offered["Enter"] is True and offered["s"] is True
        await pilot.press("l")
        await until(pilot, lambda: app.reader.query_one(StoryView).prepared is not None)
        assert app.reader.query_one(StoryView).display


async def test_s_in_the_saved_view_says_it_leads_back_to_all_stories() -> None:
    """The saved view's key bar offered ``S Saved stories`` while in it."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert ("S", "Saved stories") in {(k, d) for k, d, _e, _p in key_bar(app).items}
        await pilot.press("S")
        await settle(pilot)
        assert ("S", "All stories") in {(k, d) for k, d, _e, _p in key_bar(app).items}
        await pilot.press("S")
        await settle(pilot)
        assert ("S", "Saved stories") in {(k, d) for k, d, _e, _p in key_bar(app).items}


async def test_s_in_the_reading_pane_saves_the_story_read() -> None:
    """``s`` in the reading pane did nothing and said nothing (a new user's report)."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        story = app.reader.current
        assert story is not None and isinstance(app.focused, StoryView)
        await pilot.press("s")
        await settle(pilot)
        assert app.newsroom.is_saved(story.key) and app.notices[-1].startswith("Saved for later.")
        await pilot.press("s")
        await settle(pilot)
        assert not app.newsroom.is_saved(story.key)
        assert app.notices[-1].startswith("No longer saved.")


async def test_shift_tab_and_z_from_the_list_open_its_story_not_a_blank_pane() -> None:
    """With no story open yet, Shift+Tab from the list showed an empty sidebar, and ``z``
    a blank screen whose ``n`` said every story was read (a new user's report): they
    open the story under the cursor, as Tab and ``l`` do."""
    for key in ("shift+tab", "z"):
        app = create_app([demo_folder()], demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            view = app.reader.query_one(StoryView)
            assert view.prepared is None
            await pilot.press(key)
            await until(pilot, lambda view=view: view.prepared is not None)  # type: ignore[misc]
            assert isinstance(app.focused, StoryView), key
            assert app.reader.has_class("-zen") == (key == "z")


async def test_y_typed_with_j_copies_the_story_j_leads_to() -> None:
    """``J`` ``y`` typed together (one read of the terminal): y copied the story left
    behind, and ``J o`` offered it, over the next story (a new user's report)."""
    from textual import events

    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = app.reader.current
        assert first is not None and isinstance(app.focused, StoryView)
        for key in ("J", "y"):
            app.post_message(events.Key(key, key))
        await settle(pilot)
        second = app.reader.current
        assert second is not None and second.key != first.key
        assert app.clipboard == second.url


async def test_s_in_an_empty_saved_view_says_there_is_nothing_to_save() -> None:
    """In the empty saved view, s said "No story is open to save.": in the list, it is
    about the story under the cursor, and there is none."""
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.query_one(StoryList).focus()
        await pilot.press("S", "s")
        await settle(pilot)
        assert app.notices[-1] == "No story here to save."
