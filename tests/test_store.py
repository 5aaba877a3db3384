"""The store against real SQLite files: stories, feed, marks, search, purge, damage, sharing."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tui.core.model.story import RelatedLink, Story, parse_story_bytes
from tui.core.net.feed import FeedEntry
from tui.core.store import schema as store_schema
from tui.core.store.database import Store, StoreError

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"
HOST = "https://newsroom.example"
DAY = 86_400.0


class Clock:
    """A settable time.time() for the store."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "cache" / "belga.sqlite", clock=clock) as opened:
        yield opened


def make_story(slug: str, title: str, body: str = "", when: datetime | None = None) -> Story:
    return Story(title=title, body_html=body or f"<p>About {title}.</p>", url=f"{HOST}/{slug}",
                 published_at=when)  # fmt: skip


def fixture_story() -> tuple[Story, dict[str, object]]:
    raw = FIXTURE.read_bytes()
    return parse_story_bytes(raw, "fixture"), json.loads(raw)


# Stories ---------------------------------------------------------------------------


def test_fixture_round_trip_with_validators(store: Store) -> None:
    story, document = fixture_story()
    key = store.put_story(story, document, '"v1"', "Wed, 13 May 2026 15:23:00 GMT")
    assert key == story.url
    assert store.validators(key) == ('"v1"', "Wed, 13 May 2026 15:23:00 GMT")
    back = store.get_story(key + "/")  # any form canonical() accepts
    assert back == replace(story, source=key)
    assert back is not None and back.extra == story.extra  # format_version and the like
    # The short link finds the same story, offline.
    assert store.get_story(story.short_url) == back
    assert store.validators(story.short_url) == ('"v1"', "Wed, 13 May 2026 15:23:00 GMT")
    assert store.get_story(f"{HOST}/never-fetched") is None
    assert store.validators(f"{HOST}/never-fetched") is None


def test_a_story_from_a_web_page_is_kept_as_a_rebuilt_document(store: Store) -> None:
    story = Story(
        title="From the page",
        body_html="<p>Only the page had it.</p>",
        url=f"{HOST}/page-only",
        published_at=datetime(2026, 5, 13, 17, 23),
        author="Flanders News Service",
        header_image="https://cdn.example/h.jpg",
        links=(RelatedLink(f"{HOST}/other", "Another story"),),
        extra={"description": "Only the page had it."},
    )
    store.put_story(story, aliases=[f"{HOST}/old-slug"])
    back = store.get_story(f"{HOST}/old-slug")
    assert back == replace(story, source=story.url)
    assert back is not None and back.extra["description"] == "Only the page had it."
    assert store.validators(story.url) == ("", "")


def test_the_stored_url_wins_over_what_the_document_claims(store: Store) -> None:
    story, document = fixture_story()
    moved = replace(story, url=f"{HOST}/where-it-was-found")
    store.put_story(moved, document)
    back = store.get_story(moved.url)
    assert back is not None and back.url == back.source == moved.url


def test_a_refetched_story_replaces_the_old_one_and_its_words(store: Store) -> None:
    store.put_story(make_story("s", "Old harbour title"), etag='"1"')
    store.put_story(make_story("s", "New railway title"), etag='"2"')
    assert store.story_count() == 1
    assert store.validators(f"{HOST}/s") == ('"2"', "")
    assert store.search("railway") == [f"{HOST}/s"]
    assert store.search("harbour") == []


def test_touch_keeps_a_304_story_fresh(store: Store, clock: Clock) -> None:
    store.put_story(make_story("s", "Story"))
    assert store.fetched_at(f"{HOST}/s") == clock.now
    assert store.fetched_at(f"{HOST}/unknown") is None
    clock.now += 10 * DAY
    assert store.touch_story(f"{HOST}/s")
    assert store.fetched_at(f"{HOST}/s") == clock.now
    assert not store.touch_story(f"{HOST}/unknown")
    assert store.purge(keep_days=5) == 0
    assert store.has_story(f"{HOST}/s")


def test_only_web_stories_are_stored(store: Store) -> None:
    with pytest.raises(ValueError):
        store.put_story(Story(title="Local", body_html="<p>x</p>", source="/tmp/local.json"))


