"""The layout engine: blocks → lines of styled runs, for a width in terminal cells.

One engine for the reading pane (which styles the runs) and ``belga --dump`` (which
prints their text): both show the same lines. Every line fits the width; a word is
never broken unless it is longer than a whole line (see :mod:`tui.core.render.cells`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tui.core.render.cells import cut
from tui.core.render.cells import width as cells_of
from tui.core.render.document import FACT_SEPARATOR, Block, BlockKind, Mark, Span, Table
from tui.core.render.lines import (
    EMPTY,
    Line,
    Run,
    line_width,
    marker,
    prefixed,
    runs,
    set_runs,
)
from tui.core.render.table_layout import layout_table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MIN_WIDTH: Final = 20
"""The narrowest a story is laid out: a narrower pane shows the left of its lines."""
QUOTE_BAR: Final = "▌"
CARD_BAR: Final = "┃"
LIST_INDENT: Final = 4
"""Cells a definition is indented by."""
RULE_CELLS: Final = 24
_CODE_TAB: Final = 4
CODE_INDENT: Final = 4


def needs_gap(previous: Block | None, block: Block) -> bool:
    """Whether a blank line goes between ``previous`` and ``block``."""
    if previous is None:
        return False
    kinds = previous.kind, block.kind
    if kinds == (BlockKind.TERM, BlockKind.DEFINITION) or kinds == (
        BlockKind.DEFINITION,
        BlockKind.DEFINITION,
    ):
        return False
    together = previous.group == block.group
    return not (
        together and previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM
    )


def gap_line(previous: Block, block: Block) -> Line:
    """The line between two blocks: blank, or the bars of the quote they share."""
    depth = min(previous.quote, block.quote)
    return (Run(QUOTE_BAR * depth, "quote-bar"),) if depth else EMPTY


class Indents:
    """Where lists hang: an item's text, and the items nested in it, start under its first
    word. Blocks are laid out in reading order, so this follows them."""

    def __init__(self) -> None:
        self._columns: list[int] = []  # the text column of the last item of each level

    def item(self, level: int, label: str) -> tuple[int, int]:
        """(indent, text column) of an item at ``level`` whose marker is ``label``."""
        level = min(level, len(self._columns))
        indent = self._columns[level - 1] if level else 0
        if not label and level < len(self._columns):  # more text of the item above
            return indent, self._columns[level]
        column = indent + (cells_of(label) + 1 if label else 2)
        self._columns[level:] = [column]
        return indent, column

    def under(self, depth: int) -> int:
        """The text column of the item at list depth ``depth`` (1 = a top-level item)."""
        depth = min(depth, len(self._columns))
        return self._columns[depth - 1] if depth else 0


def layout(blocks: Iterable[Block], width: int) -> Iterator[tuple[int, list[Line]]]:
    """Each block's lines, with the gap line before it: (index of the block, lines)."""
    previous: Block | None = None
    indents = Indents()
    for index, block in enumerate(blocks):
        lines = layout_block(block, width, indents)
        if not lines:
            continue
        if needs_gap(previous, block):
            assert previous is not None
            lines.insert(0, gap_line(previous, block))
        previous = block
        yield index, lines


