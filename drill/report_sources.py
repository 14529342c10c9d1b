"""Where a report comes from: a drill in the store, an exported event log, or a report.json.

``load_report_source`` is shared by every command that reads reports, so
`drill report ID`, `drill report drill.jsonl` and `drill report report.json`
resolve their argument the same way. It reads the store and rebuilds drills, so
it sits above ``drill.session`` and ``drill.store``, not in ``drill.report``
(which only builds and renders a report from events).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drill.engine import DrillEngine, Event
from drill.wiring import rebuild_drill
from drill.report.data import REPORT_FORMAT

DRILL_ID = re.compile(r"[a-z0-9]+")


class SourceError(Exception):
    """The argument names no readable drill, log or report; the message says why."""


@dataclass(frozen=True)
class ReportSource:
    name: str                   # the argument as given
    kind: str                   # "store", "events" or "report"
    report: dict[str, Any]
    engine: DrillEngine | None  # the rebuilt drill; None when read from a report.json
    drill_id: str | None = None


def load_report_source(ref: str, db: str | Path | None = None, scenario: str | None = None) -> ReportSource:
    """``ref`` is an existing file (events .jsonl or report.json), else a drill id in the store at ``db``.

    ``scenario`` (an id or a YAML path) is the scenario of an exported log; by default the
    built-in one the log names. Raises SourceError, StoreError or ScenarioError.
    """
    path = Path(ref)
    if path.is_file():
        return _from_file(path, scenario)
    if DRILL_ID.fullmatch(ref):
        return _from_store(ref, db)
    raise SourceError(f"{ref}: no such file, and not a drill id")


def _from_store(drill_id: str, db: str | Path | None) -> ReportSource:
    from drill.session import report_for
    from drill.store import Store, rebuild, resolve_db_path

    with Store(resolve_db_path(db), create=False) as store:
        rebuilt = rebuild(store, drill_id)
    # Dated by its log's start time if it has one, else when the store created it (see fmt.drill_date).
    return ReportSource(drill_id, "store", report_for(rebuilt.engine, rebuilt.record.created_at), rebuilt.engine,
                        drill_id)


def _from_file(path: Path, scenario: str | None) -> ReportSource:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    whole = _json_or_none(text)
    if isinstance(whole, dict) and "scenario" in whole and "format" in whole:
        return _from_report(path, whole)
    return _from_events(path, text, scenario)


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None  # not one JSON document: perhaps JSON lines


def _from_report(path: Path, report: dict[str, Any]) -> ReportSource:
    if not isinstance(report["format"], int) or report["format"] > REPORT_FORMAT:
        raise SourceError(f"{path}: report format {report['format']!r} is newer than this drill reads "
                          f"({REPORT_FORMAT}); upgrade drill")
    return ReportSource(str(path), "report", report, None)


def _from_events(path: Path, text: str, scenario_ref: str | None) -> ReportSource:
    from drill.library import builtin_files, scenario_file
    from drill.session import report_for

    events = _events(path, text)
    if not events or events[0].kind != "drill_started":
        raise SourceError(f"{path}: neither a report.json nor an event log (an event log begins with drill_started)")
    logged_id = events[0].data.get("scenario_id")
    if scenario_ref is None:
        if logged_id not in {entry.id for entry in builtin_files()}:
            raise SourceError(f"{path}: the log is of scenario {logged_id!r}, which is not built in; "
                              "name its file with --scenario")
        scenario_ref = logged_id
    scenario = scenario_file(scenario_ref).load()
    try:
        engine = rebuild_drill(scenario, events)
    except (ValueError, KeyError) as error:
        raise SourceError(f"{path}: the log cannot be replayed on {scenario.source} ({error})") from None
    return ReportSource(str(path), "events", report_for(engine), engine)


def _events(path: Path, text: str) -> list[Event]:
    events = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            events.append(Event.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SourceError(f"{path}:{number}: not an event (expected one JSON object a line)") from None
    return events
