"""Finishing a drill: grade it, build the report and write it. Shared by `simulate` and `run`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from drill.engine import DrillEngine
from drill.report.data import build_report
from drill.report.fmt import drill_date
from drill.report.output import write_report
from drill.responses import ScriptedResponse
from drill.scenario.model import Scenario
from drill.simulate import simulate


@dataclass(frozen=True)
class Finished:
    report: dict[str, Any]
    written: list[Path]
    summary: str
    store_error: str | None = None  # why the drill could not be recorded (the report was written anyway)


def report_for(engine: DrillEngine, generated_at: str | None = None) -> dict[str, Any]:
    """The report of a drill; ``generated_at`` is the wall-clock date shown in it (the log has none)."""
    from drill.grading import grade_drill

    scores = grade_drill(engine.scenario, engine.log)
    return build_report(engine.scenario, engine.log, scores, generated_at)


def today() -> str:
    """The date a report states when a drill is run now, in UTC."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summarise(report: dict[str, Any], written: list[Path]) -> str:
    asks = report["asks"]
    counts = {status: sum(1 for ask in asks if ask["status"] == status) for status in ("answered", "late", "missed")}
    lines = [
        f"{report['scenario']['title']} ({report['scenario']['id']}, seed {report['seed']})"
        + (f" · {drill_date(report['generated_at'], local=True)}" if report.get("generated_at") else ""),
        f"  {_count(len(report['timeline']), 'inject')} delivered, {_count(len(report['responses']), 'response')}; "
        f"asks: {counts['answered']} answered, {counts['late']} late, {counts['missed']} missed",
    ]
    score = report.get("score")
    if score:
        lines.append(f"  score {score['overall']:.0f}/100 (speed {score['speed']:.0f}/100, "
                     f"quality {score['quality']:.0f}/100)")
    lines.extend(f"  wrote {path}" for path in written)
    return "\n".join(lines)


def finish_headless(scenario: Scenario, responses: Iterable[ScriptedResponse], seed: int | None, out: Path,
                    record: Callable[[DrillEngine, dict[str, Any]], str] | None = None,
                    start_time: datetime | None = None, pretty: bool = False) -> Finished:
    """``record`` keeps the finished drill (in the store) before the report is written; it returns a summary
    line. A store that cannot take it (full, locked, damaged) does not cost the report: it is written
    anyway, and ``store_error`` says why the drill was not recorded."""
    from drill.store import StoreError

    engine = simulate(scenario, responses, seed, start_time=start_time)
    report = report_for(engine, today())
    recorded, store_error = None, None
    if record is not None:
        try:
            recorded = record(engine, report)
        except StoreError as error:
            store_error = str(error)
    written = write_report(report, out, pretty=pretty)
    summary = summarise(report, written)
    return Finished(report, written, summary + f"\n  {recorded}" if recorded else summary, store_error)
