"""belga ends when its terminal is gone.

A dropped connection normally hangs the terminal up and SIGHUP ends belga. Without it
(no controlling terminal, ``nohup``, SIGHUP ignored), Textual's input thread reads
end-of-file from the dead terminal in a loop, for ever: a belga was found at 47 % CPU
50 minutes after its terminal closed. A thread here waits, without a timeout and so
without waking, for the terminal to say it hung up (``poll``'s POLLHUP or POLLERR: they
are reported whatever is asked), then has the app exit.
"""

from __future__ import annotations

import os
import select
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
