"""Keeping the garbage collector out of the way of keys, without keeping garbage."""

from __future__ import annotations

import asyncio
import gc
import time

THRESHOLDS = (5000, 200, 50)
"""Young collections every 5,000 net allocations (not 700); the middle generation only
after 200 of those (~1 million allocations; Python's default is 10), a backstop: the
``Collector`` collects when the app is quiet instead, after ``YOUNG_DUE`` young
collections. Typesetting a 30,000-word story made up to five full collections of
100-140 ms each with Python's thresholds; with (5000, 20, 50), none, but a middle one
of 20-30 ms of CPU (55-125 ms on the loaded machine) while the keys waited, since the
typeset lines pile up in the middle generation; now none while a story is typeset."""

YOUNG_DUE = 20
"""Young collections after which the ``Collector`` collects at the next quiet moment
(~100,000 net allocations: as often as the middle generation was collected before)."""

QUIET_SECONDS = 0.2
"""How long the app has handled no message before the old generation is collected:
longer than the gaps between keys typed or repeated, so that a collection (15-35 ms of
CPU here, ~52,000 objects tracked) seldom meets a key; a reader's pause once a story
has painted is one."""


def freeze_start_up() -> None:
    """Move what start-up made (modules, classes, the app) out of the collector's sight.

    Full collections scan every object the collector sees; start-up leaves hundreds of
    thousands of objects that live as long as the app, and freezing them keeps each
    full collection short. This is done once: frozen objects are never collected, so
    freezing again after each typeset story (as belga once did) kept every story's
    garbage that forms cycles for good, and memory grew ~0.9 MB per story opened.
    """
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


class Collector:
    """Collects the old generation once the app has been quiet for a moment.

    With ``THRESHOLDS`` a full collection comes after ~5 million net allocations: none
    in 120 story opens in a real terminal. Yet each open leaves garbage in cycles that
    lives long enough to reach the old generation: the virtual nodes Textual makes to
    restyle a widget's component classes on every focus change (each with its styles,
    bindings, caches), and ``Strip`` objects whose caches hold themselves. It piled up
    (0.14 MB per open, 79 MB after 120 opens). Now, once ``YOUNG_DUE`` young collections
    have moved objects on (or a middle collection, the backstop, has), every generation
    is collected when the app has handled no message for ``QUIET_SECONDS`` (15-30 ms
    here: start-up is frozen).

    The wait is the event loop's own ``call_later``, not a Textual timer: a Textual
    timer's callback arrives as a message, which would count as activity itself.
    """

    def __init__(self) -> None:
        self._pending: asyncio.TimerHandle | None = None
        self._active = time.monotonic()
        self.collections = 0
        """Full collections made so far (tests read it)."""

    def idle(self) -> None:
        """The app has just handled a message (its ``on_idle``): not quiet yet."""
        self._active = time.monotonic()
        young, middle = gc.get_count()[1:]
        if self._pending is None and (young >= YOUNG_DUE or middle):
            self._pending = asyncio.get_running_loop().call_later(QUIET_SECONDS, self._collect)

    def _collect(self) -> None:
        waited = time.monotonic() - self._active
        if waited < QUIET_SECONDS:
            loop = asyncio.get_running_loop()
            self._pending = loop.call_later(QUIET_SECONDS - waited, self._collect)
            return
        self._pending = None
        gc.collect()
        self.collections += 1
