"""A story body on its way to the document model: parsed once, its blocks built a few
at a time by :class:`~tui.core.render.build.Builder` (so that a long body is typeset as
it is read), with a note at the end when it was cut at a limit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborHTMLParser

from tui.core.model.text import word_count
from tui.core.render.build import Builder
from tui.core.render.document import Block, BlockKind, Link, Span
from tui.core.render.source import safe_source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

NOTE_CUT: Final = "This story is too long to show whole: belga shows its first part."


class BodyWalk:
    """A body on its way to blocks: parsed at once, its blocks built a few at a time.

    :attr:`links` is the list the walk numbers links into: it grows as the walk goes.
    """

    def __init__(
        self, html: str, base_url: str = "", classify: Callable[[Link], bool] | None = None
    ) -> None:
        html, self.cut = safe_source(html)
        self.builder = Builder(base_url, classify)
        self.links = self.builder.table.links
        self._body = LexborHTMLParser(html).body if html.strip() else None
        self.finished = self._body is None

    def estimate_words(self) -> int:
        """About how many words the body has, before it is built (one pass, in C)."""
        return word_count(self._body.text(separator=" ")) if self._body is not None else 0

    def steps(self) -> Iterator[list[Block]]:
        """The blocks, a few at a time, in reading order; a note at the end if cut."""
        blocks = self.builder.blocks
        done = 0
        if self._body is not None:
            for _ in self.builder.walk(self._body):
                if len(blocks) > done:
                    yield blocks[done:]
                    done = len(blocks)
        self.cut = self.cut or self.builder.cut or self.builder.table.full
        if self.cut:
            blocks.append(Block(BlockKind.NOTE, (Span(NOTE_CUT),)))
        if len(blocks) > done:
            yield blocks[done:]
        self.finished = True
        self._body = None
