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
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="help.page_up"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="help.half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="help.half_up"),
        Binding("g,home", "top", "Top", show=False, id="help.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="help.bottom"),
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

    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        """The same keys as the reading pane: j k, Space b, Ctrl+D Ctrl+U, g G."""
        self._body().scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        body = self._body()
        body.scroll_relative(
            y=pages * max(1, body.scrollable_content_region.height - 1), animate=False
        )

    def action_half_page(self, direction: int) -> None:
        body = self._body()
        body.scroll_relative(
            y=direction * max(1, body.scrollable_content_region.height // 2), animate=False
        )

    def action_top(self) -> None:
        self._body().scroll_home(animate=False)

    def action_bottom(self) -> None:
        self._body().scroll_end(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
