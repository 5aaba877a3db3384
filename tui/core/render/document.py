"""The rendered form of a story: blocks of styled spans and a numbered list of links.

This is what both the terminal UI and ``belga --dump`` draw. It knows nothing of Rich
or Textual: a span carries style *flags*, and each front end decides what they look like.
All text in a :class:`Document` is already cleaned of control characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntFlag, auto


class Mark(IntFlag):
    """Inline styles of a span."""

    NONE = 0
    BOLD = auto()
    ITALIC = auto()
    CODE = auto()
    STRIKE = auto()
    LINK = auto()


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    marks: Mark = Mark.NONE
    link: int | None = None
    """The number of the link this span belongs to (see :attr:`Document.links`)."""


class BlockKind(Enum):
    TITLE = auto()  # the story's title, first block of the header
    META = auto()  # date · author · host · reading time
    HEADING = auto()  # level 1..6 in ``level``
    PARAGRAPH = auto()
    QUOTE = auto()  # ``level`` = nesting depth, 1 for a plain blockquote
    LIST_ITEM = auto()  # ``level`` = nesting depth from 0, ``marker`` = "•" or "3."
    CODE = auto()  # preformatted: spans keep their newlines, never wrapped
    TABLE = auto()  # ``rows``; the first row is the header when ``header`` is true
    RULE = auto()  # a section separator
    CARD = auto()  # a link to another story: ``spans`` = title, ``detail`` = description
    FIGURE = auto()  # an image: ``spans`` = caption, ``detail`` = credit
    CREDIT = auto()  # a photo credit or small print closing the body
    PLACEHOLDER = auto()  # something we cannot show: ``spans`` says what it was


Cells = tuple[tuple[Span, ...], ...]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0
    marker: str = ""
    detail: tuple[Span, ...] = ()
    link: int | None = None
    """For CARD and FIGURE: the number of the link the block stands for."""
    label: str = ""
    """For CARD: the site's name; for FIGURE/PLACEHOLDER: what kind of thing it is."""
    rows: tuple[Cells, ...] = ()
    header: bool = False

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


class LinkKind(Enum):
    TEXT = "text"  # an ordinary link in the body
    CARD = "card"  # a story card (release-content-bookmark)
    IMAGE = "image"  # the image of a figure
    RELATED = "related"  # from the story's ``links`` only, not in the body


@dataclass(frozen=True, slots=True)
class Link:
    number: int
    url: str
    title: str
    kind: LinkKind = LinkKind.TEXT
    is_story: bool = False
    """True when the URL looks like a story of a Prezly newsroom (and can be opened inline)."""


@dataclass(slots=True)
class Document:
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    words: int = 0

    def link(self, number: int) -> Link | None:
        index = number - 1
        return self.links[index] if 0 <= index < len(self.links) else None
