"""Prezly's blocks in a story body, recognised from their classes and built from the DOM.

Both markups are read: the story JSON's legacy ``release-content-*`` classes and the web
page's ``prezly-slate-*`` classes (see prezly/content-renderer-react-js). A widget is
known by its BEM block name without the prefix (``gallery``, ``contact``…), so one
builder serves both; its parts are found by their BEM element names (``__title``,
``__caption``…). A Prezly block we do not know becomes a labelled placeholder that keeps
its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from selectolax.lexbor import LexborNode

from tui.core.model.text import clean_line
from tui.core.model.urls import host_of
from tui.core.render.document import Block, BlockKind, LinkKind, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Protocol

PREFIXES: Final = ("release-content-", "prezly-slate-")
# Prezly blocks that are ordinary markup (a <p>, a <blockquote>…): read as such.
STRUCTURAL: Final = frozenset(
    {"document", "paragraph", "heading", "heading-one", "heading-two", "list", "list-item"}
    | {"list-item-text", "bulleted-list", "numbered-list", "quote", "table", "table-row"}
    | {"table-cell", "text", "link", "divider", "variable", "mention"}
)
MEDIA_TAGS: Final = frozenset({"iframe", "video", "audio", "embed", "object"})
_VIDEO_HOSTS: Final = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com")
_AUDIO_HOSTS: Final = ("soundcloud.com", "spotify.com", "deezer.com")
_SOCIAL: Final = {
    "twitter.com": "Post on X",
    "x.com": "Post on X",
    "instagram.com": "Instagram post",
    "facebook.com": "Facebook post",
    "linkedin.com": "LinkedIn post",
    "tiktok.com": "TikTok video",
}
_IMAGE_SUFFIXES: Final = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_PLAIN_NAME: Final = r"[a-z]+(?:-[a-z]+)*"  # compiled when first used
_INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff"


if TYPE_CHECKING:  # (a Protocol class made at run time imports typing)

    class Context(Protocol):
        """What a builder needs from the body: URLs, link numbers and inline prose."""

        def url(self, raw: str | None) -> str:
            """An absolute http(s) URL, cleaned, or ``""``."""
            ...

        def link(self, url: str, title: str, kind: LinkKind = LinkKind.TEXT) -> int | None:
            """The number of ``url``'s link, or ``None`` when it is ``""``."""
            ...

        def inline(self, nodes: Iterable[LexborNode]) -> tuple[Span, ...]:
            """The spans of inline content (links numbered)."""
            ...


def visible(text: str) -> str:
    """``text`` without invisible characters and surrounding whitespace (``&nbsp;`` too)."""
    if not text.isascii():  # (a pattern of these took 2.8 M instructions to compile)
        for char in _INVISIBLE:
            if char in text:
                text = text.replace(char, "")
    return text.strip()


def classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def widget(node: LexborNode) -> str:
    """The Prezly block name of ``node`` (``gallery``, ``image``…), or ``""``."""
    for name in classes(node):
        for prefix in PREFIXES:
            if name.startswith(prefix):
                base = name[len(prefix) :].split("__")[0].split("--")[0]
                if "__" not in name[len(prefix) :] and base not in STRUCTURAL:
                    return base
    return ""


def _part(node: LexborNode, element: str) -> LexborNode | None:
    """The first descendant named ``…__<element>`` in BEM, in either markup."""
    return node.css_first(f'[class*="__{element}"]')


def text_of(node: LexborNode | None) -> str:
    return clean_line(visible(node.text())) if node is not None else ""


def _source(node: LexborNode) -> str | None:
    attributes = node.attributes
    for name in ("data-url", "data-href", "href", "src", "data-src", "data"):
        value = attributes.get(name)
        if value:
            return value
    return None


def _spans(text: str) -> tuple[Span, ...]:
    return (Span(text),) if text else ()


# -- the builders ---------------------------------------------------------------------


