"""The rules the service's parts share: the form a story is known by, the refusal of a
fetch offline."""

from __future__ import annotations

from tui.core.model.urls import canonical
from tui.core.net.fetch_errors import FetchError, FetchErrorKind


def offline_error(url: str) -> FetchError:
    return FetchError(
        FetchErrorKind.NOT_ALLOWED, url, "offline: not fetched before", "started with --offline"
    )


def form(url_or_key: str) -> str:
    """The form stories and marks are known by, as the store knows them: the canonical
    URL, or a file's path (through the same rule: no ``.json``)."""
    return canonical(url_or_key) or url_or_key


def nothing() -> None:
    pass
