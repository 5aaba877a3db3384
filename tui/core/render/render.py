"""A story, rendered: its header, its body a chunk at a time, and its numbered links.

This is the API that the UI and ``belga --dump`` call. :func:`prepare_story` builds the
document model in one linear pass over the body (:mod:`tui.core.render.build`) and
numbers every link; :meth:`PreparedStory.chunks` hands the blocks over a few hundred
words at a time, so that the reading pane lays out and shows the beginning first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePath

from tui.core.model.dates import long_date
from tui.core.model.outside import is_outside_page, reader_view_notice, site_name
from tui.core.model.record import field, record
from tui.core.model.story import Story, reading_minutes
from tui.core.model.text import clean_line, word_count
from tui.core.model.urls import (
    SHORT_LINK_HOSTS,
    canonical,
    host_of,
    is_story_url,
    same_site,
)
from tui.core.render.cells import NO_BREAK
from tui.core.render.document import (
    FACT_SEPARATOR,
    Block,
    BlockKind,
    Document,
    Link,
    LinkKind,
    Span,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

EMPTY_STORY: Final = "This story has no text."
MIN_CHUNK_WORDS: Final = 100
"""A chunk ends after the block that brings it to this many words."""


@record(frozen=True)
class PreparedStory:
    """A story ready to render: its document model, or the walk that builds it."""

    story: Story
    links: list[Link]
    """All numbered links: the body's in reading order, then the story's other links.
    For a long story built lazily, the list grows as :meth:`chunks` is iterated."""
    words: int
    blocks: list[Block]
    """The body's blocks built so far (the document model): all of them once
    :attr:`complete`."""
    _walk: _Walk = field(repr=False, compare=False)
    note: bool = False
    """A note of belga's own (nothing to read, nothing cached), not a story: no byline,
    and none of a story's keys."""

    @property
    def complete(self) -> bool:
        """Whether every block and link is known."""
        return self._walk.finished

    def finish(self) -> PreparedStory:
        """Build the rest of the model now."""
        for _ in self._walk.steps():
            pass
        return self

    def header(self) -> list[Block]:
        """The title, and a line of date · author · source · reading time; for an outside
        page, a line saying it is one, with its URL."""
        story = self.story
        title = Span(clean_line(story.title))
        if self.note:
            return [Block(BlockKind.TITLE, (title,))]
        facts = [
            long_date(story.published_at or story.modified_at),
            story.author,
            site_name(story) or story.host or _file_name(story.source),
        ]
        # Cleaned again: a Story may be built by other means than parse_story. No-break
        # spaces keep "3 min read" whole and each "·" with the fact before it.
        shown = [clean_line(fact) for fact in facts if fact]
        shown.append(f"{reading_minutes(self.words)}{NO_BREAK}min{NO_BREAK}read")
        meta = FACT_SEPARATOR.join(shown)
        header = [Block(BlockKind.TITLE, (title,)), Block(BlockKind.META, (Span(meta),))]
        if is_outside_page(story):
            header.append(Block(BlockKind.META, (Span(reader_view_notice(story)),)))
        return header

    def chunks(self) -> Iterator[list[Block]]:
        """The body's blocks, a chunk at a time; each chunk is converted when asked for."""
        return self._shown(self._raw_chunks())

    def body(self) -> list[Block]:
        """The body's blocks all at once (``--dump``): what :meth:`chunks` gives, joined,
        without counting each block's words to end the chunks."""
        return [block for chunk in self._shown(iter([list(_blocks_of(self))])) for block in chunk]

    def _shown(self, raw: Iterator[list[Block]]) -> Iterator[list[Block]]:
        shown = False
        for chunk in _tidy_rules(raw):
            shown = True
            yield chunk
        if not shown:
            yield [Block(BlockKind.PARAGRAPH, (Span(EMPTY_STORY),))]

    def _raw_chunks(self) -> Iterator[list[Block]]:
        chunk: list[Block] = []
        words = 0
        for block in _blocks_of(self):
            chunk.append(block)
            words += word_count(block.text) + 1
            if words >= MIN_CHUNK_WORDS:
                yield chunk
                chunk, words = [], 0
        if chunk:
            yield chunk


