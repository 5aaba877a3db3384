"""The requests in flight, the reader's first (tui/core/net/slots.py): requests made
ahead never take the last slot, and a freed slot goes to the reader's waiting request
before those made ahead."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.feed_server import FeedServer
from tests.newsroom_server import NewsroomServer
from tests.test_client import fast_settings
from tui.core.net.client import FetchError, FetchErrorKind, NewsroomClient
from tui.core.net.slots import Claim, Slots, fetching_ahead, start_task


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


async def test_a_hold_on_the_work_ahead_stops_new_requests_ahead_only() -> None:
    slots = Slots(4)
    order: list[str] = []
    release = asyncio.Event()
    with fetching_ahead():
        first = asyncio.create_task(_hold(slots, "ahead0", order, release))
    await asyncio.sleep(0)
    let_go = slots.hold_ahead()
    with fetching_ahead():
        held = [asyncio.create_task(_hold(slots, f"ahead{i}", order, release)) for i in (1, 2)]
    asked = asyncio.create_task(_hold(slots, "asked", order, release))
    await asyncio.sleep(0.01)
    assert order == ["ahead0", "asked"]  # the one in flight goes on; the reader's goes
    let_go()
    let_go()  # once only: a second call does not let another hold go
    await asyncio.sleep(0.01)
    assert order == ["ahead0", "asked", "ahead1", "ahead2"]
    release.set()
    await asyncio.gather(first, *held, asked)
    assert slots.busy == 0


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


async def _hold_as(
    claim_ahead: bool, slots: Slots, name: str, order: list[str], release: asyncio.Event
) -> tuple[asyncio.Task[None], Claim]:
    """``_hold`` in a task under a claim of its own, as a shared fetch runs."""
    if not claim_ahead:
        return start_task(_hold(slots, name, order, release))
    with fetching_ahead():
        return start_task(_hold(slots, name, order, release))


async def test_a_request_made_ahead_takes_the_readers_slot_once_the_reader_wants_it() -> None:
    """A sidebar link opened while its request still waits for a slot (tester report 3,
    item 4): it waited behind every request made ahead; promoted, it goes at once."""
    slots = Slots(3)
    order: list[str] = []
    release = asyncio.Event()
    with fetching_ahead():
        ahead = [asyncio.create_task(_hold(slots, f"ahead{i}", order, release)) for i in range(4)]
    await asyncio.sleep(0)
    task, claim = await _hold_as(True, slots, "wanted", order, release)
    await asyncio.sleep(0)
    assert order == ["ahead0", "ahead1"] and claim.ahead
    claim.promote()  # the reader opens it
    await asyncio.sleep(0)
    assert order == ["ahead0", "ahead1", "wanted"]
    assert slots.busy == 3 and slots.busy_ahead == 2
    release.set()
    await asyncio.gather(*ahead, task)
    assert slots.busy == slots.busy_ahead == 0


async def test_a_promoted_request_in_flight_no_longer_counts_as_ahead() -> None:
    slots = Slots(2)  # one slot for requests made ahead
    order: list[str] = []
    release = asyncio.Event()
    first, claim = await _hold_as(True, slots, "first", order, release)
    await asyncio.sleep(0)
    second, _ = await _hold_as(True, slots, "second", order, release)
    await asyncio.sleep(0)
    assert order == ["first"] and slots.busy_ahead == 1
    claim.promote()  # in flight, now the reader's: the slot ahead is free again
    await asyncio.sleep(0)
    assert order == ["first", "second"] and slots.busy_ahead == 1 and slots.busy == 2
    release.set()
    await asyncio.gather(first, second)
    assert slots.busy == slots.busy_ahead == 0


async def test_a_story_fetched_ahead_goes_out_at_once_when_the_reader_asks_for_it() -> None:
    """Over HTTP: slow stories fetched ahead hold the slots ahead, a fast one waits ahead
    of the reader; the reader asks for the fast one: the server hears it at once (it was
    heard only when the slow ones were done)."""
    with NewsroomServer(slow_seconds=3) as server:
        settings = fast_settings(server.url, max_in_flight=3, read_timeout=10)
        async with NewsroomClient(settings) as client:
            with fetching_ahead():
                slow = [client.start(f"{server.url}/fault-slow-{n}") for n in range(4)]
                fast = client.start(server.story_url("small-two"))
            for _ in range(500):  # the two slots ahead, heard (a busy machine takes a while)
                if len(server.paths()) >= 2:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.1)  # and no third
            # Two connections at once: the server may hear either first.
            assert sorted(server.paths()) == ["/fault-slow-0.json", "/fault-slow-1.json"]
            started = time.monotonic()
            story = await client.fetch_story(server.story_url("small-two"))
            waited = time.monotonic() - started
            for unwanted in (*slow, fast):
                unwanted()
    assert story.title == "Small story 2"
    assert waited < 1.5, waited  # not behind the slow ones (3 s each)
    assert server.paths()[2] == "/small-two.json"


async def test_the_deadline_of_a_story_starts_when_its_request_goes_out() -> None:
    """One slot: the second story waits 1.5 s for it, then its server takes 1.5 s, within
    a 2 s deadline: it arrives (it 'timed out after 2 s' while the server had had it 0.5 s)."""
    with NewsroomServer(slow_seconds=1.5) as server:
        settings = fast_settings(server.url, max_in_flight=1, read_timeout=5, story_timeout=2.0)
        async with NewsroomClient(settings) as client:
            first, second = await asyncio.gather(
                client.fetch_story(f"{server.url}/fault-slow-1"),
                client.fetch_story(f"{server.url}/fault-slow-2"),
                return_exceptions=True,
            )
    assert not isinstance(first, BaseException), first
    assert not isinstance(second, BaseException), second
    assert server.count() == 2


async def test_an_answer_that_drips_ends_at_its_whole_answer_deadline() -> None:
    """A 200 that sends a byte every 0.1 s (each well within read_timeout) held its slot
    for as long as the server liked; the whole answer has a deadline, named truthfully."""
    with NewsroomServer(drip_seconds=0.1) as server:
        settings = fast_settings(server.url, read_timeout=0.5, answer_timeout=1.0, retries=0)
        async with NewsroomClient(settings) as client:
            started = time.monotonic()
            with pytest.raises(FetchError) as caught:
                await asyncio.wait_for(client.get(f"{server.url}/fault/drip.json"), 10)
            waited = time.monotonic() - started
    assert caught.value.kind is FetchErrorKind.TIMEOUT
    assert caught.value.reason == "timed out after 1 s"
    assert "the whole answer" in caught.value.message
    assert waited < 2.5, waited


async def test_a_story_that_drips_says_it_was_not_answered_in_full() -> None:
    with NewsroomServer(drip_seconds=0.1) as server:
        settings = fast_settings(server.url, read_timeout=0.5, story_timeout=1.0)
        async with NewsroomClient(settings) as client:
            with pytest.raises(FetchError) as caught:
                await asyncio.wait_for(client.fetch_story(f"{server.url}/fault-drip"), 10)
    assert caught.value.reason == "timed out after 1 s"
    assert "1 try, the last not answered in full" in caught.value.message
