"""Reading local files that may be anything: only regular ones, and only so much.

A path given by the user, or found in a folder, can name a FIFO (opening it blocks until
a writer comes), a device (``/dev/zero`` behind a symlink claims size 0 and never ends)
or a socket, or a file that grows while it is read. :func:`read_bounded` reads none of
them, and stops at a limit counted in bytes read, not in the size a file claims.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.core.model.text import human_size

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["read_bounded"]

_CHUNK: Final = 1024 * 1024
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
"""Opening a FIFO for reading blocks until a writer comes, unless non-blocking."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "something else"


def read_bounded(path: Path, limit: int, what: str = "it") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`ValueError` naming the problem for anything else: a FIFO (opened
    without blocking, never read), a device (``/dev/zero`` behind a symlink claims
    size 0 and never ends), a socket, or a file that turns out larger than ``limit``
    whatever size it claimed. :class:`OSError` when it cannot be opened.
    """
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise ValueError(f"not a regular file but {_kind(mode)}")
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ValueError(f"too large for {what} (over {human_size(limit)})")
        return b"".join(chunks)
    finally:
        os.close(descriptor)
