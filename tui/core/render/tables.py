"""A ``<table>`` as a grid: every cell placed in its row and column, spans resolved.

The HTML table model, in one pass over the rows: a cell goes into the first slot of its
row that no cell from above still covers, and covers ``colspan`` × ``rowspan`` slots.
Header rows are those in ``<thead>``, or leading rows made only of ``<th>``. The
``<caption>`` is kept apart. Spans are capped, so a hostile ``colspan="100000"`` cannot
make the grid huge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from selectolax.lexbor import LexborNode

from tui.core.render.document import Cell, Span, Table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MAX_SPAN: Final = 64
MAX_COLUMNS: Final = 256
MAX_ROWS: Final = 20_000
_ALIGNS: Final = ("left", "right", "center")

Inline = Callable[[Iterable[LexborNode]], tuple[Span, ...]]


def _rows(table: LexborNode) -> Iterable[tuple[LexborNode, bool]]:
    """The table's own rows (not a nested table's), and whether each is in ``<thead>``."""
    for child in table.iter():
        tag = child.tag
        if tag == "tr":
            yield child, False
        elif tag in ("thead", "tbody", "tfoot"):
            for row in child.iter():
                if row.tag == "tr":
                    yield row, tag == "thead"


def _span(node: LexborNode, name: str) -> int:
    value = (node.attributes.get(name) or "1").strip()
    return max(1, min(MAX_SPAN, int(value))) if value.isdigit() else 1


def _align(node: LexborNode) -> str:
    align = (node.attributes.get("align") or "").lower()
    if align in _ALIGNS:
        return align
    style = (node.attributes.get("style") or "").lower().replace(" ", "")
    for value in _ALIGNS:
        if f"text-align:{value}" in style:
            return value
    return ""


def build_table(node: LexborNode, inline: Inline) -> tuple[Table, tuple[Span, ...]]:
    """The grid of ``node`` and its caption."""
    caption_node = next((c for c in node.iter() if c.tag == "caption"), None)
    caption = inline(caption_node.iter(include_text=True)) if caption_node is not None else ()
    cells: list[Cell] = []
    covered: dict[int, set[int]] = {}  # row → columns covered from rows above
    header_rows = 0
    leading = True
    columns = 0
    row_index = 0
    for row, in_head in _rows(node):
        if row_index >= MAX_ROWS:
            break
        taken = covered.pop(row_index, set())
        column = 0
        all_th = True
        had_cell = False
        for cell in row.iter():
            if cell.tag not in ("td", "th"):
                continue
            had_cell = True
            while column in taken:
                column += 1
            if column >= MAX_COLUMNS:
                break
            colspan = min(_span(cell, "colspan"), MAX_COLUMNS - column)
            rowspan = _span(cell, "rowspan")
            all_th = all_th and cell.tag == "th"
            spans = inline(cell.iter(include_text=True))
            cells.append(
                Cell(spans, row_index, column, rowspan, colspan, cell.tag == "th", _align(cell))
            )
            for below in range(row_index + 1, row_index + rowspan):
                covered.setdefault(below, set()).update(range(column, column + colspan))
            column += colspan
            columns = max(columns, column)
        if not had_cell:
            continue
        if leading and (in_head or all_th):
            header_rows += 1
        else:
            leading = False
        row_index += 1
    rows = row_index
    # A rowspan reaching past the last row ends there.
    fitted = tuple(
        Cell(c.spans, c.row, c.column, min(c.rowspan, rows - c.row), c.colspan, c.header, c.align)
        for c in cells
    )
    if header_rows >= rows:
        header_rows = 1 if rows > 1 else 0
    return Table(fitted, rows, columns, header_rows), caption