def layout_block(block: Block, width: int, indents: Indents | None = None) -> list[Line]:
    """The lines of ``block`` at ``width`` cells (at least :data:`MIN_WIDTH`).

    ``indents`` carries the list indentation from block to block (pass the same one for
    every block of a story, in order).
    """
    width = max(width, MIN_WIDTH)
    indents = indents if indents is not None else Indents()
    depth = max(block.quote, block.level if block.kind is BlockKind.QUOTE else 0)
    bars = min(depth, width // 8)
    indent = min(indents.under(block.indent), width // 3) if block.indent else 0
    outer: list[Run] = []
    if bars:
        outer.append(Run(f"{QUOTE_BAR} " * bars, "quote-bar"))
    if indent:
        outer.append(Run(" " * indent))
    inner = width - sum(cells_of(run.text) for run in outer)
    if block.kind is BlockKind.LIST_ITEM:
        lines = _item(block, inner, indents)
    else:
        lines = _inner(block, inner)
    return prefixed(lines, outer, outer) if outer else lines


def _inner(block: Block, width: int) -> list[Line]:
    kind = block.kind
    if kind is BlockKind.TITLE:
        return _underlined(runs(block.spans, "title"), width, "═", "title")
    if kind is BlockKind.HEADING:
        return _underlined(runs(block.spans, "heading"), width, "─", "heading")
    if kind is BlockKind.CODE:
        return _code(block.text, width)
    if kind is BlockKind.TABLE:
        return _table(block, width)
    if kind is BlockKind.RULE:
        rule = min(width, RULE_CELLS)
        return [(Run(" " * ((width - rule) // 2)), Run("─" * rule, "rule"))]
    if kind is BlockKind.DEFINITION:
        return _hanging(runs(block.spans), width, [Run(" " * LIST_INDENT)])
    if kind is BlockKind.TERM:
        return set_runs([_bold(run) for run in runs(block.spans)], width)
    if kind in _WIDGETS:
        return _WIDGETS[kind](block, width)
    if kind is BlockKind.META and FACT_SEPARATOR in block.text:
        return set_runs(runs([Span(_fact_lines(block.text, width))], "meta"), width)
    style = _STYLES.get(kind, "")
    return set_runs(runs(block.spans, style), width) if block.spans else []


_STYLES: Final = {
    BlockKind.META: "meta",
    BlockKind.QUOTE: "quote",
    BlockKind.CREDIT: "credit",
    BlockKind.NOTE: "placeholder",
}


def _fact_lines(text: str, width: int) -> str:
    """A byline with its line breaks between facts: each fact (with its "·") whole on a
    line where it fits, never "26 November 2026, / 08:30"; a fact wider than the line
    is wrapped at its own spaces, as prose is."""
    facts = text.split(FACT_SEPARATOR)
    dot = FACT_SEPARATOR.rstrip()
    pieces = [fact + dot for fact in facts[:-1]] + facts[-1:]
    lines: list[str] = []
    for piece in pieces:
        if lines and cells_of(lines[-1]) + 1 + cells_of(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def _bold(run: Run) -> Run:
    return Run(run.text, run.style, run.marks | Mark.BOLD, run.link, run.marker)


def _underlined(pieces: list[Run], width: int, rule: str, style: str) -> list[Line]:
    if not pieces:
        return []
    lines = set_runs(pieces, width)
    longest = max(line_width(line) for line in lines)
    return [*lines, (Run(rule * max(1, min(width, longest)), style),)]


def _hanging(pieces: list[Run], width: int, first: list[Run], rest: list[Run] | None = None,
             ) -> list[Line]:  # fmt: skip
    """``pieces`` after ``first``, the lines after the first under its end."""
    lead = sum(cells_of(run.text) for run in first)
    rest = rest if rest is not None else [Run(" " * lead)]
    lines = set_runs(pieces, max(1, width - lead)) if pieces else [EMPTY]
    return prefixed(lines, first, rest)


def _item(block: Block, width: int, indents: Indents) -> list[Line]:
    indent, column = indents.item(block.level, block.marker)
    indent, column = min(indent, width // 2), min(column, width // 2 + column - indent)
    first = [Run(" " * indent)] if indent else []
    if block.marker:
        first.append(Run(block.marker + " ", "marker"))
    else:
        first.append(Run(" " * (column - indent)))
    rest = [Run(" " * column)]
    if not block.spans:
        return [tuple(first)]
    return _hanging(runs(block.spans), width, first, rest)


def _code(code: str, width: int) -> list[Line]:
    """Code keeps its lines, indented; a line too long for the width is folded."""
    lines: list[Line] = []
    room = max(1, width - CODE_INDENT)
    margin = Run(" " * CODE_INDENT)
    for source in code.split("\n"):
        source = source.expandtabs(_CODE_TAB)
        while cells_of(source) > room:
            end = cut(source, room)
            lines.append((margin, Run(source[:end], "code")))
            source = source[end:]
        lines.append((margin, Run(source, "code")) if source else EMPTY)
    return lines


def _table(block: Block, width: int) -> list[Line]:
    caption = set_runs(runs(block.detail, "figure"), width) if block.detail else []
    table = block.table or Table.from_rows(block.rows, block.header)
    body = layout_table(table, width)
    return [*caption, *body]


def _labelled(symbol: str, block: Block, name: str) -> list[Run]:
    """``▣ Image[3]``: a symbol, what the block is, and its link number."""
    head = [Run(f"{symbol} {name}", "placeholder")]
    if block.link is not None:
        head.append(marker(block.link))
    return head


def _joined(head: list[Run], *parts: list[Run]) -> list[Run]:
    """``head: first — second``, leaving out empty parts, never doubling a separator."""
    pieces = list(head)
    separator = ": "
    for part in parts:
        if part and "".join(run.text for run in part).strip():
            pieces.append(Run(separator, "figure"))
            pieces.extend(part)
            separator = " — "
    return pieces


def _figure(block: Block, width: int) -> list[Line]:
    head = _labelled("▣", block, block.label or "Image")
    if block.status:
        head.append(Run(f" ({block.status})", "credit"))
    caption = runs(block.spans, "figure")
    if not caption and block.alt:
        caption = [Run(block.alt, "figure")]
    pieces = _joined(head, caption, runs(block.detail, "credit"))
    lines = set_runs(pieces, width, max(1, width - 2))
    lines = prefixed(lines, (), (Run("  "),))
    if block.spans and block.alt and block.alt != block.text:
        lines.extend(_hanging([Run(f"Alt: {block.alt}", "credit")], width, [Run("  ")]))
    for extra in block.lines:
        lines.extend(_hanging([Run("→ ", "figure"), *runs(extra)], width, [Run("  ")]))
    return lines


def _gallery(block: Block, width: int) -> list[Line]:
    head = [Run(f"▦ {block.label or 'Gallery'}", "placeholder")]
    pieces = _joined(head, runs(block.spans, "figure"), runs(block.detail, "figure"))
    return set_runs(pieces, width)


def _embed(block: Block, width: int) -> list[Line]:
    symbol = "▶" if block.label in ("Video", "Audio") else "⧉"
    head = _labelled(symbol, block, block.label or "Embedded content")
    pieces = _joined(head, runs(block.spans, "figure"), runs(block.detail, "meta"))
    lines = prefixed(set_runs(pieces, width, max(1, width - 2)), (), (Run("  "),))
    for extra in block.lines:
        lines.extend(_hanging(runs(extra, "quote"), width, [Run("  ")]))
    return lines


def _card(block: Block, width: int) -> list[Line]:
    bar = [Run(f"{CARD_BAR} ", "card-bar")]
    title = runs(block.spans, "card-title", numbers=False)
    title = [Run(r.text, "card-title", r.marks, block.link) for r in title]
    if block.link is not None:
        title.append(marker(block.link))
    lines = _hanging(title, width, bar, bar)
    detail = runs(block.detail, "card-detail")
    if block.label:
        detail += [Run(" — " if detail else "", "meta"), Run(block.label, "meta")]
    if detail:
        lines.extend(_hanging(detail, width, bar, bar))
    return lines


def _contact(block: Block, width: int) -> list[Line]:
    bar = [Run(f"{CARD_BAR} ", "card-bar")]
    head = [Run("☎ ", "placeholder"), *[_bold(run) for run in runs(block.spans, "card-title")]]
    if not block.spans:
        head.append(Run("Contact", "placeholder"))
    lines = _hanging(head, width, bar, bar)
    for extra in block.lines:
        lines.extend(_hanging(runs(extra, "card-detail"), width, bar, bar))
    return lines


def _button(block: Block, width: int) -> list[Line]:
    pieces = [Run("[ ", "placeholder"), *runs(block.spans, "card-title", numbers=False)]
    pieces.append(Run(" ]", "placeholder"))
    if block.link is not None:
        pieces.append(marker(block.link))
    return set_runs(pieces, width)


def _attachment(block: Block, width: int) -> list[Line]:
    head = _labelled("⎘", block, block.label or "Attachment")
    pieces = _joined(head, runs(block.spans, "card-title"), runs(block.detail, "meta"))
    return prefixed(set_runs(pieces, width, max(1, width - 2)), (), (Run("  "),))


def _placeholder(block: Block, width: int) -> list[Line]:
    head = _labelled("⧉", block, block.label or "Content")
    said = runs(block.detail, "figure") if block.detail else []
    if not said and block.spans and block.text.strip() != block.label:
        said = runs(block.spans, "figure")
    pieces = _joined(head, said)
    return prefixed(set_runs(pieces, width, max(1, width - 2)), (), (Run("  "),))


_WIDGETS: Final = {
    BlockKind.FIGURE: _figure,
    BlockKind.GALLERY: _gallery,
    BlockKind.EMBED: _embed,
    BlockKind.CARD: _card,
    BlockKind.CONTACT: _contact,
    BlockKind.BUTTON: _button,
    BlockKind.ATTACHMENT: _attachment,
    BlockKind.PLACEHOLDER: _placeholder,
}


def plain(spans: Iterable[Span]) -> str:
    """The text of spans as a line shows them: each link followed by its number."""
    return "".join(run.text for run in runs(spans))