def test_a_failed_transaction_keeps_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put_story(make_story("a", "A"))
        store.mark_read(f"{HOST}/a")
        raise RuntimeError("stop")
    assert not store.has_story(f"{HOST}/a")
    assert store.read_urls() == set()


# The feed --------------------------------------------------------------------------


def entry(slug: str, title: str = "", when: datetime | None = None, summary: str = "") -> FeedEntry:
    return FeedEntry(f"{HOST}/{slug}", title or slug.capitalize(), when, summary)


def urls(store: Store) -> list[str]:
    return [line.entry.key.removeprefix(HOST + "/") for line in store.front_page()]


def test_feed_merge_keeps_the_order_and_loses_nothing(store: Store) -> None:
    assert store.put_feed([entry("a"), entry("b"), entry("c")]).new == tuple(
        f"{HOST}/{slug}" for slug in "abc"
    )
    assert urls(store) == ["a", "b", "c"]
    # The next refresh: "d" on top, "b" still there, "a" and "c" gone from the feed.
    merged = store.put_feed([entry("d"), entry("b", summary="Now with a summary")])
    assert merged == (((f"{HOST}/d"),), 0)
    assert urls(store) == ["d", "b", "a", "c"]
    assert store.put_feed([entry("b/", title="B, retitled")]) == ((), 1)  # same URL
    assert store.put_feed([entry("b", title="B, retitled")]) == ((), 0)  # the same again
    assert store.listed_title(f"{HOST}/b/") == "B, retitled"
    assert store.listed_title(f"{HOST}/not-listed") is None
    lines = {line.entry.key: line.entry for line in store.front_page()}
    assert lines[f"{HOST}/b"].title == "B, retitled"
    assert store.search("summary") == [f"{HOST}/b"]
    assert [line.entry.key for line in store.front_page(limit=2)] == [f"{HOST}/b", f"{HOST}/d"]


def test_dated_entries_come_newest_first(store: Store) -> None:
    day = datetime(2026, 5, 1, 9)
    store.put_feed(
        [entry("old", when=day), entry("undated"), entry("new", when=day.replace(day=3))]
    )
    store.put_feed([entry("mid", when=day.replace(day=2))])
    assert urls(store) == ["new", "mid", "old", "undated"]
    assert store.front_page()[0].entry.published_at == day.replace(day=3)


def test_front_page_lines_say_read_saved_and_cached(store: Store) -> None:
    store.put_feed([entry("a", title="Feed title"), entry("b")])
    store.put_story(make_story("a", "The story's own title"))
    store.mark_read(f"{HOST}/a")
    store.save(f"{HOST}/b")
    a, b = sorted(store.front_page(), key=lambda line: line.entry.key)
    assert (a.entry.title, a.read, a.saved, a.entry.cached) == (
        "The story's own title",
        True,
        False,
        True,
    )
    assert (b.entry.title, b.read, b.saved, b.entry.cached) == ("B", False, True, False)


# Marks and history -----------------------------------------------------------------


def test_read_marks(store: Store) -> None:
    store.mark_read(f"{HOST}/a.json")
    assert store.is_read(f"{HOST}/a#top")
    assert store.read_urls() == {f"{HOST}/a"}
    store.mark_all_read([f"{HOST}/b", f"{HOST}/c"])
    assert store.read_urls([f"{HOST}/a", f"{HOST}/z"]) == {f"{HOST}/a"}
    store.mark_read(f"{HOST}/a", read=False)
    assert not store.is_read(f"{HOST}/a")
    assert store.read_urls() == {f"{HOST}/b", f"{HOST}/c"}


def test_saved_stories(store: Store, clock: Clock) -> None:
    store.put_story(make_story("a", "Alpha"))
    store.save(f"{HOST}/a")
    clock.now += 1
    store.save(f"{HOST}/b")
    assert [(line.entry.key, line.entry.title, line.entry.cached) for line in store.saved()] == [
        (f"{HOST}/b", "", False),
        (f"{HOST}/a", "Alpha", True),
    ]
    store.save(f"{HOST}/b", saved=False)
    assert [line.entry.key for line in store.saved()] == [f"{HOST}/a"]


