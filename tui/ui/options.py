"""What belga was asked to do: the command line and the config, for the app factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.core.config.limits import FetchSettings


@dataclass(frozen=True)
class Options:
    paths: tuple[str | Path, ...] = ()
    """Story files and folders (``belga PATH…``, ``--demo``)."""
    urls: tuple[str, ...] = ()
    """Stories asked for by URL."""
    settings: FetchSettings = field(default_factory=FetchSettings)
    store: Path | None = None
    """The SQLite store; ``None`` keeps nothing between runs."""
    offline: bool = False
    theme: str = ""
    keys: dict[str, str] = field(default_factory=dict, hash=False)
    measure: int = 100
    keep_days: int | None = 60
    keep_stories: int | None = 5000
    """The cache's bounds, applied after the first refresh of a session."""
    animations: bool = True
    images: str = "off"
    """``[ui] images``: "off", "on" (except over SSH) or "always"."""
    list_width: int = 72
    """``[ui] list_width``: the story list's columns beside the story."""
    mouse: bool = False
    demo: bool = False
    """``belga --demo``: the offline sample; nothing is fetched unless asked for."""
    reader: str = "ask"
    """``[net] reader``: links to other sites read here "ask" (once per site), "always",
    "never"."""
    allow_private: bool = False
    """``[net] allow_private``: outside pages may come from private and local addresses."""
    notes: tuple[str, ...] = ()
    """Warnings found before the app started (the config file), shown once it has."""

    @property
    def front_page(self) -> bool:
        """``belga`` with neither files nor URLs: the newsroom's latest stories."""
        return not self.paths and not self.urls
