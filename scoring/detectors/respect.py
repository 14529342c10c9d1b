"""Respect: no stonewalling, no dismissive tone, no playing the incident down.

Dismissive phrases ("no comment", "nothing to worry about") always count.
Minimising words ("minor", "a handful") only count when the facts say the
impact is large, because for a genuinely small incident they are accurate.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Mapping

from ..resources import word_list
from ..text import first_matches, match_evidence, fold, phrase_pattern
from ..types import Evidence

# At or above this many affected customers, "a handful" or "minor" plays it down.
LARGE_IMPACT_CUSTOMERS = 500


@cache
def _dismissive_re():
    return phrase_pattern(word_list("dismissive.txt"))


@cache
def _minimiser_re():
    return phrase_pattern(word_list("minimisers.txt"))


def find_dismissive(text: str) -> tuple[Evidence, ...]:
    return match_evidence(text, first_matches(_dismissive_re(), fold(text), 3))


def find_minimising(text: str, facts: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """Minimising words, when ``facts`` say the impact is large."""
    if not impact_is_large(facts):
        return ()
    return match_evidence(text, first_matches(_minimiser_re(), fold(text), 3))


def impact_is_large(facts: Mapping[str, Any]) -> bool:
    customers = facts.get("customers_affected")
    if isinstance(customers, (int, float)) and not isinstance(customers, bool):
        if customers >= LARGE_IMPACT_CUSTOMERS:
            return True
    severity = str(facts.get("severity", "")).lower()
    return severity in {"major", "critical", "sev1", "sev-1", "high"} or facts.get("data_exposed") is True
