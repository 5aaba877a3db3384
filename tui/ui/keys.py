"""belga's keys in one place: the help screen, the command palette and the keymap's ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.markup import escape

from tui.ui.glyphs import chosen
from tui.ui.keynames import key_label
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.list_pane import FilterInput, ListPane
from tui.ui.widgets.related import RelatedLinks, related_marks
from tui.ui.widgets.story_list import StoryList, list_marks
from tui.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from tui.ui.screens.help import HelpScreen


def sections(app: type[App[Any]] | App[Any]) -> list[tuple[str, list[BindingType]]]:
    """Every binding of belga, grouped by where it works."""
    from tui.ui.screens.help import HelpScreen  # not before the first paint: asked for later

    return [
        ("Everywhere", [*app.BINDINGS, *ReaderScreen.BINDINGS]),
        ("Article list", [*StoryList.BINDINGS, *ListPane.BINDINGS]),
        ("List filter", list(FilterInput.BINDINGS)),
        ("Reading pane", list(StoryView.BINDINGS)),
        ("Related links", list(RelatedLinks.BINDINGS)),
        ("External link", list(ExternalLinkScreen.BINDINGS)),
        ("Question", list(ConfirmScreen.BINDINGS)),
        ("Help", list(HelpScreen.BINDINGS)),
    ]


RENAMED: Final[Mapping[str, str]] = {
    **{
        f"reader.{name}": f"story.{name}"
        for name in (
            "down", "up", "page_down", "page_up", "half_down", "half_up", "top", "bottom",
            "follow", "hints", "images", "search", "next_match", "previous_match", "clear",
            *(f"digit.{digit}" for digit in range(10)),
        )
    },
    "reader.back": "app.back",
    "reader.forward": "app.forward",
    "app.prev_pane": "app.previous_pane",
    "pane.left": "app.pane_left",
    "pane.right": "app.pane_right",
    "screen.zen": "app.zen",
    "screen.copy_url": "app.copy_url",
    "screen.open_url": "app.open_url",
}  # fmt: skip
"""Binding ids of earlier versions (``reader.*``, ``pane.*``, ``screen.*``) and their
names now: a config file that uses one still works, with a notice."""


def user_keymap(
    app: type[App[Any]] | App[Any], wanted: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """The config's ``[keys]`` as a keymap of current ids, and what to tell the user:
    old ids still work (renamed, with a notice), unknown ones are said and ignored."""
    known = ids(app)
    keymap: dict[str, str] = {}
    renamed: list[str] = []
    unknown: list[str] = []
    # Old names first, so that where both are given the new name wins.
    for binding_id, keys in sorted(wanted.items(), key=lambda item: item[0] not in RENAMED):
        current = RENAMED.get(binding_id, binding_id)
        if current not in known:
            unknown.append(binding_id)
            continue
        if current != binding_id:
            renamed.append(f"{binding_id} → {current}")
        keymap[current] = keys
    notes = _without_clashes(app, keymap)
    if renamed:
        notes.append(
            f"config: old key binding id(s) {', '.join(sorted(renamed))}: they still work, "
            "but please use the new names in [keys]"
        )
    if unknown:
        notes.append(
            f"config: unknown key binding id(s) {', '.join(sorted(unknown))}; "
            "the ids are listed in the help screen (?)"
        )
    return keymap, notes


_CHAINS: Final = (
    ("Everywhere", "Article list"),
    ("Everywhere", "Reading pane"),
    ("Everywhere", "Related links"),
    ("List filter",),
    ("External link",),
    ("Question",),
    ("Help",),
)
"""The sections whose keys are all at work at once: a pane's and those of everywhere
(the pane's come first); a dialog's."""


def _without_clashes(app: type[App[Any]] | App[Any], keymap: dict[str, str]) -> list[str]:
    """Take out of ``keymap`` each key the user gave a binding that another binding
    (another action) already has where it works, which would make one of them
    unreachable (``list.filter = j``: j moves down the list first); what to say of each.
    A binding left no key of the user's keeps its own. Keys given back may clash with
    other keys given: checked again until none does."""
    named = {
        title: [b for b in bindings if isinstance(b, Binding) and b.id]
        for title, bindings in sections(app)
    }
    chains = [[b for title in chain for b in named[title]] for chain in _CHAINS]
    notes: list[str] = []
    while clashes := _clashes(chains, keymap):
        for binding, found in clashes.items():
            binding_id = str(binding.id)
            given = keymap.pop(binding_id)
            kept = [key for key in given.split(",") if _key(key) not in found]
            if kept:
                keymap[binding_id] = ",".join(kept)
            taken = "; ".join(f"{key_label(k)} is already {', '.join(o)}" for k, o in found.items())
            rest = (
                f"{','.join(kept)} kept" if kept else f"{binding_id} keeps {key_label(binding.key)}"
            )
            notes.append(f"config: [keys] {binding_id} = {given}: {taken}; {rest}")
    return notes


def _clashes(
    chains: list[list[Binding]], keymap: Mapping[str, str]
) -> dict[Binding, dict[str, list[str]]]:
    """For each binding the user gave keys: the keys other bindings of its chains have
    (a key it has by default is meant to be shared), and their ids."""
    clashes: dict[Binding, dict[str, list[str]]] = {}
    for chain in chains:
        for binding in chain:
            given = keymap.get(str(binding.id))
            if given is None:
                continue
            own = _keys(binding.key)
            for key in _keys(given):
                others = [
                    str(other.id)
                    for other in chain
                    if other.action != binding.action
                    and key in _keys(keymap.get(str(other.id), other.key))
                ]
                if key not in own and others:
                    found = clashes.setdefault(binding, {}).setdefault(key, [])
                    found += [other for other in others if other not in found]
    return clashes


def _keys(keys: str) -> list[str]:
    return [_key(key) for key in keys.split(",")]


def _key(key: str) -> str:
    """A key as Textual names it: "/" is "slash" (a Textual internal, here only;
    tests/test_key_clashes.py fails if it changes)."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def ids(app: type[App[Any]] | App[Any]) -> set[str]:
    """The ids the config file's ``[keys]`` may name."""
    return {
        binding.id
        for _, bindings in sections(app)
        for binding in bindings
        if isinstance(binding, Binding) and binding.id
    }


def help_screen(app: App[Any], keymap: Mapping[str, str]) -> HelpScreen:
    from tui.ui.screens.help import HelpScreen, binding_rows

    rows = [(title, binding_rows(bindings, keymap)) for title, bindings in sections(app)]
    palette = (key_label(app.COMMAND_PALETTE_BINDING), "Command palette: every command by name", "")
    xon = ("Ctrl+Q", "Nothing: no quit by mistake (XON, after a Ctrl+S); Q quits", "")
    rows[0][1].extend((palette, xon))
    glyphs = chosen()  # the terminal's (the linux console's are ASCII)
    marks = [(mark, meaning, "") for mark, meaning in (*list_marks(glyphs), *related_marks(glyphs))]
    rows.append(("Marks", marks))  # the list's, then the sidebar's
    return HelpScreen(rows, getattr(app, "notices", []))


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
    seen: set[tuple[str, str]] = set()
    for where, node in owners:
        for binding in node.BINDINGS:
            if not isinstance(binding, Binding) or binding.action.startswith("digit("):
                continue
            if (where, binding.action) in seen:  # Q and Ctrl+C quit as q does: one Quit
                continue
            seen.add((where, binding.action))
            keys = key_label(keymap.get(binding.id or "", binding.key))
            title = f"{where}: {binding.description}" if where else binding.description
            yield SystemCommand(
                # The palette reads both as markup; the keys may be the user's own.
                escape(title),
                escape(f"keys: {keys}"),
                partial(app.run_action, binding.action, node),
            )
