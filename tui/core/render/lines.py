"""Lines of styled runs, and setting spans into them: the layout engine's material.

A :class:`Run` is a piece of text with a style *name* (``"quote"``, ``"link-number"``…,
see :data:`STYLE_NAMES`), inline marks and a link; a line is a tuple of runs. The reading
pane turns style names into colours; ``belga --dump`` drops them. Every line is at most
the width asked for, counted in terminal cells (:mod:`tui.core.render.cells`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter

from tui.core.render.cells import NO_BREAK, SOFT_HYPHEN, width, wrap
from tui.core.render.document import Mark, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, NamedTuple
else:
    from tui.core.model.record import NamedTuple

STYLE_NAMES: Final = (
    "title", "meta", "heading", "link", "link-number", "quote", "quote-bar", "code",
    "rule", "card-bar", "card-title", "card-detail", "figure", "credit", "placeholder",
    "table-header", "marker",
)  # fmt: skip


class Run(NamedTuple):
    text: str
    style: str = ""
    marks: Mark = Mark.NONE
    link: int | None = None
    """The link this text belongs to (its words, or its ``[n]`` marker)."""
    marker: bool = False
    """Whether this run is a link's ``[n]`` marker."""


Line = tuple[Run, ...]
_new = tuple.__new__
"""``_new(Run, (text, style, marks, link, marker))`` makes a Run without the Python-level
``__new__`` that namedtuple writes (1.3 K instructions less a run: lines are made of
thousands)."""
EMPTY: Final[Line] = ()


def text_of(line: Line) -> str:
    return "".join(map(_TEXT, line))


_TEXT: Final = attrgetter("text")


def line_width(line: Line) -> int:
    return sum(width(run.text) for run in line)


def marker(link: int) -> Run:
    """``[n]`` after a link's text: a no-break space glues it to the last word."""
    return Run(f"{NO_BREAK}[{link}]", "link-number", link=link, marker=True)


def runs(spans: Iterable[Span], style: str = "", numbers: bool = True) -> list[Run]:
    """Runs for ``spans``: link text styled as links, each link followed by its number."""
    found: list[Run] = []
    spans = list(spans)
    for index, span in enumerate(spans):
        if "© " in span.text:  # "©" never ends a line
            span = Span(span.text.replace("© ", f"©{NO_BREAK}"), span.marks, span.link)
        if span.link is not None:
            found.append(_new(Run, (span.text, "link", span.marks, span.link, False)))
            following = spans[index + 1].link if index + 1 < len(spans) else None
            if numbers and following != span.link:
                found.append(marker(span.link))
        elif span.text:
            found.append(_new(Run, (span.text, style, span.marks, None, False)))
    return found


def set_runs(pieces: Sequence[Run], first: int, rest: int | None = None) -> list[Line]:
    """``pieces`` wrapped into lines of ``first`` cells (``rest`` after the first line)."""
    text = "".join(run.text for run in pieces)
    if not text.strip():
        return [EMPTY]
    if (
        len(text) <= first  # a short line (an item, a cell, a heading): nothing to wrap
        and text.isascii()
        and "\n" not in text
        and text[0] != " "
        and text[-1] != " "
        and not any(run.marker for run in pieces)
    ):
        return [tuple(pieces)]
    starts: list[int] = []
    position = 0
    for run in pieces:
        starts.append(position)
        position += len(run.text)
    lines: list[Line] = []
    for placed in wrap(text, first, rest):
        if not placed:
            lines.append(EMPTY)
            continue
        line = _slice(pieces, starts, placed[0][0], placed[-1][1])
        if placed[-1][2]:  # a word broken at a soft hyphen
            hyphen = _styled("-", pieces, starts, placed[-1][1] - 1)
            line.append(hyphen._replace(marks=hyphen.marks | Mark.HYPHEN))
        lines.append(tuple(line))
    return lines


def _styled(text: str, pieces: Sequence[Run], starts: list[int], at: int) -> Run:
    run = pieces[max(0, bisect_right(starts, at) - 1)]
    if run.marker:
        return Run(text)
    return Run(text, run.style, run.marks & ~Mark.CODE, run.link)


def _slice(pieces: Sequence[Run], starts: list[int], start: int, end: int) -> list[Run]:
    """The runs of ``text[start:end]``, soft hyphens left out."""
    index = max(0, bisect_right(starts, start) - 1)
    run = pieces[index]
    if not run.marker and end <= starts[index] + len(run.text):  # one run (most lines)
        text = run.text
        piece = text[start - starts[index] : end - starts[index]]
        if SOFT_HYPHEN in piece:
            piece = piece.replace(SOFT_HYPHEN, "")
        if not piece:
            return []
        return [run if piece == text else _new(Run, (piece, run.style, run.marks, run.link, False))]
    found: list[Run] = []
    count = len(pieces)
    while index < count and starts[index] < end:
        run = pieces[index]
        offset = starts[index]
        text = piece = run.text
        if start > offset or end < offset + len(piece):
            piece = piece[max(0, start - offset) : end - offset]
        if SOFT_HYPHEN in piece:
            piece = piece.replace(SOFT_HYPHEN, "")
        if run.marker and piece.startswith(NO_BREAK):
            # The space before ``[n]`` looks as ``[n]`` and is on its link: the terminal
            # gets one hyperlink and one change of colour (tui/ui/cells.py).
            found.append(Run(" ", run.style, link=run.link))
            piece = piece[1:]
        if piece:  # (a new Run made directly: _replace is several times slower)
            found.append(run if piece is text else _new(Run, (piece, *run[1:])))
        index += 1
    return found


def prefixed(lines: list[Line], first: Sequence[Run], rest: Sequence[Run]) -> list[Line]:
    """Each line with ``first`` (the first line) or ``rest`` (the others) in front."""
    return [(*(first if index == 0 else rest), *line) for index, line in enumerate(lines)]


def pad(line: Line, cells: int, align: str = "left") -> Line:
    """``line`` padded with spaces to ``cells`` cells."""
    missing = cells - line_width(line)
    if missing <= 0:
        return line
    if align == "right":
        return (Run(" " * missing), *line)
    if align == "center":
        left = missing // 2
        return (Run(" " * left), *line, Run(" " * (missing - left)))
    return (*line, Run(" " * missing))
