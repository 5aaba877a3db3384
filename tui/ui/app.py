"""The Textual application and its factory."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar, Final

from rich.console import RenderableType
from rich.segment import Segment
from textual import work
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.css.query import NoMatches
from textual.filter import LineFilter, Monochrome, NoColor
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState
from textual.worker_manager import WorkerManager

from tui.core.config.limits import FetchSettings
from tui.core.loader import Batch, Problem, load_batches
from tui.core.model.listing import Entry
from tui.core.model.text import clean_line
from tui.core.net.fetch_errors import FetchError
from tui.core.newsroom import Newsroom
from tui.ui import keys
from tui.ui.memory import freeze_start_up
from tui.ui.options import Options, with_config
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.wire import Diffed, Shadow

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.net.outside import OutsideReader
    from tui.core.store.database import Store

LIST_REFRESH_SECONDS: Final = 0.25
"""While thousands of files load, the list is re-sorted at most this often…"""
LIST_GROWTH: Final = 2.0
"""… and only once it has doubled: each re-sort costs the whole list, so
re-sorting every few batches made 50,000 files take 149 s to list (2.3 s to read)."""
PROBLEMS_SHOWN: Final = 5
FIRST_BATCH: Final = 50
"""Story files read before the first paint; the rest load in the background."""
NOTICES_KEPT: Final = 50
NOTICE_SECONDS: Final = 12
"""The longest a notice stays in the status line."""
PREFETCH: Final = 12
"""Stories of the front page fetched ahead, so that the first screenful opens at once."""


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
}


class _SayingWorkers(WorkerManager):
    """Textual's workers, except that one that fails is said, not dropped: each runs with
    ``exit_on_error=False`` (a failure must not end the app), which left an unforeseen
    exception without a word, and "refreshing…" on the list forever."""

    def __init__(self, app: BelgaApp) -> None:
        super().__init__(app)
        self._belga = app

    def _remove_worker(self, worker: Worker[Any]) -> None:
        super()._remove_worker(worker)
        if worker.state is WorkerState.ERROR and worker.error is not None:
            self._belga.call_later(self._belga.task_failed, worker.group, worker.error)


class BelgaApp(App[None]):
    """belga: the article list, the reading pane and the related-links sidebar."""

    CSS_PATH = "belga.tcss"
    TITLE = "belga"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("Q", "quit", "Quit now", show=False, id="app.quit_now"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.interrupt"),
        Binding(
            "ctrl+z",
            "suspend_process",
            "Suspend to the shell (fg resumes)",
            show=False,
            id="app.suspend",
        ),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("r", "refresh", "Refresh", id="app.refresh"),
    ]

    def __init__(self, options: Options | None = None) -> None:
        super().__init__()
        self._workers = _SayingWorkers(self)
        self._shadow = Shadow()
        freeze_start_up()  # everything imported so far lives as long as the app
        self.options = options or Options()
        self.notes = list(self.options.notes)
        self.notices: list[str] = []
        """The last notices said, newest last (the help screen lists them)."""
        self.keymap: dict[str, str] = {}
        """The user's own keys, by binding id (old ids of the config renamed)."""
        self._client: NewsroomClient | None = None
        self._pages: OutsideReader | None = None
        self.store = self._open_store(self.options.store)
        self.newsroom = Newsroom(
            lambda: self.client,
            self.store,
            offline=self.options.offline,
            pages=lambda: self.pages,
            reader=self.options.config.net.reader,
        )
        self.problems: list[Problem] = []
        self._listed_at = 0.0
        self._listed_count = 0
        self._purged = False
        self._asked_refresh = False
        self._reloaded_from: int | None = None
        """The number of stories listed when r asked to read the files again."""
        over_ssh = bool(os.environ.get("SSH_CONNECTION"))
        images = self.options.config.ui.images == "always" or (
            self.options.config.ui.images == "on" and not over_ssh
        )
        self.reader = ReaderScreen(
            self.newsroom,
            measure=self.options.config.ui.measure,
            images=images and not self.options.demo,
            list_width=self.options.config.ui.list_width,
            fetch_ahead=not self.options.demo,
            no_pictures="Pictures are not shown in the demo: it never uses the network."
            if self.options.demo
            else "",
        )
        self._apply_preferences()
        if self.no_color:
            self._drop_colour()

    def _drop_colour(self) -> None:
        """NO_COLOR: no colour codes at all, the terminal's own colours (a light terminal
        stays light); emphasis by bold, underline and reverse only. Textual's own filter
        turns colours into greys instead."""
        self._filters = [f for f in self._filters if not isinstance(f, Monochrome | NoColor)]
        self._filters.append(NoColour())

    def _apply_preferences(self) -> None:
        """The config's theme and keys; what cannot be applied becomes a note."""
        if os.environ.get("SSH_CONNECTION") or not self.options.config.ui.animations:
            # Over SSH every animation frame is bytes on a slow link: none at all.
            self.animation_level = "none"
        theme = self.options.config.ui.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        elif theme:
            known = ", ".join(sorted(self.available_themes))
            self.notes.append(f"config: unknown theme {theme!r}; known themes: {known}")
        if self.options.config.keys:
            self.keymap, notes = keys.user_keymap(self, self.options.config.keys)
            self.notes += notes
            self.set_keymap(self.keymap)

    def _open_store(self, path: Path | None) -> Store | None:
        if path is None:
            return None
        from tui.core.store.database import Store, StoreError

        try:
            store = Store.open(path)
        except StoreError as error:
            self.notes.append(f"{error}\nbelga runs without its cache: nothing is kept.")
            return None
        if store.recovery_message:
            self.notes.append(store.recovery_message)
        return store

    @property
    def client(self) -> NewsroomClient:
        """The one newsroom client, made when first needed: importing httpx and making
        its TLS context costs tens of milliseconds that the first paint need not wait."""
        if self._client is None:
            from tui.core.net.client import NewsroomClient

            self._client = NewsroomClient(self.options.settings)
            for url in self.options.urls:
                self._client.trust(url)  # the user asked for a story there
        return self._client

    @property
    def pages(self) -> OutsideReader:
        """The reader of outside pages, made when the user first asks to read one."""
        if self._pages is None:
            from tui.core.net.outside import OutsideReader

            options = self.options
            self._pages = OutsideReader(
                options.settings, allow_private=options.config.net.allow_private
            )
        return self._pages

    @property
    def paths(self) -> list[str | Path]:
        return list(self.options.paths)

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    def on_mount(self) -> None:
        self.app_resume_signal.subscribe(self, self._redraw)
        # Once the reader screen has its panes, before the first paint.
        self.reader.call_next(self._start)

    def _redraw(self, _app: App[None]) -> None:
        """After Ctrl+Z and ``fg`` the terminal shows the shell's screen: paint it all."""
        self._shadow.forget()
        self.screen.refresh(repaint=True, layout=True)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Only the cells that changed are written to the terminal (tui/ui/wire.py)."""
        if isinstance(renderable, ChopsUpdate | LayoutUpdate) and not self.is_inline:
            super()._display(screen, Diffed(self._shadow, renderable, *self.size))
        else:
            super()._display(screen, renderable)

    def _start(self) -> None:
        if self.notes:
            self.notify(" · ".join(self.notes), severity="warning", timeout=NOTICE_SECONDS)
        if self.options.front_page:
            self._show_front_page()
            if not self.options.offline:
                self.reader.say_in_list("Loading the front page…")
                self._refresh_front_page()
            elif not self.reader.all_entries:
                self.reader.show_note(
                    "Nothing is cached yet",
                    "belga was started with --offline, and no story was kept from before.",
                    "Run belga once without --offline to fetch the newsroom's latest "
                    "stories; they are kept for reading offline afterwards.",
                    "Or read the bundled sample: belga --demo",
                )
            return
        if self.options.paths:
            self._load_files()
        if self.options.urls:
            self._fetch_urls(list(self.options.urls))

    async def on_unmount(self) -> None:
        if self._client is not None:
            await self._client.aclose()
        if self._pages is not None:
            await self._pages.aclose()
        if self.store is not None:
            self.store.close()

    # --- the front page ---------------------------------------------------------------

    def _show_front_page(self) -> None:
        self.reader.set_entries(self.newsroom.front_page(), open_first=True)

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh_front_page(self) -> None:
        self.reader.set_status("refreshing…")
        try:
            result = await self.newsroom.refresh()
        except FetchError as error:
            self.reader.set_status("")
            self.reader.say_in_list("")
            self._asked_refresh = False
            self.notify(
                f"{error.message}\nWhat was cached is shown; press r to try again.",
                title="Could not refresh the front page",
                severity="error",
                timeout=12,
            )
            if not self.reader.all_entries:
                unreachable = error.kind.unreachable
                detail = f" ({error.detail})" if error.detail else ""
                self.reader.show_note(
                    "The newsroom could not be reached"
                    if unreachable
                    else "The newsroom's list of stories could not be read",
                    f"{self.options.settings.newsroom}: {error.reason}{detail}.",
                    "Nothing was cached before, so there is nothing to show yet. Press r "
                    "to try again"
                    + (", check the network" if unreachable else " later")
                    + ", or read the bundled sample: belga --demo",
                )
            return
        self._show_front_page()
        self.reader.set_status("")
        self.reader.say_in_list("")
        for note in result.notes:
            self.notify(note, title="The front page", severity="warning", timeout=8)
        if result.new:
            self.notify(f"{result.new} new {'story' if result.new == 1 else 'stories'}.")
        elif self._asked_refresh:
            self.notify("Nothing new.")
        self._asked_refresh = False
        self._prefetch()

    @work(thread=True, exclusive=True, group="purge", exit_on_error=False)
    def _trim_store(self) -> None:
        """Keep the cache within its bounds (``[store]``), once a session, off the loop."""
        from tui.core.store.database import StoreError

        if self.store is None:
            return
        try:
            removed = self.store.purge(
                self.options.config.store.keep_days, self.options.config.store.keep_stories
            )
        except StoreError:
            return  # the next session tries again
        if removed:
            self.call_from_thread(self._show_front_page)

    @work(exclusive=True, group="prefetch", exit_on_error=False)
    async def _prefetch(self) -> None:
        """Fetch the first screenful of stories not cached yet, a few at a time."""
        import asyncio

        waiting = [e for e in self.reader.all_entries[:PREFETCH] if not e.cached]

        async def one(entry: Entry) -> None:
            try:
                await self.newsroom.story(entry.key)
            except FetchError:
                return  # said when the user opens it

        await asyncio.gather(*(one(entry) for entry in waiting))
        if waiting:
            self._show_front_page()
        if not self._purged:  # after the prefetch, which may have stored stories past them
            self._purged = True
            self._trim_store()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is one line in the status line (the key bar), for a few seconds:
        never a toast over the text being read. Its text is plain, never markup: it quotes
        link text, URLs, paths and server answers, which Textual would read as markup
        (``[/]`` made it raise, ``[@click=…]`` an action). ``Widget.notify`` comes here too."""
        text = " ".join((f"{title}: {message}" if title else message).split())
        self.notices = [*self.notices[-(NOTICES_KEPT - 1) :], text]
        wait = timeout or (8 if severity == "error" else 4 if severity == "warning" else 3)
        self.reader.query_one(KeyBar).show_notice(text, severity, min(wait, NOTICE_SECONDS))

    def task_failed(self, group: str, error: BaseException) -> None:
        """Say that a background task failed, and take back what claimed it was running."""
        what = _TASKS.get(group, "A background task")
        message = f"{what} failed: {clean_line(str(error)) or type(error).__name__}."
        self.log.error(message, error)
        if self._exit:
            return  # a task that breaks while the app closes: nobody is looking
        try:
            if group == "refresh":
                self.reader.set_status("")
            self.notify(message, title="Something went wrong", severity="error", timeout=12)
        except NoMatches:
            pass  # the panes are being taken down

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action is a command in the palette (Ctrl+P), by its name: belga's
        own commands only (Textual's theme, screenshot and key panel are not belga's)."""
        if screen is self.reader:
            yield from keys.palette_commands(self, self.reader, self.keymap)

    def action_refresh(self) -> None:
        if self.options.offline:
            self.notify("belga was started with --offline: nothing is fetched.", timeout=4)
        elif self.options.front_page:
            self._asked_refresh = True
            self._refresh_front_page()
        elif self.options.paths:
            self._reloaded_from = self.newsroom.listed_count
            self._load_files()
        else:
            self.notify("Stories opened by URL are checked for news when opened.", timeout=3)

    # --- story files --------------------------------------------------------------------

    def _load_files(self) -> None:
        # The first few files are read at once, so that the first paint already shows a
        # story; the rest follow from a thread, in batches.
        self.problems.clear()
        self._listed_count = 0
        batches = load_batches(self.paths, first_size=FIRST_BATCH)
        first = next(batches, None)
        if first is not None:
            if self._reloaded_from is None and self._one_story_file(first):
                self.reader.open_story(first.stories[0])  # like ``belga URL``
            self._add_batch(first, last=False)
        self._load(batches)

    def _one_story_file(self, first: Batch) -> bool:
        """Whether belga was given one story file (not a folder), and nothing else."""
        single = len(self.paths) == 1 and not self.options.urls and len(first.stories) == 1
        return single and Path(self.paths[0]).is_file()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, batches: Iterator[Batch]) -> None:
        for batch in batches:
            self.call_from_thread(self._add_batch, batch, False)
        self.call_from_thread(self._add_batch, Batch(), True)

    def _add_batch(self, batch: Batch, last: bool) -> None:
        self.newsroom.add(batch.stories)
        self.problems += batch.problems
        changed = self.newsroom.listed_count != self._listed_count
        grown = self.newsroom.listed_count >= LIST_GROWTH * self._listed_count
        due = last or (grown and monotonic() - self._listed_at > LIST_REFRESH_SECONDS)
        if changed and due:
            self._listed_at, self._listed_count = monotonic(), self.newsroom.listed_count
            self.reader.set_entries(self.newsroom.listed(), open_first=True)
        if last:
            self._report_loaded()

    def _report_loaded(self) -> None:
        if self._reloaded_from is not None:  # r: say what was found
            new = self.newsroom.listed_count - self._reloaded_from
            self._reloaded_from = None
            self.notify(
                f"{new} new {'story' if new == 1 else 'stories'}." if new else "Nothing new."
            )
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
        if not self.newsroom.listed_count and not self.options.urls:
            where = ", ".join(str(p) for p in self.paths) or "nothing given"
            self.reader.show_note(
                "Nothing to read",
                f"No stories were found in {where}.",
                "belga reads Prezly story documents (.json files), and folders of them. "
                "Or try the bundled sample: belga --demo",
            )

    # --- stories by URL -----------------------------------------------------------------

    @work(exclusive=True, group="fetch-start", exit_on_error=False)
    async def _fetch_urls(self, urls: list[str]) -> None:
        """Fetch the stories named on the command line, show the first one."""
        stories = []
        failed: list[str] = []
        for url in urls:
            self.reader.say_in_list("\n".join([*failed, f"Loading the story {url}…"]))
            try:
                stories.append(await self.newsroom.story(url))
            except FetchError as error:
                # Not a file skipped: said where the list would be until the user acts.
                failed.append(f"Could not fetch the story: {error.message}.")
                self.reader.say_in_list("\n".join(failed))
                self.notify(
                    f"{error.message}\nCheck the URL, or try again later.",
                    title="Could not fetch the story",
                    severity="error",
                    timeout=15,
                )
        tail = ["Check the URL, or try again later."] if failed else []
        self.reader.say_in_list("\n".join([*failed, *tail]))
        if stories:
            self.reader.open_story(stories[0])
        self._add_batch(Batch(stories=stories), last=not self.options.paths)

    # --- keys -------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(keys.help_screen(self, self.keymap))


class NoColour(LineFilter):
    """Takes every colour out of the lines painted; keeps bold, underline, reverse."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, style.without_color if style is not None else None, control)
            for text, style, control in segments
        ]


def binding_ids() -> set[str]:
    """The ids the config file's ``[keys]`` may name."""
    return keys.ids(BelgaApp)


def create_app(
    paths: Sequence[str | Path] = (),
    urls: Sequence[str] = (),
    settings: FetchSettings | None = None,
    **options: Any,
) -> BelgaApp:
    """The app factory shared by the command line, the tests and the screenshot script."""
    chosen = Options(paths=tuple(paths), urls=tuple(urls))
    if settings is not None:
        chosen = replace(chosen, settings=settings)
    return BelgaApp(with_config(chosen, **options))
