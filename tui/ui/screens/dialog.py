"""The keys that work on every screen, and the base of belga's dialogs.

Textual gives a modal screen (help, a question, a link to another site) none of the
app's keys but those with ``priority``: ``Q`` and Ctrl+Z did nothing over help. A
priority binding is no answer either: it would be taken before the filter's and the
search's inputs, where ``Q`` is a letter typed. So the app binds these keys (app.py) and
every dialog binds them again, to the app's actions, with the same ids (a key the user
remaps in ``[keys]`` is remapped on every screen). Ctrl+C and Ctrl+Z, never typed as
text, have priority: they also work in the boxes where letters are typed (the reading
pane's search, the command palette, which is Textual's and no Dialog).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, Final, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

AT_ONCE: Final[list[Binding]] = [
    Binding("Q", "quit", "Quit now", show=False, id="app.quit_now"),
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.interrupt"),
    Binding(
        "ctrl+z",
        "suspend_process",
        "Suspend to the shell (fg resumes)",
        show=False,
        priority=True,  # before any box letters are typed in: no letter, never typed
        id="app.suspend",
    ),
    Binding(
        "ctrl+l",
        "redraw",
        "Redraw the screen",
        show=False,
        priority=True,  # never typed as text
        id="app.redraw",
    ),
]
"""The app's keys that the README promises everywhere: quit at once, suspend, redraw."""

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal screen that keeps the keys of :data:`AT_ONCE` (Textual merges a
    subclass's ``BINDINGS`` with these)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        replace(binding, action=f"app.{binding.action}") for binding in AT_ONCE
    ]
