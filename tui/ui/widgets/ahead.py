"""A story typeset before it is shown, while the reader rests on it in the list.

The screen works out the size the reading pane will have once the story is opened
(from the layout rules, even before the pane was ever shown); a story set at that width
ahead of Enter is shown without typesetting (its lines, its scrollbar final in the first
frame). It is used only if nothing it was set with changed meanwhile (the width, the
theme's styles, hyperlinks), else the story is set as usual. Set in slices of a few ms
on the event loop; a newer story ahead ends the older one's typesetting.
"""

from __future__ import annotations

from typing import Final

from rich.console import Console
from rich.style import Style

from tui.core.render.render import PreparedStory
from tui.ui.documents import small
from tui.ui.keys_first import NO_KEYS, KeysFirst, give_way, run_slice
from tui.ui.memory import typeset, typesetting
from tui.ui.typeset import Galley, Hyperlinks

SLICE_SECONDS: Final = 0.004
"""How long one slice may hold the event loop (as the reading pane's own slices)."""


class Ahead:
    """``prepared`` being set at ``width`` with ``styles`` and ``links``."""

    def __init__(
        self,
        prepared: PreparedStory,
        width: int,
        styles: dict[str, Style],
        links: Hyperlinks,
    ) -> None:
        self.prepared, self.styles = prepared, styles
        self.galley = Galley(prepared.header(), prepared.chunks())
        self.galley.restart(width, styles, links)
        self.dropped = False

    @classmethod
    def of(cls, galley: Galley, prepared: PreparedStory, styles: dict[str, Style]) -> Ahead:
        """The lines ``galley`` holds of ``prepared``, set with ``styles``."""
        ahead = cls.__new__(cls)
        ahead.prepared, ahead.styles, ahead.galley, ahead.dropped = prepared, styles, galley, False
        return ahead

    def fits(self, prepared: PreparedStory, width: int, styles: dict[str, Style]) -> bool:
        """Whether these lines are what showing ``prepared`` now would set."""
        return (
            not self.dropped
            and prepared is self.prepared
            and width == self.galley.width
            and styles == self.styles
        )

    async def run(self, console: Console, keys: KeysFirst = NO_KEYS) -> None:
        """Typeset to the end in slices, unless dropped (taken or superseded); a slice
        ends early, and the next waits, while a key is being answered (keys_first.py)."""
        galley = self.galley
        long = not small(self.prepared.story)
        try:
            while not self.dropped:
                if long:  # no middle collection meanwhile (tui/ui/memory.py)
                    typesetting()
                if not run_slice(lambda: galley.set_next(console) is not None, keys, SLICE_SECONDS):
                    return
                await give_way(keys)
        finally:
            if long:
                typeset()
