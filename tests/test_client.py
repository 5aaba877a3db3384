"""NewsroomClient against a real fault-injecting server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gc
import re
import socket
import time
import tracemalloc
import warnings
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

import tui
from tests.newsroom_server import HUGE_BYTES, NewsroomServer
from tui.core.config.limits import FetchSettings
from tui.core.model.story import parse_story_bytes
from tui.core.net.client import FetchError, FetchErrorKind, NewsroomClient
from tui.core.net.progress import Progress, Stage

pytestmark = pytest.mark.timeout(10)

Kind = FetchErrorKind


def any_seconds(text: str) -> str:
    """``text`` with a measured wait ("timed out after 1.1 s") made "after N s"."""
    return re.sub(r"after [0-9.]+ s", "after N s", text)


def fast_settings(newsroom: str, **overrides: object) -> FetchSettings:
    """Short timeouts and back-off so that every fault is over in about a second."""
    values: dict[str, object] = {
        "newsroom": newsroom,
        "connect_timeout": 0.5,
        "read_timeout": 0.5,
        "backoff": 0.01,
    }
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
async def client(newsroom_server: NewsroomServer) -> AsyncIterator[NewsroomClient]:
    async with NewsroomClient(fast_settings(newsroom_server.url)) as newsroom_client:
        yield newsroom_client


@pytest.fixture
def shortener(newsroom_server: NewsroomServer) -> Iterator[NewsroomServer]:
    """A second server playing prez.ly: its ``/r/ABC`` leads into the newsroom."""
    with NewsroomServer(short_link_target=newsroom_server.url) as server:
        yield server


async def fetch_error(client: NewsroomClient, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await client.fetch_story(url)
    return caught.value


# Stories -------------------------------------------------------------------------------


async def test_json_twin_is_parsed_by_the_local_file_parser(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    url = newsroom_server.story_url("defence-turkey")
    story = await client.fetch_story(url)
    async with httpx.AsyncClient() as plain:
        raw = (await plain.get(url + ".json")).content
    expected = parse_story_bytes(raw, url + ".json")
    assert story == expected
    assert story.url == url
    assert story.source == url + ".json"
    assert story.author == "Flanders News Service"
    assert newsroom_server.paths() == ["/defence-turkey.json", "/defence-turkey.json"]


async def test_a_json_url_is_accepted(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    story = await client.fetch_story(newsroom_server.story_url("small-two") + ".json")
    assert story.title == "Small story 2"
    assert story.url == newsroom_server.story_url("small-two")
    assert [link.url for link in story.links] == [
        newsroom_server.story_url("small-one"),
        newsroom_server.story_url("small-three"),
    ]


async def test_a_changed_slug_is_followed_to_the_canonical_url(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    story = await client.fetch_story(newsroom_server.story_url("old-slug"))
    assert story.url == newsroom_server.story_url("small-one")


async def test_a_twin_redirected_to_a_story_page_is_that_pages_twin(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    """Tester report 3: a related link whose twin redirected (301) to another story's
    page was read from that page (no JSON there): its sidebar entry had neither date nor
    first line. The page's own twin is the story, read as any story is."""
    story = await client.fetch_story(f"{newsroom_server.url}/fault/moved")
    direct = await client.fetch_story(newsroom_server.story_url("small-one"))
    assert story.url == direct.url
    assert (story.title, story.body_html, story.published_at) == (
        direct.title,
        direct.body_html,
        direct.published_at,
    )
    assert story.published_at is not None and story.source.endswith(".json")


