"""The main content of an outside web page, as a story: trafilatura does the finding.

trafilatura (Apache-2.0) is made for this and leads the published main-content
benchmarks; it keeps a page's structure (headings, lists, tables, images, links) as
HTML, and reads the title, site, author and date. That HTML is the story's body, so it
goes through belga's own renderer like a newsroom story's. Navigation, cookie banners,
share bars, related-article rails, comments and footers are left out.

Extraction takes tens of milliseconds on a real page: callers run it off the event
loop, within a time budget. Input is bounded by the fetch size limit, and lxml parses
in linear time, but the extractor's work on the tree is not linear: jusText, its
fallback, searches each paragraph's neighbours one by one (4,000 paragraphs: 15 s; a
300 KB page of 38,400: over 12 minutes), and its main pass is quadratic in sibling
paragraphs too (38,400: 8 s). So the elements are counted first (selectolax, linear):
above :data:`MAX_ELEMENTS` the page is refused in words, above :data:`FAST_ABOVE`
paragraphs it is read without the fallbacks.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Final

from selectolax.lexbor import LexborHTMLParser

from tui.core.model.outside import outside_extra
from tui.core.model.story import Story, parse_datetime
from tui.core.model.text import clean_line, clean_text, drop_sequences, normalise, word_count
from tui.core.model.urls import is_web_url
from tui.core.net.fetch_errors import FetchError, FetchErrorKind, too_complex_error

if TYPE_CHECKING:
    from configparser import ConfigParser

    from trafilatura.settings import Document

MIN_WORDS: Final = 12
"""Fewer words than this is no article: a consent wall, a login form, an empty shell."""
JS_SHELL_WORDS: Final = 40
"""A page showing fewer words than this, with scripts, is drawn by JavaScript."""
MAX_BLOCKS: Final = 6_000
"""Pages with more paragraph-like blocks are not read: trafilatura's pass is quadratic in
them (5,000 paragraphs with a few links each: 2 s of CPU; 12,000: 15 s). A long real
article has a few hundred; 3,750 paragraphs (a 1.3 MB page) read in 2.7 s."""
MAX_ELEMENTS: Final = 150_000
"""Pages with more elements in all are not read either, whatever their shape."""
TRUSTED_CHARS: Final = 100
"""The main pass's text is kept from this many characters (trafilatura's own floor is
250): a short article (a brief of two paragraphs, ~240 characters) was under it, so the
fallbacks ran and their longer text won, the title, byline and share bar glued to the
first paragraph. Fewer than :data:`MIN_WORDS` words is no article anyway."""
FAST_ABOVE: Final = 1_000
"""Pages with more blocks than this are read without the fallbacks."""
_BLOCKS: Final = "p, div, li, td, th, dd, dt, pre, blockquote, h1, h2, h3, h4, h5, h6"
_TITLE_SEPARATORS: Final = re.compile(r"\s+[|–—·•:-]\s+")
_DATE_ONLY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_ELEMENTS))
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(TRUSTED_CHARS))
    return config


def no_content_error(url: str) -> FetchError:
    return FetchError(FetchErrorKind.NO_CONTENT, url, "no main content found")


def needs_javascript_error(url: str) -> FetchError:
    return FetchError(
        FetchErrorKind.NEEDS_JAVASCRIPT,
        url,
        "the page needs JavaScript: its text is made by scripts, which belga does not run",
    )


def reader_unavailable_error(url: str, error: BaseException) -> FetchError:
    """The extractor could not be loaded (a missing or broken dependency) or failed on
    this page: one line saying so and why, never a traceback."""
    why = clean_line(str(error)) or type(error).__name__
    if isinstance(error, ImportError):
        reason = f"the reader view is unavailable: its extractor could not be loaded ({why})"
    else:
        reason = f"the reader view is unavailable: its extractor failed on this page ({why})"
    return FetchError(FetchErrorKind.READER_UNAVAILABLE, url, reason)


def _visible_words(html: str) -> tuple[int, bool]:
    """How many words a page shows without scripts, and whether it has scripts."""
    tree = LexborHTMLParser(html)
    has_scripts = tree.css_first("script") is not None
    tree.strip_tags(["script", "style", "noscript", "template", "head"])
    body = tree.body
    text = body.text(separator=" ") if body is not None else ""
    return word_count(text), has_scripts


def _title(document: Document, site: str) -> str:
    """The page's title without the " | Site name" that pages append."""
    title = clean_line(normalise(document.title or ""))
    if site and title:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) > 1 and clean_line(parts[-1]).casefold() == site.casefold():
            title = clean_line(title[: title.casefold().rfind(parts[-1].casefold())])
            title = _TITLE_SEPARATORS.sub(" ", title).strip(" |–—·•:-")
    return title


