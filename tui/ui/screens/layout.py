"""Which panes the reader screen shows, for a terminal width and the pane in use.

Three layouts, by what fits side by side without making a pane unreadable:

- ``stacked``: one level at a time, like newsboat and mutt. The list takes the whole
  width (headlines readable in full); a story opens over it, with the sidebar beside it
  when both fit; ``q`` or ``h`` returns to the list.
- ``split``: the list (``list_width`` columns) beside the story; the sidebar takes the
  list's place while it is used.
- ``wide``: list, story and sidebar.

No Textual here: the screen turns the answer into CSS classes.
"""

from __future__ import annotations

from typing import Final, Literal

# [ui] list_width's range, one home: the config's (re-exported for the panes).
from tui.core.config.load import LIST_MAX as LIST_MAX
from tui.core.config.load import LIST_MIN as LIST_MIN

Mode = Literal["stacked", "split", "wide"]

LIST, STORY, RELATED = "list-pane", "reader", "related"
PANES: Final = (LIST, STORY, RELATED)

STORY_MIN: Final = 64
"""Columns the reading pane needs beside another pane: ~60 characters a line."""
SIDEBAR: Final = 34
"""Columns the related-links sidebar takes beside the story."""
LIST_STEP: Final = 4
"""Columns a ``<`` or ``>`` takes off or adds."""


def mode_for(width: int, list_width: int) -> Mode:
    """The layout for a terminal ``width`` columns wide."""
    if width >= list_width + STORY_MIN + SIDEBAR:
        return "wide"
    if width >= list_width + STORY_MIN:
        return "split"
    return "stacked"


def panes_shown(mode: Mode, width: int, focused: str, side: str) -> set[str]:
    """The panes on screen when ``focused`` has the focus; ``side`` is the pane last used
    beside the story (the list or the sidebar)."""
    if mode == "wide":
        return {LIST, STORY, RELATED}
    if mode == "split":
        return {STORY, RELATED if side == RELATED else LIST}
    if focused == LIST:
        return {LIST}
    if width >= STORY_MIN + SIDEBAR:  # the story and its sidebar fit side by side
        return {STORY, RELATED}
    return {focused}
