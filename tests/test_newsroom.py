"""Where stories come from: memory, the store, the network — with a real store and server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.feed_server import FeedServer
from tests.newsroom_server import NewsroomServer
from tui.core.config.limits import FetchSettings
from tui.core.net.client import NewsroomClient
from tui.core.net.fetch_errors import FetchError
from tui.core.newsroom import REFRESH_AFTER_SECONDS, Newsroom
from tui.core.store.database import Store


@pytest.fixture
async def client(newsroom_server: NewsroomServer) -> AsyncIterator[NewsroomClient]:
    settings = FetchSettings(newsroom=newsroom_server.url, connect_timeout=0.5, read_timeout=0.5)
    async with NewsroomClient(settings) as newsroom_client:
        yield newsroom_client


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "belga.sqlite3")


async def test_a_fetched_story_is_kept_and_found_offline_later(
    client: NewsroomClient, store: Store, newsroom_server: NewsroomServer
) -> None:
    url = newsroom_server.story_url("small-one")
    story = await Newsroom(lambda: client, store).story(url)
    assert store.has_story(url) and store.validators(url) is not None
    offline = Newsroom(lambda: client, store, offline=True)
    assert offline.client is None and not offline.can_fetch(url)
    again = await offline.story(url)
    assert again.title == story.title == "Small story 1"
    with pytest.raises(FetchError, match="offline"):
        await offline.story(newsroom_server.story_url("small-two"))
    assert newsroom_server.count() == 1


async def test_a_stale_story_is_checked_conditionally(
    client: NewsroomClient, tmp_path: Path, newsroom_server: NewsroomServer
) -> None:
    now = [1_000_000.0]
    store = Store.open(tmp_path / "belga.sqlite3", clock=lambda: now[0])
    newsroom = Newsroom(lambda: client, store, clock=lambda: now[0])
    story = await newsroom.story(newsroom_server.story_url("small-two"))
    assert await newsroom.refresh_story(story) is None  # fresh: not even asked
    assert newsroom_server.count() == 1
    now[0] += REFRESH_AFTER_SECONDS + 1
    assert await newsroom.refresh_story(story) is None  # unchanged: a 304
    assert newsroom_server.count() == 2
    assert "If-None-Match" in newsroom_server.requests[-1].headers
    assert store.fetched_at(story.url) == now[0]  # the 304 counts as checked
    assert await newsroom.refresh_story(story) is None  # fresh again: not asked
    assert newsroom_server.count() == 2


async def test_marks_map_back_to_the_keys_asked_about(tmp_path: Path, store: Store) -> None:
    newsroom = Newsroom(None, store)
    path = str(tmp_path / "local-story.json")
    url = "https://newsroom.example/Some-Story/"
    newsroom.opened(path)
    newsroom.mark_read(url)
    newsroom.save(url)
    assert newsroom.read_keys([path, url, "https://newsroom.example/other"]) == {path, url}
    assert newsroom.saved_keys([url, path]) == {url}
    newsroom.mark_read(url, read=False)
    assert newsroom.read_keys([url]) == set()
    assert len(store.history()) == 1


async def test_without_a_store_or_a_client_nothing_breaks() -> None:
    newsroom = Newsroom(None)
    assert newsroom.at_hand("https://newsroom.example/x") is None
    assert newsroom.front_page() == []
    newsroom.opened("anything")
    assert newsroom.read_keys(["anything", "other"]) == {"anything"}  # for the session
    with pytest.raises(FetchError):
        await newsroom.story("https://newsroom.example/x")


async def test_a_story_at_hand_under_every_form_it_is_known_by(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom = Newsroom(lambda: client)
    url = newsroom_server.story_url("small-one")
    assert newsroom.at_hand(url) is None
    story = await newsroom.story(newsroom_server.story_url("old-slug"))  # redirected
    assert story.url == url
    fetched = newsroom_server.count()
    for other in ("old-slug", "small-one", "small-one.json", "small-one/", "small-one#top"):
        assert await newsroom.story(newsroom_server.story_url(other)) is story
    assert newsroom_server.count() == fetched  # each one at hand: no request


async def test_a_short_link_is_an_alias_once_resolved(newsroom_server: NewsroomServer) -> None:
    with NewsroomServer(short_link_target=newsroom_server.url) as shortener:
        settings = FetchSettings(
            newsroom=newsroom_server.url,
            short_link_hosts=frozenset({shortener.netloc}),
            connect_timeout=0.5,
            read_timeout=0.5,
        )
        async with NewsroomClient(settings) as client:
            newsroom = Newsroom(lambda: client)
            short_link = f"{shortener.url}/r/ABC"
            story = await newsroom.story(short_link)
            assert story.url == newsroom_server.story_url("defence-turkey")
            assert await newsroom.story(short_link) is story
            assert newsroom.at_hand(short_link + "/") is story
        assert shortener.paths() == ["/r/ABC"]


async def test_a_failure_is_not_remembered(
    client: NewsroomClient, newsroom_server: NewsroomServer
) -> None:
    newsroom = Newsroom(lambda: client)
    url = newsroom_server.story_url("nowhere")
    with pytest.raises(FetchError):
        await newsroom.story(url)
    assert newsroom.at_hand(url) is None


async def test_the_front_page_and_its_marks_parse_no_url_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up with 10,000 cached stories parsed every URL twice (their forms are the
    store's already): 1.7 s before the list showed. Now none is parsed."""
    from tests.test_store import HOST, entry, make_story
    from tui.core import newsroom as newsroom_module

    with store.transaction():
        for slug in ("a", "b", "c"):
            store.put_story(make_story(slug, slug.upper()))
        store.put_feed([entry(slug) for slug in ("a", "b", "c", "d")])
    store.mark_read(f"{HOST}/b")
    calls: list[str] = []
    real_form = newsroom_module.form

    def counted_form(key: str) -> str:
        calls.append(key)
        return real_form(key)

    monkeypatch.setattr(newsroom_module, "form", counted_form)
    newsroom = Newsroom(None, store)
    keys = [entry.key for entry in newsroom.front_page()]
    assert len(keys) == 4
    assert newsroom.read_keys(keys) == {f"{HOST}/b"}
    assert calls == []


