"""Story bodies for the render benchmark and the pathological-shape tests: ordinary prose
of a given size, and the shapes that made the old renderer slow or quadratic (issue 9)."""

from __future__ import annotations

from collections.abc import Callable

SENTENCE = (
    "The committee met in Brussels on Tuesday to discuss the harbour plan, and "
    "<b>the minister</b> said the <a href='https://e.example/{n}'>report</a> was clear. "
)  # 24 words


def prose(words: int) -> str:
    """Paragraphs of ordinary news prose (5 sentences each), about ``words`` words."""
    sentences = max(1, words // 24)
    paragraphs = []
    for start in range(0, sentences, 5):
        body = "".join(SENTENCE.format(n=n) for n in range(start, min(sentences, start + 5)))
        paragraphs.append(f"<p>{body}</p>")
    return "".join(paragraphs)


def _links(n: int) -> str:
    return "<p>" + "".join(f"<a href='https://e.example/{i}'>w</a> " for i in range(n)) + "</p>"


def _table(n: int) -> str:
    return "<table>" + "<tr><td>w</td><td>1</td><td>x y</td></tr>" * (n // 4) + "</table>"


SHAPES: dict[str, Callable[[int], str]] = {
    "<code>a</code>×N": lambda n: "<p>" + "<code>a</code> " * n + "</p>",
    "unclosed <b>×N": lambda n: "<p>" + "<b>word " * n + "</p>",
    "nested <span>×N": lambda n: "<p>" + "<span>w " * n + "</span>" * n + "</p>",
    "nested <div>×N": lambda n: "<div>w " * n + "</div>" * n,
    "nested <blockquote>×N": lambda n: "<blockquote>w " * n + "</blockquote>" * n,
    "nested <ul><li>×N": lambda n: "<ul><li>w " * n + "</li></ul>" * n,
    "links ×N": _links,
    "<br>×N": lambda n: "<p>" + "w<br>" * n + "</p>",
    "table of N words": _table,
    "one word of N×6 letters": lambda n: "<p>" + "x" * (n * 6) + "</p>",
    "soft hyphens ×N": lambda n: "<p>" + "syl\u00ad" * n + "</p>",
}
"""Each shape with about N words (or N elements)."""
