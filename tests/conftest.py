"""Shared fixtures. Each engineer adds theirs here; keep the others'."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.newsroom_server import NewsroomServer
from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.outside import OutsideReader


@pytest.fixture
def newsroom_server() -> Iterator[NewsroomServer]:
    """A fresh fault-injecting newsroom on 127.0.0.1 (its own log and counters)."""
    with NewsroomServer() as server:
        yield server


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own config, cache and data folders: never the user's."""
    home = tmp_path_factory.mktemp("home")
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"BELGA_{name}_DIR", str(home / name.lower()))


@pytest.fixture
def web() -> Iterator[WebServer]:
    """The test newsroom that is also an outside news site (tests/web_server.py)."""
    with WebServer() as server:
        yield server


@pytest.fixture
async def reader(web: WebServer) -> AsyncIterator[OutsideReader]:
    """An outside-page reader allowed to reach ``web`` on 127.0.0.1, with short timeouts."""
    settings = FetchSettings(newsroom=web.url, connect_timeout=0.5, read_timeout=0.5)
    async with OutsideReader(settings, allow_private=True) as outside:
        yield outside