def test_the_marks_of_a_long_list_make_no_url_again(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each listed story's key is put in its canonical form once, when it is added: the
    marks of the whole list are asked at every re-sort while thousands of files load
    (50,000 files made 143,000 canonical URLs again, 7 s, past the URL cache)."""
    import json

    from tui.core.model.story import parse_story_bytes
    from tui.core.model.urls import canonical

    count = 300
    stories = [
        parse_story_bytes(
            json.dumps(
                {"title": f"Story {index}", "url": f"https://newsroom.example/story-{index}"}
            ).encode(),
            str(tmp_path / f"{index}.json"),
        )
        for index in range(count)
    ]
    newsroom = Newsroom(None, store)
    newsroom.add(stories)
    keys = [entry.key for entry in newsroom.listed()]
    newsroom.mark_read(keys[0])
    made: list[str] = []

    def counted(url: str) -> str | None:
        made.append(url)
        return canonical(url)

    monkeypatch.setattr("tui.core.newsroom.rules.canonical", counted)
    for _resort in range(3):
        assert newsroom.read_keys(keys) == {keys[0]}
        assert newsroom.saved_keys(keys) == set()
    assert made == []


def test_stories_read_from_the_store_stay_in_memory_a_bounded_few(store: Store) -> None:
    """Each story read from the store stayed in memory for the session (14 KB for 1,500
    words, unbounded over a session); now the last RECENT_STORIES do, the store has the
    rest, and a story read again from it is the same story."""
    from tests.test_store import make_story
    from tui.core.newsroom import RECENT_STORIES

    slugs = [f"s{index}" for index in range(RECENT_STORIES + 8)]
    with store.transaction():
        for slug in slugs:
            store.put_story(make_story(slug, slug.upper()))
    newsroom = Newsroom(None, store)
    urls = [make_story(slug, slug.upper()).url for slug in slugs]
    read = [newsroom.at_hand(url) for url in urls]
    assert all(story is not None for story in read)
    # The last ones are in memory: the very same objects, no store read.
    kept = zip(urls[8:], read[8:], strict=True)
    assert all(newsroom.at_hand(url) is story for url, story in kept)
    # The first eight were forgotten: read again from the store, equal to what was read.
    again = newsroom.at_hand(urls[0])
    assert again is not read[0] and again == read[0]
    # What is listed (files, URLs given) is never forgotten: memory is its only copy.
    listed = make_story("listed", "Listed")
    newsroom.add([listed])
    for url in urls:
        newsroom.at_hand(url)
    assert newsroom.at_hand(listed.url) is listed


async def test_a_story_revised_on_the_newsroom_is_fetched_again(tmp_path: Path) -> None:
    """A correction (new title and body, same publication date) never reached a reader
    whose cache had the story: it was checked again only an hour after it was kept, and
    the list showed the kept title over the feed's new one (a new user's report). A feed
    entry whose title is not the kept story's marks it to be checked again: the list
    shows the feed's title at once, and the story, asked for again, is the new one. An
    entry that did not change costs no request."""
    with FeedServer() as server:
        settings = FetchSettings(newsroom=server.url, connect_timeout=0.5, read_timeout=0.5)
        async with NewsroomClient(settings) as client:
            store = Store.open(tmp_path / "belga.sqlite3")
            newsroom = Newsroom(lambda: client, store)
            await newsroom.refresh()
            url, other = server.story_url("small-one"), server.story_url("small-two")
            story = await newsroom.story(url)
            unchanged = await newsroom.story(other)
            doc = server.stories["small-one"]
            server.stories["small-one"] = {
                **doc,
                "title": "Small story 1 CORRECTED",
                "body": "<p>CORRECTED body.</p>",
            }
            await newsroom.refresh()
            lines = {listed.entry.key: listed.entry.title for listed in store.front_page()}
            assert lines[url] == "Small story 1 CORRECTED"
            server.clear_log()
            fresh = await newsroom.refresh_story(story)
            assert fresh is not None and fresh.story.title == "Small story 1 CORRECTED"
            assert "CORRECTED body" in fresh.story.body_html
            assert await newsroom.refresh_story(unchanged) is None
            assert server.paths() == ["/small-one.json"]
            kept = Newsroom(lambda: client, store, offline=True).at_hand(url)
            assert kept is not None and kept.title == "Small story 1 CORRECTED"
            store.close()
