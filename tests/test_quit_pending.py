"""Q and Ctrl+C end belga at once, whatever is still under way in a thread (tester
report 3, item 9): with a name lookup pending (a slow resolver), the screen was restored
but the process waited for the lookup to end (18-20 s, a dead session over SSH), and a
second Ctrl+C printed a traceback: asyncio.run waits for its executor's threads."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.terminal import Terminal

pytestmark = pytest.mark.timeout(90)

SLOW_RESOLVER = """
import socket, sys, time
_lookup = socket.getaddrinfo
def slow(*args, **kwargs):
    time.sleep(40)  # a resolver that does not answer
    return _lookup(*args, **kwargs)
socket.getaddrinfo = slow
from tui.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("key", ["Q", "\x03"])
def test_quit_does_not_wait_for_a_name_lookup(tmp_path: Path, key: str) -> None:
    wrapper = tmp_path / "slow_resolver.py"
    wrapper.write_text(SLOW_RESOLVER)
    argv = [sys.executable, str(wrapper), "--newsroom", "http://belga-test.localhost:9"]
    with Terminal(argv, 80, 24) as term:
        term.wait_for("Stories")
        time.sleep(1)  # the front page's fetch is waiting for its name lookup
        term.send(key)
        started = time.monotonic()
        status = term.wait_exit(timeout=30)
        took = time.monotonic() - started
    assert took < 10, f"belga took {took:.1f} s to end"  # it waited the lookup's 40 s
    assert status == 0
    assert "Traceback" not in term.text()
