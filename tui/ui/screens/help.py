"""The help screen: every key of every pane, read from the bindings themselves."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keynames import key_label

Row = tuple[str, str, str]
"""Keys, what they do, and the binding's id (to remap it in the config file)."""


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[Row]:
    """A row for each binding, with the user's own keys where the keymap has them; the
    ten link digits become one row."""
    rows: list[Row] = []
    seen_digits = False
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        if binding.action.startswith("digit("):
            if not seen_digits:
                rows.append(("0-9 Enter", "Follow the link with that number", ""))
                seen_digits = True
            continue
        keys = (keymap or {}).get(binding.id or "", binding.key)
        rows.append((key_label(keys), binding.description or binding.action, binding.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys, grouped by where they work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
    ]

    def __init__(self, sections: list[tuple[str, list[Row]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys — Esc or ? to close"
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim")
        for title, rows in self._sections:
            table.add_row(Text(title, style="bold underline"), "", "")
            for keys, description, binding_id in rows:
                table.add_row(Text(keys), Text(description), Text(binding_id))
            table.add_row("", "", "")
        # Text, not str: Rich reads a str cell as markup and "[keys]" would vanish.
        table.add_row(
            "", Text("The ids on the right name the keys in the config file's [keys]."), ""
        )
        return table

    @property
    def text(self) -> str:
        """The help as plain text."""
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(self._table())
        return console.export_text()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=1 if direction == "down" else -1, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
