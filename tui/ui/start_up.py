"""What belga shows first: the front page, story files read in batches, stories by URL."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Final

from tui.core.loader import Batch, Problem, file_size, load_batches
from tui.core.model.text import clean_line, human_size
from tui.core.net.fetch_errors import FetchError
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from tui.ui.app import BelgaApp

LIST_REFRESH_SECONDS: Final = 0.25
"""While thousands of files load, the list is re-sorted at most this often…"""
LIST_GROWTH: Final = 2.0
"""… and only once it has doubled: each re-sort costs the whole list, so
re-sorting every few batches made 50,000 files take 149 s to list (2.3 s to read)."""
PROBLEMS_SHOWN: Final = 5
FIRST_BATCH: Final = 50
"""Story files read before the first paint; the rest load in the background…"""
FIRST_BYTES: Final = 1024 * 1024
"""… as long as they come to no more than this: a story file of 15 MB took ~0.3 s (3 s on
a busy machine) to read and parse, a blank screen meanwhile."""
READER_READY_AFTER: Final = 0.5
"""Seconds after start-up at which the reader view gets ready, when every outside page is
read here (``[net] reader = "always"``): its first page then waits neither for loading
trafilatura nor for its first set-up (~0.7 s in a thread), and start-up never waits for
them either. With "ask" it gets ready while the question is asked."""


class StartUp:
    """Loads what belga was asked to show; the one owner of the loading's state (the
    files skipped, when the list was last re-sorted, what r found)."""

    def __init__(self, app: BelgaApp) -> None:
        self._app = app
        self.problems: list[Problem] = []
        self._listed_at = 0.0
        self._listed_count = 0
        self._reloading = False
        """Whether r asked to read the files again (said when they are read)."""
        self._reading = False
        """The one story file given is being read in the thread (too big to read first)."""

    @property
    def paths(self) -> list[str | Path]:
        return list(self._app.options.paths)

    def start(self) -> None:
        app, reader, options = self._app, self._app.reader, self._app.options
        if app.newsroom.reader == "always" and not options.offline:
            app.set_timer(READER_READY_AFTER, app.newsroom.warm_pages)
        if app.store is not None and app.store.recovery_message:  # (once its check is over)
            app.notes.append(app.store.recovery_message)
        if app.notes:
            app.hold_notice(" · ".join(app.notes))  # until a key: not lost under "n new"
        if options.front_page:
            app.front_page.show(first=True)
            if not options.offline:
                reader.say_in_list("Loading the front page…")
                app.front_page.refresh()
            elif not reader.all_entries:
                reader.show_note(
                    "Nothing is cached yet",
                    "belga was started with --offline, and no story was kept from before.",
                    "Run belga once without --offline to fetch the newsroom's latest "
                    "stories; they are kept for reading offline afterwards.",
                    "Or read the bundled sample: belga --demo",
                )
            return
        if options.paths:
            self._load_files()
        if options.urls:
            app.run_task(partial(self._fetch_urls, list(options.urls)), "fetch-start")

    def reload(self) -> None:
        """r: read the story files again, and say what was found."""
        self._app.newsroom.begin_relist()
        self._reloading = True
        self._load_files()

    # --- story files --------------------------------------------------------------------

    def _load_files(self) -> None:
        # The first few files are read at once, so that the first paint already shows a
        # story; the rest follow from a thread, in batches.
        self.problems.clear()
        self._listed_count = 0
        batches = load_batches(self.paths, first_size=FIRST_BATCH, first_bytes=FIRST_BYTES)
        first = next(batches, None)
        if first is not None:
            if not self._reloading and self._one_story_file(first):
                self._app.reader.open_story(first.stories[0])  # like ``belga URL``
            elif not self._reloading and not first.stories:
                self._say_reading()
            self._add_batch(first, last=False)
        self._app.run_task(partial(self._load, batches), "load", thread=True)

    def _say_reading(self) -> None:
        """The first file is too big to read before the first paint: it is read in the
        thread, and said meanwhile where the reader looks (the empty list; the reading
        pane too when it is the one story file given)."""
        self._reading = True
        if self._one_file():
            path = Path(self.paths[0])
            saying = f"Reading {clean_line(path.name)} ({human_size(file_size(path))})…"
            self._app.reader.query_one(StoryView).clear(saying=saying)
        else:
            saying = "Reading the story files…"
        self._app.reader.say_in_list(saying)

    def _one_file(self) -> bool:
        """Whether belga was given one file (not a folder), and nothing else."""
        paths = self.paths
        return len(paths) == 1 and not self._app.options.urls and Path(paths[0]).is_file()

    def _one_story_file(self, first: Batch) -> bool:
        """Whether belga was given one story file (not a folder), and nothing else."""
        return len(first.stories) == 1 and self._one_file()

    def _load(self, batches: Iterator[Batch]) -> None:
        for batch in batches:
            self._app.call_from_thread(self._add_batch, batch, False)
        self._app.call_from_thread(self._add_batch, Batch(), True)

    def _add_batch(self, batch: Batch, last: bool) -> None:
        if self._reading and (batch.stories or last):  # the first file, read at last
            self._reading = False
            self._app.reader.say_in_list("")
            if batch.stories and self._one_file():
                self._app.reader.open_story(batch.stories[0])  # like ``belga URL``
        newsroom = self._app.newsroom
        newsroom.add(batch.stories)
        self.problems += batch.problems
        changed = newsroom.listed_count != self._listed_count
        grown = newsroom.listed_count >= LIST_GROWTH * self._listed_count
        due = last or (grown and monotonic() - self._listed_at > LIST_REFRESH_SECONDS)
        if changed and due:
            self._listed_at, self._listed_count = monotonic(), newsroom.listed_count
            self._app.reader.set_entries(newsroom.listed(), open_first=True)
        if last:
            self._report_loaded()

    def _report_loaded(self) -> None:
        app = self._app
        if self._reloading:  # r: the folder as it is now, and what changed
            self._reloading = False
            changes = app.newsroom.end_relist()
            if changes:
                app.reader.set_entries(app.newsroom.listed(), open_first=True)
            # The marks as the store has them: another belga may have changed some.
            keys = (entry.key for entry in app.newsroom.listed())
            if changed := app.newsroom.recheck_marks(keys):
                app.reader.query_one(ListPane).marks_changed(changed)
            app.notify(changes.said())
        if self.problems:
            shown = "\n".join(str(p) for p in self.problems[:PROBLEMS_SHOWN])
            more = len(self.problems) - PROBLEMS_SHOWN
            tail = f"\n… and {more} more (listed when belga exits)" if more > 0 else ""
            app.notify(
                f"{shown}{tail}",
                title=f"Skipped {len(self.problems)} file(s) that are not stories",
                severity="warning",
                timeout=10,
            )
        if not app.newsroom.listed_count and not app.options.urls:
            where = ", ".join(str(p) for p in self.paths) or "nothing given"
            app.reader.show_note(
                "Nothing to read",
                f"No stories were found in {where}.",
                "belga reads Prezly story documents (.json files), and folders of them. "
                "Or try the bundled sample: belga --demo",
            )

    # --- stories by URL -----------------------------------------------------------------

    async def _fetch_urls(self, urls: list[str]) -> None:
        """Fetch the stories named on the command line, show the first one."""
        app, reader = self._app, self._app.reader
        stories = []
        failed: list[str] = []
        advice = (
            "belga was started with --offline: without it, the story is fetched."
            if app.newsroom.offline
            else "Check the URL, or try again later."
        )
        for url in urls:
            reader.say_in_list("\n".join([*failed, f"Loading the story {url}…"]))
            try:
                stories.append(await app.newsroom.read(url))  # as --dump reads it
            except FetchError as error:
                # Not a file skipped: said where the list would be until the user acts.
                failed.append(f"Could not fetch the story: {error.message}.")
                reader.say_in_list("\n".join(failed))
                app.notify(
                    f"{error.message}\n{advice}",
                    title="Could not fetch the story",
                    severity="error",
                    timeout=15,
                )
        tail = [advice] if failed else []
        reader.say_in_list("\n".join([*failed, *tail]))
        if stories:
            reader.open_story(stories[0])
        self._add_batch(Batch(stories=stories), last=not app.options.paths)
