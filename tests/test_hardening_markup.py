"""Outside text is never read as Textual or Rich markup (issue 10, item 2).

Link text, story URLs, hosts, Content-Types, file paths, typed filters and searches and
config values reach notifications, pane titles and the help. Text like ``[/]`` there
made Textual raise ``MarkupError`` and belga exit; ``[b]`` or ``[@click=…]`` would have
been obeyed. Each case is driven through the real app, and every notification shown is
rendered as the user would see it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot

import tui.ui
from tests.hostile_server import HostileServer
from tests.stories import HOST, linked_stories, story, write_stories
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.keys import palette_commands
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_view import StoryView

SIZE = (120, 40)
MARKUP = ("[/] closing", "[/i]", "[b]bold[/b]", "[@click=app.quit]quit[/]", "[keys]")


async def shown_notifications(pilot: Pilot[None]) -> list[str]:
    """Every notice said (in the status line, as plain text); the last one as the status
    line draws it: it would raise, or lose its brackets, if read as markup."""
    app = pilot.app
    assert isinstance(app, BelgaApp)
    await pilot.pause()
    if app.notices:
        drawn = app.reader.query_one(KeyBar).render().plain
        assert app.notices[-1][:20] in drawn, (app.notices[-1], drawn)
    return list(app.notices)


def plain(title: str | None) -> str:
    """A border title as drawn (Textual hands it back as markup)."""
    return Content.from_markup(title or "").plain


async def test_every_notification_is_plain_text(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for text in MARKUP:
            app.notify(text)
            app.reader.notify(text, title=text)
        await pilot.pause()
        shown = await shown_notifications(pilot)
        for text in MARKUP:
            assert sum(text in message for message in shown) == 2


async def test_a_story_url_with_markup_is_copied_and_said(tmp_path: Path) -> None:
    doc = story("odd", "Odd [/] story", "2026-11-20 09:00:00", "<p>Text.</p>")
    doc["url"] = f"{HOST}/odd-[/]-[b]x"
    app = create_app([write_stories(tmp_path, {"odd": doc})])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert any("odd-[/]-[b]x" in message for message in await shown_notifications(pilot))


async def test_link_text_with_markup_in_the_opening_notice(tmp_path: Path) -> None:
    with HostileServer() as server:
        body = f'<p>See <a href="{server.url}/no-such-story">[/] closing [b]x</a>.</p>'
        doc = story("a", "A story", "2026-11-20 09:00:00", body)
        doc["url"] = f"{server.url}/a"
        settings = FetchSettings(newsroom=server.url, retries=0)
        app = create_app([write_stories(tmp_path, {"a": doc})], settings=settings)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # open the story
            await pilot.press("1", "enter")
            await until(pilot, lambda: len(app.notices) >= 2)
            await settle(pilot)
            shown = await shown_notifications(pilot)
            assert any("Opening [1] [/] closing [b]x" in message for message in shown)
            assert any("[/] closing [b]x: not found" in message for message in shown)


async def test_a_content_type_with_markup_in_the_failure() -> None:
    with HostileServer() as server:
        server.serve("/odd-type", b"x", "text/[/]")
        settings = FetchSettings(newsroom=server.url, retries=0)
        app = create_app(urls=[f"{server.url}/odd-type"], settings=settings)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            shown = await shown_notifications(pilot)
            assert any("the page is text/[/], not HTML" in message for message in shown)


async def test_a_file_path_with_markup_in_the_skipped_files_notice(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "[" / "i] odd", linked_stories())
    (folder / "[b]broken.json").write_text("{not json")
    app = create_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = await shown_notifications(pilot)
        assert any("[/i] odd/[b]broken.json" in message for message in shown)


@pytest.mark.parametrize("typed", ["[/]", "[b]", "[@click=app.quit]"])
async def test_a_filter_with_markup_in_the_list_title(tmp_path: Path, typed: str) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *typed)
        await pilot.pause()
        pane = app.reader.query_one(ListPane)
        assert typed in plain(pane.border_title)


async def test_a_search_with_markup_in_the_reading_pane_title(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        await pilot.press("enter")  # open the newest story
        await pilot.press("slash", *"[/]", "enter")
        await settle(pilot)
        assert "'[/]'" in plain(view.border_subtitle)


async def test_a_config_theme_with_markup_in_the_note(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())], theme="[/]")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert any("'[/]'" in message for message in await shown_notifications(pilot))


async def test_the_help_keeps_square_brackets(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "[keys]." in app.screen.text


async def test_palette_help_with_a_users_odd_key_is_plain(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        keymap = {"app.help": "[/]"}
        helps = [command.help for command in palette_commands(app, app.reader, keymap)]
        assert any("[/]" in Content.from_markup(text).plain for text in helps)


# The sweep: no pane title is ever set from a string that Textual would read as markup.


def _plain_title_value(node: ast.expr) -> bool:
    """A literal without brackets, or a Text(...) object: nothing read as markup."""
    if isinstance(node, ast.Constant):
        return not isinstance(node.value, str) or "[" not in node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "Text"
    if isinstance(node, ast.IfExp):
        return _plain_title_value(node.body) and _plain_title_value(node.orelse)
    return False


def test_no_title_is_set_from_a_string_with_markup() -> None:
    """Every ``border_title``/``border_subtitle`` in tui/ui is a Text or a literal."""
    root = Path(tui.ui.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in ("border_title", "border_subtitle")
                    and not _plain_title_value(node.value)
                ):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not offenders, offenders


async def test_every_notification_of_the_app_is_plain(tmp_path: Path) -> None:
    """``notify(…, markup=True)`` anywhere still shows plain text: the app's rule."""
    app = create_app([write_stories(tmp_path, linked_stories())])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.reader.notify("[/]", markup=True)
        await pilot.pause()
        assert app.notices == ["[/]"]
        assert app.reader.query_one(KeyBar).notice == "[/]"
