"""Stories built before they are asked for, kept for a moment (a few, bounded).

Opening a story waits for its document to be built (a 2,000-word body takes a few ms,
more while the machine is busy). The reader screen builds the story under the list's
cursor while the reader rests on it, and keeps the documents of the stories last
shown (``H`` goes back to one), so that Enter paints the story in the same frame.

A kept document is given back only for the very same story: a story that changed (a
newer version fetched, another file read) is built again. Only complete documents are
kept (a long body built as it is read is never shared), and only the last
:data:`KEPT` of them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Final

from tui.core.model.story import Story
from tui.core.render.render import PreparedStory

KEPT: Final = 4
"""How many documents are kept: the one under the cursor and the last ones shown."""
ON_THE_LOOP: Final = 24_000
"""A body up to this size (characters of HTML; 2,000 words are ~17,000) is built on the
event loop, a few ms: a thread would cost more in hand-overs than it saves. A longer
one is built in a thread, so that the keys keep answering."""


def small(story: Story) -> bool:
    """Whether ``story`` is built quickly enough to build on the event loop."""
    return len(story.body_html) <= ON_THE_LOOP


class Documents:
    """The last few complete documents, by story key; least recently used goes first."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._kept: OrderedDict[str, PreparedStory] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, story: Story) -> PreparedStory | None:
        """The document of ``story`` if one is kept for this very story, else None."""
        prepared = self._kept.get(story.key)
        if prepared is None:
            return None
        if prepared.story is not story and prepared.story != story:
            del self._kept[story.key]  # the story changed: its old document is of no use
            return None
        self._kept.move_to_end(story.key)
        return prepared

    def keep(self, prepared: PreparedStory) -> None:
        """Keep ``prepared`` if it is complete and no note (the oldest kept goes)."""
        if not prepared.complete or prepared.note:
            return
        key = prepared.story.key
        self._kept[key] = prepared
        self._kept.move_to_end(key)
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)
