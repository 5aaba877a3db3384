"""belga's keys in one place: the help screen, the command palette and the keymap's ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.markup import escape

from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.help import HelpScreen, binding_rows, key_label
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.list_pane import FilterInput, ListPane
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView


def sections(app: type[App[Any]] | App[Any]) -> list[tuple[str, list[BindingType]]]:
    """Every binding of belga, grouped by where it works."""
    return [
        ("Everywhere", [*app.BINDINGS, *ReaderScreen.BINDINGS]),
        ("Article list", [*StoryList.BINDINGS, *ListPane.BINDINGS]),
        ("List filter", list(FilterInput.BINDINGS)),
        ("Reading pane", list(StoryView.BINDINGS)),
        ("Related links", list(RelatedLinks.BINDINGS)),
        ("External link", list(ExternalLinkScreen.BINDINGS)),
        ("Help", list(HelpScreen.BINDINGS)),
    ]


def ids(app: type[App[Any]] | App[Any]) -> set[str]:
    """The ids the config file's ``[keys]`` may name."""
    return {
        binding.id
        for _, bindings in sections(app)
        for binding in bindings
        if isinstance(binding, Binding) and binding.id
    }


def help_screen(app: App[Any], keymap: Mapping[str, str]) -> HelpScreen:
    return HelpScreen(
        [(title, binding_rows(bindings, keymap)) for title, bindings in sections(app)]
    )


def palette_commands(
    app: App[Any], reader: ReaderScreen, keymap: Mapping[str, str]
) -> Iterator[SystemCommand]:
    """A command for every key's action, run where the key would run it."""
    owners: list[tuple[str, DOMNode]] = [
        ("", app),
        ("", reader),
        ("List", reader.query_one(ListPane)),
        ("List", reader.query_one(StoryList)),
        ("Story", reader.query_one(StoryView)),
        ("Related", reader.query_one(RelatedLinks)),
    ]
    for where, node in owners:
        for binding in node.BINDINGS:
            if not isinstance(binding, Binding) or binding.action.startswith("digit("):
                continue
            keys = key_label(keymap.get(binding.id or "", binding.key))
            title = f"{where}: {binding.description}" if where else binding.description
            yield SystemCommand(
                # The palette reads both as markup; the keys may be the user's own.
                escape(title),
                escape(f"keys: {keys}"),
                partial(app.run_action, binding.action, node),
            )
