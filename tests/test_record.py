"""tui.core.model.record behaves as @dataclass(slots=True) does, for what belga uses."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, NamedTuple, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.message import Message

from tui.core.model.record import FrozenRecordError, field, field_names, record, replace


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


@record(frozen=True)
class Based(Point):
    more: int = 0
    label: str = "based"  # a field of the base given another default keeps its place


@dataclasses.dataclass(frozen=True, slots=True)
class BasedTwin(Twin):
    more: int = 0
    label: str = "based"


def test_a_record_inherits_the_fields_of_its_base_record() -> None:
    based, twin = Based(1, more=2), BasedTwin(1, more=2)
    assert (
        Based.__match_args__ == BasedTwin.__match_args__ == ("x", "label", "tags", "extra", "more")
    )
    assert repr(based).replace("Based", "BasedTwin") == repr(twin)
    assert based == Based(1, "based", (), {}, 2) and based != Based(1, more=3)
    assert hash(based) == hash(Based(1, more=2)) and based.twice == 2
    assert isinstance(based, Point) and not hasattr(based, "__dict__")
    with pytest.raises(FrozenRecordError):
        based.more = 3  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Based)] == list(Based.__match_args__)
    assert pickle.loads(pickle.dumps(based)) == based


@record
class Posted:
    value: int
    twice: int = 0

    def __post_init__(self) -> None:
        self.twice = 2 * self.value


@record(eq=False)
class Identity:
    name: str


def test_post_init_and_identity_records() -> None:
    assert Posted(3).twice == 6  # as a dataclass, __init__ ends with __post_init__
    one, same = Identity("a"), Identity("a")
    assert one != same and one == one and hash(one) != hash(same)  # eq=False: by identity
    assert {one: 1}[one] == 1


def test_replace_and_field_names_without_dataclasses() -> None:
    @record(frozen=True)
    class Fresh(Point):
        more: int = 0

    assert field_names(Fresh) == ("x", "label", "tags", "extra", "more")
    fresh = Fresh(1, "one", ("t",), {"k": 2})
    moved = replace(fresh, x=5, more=1)
    assert moved == Fresh(5, "one", ("t",), more=1) and moved.extra == {"k": 2}
    built = Fresh.__dict__["__dataclass_fields__"]
    assert not isinstance(built, dict)  # the lazy one: nothing was asked of dataclasses
    assert moved == dataclasses.replace(fresh, x=5, more=1)
    with pytest.raises(TypeError):
        replace(fresh, nope=1)


class Pane:
    @record
    class Moved(Message):
        """A Textual message as a record: its handler named after Pane.Moved."""

        rows: int


def test_a_textual_message_as_a_record() -> None:
    moved = Pane.Moved(3)
    assert Pane.Moved.__qualname__ == "Pane.Moved"
    assert Pane.Moved.handler_name == "on_pane_moved"  # Message.__init_subclass__ saw it
    assert moved.rows == 3 and moved.time > 0 and not moved.is_forwarded  # __post_init__ ran


class Pair(NamedTuple):
    """A typing.NamedTuple, for the light one to match."""

    name: str
    number: int = 0
    """An attribute docstring, as the modules write them."""
    tags: tuple[str, ...] = ()

    def total(self) -> int:
        return self.number + len(self.tags)


def _light_pair() -> Any:
    from tui.core.model.record import NamedTuple as Light

    class Pair(Light):
        """A typing.NamedTuple, for the light one to match."""

        name: str
        number: int = 0
        """An attribute docstring, as the modules write them."""
        tags: tuple[str, ...] = ()

        def total(self) -> int:
            return self.number + len(self.tags)

    return Pair


def test_the_light_named_tuple_is_typings() -> None:
    """lines.Run and build._Context are made by record.NamedTuple at run time (typing is
    not imported by --dump) and read as typing.NamedTuple by mypy: the same class."""
    light = _light_pair()
    assert light._fields == Pair._fields
    assert light._field_defaults == Pair._field_defaults
    assert light.__doc__ == Pair.__doc__ and light.__module__ == Pair.__module__
    assert light.__qualname__.endswith("Pair") and light.__bases__ == (tuple,)
    made = light("a", 2, ("x",))
    assert made == Pair("a", 2, ("x",)) and made.total() == 3 and tuple(made) == ("a", 2, ("x",))
    assert light("b") == ("b", 0, ()) and repr(light("b")) == repr(Pair("b"))
    assert made._replace(number=5) == ("a", 5, ("x",))
    assert pickle.loads(pickle.dumps(Pair("c"))) == light("c")
    with pytest.raises(TypeError):
        light()


def test_init_is_compiled_when_the_first_record_is_made() -> None:
    """record compiles __init__ when the first object is made (--dump of most stories
    makes no Table or Cell), then it is the one made for the class; a subclass's first
    object (through the record's __init__) compiles it for the record."""

    @record(frozen=True)
    class Late:
        name: str
        count: int = 1

    class Later(Late):
        pass

    assert "_first_init" in Late.__init__.__qualname__
    assert Later("b", 2) == Later("b", 2) and Later("b").count == 1
    assert Late.__init__.__qualname__.endswith("Late.__init__")
    made = Late("a")
    assert (made.name, made.count) == ("a", 1) and made == Late(name="a", count=1)
    with pytest.raises(TypeError):
        Late()  # type: ignore[call-arg]
