"""Inline prose → styled spans, with html2text as the converter.

The builder (:mod:`tui.core.render.build`) hands over the DOM nodes of one paragraph,
list item, quote or table cell. They are walked once, without serialising them again,
and their events are fed straight into html2text's handlers: html2text folds the
whitespace (across element edges too), writes ``<br>`` as a line break and ``<q>`` as
curly quotes. Where html2text would write Markdown markers (``**``, ``[…](…)``), we
write private markers instead (Unicode noncharacters, which no story text keeps: they
are removed from it first), so reading the result back is a linear scan, not a
Markdown parse: no story text can ever turn into markup.

What we change in html2text (each is tested in ``tests/test_html2text_pin.py``, so an
upgrade that breaks one fails loudly): ``handle_data`` writes the text as it is (no
Markdown escaping, no spacing heuristics around emphasis), and folds white space as
``o(…, puredata=True)`` does, then ``o()``; a no-break space goes through html2text's own
placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import MethodType

import html2text
from selectolax.lexbor import LexborNode

from tui.core.model.text import clean_text, fold_spaces
from tui.core.render.document import Mark, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Self

_MARK_TAGS: Final = {
    "b": Mark.BOLD,
    "strong": Mark.BOLD,
    "i": Mark.ITALIC,
    "em": Mark.ITALIC,
    "cite": Mark.ITALIC,
    "dfn": Mark.ITALIC,
    "var": Mark.ITALIC,
    "code": Mark.CODE,
    "kbd": Mark.CODE,
    "tt": Mark.CODE,
    "samp": Mark.CODE,
    "s": Mark.STRIKE,
    "del": Mark.STRIKE,
    "strike": Mark.STRIKE,
}
SUP: Final = 1 << 10
SUB: Final = 1 << 11
_FLAGS: Final = (Mark.BOLD, Mark.ITALIC, Mark.CODE, Mark.STRIKE, SUP, SUB)
# A noncharacter pair per flag (open, close), one for a link's start and close; each
# written after _MARK, so that the text is read back with one str.split.
_MARK: Final = "\ufdef"
_OPEN: Final = {flag: chr(0xFDD0 + 2 * i) for i, flag in enumerate(_FLAGS)}
_CLOSE: Final = {flag: chr(0xFDD1 + 2 * i) for i, flag in enumerate(_FLAGS)}
_FLAG_OF: Final = {
    **{c: (f, 1) for f, c in _OPEN.items()},
    **{c: (f, -1) for f, c in _CLOSE.items()},
}
_LINK_OPEN: Final = "\ufde0"  # followed by the link's number
_LINK_NUMBER_END: Final = "\ufde1"
_LINK_CLOSE: Final = "\ufde2"
_PRIVATE: Final = re.compile("[\ufdd0-\ufdef]")
_BREAK_TAGS: Final = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "table", "tr", "h1", "h2"}
    | {"h3", "h4", "h5", "h6", "section", "article", "header", "footer", "figure", "pre"}
    | {"figcaption", "address", "hr"}
)
_SKIP_TAGS: Final = frozenset(
    {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "video", "audio"}
    | {"object", "embed", "button", "input", "select", "textarea", "head", "title"}
)
_SUPERSCRIPT: Final = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT: Final = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPTABLE: Final = frozenset("0123456789+-=()")
_NBSP_PLACEHOLDER: Final = "&nbsp_place_holder;"
_EDGE_SPACE: Final = " \t\n\u200b\u200c\u200d\u2060\ufeff"
_HARD_BREAK: Final = re.compile(r" *\n *")
_FOLDED: Final = " \t\n\r\f\v"
# The runs of white space that folding changes: a lone space is left alone (matching
# every space between words made folding a tenth of rendering a story).
_WHITESPACE: Final = re.compile("[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")

LinkNumber = Callable[[LexborNode], "int | None"]
"""The number of an anchor's link, or ``None`` when it is no link (it keeps its words)."""


