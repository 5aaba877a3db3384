"""The requests in flight, the reader's first (tui/core/net/slots.py): requests made
ahead never take the last slot, and a freed slot goes to the reader's waiting request
before those made ahead."""

from __future__ import annotations

import asyncio

import pytest

from tests.feed_server import FeedServer
from tests.test_client import fast_settings
from tui.core.net.client import NewsroomClient
from tui.core.net.slots import Slots, fetching_ahead


async def _hold(slots: Slots, name: str, order: list[str], release: asyncio.Event) -> None:
    async with slots.take():
        order.append(name)
        await release.wait()


async def test_the_last_slot_is_kept_for_the_reader() -> None:
    slots = Slots(3)
    order: list[str] = []
    release = asyncio.Event()
    with fetching_ahead():
        ahead = [asyncio.create_task(_hold(slots, f"ahead{i}", order, release)) for i in range(5)]
    await asyncio.sleep(0)
    assert order == ["ahead0", "ahead1"]  # two of three: one is kept
    asked = asyncio.create_task(_hold(slots, "asked", order, release))
    await asyncio.sleep(0)
    assert order == ["ahead0", "ahead1", "asked"]  # at once, though three wait ahead
    release.set()
    await asyncio.gather(*ahead, asked)
    assert order[3:] == ["ahead2", "ahead3", "ahead4"] and slots.busy == 0


async def test_a_freed_slot_goes_to_the_reader_first() -> None:
    slots = Slots(2)
    order: list[str] = []
    gates = [asyncio.Event() for _ in range(3)]
    first = asyncio.create_task(_hold(slots, "asked0", order, gates[0]))
    with fetching_ahead():
        ahead = asyncio.create_task(_hold(slots, "ahead0", order, gates[1]))
        later = asyncio.create_task(_hold(slots, "ahead1", order, gates[2]))
    await asyncio.sleep(0)
    asked = asyncio.create_task(_hold(slots, "asked1", order, gates[2]))
    await asyncio.sleep(0)
    assert order == ["asked0", "ahead0"]
    gates[0].set()  # a slot comes free: the reader's, though ahead1 waited longer
    await asyncio.sleep(0.01)
    assert order == ["asked0", "ahead0", "asked1"]
    gates[1].set()
    gates[2].set()
    await asyncio.gather(first, ahead, later, asked)
    assert order[-1] == "ahead1" and slots.busy == slots.busy_ahead == 0


async def test_a_cancelled_wait_hands_its_slot_on() -> None:
    slots = Slots(1)
    order: list[str] = []
    release = asyncio.Event()
    holder = asyncio.create_task(_hold(slots, "a", order, release))
    await asyncio.sleep(0)
    gone = asyncio.create_task(_hold(slots, "b", order, release))
    then = asyncio.create_task(_hold(slots, "c", order, release))
    await asyncio.sleep(0)
    gone.cancel()
    release.set()
    await asyncio.gather(holder, then)
    with pytest.raises(asyncio.CancelledError):
        await gone
    assert order == ["a", "c"] and slots.busy == 0


async def test_the_readers_story_goes_out_before_the_queue_ahead() -> None:
    """Over HTTP: 8 stories fetched ahead with 3 slots, then the reader's own: the server
    hears the reader's request before the 6 still queued ahead (it queued behind all of
    them: 5.8 s instead of one request's 2 s after start-up, a new user's report)."""
    with FeedServer(copies=8, delay=0.2) as server:
        settings = fast_settings(server.url, max_in_flight=3)
        async with NewsroomClient(settings) as client:
            with fetching_ahead():
                ahead = [
                    asyncio.create_task(client.fetch_story(server.story_url(f"defence-copy-{i}")))
                    for i in range(1, 9)
                ]
            await asyncio.sleep(0.05)
            mine = await client.fetch_story(server.story_url("small-one"))
            await asyncio.gather(*ahead)
        paths = server.paths()
    assert mine.title
    heard = next(path for path in paths if "small-one" in path)
    assert paths.index(heard) < 4  # after the 2 ahead in flight, at most one more