_CARD_TITLES: Final = ('[class*="__title"]', "h1, h2, h3, h4, h5, h6", '[class*="title"]', "strong")
_CARD_DESCRIPTIONS: Final = ('[class*="__description"]', '[class*="__subtitle"]',
                             '[class*="__summary"]', '[class*="__text"]', "p")  # fmt: skip


def _first(node: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first descendant matching one of ``selectors``, tried in their order."""
    for selector in selectors:
        found = node.css_first(selector)
        if found is not None and found != node and not is_provider(found) and text_of(found):
            return found
    return None


def _href(node: LexborNode | None, card: LexborNode, ctx: Context) -> str:
    """The link of ``node``: its own ``href`` or that of an ``<a>`` around it in ``card``."""
    while node is not None and node.tag != "a" and node != card:
        node = node.parent
    return ctx.url(node.attributes.get("href")) if node is not None and node.tag == "a" else ""


def card(node: LexborNode, ctx: Context, kind: LinkKind = LinkKind.CARD) -> Block | None:
    """A story or link card: its title, else its description, else its site's host."""
    title_node = _first(node, _CARD_TITLES)
    title = text_of(title_node)
    url = _href(title_node, node, ctx)
    if not url:  # no title link: the card's first link that is not the site's
        anchors = [a for a in node.css("a[href]") if not is_provider(a)]
        if node.tag == "a":
            anchors.insert(0, node)
        url = next(filter(None, (ctx.url(a.attributes.get("href")) for a in anchors)), "")
    if not title and not url:
        return None
    description = text_of(_first(node, _CARD_DESCRIPTIONS))
    if description == title:
        description = ""
    title, description = (title, description) if title else (description, "")
    title = title or host_of(url).removeprefix("www.")
    site = text_of(_part(node, "provider"))
    return Block(
        BlockKind.CARD,
        spans=(Span(title),),
        detail=_spans(description),
        label=site or host_of(url).removeprefix("www."),
        link=ctx.link(url, title, kind),
    )


def is_provider(anchor: LexborNode) -> bool:
    """A card's link to the site's home page, shown with a favicon: never a link of ours."""
    return any("provider" in name for name in classes(anchor))


def _image_url(image: LexborNode | None, ctx: Context) -> str:
    if image is None:
        return ""
    attributes = image.attributes
    for name in ("src", "data-src"):
        url = ctx.url(attributes.get(name))
        if url:
            return url
    srcset = attributes.get("srcset") or ""
    return ctx.url(srcset.split(",")[0].split(" ")[0]) if srcset else ""


def _caption(node: LexborNode) -> tuple[str, str]:
    """(caption, credit) of a figure: the credit is what follows "©"."""
    found = node.css_first('figcaption, [class*="__caption"], [class*="__title"]')
    text = text_of(found)
    credit_node = node.css_first('[class*="__credit"]')
    caption, mark, credit = text.partition("©")
    caption, credit = caption.strip(" —–-|·"), credit.strip()
    if credit_node is not None:
        credit = text_of(credit_node).removeprefix("©").strip()
        caption = caption.replace(text_of(credit_node), "").strip(" —–-|·")
    return caption, f"© {credit}" if credit or mark else ""


def figure(node: LexborNode, ctx: Context, group: int = 0, level: int = 0) -> Block | None:
    image = node if node.tag == "img" else node.css_first("img")
    url = _image_url(image, ctx)
    alt = clean_line(image.attributes.get("alt") or "") if image is not None else ""
    title = clean_line(node.attributes.get("title") or "") if node.tag == "a" else ""
    caption, credit = _caption(node) if node.tag != "img" else ("", "")
    caption = caption or title
    if alt in ("Video thumbnail", caption):
        alt = ""
    if not url and not caption and not alt:
        return None
    anchor = node if node.tag == "a" else node.css_first("a[href]")
    target = ctx.url(anchor.attributes.get("href")) if anchor is not None else ""
    if target and _is_image_file(target):
        url, target = target, ""  # the link opens the full image: that is the picture
    number = ctx.link(url, caption or alt or "Image", LinkKind.IMAGE)
    lines: tuple[tuple[Span, ...], ...] = ()
    if target and target != url:  # the image links elsewhere: a line of its own
        linked = ctx.link(target, caption or alt or "Image link")
        lines = ((Span(host_of(target).removeprefix("www.") or target, link=linked),),)
    return Block(
        BlockKind.FIGURE,
        spans=_spans(caption),
        detail=_spans(credit),
        label="Image",
        alt=alt,
        link=number,
        lines=lines,
        group=group,
        level=level,
    )


def _is_image_file(url: str) -> bool:
    path = url.split("?")[0].split("#")[0].lower()
    return path.endswith(_IMAGE_SUFFIXES) or "/-/" in path  # "/-/": Prezly's CDN operations


def gallery(node: LexborNode, ctx: Context, group: int) -> list[Block]:
    """A head naming the gallery, then a FIGURE for every image in it."""
    tiles = node.css('a[class*="gallery-image"]') or node.css('[class*="__item"]')
    tiles = tiles or node.css("img")
    seen: set[int] = set()
    images: list[Block] = []
    for tile in tiles:
        image = tile if tile.tag == "img" else tile.css_first("img")
        if image is None or image.mem_id in seen:
            continue
        seen.add(image.mem_id)
        block = figure(tile, ctx, group=group, level=1)
        if block is not None:
            images.append(block)
    title = ""
    for caption in node.css("figcaption"):
        if not any(c.mem_id in seen for c in caption.css("img")) and caption.parent is node:
            title = text_of(caption)
    count = f"{len(images)} image{'s' if len(images) != 1 else ''}"
    head = Block(BlockKind.GALLERY, spans=(Span(count),), detail=_spans(title),
                 label="Gallery", group=group)  # fmt: skip
    return [head, *images]


def embed(node: LexborNode, ctx: Context, name: str = "") -> Block:
    """A video, audio, tweet, iframe or other embed: its title, provider and real target."""
    candidates = [node, *node.css("[data-url], [data-href], iframe, video, audio, source, embed")]
    anchors = node.css("a[href]")
    quote = node.css_first("blockquote")
    if quote is not None and anchors:  # a tweet: its last link is the post itself
        candidates.append(anchors[-1])
    candidates.extend(anchors)
    url = next(filter(None, (ctx.url(_source(n)) for n in candidates)), "")
    title = text_of(_part(node, "title")) or clean_line(
        node.attributes.get("title")
        or next(
            (n.attributes.get("title") or "" for n in candidates if n.attributes.get("title")), ""
        )
    )
    host = host_of(url).removeprefix("www.")
    label = name or _embed_name(node, host)
    number = ctx.link(url, title or label)  # before the links of its text: reading order
    fallback: list[tuple[Span, ...]] = []
    for part in node.css("blockquote > p, figcaption, [class*='__description'], p"):
        spans = ctx.inline(part.iter(include_text=True))
        if spans and spans not in fallback and "".join(s.text for s in spans) != title:
            fallback.append(spans)
        if len(fallback) >= 20:
            break
    if not fallback and quote is not None:
        spans = ctx.inline(quote.iter(include_text=True))
        if spans:
            fallback.append(spans)
    return Block(
        BlockKind.EMBED,
        spans=_spans(title),
        detail=_spans(host),
        label=label,
        link=number,
        lines=tuple(fallback),
    )


def _embed_name(node: LexborNode, host: str) -> str:
    tag = node.tag or ""
    base = widget(node)
    if tag == "video" or base == "video" or host.endswith(_VIDEO_HOSTS):
        return "Video"
    if tag == "audio" or host.endswith(_AUDIO_HOSTS):
        return "Audio"
    for site, name in _SOCIAL.items():
        if host == site or host.endswith("." + site):
            return name
    return "Embedded content"


def contact(node: LexborNode, ctx: Context) -> Block:
    """A contact card: name, then role and company, e-mail, phone, and other links."""
    name_node = _part(node, "name") or node.css_first("h1, h2, h3, h4, h5, h6, strong")
    name = text_of(name_node)
    lines: list[tuple[Span, ...]] = []
    for element in ("job-description", "job", "position", "company", "description"):
        text = text_of(_part(node, element))
        if text and (Span(text),) not in lines and text != name:
            lines.append((Span(text),))
    for anchor in node.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        text = text_of(anchor)
        scheme = href.split(":", 1)[0].lower()
        if scheme == "mailto":
            address = clean_line(href[7:].split("?")[0]) or text
            lines.append((Span(f"E-mail: {text.removeprefix('E. ') or address}"),))
        elif scheme == "tel":
            lines.append(
                (Span(f"Phone: {text.removeprefix('P. ').removeprefix('M. ') or href[4:]}"),)
            )
        else:
            url = ctx.url(href)
            if url:
                label = text or host_of(url)
                lines.append((Span(label, link=ctx.link(url, label)),))
    if not lines and not name:
        text = text_of(node)
        lines.append(_spans(text))
    return Block(BlockKind.CONTACT, spans=_spans(name), label="Contact",
                 lines=tuple(line for line in lines if line))  # fmt: skip


def button(node: LexborNode, ctx: Context) -> Block | None:
    anchor = node if node.tag == "a" else node.css_first("a[href]")
    label = text_of(node)
    url = ctx.url(anchor.attributes.get("href")) if anchor is not None else ""
    if not label and not url:
        return None
    label = label or host_of(url)
    return Block(BlockKind.BUTTON, spans=(Span(label),), label="Button",
                 link=ctx.link(url, label))  # fmt: skip


def attachment(node: LexborNode, ctx: Context) -> Block | None:
    anchor = node if node.tag == "a" else node.css_first("a[href]")
    url = ctx.url(anchor.attributes.get("href")) if anchor is not None else ""
    title = text_of(_part(node, "title"))
    subtitle = text_of(_part(node, "subtitle")) or text_of(_part(node, "description"))
    if not title and not subtitle:
        title = text_of(node)
    if not title and not url:
        return None
    title = title or subtitle or url.rsplit("/", 1)[-1]
    if subtitle == title:
        subtitle = ""
    return Block(BlockKind.ATTACHMENT, spans=(Span(title),), detail=_spans(subtitle),
                 label="Attachment", link=ctx.link(url, title))  # fmt: skip


def placeholder(node: LexborNode, name: str, ctx: Context) -> Block:
    """A Prezly block we do not know: its name, its text, its first link."""
    anchors = node.css("a[href]")
    url = next(filter(None, (ctx.url(_source(n)) for n in [node, *anchors])), "")
    text = ctx.inline(node.iter(include_text=True))
    label = human_name(name)
    return Block(BlockKind.PLACEHOLDER, spans=(Span(label),), detail=text, label=label,
                 link=ctx.link(url, label))  # fmt: skip


def human_name(base: str) -> str:
    """``some-block`` → ``Some block``: a human name, never a raw class."""
    if base == "html":
        return "Embedded content"
    if re.fullmatch(_PLAIN_NAME, base) and len(base) <= 24:
        return base.replace("-", " ").capitalize()
    return "Embedded content"


if TYPE_CHECKING:
    WidgetBuilder = Callable[[LexborNode, Context], Block | None]
BUILDERS: Final[dict[str, WidgetBuilder]] = {
    "bookmark": lambda node, ctx: card(node, ctx, LinkKind.CARD),
    "story-bookmark": lambda node, ctx: card(node, ctx, LinkKind.CARD),
    "link-embed": lambda node, ctx: card(node, ctx, LinkKind.TEXT),
    "coverage": lambda node, ctx: card(node, ctx, LinkKind.TEXT),
    "image": figure,
    "embed": embed,
    "video": lambda node, ctx: embed(node, ctx, "Video"),
    "audio": lambda node, ctx: embed(node, ctx, "Audio"),
    "contact": contact,
    "button-block": button,
    "button": button,
    "attachment": attachment,
    "file": attachment,
}
"""Each Prezly block's builder, by block name; ``gallery`` has its own (several blocks)."""
