"""A rendered story as plain text, like ``w3m -dump``: for ``belga --dump``.

The lines are the layout engine's (:mod:`tui.core.render.layout`), the very lines the
reading pane shows, without their styles. Every link is followed by its number,
``[n]``, and the numbers are listed with their URLs at the end, so the text can be
read, grepped or mailed without losing a link.
"""

from __future__ import annotations

from tui.core.render.cells import NO_BREAK
from tui.core.render.document import Document
from tui.core.render.layout import MIN_WIDTH, layout
from tui.core.render.lines import text_of


def to_plain_text(document: Document, width: int = 80) -> str:
    """The document as text wrapped to ``width`` cells, ending with its list of links."""
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    for _, block_lines in layout(document.blocks, width):
        lines.extend(text_of(line).replace(NO_BREAK, " ").rstrip() for line in block_lines)
    if document.links:
        lines.extend(["", "Links", "─────"])
        digits = len(str(document.links[-1].number))
        lines.extend(
            f"[{link.number}]".rjust(digits + 2) + f" {link.url}" for link in document.links
        )
    return "\n".join(lines).strip("\n") + "\n"