async def test_a_redirect_to_another_port_names_that_origin(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    """The same host on another port is another site: said with its port, not as an
    "untrusted host" that is the newsroom's own (tester report 3)."""
    with pytest.raises(FetchError) as caught:
        await client.fetch_story(f"{newsroom_server.url}/fault/other-port")
    assert caught.value.kind is FetchErrorKind.UNTRUSTED_REDIRECT
    assert caught.value.reason == f"redirect to another site (127.0.0.1:{newsroom_server.port + 1})"


async def test_a_short_link_is_resolved_without_loading_the_page(
    newsroom_server: NewsroomServer, shortener: NewsroomServer
) -> None:
    settings = fast_settings(newsroom_server.url, short_link_hosts=frozenset({shortener.netloc}))
    short_link = f"{shortener.url}/r/ABC"
    async with NewsroomClient(settings) as client:
        story = await client.fetch_story(short_link)
        assert story.url == newsroom_server.story_url("defence-turkey")
    assert shortener.paths() == ["/r/ABC"]
    assert newsroom_server.paths() == ["/defence-turkey.json"]


async def test_the_web_page_stands_in_for_a_missing_json_twin(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    story = await client.fetch_story(newsroom_server.story_url("page-only"))
    assert story.title == "Only a web page"
    assert story.url == newsroom_server.story_url("page-only")
    assert story.source == newsroom_server.story_url("page-only")
    assert story.author == "Test Desk"
    assert "Short body of page-only." in story.body_html
    assert newsroom_server.paths() == ["/page-only.json", "/page-only"]


async def test_validators_are_kept_for_conditional_requests(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    url = newsroom_server.story_url("small-one")
    await client.fetch_story(url)
    validators = client.validators(url)
    assert validators is not None
    assert validators.etag.startswith('"')
    assert validators.request_headers()["If-Modified-Since"] == validators.last_modified
    async with httpx.AsyncClient() as plain:
        answer = await plain.get(url + ".json", headers=validators.request_headers())
    assert answer.status_code == 304


# Sharing and manners (the stories at hand are the Newsroom's: tests/test_newsroom.py) ----


async def test_concurrent_fetches_of_one_story_share_one_request(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.delay = 0.2
    url = newsroom_server.story_url("small-three")
    stories = await asyncio.gather(*(client.fetch_story(url) for _ in range(5)))
    assert all(story is stories[0] for story in stories)
    assert newsroom_server.count() == 1


async def test_a_cancelled_caller_does_not_cancel_the_shared_fetch(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.delay = 0.2
    url = newsroom_server.story_url("small-two")
    impatient = asyncio.create_task(client.fetch_story(url))
    patient = asyncio.create_task(client.fetch_story(url))
    await asyncio.sleep(0.05)
    impatient.cancel()
    assert (await patient).title == "Small story 2"
    assert newsroom_server.count() == 1


async def test_a_fetch_nobody_waits_for_is_cancelled(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.hang_seconds = 3
    url = f"{newsroom_server.url}/fault/hang.json"
    waiters = [asyncio.create_task(client.fetch_story(url)) for _ in range(2)]
    await asyncio.sleep(0.1)
    assert client._pending  # one shared fetch in progress
    for waiter in waiters:
        waiter.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    await asyncio.sleep(0.05)
    assert not client._pending  # the reader moved on: the fetch itself was stopped


async def test_no_more_than_max_in_flight_requests_at_once(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.delay = 0.15
    urls = [newsroom_server.story_url(f"defence-copy-{n}") for n in range(1, 11)]
    started = time.monotonic()
    results = await client.fetch_many(urls)
    assert all(not isinstance(result, FetchError) for result in results.values())
    assert newsroom_server.max_in_flight_seen == client.settings.max_in_flight == 6
    assert time.monotonic() - started >= 2 * 0.15  # 10 requests, 6 at a time


async def test_the_user_agent_names_belga_and_its_version(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    await client.fetch_story(newsroom_server.story_url("small-one"))
    user_agent = newsroom_server.requests[0].headers["User-Agent"]
    assert user_agent.startswith(f"belga/{tui.__version__} ")


async def test_aclose_closes_the_connections_without_warnings(
    newsroom_server: NewsroomServer,
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = NewsroomClient(fast_settings(newsroom_server.url))
        await client.fetch_story(newsroom_server.story_url("small-one"))
        await client.aclose()
        assert client.is_closed
        with pytest.raises(RuntimeError):
            await client.fetch_story(newsroom_server.story_url("small-two"))
        del client
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


# Trust -----------------------------------------------------------------------------------


async def test_an_untrusted_host_is_refused_before_any_request(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    # The same server under another name: a request would show up in its log.
    url = f"http://localhost:{newsroom_server.port}/defence-turkey"
    error = await fetch_error(client, url)
    assert error.kind is Kind.UNTRUSTED_HOST
    assert error.reason == "not allowed: untrusted host localhost"
    assert newsroom_server.count() == 0
    client.trust(url)
    assert client.can_fetch(url)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/story", "file:///etc/passwd", "not a url"])
async def test_only_http_urls_are_fetched(client: NewsroomClient, url: str) -> None:
    error = await fetch_error(client, url)
    assert error.kind is Kind.NOT_ALLOWED
    assert error.reason == "not allowed: not an http(s) URL"


async def test_trust_ignores_www_and_includes_short_links() -> None:
    async with NewsroomClient() as client:
        assert client.can_fetch("https://belganewsagency.eu/some-story")
        assert client.can_fetch("https://www.belganewsagency.eu/some-story")
        assert client.can_fetch("http://prez.ly/ZGGd")
        assert not client.can_fetch("https://evil.example/some-story")
        assert not client.can_fetch("javascript:alert(1)")
        client.trust("https://www.other-newsroom.example/story")
        assert client.can_fetch("https://other-newsroom.example/another")


# Faults ----------------------------------------------------------------------------------

FAULTS = [
    # path, kind, short reason, requests the server sees (retries and fallbacks included)
    ("/missing", Kind.NOT_FOUND, "not found (404)", ["/missing.json", "/missing"]),
    ("/fault/500", Kind.SERVER_ERROR, "server error (500)", ["/fault/500.json"] * 2),
    ("/fault/forbidden", Kind.HTTP_STATUS, "HTTP 403", ["/fault/forbidden.json"]),
    # both tries' wait in all, measured (test_story_deadline.py checks the number)
    ("/fault/hang", Kind.TIMEOUT, "timed out after N s", ["/fault/hang.json"] * 2),
    ("/fault/huge", Kind.TOO_LARGE, "too large (over 5 MB)", ["/fault/huge.json"]),
    ("/fault/huge-unsized", Kind.TOO_LARGE, "too large (over 5 MB)", ["/fault/huge-unsized.json"]),
    (
        "/fault/loop-a",
        Kind.REDIRECT_LOOP,
        "redirect loop",
        ["/fault/loop-a.json", "/fault/loop-b.json"],
    ),
    (
        "/fault/chain-1",
        Kind.TOO_MANY_REDIRECTS,
        "too many redirects",
        [f"/fault/chain-{n}.json" for n in range(1, 7)],
    ),
    (
        "/fault/offsite",
        Kind.UNTRUSTED_REDIRECT,
        "redirect to another site (localhost)",
        ["/fault/offsite.json"],
    ),
    (
        "/fault/ftp",
        Kind.NOT_ALLOWED,
        "not allowed: redirect to ftp: (not http or https)",
        ["/fault/ftp.json"],
    ),
    ("/fault/html", Kind.NOT_A_STORY, "not a story", ["/fault/html.json", "/fault/html"]),
    ("/fault/binary", Kind.NOT_A_STORY, "not a story", ["/fault/binary.json", "/fault/binary"]),
    ("/fault/invalid", Kind.NOT_A_STORY, "not a story", ["/fault/invalid.json", "/fault/invalid"]),
    ("/fault/latin1", Kind.NOT_A_STORY, "not a story", ["/fault/latin1.json", "/fault/latin1"]),
    (
        "/fault/truncated",
        Kind.CONNECTION_CLOSED,
        "connection closed mid-answer",
        ["/fault/truncated.json"] * 2,
    ),
]


@pytest.mark.parametrize(("path", "kind", "reason", "requests"), FAULTS, ids=[f[0] for f in FAULTS])
async def test_each_fault_gives_its_own_error(
    client: NewsroomClient,
    newsroom_server: NewsroomServer,
    path: str,
    kind: FetchErrorKind,
    reason: str,
    requests: list[str],
) -> None:
    started = time.monotonic()
    error = await fetch_error(client, newsroom_server.url + path)
    assert (error.kind, any_seconds(error.reason)) == (kind, reason)
    assert error.url.startswith(newsroom_server.url + path)
    assert reason in any_seconds(str(error))
    assert newsroom_server.paths() == requests
    assert time.monotonic() - started < 2


async def test_a_refused_connection_is_reported_and_retried() -> None:
    with socket.socket() as probe:  # a port that nothing listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with NewsroomClient(fast_settings(f"http://127.0.0.1:{port}")) as client:
        error = await fetch_error(client, f"http://127.0.0.1:{port}/story")
    assert error.kind is Kind.CONNECTION_FAILED
    assert error.reason.startswith("connection failed: ")
    assert "Errno" not in error.reason
    # Said in words, not httpx's "All connection attempts failed" (tester report 4).
    assert error.reason == (
        f"connection failed: refused: nothing answers at 127.0.0.1:{port} (is the server running?)"
    )


async def test_a_503_is_retried_once_and_then_succeeds(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    story = await client.fetch_story(newsroom_server.url + "/fault/flaky")
    assert story.title.startswith("Belgian defence industry")
    assert newsroom_server.paths() == ["/fault/flaky.json"] * 2


async def test_a_slow_answer_within_the_timeout_is_read(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.slow_seconds = 0.3
    story = await client.fetch_story(newsroom_server.url + "/fault/slow")
    assert story.title.startswith("Belgian defence industry")
    assert newsroom_server.count() == 1


@pytest.mark.parametrize("path", ["/fault/huge.json", "/fault/huge-unsized.json"])
async def test_a_huge_answer_is_cut_off_long_before_its_end(
    client: NewsroomClient, newsroom_server: NewsroomServer, path: str
) -> None:
    tracemalloc.start()
    try:
        error = await fetch_error(client, newsroom_server.url + path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.kind is Kind.TOO_LARGE
    assert peak < 3 * client.settings.max_response_bytes
    sent = newsroom_server.wait_finished(path).bytes_sent
    # The limit plus what the sockets' buffers swallowed; never the 50 MB.
    assert sent < HUGE_BYTES // 2


async def test_progress_is_queued_started_done_within_the_one_limit(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom_server.delay = 0.1
    urls = [newsroom_server.story_url(f"defence-copy-{n}") for n in range(1, 11)]
    stages: dict[str, list[Stage]] = {url: [] for url in urls}
    in_flight: list[int] = []

    def follow(url: str) -> Progress:
        def progress(stage: Stage) -> None:
            stages[url].append(stage)
            in_flight.append(sum(1 for s in stages.values() if s and s[-1] is Stage.STARTED))

        return progress

    await asyncio.gather(*(client.fetch_story(url, follow(url)) for url in urls))
    assert all(s == [Stage.QUEUED, Stage.STARTED, Stage.DONE] for s in stages.values())
    assert max(in_flight) == client.settings.max_in_flight  # the rest said "queued"
    # A second caller for a fetch already on its way hears that it started.
    newsroom_server.delay = 0.3
    url = newsroom_server.story_url("small-one")
    first: list[Stage] = []
    later: list[Stage] = []
    fetch = asyncio.create_task(client.fetch_story(url, first.append))
    while Stage.STARTED not in first:
        await asyncio.sleep(0.01)
    await client.fetch_story(url, later.append)
    await fetch
    assert later == [Stage.QUEUED, Stage.STARTED, Stage.DONE]
    assert newsroom_server.count("/small-one.json") == 1


async def test_fetch_many_reports_each_url(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    good, bad = newsroom_server.story_url("small-one"), newsroom_server.story_url("missing")
    results = await client.fetch_many([good, bad, good])
    assert list(results) == [good, bad]
    assert not isinstance(results[good], FetchError)
    failure = results[bad]
    assert isinstance(failure, FetchError)
    assert failure.kind is Kind.NOT_FOUND


async def test_a_fetch_started_ahead_is_the_one_a_later_caller_waits_for(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    """``start`` sends the request without waiting; ``fetch_story`` then shares it, and
    hears it started (the sidebar says "loading" in the frame it is listed in)."""
    newsroom_server.delay = 0.2
    url = newsroom_server.story_url("small-one")
    client.start(url)
    for _ in range(500):  # nobody waits yet: the request goes out all the same
        if newsroom_server.count("/small-one.json"):
            break
        await asyncio.sleep(0.01)
    assert newsroom_server.count("/small-one.json") == 1
    stages: list[Stage] = []
    story = await client.fetch_story(url, stages.append)
    assert story.title == "Small story 1"
    assert stages == [Stage.QUEUED, Stage.STARTED, Stage.DONE]
    assert newsroom_server.count("/small-one.json") == 1
    with pytest.raises(FetchError):
        client.start("http://elsewhere.example/story")  # never a host it may not fetch
