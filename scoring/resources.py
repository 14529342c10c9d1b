"""Read the packaged data files (word lists, trained models) once per process."""

from __future__ import annotations

import os
from functools import cache

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_text(name: str) -> str:
    """The text of ``scoring/data/<name>``.

    Read as a file beside this module (``importlib.resources`` costs a one-message command more to
    import than the reading does); through ``importlib.resources`` when the package is not on disk.
    """
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files("scoring").joinpath("data", name).read_text(encoding="utf-8")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Entries of ``scoring/data/<name>``: one a line, ``#`` comments dropped."""
    raw = data_text(name)
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
