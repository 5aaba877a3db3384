"""When the screen paints: a frame as soon as it is due, and a key's echo with its answer.

Textual paints a screen from a timer that ticks on a fixed 1/60 s grid; once it has
painted, it is resumed on the next-but-one step of that grid, so a paint that follows
another within a few milliseconds waited 17-33 ms (the filter's list after the typed
letter's echo; a story's sidebar after the story). :class:`PacedScreen` paints as soon
as something changed, unless it painted less than a frame (1/60 s) ago: then one frame
after that paint — the same limit of 60 frames a second, without the grid's wait.

A key's answer is not held back by that limit: once its binding has run, the frame
comes at once (:meth:`PacedScreen.key_answered`).

A key often changes the screen twice: at once (the typed letter echoed) and again when
an answer worked out in a thread comes back a few milliseconds later (the list that the
filter leaves). :class:`FrameHold` holds the paints (Textual's ``App.batch_update``,
public API) from the key until the answer is shown, or :data:`HOLD_SECONDS` pass,
whichever comes first: one frame for both, not two a frame apart. When the deadline
came first (the echo painted alone), the answer is painted as soon as it is shown, not
a frame after the echo.

Textual internals (Textual pinned <9), kept here: a screen's ``_update_timer`` (only
its ``resume`` and ``pause`` are used, by ``Screen._on_idle``, ``_on_timer_update`` and
``_refresh_layout``), and ``Screen._on_timer_update``, which paints. tests/test_frames.py
fails if they change.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AbstractContextManager, suppress
from typing import Any, Final

from textual import constants
from textual.app import App, ScreenStackError
from textual.screen import Screen

__all__ = ["HOLD_SECONDS", "FrameHold", "PacedScreen"]

FRAME_SECONDS: Final = 1 / constants.MAX_FPS
"""The shortest time between two paints (Textual's, ``TEXTUAL_FPS``: 60 a second)."""
HOLD_SECONDS: Final = 0.02
"""The longest an echo waits for the answer it is painted with."""


class _Pacer:
    """Stands for a screen's update timer: ticks when resumed, at most once a frame."""

    def __init__(self, screen: PacedScreen) -> None:
        self._screen = screen
        self._due: asyncio.TimerHandle | None = None
        self._painted = float("-inf")
        """When the screen last painted (not a tick held back by a batch update)."""
        self.ticks = 0

    def resume(self) -> None:
        if self._due is None:
            wait = self._painted + FRAME_SECONDS - time.monotonic()
            self._due = asyncio.get_running_loop().call_later(max(0.0, wait), self._tick)

    def pause(self) -> None:
        if self._due is not None:
            self._due.cancel()
            self._due = None

    def hurry(self) -> None:
        """The next paint comes as soon as something changed, even within a frame of
        the last (an answer whose echo could not wait for it any longer)."""
        self._painted = float("-inf")
        if self._due is not None:
            self.pause()
            # Resumed from the screen's own queue, as Textual resumes it (its context).
            self._screen.call_next(self.resume)

    def _tick(self) -> None:
        self._due = None
        self.ticks += 1
        screen = self._screen
        app = screen.app
        if screen.hold_for_key():
            return  # a key is read: what changed meanwhile is painted with its answer
        if not app._batch_count:
            self._painted = time.monotonic()
        try:
            screen._on_timer_update()
        except Exception as error:  # as Textual's timer does with its callback's
            app._handle_exception(error)


class PacedScreen(Screen[None]):
    """A screen painted as soon as something changed, at most once a frame."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pacer = _Pacer(self)

    @property
    def _update_timer(self) -> _Pacer:  # type: ignore[override]
        return self._pacer

    def _on_unmount(self) -> None:  # Textual calls each class's own handler: no super()
        self._pacer.pause()

    def hold_for_key(self) -> bool:
        """Whether the frame due now waits for the answer of a key just read (then the
        app holds the paints until it is answered: tui/ui/keys_first.py)."""
        hold = getattr(self.app, "hold_for_key", None)
        return bool(hold is not None and hold())

    def key_answered(self) -> None:
        """A key's binding has run: what it changed is painted as soon as it is ready,
        not a frame after the last paint. Keys typed or repeated faster than the frame
        rate (j held down) each waited up to 1/60 s for the grid meanwhile."""
        self._pacer.hurry()


class FrameHold:
    """Holds the app's paints from :meth:`hold` until :meth:`release` or the deadline."""

    def __init__(self, app: App[Any], seconds: float = HOLD_SECONDS) -> None:
        self._app = app
        self._seconds = seconds
        self._batch: AbstractContextManager[None] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._late = False
        """The deadline came first: the echo is painted, the answer is still awaited."""

    @property
    def holding(self) -> bool:
        return self._batch is not None

    def hold(self) -> None:
        """Paint nothing until :meth:`release`, at most ``seconds`` from the first hold
        (holding again meanwhile does not move the deadline: an echo is never later)."""
        if self._batch is not None:
            return
        batch = self._app.batch_update()
        batch.__enter__()
        self._batch = batch
        self._late = False
        self._deadline = asyncio.get_running_loop().call_later(self._seconds, self._expire)

    def _expire(self) -> None:
        self._deadline = None
        self._late = True
        self._paint()

    def release(self) -> None:
        """The answer is here: paint it with what was held back; or, when the deadline
        painted those already, paint it at once (not a frame after the echo)."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if self._late:
            self._late = False
            with suppress(ScreenStackError):
                timer = self._app.screen._update_timer
                if isinstance(timer, _Pacer):
                    timer.hurry()
        self._paint()

    def _paint(self) -> None:
        batch, self._batch = self._batch, None
        if batch is None:
            return
        batch.__exit__(None, None, None)
        with suppress(ScreenStackError):  # the app is closing: nothing to paint
            self._app.screen.check_idle()
