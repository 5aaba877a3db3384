"""belga ends when its terminal is gone, or when it is told to end.

A dropped connection normally hangs the terminal up and SIGHUP ends belga. Without it
(no controlling terminal, ``nohup``, SIGHUP ignored), Textual's input thread reads
end-of-file from the dead terminal in a loop, for ever: a belga was found at 47 % CPU
50 minutes after its terminal closed. A thread here waits, without a timeout and so
without waking, for the terminal to say it hung up (``poll``'s POLLHUP or POLLERR: they
are reported whatever is asked), then has the app exit.

``kill PID`` (SIGTERM: an admin, ``timeout``, a session manager) or ``kill -HUP`` ended
belga where it stood, by the signals' default action: the alternate screen left on and
the cursor hidden, the shell writing over the old frame until ``reset``. They now have
the app leave as ``Q`` does (:func:`end_on_signals`); a second one ends it at once.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import threading
from collections.abc import Callable
from contextlib import suppress

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def watch_hangup(fd: int, on_hangup: Callable[[], None]) -> None:
    """Call ``on_hangup`` (from a daemon thread) once the terminal on ``fd`` hangs up;
    nothing where ``fd`` is no terminal (a pipe's end also reads as a hangup)."""
    if not os.isatty(fd) or not hasattr(select, "poll"):
        return

    def wait() -> None:
        poller = select.poll()
        poller.register(fd, 0)  # no event asked: only POLLHUP, POLLERR, POLLNVAL come
        while True:
            try:
                events = poller.poll()
            except InterruptedError:
                continue
            except OSError:
                return
            if any(mask & _GONE for _, mask in events):
                with suppress(RuntimeError):  # the app has ended meanwhile
                    on_hangup()
                return

    threading.Thread(target=wait, name="belga-hangup", daemon=True).start()


ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def end_on_signals(
    loop: asyncio.AbstractEventLoop, on_signal: Callable[[int], None]
) -> Callable[[], None]:
    """Call ``on_signal(signum)`` in ``loop`` on SIGTERM or SIGHUP (call from the main
    thread, the loop's; tui/ui/wake.py wakes the loop whichever thread takes the
    signal); returns what puts the previous handlers back. A signal that was ignored
    when belga started (``nohup``) stays ignored."""
    previous: dict[int, object] = {}

    def handle(signum: int, _frame: object) -> None:
        signal.signal(signum, signal.SIG_DFL)  # a second one ends belga at once
        loop.call_soon_threadsafe(on_signal, signum)

    for signum in ENDING_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_IGN:
            continue
        try:
            previous[signum] = signal.signal(signum, handle)
        except ValueError:  # not the main thread
            break

    def undo() -> None:
        for signum, handler in previous.items():
            with suppress(ValueError, TypeError):
                signal.signal(signum, handler)  # type: ignore[arg-type]

    return undo
