"""The story model and a tolerant parser for Prezly story documents.

A Prezly newsroom serves every story as JSON at ``<story-url>.json`` (the
Prezly story format). Any key may be missing, null or of another type; extra keys are
ignored. A document that is not a story at all raises :class:`StoryError` with a reason
a person can act on.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from tui.core.model.dates import local_time
from tui.core.model.record import field, record
from tui.core.model.text import clean_line, clean_text, normalise
from tui.core.model.urls import canonical, host_of, is_web_url, page_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

OUTSIDE_KEY: Final = "belga_outside_page"
"""The ``extra`` key marking a story as an outside page (:mod:`tui.core.model.outside`)."""

WORDS_PER_MINUTE: Final = 230
_SURROGATE: Final = "[\ud800-\udfff]"

# The keys of a story document that Story reads; the rest are kept in Story.extra.
KNOWN_KEYS: Final = frozenset(
    {
        "title",
        "body",
        "url",
        "short_url",
        "slug",
        "published_at",
        "modified_at",
        "author",
        "language",
        "culture",
        "header",
        "links",
    }
)


class StoryError(ValueError):
    """A document that is not a readable story; ``str()`` is the human reason."""


@record(frozen=True)
class RelatedLink:
    """An entry of a story's ``links``: another story the body links to as a card."""

    url: str
    title: str


@record(frozen=True)
class Story:
    title: str
    body_html: str
    url: str = ""
    short_url: str = ""
    slug: str = ""
    published_at: datetime | None = None
    modified_at: datetime | None = None
    author: str = ""
    language: str = ""
    culture: str = ""
    header_image: str = ""
    links: tuple[RelatedLink, ...] = ()
    source: str = ""
    """Where the story was read from: a file path or the URL fetched."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def key(self) -> str:
        """What identifies the story: its canonical URL (an outside page's
        :func:`~tui.core.model.urls.page_key`), else where it came from."""
        if not self.url:
            return self.source
        return page_key(self.url) if OUTSIDE_KEY in self.extra else canonical(self.url)

    @property
    def host(self) -> str:
        return host_of(self.url) if self.url else ""


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _url(value: object) -> str:
    """An http(s) URL, cleaned, or ``""``: other schemes are never offered to the user."""
    if not isinstance(value, str):
        return ""
    url = clean_line(value)
    return url if is_web_url(url) else ""


def parse_datetime(value: object) -> datetime | None:
    """Prezly's ``"2026-05-13 17:23:00"`` (newsroom local time) or ISO 8601, as naive
    newsroom local time."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return local_time(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: 0001-01-01T00:00+14:00 in UTC
        return None


def _author(value: object) -> str:
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, dict):
        parts = [value.get("first_name"), value.get("last_name")]
        name = " ".join(p for p in parts if isinstance(p, str) and p.strip())
        if not name and isinstance(value.get("name"), str):
            name = value["name"]
        return clean_line(name)
    return ""


def _header_image(value: object) -> str:
    if isinstance(value, dict):
        for key in ("large", "release", "original"):
            url = _url(value.get(key))
            if url:
                return url
        return ""
    return _url(value)


def _links(value: object) -> tuple[RelatedLink, ...]:
    if not isinstance(value, list):
        return ()
    links: list[RelatedLink] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        url = _url(item.get("url"))
        if url:
            title = item.get("description") or item.get("title") or ""
            links.append(RelatedLink(url, clean_line(title) if isinstance(title, str) else ""))
    return tuple(links)


def parse_story(data: object, source: str = "") -> Story:
    """Build a :class:`Story` from a decoded JSON document.

    Raises :class:`StoryError` when ``data`` has neither a title nor a body.
    """
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        raise StoryError(f"not a story: the document is {kind}, not an object")
    title = clean_line(normalise(_text(data, "title")))
    body = _text(data, "body")
    if not title and not body.strip():
        raise StoryError("not a story: it has neither a title nor a body")
    return Story(
        title=title or "(untitled story)",
        body_html=body,
        url=_url(data.get("url")),
        short_url=_url(data.get("short_url")),
        slug=clean_line(_text(data, "slug")),
        published_at=parse_datetime(data.get("published_at")),
        modified_at=parse_datetime(data.get("modified_at")),
        author=_author(data.get("author")),
        language=clean_line(_text(data, "language")),
        culture=clean_line(_text(data, "culture")),
        header_image=_header_image(data.get("header")),
        links=_links(data.get("links")),
        source=clean_text(source),
        extra={k: v for k, v in data.items() if k not in KNOWN_KEYS},
    )


def parse_story_bytes(raw: bytes, source: str = "") -> Story:
    """Decode and parse a story document as served or stored: UTF-8 JSON."""
    if not raw.strip():
        raise StoryError("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryError(f"not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if text.lstrip()[:1] == "<":  # a saved web page: "Expecting value" said nothing
            raise StoryError(
                "a web page, not a story's JSON (belga reads web pages by their URL)"
            ) from None
        raise StoryError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise StoryError("not valid JSON: nested too deeply") from None
    except ValueError:  # Python refuses integers of over 4,300 digits (CVE-2020-10735)
        raise StoryError("not valid JSON: a number of more than 4,300 digits") from None
    if "\\u" in text and re.search(r"\\u[dD][89a-fA-F]", text):
        data = _mend_surrogates(data)
    return parse_story(data, source)


def _mend_surrogates(data: Any) -> Any:
    """``data`` with every lone surrogate (``"\\udfff"`` in the JSON: valid, but text
    that cannot be encoded, to the store or the terminal) made U+FFFD, in every string,
    keys too. Without recursion: the document's depth is the sender's choice."""
    fixed = [data]
    pending: list[tuple[list[Any] | dict[Any, Any], Any, Any]] = [(fixed, 0, data)]
    while pending:
        holder, where, value = pending.pop()
        if isinstance(value, str):
            if re.search(_SURROGATE, value):
                holder[where] = re.sub(_SURROGATE, "\ufffd", value)
        elif isinstance(value, list):
            pending.extend((value, index, item) for index, item in enumerate(value))
        elif isinstance(value, dict) and value:
            items = list(value.items())
            value.clear()  # rebuilt in order, its keys mended
            for key, item in items:
                if isinstance(key, str) and re.search(_SURROGATE, key):
                    key = re.sub(_SURROGATE, "\ufffd", key)
                value[key] = item
                pending.append((value, key, item))
    return fixed[0]


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at an ordinary pace; at least one."""
    return max(1, round(words / WORDS_PER_MINUTE))