def test_history_most_recent_first_each_once(store: Store, clock: Clock) -> None:
    for slug in ("a", "b", "a", "c"):
        clock.now += 1
        store.record_visit(f"{HOST}/{slug}")
    assert store.history() == [f"{HOST}/c", f"{HOST}/a", f"{HOST}/b"]
    assert store.history(limit=2) == [f"{HOST}/c", f"{HOST}/a"]
    store.put_story(make_story("a", "Alpha"))
    lines = store.listed(store.history())
    assert [(line.entry.title, line.entry.cached) for line in lines] == [
        ("", False),
        ("Alpha", True),
        ("", False),
    ]


def test_meta(store: Store) -> None:
    assert store.get_meta("feed.etag") is None
    store.set_meta("feed.etag", '"abc"')
    assert store.get_meta("feed.etag") == '"abc"'
    store.set_meta("feed.etag", None)
    assert store.get_meta("feed.etag") is None


# Search ----------------------------------------------------------------------------


@pytest.fixture
def searchable(store: Store) -> Store:
    story, document = fixture_story()
    store.put_story(story, document)
    store.put_story(make_story("prevot", "Prévot visits the harbour", "<p>In Liège.</p>"))
    store.put_story(make_story("bridge", "A bridge", "<p>Trains to Zwijnaarde &amp; Liege.</p>"))
    store.put_feed([entry("feed-only", "Unfetched railway news", summary="Strike in Tervuren")])
    return store


def slugs(found: list[str]) -> set[str]:
    return {url.rpartition("/")[2] for url in found}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "defence",
            {"belgian-defence-industry-looks-to-expand-ties-with-turkey-during-trade-mission"},
        ),
        ("HARBOUR", {"prevot"}),  # title, any case
        ("zwijnaarde", {"bridge"}),  # body
        ("trains liege", {"bridge"}),  # two words, both needed
        ("harbour zwijnaarde", set()),
        ("zeppelin", set()),
        ("prevot", {"prevot"}),  # accents either way
        ("liège", {"prevot", "bridge"}),
        ("harb", {"prevot"}),  # the start of a word, as it is typed
        ("tervuren", {"feed-only"}),  # a feed entry's summary
        ("", set()),
        ('" — *', set()),  # no words at all
        ('("harbour* -', {"prevot"}),  # what the user types is never query syntax
        ("harbour OR zeppelin", set()),  # OR is a word here
    ],
)
def test_search(searchable: Store, query: str, expected: set[str]) -> None:
    assert slugs(searchable.search(query)) == expected


def test_search_without_fts5_falls_back_to_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_schema, "fts5_available", lambda: False)
    with Store.open(tmp_path / "plain.sqlite") as store:
        store.put_story(make_story("a", "Harbour plans", "<p>100% of the budget line</p>"))
        store.put_feed([entry("f", "Railway news")])
        assert slugs(store.search("harbour budget")) == {"a"}
        assert slugs(store.search("100%")) == {"a"}
        assert slugs(store.search("t_l")) == set()  # "_" is no wildcard
        assert slugs(store.search("RAILWAY")) == {"f"}


def test_search_is_newest_first_and_limited(store: Store) -> None:
    day = datetime(2026, 5, 1)
    for index in range(5):
        store.put_story(make_story(f"s{index}", f"Budget {index}", when=day + timedelta(index)))
    store.put_feed([entry(f"s{index}", when=day + timedelta(index)) for index in range(5)])
    assert store.search("budget", limit=2) == [f"{HOST}/s4", f"{HOST}/s3"]


# Purge -----------------------------------------------------------------------------


