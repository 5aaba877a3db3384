"""What belga was asked to do: the command line and the config, for the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core.config.limits import DEMO_OFFLINE, FetchSettings
from tui.core.config.load import Config, NetConfig, StoreConfig, UIConfig
from tui.core.model.record import field, field_names, record, replace


@record(frozen=True)
class Options:
    paths: tuple[str | Path, ...] = ()
    """Story files and folders (``belga PATH…``, ``--demo``)."""
    urls: tuple[str, ...] = ()
    """Stories asked for by URL."""
    settings: FetchSettings = field(default_factory=FetchSettings)
    """The client's limits: the config's, or a test's own."""
    store: Path | None = None
    """The SQLite store; ``None`` keeps nothing between runs."""
    offline: bool = False
    demo: bool = False
    """``belga --demo``: the offline sample; every request is refused (``settings.refuse``)."""
    config: Config = field(default_factory=Config)
    """The config file's ``[ui]``, ``[store]``, ``[net]`` and ``[keys]`` (their defaults
    live there)."""
    notes: tuple[str, ...] = ()
    """Warnings found before the app started (the config file), shown once it has."""

    def __post_init__(self) -> None:
        if self.demo and not self.settings.refuse:  # the demo never reaches the network
            object.__setattr__(self, "settings", replace(self.settings, refuse=DEMO_OFFLINE))

    @property
    def front_page(self) -> bool:
        """``belga`` with neither files nor URLs: the newsroom's latest stories."""
        return not self.paths and not self.urls


_UI = frozenset(field_names(UIConfig))
_STORE = frozenset(field_names(StoreConfig))
_NET = frozenset(field_names(NetConfig))


def with_config(options: Options, **values: Any) -> Options:
    """``options`` with config values named as in the file (``theme=``, ``measure=``,
    ``keep_days=``, ``reader=``, ``keys=``…) and options (``offline=``…) changed: for
    the factory."""
    config = options.config
    ui = {name: values.pop(name) for name in _UI & values.keys()}
    kept = {name: values.pop(name) for name in _STORE & values.keys()}
    net = {name: values.pop(name) for name in _NET & values.keys()}
    config = replace(
        config,
        ui=replace(config.ui, **ui),
        store=replace(config.store, **kept),
        net=replace(config.net, **net),
    )
    if "keys" in values:
        config = replace(config, keys=dict(values.pop("keys")))
    return replace(options, config=config, **values)
