"""What can be done with a link to another site: read it here, copy it, open it in a browser."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.core.model.urls import host_of
from tui.core.render.cells import url_lines, width
from tui.core.render.document import Link
from tui.ui.browser import find_browser, open_in_browser
from tui.ui.screens.dialog import Dialog

if TYPE_CHECKING:
    import webbrowser


class FoldedUrl:
    """A URL drawn folded at its separators to the width it is given (url_lines):
    never mid-word where a separator is on the line, no character lost."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return self.url

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in url_lines(self.url, options.max_width):
            yield Text(line, no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = min(width(self.url), options.max_width)
        return Measurement(min(longest, 8), longest)


class ExternalLinkScreen(Dialog[str | None]):
    """A link to another site: read it here (belga's reader view), copy its URL (``y``;
    OSC 52 reaches the user's clipboard over SSH), or open it in a browser where there
    is one.

    With ``can_read`` the reader is asked whether to read the page here, once (Enter),
    always for its site (``a``) or never for its site (``n``); the screen dismisses with
    "read", "always" or "never" and the reader screen acts on it. ``problem`` says why
    the page (or story) could not be opened or read here, when it was tried.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,r", "answer('read')", "Read it here", id="external.read"),
        Binding("a", "answer('always')", "Always read this site here", id="external.always"),
        Binding("n", "answer('never')", "Never read this site here", id="external.never"),
        Binding("y,c", "copy", "Copy the URL", id="external.copy"),
        Binding("o", "open", "Open in a browser", id="external.open"),
        Binding("escape,q", "close", "Close", id="external.close"),
    ]

    def __init__(
        self,
        link: Link,
        reason: str = "",
        *,
        can_read: bool = False,
        story: bool = False,
        note: str = "",
    ) -> None:
        super().__init__()
        self.link = link
        self.note = note
        """Why the page is not read here, though nothing failed (the reader view off)."""
        self.story = story
        """The story read or listed (``o``): the dialog offers its URL, nothing else."""
        self.reason = reason
        """Why it could not be opened or read here (empty: nothing was tried)."""
        self.can_read = can_read and not reason
        self.browser = find_browser()
        self.can_open = self.browser is not None

    def compose(self) -> ComposeResult:
        site = host_of(self.link.url).removeprefix("www.") or "another site"
        with Vertical(id="external-box") as box:
            if self.reason:
                what = "could not be opened"
            elif self.can_read or self.note:
                what = f"a page on {site}"
            else:
                what = "not a story belga can open"
            unnumbered = "Story" if self.link.is_story else "Link"  # a story from the list
            number = f"Link [{self.link.number}]" if self.link.number else unnumbered
            if self.story:
                number, what = "This story", "" if self.can_open else "no browser here"
            box.border_title = Text(f"{number} — {what}" if what else number)
            if self.link.title and self.link.title != self.link.url:
                yield Static(self.link.title, id="external-title", markup=False)
            yield Static(FoldedUrl(self.link.url), id="external-url")
            if self.reason or self.note:
                said = self.note or f"{self.reason}."
                yield Static(said, id="external-reason", markup=False)
            # One choice a line: a list that wraps mid-choice cannot be read.
            if self.can_read:
                choices = (
                    "Enter read it here",
                    f"a     always read {site} here",
                    f"n     never read {site} here",
                )
                keys = "\n".join(choices)
                yield Static(keys, id="external-read", markup=False)
            browser = "o     open in a browser" if self.can_open else "(no browser here)"
            keys = f"y     copy the URL\n{browser}\nEsc   close"
            yield Static(keys, id="external-keys", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.can_read
        return self.can_open if action == "open" else True

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.link.url)
        self.notify("Copied to the clipboard (through the terminal, OSC 52).", timeout=3)
        self.dismiss()

    def action_open(self) -> None:
        if self.browser is None:
            self.notify("No browser can be opened here; press y to copy the URL.", timeout=4)
            return
        self.app.run_worker(self._opened(self.browser, self.link.url), exit_on_error=False)
        self.dismiss()

    async def _opened(self, browser: webbrowser.BaseBrowser, url: str) -> None:
        """The browser started in a thread, belga answering keys meanwhile; said either way."""
        self.app.notify(f"Opening {url} in the browser…", timeout=3)
        failed = await open_in_browser(browser, url)
        if failed:
            self.app.notify(f"Not opened in a browser: {failed}.", severity="error", timeout=8)

    def action_close(self) -> None:
        self.dismiss()
