"""The rules the service's parts share: the form a story is known by, the refusal of a
fetch offline, a change made to the store (what failed, in words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.model.urls import canonical
from tui.core.net.fetch_errors import FetchError, FetchErrorKind
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.store.database import Store


def offline_error(url: str) -> FetchError:
    return FetchError(
        FetchErrorKind.NOT_ALLOWED, url, "offline: not fetched before", "started with --offline"
    )


def form(url_or_key: str) -> str:
    """The form stories and marks are known by, as the store knows them: the canonical
    URL, or a file's path (through the same rule: no ``.json``)."""
    return canonical(url_or_key) or url_or_key


def write(store: Store | None, change: Callable[[Store], object]) -> str | None:
    """Make ``change`` to the store; what failed, if it did (``None`` when kept or when
    there is no store). Reading goes on: the session knows the change anyway."""
    if store is None:
        return None
    try:
        change(store)
    except StoreError as error:
        return str(error)
    return None


def nothing() -> None:
    pass
