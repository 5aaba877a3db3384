"""Tidying prose HTML before html2text, which turns some ordinary markup into junk.

html2text writes Markdown markers where inline elements open and close, and trusts the
HTML to leave room for them. Stories often do not, so each pass here fixes one kind of
junk in the DOM, before html2text ever sees it:

- bold and other emphasis: ``<strong>a </strong>`` gives "**a **", which CommonMark does
  not read as bold (spaces are moved out of the markers); ``<b>x</b><b>y</b>`` gives
  "**x****y**" (neighbours of one family are merged); bold inside a link splits the
  bold of the sentence around it (emphasis is lifted out of links); nested or empty
  emphasis leaves stray markers (unwrapped);
- links, headings and table cells: a line break or a block inside one would cut it in
  two, leaving "[" and "](…)" or half a row on the screen (flattened onto one line);
- code: markup inside it would be written as Markdown, a style around a code block would
  put its markers inside the fence, and code right after code gives "`a``b`";
- tables: an empty cell would cost its row a column;
- lists and quotes: markdown-it drops what is nested past its limit, and a nested list
  not starting at 1 would be read as text;
- the story's own ">", "~" and "|" are escaped, so that text never turns into markup.

Each pass visits elements in reverse document order, so inner elements are done first
and an element removed by a pass is never visited again.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

CODE_TAGS: Final = ("pre", "code", "kbd", "tt")  # what html2text writes as code

# Inline elements whose edges html2text turns into Markdown markers: "**", "*", "[", "~~".
_INLINE: Final = "strong, b, em, i, u, s, del, strike, span, font, mark, small, sup, sub, ins"
# Inline styles by family: html2text writes the same marker for each tag of one family.
_EMPHASIS: Final = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "s": "s",
    "del": "s",
    "strike": "s",
}
_MERGEABLE: Final = {**_EMPHASIS, "code": "code", "kbd": "code", "tt": "code"}
_NESTED_EMPHASIS: Final = ", ".join(
    f"{outer} {inner}"
    for outer, family in _EMPHASIS.items()
    for inner, inner_family in _EMPHASIS.items()
    if family == inner_family
)
_MARKDOWN_SIGNS: Final = frozenset(">~|")
_ESCAPES: Final = str.maketrans({sign: "\\" + sign for sign in _MARKDOWN_SIGNS})
MAX_NESTING: Final = 6
_DEEP_QUOTES: Final = " ".join(["blockquote"] * (MAX_NESTING + 1))
_DEEP_LISTS: Final = ", ".join(" ".join(["li"] * MAX_NESTING + [tag]) for tag in ("ul", "ol"))
_BLOCK_TAGS: Final = (
    *("p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th"),
)
# What Markdown writes on one line: a link, a table cell, a heading.
_ONE_LINE: Final = ("a", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6")
_ONE_LINE_BREAKS: Final = ", ".join(f"{tag} br" for tag in _ONE_LINE)
_IN_ONE_LINE: Final = ", ".join(f"{tag} *" for tag in _ONE_LINE)

_INSIDE_CODE: Final = ", ".join(f"{tag} *" for tag in CODE_TAGS)
_BREAKS_IN_CODE: Final = ", ".join(f"{tag} br" for tag in CODE_TAGS)
# Invisible characters that make an "empty" paragraph look non-empty.
_INVISIBLE: Final = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def visible(text: str) -> str:
    """``text`` without invisible characters and surrounding whitespace (``&nbsp;`` too)."""
    return _INVISIBLE.sub("", text).strip()


def tidy(root: LexborNode) -> None:
    """Fix, in place, the markup under ``root`` that html2text would turn into junk."""
    # Blocks first: flattening them leaves the spaces that the inline passes then move.
    _plain_code(root)
    _one_line(root)
    _fill_empty_cells(root)
    _limit_nesting(root)
    # Spans mean nothing to html2text; gone, they no longer hide neighbours from each other.
    _unwrap_all(root, "span, font")
    _drop_empty_inline(root)
    _lift_emphasis_out_of_links(root)
    _merge_adjacent_styles(root)
    for node in reversed(root.css(_INLINE + ", a")):
        _move_edge_space_out(node, leading=True)
        _move_edge_space_out(node, leading=False)
    _part_adjacent_code(root)
    _break_before_nested_lists(root)
    _escape_markdown(root)


def _drop_empty_inline(root: LexborNode) -> None:
    _unwrap_all(root, _NESTED_EMPHASIS)  # "<b>a <b>b</b></b>" would give "**a **b****"
    for node in reversed(root.css(_INLINE + ", " + ", ".join(CODE_TAGS[1:]))):
        if not visible(node.text()):
            node.unwrap(delete_empty=True)  # keeps a space, a line break or an image


def _meaningful_children(node: LexborNode) -> list[LexborNode]:
    return [
        child
        for child in node.iter(include_text=True)
        if not child.is_comment_node and not (child.is_text_node and not child.text().strip())
    ]


def _lift_emphasis_out_of_links(root: LexborNode) -> None:
    """``<a><b>x</b></a>`` → ``<b><a>x</a></b>``: the bold can then merge with its neighbours."""
    for anchor in root.css("a"):
        children = _meaningful_children(anchor)
        while len(children) == 1 and children[0].tag in _EMPHASIS:
            tag = _EMPHASIS[children[0].tag or ""]
            children[0].unwrap()
            wrapper = anchor.parser.create_node(tag)
            anchor.insert_before(wrapper, move=True)
            wrapper.insert_child(anchor, move=True)
            children = _meaningful_children(anchor)


def _merge_adjacent_styles(root: LexborNode) -> None:
    """``<b>x</b> <strong>y</strong>`` → ``<b>x y</b>``: not "**x** **y**" or "`x``y`"."""
    for node in reversed(root.css(", ".join(_MERGEABLE))):
        between: list[LexborNode] = []
        sibling = node.next
        while sibling is not None and sibling.is_text_node and not sibling.text().strip():
            between.append(sibling)
            sibling = sibling.next
        if sibling is None or _MERGEABLE.get(sibling.tag or "") != _MERGEABLE[node.tag or ""]:
            continue
        for child in [*between, *sibling.iter(include_text=True)]:
            node.insert_child(child, move=True)
        sibling.decompose()


def _part_adjacent_code(root: LexborNode) -> None:
    """Code right after code, in other parents ("<sup><code>a</code></sup><code>b"),
    would give "`a``b`": one code span. A zero-width space keeps them two."""
    for code in root.css(", ".join(CODE_TAGS[1:])):
        following = _following(code)
        if following is not None and following.tag in CODE_TAGS:
            code.insert_after("\u200b")


def _following(node: LexborNode) -> LexborNode | None:
    """The node that comes right after ``node`` in reading order, at its deepest start."""
    parent: LexborNode | None = node
    while parent is not None and parent.next is None:
        parent = parent.parent
    if parent is None or parent.next is None:
        return None
    following = parent.next
    while following.tag not in CODE_TAGS and following.first_child is not None:
        following = following.first_child
    return following


def _move_edge_space_out(node: LexborNode, *, leading: bool) -> None:
    """``<b> x </b>`` → `` <b>x</b> ``: the space stays, outside the markers."""
    while True:
        edge = node.first_child if leading else node.last_child
        text = edge.text_content if edge is not None and edge.is_text_node else None
        if not text or edge is None:
            return
        kept = text.lstrip() if leading else text.rstrip()
        if kept == text:
            return
        if leading:
            node.insert_before(text[: len(text) - len(kept)])
        else:
            node.insert_after(text[len(kept) :])
        if kept:
            edge.replace_with(kept)
            return
        edge.decompose()


def _one_line(root: LexborNode) -> None:
    """No line breaks or blocks in what Markdown writes on one line.

    html2text would cut a link, a heading or a table row in two, leaving "[" and "](…)"
    or half a row on the screen.
    """
    for node in reversed(_select(root, _ONE_LINE_BREAKS)):
        node.replace_with(" ")
    _flatten_blocks(root, _IN_ONE_LINE, frozenset(_BLOCK_TAGS))


def _fill_empty_cells(root: LexborNode) -> None:
    """An empty cell would leave a row starting or ending with "|", which Markdown
    reads as the row's edge: the row would lose a column and the table its shape."""
    for cell in root.css("td, th"):
        if not visible(cell.text()):
            cell.insert_child("\u200b")  # invisible, and trimmed from the cell's text


