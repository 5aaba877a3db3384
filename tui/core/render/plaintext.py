"""A rendered story as plain text, like ``w3m -dump``: for ``belga --dump``.

Every link is followed by its number, ``[n]``, and the numbers are listed with their URLs
at the end, so the text can be read, grepped or mailed without losing a link.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from tui.core.render.document import Block, BlockKind, Document, Span

MIN_WIDTH: Final = 20
# Joins "[n]" to the word before it so that wrapping cannot leave it alone on a line;
# it becomes a space once lines are wrapped. Story text never holds a NUL: clean_text.
_GLUE: Final = "\x00"
_COLUMN_GAP: Final = " │ "
_MIN_COLUMN: Final = 4


def to_plain_text(document: Document, width: int = 80) -> str:
    """The document as text wrapped to ``width`` columns, ending with its list of links."""
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    previous: Block | None = None
    items = _ListIndents()
    for block in document.blocks:
        if block.kind is BlockKind.LIST_ITEM:
            rendered = items.render(block, width)
        else:
            rendered = _RENDERERS.get(block.kind, _paragraph)(block, width)
        if not rendered:
            continue
        if previous is not None and not _compact(previous, block):
            lines.append("")
        lines.extend(rendered)
        previous = block
    if document.links:
        lines.extend(["", *_underlined("Links", "─")])
        digits = len(str(document.links[-1].number))
        lines.extend(
            f"[{link.number}]".rjust(digits + 2) + f" {link.url}" for link in document.links
        )
    text = "\n".join(line.replace(_GLUE, " ").rstrip() for line in lines)
    return text.strip("\n") + "\n"


def _compact(previous: Block, block: Block) -> bool:
    """Items of one list follow each other without a blank line."""
    return previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM


def inline(spans: Iterable[Span]) -> str:
    """The text of spans, each link followed by its number."""
    parts: list[str] = []
    spans = list(spans)
    for index, span in enumerate(spans):
        parts.append(span.text)
        following = spans[index + 1].link if index + 1 < len(spans) else None
        if span.link is not None and following != span.link:
            parts.append(_number(span.link))
    return "".join(parts)


def _number(link: int | None) -> str:
    return f"{_GLUE}[{link}]" if link is not None else ""


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` wrapped with a prefix on each line; a "\\n" in it is a forced line break."""
    lines: list[str] = []
    text = text.replace("© ", "©" + _GLUE)  # "©" never ends a line
    for piece in text.split("\n"):
        prefix = rest if lines else first
        wrapped = textwrap.wrap(
            piece,
            width,
            initial_indent=prefix,
            subsequent_indent=rest,
            break_long_words=False,  # a URL or a long name stays whole, even past the edge
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [prefix])
    return lines


def _underlined(text: str, rule: str, width: int = 0) -> list[str]:
    lines = _wrap(text, width) if width else [text]
    return [*lines, rule * max(len(line) for line in lines)]


def _paragraph(block: Block, width: int) -> list[str]:
    text = inline(block.spans)
    return _wrap(text, width) if text.strip() else []


def _title(block: Block, width: int) -> list[str]:
    return _underlined(inline(block.spans), "═", width)


def _heading(block: Block, width: int) -> list[str]:
    return _underlined(inline(block.spans), "─", width)


def _quote(block: Block, width: int) -> list[str]:
    prefix = "│ " * max(block.level, 1)
    return _wrap(inline(block.spans), width, prefix, prefix)


class _ListIndents:
    """Lists hang: an item's text, and the items nested in it, start under its first word."""

    def __init__(self) -> None:
        self._text_columns: list[int] = []  # where the text of the last item of each level starts

    def render(self, block: Block, width: int) -> list[str]:
        level = min(block.level, len(self._text_columns))
        indent = " " * (self._text_columns[level - 1] if level else 0)
        marker = f"{block.marker} " if block.marker else "  "
        self._text_columns[level:] = [len(indent) + len(marker)]
        return _wrap(inline(block.spans), width, indent + marker, indent + " " * len(marker))


def _code(block: Block, width: int) -> list[str]:
    return ["    " + line.expandtabs(4) for line in block.text.split("\n")]


def _rule(block: Block, width: int) -> list[str]:
    return ["─" * width]


def _card(block: Block, width: int) -> list[str]:
    lines = _wrap(inline(block.spans) + _number(block.link), width, "▸ ", "  ")
    description = inline(block.detail)
    if description:
        lines.extend(_wrap(description, width, "  ", "  "))
    if block.label:
        lines.extend(_wrap(block.label, width, "  ", "  "))
    return lines


def _bracketed(block: Block, label: str) -> str:
    said = " — ".join(part for part in (inline(block.spans), inline(block.detail)) if part)
    return f"[{label}: {said}]" if said else f"[{label}]"


def _figure(block: Block, width: int) -> list[str]:
    return _wrap(_bracketed(block, block.label or "Image") + _number(block.link), width)


def _placeholder(block: Block, width: int) -> list[str]:
    name = block.label or inline(block.spans) or "Content"
    said = inline(block.detail)
    text = f"[{name} not shown: {said}]" if said else f"[{name} not shown]"
    return _wrap(text + _number(block.link), width)


def _table(block: Block, width: int) -> list[str]:
    rows = [[inline(cell) for cell in row] for row in block.rows]
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return []
    rows = [row + [""] * (columns - len(row)) for row in rows]
    natural = [max(len(row[c]) for row in rows) for c in range(columns)]
    widths = _fit(natural, width - len(_COLUMN_GAP) * (columns - 1))
    lines: list[str] = []
    for index, row in enumerate(rows):
        lines.extend(_table_row(row, widths))
        if index == 0 and block.header and len(rows) > 1:
            lines.append("─┼─".join("─" * w for w in widths))
    return lines


def _table_row(row: Sequence[str], widths: Sequence[int]) -> list[str]:
    cells = [_wrap(text, w) or [""] for text, w in zip(row, widths, strict=True)]
    height = max(len(cell) for cell in cells)
    return [
        _COLUMN_GAP.join(
            (cell[i] if i < len(cell) else "").ljust(w)
            for cell, w in zip(cells, widths, strict=True)
        )
        for i in range(height)
    ]


def _fit(natural: list[int], available: int) -> list[int]:
    """Column widths within ``available``: the widest columns give way first."""
    widths = [max(w, 1) for w in natural]
    while sum(widths) > available:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= _MIN_COLUMN:
            break  # too many columns for the width: let the table run over
        widths[widest] -= 1
    return widths


_RENDERERS: Final[dict[BlockKind, Callable[[Block, int], list[str]]]] = {
    BlockKind.TITLE: _title,
    BlockKind.META: _paragraph,
    BlockKind.HEADING: _heading,
    BlockKind.PARAGRAPH: _paragraph,
    BlockKind.CREDIT: _paragraph,
    BlockKind.QUOTE: _quote,
    BlockKind.CODE: _code,
    BlockKind.TABLE: _table,
    BlockKind.RULE: _rule,
    BlockKind.CARD: _card,
    BlockKind.FIGURE: _figure,
    BlockKind.PLACEHOLDER: _placeholder,
}
