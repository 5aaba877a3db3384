"""When a request counts as on its way (the UI paints after that: tui/ui/sent_first.py):
once its bytes are written, or once a connection being made for it has taken
CONNECT_GRACE; a connection made at once is not the network's wait (the UI painted
between the connection and the request, which then went out a paint later)."""

from __future__ import annotations

import asyncio

from tui.core.net.transport import CONNECT_GRACE, _on_its_way

CONNECT = "connection.connect_tcp.started"
WRITTEN = "http11.send_request_body.complete"


async def test_a_connection_made_at_once_counts_when_the_request_is_written() -> None:
    said: list[str] = []
    trace = _on_its_way(lambda: said.append("sent"))
    await trace(CONNECT, {})
    await trace("connection.connect_tcp.complete", {})
    await trace("http11.send_request_headers.started", {})
    assert said == []  # not yet: the request is not written
    await trace(WRITTEN, {})
    assert said == ["sent"]
    await asyncio.sleep(CONNECT_GRACE * 3)
    assert said == ["sent"]  # the connection's own notice was taken back


async def test_a_slow_connection_counts_once_it_has_taken_the_grace() -> None:
    said: list[str] = []
    trace = _on_its_way(lambda: said.append("sent"))
    await trace(CONNECT, {})
    await asyncio.sleep(CONNECT_GRACE * 3)  # a far host: the network's wait
    assert said == ["sent"]
    await trace(WRITTEN, {})
    assert said == ["sent", "sent"]


async def test_a_request_on_a_kept_connection_counts_when_written() -> None:
    said: list[str] = []
    trace = _on_its_way(lambda: said.append("sent"))
    await trace("http11.send_request_headers.started", {})
    assert said == []
    await trace("http2.send_request_body.complete", {})
    assert said == ["sent"]
