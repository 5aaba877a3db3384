"""The help screen: every key of every pane, read from the bindings themselves."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.keynames import key_label
from tui.ui.screens.dialog import Dialog

Row = tuple[str, str, str]
"""Keys, what they do, and the binding's id (to remap it in the config file)."""


WHEN: Final[Mapping[frozenset[str], str]] = {
    frozenset({"app.quit", "app.leave"}): "Back one level; quits from the list",
    frozenset({"story.next_unread", "story.next_match"}): (
        "Next unread; next match during a search"
    ),
}
"""One row for a key that does two things, saying when each applies (else the two
descriptions, joined)."""


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[Row]:
    """A row for each key, with the user's own keys where the keymap has them; the ten
    link digits become one row, and a key bound twice (``q``: back or quit) one row."""
    rows: list[Row] = []
    where: dict[str, int] = {}
    merged: dict[int, list[Binding]] = {}
    seen_digits = False
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        if binding.action.startswith("digit("):
            if not seen_digits:
                rows.append(("0-9 Enter", "Follow the link with that number", ""))
                seen_digits = True
            continue
        keys = key_label((keymap or {}).get(binding.id or "", binding.key))
        if keys in where:
            index = where[keys]
            merged[index].append(binding)
            ids = frozenset(b.id or "" for b in merged[index])
            joined = "; ".join(b.description or b.action for b in merged[index])
            rows[index] = (keys, WHEN.get(ids, joined), " ".join(sorted(ids - {""})))
            continue
        where[keys] = len(rows)
        merged[len(rows)] = [binding]
        rows.append((keys, binding.description or binding.action, binding.id or ""))
    return rows


WIDE: Final = 80
"""Below this many columns inside the help box the ids go under their descriptions:
three columns squeezed the descriptions to a word a line and cut the ids at 60."""

NOTICES_SHOWN: Final = 5


def _inside(screen_width: int) -> int:
    """The help box's width inside its border and padding (see belga.tcss)."""
    return min(100, screen_width * 8 // 10) - 4


class HelpScreen(Dialog[None]):
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

    def __init__(self, sections: list[tuple[str, list[Row]]], notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.sections = sections
        self._notices = list(notices)[-NOTICES_SHOWN:][::-1]
        """The last notices in full, newest first: the status line cuts a long one."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys — Esc or ? to close"
            yield Static(self._table(_inside(self.app.size.width)), id="help-table")

    def on_resize(self) -> None:
        self.query_one("#help-table", Static).update(self._table(_inside(self.size.width)))

    def _table(self, width: int) -> Table:
        wide = width >= WIDE
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        if wide:
            table.add_column(style="dim", no_wrap=True)

        def row(*cells: Text | str) -> None:
            table.add_row(*cells[: 3 if wide else 2])

        # Text, not str: Rich reads a str cell as markup and "[keys]" would vanish.
        if self._notices:
            row(Text("Last notices", style="bold underline"), Text("newest first"), "")
            for notice in self._notices:  # whole: a long path folds, never ends in "…"
                row("", Text(notice, overflow="fold"), "")
            row("", "", "")
        for title, rows in self.sections:
            row(Text(title, style="bold underline"), "", "")
            for keys, description, binding_id in rows:
                if wide or not binding_id:
                    row(Text(keys), Text(description), Text(binding_id))
                else:
                    under = Text(description)
                    under.append(f"\n{binding_id}", style="dim")
                    row(Text(keys), under)
            row("", "", "")
        where = "on the right" if wide else "under each key's description"
        row("", Text(f"The ids {where} name the keys in the config file's [keys]."), "")
        return table

    @property
    def text(self) -> str:
        """The help as plain text, as wide as it is shown."""
        width = _inside(self.size.width or 120)
        console = Console(width=width, record=True, file=io.StringIO())
        console.print(self._table(width))
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
