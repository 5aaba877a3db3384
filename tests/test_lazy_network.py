"""httpx is imported, and the connections made, at the first request, not before: a client
asked only whom it trusts (a local file's story, the sidebar's links) and a reader asked
only whether a link is refused spend nothing on them; the outside reader makes its
transport in a thread, off the event loop (issue 13: 50-200 ms on the loop after the first
story opened, and on the key of the first outside link)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.web_server import WebServer
from tui.core.config.limits import FetchSettings
from tui.core.net.client import NewsroomClient
from tui.core.net.outside import OutsideReader
from tui.core.net.transport import Transport

PROBE = """
import asyncio, json, sys
from datetime import datetime
from pathlib import Path
from tui.core.model.story import Story
from tui.core.net.client import NewsroomClient
from tui.core.net.outside import OutsideReader
from tui.core.newsroom import Newsroom
from tui.core.store.database import Store

async def main() -> list[str]:
    client = NewsroomClient()
    said = [str(client.can_fetch("https://elsewhere.example/a-story"))]
    store = Store.open(Path(sys.argv[1]) / "belga.sqlite3")
    newsroom = Newsroom(lambda: client, store, pages=lambda: OutsideReader())
    local = Story(
        title="A file", body_html="<p>Words.</p>", url="https://elsewhere.example/a-file",
        published_at=datetime(2026, 11, 20, 9), source=str(Path(sys.argv[1]) / "a.json"),
    )
    said.append(str(await newsroom.refresh_story(local)))
    refused = newsroom.page_refusal("http://192.168.1.1/router")
    said.append(refused.detail if refused is not None else "not refused")
    await client.aclose()
    return said

said = asyncio.run(main())
sys.stderr.write("SAID" + json.dumps(said) + "MODULES" + json.dumps(sorted(sys.modules)))
"""


def test_asking_whom_to_trust_and_what_is_refused_imports_no_http(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "MODULES" in done.stderr, done.stderr
    said_text, modules_text = done.stderr.split("SAID", 1)[1].split("MODULES", 1)
    said = json.loads(said_text)
    assert said[:2] == ["False", "None"]  # not trusted; a file's story is not checked
    assert "192.168.1.1" in said[2] and "private or local network" in said[2]
    loaded = {name.partition(".")[0] for name in json.loads(modules_text)}
    assert not loaded & {"httpx", "httpcore", "anyio", "trafilatura"}, loaded


async def test_the_first_request_makes_the_client_transport(web: WebServer) -> None:
    settings = FetchSettings(newsroom=web.url, connect_timeout=1, read_timeout=1)
    async with NewsroomClient(settings) as client:
        story = await client.fetch_story(web.story_url("small-one"))
    assert story.title == "Small story 1" and client.is_closed


async def test_the_outside_reader_makes_its_transport_in_a_thread(
    web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = Transport.__init__

    def record(self: Transport, *args: object, **kwargs: object) -> None:
        threads.append(threading.current_thread())
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Transport, "__init__", record)
    settings = FetchSettings(connect_timeout=1, read_timeout=1)
    async with OutsideReader(settings, allow_private=True) as reader:
        first = await reader.fetch_page(web.page_url("hydrogen"))
        second = await reader.fetch_page(web.page_url("dredging"))
    assert first.title and second.title and reader.is_closed
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


async def test_a_reader_closed_before_its_first_request_closes_cleanly() -> None:
    async with OutsideReader() as reader:
        reader.warm()  # the transport is still being made in its thread
    assert reader.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await reader.fetch_page("https://example.org/")


WARM = """
import asyncio, json, sys
from tui.core.net.outside import OutsideReader

async def main() -> None:
    async with OutsideReader() as reader:
        await reader.warm()

asyncio.run(main())
import tld.utils  # trafilatura's public-suffix list (courlan → tld), loaded or not
sys.stderr.write("LOADED" + json.dumps(bool(tld.utils.tld_names)))
"""


def test_the_warm_up_loads_the_public_suffix_list() -> None:
    """trafilatura loads the public-suffix list (~0.2 s) at the first page whose host its
    quick pattern cannot split (addresses, single names, nos.nl, ft.com, bbc.co.uk): the
    warm-up does it, not the first such page read."""
    done = subprocess.run(
        [sys.executable, "-c", WARM], capture_output=True, text=True, check=False, timeout=60
    )
    assert "LOADED" in done.stderr, done.stderr
    assert json.loads(done.stderr.split("LOADED", 1)[1]) is True
