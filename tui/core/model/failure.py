"""What the UI is told when something from outside could not be had."""

from __future__ import annotations


class Unavailable(Exception):
    """Something from outside (a story, a picture) could not be had; ``reason`` says why
    in a few words, for a status line or a sidebar entry. The network's errors are of
    this kind, so that widgets can say them without knowing the network."""

    reason: str = ""
