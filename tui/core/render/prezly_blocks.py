"""Prezly's widgets in a story body, recognised and turned into blocks straight from the DOM.

Story cards, figures, and the widgets and embeds we cannot show (galleries, videos,
attachments…) are drawn by :class:`~tui.core.render.document.Block` objects of their own, not
by html2text, which turns them into junk (empty links, favicons, duplicated card links).
:mod:`tui.core.render.body` decides where a widget stands; the builders here say what it shows
and number its link through the body's :class:`Links`.
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from selectolax.lexbor import LexborNode

from tui.core.model.text import clean_line
from tui.core.model.urls import host_of
from tui.core.render.document import Block, BlockKind, LinkKind, Span
from tui.core.render.tidy import visible

MEDIA: Final = "iframe, video, audio, embed, object"
MEDIA_TAGS: Final = frozenset(MEDIA.split(", "))
PROSE_TAGS: Final = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "table", "pre"}
    | {"address"}
)
_CARD_CLASSES: Final = frozenset({"release-content-bookmark", "prezly-slate-story-bookmark"})
_IMAGE_CLASSES: Final = frozenset({"release-content-image", "prezly-slate-image"})
_SLATE_WIDGETS: Final = frozenset(
    f"prezly-slate-{name}"
    for name in ("gallery", "embed", "video", "attachment", "contact", "button-block")
)
# Human names for the widgets we cannot show; unknown ones are named from their class.
_WIDGET_NAMES: Final = {
    "gallery": "Gallery",
    "embed": "Embed",
    "video": "Video",
    "audio": "Audio",
    "attachment": "Attachment",
    "file": "Attachment",
    "contact": "Contact",
    "button-block": "Button",
    "html": "Embedded content",
}
_VIDEO_HOSTS: Final = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com")
_PLAIN_NAME: Final = re.compile(r"[a-z]+(?:-[a-z]+)*")


class Links(Protocol):
    """How the body resolves and numbers the links of a widget."""

    def url(self, raw: str | None) -> str:
        """An absolute http(s) URL, cleaned, or ``""``."""
        ...

    def link(self, url: str, title: str, kind: LinkKind) -> int | None:
        """The number of ``url``'s link, or ``None`` when ``url`` is ``""``."""
        ...


# -- recognising widgets


def is_card(node: LexborNode) -> bool:
    return bool(_CARD_CLASSES.intersection(_classes(node)))


def is_image(node: LexborNode) -> bool:
    return bool(_IMAGE_CLASSES.intersection(_classes(node)))


def is_provider(anchor: LexborNode) -> bool:
    """A card's link to the site's home page, shown with a favicon: never a link of ours."""
    return any("provider" in name for name in _classes(anchor))


def widget_class(node: LexborNode) -> str:
    """The class that marks a widget we cannot show, or ``""``.

    A paragraph, heading or list stays prose whatever its class: its words are readable.
    """
    if node.tag in PROSE_TAGS:
        return ""
    for name in _classes(node):
        base = _block_name(name)
        if base in _SLATE_WIDGETS or (
            base.startswith("release-content-")
            and base not in _CARD_CLASSES
            and base not in _IMAGE_CLASSES
        ):
            return name
    return ""


def widget_name(class_name: str) -> str:
    """``release-content-gallery--wide`` → ``Gallery``: a human name, never the raw class."""
    base = _block_name(class_name).removeprefix("release-content-").removeprefix("prezly-slate-")
    if base in _WIDGET_NAMES:
        return _WIDGET_NAMES[base]
    if _PLAIN_NAME.fullmatch(base) and len(base) <= 24:
        return base.replace("-", " ").capitalize()
    return "Embedded content"


def _block_name(class_name: str) -> str:
    """``release-content-image--wide`` → ``release-content-image`` (BEM's block)."""
    return class_name.split("__")[0].split("--")[0]


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


# -- building their blocks


def card(node: LexborNode, links: Links) -> Block | None:
    title_node = node.css_first('[class*="__title"]')
    title = _text_of(title_node)
    url = links.url(title_node.attributes.get("href")) if title_node else ""
    if not url:  # no title link: the card's first link that is not the site's
        anchors = [a for a in node.css("a[href]") if not is_provider(a)]
        url = next(filter(None, (links.url(a.attributes.get("href")) for a in anchors)), "")
    if not title and not url:
        return None
    title = title or host_of(url)
    description = _text_of(node.css_first('[class*="__description"]'))
    site = _text_of(node.css_first('[class*="__provider"]'))
    return Block(
        BlockKind.CARD,
        spans=(Span(title),),
        detail=(Span(description),) if description else (),
        label=site or host_of(url).removeprefix("www."),
        link=links.link(url, title, LinkKind.CARD),
    )


def figure(node: LexborNode, links: Links) -> Block | None:
    image = node if node.tag == "img" else node.css_first("img")
    attributes = image.attributes if image is not None else {}
    url = links.url(attributes.get("src") or attributes.get("data-src"))
    caption_text = _text_of(node.css_first('figcaption, [class*="caption"]'))
    caption, _, credit = caption_text.partition("©")
    caption, credit = caption.strip(), f"© {credit.strip()}" if credit else ""
    if not url and not caption:
        return None
    return Block(
        BlockKind.FIGURE,
        spans=(Span(caption),) if caption else (),
        detail=(Span(credit),) if credit else (),
        label="Image",
        link=links.link(url, caption or "Image", LinkKind.IMAGE),
    )


def placeholder(node: LexborNode, name: str, links: Links) -> Block:
    """What stands for a widget or embed we cannot show: its name, caption and link."""
    name = name or _media_name(node, links.url(_source(node)))
    sources = (links.url(_source(n)) for n in [node, *node.css(f"a[href], {MEDIA}, source, img")])
    url = next((u for u in sources if u), "")
    caption = _text_of(node.css_first('figcaption, [class*="caption"], [class*="title"]'))
    caption = caption or clean_line(node.attributes.get("title") or "")
    return Block(
        BlockKind.PLACEHOLDER,
        spans=(Span(name),),
        detail=(Span(caption),) if caption else (),
        label=name,
        link=links.link(url, caption or name, LinkKind.TEXT),
    )


def _source(node: LexborNode) -> str | None:
    attributes = node.attributes
    return attributes.get("href") or attributes.get("src") or attributes.get("data")


def _media_name(node: LexborNode, url: str) -> str:
    if node.tag == "iframe" and host_of(url).removeprefix("www.").endswith(_VIDEO_HOSTS):
        return "Embedded video"
    return {"video": "Video", "audio": "Audio"}.get(node.tag or "", "Embedded content")


def _text_of(node: LexborNode | None) -> str:
    return clean_line(visible(node.text())) if node is not None else ""
