"""Cleaning a story body and cutting it into prose and widgets, with every link numbered.

The body HTML (Prezly's story format) mixes prose with Prezly widgets. Prose goes on
to html2text (:mod:`tui.core.render.markdown`); widgets (story cards, figures, embeds) become
:class:`Block` objects straight from the DOM (:mod:`tui.core.render.prezly_blocks`), because
html2text turns them into junk (empty links, favicons, duplicated card links). Small
print (photo credits) stays prose, of its own kind.

Links are numbered in reading order *before* any conversion, so the link list is known
up front and the prose can be converted lazily, a segment at a time. In the prose each
anchor's ``href`` is replaced by a private marker (``belga-link:7``) that the Markdown
stage maps back to the number: real URLs never pass through html2text or markdown-it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.core.model.text import clean_line, clean_text
from tui.core.model.urls import resolve
from tui.core.render.document import Block, BlockKind, Link, LinkKind
from tui.core.render.markdown import LINK_MARKER
from tui.core.render.prezly_blocks import (
    MEDIA,
    MEDIA_TAGS,
    PROSE_TAGS,
    card,
    figure,
    is_card,
    is_image,
    is_provider,
    placeholder,
    widget_class,
    widget_name,
)
from tui.core.render.tidy import CODE_TAGS, visible

SEGMENT_WORDS: Final = 250
"""Prose is cut into segments of about this many words: one converts in a few ms."""

# Never shown, never read: removed with their content.
_JUNK: Final = (
    "script, style, noscript, template, form, svg, canvas, button, input, select, "
    "textarea, link, meta, title"
)
# Plain containers: their children are read as if they stood at the top level.
_WRAPPER_TAGS: Final = frozenset(
    {"html", "body", "div", "section", "article", "main", "header", "footer", "aside", "center"}
    | {"figure"}  # a figure without an image
)
_BLANK_LINE: Final = re.compile(r"\n[ \t\r\f\v]*\n")
# Anchors that cannot be drawn as links: in code, or (malformed) in another link.
_UNLINKABLE: Final = ", ".join([*(f"{tag} a" for tag in CODE_TAGS), "a a"])


@dataclass(frozen=True, slots=True)
class Prose:
    """HTML for html2text: paragraphs, headings, lists, quotes, tables, code."""

    html: str
    words: int
    kind: BlockKind = BlockKind.PARAGRAPH
    """What its paragraphs become: PARAGRAPH, or CREDIT for small print."""


Segment = Prose | Block


@dataclass(frozen=True, slots=True)
class Body:
    segments: tuple[Segment, ...]
    links: tuple[Link, ...]
    """Every numbered link, in reading order; ``is_story`` is left to the caller."""
    words: int


def word_count(text: str) -> int:
    return len(text.split())


def segment_body(html: str, base_url: str = "") -> Body:
    """Cut a story body into prose and widget segments, numbering its links.

    ``base_url`` resolves relative links; without it they are not links.
    """
    body = LexborHTMLParser(html).body if html.strip() else None
    if body is None:
        return Body((), (), 0)
    for node in body.css(_JUNK):
        node.decompose()
    segmenter = _Segmenter(base_url, body)
    segmenter.walk(body)
    segments = segmenter.finish()
    words = sum(s.words if isinstance(s, Prose) else _block_words(s) for s in segments)
    return Body(tuple(segments), tuple(segmenter.table.links), words)


class _LinkTable:
    """Numbers distinct URLs from 1 in the order they are met."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.links: list[Link] = []

    def number(self, url: str, title: str, kind: LinkKind) -> int:
        found = self._numbers.get(url)
        if found is None:
            found = self._numbers[url] = len(self.links) + 1
            self.links.append(Link(found, url, title, kind))
            return found
        known = self.links[found - 1]
        # A card names the story better than the words of an earlier text link.
        if kind is LinkKind.CARD and known.kind is not LinkKind.CARD and title:
            self.links[found - 1] = replace(known, title=title, kind=kind)
        elif not known.title and title:
            self.links[found - 1] = replace(known, title=title)
        return found


@dataclass(slots=True)
class _Draft:
    """A prose segment being filled."""

    parts: list[str] = field(default_factory=list)
    words: int = 0
    kind: BlockKind = BlockKind.PARAGRAPH