class _Converter(html2text.HTML2Text):
    """html2text writing plain text: our own markers instead of Markdown's."""

    def __init__(self) -> None:
        super().__init__(bodywidth=0)  # one paragraph a line: we wrap
        self.unicode_snob = True  # “curly quotes” and accents as they are, not ASCII
        self.ignore_images = True
        self.ignore_links = True
        self.open_quote, self.close_quote = "“", "”"
        self.spaced = False  # whether the text so far ends with a space

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        """The text as it is: no Markdown escaping, no spacing around emphasis, and no
        space doubled where one piece ends with a space and the next starts with one."""
        self.text(data)

    def text(self, data: str, printable: bool = False) -> None:
        """:meth:`handle_data`; ``printable`` when the caller knows that ``data`` is
        printable: then its only white space is spaces (one pass over it saved)."""
        if self.spaced:
            data = data.lstrip(_FOLDED)
        if not data:
            return
        self.spaced = data[-1] in _FOLDED
        self.preceding_data = data
        # What o(data, puredata=True) does first: fold the white space (html2text's
        # re.sub(r"\s+", " ") rewrote every space between words: a tenth of converting),
        # a leading space kept as a pending one; then o() as for any text.
        if not printable or "  " in data:
            data = fold_spaces(data)
        if data[0] == " ":
            self.space = True
            data = data[1:]
        if data:
            self.o(data)

    def marker(self, mark: str) -> None:
        """A marker of ours, where a Markdown marker would go."""
        self.o(_MARK + mark)

    @classmethod
    def fresh(cls) -> Self:
        """A converter as ``_Converter()`` makes it, from a copy of a first one's state:
        html2text's ``__init__`` sets 84 attributes one by one (46 K instructions, a
        converter a paragraph: 14 M of ``--dump`` of 31,000 words). Its empty lists and
        dicts are new ones, its own bound methods bound to the new converter; a state
        holding anything else (a later html2text) makes each converter as usual."""
        known = _PRISTINE.get(cls)
        if known is None:
            known = _PRISTINE[cls] = _State.of(cls())
        if known.state is None:
            return cls()
        converter = cls.__new__(cls)
        state = known.state.copy()
        for name in known.containers:
            state[name] = type(state[name])()
        for name, function in known.methods:
            state[name] = MethodType(function, converter)
        converter.__dict__ = state
        return converter


_CONTAINERS: Final = (list, dict, set)
_IMMUTABLE: Final = (bool, int, float, str, bytes, type(None), re.Pattern, frozenset)


class _State:
    """What :meth:`_Converter.fresh` copies: a new converter's attributes (``None`` when
    it cannot copy them all: only immutable values, empty containers and the converter's
    own bound methods), which of them are containers, and which bound methods."""

    def __init__(self, state: dict[str, object] | None, containers: tuple[str, ...],
                 methods: tuple[tuple[str, Callable[..., object]], ...]) -> None:  # fmt: skip
        self.state, self.containers, self.methods = state, containers, methods

    @classmethod
    def of(cls, converter: _Converter) -> _State:
        state = dict(vars(converter))
        containers, methods = [], []
        for name, value in state.items():
            if type(value) in _CONTAINERS and not value:  # (a copy would share what is inside)
                containers.append(name)
            elif isinstance(value, MethodType) and value.__self__ is converter:
                methods.append((name, value.__func__))
            elif not isinstance(value, _IMMUTABLE):
                return cls(None, (), ())
        return cls(state, tuple(containers), tuple(methods))


_PRISTINE: dict[type[_Converter], _State] = {}


def convert(nodes: Iterable[LexborNode], link_number: LinkNumber) -> tuple[tuple[Span, ...], bool]:
    """The spans of inline ``nodes`` (and all below them), in one walk; and whether all
    their text is small print (in ``<sup>`` or ``<small>``: a photo credit)."""
    nodes = list(nodes)
    if all(node.is_text_node for node in nodes):  # no markup: only whitespace to fold
        text = "".join(node.text_content or "" for node in nodes)
        text = _WHITESPACE.sub(" ", _unmarked(clean_text(text))).strip(_EDGE_SPACE)
        return ((Span(text),) if text else ()), False
    converter = _Converter.fresh()
    small = 0  # how many <sup>/<small> hold the node walked
    plain_text = small_text = False
    # (node, 0) to enter it, (node, 1) to leave it, (node, 2) to leave a link.
    stack: list[tuple[LexborNode, int]] = [(node, 0) for node in reversed(nodes)]
    in_link = 0
    while stack:
        node, state = stack.pop()
        tag = node.tag or ""
        if state:
            _end(converter, tag)
            if tag in ("sup", "small"):
                small -= 1
            if state == 2:
                converter.marker(_LINK_CLOSE)
                in_link -= 1
            continue
        if node.is_text_node:
            text = node.text_content or ""
            if text and not text.isspace():
                if small:
                    small_text = True
                else:
                    plain_text = True
            if text.isprintable():  # nothing to clean, unmark or hold a place for: one pass
                converter.text(text, printable=True)
            else:
                converter.text(_unmarked(clean_text(text)).replace("\xa0", _NBSP_PLACEHOLDER))
            continue
        if not node.is_element_node or tag in _SKIP_TAGS:
            continue
        leave = 1
        if tag == "a" and not in_link:
            number = link_number(node)
            if number is not None:
                converter.marker(f"{_LINK_OPEN}{number}{_MARK}{_LINK_NUMBER_END}")
                in_link += 1
                leave = 2
        elif tag == "img":
            alt = clean_text(node.attributes.get("alt") or "").strip()
            if 0 < len(alt) <= 2:  # an emoji drawn as an image
                converter.handle_data(alt)
            continue
        if tag in ("sup", "small"):
            small += 1
        _start(converter, tag)
        stack.append((node, leave))
        children = list(node.iter(include_text=True))
        stack.extend((child, 0) for child in reversed(children))
    small_print = small_text and not plain_text
    return _spans(converter.finish(), scripts=not small_print), small_print


def _unmarked(text: str) -> str:
    """``text`` without our marker characters (noncharacters: neither an ASCII text nor a
    printable one has any)."""
    return text if text.isascii() or text.isprintable() else _PRIVATE.sub("", text)


