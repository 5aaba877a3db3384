"""tui.core.model.record behaves as @dataclass(slots=True) does, for what belga uses."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.model.record import FrozenRecordError, field, record


@record(frozen=True)
class Point:
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def twice(self) -> int:
        return 2 * self.x


@dataclasses.dataclass(frozen=True, slots=True)
class Twin:
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = dataclasses.field(
        default_factory=dict, compare=False, hash=False, repr=False
    )


@record
class Counter:
    name: str
    seen: list[str] = field(default_factory=list)


VALUES = st.tuples(st.integers(), st.text(max_size=3), st.lists(st.text(max_size=2)).map(tuple))


@given(VALUES, VALUES)
def test_equality_hash_and_repr_as_a_dataclass(a: tuple, b: tuple) -> None:  # type: ignore[type-arg]
    mine_a, mine_b = Point(a[0], a[1], a[2], {"n": 1}), Point(*b)
    twin_a, twin_b = Twin(a[0], a[1], a[2], {"n": 1}), Twin(*b)
    assert (mine_a == mine_b) == (twin_a == twin_b)
    assert (mine_a != mine_b) == (twin_a != twin_b)
    if mine_a == mine_b:
        assert hash(mine_a) == hash(mine_b)
    assert repr(mine_a).replace("Point", "Twin") == repr(twin_a)


def test_construction_defaults_and_factories() -> None:
    assert Point(1) == Point(x=1, label="", tags=()) and Point(1).twice == 2
    assert Point(1).extra == {} and Point(1).extra is not Point(1).extra
    assert Point(1, extra={"a": 1}) == Point(1)  # compare=False
    assert Point(1) != cast(object, Twin(1))  # another class is never equal
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, nope=2)  # type: ignore[call-arg]


def test_frozen_and_slotted() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenRecordError):
        del point.label
    assert isinstance(FrozenRecordError(), AttributeError)
    assert not hasattr(point, "__dict__")
    assert Point.__match_args__ == ("x", "label", "tags", "extra")


def test_mutable_records() -> None:
    counter = Counter("a")
    counter.seen.append("x")
    counter.name = "b"
    assert counter == Counter("b", ["x"]) and Counter("a").seen == []
    with pytest.raises(TypeError):
        hash(counter)
    with pytest.raises(AttributeError):
        counter.other = 1  # type: ignore[attr-defined]


def test_the_dataclasses_functions_work_on_records() -> None:
    point = Point(1, "one", ("t",), {"k": 2})
    assert dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "label", "tags", "extra"]
    moved = dataclasses.replace(point, x=5)
    assert moved == Point(5, "one", ("t",)) and moved.extra == {"k": 2}
    assert dataclasses.asdict(point) == {"x": 1, "label": "one", "tags": ("t",), "extra": {"k": 2}}
    assert dataclasses.replace(Counter("a", ["x"]), name="b") == Counter("b", ["x"])


def test_copy_and_pickle() -> None:
    point = Point(3, "c", ("a", "b"), {"z": 1})
    for again in (copy.copy(point), copy.deepcopy(point), pickle.loads(pickle.dumps(point))):
        assert again == point and again.extra == {"z": 1}
