"""The conventional facts, as the scorer reads them, and the types they must have.

The loader checks a scenario's facts with them; a drill replayed from a log (a file or the store)
checks the facts its events carry the same way, so a log edited by hand is refused with a reason
rather than failing in the scorer.
"""

from __future__ import annotations

from typing import Any

from drill.scenario.model import PHASES


def _is_count(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _is_names(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def _is_aliases(value: Any) -> bool:
    return value is None or (isinstance(value, dict) and all(isinstance(item, str) for item in value.values()))


# The conventional facts, as the scorer reads them: (accepts, what it must be). Null means "not known".
FACT_TYPES = {
    "phase": (lambda value: value in PHASES, f"one of {', '.join(PHASES)}"),
    "customers_affected": (_is_count, "a whole number of customers, 0 or more"),
    "regions": (_is_names, "a list of region names, like [EU, UK]"),
    "services": (_is_names, "a list of service names, like [checkout, card payments]"),
    "cause": (lambda value: value is None or isinstance(value, str), "text (the confirmed cause)"),
    "data_exposed": (lambda value: value is None or isinstance(value, bool), "true or false"),
    "aliases": (_is_aliases, "a mapping of the scenario's names to regions, like {Acme North: eu-west}"),
}


def fact_problem(key: str, value: Any) -> str | None:
    """What is wrong with a conventional fact's value ("regions must be ..."), or None if it is fine."""
    expected = FACT_TYPES.get(key)
    if expected is None or expected[0](value):
        return None
    return f"fact {key!r} must be {expected[1]}, not {value!r}"