class _Walk:
    """The body's walk, and what follows it: the story's links the body did not have."""

    def __init__(self, story: Story, blocks: list[Block]) -> None:
        hosts = _story_hosts(story)
        self._story, self._hosts, self._blocks = story, hosts, blocks
        # An outside page's links are web pages (a link into the newsroom is found by its
        # URL when followed); its own site is no newsroom whose stories these could be.
        page = is_outside_page(story)
        # Imported here: the walk (selectolax, html2text, the Prezly node kinds) is ~20 %
        # of the app's own imports, and the app's first screen may show no story at all.
        from tui.core.render.body_walk import BodyWalk

        self.body = BodyWalk(
            story.body_html, story.url, lambda link: not page and _is_story(link, hosts)
        )
        self._steps = self.body.steps()
        self.finished = False

    def steps(self) -> Iterator[None]:
        """Build on: a few more blocks at each step (the same walk for every caller)."""
        for step in self._steps:
            self._blocks.extend(step)
            yield
        if not self.finished:
            self.finished = True
            self._related()

    def _related(self) -> None:
        links, story = self.body.links, self._story
        seen = {canonical(link.url) for link in links} if story.links else set()
        for related in story.links:
            key = canonical(related.url)
            if key not in seen:
                seen.add(key)
                link = Link(len(links) + 1, related.url, related.title, LinkKind.RELATED)
                is_story = _is_story(link, self._hosts)
                links.append(Link(link.number, link.url, link.title, link.kind, is_story))


EAGER_HTML: Final = 200_000
"""A body up to this size is built whole at once (a few ms); a longer one as it is read."""


def prepare_story(story: Story, *, note: bool = False) -> PreparedStory:
    """The story's document model, its links numbered in reading order.

    Most stories are built at once, so that all their links are known (the sidebar
    lists them); a very long one is only parsed here, and built as :meth:`~PreparedStory.
    chunks` is iterated, so that its first screen shows at once.
    """
    blocks: list[Block] = []
    walk = _Walk(story, blocks)
    if len(story.body_html) <= EAGER_HTML:
        for _ in walk.steps():
            pass
        words = walk.body.builder.words
    else:
        words = walk.body.estimate_words()
        walk.body.builder.counting = False  # the estimate stands: no count as it is built
    return PreparedStory(story, walk.body.links, words, blocks, walk, note)


def _blocks_of(prepared: PreparedStory) -> Iterator[Block]:
    """The blocks of ``prepared``, built as they are asked for."""
    index = 0
    steps = prepared._walk.steps()
    while True:
        while index < len(prepared.blocks):
            yield prepared.blocks[index]
            index += 1
        if next(steps, StopIteration) is StopIteration and index >= len(prepared.blocks):
            return


def render_story(story: Story) -> Document:
    """The whole story at once: for ``--dump`` and tests."""
    prepared = prepare_story(story)
    blocks = prepared.header()
    blocks.extend(prepared.body())
    return Document(blocks, list(prepared.links), prepared.words)


def _story_hosts(story: Story) -> frozenset[str]:
    """The newsroom's host names: the story's own, and its links' on the same site."""
    if not story.host:
        return frozenset()
    linked = {host_of(link.url) for link in story.links}
    return frozenset({story.host} | {h for h in linked if same_site(h, story.host)})


def _is_story(link: Link, hosts: frozenset[str]) -> bool:
    if link.kind is LinkKind.CARD:
        return True  # Prezly shows only stories as cards
    if link.kind is LinkKind.IMAGE or not _may_be_on(link.url, hosts):
        return False
    return is_story_url(link.url, hosts)


def _may_be_on(url: str, hosts: frozenset[str]) -> bool:
    """A quick look before parsing: could ``url`` be on one of ``hosts`` (or a short
    link)? A body of 10,000 links elsewhere then costs no parsing here."""
    if not hosts:
        return True
    netloc = url.partition("://")[2].partition("/")[0].rpartition("@")[2].lower()
    if netloc.startswith("["):
        return True  # an IPv6 address: the parser decides
    host = netloc.partition(":")[0].removeprefix("www.")
    return host in SHORT_LINK_HOSTS or any(host == known.removeprefix("www.") for known in hosts)


def _tidy_rules(chunks: Iterable[list[Block]]) -> Iterator[list[Block]]:
    """No rule first, last or twice in a row: a rule only ever separates two blocks."""
    started = False
    pending: Block | None = None
    for chunk in chunks:
        kept: list[Block] = []
        for block in chunk:
            if block.kind is BlockKind.RULE:
                pending = block if started else None
                continue
            if pending is not None:
                kept.append(pending)
                pending = None
            kept.append(block)
            started = True
        if kept:
            yield kept


def _file_name(source: str) -> str:
    if not source:
        return ""
    return host_of(source) or PurePath(source).name