def _flatten_blocks(root: LexborNode, selector: str, tags: frozenset[str]) -> None:
    """Unwrap the ``tags`` that ``selector`` finds, a space in place of each edge."""
    for node in reversed(_select(root, selector, tags)):
        node.insert_before(" ")
        node.insert_after(" ")
        node.unwrap(delete_empty=True)


def _plain_code(root: LexborNode) -> None:
    """Code is shown as it is: html2text would write the Markdown of markup inside it.

    Nor may a style span a code block: its markers would land inside the fence.
    """
    for node in reversed(_select(root, _BREAKS_IN_CODE)):
        node.replace_with("\n")
    _unwrap_all(root, _INSIDE_CODE)
    for block in root.css("pre"):
        styles = []
        parent = block.parent
        while parent is not None:
            if parent.tag in _EMPHASIS:
                styles.append(parent)
            parent = parent.parent
        for style in styles:
            style.unwrap()


def _unwrap_all(root: LexborNode, selector: str) -> None:
    for node in reversed(_select(root, selector)):
        node.unwrap(delete_empty=True)


def _select(
    root: LexborNode, selector: str, tags: frozenset[str] | None = None
) -> list[LexborNode]:
    """``root.css(selector)``, each node once, and only ``tags`` when given.

    lexbor lists a node once for each selector of a list that it matches (changing a
    node twice would touch a freed one), and its ``:is()`` misses deeper descendants.
    """
    seen: set[int] = set()
    found: list[LexborNode] = []
    for node in root.css(selector):
        if node.mem_id not in seen and (tags is None or node.tag in tags):
            seen.add(node.mem_id)
            found.append(node)
    return found


