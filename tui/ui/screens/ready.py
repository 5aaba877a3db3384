"""The story under the list's cursor made ready while the reader rests on it: its
document built (on the event loop when small, else in a thread) and typeset at the size
the reading pane will have once it is opened, so that Enter shows it in one frame; and
the network client made ahead of the first Enter."""

from __future__ import annotations

import asyncio
from typing import Final

from textual.timer import Timer

from tui.core.model.story import Story
from tui.core.render.render import PreparedStory, prepare_story
from tui.ui.documents import Documents, small
from tui.ui.screens.sidebar import SidebarLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

WARM_AFTER: Final = 0.6
"""Seconds after the screen is mounted when the network client's modules are imported."""
READY_AFTER: Final = 0.1
"""Seconds the list's cursor rests on a story before its document is built ahead."""


class ReadyStories(SidebarLinks):
    """Builds and typesets the story under the list's cursor before Enter asks for it."""

    _fetch_ahead: bool

    def __init__(self, list_width: int = 72) -> None:
        super().__init__(list_width)
        self._documents = Documents()
        """The documents built ahead or shown last (bounded)."""
        self._building: tuple[Story, asyncio.Future[PreparedStory]] | None = None
        """The document being built in a thread, and its story."""
        self._ready_timer: Timer | None = None
        self._warmed = False

    def _built_ahead(self, story: Story) -> PreparedStory | None:
        """The document of ``story`` if its build in a thread is done (a long body, not
        kept: it is built further as it is read). The same story by equality, as the cache
        of documents matches it: the newsroom may hand back an equal copy."""
        if self._building is None or self._building[0] != story:
            return None
        future = self._building[1]
        if not future.done() or future.cancelled() or future.exception() is not None:
            return None
        return future.result()

    def _built(self, story: Story) -> asyncio.Future[PreparedStory]:
        """The document of ``story`` built in a thread: the one being built ahead if it is
        this story's, else a new build."""
        building = self._building
        if building is not None and building[0] == story:
            return building[1]
        future = asyncio.ensure_future(asyncio.to_thread(prepare_story, story))
        self._building = (story, future)
        return future

    # --- the story under the list's cursor, made ready ------------------------------------

    def on_story_list_highlighted(self, event: StoryList.Highlighted) -> None:
        """The reader rests on a story in the list: build its document meanwhile, so that
        Enter shows it at once."""
        if self._ready_timer is not None:
            self._ready_timer.stop()
        self._ready_timer = self.set_timer(READY_AFTER, self._make_ready)

    def on_mount(self) -> None:
        self.set_timer(WARM_AFTER, self._warm)

    def _warm(self) -> None:
        """Opening a story lists its links, which asks the network client (made when first
        needed), and fetches them: the client and its transport are made ahead, in a
        thread (importing httpx and making a TLS context: ~200-400 ms), rather than on
        the event loop at the first Enter. Once start-up is painted, or at the first rest
        on a story."""
        if not self._warmed and self._fetch_ahead and not self.newsroom.offline:
            self._warmed = True
            newsroom = self.newsroom

            def warm() -> None:
                client = newsroom.client
                if client is not None:
                    client.warm()

            self.run_worker(asyncio.to_thread(warm), group="warm")

    def _make_ready(self) -> None:
        self._ready_timer = None
        self._warm()
        entry = self.query_one(StoryList).highlighted
        story = self._find(entry.key) if entry is not None else None
        view = self.query_one(StoryView)
        shown = view.prepared.story if view.prepared is not None else None
        if story is None or story is shown:
            return
        prepared = self._documents.get(story)
        if prepared is None and small(story):
            prepared = prepare_story(story)
            self._documents.keep(prepared)
        if prepared is not None:
            view.typeset_ahead(prepared, self.room_of(view, opened=True))
            return
        future = self._built(story)

        def built(done: asyncio.Future[PreparedStory]) -> None:
            if done.cancelled() or done.exception() is not None:
                return
            self._documents.keep(done.result())
            entry = self.query_one(StoryList).highlighted
            if entry is not None and entry.key == story.key and self.is_attached:
                # Still resting on it:
                view.typeset_ahead(done.result(), self.room_of(view, opened=True))

        future.add_done_callback(built)
