"""Keeping the garbage collector out of the way of keys."""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Move what exists now out of the garbage collector's sight.

    Python's full collections scan every live object; with a long story typeset (tens of
    thousands of line objects) one took 40-90 ms here, and a key waited that long. Objects
    that live on (modules, widgets, a story's lines) are frozen; they are still freed by
    reference counting when dropped, as none of them form cycles.
    """
    gc.freeze()
