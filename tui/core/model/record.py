"""Value classes like ``@dataclass(slots=True)``, at a fraction of its start-up cost.

On Python 3.11, importing :mod:`dataclasses` (which imports :mod:`inspect`) and
building a dataclass (one ``exec`` per method, and a second class for the slots) cost a
quarter of ``belga --dump``'s whole run, before any story was read. :func:`record`
builds the same methods from one generated source per class: ``__init__`` (defaults
and ``field(default_factory=…)``), ``__eq__``, ``__hash__`` (frozen classes; fields
with ``compare=False`` or ``hash=False`` left out), ``__repr__``, ``__match_args__``,
and for frozen classes ``__setattr__``/``__delattr__`` that refuse, with
``__getstate__``/``__setstate__`` so that copy and pickle still work. As a dataclass,
a record's ``__init__`` ends with ``__post_init__()`` when the class has one (Textual's
messages need theirs), a record inherits the fields of a record it derives from, and
``eq=False`` keeps the identity's equality and hash.

The classes stay dataclasses to the rest of the code: ``dataclasses.replace``,
``fields`` and ``asdict`` work on them, through ``__dataclass_fields__``, which is
built (by :mod:`dataclasses` itself) the first time something asks for it: that
costs about what building the dataclass did, so belga's own code uses :func:`replace`
and :func:`field_names`, which ask nothing of :mod:`dataclasses`. mypy reads
:func:`record` as a dataclass (``dataclass_transform``). Checked against
``@dataclass`` by tests/test_record.py.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:  # typing is not imported at run time (a tenth of belga --dump's start-up, issue 13)

    def dataclass_transform(**_: object) -> Callable[[T], T]:
        return lambda function: function


__all__ = ["FrozenRecordError", "NamedTuple", "field", "field_names", "record", "replace"]

_MISSING: Any = object()


class FrozenRecordError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class _Field:
    __slots__ = ("compare", "default", "factory", "hash", "name", "repr")

    def __init__(self, default: Any, factory: Any, compare: bool, hash: bool | None,
                 repr: bool) -> None:  # fmt: skip
        self.name = ""
        self.default, self.factory = default, factory
        self.compare, self.hash, self.repr = compare, hash, repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] = _MISSING,
          compare: bool = True, hash: bool | None = None, repr: bool = True) -> Any:  # fmt: skip
    """As :func:`dataclasses.field` (its common arguments)."""
    return _Field(default, default_factory, compare, hash, repr)


class _LazyFields:
    """``__dataclass_fields__``, made by :mod:`dataclasses` when first asked for."""

    def __get__(self, instance: object, owner: type) -> dict[str, Any]:
        import dataclasses

        specs = []
        for item in owner.__record_fields__:  # type: ignore[attr-defined]
            options: dict[str, Any] = {"compare": item.compare, "hash": item.hash,
                                       "repr": item.repr}  # fmt: skip
            if item.default is not _MISSING:
                options["default"] = item.default
            if item.factory is not _MISSING:
                options["default_factory"] = item.factory
            specs.append((item.name, "object", dataclasses.field(**options)))
        shadow = dataclasses.make_dataclass(owner.__name__, specs)
        fields: dict[str, Any] = shadow.__dataclass_fields__  # type: ignore[attr-defined]
        type.__setattr__(owner, "__dataclass_fields__", fields)
        return fields


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = False, eq: bool = True) -> Any:
    """Make ``cls`` a slotted value class of its annotated fields (see the module)."""

    def build(cls: type[T]) -> type[T]:
        return _build(cls, frozen, eq)

    return build if cls is None else build(cls)


def field_names(cls: type) -> tuple[str, ...]:
    """The names of a record's fields, in order (``dataclasses.fields`` without its cost)."""
    return tuple(item.name for item in cls.__record_fields__)  # type: ignore[attr-defined]


def replace(obj: T, /, **changes: Any) -> T:
    """``obj`` with ``changes``, as ``dataclasses.replace`` makes it, for a record."""
    for item in obj.__record_fields__:  # type: ignore[attr-defined]
        if item.name not in changes:
            changes[item.name] = getattr(obj, item.name)
    return obj.__class__(**changes)


