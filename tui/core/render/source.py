"""Body HTML made safe to parse: cut to a sane size, cleaned, shallow enough.

Before the parser sees a body: past :data:`MAX_HTML` it is cut (on a tag's start); escape
sequences go whole, in text and attributes alike (:func:`~tui.core.model.text.clean_text`);
container tags nested past :data:`MAX_NESTING` are left out (:func:`flatten_deep`). Each
step is one linear pass.
"""

from __future__ import annotations

import re

from tui.core.model.text import clean_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MAX_HTML: Final = 2_000_000
"""Characters of body HTML read; the rest is cut, with a note."""
MAX_NESTING: Final = 256
"""Container tags nested deeper than this are left out before parsing."""
_NESTING: Final = (  # compiled when first used: a short body never needs it
    r"(?i)<(/?)(?:div|section|article|aside|main|blockquote|ul|ol|dl|table|figure)\b[^>]*>"
)


_DATA_URL: Final = r"""(?i)(\ssrc(?:set)?\s*=\s*["']?)data:[^"'\s>]*"""
"""A picture pasted inline: its bytes in the attribute (never shown: not fetched)."""


def safe_source(html: str) -> tuple[str, bool]:
    """``html`` ready for the parser, and whether it was cut. Pictures pasted inline
    (``data:`` URLs) lose their bytes first: a 2.5 MB one made a short story "too long
    to show whole", the text after it cut (a new user's report); the picture's line
    stays."""
    cut = False
    if len(html) > MAX_HTML and "data:" in html:
        html = re.sub(_DATA_URL, r"\1data:,", html)
    if len(html) > MAX_HTML:
        html, cut = html[: _cut_at(html)], True
    return flatten_deep(clean_text(html)), cut


_LONG_WORD: Final = 200


def _cut_at(html: str) -> int:
    """Where to cut ``html`` at :data:`MAX_HTML`: before the tag the limit falls in or
    after, or after the last whole word of the text it falls in (a 15 MB paragraph
    ended "word wo")."""
    tag = html.rfind("<", 0, MAX_HTML)
    text = html.rfind(">", 0, MAX_HTML) + 1  # where the text the limit falls in starts
    if text <= tag:
        return tag if tag > 0 else MAX_HTML
    space = max(html.rfind(blank, text, MAX_HTML) for blank in " \n\t")
    if space > text:
        return space
    # A word cut short: left out, unless the "word" is long (text without spaces, CJK).
    return text if 0 < MAX_HTML - text < _LONG_WORD else MAX_HTML


def flatten_deep(html: str) -> str:
    """``html`` without the container tags nested deeper than :data:`MAX_NESTING`.

    The HTML parser takes time quadratic in the depth of nested ``<div>``, ``<ul>`` or
    ``<blockquote>`` (thousands deep: seconds); no story needs more than a few levels.
    One linear scan of those tags: past the limit, they are left out (their words stay).
    """
    if html.count("<") < MAX_NESTING:
        return html
    depth = 0
    kept: list[str] = []
    position = 0
    for match in re.finditer(_NESTING, html):
        closing = match.group(1) == "/"
        if not closing:
            depth += 1
        if depth > MAX_NESTING:
            kept.append(html[position : match.start()])
            position = match.end()
        if closing:
            depth = max(0, depth - 1)
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)
