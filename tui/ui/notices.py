"""The status line's notices: what is said, what was said, and background failures said."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Final

from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState
from textual.worker_manager import WorkerManager

from tui.core.model.text import clean_line
from tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.ui.app import BelgaApp

NOTICES_KEPT: Final = 50
NOTICE_SECONDS: Final = 12
"""The longest a notice stays in the status line (but for work under way)."""
UNTIL_ENDED: Final = math.inf
"""A notice of work under way: it stays until the work ends, however long it takes."""

_TASKS: Final = {
    "refresh": "Refreshing the front page",
    "load": "Reading the story files",
    "prefetch": "Fetching the first stories ahead",
    "purge": "Trimming the cache",
    "fetch-start": "Fetching the stories asked for",
    "freshness": "Checking the story for a newer version",
    "open-remote": "Opening the story",
    "pictures": "Showing a picture",
    "typeset": "Typesetting the story",
    "related-fetch": "Fetching the related links",
    "list": "Reading the list of stories",
    "filter": "Filtering the list",
}


def one_line(message: str) -> str:
    """A notice of several lines on the one line of the status line: each line a
    sentence ("File exists belga runs without its cache" ran two together)."""
    lines = [" ".join(line.split()) for line in message.splitlines()]
    lines = [line for line in lines if line]
    return " ".join(
        line if number == len(lines) - 1 or line[-1] in ".!?:;…" else f"{line}."
        for number, line in enumerate(lines)
    )


class Notices:
    """The one owner of the notices: each is one line in the status line (the key bar)
    for a few seconds, and the last ones are kept for the help screen."""

    def __init__(self, app: BelgaApp) -> None:
        self._app = app
        self.said: list[str] = []
        """The last notices said, newest last (the help screen lists them)."""
        self._held: str | None = None
        """The notice shown until a key is pressed (what start-up found wrong)."""
        self._after: tuple[str, SeverityLevel, float | None] | None = None
        """The newest notice said while one was held: shown once it goes."""

    def say(
        self, message: str, *, title: str, severity: SeverityLevel, timeout: float | None
    ) -> None:
        text = one_line(f"{title}: {message}" if title else message)
        self.said = [*self.said[-(NOTICES_KEPT - 1) :], text]
        wait = timeout or (8 if severity == "error" else 4 if severity == "warning" else 3)
        shown = None if wait == UNTIL_ENDED else min(wait, NOTICE_SECONDS)
        if self._held is not None:
            if shown is not None:  # work under way says itself again if it is still on
                self._after = (text, severity, shown)
            return
        self._app.reader.query_one(KeyBar).show_notice(text, severity, shown)

    def hold(self, message: str, severity: SeverityLevel) -> None:
        """Say ``message`` until the reader presses a key: the config's mistakes at
        start-up went in under a second, replaced by "1 new story." (a new user's
        report). The notices said meanwhile wait; the newest is shown after it."""
        self.say(message, title="", severity=severity, timeout=UNTIL_ENDED)
        self._held = self.said[-1]

    def key_pressed(self) -> None:
        """A key: the notice held goes, and the newest said meanwhile is shown."""
        held = self._held
        if held is None:
            return
        after, self._held, self._after = self._after, None, None
        with suppress(NoMatches):  # the panes are being taken down
            bar = self._app.reader.query_one(KeyBar)
            bar.end_notice(held)
            if after is not None:
                bar.show_notice(*after)

    def task_failed(self, group: str, error: BaseException) -> None:
        """Say that a background task failed, and take back what claimed it was running."""
        app = self._app
        what = _TASKS.get(group, "A background task")
        message = f"{what} failed: {clean_line(str(error)) or type(error).__name__}."
        app.log.error(message, error)
        if app._exit:
            return  # a task that breaks while the app closes: nobody is looking
        try:
            if group == "refresh":
                app.reader.set_status("")
            app.notify(message, title="Something went wrong", severity="error", timeout=12)
        except NoMatches:
            pass  # the panes are being taken down


@contextmanager
def under_way(screen: Screen[Any], text: str) -> Iterator[None]:
    """Say ``text`` ("Opening …": work under way) while the work runs, and take it back
    when the work ends, however it ends: what it came to is shown, or said instead (a
    newer notice is left alone)."""
    screen.notify(text, timeout=UNTIL_ENDED)
    try:
        yield
    finally:
        with suppress(NoMatches):  # the panes are being taken down
            screen.query_one(KeyBar).end_notice(text)


class SayingWorkers(WorkerManager):
    """Textual's workers, except that one that fails is said, not dropped: each runs with
    ``exit_on_error=False`` (a failure must not end the app), which left an unforeseen
    exception without a word, and "refreshing…" on the list forever."""

    def __init__(self, app: BelgaApp, notices: Notices) -> None:
        super().__init__(app)
        self._app = app
        self._notices = notices

    def _remove_worker(self, worker: Worker[Any]) -> None:
        super()._remove_worker(worker)
        if worker.state is WorkerState.ERROR and worker.error is not None:
            self._app.call_later(self._notices.task_failed, worker.group, worker.error)
