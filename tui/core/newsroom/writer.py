"""The service's changes to the store: made at once; while another belga holds the
cache's lock (:class:`StoreBusy`), kept waiting in their order and made when it is free."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.newsroom.rules import nothing
from tui.core.store.file import StoreBusy, StoreError

if TYPE_CHECKING:
    from tui.core.store.database import Store

Change = Callable[["Store"], object]


class Writer:
    """Changes to the store; the one owner of those waiting for the cache to be free."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._waiting: list[Change] = []
        self.busy: Callable[[], None] = nothing
        """Told when a change is the first to wait (the UI says so and calls
        :meth:`retry` until all are made)."""

    @property
    def waiting(self) -> bool:
        return bool(self._waiting)

    def write(self, change: Change) -> str | None:
        """Make ``change``; what failed, if it did (``None`` when made, kept waiting, or
        when there is no store). Reading goes on: the session knows the change anyway."""
        store = self._store
        if store is None:
            return None
        if self._waiting:  # after those that wait: in their order
            self._waiting.append(change)
            return None
        try:
            change(store)
        except StoreBusy:
            self.wait(change)
        except StoreError as error:
            return str(error)
        return None

    def wait(self, change: Change) -> None:
        """Keep ``change`` until the cache is free (it was busy)."""
        self._waiting.append(change)
        if len(self._waiting) == 1:
            self.busy()

    def retry(self) -> bool:
        """Make the changes waiting, without waiting for the lock; whether all are made
        now (one that fails otherwise is dropped: the session has it all the same)."""
        store = self._store
        if store is None:
            self._waiting.clear()
            return True
        try:
            with store.not_waiting():
                while self._waiting:
                    try:
                        self._waiting[0](store)
                    except StoreBusy:
                        return False
                    except StoreError:
                        pass
                    del self._waiting[0]
        except StoreBusy:
            return False
        except StoreError:
            self._waiting.clear()
        return True