class _Segmenter:
    def __init__(self, base_url: str, body: LexborNode) -> None:
        self._base = base_url
        # Most bodies have neither: asked once here, not of every paragraph.
        self._has_media = body.css_first(MEDIA) is not None
        self._has_small_print = body.css_first("sup, small") is not None
        self.table = _LinkTable()
        self._segments: list[_Draft | Block] = []
        self._prose = _Draft()
        self._run: list[LexborNode] = []  # consecutive inline nodes: one paragraph

    # -- URLs and links (the widgets' :class:`~tui.core.render.prezly_blocks.Links`)

    def url(self, raw: str | None) -> str:
        """An absolute http(s) URL, cleaned, or ``""``: fragments and other schemes are no links."""
        href = clean_text(raw or "").strip()
        if not href or href.startswith("#"):
            return ""
        return resolve(self._base, href)

    def link(self, url: str, title: str, kind: LinkKind) -> int | None:
        return self.table.number(url, clean_line(title), kind) if url else None

    def _mark_anchors(self, node: LexborNode) -> None:
        """Number prose anchors and point them at markers; drop those that show nothing."""
        unlinkable = {a.mem_id for a in node.css(_UNLINKABLE)}
        for anchor in node.css("a"):
            text = visible(anchor.text())
            if not text or is_provider(anchor):
                anchor.decompose()  # a thumbnail, favicon or empty link: nothing to read
                continue
            if anchor.mem_id in unlinkable:
                anchor.unwrap()  # html2text would print its Markdown inside the code
                continue
            number = self.link(self.url(anchor.attributes.get("href")), text, LinkKind.TEXT)
            if number is None:
                anchor.unwrap()  # keep the words of a mailto:, javascript: or #fragment link
                continue
            for name in list(anchor.attributes):
                del anchor.attrs[name]  # html2text would print a title attribute
            anchor.attrs["href"] = f"{LINK_MARKER}{number}"

    # -- the walk

    def walk(self, body: LexborNode) -> None:
        for node in _top_level(body):
            if node is None:
                self._end_run()
            elif node.is_text_node or not _stands_alone(node):
                self._run.append(node)
            else:
                self._end_run()
                self._block_node(node)
        self._end_run()
        self._flush_prose()

    def _end_run(self) -> None:
        run, self._run = self._run, []
        if len(run) == 1 and run[0].is_text_node and _BLANK_LINE.search(run[0].text()):
            self._plain_text(run[0])
            return
        if not any(visible(n.text()) or _has(n, "img, " + MEDIA) for n in run):
            return
        # A div, not a p: the HTML is parsed again for html2text, and a <p> holding
        # a block (<a><div>…) would be cut in two by that second parse.
        paragraph = run[0].parser.create_node("div")
        run[0].insert_before(paragraph, move=True)
        for node in run:
            paragraph.insert_child(node, move=True)
        self._block_node(paragraph)

    def _plain_text(self, node: LexborNode) -> None:
        """Text outside any element (a body that is not HTML): blank lines part paragraphs."""
        for part in _BLANK_LINE.split(node.text()):
            if visible(part):
                paragraph = node.parser.create_node("p")
                node.insert_before(paragraph, move=True)
                paragraph.insert_child(part)
                self._block_node(paragraph)
        node.decompose()

    def _block_node(self, node: LexborNode) -> None:
        tag = node.tag or ""
        widget = widget_class(node)
        if is_card(node):
            self._emit(card(node, self))
        elif widget or tag in MEDIA_TAGS:
            self._emit(placeholder(node, widget_name(widget) if widget else "", self))
        elif is_image(node) or tag in ("img", "figure"):
            self._emit(figure(node, self))
        elif tag == "hr":
            self._emit(Block(BlockKind.RULE))
        elif tag in ("p", "div") and not visible(node.text()) and _has(node, "img"):
            self._emit(figure(node, self))
        else:
            self._prose_node(node)

    def _prose_node(self, node: LexborNode) -> None:
        media = node.css(MEDIA) if self._has_media else []
        placeholders = [placeholder(element, "", self) for element in media]
        for element in media:
            element.decompose()
        text = visible(node.text())
        if text:
            self._mark_anchors(node)
            small_print = self._has_small_print and _is_small_print(node)
            self._add_prose(node, word_count(text), small_print)
        for block in placeholders:
            self._emit(block)

    def _add_prose(self, node: LexborNode, words: int, small_print: bool) -> None:
        if small_print:
            self._flush_prose()
            self._segments.append(_Draft([node.html or ""], words, BlockKind.CREDIT))
            return
        if self._prose.parts and self._prose.words + words > SEGMENT_WORDS:
            self._flush_prose()
        self._prose.parts.append(node.html or "")
        self._prose.words += words

    def _flush_prose(self) -> None:
        if self._prose.parts:
            self._segments.append(self._prose)
            self._prose = _Draft()

    def _emit(self, block: Block | None) -> None:
        self._flush_prose()
        if block is not None:
            self._segments.append(block)

    def finish(self) -> list[Segment]:
        return [
            Prose("".join(s.parts), s.words, s.kind) if isinstance(s, _Draft) else s
            for s in self._segments
        ]


def _has(node: LexborNode, selector: str) -> bool:
    return node.is_element_node and node.css_first(selector) is not None


def _block_words(block: Block) -> int:
    return word_count(block.text) + word_count("".join(span.text for span in block.detail))


def _stands_alone(node: LexborNode) -> bool:
    """Whether a top-level element is a block of its own (else it joins an inline run)."""
    tag = node.tag or ""
    return (
        tag in PROSE_TAGS
        or tag in MEDIA_TAGS
        or tag in ("hr", "img", "figure")
        or bool(widget_class(node) or is_card(node))
    )


def _is_wrapper(node: LexborNode) -> bool:
    """A plain container whose children are read as if they were at the top level."""
    return (
        node.tag in _WRAPPER_TAGS
        and not (is_card(node) or is_image(node))
        and not widget_class(node)
        and not (node.tag == "figure" and _has(node, "img"))
    )


def _top_level(root: LexborNode) -> Iterator[LexborNode | None]:
    """The content nodes of ``root`` in reading order, looking through plain wrappers.

    ``None`` marks a wrapper's edge, where a run of inline content ends. Iterative, so a
    body nested thousands of levels deep cannot exhaust the stack.
    """
    stack = [iter(list(root.iter(include_text=True)))]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            yield None
        elif node.is_element_node and _is_wrapper(node):
            yield None
            stack.append(iter(list(node.iter(include_text=True))))
        elif not node.is_comment_node:
            yield node


def _is_small_print(node: LexborNode) -> bool:
    """A paragraph whose text all sits in ``<sup>``/``<small>``: a photo credit."""
    small = node.css("sup, small") if node.tag in ("p", "div") else []
    if not small:
        return False
    ids = {s.mem_id for s in small}
    outermost = [s for s in small if not _has_ancestor(s, ids, node.mem_id)]
    inside = "".join(visible(s.text()) for s in outermost)
    return "".join(inside.split()) == "".join(visible(node.text()).split())


def _has_ancestor(node: LexborNode, ids: set[int], stop: int) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False
