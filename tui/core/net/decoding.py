"""Outside bytes as text: only charsets known to be safe, and XML made harmless first.

A server names the charset of what it sends (``Content-Type: …; charset=…`` or an XML
declaration), and Python's codecs answer to far more names than text encodings:
``punycode`` decodes in quadratic time (400 KB took 17 s), ``hex``, ``base64`` and
``zlib`` are no text encodings at all, ``idna`` refuses ``errors="replace"`` and
``utf-7`` can spell ``<`` as ``+ADw-``. Only the charsets of :data:`SAFE_CHARSETS` are
used; anything else is read as UTF-8 with replacement characters, and a note says so.

XML documents (feeds, sitemaps) are decoded here, once, by the same rules, and the
text the parsers get is exactly the text checked: entity declarations are refused
whatever comes before them (a junk first line used to send the document past the
check to feedparser's lenient parser, which expanded them), and the parsers are handed
UTF-8 with a declaration that says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["SAFE_CHARSETS", "Decoded", "EntitiesRefused", "decode", "safe_codec", "xml_utf8"]

_SAFE_NAMES: Final = (
    "utf-8 utf-8-sig utf-16 utf-16-le utf-16-be utf-32 utf-32-le utf-32-be ascii "
    "iso-8859-1 iso-8859-2 iso-8859-3 iso-8859-4 iso-8859-5 iso-8859-6 iso-8859-7 "
    "iso-8859-8 iso-8859-9 iso-8859-10 iso-8859-13 iso-8859-14 iso-8859-15 iso-8859-16 "
    "cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp437 cp850 cp866 "
    "koi8-r koi8-u mac-roman shift_jis cp932 euc-jp iso2022_jp gb2312 gbk gb18030 big5 "
    "big5hkscs euc-kr cp949 tis-620"
)
SAFE_CHARSETS: Final = frozenset(codecs.lookup(name).name for name in _SAFE_NAMES.split())
"""Python codec names of the charsets read as named: text encodings that decode in
linear time and accept ``errors="replace"``."""
_LONGEST_NAME: Final = 40
_CHARSET_NAME: Final = re.compile(r"[a-z0-9][a-z0-9._:+-]{0,39}")

# Where XML says its encoding: a byte-order mark, else the declaration (XML 1.0, F.1).
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_STARTS: Final = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARATION: Final = re.compile(rb"\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([^\"'>]{0,60})[\"']")
_TEXT_DECLARATION: Final = re.compile(r"\s*<\?xml[^>]{0,300}?\?>")
# XML spells it <!ENTITY; lenient parsers are not so strict about case and spaces.
_ENTITY: Final = re.compile(r"<!\s*entity", re.IGNORECASE)


class EntitiesRefused(ValueError):
    """An XML document that declares entities: none is ever expanded."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    note: str = ""
    """Why the charset named was not used, for the user; ``""`` when it was."""


def safe_codec(name: str | None) -> str | None:
    """The Python codec for the charset ``name``, when it is one of the safe ones."""
    name = (name or "").strip().strip("\"'").lower()
    if not _CHARSET_NAME.fullmatch(name):  # codecs.lookup raises on a NUL, for one
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return codec if codec in SAFE_CHARSETS else None


def _shown(name: str) -> str:
    printable = "".join(c for c in name if c.isprintable())[:_LONGEST_NAME]
    return repr(printable)


def decode(body: bytes, charset: str | None, what: str = "the answer") -> Decoded:
    """``body`` as text in ``charset`` (UTF-8 when none), never raising, in linear time."""
    if not charset:
        return Decoded(body.decode("utf-8", errors="replace"))
    codec = safe_codec(charset)
    if codec is None:
        note = f"{what} names the charset {_shown(charset)}: not one belga reads; read as UTF-8"
        return Decoded(body.decode("utf-8", errors="replace"), note)
    return Decoded(body.decode(codec, errors="replace"))


def _xml_charset(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    for start, codec in _WIDE_STARTS:
        if data.startswith(start):
            return codec
    match = _DECLARATION.match(data, 0, 512)
    return match[1].decode("ascii", errors="replace") if match else None


def xml_utf8(
    data: bytes, charset: str | None = None, what: str = "the document"
) -> tuple[bytes, str]:
    """An outside XML document as UTF-8 bytes that declare UTF-8, and a note (or ``""``).

    The document's own encoding (byte-order mark, declaration) wins over ``charset``,
    the server's; an unsafe one is read as UTF-8. Raises :class:`EntitiesRefused` when
    the text declares entities, wherever that is.
    """
    decoded = decode(data, _xml_charset(data) or charset, what)
    text = decoded.text.removeprefix("\ufeff")
    if _ENTITY.search(text):
        raise EntitiesRefused(f"refused: {what} declares XML entities")
    declaration = _TEXT_DECLARATION.match(text)
    if declaration is not None:
        text = '<?xml version="1.0" encoding="utf-8"?>' + text[declaration.end() :]
    return text.encode("utf-8"), decoded.note
