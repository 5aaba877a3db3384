"""Every signal wakes the event loop, whichever thread the kernel hands it to.

Textual handles SIGCONT (``fg``), SIGTSTP and SIGWINCH with ``signal.signal``: the C
handler only marks the signal, and the Python handler runs when the main thread next runs
Python code. The kernel may hand a signal sent to the process to any thread that does not
block it (belga has worker threads): then the main thread, asleep in the event loop's
``epoll_wait``, is not interrupted, and nothing runs the handler until something else
wakes the loop. After Ctrl+Z and ``fg`` the app then stayed away: the shell's screen,
keys echoed, the process waiting in epoll, until a second Ctrl+Z woke it (5 of ~100
tries in tmux; deterministic when SIGCONT is sent to a worker thread, see
tests/test_terminal_citizen.py). ``signal.set_wakeup_fd`` makes every such signal write
a byte to a socket the loop watches, from whichever thread takes it.
"""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable


def wake_on_signals(loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """Have every signal wake ``loop`` (call from the main thread, the loop's); returns
    what undoes it. Nothing is done where a wakeup descriptor is already set (asyncio's
    own ``add_signal_handler`` sets one) or where it cannot be set."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread
        reader.close()
        writer.close()
        return lambda: None
    if previous != -1:  # someone wakes the loop already: leave theirs
        signal.set_wakeup_fd(previous)
        reader.close()
        writer.close()
        return lambda: None

    def drain() -> None:
        # Waking the main thread is the point: the signal's Python handler runs next.
        try:
            while reader.recv(4096):
                pass
        except OSError:  # BlockingIOError: drained
            pass

    loop.add_reader(reader.fileno(), drain)

    def undo() -> None:
        current = signal.set_wakeup_fd(-1)
        if current != writer.fileno():
            signal.set_wakeup_fd(current)  # not ours any more: left as it is
        loop.remove_reader(reader.fileno())
        reader.close()
        writer.close()

    return undo
