"""The reader view of outside pages: what the reader screen does with a link to another
site. Nothing is fetched unless the reader says so, for this link or for its site.

A base of :class:`~tui.ui.screens.reader.ReaderScreen`, kept apart so that the rules of
asking (``[net] reader``, the answer remembered per site) have one home.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from functools import partial

from textual import work
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story
from tui.core.model.urls import host_of, is_web_url
from tui.core.net.fetch_errors import FetchError, FetchErrorKind
from tui.core.newsroom import Newsroom
from tui.core.render.document import Link
from tui.ui.notices import under_way
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.sent_first import sent_before_paint
from tui.ui.widgets.related import LinkState, RelatedLinks


def pane_title(story: Story) -> str:
    """The reading pane's title: the story's site, or that this is a reader view."""
    if is_outside_page(story):
        return f"reader view · {story.host}"
    return story.host or "story"


class OutsidePages(Screen[None]):
    """Offers, asks about and opens outside pages, shown as stories are."""

    newsroom: Newsroom

    def open_story(self, story: Story, *, record: bool = True, scroll_y: int = 0) -> None:
        raise NotImplementedError  # the reader screen's

    def _said(self, failed: str | None, done: str) -> None:
        raise NotImplementedError  # the reader screen's: what was kept, or what failed

    def warm_for(self, links: Iterable[Link]) -> None:
        """A story is on screen: if one of its links leads to a site read here without
        asking, get the reader ready (nothing is fetched), so that its first page does
        not wait for the extractor to load."""
        newsroom = self.newsroom
        for link in links:
            url = link.url
            outside = not link.is_story and is_web_url(url) and not newsroom.can_fetch(url)
            if outside and newsroom.reader_answer(url) == "always":
                newsroom.warm_pages()
                return

    def _failed_in_sidebar(self, url: str, reason: str) -> None:
        """The sidebar's entry of a page that could not be read says so, and why: it
        went on saying "not fetched", a promise of a page known not to open (a new
        user's report). ``r`` there tries it again."""
        with suppress(NoMatches):
            sidebar = self.query_one(RelatedLinks)
            for entry in sidebar.entries:
                if entry.link.url == url:
                    sidebar.set_state(entry, LinkState.FAILED, reason=reason)

    def offer_page(self, link: Link) -> None:
        """A link to another site: read here at once, asked about, or offered to copy."""
        answer = self.newsroom.reader_answer(link.url) if is_web_url(link.url) else "never"
        refused = self.newsroom.page_refusal(link.url) if answer != "never" else None
        if refused is not None:  # said at once, rather than offered and then refused
            detail = f" ({refused.detail})" if refused.detail else ""
            self.app.push_screen(
                ExternalLinkScreen(link, f"Not read here: {refused.reason}{detail}")
            )
        elif answer == "always" and not self.newsroom.offline:
            self.open_page(link)
        elif answer == "ask" and not self.newsroom.offline:
            self.newsroom.warm_pages()
            screen = ExternalLinkScreen(link, can_read=True)
            self.app.push_screen(screen, partial(self._answered, link))
        else:
            self.app.push_screen(ExternalLinkScreen(link, note=self._not_read_why(link)))

    def _not_read_why(self, link: Link) -> str:
        """Why a page is only offered to copy, not read here: the link's own words."""
        if not is_web_url(link.url):
            return "Not a web address belga can read."
        if self.newsroom.offline:
            return "belga is offline (started with --offline): nothing is fetched."
        if self.newsroom.reader == "never":
            return 'The reader view is off: [net] reader = "never" in the config file.'
        site = host_of(link.url).removeprefix("www.")
        return f"Pages of {site} are not read here (you chose never; [net] reader)."

    def _answered(self, link: Link, answer: str | None) -> None:
        if answer in ("always", "never"):
            failed = self.newsroom.remember_reader_answer(link.url, answer)
            site = host_of(link.url).removeprefix("www.")
            said = "read here from now on" if answer == "always" else "no longer offered"
            self._said(failed, f"Pages of {site}: {said}.")
        if answer in ("read", "always"):
            self.open_page(link)

    @work(exclusive=True, group="open-remote", exit_on_error=False)
    async def open_page(self, link: Link) -> None:
        """Fetch the outside page of ``link`` and show it in the reader view; if it cannot
        be read, say why, with its URL to copy."""
        with under_way(self, f"Reading {link.url}…"):
            try:
                page = await sent_before_paint(
                    self.app, lambda sent: self.newsroom.page(link.url, sent)
                )
            except FetchError as error:
                if error.kind is FetchErrorKind.READER_UNAVAILABLE:  # the why: in the box
                    self.notify("The reader view is unavailable.", severity="error")
                detail = f" ({error.detail})" if error.kind is FetchErrorKind.TOO_COMPLEX else ""
                reason = f"Could not read it here: {error.reason}{detail}"
                self._failed_in_sidebar(link.url, f"{error.reason}{detail}")
                self.app.push_screen(ExternalLinkScreen(link, reason))
                return
            self.open_story(page)
