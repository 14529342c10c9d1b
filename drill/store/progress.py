"""Progress across drills, read from the results the store keeps beside each ended drill (`drill trends`).

Plain SQL over ``drills``, ``drill_results`` and ``drill_misses``: the same statements on SQLite
and PostgreSQL (``?`` placeholders, which the PostgreSQL backend translates). Drills are chosen
as ``Store.drills`` chooses them (scenario, team, created from ``since``, before ``until``); only
ended drills count, and only those whose results are kept: ``without_results`` names the others,
for the caller to grade again from their logs and keep with ``Store.set_results``.
"""

from __future__ import annotations

from typing import NamedTuple

from drill.store.store import ENDED, Store, drills_where


class DrillProgress(NamedTuple):
    """One ended drill's kept results."""

    id: str
    created_at: str  # when the store recorded it: UTC, ISO 8601
    scenario_id: str
    title: str
    team: str
    overall: float | None
    speed: float | None
    quality: float | None
    first_public_s: float | None  # seconds to the first public update (None: there was none)
    promises_kept: int
    promises_made: int


class Missed(NamedTuple):
    """A message-quality criterion failed in the chosen drills."""

    criterion: str
    misses: int  # graded messages that failed it, all drills together
    drills: int  # drills with at least one such message


def drill_progress(store: Store, *, scenario: str | None = None, team: str | None = None,
                   since: str | None = None, until: str | None = None) -> list[DrillProgress]:
    """The chosen ended drills with results kept, oldest first."""
    chosen, params = _chosen(scenario, team, since, until)
    rows = store.rows(
                 "SELECT d.id, d.created_at, d.scenario_id, d.title, d.team, r.overall, r.speed, r.quality, "
                 "r.first_public_s, r.promises_kept, r.promises_made "
                 f"FROM drills d JOIN drill_results r ON r.drill_id = d.id WHERE {chosen} "
                 f"ORDER BY d.created_at, d.{store.insertion_order}", params)
    return [DrillProgress(drill_id, created_at, scenario_id, title, team or "", overall, speed, quality,
                          first_public_s, int(kept or 0), int(made or 0))
            for (drill_id, created_at, scenario_id, title, team, overall, speed, quality, first_public_s, kept,
                 made) in rows]


def most_missed(store: Store, *, scenario: str | None = None, team: str | None = None, since: str | None = None,
                until: str | None = None, limit: int = 5) -> list[Missed]:
    """The criteria the chosen drills' messages failed most often (the drills of ``drill_progress``):
    most misses first, then in most drills, then by id."""
    chosen, params = _chosen(scenario, team, since, until)
    rows = store.rows(
                 "SELECT m.criterion, sum(m.misses), count(*) "
                 "FROM drill_misses m JOIN drills d ON d.id = m.drill_id "
                 f"JOIN drill_results r ON r.drill_id = d.id WHERE {chosen} "
                 "GROUP BY m.criterion ORDER BY sum(m.misses) DESC, count(*) DESC, m.criterion LIMIT ?",
                 [*params, int(limit)])
    return [Missed(criterion, int(misses), int(drills)) for criterion, misses, drills in rows]


def without_results(store: Store, *, scenario: str | None = None, team: str | None = None,
                    since: str | None = None, until: str | None = None) -> list[str]:
    """The chosen ended drills whose results were never kept (stored before the store kept them), oldest first."""
    chosen, params = _chosen(scenario, team, since, until)
    rows = store.rows(
                 "SELECT d.id FROM drills d LEFT JOIN drill_results r ON r.drill_id = d.id "
                 f"WHERE r.drill_id IS NULL AND {chosen} "
                 f"ORDER BY d.created_at, d.{store.insertion_order}", params)
    return [drill_id for (drill_id,) in rows]


def _chosen(scenario: str | None, team: str | None, since: str | None, until: str | None) -> tuple[str, list]:
    """A condition on ``drills d``: ended, and among the drills ``Store.drills`` would choose."""
    where, params = drills_where(scenario=scenario, team=team, since=since, until=until, ids=None)
    condition = "d.status = ?"
    if where:  # the filters name drills' own columns: asked of drills alone, they cannot be ambiguous
        condition += f" AND d.id IN (SELECT id FROM drills{where})"
    return condition, [ENDED, *params]

