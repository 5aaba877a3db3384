"""The newsroom's front page in the app: refreshed, fetched ahead, the cache trimmed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tui.core.model.changes import Changes
from tui.core.model.listing import Entry
from tui.core.net.fetch_errors import FetchError
from tui.core.net.slots import fetching_ahead
from tui.ui.busy import BUSY
from tui.ui.notices import UNTIL_ENDED
from tui.ui.widgets.list_pane import ListPane, prepare
from tui.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from tui.ui.app import BelgaApp

RELIST_AFTER: Final = 0.1
"""Seconds a list is shown again after a kept story changed its line (a few at once)."""
TOP: Final = 200
"""Lines of the front page read before the first paint (a tall terminal's screenful)."""


class FrontPage:
    """The front page's background work; the one owner of its state (whether r asked
    for the refresh running, whether the cache was trimmed this session)."""

    def __init__(self, app: BelgaApp) -> None:
        self._app = app
        self._purged = False
        self._asked_refresh = False
        self._shown = 0
        """Counts the whole lists asked for: one read for an older ask is not shown."""
        self._relist_due = False
        if app.options.front_page:
            app.newsroom.lines_changed = self._lines_changed

    def _lines_changed(self) -> None:
        """A story kept changed its line's title (a revised story opened): the list shows
        what the store holds, once for the few kept in a moment."""
        if not self._relist_due:
            self._relist_due = True
            self._app.set_timer(RELIST_AFTER, self._relist)

    def _relist(self) -> None:
        self._relist_due = False
        self.show()

    def show(self, *, first: bool = False) -> None:
        """List the front page as the store has it. At start (``first``), its first
        screenful at once, its other lines read when drawn; the whole list is read in a
        thread after the first paint, and shown then: the same lines, so nothing moves."""
        app = self._app
        if app.newsroom.feed_unkept:  # the session's own front page, in memory
            app.reader.set_entries(app.newsroom.front_page(), open_first=True, marked=True)
            return
        if first:
            top = app.newsroom.front_page_top(TOP)
            app.reader.set_entries(top, open_first=True, marked=True)
            if len(top) <= TOP:
                return
        self._shown += 1
        shown = self._shown

        def read() -> None:
            app.run_task(lambda: self._read(shown), "list", thread=True)

        if first:
            app.call_after_refresh(read)  # after the first paint, not competing with it
        else:
            read()

    def _read(self, shown: int) -> None:
        """Read the whole front page and make its listing (in a thread); show it unless
        another was asked for meanwhile."""
        app = self._app
        read = app.newsroom.front_page_lines()
        if read is None:
            return
        lines, since = read
        listing = prepare(lines.entries)
        app.newsroom.prepare_search()

        def land() -> None:
            if shown == self._shown:
                changed = app.newsroom.take_all_marks(lines.read, lines.saved, since)
                app.reader.set_entries(listing, open_first=True, marked=True)
                if changed:  # marked meanwhile by another belga: lines the same, marks not
                    app.reader.query_one(ListPane).marks_changed(changed)

        app.call_from_thread(land)

    def refresh(self, *, asked: bool = False) -> None:
        """Fetch the front page again (``asked``: the user pressed r, so say "Nothing new")."""
        if asked:
            self._asked_refresh = True
        self._app.run_task(self._refresh, "refresh")

    async def _refresh(self) -> None:
        app, reader = self._app, self._app.reader
        reader.set_status("refreshing…")
        try:
            result = await app.newsroom.refresh()
        except FetchError as error:
            reader.set_status("")
            reader.say_in_list("")
            self._asked_refresh = False
            cached = bool(reader.all_entries)
            shown = "What was cached is shown" if cached else "Nothing was cached before"
            app.notify(
                f"{error.message}\n{shown}; press r to try again.",
                title="Could not refresh the front page",
                severity="error",
                timeout=12,
            )
            if not cached:
                unreachable = error.kind.unreachable
                detail = f" ({error.detail})" if error.detail else ""
                said = f"{app.options.settings.newsroom}: {error.reason}{detail}"
                reader.show_note(
                    "The newsroom could not be reached"
                    if unreachable
                    else "The newsroom's list of stories could not be read",
                    said if said.endswith(("?", ".")) else f"{said}.",
                    "Nothing was cached before, so there is nothing to show yet. Press r "
                    "to try again"
                    + (", check the network" if unreachable else " later")
                    + ", or read the bundled sample: belga --demo",
                )
            return
        self.show()
        reader.set_status("")
        reader.say_in_list("")
        for note in result.notes:
            app.notify(note, title="The front page", severity="warning", timeout=8)
        changes = Changes(result.new, result.changed)
        if result.waiting:  # the cache is busy: kept when it is free (busy.py says so)
            if not app.notices or app.notices[-1] != BUSY:
                app.notify(BUSY, severity="warning", timeout=UNTIL_ENDED)
        elif changes:
            # Said again: this notice takes the place of the one about the cache at once.
            unkept = f", for this session only. {result.not_kept}" if result.not_kept else "."
            app.notify(changes.said().removesuffix(".") + unkept)
        elif self._asked_refresh:
            app.notify(changes.said())
        if result.changed:  # the story being read may be one of them: U shows it
            reader.check_shown()
        self._asked_refresh = False
        # Once the list is laid out (a note above it gone): the screenful it shows.
        self._app.call_after_refresh(lambda: self._app.run_task(self._prefetch, "prefetch"))

    async def _prefetch(self) -> None:
        """Fetch the stories of the list's first screenful (the terminal's height while
        the list is hidden) not cached yet, a few at a time: they open at once."""
        import asyncio

        screenful = self._app.reader.query_one(StoryList).size.height or self._app.size.height
        waiting = [e for e in self._app.newsroom.front_page(screenful) if not e.cached]

        async def one(entry: Entry) -> None:
            try:
                await self._app.newsroom.story(entry.key)
            except FetchError:
                return  # said when the user opens it

        with fetching_ahead():  # the reader's own requests go first
            await asyncio.gather(*(one(entry) for entry in waiting))
        if waiting:
            self.show()
        if not self._purged:  # after the prefetch, which may have stored stories past them
            self._purged = True
            self._app.run_task(self._trim_store, "purge", thread=True)

    def _trim_store(self) -> None:
        """Keep the cache within its bounds (``[store]``), once a session, off the loop."""
        from tui.core.store.database import StoreError

        app = self._app
        if app.store is None:
            return
        try:
            removed = app.store.purge(
                app.options.config.store.keep_days, app.options.config.store.keep_stories
            )
        except StoreError:
            return  # the next session tries again
        if removed:
            app.call_from_thread(self.show)
