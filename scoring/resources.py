"""Read the packaged word lists once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Entries of ``scoring/data/<name>``: one a line, ``#`` comments dropped."""
    raw = resources.files("scoring").joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)


@cache
def region_parents() -> dict[str, str]:
    """Map a canonical region to the wider region it lies in (``eu-west < europe``)."""
    parents: dict[str, str] = {}
    for entry in word_list("regions.txt"):
        head = entry.partition(":")[0]
        if "<" in head:
            child, _, parent = head.partition("<")
            parents[child.strip().lower()] = parent.strip().lower()
    return parents


@cache
def region_aliases() -> dict[str, str]:
    """Map every region alias (lower case) to its canonical name."""
    aliases: dict[str, str] = {}
    for entry in word_list("regions.txt"):
        canonical, _, rest = entry.partition(":")
        canonical = canonical.partition("<")[0].strip().lower()
        aliases[canonical] = canonical
        for alias in rest.split(","):
            alias = alias.strip().lower()
            if alias:
                aliases[alias] = canonical
    return aliases