def _start(converter: _Converter, tag: str) -> None:
    if tag in _MARK_TAGS:
        converter.marker(_OPEN[_MARK_TAGS[tag]])
    elif tag == "sup" or tag == "sub":
        converter.marker(_OPEN[SUP if tag == "sup" else SUB])
    elif tag == "br":
        converter.handle_tag("br", {}, True)
    elif tag == "q":
        converter.handle_tag("q", {}, True)
    elif tag in _BREAK_TAGS:
        converter.handle_tag("br", {}, True)


def _end(converter: _Converter, tag: str) -> None:
    if tag in _MARK_TAGS:
        converter.marker(_CLOSE[_MARK_TAGS[tag]])
    elif tag == "sup" or tag == "sub":
        converter.marker(_CLOSE[SUP if tag == "sup" else SUB])
    elif tag == "q":
        converter.handle_tag("q", {}, False)


def _spans(text: str, scripts: bool = True) -> tuple[Span, ...]:
    """Read our markers back: one split (each part but the first starts with a marker),
    then a pass over the parts."""
    text = text.strip(" \n")
    if "\n" in text:  # (the pattern would be tried at every space)
        text = _HARD_BREAK.sub("\n", text)
    pieces: list[Span] = []
    counts = dict.fromkeys(_FLAGS, 0)
    links: list[int] = []
    marks = Mark.NONE
    scripted = 0  # how many <sup>/<sub> are open
    script: list[str] = []  # their text, decided on at their end
    for index, piece in enumerate(text.split(_MARK)):
        if index:  # a marker, then text
            code, piece = piece[0], piece[1:]
            found = _FLAG_OF.get(code)
            if found is not None:
                flag, step = found
                if flag in (SUP, SUB):
                    scripted = max(0, scripted + step)
                    if step == -1 and script:
                        joined = "".join(script)
                        script.clear()
                        text_piece = _script(joined, flag) if scripts else joined
                        _append(pieces, Span(text_piece, marks, links[-1] if links else None))
                else:
                    counts[flag] = max(0, counts[flag] + step)
                    marks = _marks(counts, links)
            elif code == _LINK_OPEN:
                links.append(int(piece))
                marks = _marks(counts, links)
                continue  # (the rest was the number)
            elif code == _LINK_CLOSE:
                if links:
                    links.pop()
                marks = _marks(counts, links)
        if not piece:
            continue
        if scripted:
            script.append(piece)
        else:
            _append(pieces, Span(piece, marks, links[-1] if links else None))
    if script:
        _append(pieces, Span("".join(script), marks, links[-1] if links else None))
    return trim(pieces)


_BOLD, _ITALIC, _CODE, _STRIKE = Mark.BOLD, Mark.ITALIC, Mark.CODE, Mark.STRIKE
_COMBINED: dict[tuple[bool, bool, bool, bool, bool], Mark] = {}
"""Each combination of marks made once: combining flags (``Mark.LINK | Mark.BOLD``) makes
a new member through the Enum machinery each time."""


def _marks(counts: dict[int, int], links: list[int]) -> Mark:
    key = (bool(links), counts[_BOLD] > 0, counts[_ITALIC] > 0, counts[_CODE] > 0,
           counts[_STRIKE] > 0)  # fmt: skip
    found = _COMBINED.get(key)
    if found is None:
        found = Mark.LINK if links else Mark.NONE
        for flag in (_BOLD, _ITALIC, _CODE, _STRIKE):
            if counts[flag] > 0:
                found |= flag
        _COMBINED[key] = found
    return found


def _script(text: str, flag: int) -> str:
    """``2`` in ``<sub>`` → ``₂``, when every character has its Unicode form."""
    if text and _SCRIPTABLE.issuperset(text):
        return text.translate(_SUPERSCRIPT if flag == SUP else _SUBSCRIPT)
    return text


def _append(pieces: list[Span], span: Span) -> None:
    if pieces and (pieces[-1].marks, pieces[-1].link) == (span.marks, span.link):
        pieces[-1] = Span(pieces[-1].text + span.text, span.marks, span.link)
    else:
        pieces.append(span)


def trim(pieces: list[Span]) -> tuple[Span, ...]:
    """No space, line break or invisible character at either end, no space doubled."""
    cleaned: list[Span] = []
    for span in pieces:
        text = span.text
        if cleaned and cleaned[-1].text.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text:
            cleaned.append(Span(text, span.marks, span.link) if text != span.text else span)
    while cleaned and not cleaned[0].text.lstrip(_EDGE_SPACE):
        cleaned.pop(0)
    while cleaned and not cleaned[-1].text.rstrip(_EDGE_SPACE):
        cleaned.pop()
    if cleaned:
        first = cleaned[0]
        text = first.text.lstrip(_EDGE_SPACE)
        if text != first.text:
            cleaned[0] = Span(text, first.marks, first.link)
        last = cleaned[-1]
        text = last.text.rstrip(_EDGE_SPACE)
        if text != last.text:
            cleaned[-1] = Span(text, last.marks, last.link)
    return tuple(cleaned)
