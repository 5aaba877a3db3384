"""Run a command in a real pseudo-terminal and read its screen with pyte.

Used by the end-to-end tests and by the benchmark script: it sees what a person at a
terminal would see, and counts the bytes the program writes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pyte


def installed_command(name: str = "belga") -> str:
    """The console script installed beside this Python (the venv's ``bin``)."""
    candidate = Path(sys.executable).parent / name
    if not candidate.exists():
        raise FileNotFoundError(f"{candidate} is not installed: pip install -e .")
    return str(candidate)


class Terminal:
    """A program in a pseudo-terminal of ``columns`` × ``lines``."""

    def __init__(
        self,
        argv: Sequence[str],
        columns: int = 120,
        lines: int = 40,
        env: dict[str, str] | None = None,
        job: bool = False,
    ) -> None:
        """``job``: run as a shell runs a job, in a process group of its own within this
        session, so that Ctrl+Z can stop it (a shell is there for ``fg``); by default in a
        session of its own, as ``ssh -t host belga`` starts it (no shell to come back to)."""
        self.columns, self.lines = columns, lines
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.received = bytearray()
        self._unparsed = bytearray()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        environment.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=not job,
            process_group=0 if job else None,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.started = time.perf_counter()

    def read(self, timeout: float = 0.05) -> int:
        """Read what the program wrote within ``timeout``; the number of bytes."""
        self.catch_up()
        total = 0
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            ready, _, _ = select.select([self.master], [], [], max(0.0, remaining))
            if not ready:
                return total
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return total
            if not data:
                return total
            total += len(data)
            self.received += data
            self.stream.feed(data)

    def text(self) -> str:
        self.catch_up()
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Wait until ``needle`` is on screen; seconds since start. Raises on timeout."""
        deadline = time.perf_counter() + timeout
        while needle not in self.text():
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise TimeoutError(f"{needle!r} not on screen:\n{self.text()}")
            self.read(0.05)
        return time.perf_counter() - self.started

    def wait_gone(self, needle: str, timeout: float = 20.0) -> float:
        """Wait until ``needle`` is no longer on screen; seconds since start. Raises on
        timeout."""
        deadline = time.perf_counter() + timeout
        while needle in self.text():
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise TimeoutError(f"{needle!r} still on screen:\n{self.text()}")
            self.read(0.05)
        return time.perf_counter() - self.started

    def wait_for_bytes(self, needle: bytes, since: int = 0, timeout: float = 20.0) -> float:
        """Wait until ``needle`` arrives in the output after offset ``since``.

        Faster and more exact than :meth:`wait_for` for timing: it does not wait for the
        emulator to parse the screen. Returns the ``perf_counter`` time of arrival.
        """
        deadline = time.perf_counter() + timeout
        while needle not in self.received[since:]:
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise TimeoutError(f"{needle!r} never arrived")
            self.read_raw(0.05)
        return time.perf_counter()

    def read_raw(self, timeout: float) -> int:
        """Read without feeding the emulator (call :meth:`catch_up` before looking)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return 0
        self.received += data
        self._unparsed += data
        return len(data)

    def catch_up(self) -> None:
        """Feed the emulator what :meth:`read_raw` read."""
        if self._unparsed:
            self.stream.feed(bytes(self._unparsed))
            self._unparsed.clear()

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> int:
        """Read until the program has been quiet for ``quiet`` seconds; bytes read."""
        total = 0
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            count = self.read(quiet)
            total += count
            if not count:
                break
        return total

    def send(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def wait_exit(self, timeout: float = 10.0) -> int:
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        self.read(0.05)
        if self.process.poll() is None:
            raise TimeoutError("the program did not exit")
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
