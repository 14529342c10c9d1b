"""``@frozen``: ``@dataclass(frozen=True)``, cheaper to define.

For each class, ``@dataclass(frozen=True)`` writes out and compiles six methods (ten with
``order=True``), and loading a scenario defines about twenty such classes: most of the cost of
importing the model, which `drill validate` pays on every run. ``@frozen`` makes the same frozen
dataclass (``__init__`` generated, ``fields``, ``replace`` and ``asdict`` working, assignment
refused) whose equality, hash, repr and ordering are shared functions over the fields. They give
what the generated methods give: equal to an instance of the same class whose compared fields are
equal, ordered and hashed as the tuple of those fields, shown as ``Name(field=value, ...)``.

It lives in ``scoring``, the lowest layer, so that every layer can define its values with it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields
from reprlib import recursive_repr
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Callable

_ORDER = {"__lt__": operator.lt, "__le__": operator.le, "__gt__": operator.gt, "__ge__": operator.ge}


def frozen(cls: type | None = None, /, *, order: bool = False):
    """``@dataclass(frozen=True)``, or ``@frozen(order=True)`` for ``@dataclass(frozen=True, order=True)``.

    The class defines none of the methods made here (``__eq__``, ``__hash__``, ``__repr__``, the comparisons).
    """

    def wrap(cls: type) -> type:
        cls = dataclass(frozen=True, eq=False, repr=False)(cls)
        own = fields(cls)
        compared = _values([field.name for field in own if field.compare])
        hashed = _values([field.name for field in own if (field.compare if field.hash is None else field.hash)])
        methods = {"__eq__": _compare(compared, operator.eq),
                   "__repr__": _repr(tuple(field.name for field in own if field.repr))}
        if order:
            methods.update((name, _compare(compared, operation)) for name, operation in _ORDER.items())
        methods["__hash__"] = _hash(hashed)
        for name, method in methods.items():
            if name in cls.__dict__:
                raise TypeError(f"@frozen makes {cls.__name__}.{name}: a class with its own is a @dataclass")
            method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
        return cls

    return wrap if cls is None else wrap(cls)


def _values(names: list[str]) -> Callable[[Any], tuple]:
    """The tuple of an instance's values of ``names``."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda self: tuple(getattr(self, name) for name in names)


def _compare(values: Callable[[Any], tuple], operation: Callable[[tuple, tuple], bool]):
    def method(self, other):
        if other.__class__ is self.__class__:
            return operation(values(self), values(other))
        return NotImplemented

    return method


def _hash(values: Callable[[Any], tuple]):
    def __hash__(self) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]):
    @recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__
