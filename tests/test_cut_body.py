"""A body past the parser's limit is cut between words, not in one (tester report 3,
item 8: a 15 MB paragraph ended "word word word wo" before the note that it was cut)."""

from __future__ import annotations

from tui.core.render.source import MAX_HTML, safe_source


def test_a_long_paragraph_is_cut_after_a_whole_word() -> None:
    html = "<p>" + "word " * (MAX_HTML // 4) + "</p>"
    kept, cut = safe_source(html)
    assert cut
    assert kept.rstrip().endswith("word") and len(kept) <= MAX_HTML
    assert kept.split()[-1] == "word"


def test_a_cut_among_tags_is_before_a_tag() -> None:
    html = "<p>short</p>" * (MAX_HTML // 10)
    kept, cut = safe_source(html)
    assert cut and kept.endswith(("</p>", "<p>"))  # no word cut short


def test_one_word_longer_than_the_limit_is_cut_in_it() -> None:
    kept, cut = safe_source("<p>" + "x" * (MAX_HTML + 10) + "</p>")
    assert cut and len(kept) == MAX_HTML
