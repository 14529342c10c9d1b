"""``@frozen`` behaves as ``@dataclass(frozen=True)`` does, for every value."""

from __future__ import annotations

import dataclasses
from dataclasses import field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.frozen import frozen


@frozen(order=True)
class Cheap:
    name: str
    size: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)


@dataclasses.dataclass(frozen=True, order=True)
class Generated:
    name: str
    size: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)


values = st.tuples(st.text(max_size=5), st.integers(-3, 3), st.tuples(st.text(max_size=2)), st.text(max_size=3))


@given(values, values)
def test_equality_order_hash_and_repr_match_the_generated_ones(a, b):
    cheap_a, cheap_b = Cheap(*a), Cheap(*b)
    real_a, real_b = Generated(*a), Generated(*b)
    assert (cheap_a == cheap_b) == (real_a == real_b)
    assert (cheap_a != cheap_b) == (real_a != real_b)
    assert (cheap_a < cheap_b, cheap_a <= cheap_b, cheap_a > cheap_b, cheap_a >= cheap_b) == \
        (real_a < real_b, real_a <= real_b, real_a > real_b, real_a >= real_b)
    assert hash(cheap_a) == hash(real_a)
    assert repr(cheap_a).replace("Cheap", "X") == repr(real_a).replace("Generated", "X")


def test_it_stays_a_frozen_dataclass():
    item = Cheap("a", 2)
    assert dataclasses.is_dataclass(item) and [f.name for f in dataclasses.fields(item)] == ["name", "size", "tags", "note"]
    assert dataclasses.replace(item, size=3) == Cheap("a", 3)
    assert dataclasses.asdict(item) == {"name": "a", "size": 2, "tags": (), "note": ""}
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.size = 5
    assert (item == "a") is False and item != Generated("a", 2)  # another class is never equal
    with pytest.raises(TypeError):
        item < Generated("a", 2)  # noqa: B015 - ordering another class is refused, as dataclass refuses it


def test_a_class_with_its_own_method_is_refused():
    with pytest.raises(TypeError, match="a class with its own is a @dataclass"):
        @frozen
        class Own:
            name: str

            def __eq__(self, other):
                return True
