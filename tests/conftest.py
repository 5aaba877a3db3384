"""Shared fixtures. Each engineer adds theirs here; keep the others'."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.newsroom_server import NewsroomServer


@pytest.fixture
def newsroom_server() -> Iterator[NewsroomServer]:
    """A fresh fault-injecting newsroom on 127.0.0.1 (its own log and counters)."""
    with NewsroomServer() as server:
        yield server
