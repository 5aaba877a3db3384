"""The Textual application and its factory: what the app is made of, and its keys.

The work it does lives beside it, each with its state: start_up.py (what belga shows
first), front_page.py (the newsroom's front page), notices.py (the status line's notices)."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final

from rich.console import RenderableType
from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker

from tui.core.config.limits import FetchSettings
from tui.core.loader import Problem
from tui.core.model.record import replace
from tui.core.newsroom import Newsroom
from tui.ui import keys
from tui.ui.abilities import ask_margins, monochrome
from tui.ui.busy import CacheBusy
from tui.ui.escape_key import alt_keys, use_escape_parser
from tui.ui.frames import FrameHold, PacedScreen
from tui.ui.front_page import FrontPage
from tui.ui.glyphs import CONSOLE, ConsoleGlyphs, chosen
from tui.ui.hangup import end_on_signals, watch_hangup
from tui.ui.key_order import KeyDone, KeyOrder, Typed
from tui.ui.keynames import key_label
from tui.ui.keys_first import KeysFirst, counting_keys
from tui.ui.memory import Collector, freeze_start_up
from tui.ui.notices import Notices, SayingWorkers
from tui.ui.options import Options, with_config
from tui.ui.output import TerminalOutput
from tui.ui.parsed_css import use_parsed_css
from tui.ui.screens.dialog import AT_ONCE
from tui.ui.screens.reader import ReaderScreen
from tui.ui.start_up import StartUp
from tui.ui.suspend import no_shell, shell_can_resume
from tui.ui.wake import wake_on_signals
from tui.ui.widgets.story_view import StoryView

NOT_XON: Final = "Ctrl+Q does not quit belga (Ctrl+S never froze it): {} quits."
KEYS_HOLD: Final = 0.05
"""The longest paints are held while keys read together are answered."""

if TYPE_CHECKING:
    from tui.core.net.client import NewsroomClient
    from tui.core.net.outside import OutsideReader
    from tui.core.store.database import Store


class BelgaApp(TerminalOutput, inherit_bindings=False):
    """belga: the article list, the reading pane and the related-links sidebar.

    None of Textual's own keys (``inherit_bindings=False``): its Ctrl+C is belga's own
    (AT_ONCE), and its Ctrl+Q quit at once, without a word in belga's help. Ctrl+Q is
    the terminal's XON: people press it to undo a Ctrl+S (which never freezes belga) and
    lost their place. It quits nothing and says which key does (:meth:`key_ctrl_q`);
    a user who gives it to a binding in ``[keys]`` has it."""

    CSS_PATH = "belga.tcss"
    TITLE = "belga"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        *AT_ONCE,
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("r", "refresh", "Refresh", id="app.refresh"),
    ]

    def __init__(self, options: Options | None = None) -> None:
        use_parsed_css()  # the first screen's CSS, parsed ahead (before Textual parses any)
        super().__init__()
        # Notices are said in the status line (notify, below) and nothing has a tooltip:
        # Textual's toast rack and tooltip widgets are not made, styled, nor their CSS
        # parsed. Textual's own switches (an internal, the ones its run_test turns off:
        # every Pilot test runs so), checked by tests/test_parsed_css.py.
        self._disable_tooltips = True
        self._disable_notifications = True
        # NO_COLOR (Textual's), or a terminal without colours: colour codes are sent
        # all the same (the cursor row's background), and the cursor showed only bold.
        self.no_color = self.no_color or monochrome()
        self._notices = Notices(self)
        self._workers = SayingWorkers(self, self._notices)
        self._make_output()
        self.keys_first = KeysFirst()
        """A key being answered: background work waits (keys_first.py)."""
        self._key_order = KeyOrder(self, self._send_key)
        self._keys_hold = FrameHold(self, KEYS_HOLD)
        """Paints held while keys read together are answered (see :meth:`on_event`)."""
        self._unwake: Callable[[], None] = lambda: None
        self._unend: Callable[[], None] = lambda: None
        freeze_start_up()  # everything imported so far lives as long as the app
        self.collector = Collector()
        self.options = options or Options()
        self.notes = list(self.options.notes)
        self.keymap: dict[str, str] = {}
        """The user's own keys, by binding id (old ids of the config renamed)."""
        self._client: NewsroomClient | None = None
        self._client_lock = threading.Lock()
        self._pages: OutsideReader | None = None
        self.store = self._open_store(self.options.store)
        self.newsroom = Newsroom(
            lambda: self.client,
            self.store,
            offline=self.options.offline,
            pages=lambda: self.pages,
            reader=self.options.config.net.reader,
        )
        self.start_up = StartUp(self)
        self.front_page = FrontPage(self)
        self.cache_busy = CacheBusy(self)
        over_ssh = bool(os.environ.get("SSH_CONNECTION"))
        images = self.options.config.ui.images == "always" or (
            self.options.config.ui.images == "on" and not over_ssh
        )
        no_pictures = ""
        if self.options.demo:
            no_pictures = "Pictures are not shown in the demo: it never uses the network."
        elif self.no_color:  # half-block pictures are colour or nothing (grey ▀ rows)
            why = "NO_COLOR is set" if "NO_COLOR" in os.environ else "this terminal has none"
            no_pictures = (
                f"Pictures need colour, and {why}: each stays its ▣ line with its "
                "caption; its number offers the picture's URL."
            )
        self.reader = ReaderScreen(
            self.newsroom,
            measure=self.options.config.ui.measure,
            images=images and not no_pictures,
            list_width=self.options.config.ui.list_width,
            fetch_ahead=not self.options.demo,
            no_pictures=no_pictures,
        )
        self._apply_preferences()
        use_escape_parser(alt_keys(self.keymap))  # Esc then a key: never Alt+key
        if self.no_color:
            self._drop_colour()
        if chosen() is CONSOLE:  # the linux console's font, a VT220's
            self._filters.append(ConsoleGlyphs())

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

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform, telling :attr:`keys_first` of each key
        its input thread reads."""
        return counting_keys(super().get_driver_class())

    def _open_store(self, path: Path | None) -> Store | None:
        if path is None:
            return None
        from tui.core.store.database import Store, StoreError

        try:
            # The list's tables are checked in a thread meanwhile (9 ms at 10,000 stories,
            # 36 ms at 50,000): the store waits for it before it is first read, at
            # start-up, which says what it found (start_up.py).
            return Store.open(path, check_in_thread=True)
        except StoreError as error:
            self.notes.append(f"{error}\nbelga runs without its cache: nothing is kept.")
            return None

    @property
    def client(self) -> NewsroomClient:
        """The one newsroom client, made when first needed: importing httpx and making
        its TLS context costs tens of milliseconds that the first paint need not wait. The
        reader screen has it made in a thread ahead of the first Enter: made once, under
        a lock."""
        if self._client is None:
            with self._client_lock:
                if self._client is None:
                    from tui.core.net.client import NewsroomClient

                    client = NewsroomClient(self.options.settings)
                    for url in self.options.urls:
                        client.trust(url)  # the user asked for a story there
                    self._client = client
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

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    def on_mount(self) -> None:
        self.app_resume_signal.subscribe(self, self._redraw)
        if not self.is_headless:  # fg brings the app back, whichever thread takes SIGCONT
            self._unwake = wake_on_signals(asyncio.get_running_loop())
            watch_hangup(0, lambda: self.call_from_thread(self.exit, 1))  # a dead terminal
            # kill PID: leave as Q does, with the status a shell shows for the signal
            self._unend = end_on_signals(
                asyncio.get_running_loop(), lambda signum: self.exit(return_code=128 + signum)
            )
            ask_margins(self._driver)  # a scroll beside the sidebar moves the story only
            self._link.asks = bool(getattr(self._driver, "input_tty", False))
        # Once the reader screen has arranged its panes, before its first frame.
        self.reader.when_arranged(self.start_up.start)

    def on_idle(self) -> None:
        self.collector.idle()

    async def on_unmount(self) -> None:
        self._link.forget()
        self._unwake()
        self._unend()
        if self._client is not None:
            await self._client.aclose()
        if self._pages is not None:
            await self._pages.aclose()
        if self.store is not None:
            self.store.close()

    def run_task(
        self,
        work: Callable[[], Coroutine[Any, Any, None]] | Callable[[], None],
        group: str,
        *,
        thread: bool = False,
    ) -> Worker[None]:
        """Run one of belga's background tasks: a new one of a group cancels the one
        running, and a failure is said in the status line (notices.py), never the end of
        the app."""
        return self.run_worker(
            work, group=group, exclusive=True, exit_on_error=False, thread=thread
        )

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
        self._notices.say(message, title=title, severity=severity, timeout=timeout)

    def hold_notice(self, message: str, severity: SeverityLevel = "warning") -> None:
        """Say ``message`` until a key is pressed (notices.py)."""
        self._notices.hold(message, severity)

    @property
    def notices(self) -> list[str]:
        """The last notices said, newest last (the help screen lists them)."""
        return self._notices.said

    @property
    def problems(self) -> list[Problem]:
        """The story files skipped, with why (listed when belga exits)."""
        return self.start_up.problems

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action is a command in the palette (Ctrl+P), by its name: belga's
        own commands only (Textual's theme, screenshot and key panel are not belga's)."""
        if screen is self.reader:
            yield from keys.palette_commands(self, self.reader, self.keymap)

    def action_refresh(self) -> None:
        if self.options.offline and self.options.front_page:
            # The list as the cache has it now (another belga may have marked stories).
            self.front_page.show()
            self.notify(
                "belga was started with --offline: nothing is fetched; the list is read "
                "again from the cache.",
                timeout=4,
            )
        elif self.options.offline and not self.options.paths:
            self.notify("belga was started with --offline: nothing is fetched.", timeout=4)
        elif self.options.front_page:
            self.front_page.refresh(asked=True)
        elif self.options.paths:
            self.start_up.reload()
        else:
            self.notify("Stories opened by URL are checked for news when opened.", timeout=3)

    # --- keys -------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """A newline typed is Enter. Keys typed while belga starts reach a terminal not
        yet in raw mode, which turns Enter's CR into a newline (ICRNL), read as Ctrl+J:
        ``j j Enter`` typed ahead moved the cursor and lost the Enter. (Ctrl+J is Enter in
        shells too, and belga binds nothing else to it.)

        Once a key's binding has run, its answer is painted at once
        (:meth:`~tui.ui.frames.PacedScreen.key_answered`)."""
        if isinstance(event, events.CursorPosition):  # the terminal read what came before
            self._link.answered()
            return
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if isinstance(event, events.Key) and event.key == "ctrl+j":
                event = events.Key("enter", "\r")
            self.keys_first.taken()
            self._notices.key_pressed()
            if not await self._key_order.arrived(event):  # else it waits its turn
                await self._send_key(event)
            return
        # Back up from the focused widget: the app runs its binding now.
        back = isinstance(event, events.Key)
        await super().on_event(event)
        if back:  # its binding has run
            if self._key_order.waiting:
                # Keys read together (or while a frame was drawn): their answers in one
                # frame, not a frame each (a frame costs more than a key's action).
                self._keys_hold.hold()
                return
            self._keys_hold.release()
            screen = self.screen
            if isinstance(screen, PacedScreen):
                screen.key_answered()

    def hold_for_key(self) -> bool:
        """Whether a key is read and not yet taken: then the frame due is held, and
        painted with the key's answer (tui/ui/frames.py asks, keys_first.py)."""
        if not self.keys_first.unread:
            return False
        self._keys_hold.hold()
        return True

    async def _send_key(self, event: Typed) -> None:
        """A key or a paste to the focused widget, as Textual does; the next waits until
        this one has been dealt with (key_order.py). The paints wait for its answer:
        what background work changed meanwhile is painted with it, in one frame."""
        self._keys_hold.hold()
        target, screen = self.focused or self.screen, self.screen
        await super().on_event(event)
        if event.is_forwarded:
            self._key_order.sent(target, screen)

    async def on_key_done(self, message: KeyDone) -> None:
        await self._key_order.done(message)
        if not self._key_order.waiting:  # the last of keys read together: its frame now
            self._keys_hold.release()

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Leave once the terminal has answered the questions on their way (at most 2 s,
        tui/ui/link.py): an answer that came later would be typed into the shell."""
        self._link.settle(partial(super().exit, result, return_code, message))

    def action_suspend_process(self) -> None:
        """Ctrl+Z: to the shell, where ``fg`` brings belga back; with no shell to come
        back to (``ssh -t host belga``), it says so rather than freeze the session."""
        if shell_can_resume():  # once the terminal's answers are in (tui/ui/link.py)
            self._link.settle(super().action_suspend_process)
        else:
            self.notify(no_shell(self._quit_key()), timeout=6)

    def _quit_key(self) -> str:
        """The key that quits from where the focus is: Q (quit_now), but where letters
        are typed (the filter's box, the story's search or link hints, the palette),
        Ctrl+C; the user's own key where [keys] gives one."""
        focused = self.focused
        typing = isinstance(focused, Input) or (
            isinstance(focused, StoryView) and focused.takes_letters
        )
        binding_id, key = ("app.interrupt", "ctrl+c") if typing else ("app.quit_now", "Q")
        return key_label(self.keymap.get(binding_id, key).split(",")[0])

    def key_ctrl_q(self) -> None:
        """Ctrl+Q, no binding's (see the class)."""
        self.notify(NOT_XON.format(self._quit_key()), timeout=5)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen  # here: the first paint does without it

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(keys.help_screen(self, self.keymap))


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
