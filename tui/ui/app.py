"""The Textual application and its factory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, Final

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from tui.core.fetch_errors import FetchError
from tui.core.library import Library
from tui.core.listing import entry_of, newest_first
from tui.core.loader import Batch, Problem, load_batches
from tui.core.settings import FetchSettings
from tui.ui.memory import settle_memory
from tui.ui.screens.help import HelpScreen, binding_rows
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from tui.core.client import NewsroomClient

LIST_REFRESH_SECONDS: Final = 0.25
"""While thousands of files load, the list is re-sorted at most this often."""
PROBLEMS_SHOWN: Final = 5
FIRST_BATCH: Final = 50
"""Story files read before the first paint; the rest load in the background."""


class BelgaApp(App[None]):
    """belga: the article list, the reading pane and the related-links sidebar."""

    CSS_PATH = "belga.tcss"
    TITLE = "belga"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.prev_pane"),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        urls: Sequence[str] = (),
        settings: FetchSettings | None = None,
    ) -> None:
        super().__init__()
        settle_memory()  # everything imported so far lives as long as the app
        self.paths = list(paths)
        self.urls = list(urls)
        self._settings = settings
        self._client: NewsroomClient | None = None
        self.library = Library()
        self.problems: list[Problem] = []
        self._listed_at = 0.0
        self._listed_count = 0
        self._opened_first = False

        self.reader = ReaderScreen(self.library, lambda: self.client)

    @property
    def client(self) -> NewsroomClient:
        """The one newsroom client, made when first needed: importing httpx and making
        its TLS context costs tens of milliseconds that the first paint need not wait."""
        if self._client is None:
            from tui.core.client import NewsroomClient

            self._client = NewsroomClient(self._settings)
            for url in self.urls:
                self._client.trust(url)  # the user asked for a story there
        return self._client

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    def on_mount(self) -> None:
        # Once the reader screen has its panes, before the first paint.
        self.reader.call_next(self._start)

    def _start(self) -> None:
        if self.paths or not self.urls:
            # The first few files are read at once, so that the first paint already shows
            # a story; the rest follow from a thread, in batches.
            batches = load_batches(self.paths, first_size=FIRST_BATCH)
            first = next(batches, None)
            if first is not None:
                self._add_batch(first, last=False)
            self._load(batches)
        if self.urls:
            self._fetch_urls(self.urls)

    async def on_unmount(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    @work(exclusive=True, group="fetch-start", exit_on_error=False)
    async def _fetch_urls(self, urls: list[str]) -> None:
        """Fetch the stories named on the command line, show the first one."""
        results = await self.client.fetch_many(urls)
        stories = [r for r in results.values() if not isinstance(r, FetchError)]
        for url, result in results.items():
            if isinstance(result, FetchError):
                self.problems.append(Problem(url, result.reason))
                self.notify(
                    f"{result.message}\nCheck the URL, or try again later.",
                    title="Could not fetch the story",
                    severity="error",
                    timeout=15,
                )
        self._add_batch(Batch(stories=stories), last=not self.paths)
        if stories:
            self.reader.open_story(stories[0])
            self._opened_first = True

    # --- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, batches: Iterator[Batch]) -> None:
        for batch in batches:
            self.call_from_thread(self._add_batch, batch, False)
        self.call_from_thread(self._add_batch, Batch(), True)

    def _add_batch(self, batch: Batch, last: bool) -> None:
        self.library.add(batch.stories)
        self.problems += batch.problems
        changed = len(self.library) != self._listed_count
        due = last or monotonic() - self._listed_at > LIST_REFRESH_SECONDS
        if changed and due:
            self._listed_at, self._listed_count = monotonic(), len(self.library)
            story_list = self.reader.query_one(StoryList)
            story_list.set_stories(newest_first(entry_of(s) for s in self.library))
            if not self._opened_first and story_list.highlighted is not None:
                self._opened_first = True
                self.reader.open_key(story_list.highlighted.key)
        if last:
            self._report_loaded()
            settle_memory()

    def _report_loaded(self) -> None:
        if self.problems:
            shown = "\n".join(str(p) for p in self.problems[:PROBLEMS_SHOWN])
            more = len(self.problems) - PROBLEMS_SHOWN
            tail = f"\n… and {more} more (listed when belga exits)" if more > 0 else ""
            self.notify(
                f"{shown}{tail}",
                title=f"Skipped {len(self.problems)} file(s) that are not stories",
                severity="warning",
                timeout=10,
            )
        if not len(self.library):
            where = ", ".join(str(p) for p in self.paths) or "nothing given"
            self.notify(
                f"No stories found in {where}. Give story files or folders, or try `belga --demo`.",
                title="Nothing to read",
                severity="error",
                timeout=30,
            )

    # --- keys -------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Everywhere", binding_rows([*self.BINDINGS, *ReaderScreen.BINDINGS])),
            ("Article list", binding_rows(StoryList.BINDINGS)),
            ("Reading pane", binding_rows(StoryView.BINDINGS)),
            ("Related links", binding_rows(RelatedLinks.BINDINGS)),
        ]
        self.push_screen(HelpScreen(sections))


def create_app(
    paths: Sequence[str | Path] = (),
    urls: Sequence[str] = (),
    settings: FetchSettings | None = None,
) -> BelgaApp:
    """The app factory shared by the command line, the tests and the screenshot script."""
    return BelgaApp(paths, urls, settings)
