"""Keeping the garbage collector out of the way of keys, without keeping garbage."""

from __future__ import annotations

import gc

THRESHOLDS = (5000, 20, 50)
"""Young collections every 5,000 net allocations (not 700), the middle generation every
20 of those (not 10), the full collection after 50 of those (not 10). Typesetting a
30,000-word story made up to five full collections of 100-140 ms each, keys waiting
meanwhile; with these, none, and the longest collection took 9 ms (four such stories
opened headless). Memory stays flat all the same (tests/test_memory.py)."""


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