def _build(cls: type[T], frozen: bool, eq: bool) -> type[T]:
    namespace = dict(cls.__dict__)
    fields: dict[str, _Field] = {}
    for base in reversed(cls.__mro__[1:]):  # a base record's fields first, as dataclasses
        for item in base.__dict__.get("__record_fields__", ()):
            fields[item.name] = item
    inherited = set(fields)
    # Not inspect.get_annotations: importing inspect is what this module avoids.
    for name in cls.__dict__.get("__annotations__", {}):  # noqa: RUF063
        value = namespace.pop(name, _MISSING)
        item = value if isinstance(value, _Field) else _Field(value, _MISSING, True, None, True)
        item.name = name
        fields[name] = item
    names = tuple(fields)
    everything = list(fields.values())
    post_init = hasattr(cls, "__post_init__")
    namespace["__init__"] = _first_init(everything, frozen, post_init)
    compared = _getter([item.name for item in everything if item.compare])
    shown = tuple(item.name for item in everything if item.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return compared(self) == compared(other)

    def __repr__(self: Any) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inside})"

    namespace["__repr__"] = __repr__
    if eq:
        namespace["__eq__"] = __eq__
    if frozen:
        hashed = _getter([i.name for i in everything if (i.compare if i.hash is None else i.hash)])
        every = _getter(list(names))

        def __hash__(self: Any) -> int:
            return hash(hashed(self))

        def __getstate__(self: Any) -> Any:
            return every(self)

        def __setstate__(self: Any, state: Any) -> None:
            for name, value in zip(names, state if len(names) != 1 else (state,), strict=True):
                object.__setattr__(self, name, value)

        namespace.update(__getstate__=__getstate__, __setstate__=__setstate__,
                         __setattr__=_refuse_set, __delattr__=_refuse_delete)  # fmt: skip
        if eq:
            namespace["__hash__"] = __hash__
    elif eq:
        namespace["__hash__"] = None  # mutable and compared by value: unhashable
    namespace["__slots__"] = tuple(name for name in names if name not in inherited)
    namespace["__match_args__"] = names
    namespace["__record_fields__"] = tuple(everything)
    namespace["__dataclass_fields__"] = _LazyFields()
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    # The qualified name is not in the class's __dict__: given here, a base's
    # __init_subclass__ sees it (Textual names a nested message's handler after it).
    namespace["__qualname__"] = cls.__qualname__
    return type(cls.__name__, cls.__bases__, namespace)


def _getter(names: list[str]) -> Callable[[Any], Any]:
    """The values of ``names`` of an object, at C speed (one value alone for one name)."""
    return attrgetter(*names) if names else _nothing


def _nothing(_: object) -> tuple[()]:
    return ()


def _refuse_set(self: object, name: str, value: object) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _refuse_delete(self: object, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")


def _first_init(fields: list[_Field], frozen: bool, post_init: bool) -> Callable[..., None]:
    """``__init__`` until the first object is made: it compiles the real one (see
    :func:`_init`), puts it on the class and calls it. A record that is never made costs no
    compiling (``--dump`` of most stories makes no Table, Cell or Problem)."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        owner = next(c for c in type(self).__mro__ if c.__dict__.get("__init__") is __init__)
        init = _init(owner.__qualname__, fields, frozen, post_init)
        type.__setattr__(owner, "__init__", init)
        init(self, *args, **kwargs)

    return __init__


def _init(
    qualname: str, fields: list[_Field], frozen: bool, post_init: bool
) -> Callable[..., None]:
    """``__init__``, generated from the field names (the one compiled method: making
    objects is the hot path)."""
    env: dict[str, Any] = {"_MISSING": _MISSING, "_set": object.__setattr__}
    parameters, body = [], []
    for item in fields:
        if item.factory is not _MISSING:
            env[f"_f_{item.name}"] = item.factory
            parameters.append(f"{item.name}=_MISSING")
            value = f"_f_{item.name}() if {item.name} is _MISSING else {item.name}"
        else:
            if item.default is not _MISSING:
                env[f"_d_{item.name}"] = item.default
                parameters.append(f"{item.name}=_d_{item.name}")
            else:
                parameters.append(item.name)
            value = item.name
        body.append(f" _set(self, {item.name!r}, {value})" if frozen
                    else f" self.{item.name} = {value}")  # fmt: skip
    if post_init:
        body.append(" self.__post_init__()")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(body) or " pass")
    exec(source, env)  # only field names (identifiers) go into the source
    init: Callable[..., None] = env["__init__"]
    init.__qualname__ = f"{qualname}.__init__"
    return init


class _NamedTupleType(type):
    """Makes ``class C(NamedTuple)`` a :func:`collections.namedtuple` (see :class:`NamedTuple`)."""

    def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(cls, name, bases, namespace)
        names = tuple(namespace.get("__annotations__", {}))
        defaults = [namespace[name] for name in names if name in namespace]
        built = namedtuple(name, names, defaults=defaults, module=namespace["__module__"])  # type: ignore[misc]
        for key, value in namespace.items():
            if key not in names and key not in ("__module__", "__qualname__", "__annotations__"):
                setattr(built, key, value)
        built.__qualname__ = namespace["__qualname__"]
        return built


class NamedTuple(metaclass=_NamedTupleType):
    """``typing.NamedTuple`` at run time without importing typing: ``class C(NamedTuple)``
    with annotated fields (defaults after the others) and methods makes the same class
    of tuple. A module imports it as ``if TYPE_CHECKING: from typing import NamedTuple
    else: from tui.core.model.record import NamedTuple`` (mypy reads typing's).
    Checked against typing's by tests/test_record.py."""
