"""How far a fetch has come: what the client reports to whoever waits for a story.

Its own small module, so that the UI can follow fetches without importing the client
(and httpx) before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum


class Stage(Enum):
    """How far a caller's fetch has come: the client reports each through ``progress``."""

    QUEUED = "queued"
    """Asked for; waiting for one of the ``max_in_flight`` slots."""
    STARTED = "started"
    """A request for it is on its way."""
    DONE = "done"
    """Fetched, failed or given up (the caller's await says which)."""


Progress = Callable[[Stage], None]
