"""selectolax and html2text imported without what they import and ``belga --dump`` never
uses (issue 13: its start-up is mostly imports).

- ``selectolax.lexbor`` runs ``import logging`` and ``logging.getLogger("selectolax")``
  when it is imported, and uses that logger for one thing: to say that a removed node was
  unwrapped (which belga never does). logging, with what it imports (traceback, tokenize,
  linecache, threading, weakref), was a tenth of the instructions of ``belga --dump`` of a
  story (20 M of 250 M, callgrind).
- ``html2text`` imports ``typing`` for its annotations alone, ``textwrap`` for
  ``HTML2Text.optwrap``, ``string`` for two constants read by ``handle_data`` (belga
  writes its own), and ``html.parser`` for its base class, whose parsing belga never uses:
  it calls html2text's handlers itself (:mod:`tui.core.render.inline`). The four were 28 M
  of the 190 M instructions of ``--dump`` of a story (callgrind).

While the package is imported, each of those modules is a stand-in: it has what the
package reads from it at import time, and anything else asked of it comes from the real
module, imported then (a logger that imports logging when it is first used, ``wrap`` that
imports textwrap when it is called, the real parser's methods the first time html2text is
fed text to parse, …). The stand-ins leave ``sys.modules`` as soon as the import is done,
so every later ``import logging`` (``typing``, …) gets the real module; a module already
imported is used as it is.

Only the command line's ``--dump`` of a file calls these, before anything else is imported
and while the process has one thread: no other import can meet a stand-in. (The app never
needs them: Textual imports all of these anyway.) Relies on what selectolax and html2text
read at import time; tests/test_cli_imports.py and tests/test_lean.py fail if it changes.
"""

from __future__ import annotations

import sys
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from typing import Any


def import_selectolax() -> None:
    """Import ``selectolax.lexbor`` now, without importing logging."""
    _import_with("selectolax.lexbor", [_Logging("logging")])


def import_html2text() -> None:
    """Import ``html2text`` now, without importing typing, textwrap, string or
    html.parser."""
    _import_with(
        "html2text",
        [_Typing("typing"), _Textwrap("textwrap"), _String("string"), _Parser("html.parser")],
    )


def _import_with(target: str, stand_ins: list[_StandIn]) -> None:
    """Import ``target`` with ``stand_ins`` in place of the modules they are named after
    (those not imported yet); a no-op if ``target`` is imported."""
    if target in sys.modules:
        return
    placed = [module for module in stand_ins if module.__name__ not in sys.modules]
    for module in placed:
        module.place()
    try:
        __import__(target)
    finally:
        for module in placed:
            module.remove()


class _StandIn(ModuleType):
    """A module while another is imported: its own attributes, else the real module's."""

    def place(self) -> None:
        sys.modules[self.__name__] = self

    def remove(self) -> None:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # (the import machinery's questions)
            raise AttributeError(attribute)
        return getattr(_real(self.__name__), attribute)


def _real(name: str) -> ModuleType:
    """The real module ``name``, imported now if it is not yet."""
    module = sys.modules.get(name)
    if isinstance(module, _StandIn):
        module.remove()
    elif module is not None:
        return module
    __import__(name)
    return sys.modules[name]


class _Logging(_StandIn):
    """``logging`` while selectolax is imported."""

    def getLogger(self, name: str | None = None) -> Any:  # (logging's name)
        return _Logger(name)


class _Logger:
    """``logging.getLogger(name)``, looked up when first used."""

    def __init__(self, name: str | None) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.real, attribute)

    @property
    def real(self) -> logging.Logger:
        return _real("logging").getLogger(self._name)  # type: ignore[no-any-return]


class _Annotation:
    """``Dict``, ``Optional[int]``…: what html2text writes in annotations, never read."""

    def __getitem__(self, _: object) -> _Annotation:
        return self


class _Typing(_StandIn):
    """``typing`` while html2text is imported: the names of its annotations."""

    Dict = List = Optional = Tuple = Union = _Annotation()


def _wrap(*args: Any, **options: Any) -> Any:
    """``textwrap.wrap``, imported when called (html2text wraps only with a body width)."""
    return _real("textwrap").wrap(*args, **options)


class _Textwrap(_StandIn):
    wrap = staticmethod(_wrap)


class _String(_StandIn):
    """``string`` while html2text is imported: its constants are constants."""

    whitespace = " \t\n\r\v\f"
    punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""


class _Parser(_StandIn):
    """``html.parser`` while html2text is imported: its base class (:class:`_HTMLParser`)."""

    def place(self) -> None:
        import html  # (the package html2text reads ``html.parser`` from: it needs it anyway)

        super().place()
        html.parser = self  # type: ignore[attr-defined]

    def remove(self) -> None:
        super().remove()
        import html

        if vars(html).get("parser") is self:
            del html.parser  # type: ignore[attr-defined]


class _HTMLParser:
    """``html.parser.HTMLParser`` as html2text's base class, made without the parser.

    belga never feeds html2text text to parse: it calls the handlers (``handle_tag``,
    ``o``…) and ``finish``, whose ``close`` has then nothing to parse. Text fed (or a
    reset asked for) makes this class the real parser: every method and class attribute
    of the real one copied onto it. (No ``__getattr__`` here: a class that has one gets
    no specialised attribute access, and html2text's handlers read ``self.…`` all the
    time: 16 M more instructions for 31,000 words.)"""

    def __init__(self, *, convert_charrefs: bool = True) -> None:
        self.convert_charrefs = convert_charrefs
        self.rawdata = ""  # nothing fed: close() has nothing to do

    def reset(self) -> None:
        _become_real()
        _HTMLParser.reset(self)

    def feed(self, data: str) -> None:
        _become_real()
        _HTMLParser.reset(self)  # (this object was made without it)
        _HTMLParser.feed(self, data)

    def close(self) -> None:
        pass


def _become_real() -> None:
    """Make :class:`_HTMLParser` the real ``html.parser.HTMLParser``."""
    real = _real("html.parser").HTMLParser
    for base in reversed(real.__mro__[:-1]):  # ParserBase, then HTMLParser over it
        for name, value in vars(base).items():
            if name not in ("__dict__", "__weakref__", "__module__", "__qualname__"):
                setattr(_HTMLParser, name, value)


_Parser.HTMLParser = _HTMLParser  # type: ignore[attr-defined]
