"""The cache busy in another belga: said in words (never SQLite's), and what waited for it
(marks, stories, the front page) kept when it is free, tried again every second."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.css.query import NoMatches

from tui.core.model.changes import Changes
from tui.ui.notices import UNTIL_ENDED
from tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.ui.app import BelgaApp

RETRY_SECONDS: Final = 1.0
BUSY: Final = "The cache is busy in another belga; retrying…"
FREE: Final = "The cache is free again: what waited is kept."


class CacheBusy:
    """The one owner of the retries while the cache is busy."""

    def __init__(self, app: BelgaApp) -> None:
        self._app = app
        self._timer: Timer | None = None
        app.newsroom.when_busy(self._busy)

    @property
    def busy(self) -> bool:
        return self._timer is not None

    def _busy(self) -> None:
        app = self._app
        app.notify(BUSY, severity="warning", timeout=UNTIL_ENDED)
        if self._timer is None:
            self._timer = app.set_interval(RETRY_SECONDS, self._retry)

    def _retry(self) -> None:
        app = self._app
        if not app.newsroom.retry_writes():
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        try:
            app.reader.query_one(KeyBar).end_notice(BUSY)
        except NoMatches:
            return  # the panes are being taken down
        late = app.newsroom.late_refresh()
        found = Changes(late.new, late.changed) if late is not None else Changes()
        app.notify(f"{FREE} {found.said()}" if found else FREE, timeout=4)
        if app.options.front_page:
            app.front_page.show()  # the front page the refresh kept meanwhile