def _published(tree: LexborHTMLParser, document: Document) -> datetime | None:
    """The article's time from its meta tags, else the day trafilatura found."""
    meta = tree.css_first('meta[property="article:published_time"]')
    content = meta.attributes.get("content") if meta is not None else None
    moment = parse_datetime(content) if content else None
    if moment is None and document.date and _DATE_ONLY.fullmatch(document.date):
        try:
            moment = datetime.fromisoformat(document.date)
        except ValueError:
            moment = None
    return moment


def _body(document: Document, title: str) -> tuple[str, int]:
    """The content as HTML (without a first heading that only repeats the title)."""
    from trafilatura.htmlprocessing import build_html_output

    tree = LexborHTMLParser(build_html_output(document))
    first = tree.css_first("h1")
    if first is not None and clean_line(first.text()).casefold() == title.casefold():
        first.decompose()
    body = tree.body
    text = body.text(separator=" ") if body is not None else ""
    return (body.inner_html or "") if body is not None else "", word_count(text)


def extract_page(page: bytes | str, url: str) -> Story:
    """The main content of the page fetched from ``url``, as an outside-page story.

    Raises :class:`FetchError`: ``NO_CONTENT`` or ``NEEDS_JAVASCRIPT`` when there is
    nothing to read, ``READER_UNAVAILABLE`` when the extractor cannot be loaded or
    breaks (whatever it raises: it is outside code on hostile input).
    """
    try:
        return _extract(page, url)
    except FetchError:
        raise
    except Exception as error:
        raise reader_unavailable_error(url, error) from error


def _extract(page: bytes | str, url: str) -> Story:
    from trafilatura import bare_extraction

    page = drop_sequences(page)  # whole, before a parser leaves their tails as text
    html = page if isinstance(page, str) else page.decode("utf-8", errors="replace")
    tree = LexborHTMLParser(html)
    elements = sum(1 for _ in tree.root.traverse()) if tree.root is not None else 0
    if elements > MAX_ELEMENTS:
        raise too_complex_error(url, f"{elements:,} elements, over {MAX_ELEMENTS:,}")
    blocks = len(tree.css(_BLOCKS))
    if blocks > MAX_BLOCKS:
        detail = f"{blocks:,} paragraphs, list items and cells, over {MAX_BLOCKS:,}"
        raise too_complex_error(url, detail)
    document = bare_extraction(
        page,
        url=url,
        fast=blocks > FAST_ABOVE,
        output_format="python",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_links=True,
        include_formatting=True,
        config=_config(),
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    words = 0
    if document is not None and not isinstance(document, dict) and document.body is not None:
        site = clean_line(document.sitename or "")
        title = _title(document, site)
        body, words = _body(document, title)
    if document is None or isinstance(document, dict) or words < MIN_WORDS:
        shown, has_scripts = _visible_words(html)
        if has_scripts and shown < JS_SHELL_WORDS:
            raise needs_javascript_error(url)
        raise no_content_error(url)
    author = clean_line(document.author or "")
    return Story(
        title=title or clean_line(url),
        body_html=body,
        url=clean_line(url),
        author="" if is_web_url(author) else author,
        published_at=_published(tree, document),
        language=clean_line(document.language or ""),
        header_image="",
        source=clean_text(url),
        extra=outside_extra(site),
    )