def test_purge_by_days_keeps_saved_stories(store: Store, clock: Clock) -> None:
    store.put_story(make_story("old", "Old harbour"))
    store.put_story(make_story("kept", "Saved harbour"))
    store.put_feed([entry("old"), entry("kept"), entry("old-entry")])
    store.save(f"{HOST}/kept")
    store.mark_read(f"{HOST}/old")
    store.record_visit(f"{HOST}/old")
    clock.now += 40 * DAY
    store.put_story(make_story("new", "New harbour"))
    store.set_meta("feed.etag", '"v1"')
    assert store.purge(keep_days=30) == 2  # "old" and "old-entry"
    # The feed kept is not the one the validators name: the next refresh reads it whole
    # (answered 304, it would leave the lines the feed still has purged).
    assert store.get_meta("feed.etag") is None
    assert store.search("harbour") and slugs(store.search("harbour")) == {"kept", "new"}
    assert urls(store) == ["kept"]
    assert store.read_urls() == set() and store.history() == []
    assert store.get_story(f"{HOST}/kept") is not None


def test_purge_by_count_keeps_the_newest_and_saved(store: Store) -> None:
    day = datetime(2026, 5, 1)
    for index in range(10):
        store.put_story(make_story(f"s{index}", f"Story {index}", when=day + timedelta(index)))
    store.save(f"{HOST}/s0")
    store.set_meta("feed.etag", '"v1"')
    assert store.purge(keep_stories=3, vacuum=True) == 6
    assert store.get_meta("feed.etag") == '"v1"'  # no line of the feed went
    assert {url.rpartition("/")[2] for url in store.search("story")} == {"s9", "s8", "s7", "s0"}
    assert store.purge() == 0  # no limits: nothing to do
    assert store.story_count() == 4


# A damaged or unusable file --------------------------------------------------------


def real_database(path: Path, stories: int = 200) -> None:
    with Store.open(path) as store, store.transaction():
        for index in range(stories):
            store.put_story(make_story(f"s{index}", f"Story {index}", "<p>" + "word " * 300))
        store.put_feed([entry(f"s{index}") for index in range(stories)])


@pytest.mark.parametrize("in_thread", [False, True], ids=["checked at open", "in a thread"])
@pytest.mark.parametrize("damage", ["random bytes", "text file", "truncated database"])
def test_a_damaged_file_is_moved_aside(tmp_path: Path, damage: str, in_thread: bool) -> None:
    path = tmp_path / "belga.sqlite"
    if damage == "random bytes":
        path.write_bytes(os.urandom(50_000))
    elif damage == "text file":
        path.write_text("[cache]\nthis = 'is not a database'\n")
    else:
        real_database(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with Store.open(path, check_in_thread=in_thread) as store:
        moved = store.recovered_from
        assert moved is not None and moved.name.startswith("belga.sqlite.corrupt-")
        assert moved.read_bytes() == before
        assert store.recovery_message is not None and str(moved) in store.recovery_message
        store.put_story(make_story("a", "Fresh"))
        assert [line.entry.key for line in store.saved()] == []
        assert store.get_story(f"{HOST}/a") is not None
    with Store.open(path) as again:
        assert again.recovered_from is None and again.has_story(f"{HOST}/a")


def test_a_check_in_a_thread_is_waited_for_before_the_file_is_used(tmp_path: Path) -> None:
    # The app's start-up: the list's tables are checked in a thread while the app starts;
    # the damaged file is moved aside at the first use, before anything is read from it
    # or written to it, and the move is said (recovery_message); nothing of it is lost.
    path = tmp_path / "belga.sqlite"
    real_database(path)
    damage_pages(path, "feed")  # a table the list is read from; the file opens fine
    before = path.read_bytes()
    store = Store.open(path, check_in_thread=True)
    try:
        assert path.read_bytes() == before  # opened, not checked yet: left in place
        assert store.front_page() == []  # the first read: checked, moved aside, fresh
        moved = store.recovered_from
        assert moved is not None and moved.read_bytes() == before
        assert store.recovery_message is not None and str(moved) in store.recovery_message
        store.put_story(make_story("a", "Fresh"))
        assert store.search("fresh") == [f"{HOST}/a"]  # the fresh file's own search index
    finally:
        store.close()
    with Store.open(path, check_in_thread=True) as again:
        assert again.recovered_from is None and again.has_story(f"{HOST}/a")


def test_a_sound_file_checked_in_a_thread_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite"
    real_database(path, stories=20)
    with Store.open(path, check_in_thread=True) as store:
        assert len(store.front_page()) == 20
        assert store.recovered_from is None and store.recovery_message is None
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def damage_pages(path: Path, table: str) -> None:
    """Overwrite the leaf pages of ``table`` in the database at ``path``."""
    with sqlite3.connect(path) as db:
        try:
            pages = db.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
            ).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
        size = db.execute("PRAGMA page_size").fetchone()[0]
    assert pages
    with path.open("r+b") as file:
        for (page,) in pages:
            file.seek((page - 1) * size)
            file.write(b"\xff" * size)


