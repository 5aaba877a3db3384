"""The values a config setting may take: checking one, and writing one back as TOML.

Each setting of :mod:`tui.core.config.load` pairs with a :class:`Check`: a parser that
returns the clean value or raises :class:`Invalid` with the end of a human warning,
and the bounds the template and the warnings show. Sizes (``"5 MB"``) and newsroom
URLs are read here too, for the command line as well as the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from tui.core.config.limits import MEGABYTE
from tui.core.model.text import shorten

KILOBYTE: Final = 1024
GIGABYTE: Final = 1024 * MEGABYTE

IMAGE_MODES: Final = ("off", "on", "always")
READER_MODES: Final = ("ask", "always", "never")


class Invalid(Exception):
    """A value a setting cannot take; the message completes "[ui] measure = 20 …"."""


class Check(NamedTuple):
    parse: Callable[[object], object]
    bounds: str
    """Shown in the template and in out-of-range warnings; empty when there are none."""


_HOST = re.compile(r"[\w.:-]+")


def normalize_newsroom(text: str) -> str:
    """An http(s) URL with a host, no trailing slash; a bare host gets https://. As
    ``belga --newsroom`` has it. Raises ValueError."""
    text = text.strip()
    url = text if "://" in text else f"https://{text}"
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        # No user:password@ either: never needed by a public newsroom, and it would
        # be echoed in warnings. It also keeps "mailto:a@b" from passing as a host.
        valid = valid and parts.username is None
        # A host name is letters, digits, dots and hyphens (IDN letters too); an
        # address may have colons. "not a url" was taken, and looked up as a name.
        valid = valid and _HOST.fullmatch(parts.hostname or "") is not None
        # urlsplit drops tabs and newlines silently: no space nor control character at all.
        valid = valid and all(c.isprintable() and not c.isspace() for c in url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"not a newsroom URL: {text!r}")
    return url.rstrip("/")


_SIZE = re.compile(r"(\d+(?:\.\d*)?)\s*(?:([kmg])(?:i?b)?|b)?", re.IGNORECASE)
_UNITS: Final = {"k": KILOBYTE, "m": MEGABYTE, "g": GIGABYTE}


def parse_size(text: str) -> int:
    """``"5 MB"`` → bytes. KB, MB and GB count in 1024s, as ``MEGABYTE`` does (KiB, MiB
    and GiB are accepted as the same); a bare number is bytes. Raises ValueError."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r}")
    return round(float(match[1]) * _UNITS.get((match[2] or "").lower(), 1))


def format_size(size: int) -> str:
    """The TOML for a size: ``"5 MB"`` when it is a whole number of a unit."""
    for unit, factor in (("GB", GIGABYTE), ("MB", MEGABYTE), ("KB", KILOBYTE)):
        if size >= factor and size % factor == 0:
            return f'"{size // factor} {unit}"'
    return str(size)


def _plain(number: float) -> str:
    # 0.1, 300, 3650 and 1_000_000 as a person would write them in the file.
    if number == int(number):
        return f"{int(number):_}" if number >= 10_000 else str(int(number))
    return f"{number:g}"


def number(
    low: float, high: float, *, whole: bool = False, bounds: str = "", wanted: str = ""
) -> Check:
    """A number from ``low`` to ``high``, as a float (an int with ``whole``)."""
    bounds = bounds or f"{_plain(low)} to {_plain(high)}"
    wanted = wanted or ("a whole number" if whole else "a number")

    def parse(value: object) -> float | int:
        # bool is an int in Python, but `retries = true` is surely a slip.
        if isinstance(value, bool) or not isinstance(value, int if whole else int | float):
            raise Invalid(f"should be {wanted}")
        if not low <= value <= high:  # also refuses nan
            raise Invalid(f"is out of range ({bounds})")
        return value if whole else float(value)

    return Check(parse, bounds)


whole: Final = partial(number, whole=True)


def size(low: int, high: int) -> Check:
    """A number of bytes, or a size such as ``"5 MB"``, from ``low`` to ``high``."""
    bounds = f"{format_size(low)} to {format_size(high)}".replace('"', "")
    wanted = 'a size such as "5 MB" or a number of bytes'
    in_bytes = number(low, high, whole=True, bounds=bounds, wanted=wanted).parse

    def parse(value: object) -> object:
        if isinstance(value, str):
            try:
                value = parse_size(value)
            except ValueError:
                raise Invalid(f"should be {wanted}") from None
        return in_bytes(value)

    return Check(parse, bounds)


def as_boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid("should be true or false")
    return value


def as_image_mode(value: object) -> str:
    if value not in IMAGE_MODES:
        raise Invalid('should be "off", "on" or "always"')
    return str(value)


def as_reader_mode(value: object) -> str:
    if value not in READER_MODES:
        raise Invalid('should be "ask", "always" or "never"')
    return str(value)


def as_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("should be a name in quotes")
    return value.strip()


def as_url(value: object) -> str:
    try:
        if isinstance(value, str):
            return normalize_newsroom(value)
    except ValueError:
        pass
    raise Invalid("should be an http(s) URL or a host name, in quotes")


def toml_text(value: object) -> str:
    """A default as TOML, for the template and the warnings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is also a TOML basic string
    return str(value)


def shown(value: object) -> str:
    """What the user wrote, briefly: a table or a list is not worth echoing."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = toml_text(value)
    return shorten(text, 40)
