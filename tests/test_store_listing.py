"""The store's list by its index, a window of it, and the filter's unordered search,
against real SQLite files: the same lines in the same order as the sort they replace."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tui.core.net.feed import FeedEntry
from tui.core.store import schema as store_schema
from tui.core.store.database import Store

HOST = "https://newsroom.example"

# The order the list had before ``listed_at``: the feed's date, else its story's.
SORTED = """
SELECT f.url FROM feed AS f LEFT JOIN stories AS s ON s.url = f.url
ORDER BY coalesce(f.published_at, s.published_at) DESC, f.position DESC
"""


def story(slug: str, when: datetime | None, title: str = "") -> object:
    from tui.core.model.story import Story

    return Story(
        title=title or f"Story {slug}", body_html=f"<p>Body of {slug}.</p>",
        url=f"{HOST}/{slug}", published_at=when,
    )  # fmt: skip


def mixed_store(path: Path, count: int = 300) -> Store:
    """Feed entries dated or not, with or without a stored story dated or not, written
    in an order unrelated to their dates, then some re-dated and some stories removed."""
    rng = random.Random(7)
    day = datetime(2026, 3, 1, 8)
    store = Store.open(path)
    slugs = [f"s{index}" for index in range(count)]
    rng.shuffle(slugs)
    dates = {slug: day + timedelta(hours=rng.randrange(2000)) for slug in slugs}
    for slug in slugs[: count // 2]:
        store.put_story(story(slug, dates[slug] if rng.random() < 0.8 else None))  # type: ignore[arg-type]
    for chunk in range(0, count, 50):
        store.put_feed(
            FeedEntry(f"{HOST}/{slug}", slug, dates[slug] if rng.random() < 0.5 else None, "")
            for slug in slugs[chunk : chunk + 50]
        )
    for slug in slugs[count // 2 : count // 2 + 40]:  # stored after the feed listed them
        store.put_story(story(slug, dates[slug] - timedelta(days=3)))  # type: ignore[arg-type]
    for slug in slugs[:10]:  # a story fetched again with another date
        store.put_story(story(slug, dates[slug] + timedelta(days=30)))  # type: ignore[arg-type]
    return store


def sorted_urls(store: Store) -> list[str]:
    return [row[0] for row in store._db.execute(SORTED)]


def test_the_indexed_order_is_the_sorted_order(tmp_path: Path) -> None:
    with mixed_store(tmp_path / "mixed.sqlite") as store:
        keys = [line.entry.key for line in store.front_page()]
        assert keys == sorted_urls(store)
        plan = " ".join(str(row) for row in store._db.execute("EXPLAIN QUERY PLAN " + SORTED))
        assert "TEMP B-TREE" in plan  # what the old order cost: a sort of every entry


def test_the_front_page_is_read_from_its_index_without_a_sort(tmp_path: Path) -> None:
    from tui.core.store.rows import FRONT_PAGE

    with mixed_store(tmp_path / "mixed.sqlite", 20) as store:
        plan = [str(row) for row in store._db.execute("EXPLAIN QUERY PLAN " + FRONT_PAGE, (5, 0))]
    assert any("feed_listed" in step for step in plan) and not any("TEMP" in s for s in plan)


def test_the_top_and_pages_are_the_whole_list_cut(tmp_path: Path) -> None:
    with mixed_store(tmp_path / "mixed.sqlite") as store:
        whole = store.front_page()
        top, total, oldest = store.front_page_top(40)
        assert top == whole[:40] and total == len(whole) == 300
        assert store.front_page(50, 120) == whole[120:170]
        dated = [line.entry.published_at for line in whole if line.entry.published_at]
        assert oldest == min(dated)


def test_an_old_database_gets_the_order_column(tmp_path: Path) -> None:
    """A version-1 file (no ``listed_at``) is migrated: filled from the feed and the
    stories, then kept by the triggers."""
    path = tmp_path / "old.sqlite"
    with mixed_store(path, 100) as store:
        expected = [line.entry.key for line in store.front_page()]
    db = sqlite3.connect(path, isolation_level=None)
    for name in ("feed_listed_insert", "feed_listed_update", "stories_listed_insert",
                 "stories_listed_update", "stories_listed_delete"):  # fmt: skip
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DROP INDEX feed_listed")
    db.execute("ALTER TABLE feed DROP COLUMN listed_at")
    db.execute("PRAGMA user_version = 1")
    db.close()
    with Store.open(path) as store:
        assert [line.entry.key for line in store.front_page()] == expected
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == store_schema.SCHEMA_VERSION
        store.put_story(story("s-new", datetime(2030, 1, 1)))  # type: ignore[arg-type]
        store.put_feed([FeedEntry(f"{HOST}/s-new", "New", None, "")])
        assert store.front_page()[0].entry.key == f"{HOST}/s-new"
        assert [line.entry.key for line in store.front_page()] == sorted_urls(store)


def test_purged_stories_leave_the_order_true(tmp_path: Path) -> None:
    with mixed_store(tmp_path / "mixed.sqlite") as store:
        store._db.execute(f"DELETE FROM stories WHERE url LIKE '{HOST}/s1%'")
        assert [line.entry.key for line in store.front_page()] == sorted_urls(store)


@pytest.mark.parametrize("fts", [True, False])
def test_matching_finds_what_search_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fts: bool
) -> None:
    if not fts:
        monkeypatch.setattr(store_schema, "fts5_available", lambda: False)
    with mixed_store(tmp_path / "mixed.sqlite") as store:
        store.put_feed([FeedEntry(f"{HOST}/only-feed", "Railway strike", None, "In Ghent")])
        for words in ("story", "s1", "body of s2", "railway", "ghent", "zzz", "", "s"):
            assert store.matching(words) == set(store.search(words)), words


def test_matching_sees_what_was_written_since(tmp_path: Path) -> None:
    """The URLs by row id are read again after a write, ours or another process's."""
    path = tmp_path / "mixed.sqlite"
    with mixed_store(path, 20) as store:
        assert store.matching("harbour") == set()
        store.put_story(story("h1", None, "Harbour news"))  # type: ignore[arg-type]
        assert store.matching("harbour") == {f"{HOST}/h1"}
        with Store.open(path) as other:
            other.put_story(story("h2", None, "Harbour again"))  # type: ignore[arg-type]
        assert store.matching("harbour") == {f"{HOST}/h1", f"{HOST}/h2"}
