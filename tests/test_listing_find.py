"""Finding a story's line in the list's lazy sequences (tui/core/model/listing.py): the
same line a walk down the list finds, without making a line of those it passes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from tui.core.model.listing import Entry, Mapped, Rows, find_key, subset

WHEN = datetime(2026, 11, 20, 9)


def rows_of(keys: list[str]) -> tuple[Rows, list[int]]:
    """Store-like lines of ``keys`` and a counter of the entries made from them."""
    made = [0]

    def entry(row: tuple[Any, ...]) -> Entry:
        made[0] += 1
        return Entry(row[0], row[1], WHEN)

    lines = [(key, f"Title {key}") for key in keys]
    return Rows(lines, entry, list(keys), [title for _, title in lines], (WHEN, WHEN)), made


keys_ = st.lists(st.sampled_from("abcdefgh"), max_size=12)


@given(keys_, st.sampled_from("abcdefghz"))
def test_the_store_s_lines_find_a_key_without_making_lines(keys: list[str], key: str) -> None:
    lines, made = rows_of(keys)
    assert lines.find(key) == (keys.index(key) if key in keys else None)
    assert made == [0]


@given(keys_, st.lists(st.booleans(), max_size=12), st.sampled_from("abcdefghz"))
@example(["a", "a"], [False, True], "a").via("a key twice, the filter left the second")
def test_a_filtered_list_finds_what_a_walk_down_it_finds(
    keys: list[str], left_by_filter: list[bool], key: str
) -> None:
    rows = [row for row, left in enumerate(left_by_filter[: len(keys)]) if left]
    lines, made = rows_of(keys)
    left = subset(lines, rows)
    walked = find_key(list(left), key)
    made[0] = 0
    assert left.find(key) == walked
    assert made == [0]
    plain = subset([Entry(k, k, WHEN) for k in keys], rows)  # story files: a plain list
    assert plain.find(key) == walked


def test_a_list_made_as_it_is_read_finds_by_going_down_it() -> None:
    lines = Mapped(["a", "b", "b"], lambda key: Entry(key, key, WHEN))
    assert lines.find("b") == 1
    assert lines.find("z") is None