def test_damage_met_while_reading_is_repaired_on_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite"
    real_database(path)
    damage_pages(path, "story_texts")
    with Store.open(path) as store:
        assert store.recovered_from is None  # the list's tables are sound
        assert len(store.front_page()) == 200
        with pytest.raises(StoreError, match="damaged"):
            for index in range(200):
                store.get_story(f"{HOST}/s{index}")
    with Store.open(path) as store:
        assert store.recovered_from is not None
        assert store.front_page() == []


def test_an_unwritable_place_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        Store.open(tmp_path / "file" / "db.sqlite")
    (tmp_path / "folder.sqlite").mkdir()
    with pytest.raises(StoreError, match="Cannot open the cache"):
        Store.open(tmp_path / "folder.sqlite")


def test_a_store_from_a_newer_belga_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "belga.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer belga"):
        Store.open(path)
    assert path.exists()


# Sharing -------------------------------------------------------------------------


def _one_process(path: str, name: str, other: str, barrier: object) -> None:
    """Write 200 stories and marks while reading what the other process writes."""
    with Store.open(Path(path)) as store:
        barrier.wait()  # type: ignore[attr-defined]
        for index in range(200):
            store.put_story(make_story(f"{name}{index}", f"{name} story {index}"))
            store.mark_read(f"{HOST}/{name}{index}")
            store.put_feed([entry(f"{name}{index}")])
            store.get_story(f"{HOST}/{other}{index}")
            store.search(other)
            store.front_page()


def test_two_processes_share_one_store(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "belga.sqlite"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    processes = [
        context.Process(target=_one_process, args=(str(path), name, other, barrier))
        for name, other in (("left", "right"), ("right", "left"))
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0, 0]
    with Store.open(path) as store:
        assert store.story_count() == 400
        assert len(store.read_urls()) == 400
        assert len(store.front_page()) == 400
        assert len(store.search("left")) == 200


def test_threads_share_one_store(store: Store) -> None:
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            for index in range(50):
                store.put_story(make_story(f"{name}{index}", f"{name} {index}"))
                store.mark_read(f"{HOST}/{name}{index}")
                store.front_page()
                store.search(name)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.story_count() == 200 and len(store.read_urls()) == 200


# 10,000 stories --------------------------------------------------------------------


def test_ten_thousand_stories(tmp_path: Path) -> None:
    """The list and the filter's search over 10,000 stories give exactly the right ones.

    (How fast is measured by hand in bench/, in a real terminal; not here.)
    """
    path = tmp_path / "big.sqlite"
    day = datetime(2026, 1, 1)
    with Store.open(path) as store, store.transaction():
        for index in range(10_000):
            body = f"<p>Body {index}: word{index % 100} budget.</p>"
            when = day + timedelta(minutes=index)
            store.put_story(
                make_story(f"s{index}", f"Story {index} harbour{index % 7}", body, when)
            )
        store.put_feed(
            [entry(f"s{index}", when=day + timedelta(minutes=index)) for index in range(10_000)]
        )
    with Store.open(path) as store:
        lines = store.front_page()
        assert len(lines) == 10_000 and lines[0].entry.key == f"{HOST}/s9999"
        assert all(line.entry.cached and not line.read for line in lines)
        # Words in the body only (word17), in the title only (harbour3), and both.
        assert len(store.search("word17")) == 100
        assert len(store.search("harbour3")) == len([i for i in range(10_000) if i % 7 == 3])
        assert len(store.search("harbour3 word17")) == len(
            [i for i in range(10_000) if i % 7 == 3 and i % 100 == 17]
        )
