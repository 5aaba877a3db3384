"""Read and saved marks asked for in the list: the newsroom changes them (it owns
them), ``M`` asks first, and ``u`` puts the last change back."""

from __future__ import annotations

from tui.core.newsroom import Newsroom
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.panes import PanedScreen
from tui.ui.widgets.list_pane import ListPane
from tui.ui.widgets.story_list import StoryList


class MarkingScreen(PanedScreen):
    """The reader screen's part that turns the list's requests into marks."""

    newsroom: Newsroom

    def __init__(self, list_width: int = 72) -> None:
        super().__init__(list_width)
        self._undo: tuple[dict[str, bool], dict[str, bool]] | None = None
        """The marks changed last, as they were before (``u`` puts them back)."""

    def on_story_list_marks_changed(self, event: StoryList.MarksChanged) -> None:
        if event.ask:
            count = len(event.keys)
            stories = "story" if count == 1 else "stories"
            question = f"Mark {count} unread {stories} read? (u undoes it)"

            def answered(yes: bool | None) -> None:
                if yes:
                    self._mark(event.keys, event.read, event.saved)
                else:
                    self.notify("Nothing marked.", timeout=2)

            self.app.push_screen(ConfirmScreen(question), answered)
            return
        self._mark(event.keys, event.read, event.saved)

    def _mark(
        self, keys: list[str], read: bool | None, saved: bool | None, undoing: bool = False
    ) -> None:
        """Have the marks' owner change them; remember how they were, for ``u``."""
        pane = self.query_one(ListPane)
        if not undoing:
            self._undo = (
                {key: self.newsroom.is_read(key) for key in keys} if read is not None else {},
                {key: self.newsroom.is_saved(key) for key in keys} if saved is not None else {},
            )
        if read is not None:
            failed = self.newsroom.mark_all_read(keys, read)
            pane.marks_changed(keys)
            if undoing:
                self._said(failed, "")
            elif read and len(keys) > 1:
                count = len(keys)
                self._said(failed, f"Marked {count} {'story' if count == 1 else 'stories'} read.")
            else:
                self._said(failed, "")
        if saved is not None:
            failed = None
            for key in keys:
                failed = self.newsroom.save(key, saved) or failed
            pane.marks_changed(keys, saved=True)
            if not undoing:
                self._said(failed, "Saved for later." if saved else "No longer saved.")

    def on_story_list_undo_asked(self, event: StoryList.UndoAsked) -> None:
        """``u``: the marks changed last go back to what they were."""
        if self._undo is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        reads, saves = self._undo
        self._undo = None
        for state in (True, False):
            if keys := [key for key, was in reads.items() if was is state]:
                self._mark(keys, state, None, undoing=True)
            if keys := [key for key, was in saves.items() if was is state]:
                self._mark(keys, None, state, undoing=True)
        count = len(reads) or len(saves)
        self.notify(f"Undone: {count} {'story' if count == 1 else 'stories'} as before.", timeout=3)

    def _said(self, failed: str | None, done: str) -> None:
        """Say that a mark was kept (``done``), or what failed to keep it."""
        if failed is not None:
            self.notify(
                f"{failed}\nThe mark holds for this session only.",
                title="Could not keep the mark",
                severity="error",
                timeout=8,
            )
        elif done and self.newsroom.store is None:
            self.notify(f"{done}\nFor this session only: belga runs without its cache.")
        elif done:
            self.notify(done, timeout=2)
