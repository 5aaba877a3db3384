"""The installed belga in a real terminal, against a hostile newsroom on 127.0.0.1.

A feed of 40,000 items used to be parsed on the event loop: 6.6 s during which no key
was read, ``q`` included. Now it is parsed in a thread, and ``q`` ends belga at once
while it is; the thread does not hold the exit up.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.feed_server import rss_feed
from tests.hostile_server import HostileServer
from tests.terminal import Terminal, installed_command

pytestmark = pytest.mark.timeout(60)
ITEMS = 15_000


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer(copies=2) as newsroom:
        docs = newsroom.documents()
        many = [
            {**docs[index % len(docs)], "url": f"{newsroom.url}/story-{index}"}
            for index in range(ITEMS)
        ]
        newsroom.serve("/feed", rss_feed(many), "application/rss+xml")
        yield newsroom


def test_q_quits_at_once_while_a_large_feed_is_parsed(server: HostileServer) -> None:
    with Terminal([installed_command(), "--newsroom", server.url], 100, 30) as term:
        term.wait_for("refreshing")
        server.wait_finished("/feed", timeout=20)
        time.sleep(0.3)  # the answer read, the parse under way (it takes seconds)
        started = time.monotonic()
        term.send("q")
        assert term.wait_exit(timeout=10) == 0
        waited = time.monotonic() - started
    assert waited < 2.0, f"q took {waited:.1f} s"  # on the loop it waited for the parse
