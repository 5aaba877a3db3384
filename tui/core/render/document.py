"""The document model of a story: blocks of styled spans, and a numbered list of links.

Built in one pass over the body's DOM (:mod:`tui.core.render.build`), laid out in lines
by one engine (:mod:`tui.core.render.layout`) for both the reading pane and
``belga --dump``. It knows nothing of Rich or Textual: a span carries style *flags*, and
each front end decides what they look like. All text in a :class:`Document` is already
cleaned of control characters (:mod:`tui.core.model.text`).

Blocks are flat, in reading order; nesting is carried by fields: ``quote`` (how many
quotes hold the block, each drawn as a bar), ``level`` (list depth) and ``group`` (which
list or quote the block belongs to, so that two lists in a row stay two lists).
"""

from __future__ import annotations

from enum import Enum, IntFlag, auto

from tui.core.model.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


class Mark(IntFlag):
    """Inline styles of a span."""

    NONE = 0
    BOLD = auto()
    ITALIC = auto()
    CODE = auto()
    STRIKE = auto()
    LINK = auto()
    HYPHEN = auto()
    """A hyphen that typesetting added where it broke a word at a soft hyphen: shown,
    but no text of the story (a search reads the word through it)."""


@record(frozen=True)
class Span:
    text: str
    marks: Mark = Mark.NONE
    link: int | None = None
    """The number of the link this span belongs to (see :attr:`Document.links`)."""


FACT_SEPARATOR: Final = "\u00a0· "
"""Between the facts of a META block: a no-break space keeps each "·" with the fact
before it; the layout breaks a byline here first (see layout.py)."""


class BlockKind(Enum):
    TITLE = auto()  # the story's title, first block of the header
    META = auto()  # facts joined by FACT_SEPARATOR: date · author · host · reading time
    HEADING = auto()  # level 1..6 in ``level``
    PARAGRAPH = auto()
    QUOTE = auto()  # a paragraph in a quote; ``level`` = ``quote`` = nesting depth
    LIST_ITEM = auto()  # ``level`` = depth from 0, ``marker`` = "•", "3." or "" (more text)
    CODE = auto()  # preformatted: spans keep their newlines, never wrapped
    TABLE = auto()  # ``table`` (a grid); ``rows`` its text, ``detail`` its caption
    RULE = auto()  # a section separator
    CARD = auto()  # a link to another page: ``spans`` = title, ``detail`` = description
    FIGURE = auto()  # an image: ``spans`` = caption, ``detail`` = credit, ``alt``
    GALLERY = auto()  # heads the FIGURE blocks of a gallery: ``label``, ``detail`` = title
    EMBED = auto()  # video, audio, tweet, iframe: ``label`` = kind, ``spans`` = title,
    # ``detail`` = provider, ``lines`` = fallback text
    CONTACT = auto()  # ``spans`` = name, ``lines`` = role, company, e-mail, phone, links
    BUTTON = auto()  # ``spans`` = label
    ATTACHMENT = auto()  # ``spans`` = file name or title, ``detail`` = file name and size
    TERM = auto()  # a term of a definition list
    DEFINITION = auto()  # its definition
    CREDIT = auto()  # a photo credit or small print closing the body
    PLACEHOLDER = auto()  # something we cannot show: ``label`` names it, ``detail`` its text
    NOTE = auto()  # belga's own word to the reader (a cut document)


Cells = tuple[tuple[Span, ...], ...]


@record(frozen=True)
class Cell:
    """A table cell placed on the grid: it covers ``rowspan`` × ``colspan`` slots."""

    spans: tuple[Span, ...]
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: str = ""  # "", "left", "right" or "center"

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@record(frozen=True)
class Table:
    """A table as a grid: ``rows`` × ``columns`` slots, each covered by at most one cell."""

    cells: tuple[Cell, ...]
    rows: int
    columns: int
    header_rows: int = 0
    """How many rows at the top are headers (repeated as labels in the stacked layout)."""

    @classmethod
    def from_rows(cls, rows: tuple[Cells, ...], header: bool = False) -> Table:
        """A table of plain rows, one cell a slot; the first row a header if ``header``."""
        cells = tuple(
            Cell(spans, r, c, header=header and r == 0)
            for r, row in enumerate(rows)
            for c, spans in enumerate(row)
        )
        columns = max((len(row) for row in rows), default=0)
        return cls(cells, len(rows), columns, 1 if header and len(rows) > 1 else 0)

    def grid(self) -> list[list[Cell | None]]:
        """Each slot's cell (a spanning cell fills every slot it covers)."""
        slots: list[list[Cell | None]] = [[None] * self.columns for _ in range(self.rows)]
        for cell in self.cells:
            for r in range(cell.row, min(self.rows, cell.row + cell.rowspan)):
                for c in range(cell.column, min(self.columns, cell.column + cell.colspan)):
                    slots[r][c] = cell
        return slots


@record(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0
    marker: str = ""
    detail: tuple[Span, ...] = ()
    link: int | None = None
    """For CARD, FIGURE, EMBED, BUTTON, ATTACHMENT: the number of the link it stands for."""
    label: str = ""
    """For CARD: the site's name; for FIGURE/EMBED/PLACEHOLDER/GALLERY: what kind of thing."""
    rows: tuple[Cells, ...] = ()
    """For TABLE: the text of each grid slot, row by row (a spanning cell in its first)."""
    header: bool = False
    table: Table | None = None
    quote: int = 0
    """How many quotes hold this block (each one a bar in front of its lines)."""
    group: int = 0
    """Which list or quote the block belongs to: blocks of one group sit close together."""
    indent: int = 0
    """How many list levels the block hangs under (a table or figure inside an item)."""
    alt: str = ""
    """For FIGURE: the image's alternative text."""
    status: str = ""
    """For FIGURE, with pictures on: why its picture is not drawn (being fetched, failed
    and why, too small), said on its line."""
    lines: tuple[tuple[Span, ...], ...] = ()
    """For CONTACT and EMBED: further lines (role, e-mail, phone; an embed's own text)."""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


class LinkKind(Enum):
    TEXT = "text"  # an ordinary link in the body
    CARD = "card"  # a story card (release-content-bookmark)
    IMAGE = "image"  # the image of a figure
    RELATED = "related"  # from the story's ``links`` only, not in the body


TITLED_KINDS: Final = frozenset({LinkKind.CARD, LinkKind.RELATED})
"""Kinds whose title is the linked story's own title, not the words of a sentence."""


@record(frozen=True)
class Link:
    number: int
    url: str
    title: str
    kind: LinkKind = LinkKind.TEXT
    is_story: bool = False
    """True when the URL looks like a story of a Prezly newsroom (and can be opened inline)."""


def better_named(known: Link, kind: LinkKind, title: str) -> Link:
    """``known`` met again as a ``kind`` link titled ``title``: a card's or a related
    link's title (the story's own) beats the words of a text link; any title beats none."""
    if kind in TITLED_KINDS and known.kind not in TITLED_KINDS and title:
        return Link(known.number, known.url, title, kind, known.is_story)
    if not known.title and title:
        return Link(known.number, known.url, title, known.kind, known.is_story)
    return known


@record
class Document:
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    words: int = 0

    def link(self, number: int) -> Link | None:
        index = number - 1
        return self.links[index] if 0 <= index < len(self.links) else None
