"""Keeping the garbage collector out of the way of keys, without keeping garbage."""

from __future__ import annotations

import asyncio
import gc
import time

THRESHOLDS = (5000, 20, 50)
"""Young collections every 5,000 net allocations (not 700), the middle generation every
20 of those (not 10), the full collection after 50 of those (not 10). Typesetting a
30,000-word story made up to five full collections of 100-140 ms each, keys waiting
meanwhile; with these, none. The old generation is collected when the app is quiet
instead (``Collector``)."""

TYPESETTING = (5000, 200, 50)
"""While a story is typeset in slices (:func:`typesetting`): its lines pile up in the
middle generation, and a middle collection came while the keys waited (20-30 ms of CPU,
55-125 ms on the loaded machine, once per 30,000-word story). The middle generation
waits for 200 young collections instead (~1 million allocations, a backstop); once the
story is set (:func:`typeset`), ``YOUNG_DUE`` more, or the ``Collector``'s collection at
the next quiet moment, which sets ``THRESHOLDS`` again."""

YOUNG_DUE = 20
"""Young collections after which the ``Collector`` collects at the next quiet moment
while the thresholds are raised, and after which a story set has its middle collection
(as often as the middle generation is collected otherwise)."""

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


def typesetting() -> None:
    """A long story (not built on the event loop) is being typeset in slices: no middle
    collection meanwhile (a short one is set in a few ms)."""
    gc.set_threshold(*TYPESETTING)


def typeset() -> None:
    """The typesetting in slices ended: the middle generation is collected again, after
    ``YOUNG_DUE`` more young collections (not at once: the keys may be coming), or by
    the ``Collector`` if the app is quiet first (it then sets ``THRESHOLDS`` again)."""
    young = gc.get_count()[1]
    first, middle, old = THRESHOLDS
    gc.set_threshold(first, max(middle, min(young + YOUNG_DUE, TYPESETTING[1])), old)


class Collector:
    """Collects the old generation once the app has been quiet for a moment.

    With ``THRESHOLDS`` a full collection comes after ~5 million net allocations: none
    in 120 story opens in a real terminal. Yet each open leaves garbage in cycles that
    lives long enough to reach the old generation: the virtual nodes Textual makes to
    restyle a widget's component classes on every focus change (each with its styles,
    bindings, caches), and ``Strip`` objects whose caches hold themselves. It piled up
    (0.14 MB per open, 79 MB after 120 opens). Now, once a middle collection has moved
    objects into the old generation (or, while ``TYPESETTING`` holds, once it has held or
    ``YOUNG_DUE`` young collections came), every generation is collected when the app
    has handled no message for ``QUIET_SECONDS`` (15-30 ms here: start-up is frozen).

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
        held = gc.get_threshold() != THRESHOLDS  # a story was typeset since
        if self._pending is None and (young >= YOUNG_DUE or middle or held):
            self._pending = asyncio.get_running_loop().call_later(QUIET_SECONDS, self._collect)

    def _collect(self) -> None:
        waited = time.monotonic() - self._active
        if waited < QUIET_SECONDS:
            loop = asyncio.get_running_loop()
            self._pending = loop.call_later(QUIET_SECONDS - waited, self._collect)
            return
        self._pending = None
        gc.collect()
        gc.set_threshold(*THRESHOLDS)
        self.collections += 1
