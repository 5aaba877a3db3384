"""Story JSON that Python's json reads, or refuses, in ways belga did not expect (tester
report 3, item 0): a number of over 4,300 digits raises ValueError, not JSONDecodeError,
and crashed belga (a folder: Textual's traceback; ``--dump`` and the plain list: Python's;
a newsroom: the fetch-ahead stopped at it); a lone surrogate escape (``\\udfff``) is valid
JSON whose text cannot be encoded, and the store's put failed on it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.terminal import installed_command
from tests.test_store import Clock
from tui.core.loader import load_all
from tui.core.model.story import StoryError, parse_story_bytes
from tui.core.store.database import Store

BIG = b'{"title": "Big int", "body": "<p>x</p>", "published_at": ' + b"9" * 5000 + b"}"
LONE = (
    b'{"title": "Lone \\ud800 title", "url": "https://newsroom.example/lone",'
    b' "body": "<p>lone \\udfff surrogate and a pair \\ud83d\\ude00</p>",'
    b' "extra \\udc00 key": ["\\udbff"]}'
)


def test_a_number_too_long_is_a_story_error() -> None:
    with pytest.raises(StoryError, match="a number of more than 4,300 digits"):
        parse_story_bytes(BIG)


def test_lone_surrogates_become_replacement_characters() -> None:
    story = parse_story_bytes(LONE)
    assert story.title == "Lone \ufffd title"
    assert "lone \ufffd surrogate and a pair \U0001f600" in story.body_html
    assert story.extra == {"extra \ufffd key": ["\ufffd"]}
    json.dumps(story.extra, ensure_ascii=False).encode()  # encodable, all of it


def test_a_folder_with_both_loads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_bytes(BIG)
    (tmp_path / "lone.json").write_bytes(LONE)
    result = load_all([tmp_path])
    assert [story.title for story in result.stories] == ["Lone \ufffd title"]
    assert [Path(p.path).name for p in result.problems] == ["big.json"]
    assert "a number of more than 4,300 digits" in result.problems[0].reason


def test_the_store_keeps_a_story_that_had_lone_surrogates(tmp_path: Path) -> None:
    with Store.open(tmp_path / "belga.sqlite3", clock=Clock()) as store:
        key = store.put_story(parse_story_bytes(LONE))
        kept = store.get_story(key)
    assert kept is not None and kept.title == "Lone \ufffd title"
    assert "lone \ufffd surrogate" in kept.body_html


def test_dump_and_plain_list_say_why_without_a_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(BIG)
    belga = installed_command()
    dumped = subprocess.run([belga, "--dump", str(big)], capture_output=True, text=True)
    assert dumped.returncode == 1
    assert "Traceback" not in dumped.stderr
    assert "a number of more than 4,300 digits" in dumped.stderr
    listed = subprocess.run([belga, str(tmp_path)], capture_output=True, text=True)
    assert "Traceback" not in listed.stderr + listed.stdout
    assert "a number of more than 4,300 digits" in listed.stderr + listed.stdout
