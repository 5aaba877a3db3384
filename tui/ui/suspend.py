"""Whether Ctrl+Z can suspend belga: only when a shell with job control waits to bring it
back.

Textual's suspend stops the process with SIGSTOP. Started without a shell (``ssh -t host
belga``, a terminal's own command, a process manager), nothing is there to type ``fg``
into: the session froze until ``~.`` or a ``kill -CONT`` from another login. A shell with
job control runs each job in a process group of its own, within the shell's session; so
a shell can resume belga when, going up from belga through the processes of its own
process group, the first one outside it is in belga's session. A session leader, or a
group whose outside parent is in another session (sshd) or is gone (adopted by init), is
an orphaned process group: POSIX has the terminal's own stop signals ignored there, and
belga does the same.
"""

from __future__ import annotations

import os


def no_shell(quit_key: str) -> str:
    """What Ctrl+Z says where no shell can bring belga back; ``quit_key`` quits from
    where the focus is."""
    return (
        "Ctrl+Z: no shell to come back to (belga was started without one, as by "
        f"ssh host belga); {quit_key} quits."
    )


def _parent_of(pid: int) -> int | None:
    """The parent of another process, where the system says (Linux's /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def shell_can_resume() -> bool:
    """Whether a job-control shell can bring belga back after a stop. True where it
    cannot be told (it was always allowed before)."""
    try:
        session = os.getsid(0)
        group = os.getpgrp()
        if os.getpid() == session:
            return False
        parent: int | None = os.getppid()
        for _ in range(64):  # a chain of wrappers in belga's own group; never a loop
            if parent is None:
                return True
            if parent <= 1:
                return False  # adopted: whoever started belga is gone
            if os.getpgid(parent) != group:
                return os.getsid(parent) == session
            parent = _parent_of(parent)
    except OSError:
        return True
    return True
