"""Tables in lines: a grid of columns when they fit, else one record per row.

Column widths come from the cells in one pass: a column is never narrower than its
longest word (so no number is ever cut); when the table is too wide, the short columns
keep their natural width and the long ones share what is left (see :func:`_fit`). A
cell spanning columns gets their widths and the gaps between them; a cell spanning rows
is drawn in its first row. When even the narrowest columns cannot fit, each row is drawn
as a record of ``Header: value`` lines (a value spanning rows is repeated in each, so no
row loses a value).
"""

from __future__ import annotations

import re

from tui.core.render.cells import width
from tui.core.render.document import Cell, Table
from tui.core.render.lines import EMPTY, Line, Run, pad, prefixed, runs, set_runs, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

GAP: Final = " │ "
_GAP_CELLS: Final = 3
_NUMBER: Final = r"[-+−(]?[€$£%]?\s?[\d.,  '’]*\d[\d.,  '’]*\s?[%€$£)]?"  # compiled when used


def _cell_runs(cell: Cell) -> list[Run]:
    return runs(cell.spans, "table-header" if cell.header else "")


def _longest_word(pieces: list[Run]) -> int:
    text = "".join(run.text for run in pieces).replace("\u00ad", " ")
    return max((width(word) for word in text.split()), default=0)


def _align(cell: Cell) -> str:
    if cell.align:
        return cell.align
    number = not cell.header and re.fullmatch(_NUMBER, cell.text.strip() or "x")
    return "right" if number else "left"


def layout_table(table: Table, cells: int) -> list[Line]:
    """The lines of ``table`` in at most ``cells`` cells a line."""
    if not table.cells or table.columns == 0:
        return []
    texts = {id(cell): _cell_runs(cell) for cell in table.cells}
    columns = table.columns
    least = [1] * columns
    natural = [1] * columns
    for cell in table.cells:
        pieces = texts[id(cell)]
        if cell.colspan == 1:
            least[cell.column] = max(least[cell.column], _longest_word(pieces))
            natural[cell.column] = max(natural[cell.column], width(text_of(tuple(pieces))))
    for cell in table.cells:  # spanning cells widen the columns they span, if need be
        if cell.colspan > 1:
            span = range(cell.column, min(columns, cell.column + cell.colspan))
            gaps = _GAP_CELLS * (len(span) - 1)
            for sizes, wanted in (
                (least, _longest_word(texts[id(cell)])),
                (natural, width(text_of(tuple(texts[id(cell)])))),
            ):
                missing = wanted - gaps - sum(sizes[c] for c in span)
                if missing > 0:
                    for offset, column in enumerate(span):
                        sizes[column] += missing // len(span) + (offset < missing % len(span))
    gaps = _GAP_CELLS * (columns - 1)
    if sum(least) + gaps > cells:
        return stacked(table, cells)
    widths = _fit(least, natural, cells - gaps)
    return _grid(table, widths, texts)


def _fit(least: list[int], natural: list[int], available: int) -> list[int]:
    """Each column's width: its natural width when all fit; else every column gets its
    longest word, and what is left is shared fairly, the columns that need least first:
    a column that needs no more than an equal share gets all it needs (``Region 1``,
    ``Area km²`` stay whole) and the long columns share the rest (they wrap anyway).
    Shares in proportion broke the short cells while a long column had room to give."""
    if sum(natural) <= available:
        return natural
    widths = list(least)
    spare = available - sum(least)
    wanting = sorted(range(len(widths)), key=lambda i: natural[i] - least[i])
    for done, index in enumerate(wanting):
        share = spare // (len(wanting) - done)  # the last column takes all that is left
        given = min(natural[index] - least[index], share)
        widths[index] += given
        spare -= given
    return widths


def _grid(table: Table, widths: list[int], texts: dict[int, list[Run]]) -> list[Line]:
    by_row: dict[int, list[Cell]] = {}
    for placed in table.cells:
        by_row.setdefault(placed.row, []).append(placed)
    slots = table.grid()
    lines: list[Line] = []
    for row in range(table.rows):
        starting = {placed.column: placed for placed in by_row.get(row, [])}
        drawn: list[tuple[int, int, list[Line], str]] = []  # (column, cells, lines, align)
        column = 0
        while column < table.columns:
            cell = starting.get(column)
            span = cell.colspan if cell is not None else 1
            span = max(1, min(span, table.columns - column))
            cells = sum(widths[column : column + span]) + _GAP_CELLS * (span - 1)
            if cell is not None:
                pieces = texts[id(cell)]
                body = set_runs(pieces, cells) if pieces else [EMPTY]
                drawn.append((column, cells, body, _align(cell)))
            else:
                covering = slots[row][column]
                if covering is not None and covering.colspan > 1:
                    span = max(1, covering.column + covering.colspan - column)
                    cells = sum(widths[column : column + span]) + _GAP_CELLS * (span - 1)
                drawn.append((column, cells, [EMPTY], "left"))
            column += span
        height = max(len(body) for _, _, body, _ in drawn)
        for index in range(height):
            parts: list[Run] = []
            for position, (_, cells, body, align) in enumerate(drawn):
                if position:
                    parts.append(Run(GAP, "rule"))
                piece = body[index] if index < len(body) else EMPTY
                parts.extend(pad(piece, cells, align))
            lines.append(_rstrip(tuple(parts)))
        if row == table.header_rows - 1 and table.rows > table.header_rows:
            rule = "─┼─".join("─" * w for w in widths)
            lines.append((Run(rule, "rule"),))
    return lines


def _rstrip(line: Line) -> Line:
    runs_ = list(line)
    while runs_ and not runs_[-1].text.strip():
        runs_.pop()
    if runs_:
        last = runs_[-1]
        runs_[-1] = Run(last.text.rstrip(), last.style, last.marks, last.link, last.marker)
    return tuple(runs_)


def stacked(table: Table, cells: int) -> list[Line]:
    """One record per body row: ``Header: value`` for each of its cells."""
    slots = table.grid()
    labels: list[str] = []
    for column in range(table.columns):
        names: list[str] = []
        for row in range(table.header_rows):
            cell = slots[row][column]
            name = cell.text.strip() if cell is not None else ""
            if name and name not in names:
                names.append(name)
        labels.append(" / ".join(names))
    lines: list[Line] = []
    first_body = table.header_rows if table.header_rows < table.rows else 0
    for row in range(first_body, table.rows):
        if lines:
            lines.append(EMPTY)
        previous: Cell | None = None
        for column in range(table.columns):
            cell = slots[row][column]
            if cell is None or cell is previous:
                continue
            previous = cell
            label = labels[column]
            value = runs(cell.spans, "table-header" if cell.header else "")
            pieces = [Run(f"{label}: ", "table-header"), *value] if label else value
            if not "".join(run.text for run in pieces).strip():
                continue
            record = set_runs(pieces, cells, max(1, cells - 2))
            lines.extend(prefixed(record, (), (Run("  "),)))  # a hanging indent
    return lines
