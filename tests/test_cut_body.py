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


def test_a_picture_pasted_inline_does_not_push_the_text_past_the_limit() -> None:
    """Tester report 4, item 9: a 2.5 MB inline picture made a short story "too long to
    show whole", and the text after the picture was lost."""
    from tui.core.model.story import Story
    from tui.core.render.render import prepare_story

    picture = "iVBORw0KGgo" + "A" * 2_500_000
    html = (
        "<p>Intro.</p><figure><img alt='Pasted' src=\"data:image/png;base64,"
        f'{picture}"><figcaption>Inline picture</figcaption></figure><p>After it.</p>'
    )
    kept, cut = safe_source(html)
    assert not cut and "After it." in kept and len(kept) < 1000
    blocks = repr(prepare_story(Story(title="T", body_html=html)).finish().blocks)
    assert "After it." in blocks and "Inline picture" in blocks and "too long" not in blocks
