"""Loading folders of story files, broken ones included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tui.core.loader import Problem, load_all, load_batches
from tui.core.model.listing import newest_first

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"


def _story(title: str, when: str | None) -> bytes:
    return json.dumps({"title": title, "body": "<p>x</p>", "published_at": when}).encode()


def test_a_folder_of_broken_files(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "real.json")
    nested = tmp_path / "deep" / "er"
    nested.mkdir(parents=True)
    (nested / "ok.json").write_bytes(_story("Nested", "2026-01-01 10:00:00"))
    broken = {
        "empty.json": b"",
        "truncated.json": FIXTURE.read_bytes()[:500],
        "latin1.json": '{"title": "Pr\xe9vot"}'.encode("latin-1"),
        "list.json": b"[]",
        "binary.json": bytes(range(256)),
        "nothing.json": b"{}",
    }
    for name, raw in broken.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "notes.txt").write_text("not a story, not looked at")
    (tmp_path / "unreadable.json").mkdir()  # a folder named like a file: walked into

    result = load_all([tmp_path, tmp_path / "missing.json"])

    assert sorted(s.title for s in result.stories) == [
        "Belgian defence industry looks to expand ties with Turkey during trade mission",
        "Nested",
    ]
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert set(reasons) == set(broken) | {"missing.json"}
    assert reasons["empty.json"] == "empty file"
    assert reasons["truncated.json"].startswith("not valid JSON")
    assert reasons["latin1.json"].startswith("not UTF-8")
    assert reasons["missing.json"] == "no such file or folder"
    assert all(isinstance(p, Problem) and str(p).startswith(p.path) for p in result.problems)


def test_batches_arrive_progressively(tmp_path: Path) -> None:
    for index in range(25):
        (tmp_path / f"{index:03}.json").write_bytes(_story(f"S{index}", None))
    sizes = [len(batch.stories) for batch in load_batches([tmp_path], batch_size=10)]
    assert sizes == [10, 10, 5]


def test_newest_first_with_undated_last_in_the_order_given() -> None:
    from tui.core.model.story import parse_story_bytes

    stories = [
        parse_story_bytes(_story("old", "2020-01-01 00:00:00")),
        parse_story_bytes(_story("undated b", None)),
        parse_story_bytes(_story("new", "2026-11-01T08:00:00+01:00")),
        parse_story_bytes(_story("undated a", None)),
        parse_story_bytes(_story("mid", "2024-06-01 12:00:00")),
    ]
    assert [s.title for s in newest_first(stories)] == [
        "new", "mid", "old", "undated b", "undated a",
    ]  # fmt: skip
    # One tie-break everywhere (files, feeds, sitemaps): the order given.
