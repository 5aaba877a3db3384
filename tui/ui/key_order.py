"""Keys that arrive together are taken in order, each by the pane the key before it led to.

Over SSH the keys typed during a stall arrive in one read, and so does a pasted
``/word``. Textual's app hands each key to the widget focused *when the app reads it*,
into that widget's own queue; a key that moves the focus (``/`` to the filter, Enter to
the story) does so only once its widget has handled it and the action has run, and by
then the app has handed the keys after it to the pane left behind: ``/canal`` left the
filter empty while ``n`` and ``m`` moved and marked the list.

So the app sends a key on only when the one before it has been dealt with: after each
key it sends a :class:`KeyDone` along the same way (the focused widget, then up the DOM
to the app, as the key bubbles), which reaches the app after the key's own bindings and
action have run there. The keys read meanwhile wait, in order; a focus change the action
asked for (``Widget.focus`` goes through ``call_later``) is made before the next key is
sent. When the key opened a screen, a second ``KeyDone`` goes through that screen, so
that it has taken its focus first. Priority keys (Ctrl+C, Ctrl+Z, Ctrl+L) never wait.
A key whose ``KeyDone`` does not come back (its widget went away) holds the others back
for :data:`STUCK` seconds at most.

Textual internals relied on, here only (tests/test_typed_together.py): the app forwards
a key with ``_forward_event``, which marks it ``is_forwarded``; ``App._check_bindings``
runs a priority binding.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final

from textual import events
from textual.message import Message
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen

STUCK: Final = 0.5
"""Seconds a key may hold the next ones back, when its way back is lost."""

Typed = events.Key | events.Paste


class KeyDone(Message):
    """Follows a key along its way; the app takes the next key when this reaches it."""

    def __init__(self, screen: Screen[Any] | None) -> None:
        super().__init__()
        self.screen = screen
        """The screen the key was sent on (None for the second lap, on a new screen)."""


class KeyOrder:
    """The app's keys, one at a time: what waits, and whether a key is on its way."""

    def __init__(self, app: App[Any], send: Callable[[Typed], Awaitable[None]]) -> None:
        """``send``: the app's own way with a key just read (Textual's)."""
        self._app = app
        self._send = send
        self._waiting: deque[Typed] = deque()
        self._sent_at: float | None = None  # a key is on its way since (monotonic)
        self._timer: Timer | None = None

    @property
    def busy(self) -> bool:
        return self._sent_at is not None or bool(self._waiting)

    @property
    def waiting(self) -> bool:
        """Whether keys read are waiting their turn."""
        return bool(self._waiting)

    async def arrived(self, event: Typed) -> bool:
        """Whether ``event``, just read, must wait (then it is kept, in order). A priority
        key is run at once."""
        if not self.busy:
            return False
        if self._sent_at is not None and time.monotonic() - self._sent_at > STUCK:
            await self._stuck()
            if not self.busy:
                return False
        if isinstance(event, events.Key) and await self._app._check_bindings(
            event.key, priority=True
        ):
            return True  # Ctrl+C, Ctrl+Z, Ctrl+L: at once, never behind other keys
        self._waiting.append(event)
        if self._timer is None:
            self._timer = self._app.set_timer(STUCK, self._stuck, name="keys stuck")
        return True

    def sent(self, target: MessagePump, screen: Screen[Any]) -> None:
        """``target`` was handed a key: the next one waits until its way is done."""
        if target.post_message(KeyDone(screen)):
            self._sent_at = time.monotonic()

    async def done(self, message: KeyDone) -> None:
        """A key's :class:`KeyDone` reached the app: its bindings and action have run."""
        message.stop()
        screen = self._app.screen
        moved = message.screen is not None and screen is not message.screen
        if moved and screen.post_message(KeyDone(None)):
            return  # the key opened or closed a screen: let it take its focus first
        self._app.call_later(self._next)

    async def _next(self) -> None:
        """Send the keys that waited, until one of them is on its way."""
        self._sent_at = None
        while self._waiting and self._sent_at is None:
            await self._send(self._waiting.popleft())
        if not self._waiting and self._timer is not None:
            self._timer.stop()
            self._timer = None

    async def _stuck(self) -> None:
        """A key's way back was lost (its widget went away): send the next keys."""
        self._timer = None
        if self._sent_at is not None and time.monotonic() - self._sent_at >= STUCK:
            await self._next()
        elif self._waiting:
            self._timer = self._app.set_timer(STUCK, self._stuck, name="keys stuck")
