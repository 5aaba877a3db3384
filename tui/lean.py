"""selectolax's parser imported without the logging package, for ``belga --dump``.

``selectolax.lexbor`` runs ``import logging`` and ``logging.getLogger("selectolax")`` when
it is imported, and uses that logger for one thing: to say that a removed node was
unwrapped (which belga never does). logging, with what it imports (traceback, tokenize,
linecache, threading, weakref), was a tenth of the instructions of ``belga --dump`` of a
story (issue 13: 20 M of 250 M, callgrind).

While selectolax is imported, ``logging`` is a stand-in: its ``getLogger`` hands back a
logger that imports the real package the first time it is used, and anything else asked
of the stand-in comes from the real package. The stand-in leaves ``sys.modules`` as soon
as the import is done, so every later ``import logging`` gets the real one.

Only the command line's ``--dump`` of a file calls this, before anything else is
imported and while the process has one thread: no other import can meet the stand-in.
(The app never needs it: asyncio imports logging anyway.) Relies on selectolax importing
logging at import time only; tests/test_cli_imports.py fails if it changes.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging


def import_selectolax() -> None:
    """Import ``selectolax.lexbor`` now, without importing logging (a no-op if either is
    already imported)."""
    if "logging" in sys.modules or "selectolax.lexbor" in sys.modules:
        return
    stand_in = _Logging("logging")
    sys.modules["logging"] = stand_in
    try:
        import selectolax.lexbor  # noqa: F401
    finally:
        if sys.modules.get("logging") is stand_in:
            del sys.modules["logging"]


def _real_logging() -> ModuleType:
    if isinstance(sys.modules.get("logging"), _Logging):
        del sys.modules["logging"]
    import logging

    return logging


class _Logging(ModuleType):
    """``logging`` while selectolax is imported."""

    def getLogger(self, name: str | None = None) -> Any:  # (logging's name)
        return _Logger(name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(_real_logging(), attribute)


class _Logger:
    """``logging.getLogger(name)``, looked up when first used."""

    def __init__(self, name: str | None) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.real, attribute)

    @property
    def real(self) -> logging.Logger:
        return _real_logging().getLogger(self._name)  # type: ignore[no-any-return]
