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


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own config, cache and data folders: never the user's."""
    home = tmp_path_factory.mktemp("home")
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"BELGA_{name}_DIR", str(home / name.lower()))