def _limit_nesting(root: LexborNode) -> None:
    """Flatten quotes and lists nested past what a reader can follow.

    markdown-it drops whatever is nested deeper than its limit (20 levels; a list level
    counts two): the words of a quote nested 30 times would vanish.
    """
    for quote in reversed(root.css(_DEEP_QUOTES)):
        quote.unwrap()
    for deep_list in reversed(root.css(_DEEP_LISTS)):
        # Items become lines of the item around them: a space before the first, so that
        # no blank line ends that item, and a line break before each of the others.
        for index, item in enumerate(deep_list.css("li")):
            if index:
                item.insert_before(item.parser.create_node("br"), move=True)
            else:
                item.insert_before(" ")
            item.unwrap(delete_empty=True)
        deep_list.unwrap(delete_empty=True)


def _break_before_nested_lists(root: LexborNode) -> None:
    """End an item's text before a list inside it that does not start at 1.

    html2text writes "* item" and "  3. sub" on consecutive lines, and in CommonMark only
    a list starting at 1 may interrupt a paragraph: "3. sub" would be read as text.
    """
    for nested in root.css("li > ol[start]"):
        if nested.attributes.get("start") != "1":
            nested.insert_before(nested.parser.create_node("br"), move=True)


def _escape_markdown(root: LexborNode) -> None:
    """Escape what html2text leaves as it is and markdown-it would read as markup.

    A ">" starting a line makes a quote, "~~~" a code fence, "~~x~~" strikethrough and
    "|" a table cell. markdown-it removes the backslashes again; inside code it would not,
    and there these characters mean nothing anyway.
    """
    if not any(sign in root.text() for sign in _MARKDOWN_SIGNS):
        return
    texts = [n for n in root.traverse(include_text=True) if n.is_text_node]
    for node in texts:
        text = node.text_content or ""
        if _MARKDOWN_SIGNS.intersection(text) and not _in_code(node):
            node.replace_with(text.translate(_ESCAPES))


def _in_code(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in CODE_TAGS:
            return True
        parent = parent.parent
    return False
