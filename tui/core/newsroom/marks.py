"""The read and saved marks as the session knows them: asked of the store when first
needed, changed by the user (and kept in the store), taken in again when the store may
hold another belga's."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Final

from tui.core.model.listing import Entry, entry_of
from tui.core.model.outside import is_outside_page
from tui.core.model.urls import page_key
from tui.core.newsroom.rules import form
from tui.core.store.file import StoreError

if TYPE_CHECKING:
    from tui.core.newsroom.at_hand import AtHand
    from tui.core.newsroom.writer import Writer
    from tui.core.store.database import Listed, Store


FAILED: Final = sys.maxsize
"""The generation of a change that could not be kept: the session's mark stays."""
WAITING: Final = FAILED - 1
"""The generation of a change waiting for the cache to be free (Writer)."""


class MarkBook:
    """Read and saved marks by the form they are known by; the one owner of them (all of
    them without a store, else those asked for and changed)."""

    def __init__(self, store: Store | None, at_hand: AtHand, writer: Writer) -> None:
        self._store = store
        self._at_hand = at_hand
        self._writer = writer
        self._read: dict[str, bool] = {}
        """Read marks known this session: all of them without a store, else those asked."""
        self._saved: set[str] | None = None
        """The saved marks; read from the store when first needed."""
        self._generation = 0
        """Counts the user's changes of marks this session."""
        self._marked: dict[str, int] = {}
        """The forms whose marks the user changed this session, with the change's
        :attr:`generation` (:data:`FAILED` when it could not be kept): a list read from
        the store before the change (a long one, read in a thread) does not undo it; one
        read after it shows the store's marks, another belga's later changes too."""
        self._unshown: set[str] = set()
        """Keys whose marks changed when taken in with lines the list does not draw
        again (:meth:`take_marks`): the next :meth:`take_all_marks` says them."""

    @property
    def generation(self) -> int:
        """Where the user's changes of marks stand: a list read from the store from now
        on shows every change so far (:meth:`take_all_marks`)."""
        return self._generation

    def _stamp(self, forms: Iterable[str], failed: str | None) -> str | None:
        """The user changed the marks of ``forms`` (written to the store, unless it
        ``failed``)."""
        self._generation += 1
        when = self._generation
        if failed is not None:
            when = FAILED
        elif self._writer.waiting:  # the cache is busy: not in the store yet
            when = WAITING
        for known in forms:
            self._marked[known] = when
        return failed

    def written(self) -> None:
        """The changes that waited for the cache are in the store now."""
        self._generation += 1
        for known, when in self._marked.items():
            if when == WAITING:
                self._marked[known] = self._generation

    def form(self, key: str) -> str:
        """The form ``key``'s marks are known by: an outside page's page key (its query
        counts: ``page?id=2`` is not ``page?id=1``), else :func:`form`; made once for the
        keys of the stories added."""
        known = self._at_hand.listed_form(key)
        if known is not None:
            return known
        story_form = form(key)
        page = page_key(key)
        if not page or page == story_form:
            return story_form  # no query, no .json: both rules agree
        at_hand = self._at_hand.get(page)
        if at_hand is not None:
            return page if is_outside_page(at_hand) else story_form
        if page in self._read or page in self._saved_marks():
            return page  # known in its own form, which only a page's has a query in
        if self._store is not None:
            with suppress(StoreError):
                return self._store.known_as(key)
        return story_form

    def is_read(self, key: str) -> bool:
        """Whether the story under ``key`` is marked read (as far as this session knows:
        :meth:`read_keys` asks the store for a whole list at once)."""
        return self._read.get(self.form(key), False)

    def is_saved(self, key: str) -> bool:
        return self.form(key) in self._saved_marks()

    def read_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` (story keys: canonical URLs or file paths) are marked read;
        the store is asked about those the session does not know yet."""
        # A key already known is in its own form (form() is idempotent): 10,000 keys
        # at start-up need no parsing then.
        known_forms = self._read
        asked = {(key if key in known_forms else self.form(key)): key for key in keys}
        unknown = [known for known in asked if known not in self._read]
        if unknown and self._store is not None:
            try:
                stored = self._store.read_urls(among=unknown)
            except StoreError:
                stored = set()
            for known in unknown:
                self._read[known] = known in stored
        return {key for known, key in asked.items() if self._read.get(known, False)}

    def saved_keys(self, keys: Iterable[str]) -> set[str]:
        saved = self._saved_marks()
        return {key for key in keys if self.form(key) in saved}

    def saved_entries(self) -> list[Entry]:
        """The lines of what is saved, the last saved first: outside pages and stories the
        front page no longer lists too (the saved view adds them to its own)."""
        if self._store is None:
            at_hand = self._at_hand
            return [entry_of(s) for k in self._saved_marks() if (s := at_hand.get(k)) is not None]
        try:
            return [
                listed.entry for listed in self._store.saved() if self.is_saved(listed.entry.key)
            ]
        except StoreError:
            return []

    def _saved_marks(self) -> set[str]:
        if self._saved is None:
            self._saved = set()
            if self._store is not None:
                with suppress(StoreError):
                    self._saved = {listed.entry.key for listed in self._store.saved()}
        return self._saved

    def take_marks(self, listed: Iterable[Listed]) -> None:
        """The marks the store listed lines with (read just now): known from now on.
        Those that changed are said by the next :meth:`take_all_marks`."""
        listed = list(listed)
        read = {item.entry.key: item.read for item in listed}
        saved = {item.entry.key for item in listed if item.saved}
        self._unshown |= self._take(read, saved, self._generation, drawn=False)

    def take_all_marks(
        self, read: dict[str, bool], saved: set[str], since: int | None = None
    ) -> set[str]:
        """Read marks and saved ones of the lines of a list as the store had them (in its
        own form, which is the form marks are known by) when it was read, after the
        user's change ``since`` (:attr:`generation`; ``None``: now): the user's later
        changes stay. The keys whose marks changed (another belga may have marked them),
        with those :meth:`take_marks` found: their lines are drawn again. In C, dict and
        set operations: 50,000 lines taken in on the event loop."""
        changed = self._take(read, saved, self._generation if since is None else since)
        changed |= self._unshown
        self._unshown = set()
        return changed

    def _take(
        self, read: dict[str, bool], saved: set[str], since: int, drawn: bool = True
    ) -> set[str]:
        """Take marks in; the keys whose lines, as drawn, they change (a line is drawn
        unread until its mark is known; not ``drawn``: the lines are about to be)."""
        later = {key for key, when in self._marked.items() if when > since}
        known = self._read
        changed = {
            key for key, value in read.items() - known.items() if key in known or (value and drawn)
        }
        kept = {key: self._read[key] for key in later if key in self._read}
        self._read.update(read)
        self._read.update(kept)
        marks = self._saved_marks()
        newly_saved = saved - later - marks
        unsaved = {key for key in marks if key in read and key not in saved and key not in later}
        marks |= newly_saved
        marks -= unsaved
        return (changed - later) | newly_saved | unsaved

    def recheck_marks(self, keys: Iterable[str]) -> set[str]:
        """The store asked again for the read and saved marks of ``keys``: another belga
        on the same cache may have changed them (those the user changed this session
        stay as they are). The keys whose marks changed: their lines are drawn again."""
        if self._store is None:
            return set()
        forms = {self.form(key): key for key in keys}
        try:
            read = self._store.read_urls(among=list(forms))
            saved = {listed.entry.key for listed in self._store.saved()} & forms.keys()
        except StoreError:
            return set()
        changed = self.take_all_marks({known: known in read for known in forms}, saved)
        return {forms.get(known, known) for known in changed}

    def mark_all_read(self, keys: Iterable[str], read: bool = True) -> str | None:
        """Mark ``keys`` read (or unread), each kept once; what failed to be kept, if any."""
        self.read_keys(keys := list(keys))
        changed = [key for key in keys if self.is_read(key) != read]
        forms = [self.form(key) for key in changed]
        for known in forms:
            self._read[known] = read
        if not changed:
            return None
        return self._stamp(forms, self._writer.write(lambda db: _mark_read(db, changed, read)))

    def save(self, key: str, saved: bool = True) -> str | None:
        """Save ``key`` for later (or not); what failed to be kept, if anything did."""
        marks, known = self._saved_marks(), self.form(key)
        if (known in marks) == saved:
            return None
        if saved:
            marks.add(known)
        else:
            marks.discard(known)
        return self._stamp([known], self._writer.write(lambda store: store.save(key, saved)))

    def opened(self, key: str) -> str | None:
        """``key`` was opened: read (kept once), and in the history."""
        self.read_keys([key])
        newly_read = not self.is_read(key)
        known = self.form(key)
        self._read[known] = True

        def visit(store: Store) -> None:
            with store.transaction():
                if newly_read:
                    store.mark_read(key)
                store.record_visit(key)

        failed = self._writer.write(visit)
        return self._stamp([known], failed) if newly_read else failed


def _mark_read(store: Store, keys: list[str], read: bool) -> None:
    if read:
        store.mark_all_read(keys)
        return
    with store.transaction():
        for key in keys:
            store.mark_read(key, False)
