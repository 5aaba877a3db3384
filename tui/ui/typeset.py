"""Typesetting: a story's blocks as wrapped, styled lines of Rich text.

This is the reading pane's renderer. It replaces Textual's ``Markdown`` widget, which
builds a widget per block and is far too slow for long stories (see the benchmark):
here a block becomes a few :class:`rich.text.Text` lines, cheaply, and the pane only
paints the lines on screen. Pure: no Textual, no I/O, safe to call from a thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from rich import box
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui.core.document import Block, BlockKind, Mark, Span

STYLE_NAMES: Final = (
    "title", "meta", "heading", "link", "link-number", "quote", "quote-bar", "code",
    "rule", "card-bar", "card-title", "card-detail", "figure", "credit", "placeholder",
    "table-header", "marker",
)  # fmt: skip

Styles = Mapping[str, Style]

_NO_BLANK_BETWEEN: Final = {BlockKind.LIST_ITEM, BlockKind.QUOTE}


def _span_text(spans: Iterable[Span], styles: Styles, base: Style | None = None) -> Text:
    text = Text(style=base or Style())
    for span in spans:
        style = Style(
            bold=bool(span.marks & Mark.BOLD) or None,
            italic=bool(span.marks & Mark.ITALIC) or None,
            strike=bool(span.marks & Mark.STRIKE) or None,
        )
        if span.marks & Mark.CODE:
            style += styles["code"]
        if span.link is not None:
            text.append(span.text, style + styles["link"])
            text.append(f"[{span.link}]", styles["link-number"])
        else:
            text.append(span.text, style)
    return text


def _number(link: int | None, styles: Styles) -> Text:
    return Text(f" [{link}]", styles["link-number"]) if link is not None else Text()


def _wrap(
    console: Console,
    text: Text,
    width: int,
    first: str = "",
    rest: str = "",
    prefix_style: Style | None = None,
) -> list[Text]:
    """Wrap ``text`` to ``width``, with a first-line prefix and a hanging indent."""
    indent = max(len(first), len(rest))
    inner = max(8, width - indent)
    lines = text.wrap(console, inner, overflow="fold") if text.plain else [Text()]
    result: list[Text] = []
    for index, line in enumerate(lines):
        line.rstrip()
        prefix = first if index == 0 else rest
        result.append(Text.assemble((prefix.ljust(indent), prefix_style or Style()), line))
    return result


def _table(console: Console, block: Block, width: int, styles: Styles) -> list[Text]:
    if not block.rows:
        return []
    table = Table(
        show_edge=False,
        pad_edge=False,
        header_style=styles["table-header"],
        show_header=block.header,
        box=box.SIMPLE_HEAD if width >= 40 else None,
    )
    for cell in block.rows[0]:
        table.add_column(_span_text(cell, styles) if block.header else "", overflow="fold")
    for row in block.rows[1:] if block.header else block.rows:
        table.add_row(*(_span_text(cell, styles) for cell in row))
    options = console.options.update_width(width)
    rendered = console.render_lines(table, options, pad=False)
    lines = []
    for segments in rendered:
        line = Text()
        for segment in segments:
            line.append(segment.text, segment.style)
        line.rstrip()
        lines.append(line)
    return lines


def typeset_block(console: Console, block: Block, width: int, styles: Styles) -> list[Text]:
    """The lines of ``block`` at ``width`` cells."""
    kind = block.kind
    if kind is BlockKind.TITLE:
        return _wrap(console, _span_text(block.spans, styles, styles["title"]), width)
    if kind is BlockKind.META:
        return _wrap(console, _span_text(block.spans, styles, styles["meta"]), width)
    if kind is BlockKind.HEADING:
        return _wrap(console, _span_text(block.spans, styles, styles["heading"]), width)
    if kind is BlockKind.PARAGRAPH:
        return _wrap(console, _span_text(block.spans, styles), width)
    if kind is BlockKind.QUOTE:
        bar = "▌ " * max(1, block.level)
        return _wrap(
            console,
            _span_text(block.spans, styles, styles["quote"]),
            width,
            bar,
            bar,
            styles["quote-bar"],
        )
    if kind is BlockKind.LIST_ITEM:
        indent = "  " * block.level
        first = f"{indent}{block.marker} "
        return _wrap(
            console,
            _span_text(block.spans, styles),
            width,
            first,
            " " * len(first),
            styles["marker"],
        )
    if kind is BlockKind.CODE:
        return [Text(line, styles["code"]) for line in _code_lines(block.text, width)]
    if kind is BlockKind.TABLE:
        return _table(console, block, width, styles)
    if kind is BlockKind.RULE:
        return [Text("─" * min(width, 24), styles["rule"], justify="center")]
    if kind is BlockKind.CARD:
        title = _span_text(block.spans, styles, styles["card-title"])
        title.append_text(_number(block.link, styles))
        lines = _wrap(console, title, width, "┃ ", "┃ ", styles["card-bar"])
        detail = _span_text(block.detail, styles, styles["card-detail"])
        if block.label:
            detail.append(f"{' — ' if detail.plain else ''}{block.label}", styles["meta"])
        if detail.plain:
            lines += _wrap(console, detail, width, "┃ ", "┃ ", styles["card-bar"])
        return lines
    if kind is BlockKind.FIGURE:
        text = Text(f"▣ {block.label or 'Image'}", styles["placeholder"])
        text.append_text(_number(block.link, styles))
        caption = _span_text(block.spans, styles, styles["figure"])
        credit = _span_text(block.detail, styles, styles["credit"])
        for part in (caption, credit):
            if part.plain.strip():
                text.append(": " if part is caption else " — ", styles["figure"])
                text.append_text(part)
        return _wrap(console, text, width)
    if kind is BlockKind.CREDIT:
        return _wrap(console, _span_text(block.spans, styles, styles["credit"]), width)
    if kind is BlockKind.PLACEHOLDER:
        text = Text(f"⧉ {block.label or 'Content'} not shown", styles["placeholder"])
        text.append_text(_number(block.link, styles))
        if block.text.strip() and block.text.strip() != block.label:
            text.append(": ")
            text.append_text(_span_text(block.spans, styles, styles["figure"]))
        return _wrap(console, text, width)
    return _wrap(console, _span_text(block.spans, styles), width)


def _code_lines(code: str, width: int) -> list[str]:
    lines: list[str] = []
    for line in code.rstrip("\n").split("\n"):
        line = line.expandtabs(4)
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    return lines


def needs_gap(previous: Block | None, block: Block) -> bool:
    """Whether a blank line goes between ``previous`` and ``block``."""
    if previous is None:
        return False
    if previous.kind is BlockKind.TITLE and block.kind is BlockKind.META:
        return False
    return not (previous.kind is block.kind and block.kind in _NO_BLANK_BETWEEN)
