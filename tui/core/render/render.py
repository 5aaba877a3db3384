"""A story, rendered: its header, its body a chunk at a time, and its numbered links.

This is the API that the UI and ``belga --dump`` call. :func:`prepare_story` builds the
document model in one linear pass over the body (:mod:`tui.core.render.build`) and
numbers every link; :meth:`PreparedStory.chunks` hands the blocks over a few hundred
words at a time, so that the reading pane lays out and shows the beginning first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Final

from tui.core.model.dates import long_date
from tui.core.model.story import Story, reading_minutes
from tui.core.model.text import clean_line, word_count
from tui.core.model.urls import (
    SHORT_LINK_HOSTS,
    canonical,
    host_of,
    is_story_url,
    same_site,
)
from tui.core.render.build import build_body
from tui.core.render.document import Block, BlockKind, Document, Link, LinkKind, Span

EMPTY_STORY: Final = "This story has no text."
MIN_CHUNK_WORDS: Final = 100
"""A chunk ends after the block that brings it to this many words."""


@dataclass(frozen=True, slots=True)
class PreparedStory:
    """A story ready to render: links and word count known, prose not yet converted."""

    story: Story
    links: list[Link]
    """All numbered links: the body's in reading order, then the story's other links."""
    words: int
    blocks: tuple[Block, ...]
    """The body's blocks (the document model)."""

    def header(self) -> list[Block]:
        """The title, and a line of date · author · source · reading time."""
        story = self.story
        facts = [
            long_date(story.published_at or story.modified_at),
            story.author,
            story.host or _file_name(story.source),
            f"{reading_minutes(self.words)} min read",
        ]
        # Cleaned again: a Story may be built by other means than parse_story.
        meta = " · ".join(clean_line(fact) for fact in facts if fact)
        title = Span(clean_line(story.title))
        return [Block(BlockKind.TITLE, (title,)), Block(BlockKind.META, (Span(meta),))]

    def chunks(self) -> Iterator[list[Block]]:
        """The body's blocks, a chunk at a time; each chunk is converted when asked for."""
        shown = False
        for chunk in _tidy_rules(self._raw_chunks()):
            shown = True
            yield chunk
        if not shown:
            yield [Block(BlockKind.PARAGRAPH, (Span(EMPTY_STORY),))]

    def _raw_chunks(self) -> Iterator[list[Block]]:
        chunk: list[Block] = []
        words = 0
        for block in self.blocks:
            chunk.append(block)
            words += word_count(block.text) + 1
            if words >= MIN_CHUNK_WORDS:
                yield chunk
                chunk, words = [], 0
        if chunk:
            yield chunk


def prepare_story(story: Story) -> PreparedStory:
    """The story's document model, its links numbered in reading order."""
    body = build_body(story.body_html, base_url=story.url)
    hosts = _story_hosts(story)
    links = [replace(link, is_story=_is_story(link, hosts)) for link in body.links]
    seen = {canonical(link.url) for link in links} if story.links else set()
    for related in story.links:
        key = canonical(related.url)
        if key not in seen:
            seen.add(key)
            link = Link(len(links) + 1, related.url, related.title, LinkKind.RELATED)
            links.append(replace(link, is_story=_is_story(link, hosts)))
    return PreparedStory(story, links, body.words, tuple(body.blocks))


def render_story(story: Story) -> Document:
    """The whole story at once: for ``--dump`` and tests."""
    prepared = prepare_story(story)
    blocks = prepared.header()
    for chunk in prepared.chunks():
        blocks.extend(chunk)
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
