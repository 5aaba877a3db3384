"""A sidebar entry's text that fits on one line is that line (tui/ui/widgets/related.py
``_fit``): the same lines as the wrapping gives, for any text, width and room."""

from __future__ import annotations

import random

from rich.style import Style
from rich.text import Text

from tui.ui.glyphs import chosen
from tui.ui.widgets.related import _fit
from tui.ui.wrapping import fit


def wrapped(text: Text, width: int, most: int) -> list[Text]:
    """``_fit`` without its shortcut: always through the wrapping (tui/ui/wrapping.py,
    which breaks lines as the reading pane does; Rich's wrap did before)."""
    lines = fit(text, max(4, width), most, chosen().ellipsis)
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    return lines


def shape(lines: list[Text]) -> list[tuple[object, ...]]:
    return [
        (line.plain, line.spans, line.style, line.justify, line.overflow, line.no_wrap, line.end)
        for line in lines
    ]


def test_the_lines_are_those_of_rich_wrap() -> None:
    rng = random.Random(7)
    words = ["[12]", "Brussels", "a", "  ", " ", "\t", "\n", "日本語", "✓", "…", "·", "x" * 30]
    styles = [Style(bold=True), Style(color="red"), Style(italic=True, color="#102030")]
    fitted = 0
    for _ in range(4000):
        text = Text()
        for _ in range(rng.randint(0, 6)):
            text.append(rng.choice(words) + rng.choice(["", " ", "  "]), rng.choice(styles))
        if rng.random() < 0.3:
            text = Text.assemble(("[3] ", styles[0]), text.plain)
        width, most = rng.randint(1, 40), rng.randint(1, 3)
        ours = _fit(text.copy(), width, most)
        assert shape(ours) == shape(wrapped(text.copy(), width, most)), (text.plain, width)
        fitted += len(ours) == 1 and text.cell_len <= width
    assert fitted > 500
