"""`drill trends`: progress across drills, from the results the store keeps for each ended drill.

One row per ended drill, oldest first (dated when the store recorded it, which is also what
``--since`` and ``--until`` choose by): its overall, speed and quality scores, the minutes to its
first public update and the promises it kept; then the message-quality criteria the chosen drills
missed most often, and the overall score of the first drill against the last. Running drills are
not shown. A drill stored before the store kept results is graded again from its log, once, and
its results kept (``filling in results of 3 older drills... 1/3`` on standard error); one whose
log cannot be replayed is left out with a warning.

``--json`` prints one object (``FORMAT`` 1)::

    {"format": 1,
     "filters": {"scenario": null, "team": "EU support",
                 "created_from": "2026-11-01T00:00:00Z",    # --since: created at or after (UTC)
                 "created_before": "2026-12-01T00:00:00Z"}, # --until: created before (the day after a date)
     "drills": [{"id": "k3v9q2x7", "created_at": "2026-11-03T14:02:11Z", "scenario": "checkout-outage",
                 "title": "Checkout outage", "team": "EU support",
                 "overall": 62.4, "speed": 70.1, "quality": 57.3,   # 0-100; null if not scored
                 "first_public_update_min": 12.0,                   # null: no public update
                 "promises_kept": 2, "promises_made": 3}, ...],
     "most_missed": [{"criterion": "next_update", "label": "Commits to the next update",
                      "misses": 14, "drills": 5}, ...],               # at most 5, most misses first
     "change": {"drills": 6, "first": 62.4, "last": 81.0, "delta": 18.6,  # first and last scored drill
                "summary": "overall 62 → 81 over 6 drills"},               # null when no drill matches
     "left_out": [{"id": "...", "reason": "..."}]}                        # drills that could not be rebuilt

``--html FILE`` writes the same as one self-contained page with line charts
(``drill.report.trends_page``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from drill.cli.drill_filters import add_filter_arguments, filters_of
from drill.cli.output import fail
from drill.cli.store_options import add_db_argument, open_store
from drill.cli.terminal import json_text

FORMAT = 1
MOST_MISSED = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--html", metavar="FILE", help="also write the trends as an HTML page with charts")
    add_filter_arguments(parser)
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.store import StoreError, resolve_db_path

    filters = filters_of(args)
    target = resolve_db_path(args.db)
    left_out: list[dict[str, str]] = []
    if not isinstance(target, str) and not target.exists():  # nothing recorded yet is not an error
        drills, missed, recorded = [], [], False
    else:
        try:
            with open_store(args, create=False) as store:
                left_out = fill_in_results(store, filters)
                drills, missed, recorded = _read(store, filters)
        except StoreError as error:
            return fail(str(error))
    data = trends_data(drills, missed, filters, left_out)
    if args.json:
        print(json_text(data, indent=2))
    if not drills:
        if not args.json:
            print(_nothing(filters, recorded))
        return 0
    if not args.json:
        _print_table(data)
    if args.html:
        from drill.files import write_text_atomic
        from drill.report.trends_page import trends_to_html

        try:
            write_text_atomic(Path(args.html), trends_to_html(data))
        except OSError as error:
            return fail(f"cannot write {args.html}: {error.strerror or error}")
        print(f"wrote {args.html}", file=sys.stderr if args.json else sys.stdout)
    return 0


def fill_in_results(store, filters: dict[str, Any]) -> list[dict[str, str]]:
    """Grade again, from their logs, the chosen ended drills whose results were never kept, and keep them.
    Returns the drills left out (whose stored scenario or log cannot be read, replayed or graded), each with the
    reason; a store that fails raises StoreError."""
    from drill.store import StoreError
    from drill.store.progress import without_results
    from drill.store.results import results_of

    missing = without_results(store, **filters)
    left_out = []
    for number, drill_id in enumerate(missing, 1):
        print(f"filling in results of {len(missing)} older drill{'s' if len(missing) != 1 else ''}... "
              f"{number}/{len(missing)}", file=sys.stderr)
        try:
            report = _report_of(store, drill_id)
        except StoreError as error:
            if not str(error).startswith(f"drill {drill_id}: "):
                raise  # the store failing, not this drill's log: said once, as an error
            reason = str(error).removeprefix(f"drill {drill_id}: ")
        else:
            store.set_results(drill_id, results_of(report))
            continue
        print(f"drill: warning: drill {drill_id} left out: {reason}", file=sys.stderr)
        left_out.append({"id": drill_id, "reason": reason})
    return left_out


def _report_of(store, drill_id: str) -> dict[str, Any]:
    from drill.session import report_for
    from drill.store import StoreError, rebuild

    rebuilt = rebuild(store, drill_id)
    try:
        return report_for(rebuilt.engine, rebuilt.record.created_at)
    except (ValueError, KeyError, TypeError, AttributeError) as error:  # a log this drill cannot grade
        raise StoreError(f"drill {drill_id}: its event log cannot be graded ({error})") from None


def _read(store, filters: dict[str, Any]):
    from drill.store.progress import drill_progress, most_missed

    drills = drill_progress(store, **filters)
    missed = most_missed(store, limit=MOST_MISSED, **filters) if drills else []
    recorded = bool(drills) or bool(store.drills())  # asked only when nothing is shown: which message
    return drills, missed, recorded


def trends_data(drills, missed, filters: dict[str, Any], left_out: list[dict[str, str]]) -> dict[str, Any]:
    """The ``--json`` object (see the module's docstring), from ``drill.store.progress``'s rows."""
    from drill.report.remedies import label

    return {
        "format": FORMAT,
        "filters": {"scenario": filters["scenario"], "team": filters["team"],
                    "created_from": filters["since"], "created_before": filters["until"]},
        "drills": [{
            "id": drill.id, "created_at": drill.created_at, "scenario": drill.scenario_id, "title": drill.title,
            "team": drill.team, "overall": drill.overall, "speed": drill.speed, "quality": drill.quality,
            "first_public_update_min": None if drill.first_public_s is None else round(drill.first_public_s / 60, 2),
            "promises_kept": drill.promises_kept, "promises_made": drill.promises_made,
        } for drill in drills],
        "most_missed": [{"criterion": item.criterion, "label": label(item.criterion), "misses": item.misses,
                         "drills": item.drills} for item in missed],
        "change": _change(drills),
        "left_out": left_out,
    }


def _change(drills) -> dict[str, Any] | None:
    """The first scored drill's overall score against the last's, over all the chosen drills."""
    if not drills:
        return None
    from drill.report.fmt import score

    scored = [drill.overall for drill in drills if drill.overall is not None]
    first, last = (scored[0], scored[-1]) if scored else (None, None)
    count = f"{len(drills)} drill{'s' if len(drills) != 1 else ''}"
    if len(scored) < 2:
        summary = f"overall {score(last)} over {count}"
    else:
        summary = f"overall {score(first)} → {score(last)} over {count}"
    return {"drills": len(drills), "first": first, "last": last,
            "delta": None if first is None else round(last - first, 1), "summary": summary}


def _nothing(filters: dict[str, Any], recorded: bool) -> str:
    if any(value is not None for value in filters.values()):
        return "no drills match"
    if recorded:
        return "no drills have ended yet (running drills are not shown)"
    return "no drills recorded yet (`drill simulate` and `drill run` record them)"


def _print_table(data: dict[str, Any]) -> None:
    from drill.report.fmt import drill_date, mins, score

    header = ("DATE", "ID", "SCENARIO", "OVERALL", "SPEED", "QUALITY", "FIRST PUBLIC", "PROMISES", "TEAM")
    rows = [(drill_date(None, drill["created_at"], local=True) or "-", drill["id"], _one_line(drill["scenario"]),
             _number(drill["overall"], score), _number(drill["speed"], score), _number(drill["quality"], score),
             "-" if drill["first_public_update_min"] is None else mins(drill["first_public_update_min"] * 60),
             f"{drill['promises_kept']}/{drill['promises_made']}" if drill["promises_made"] else "-",
             _one_line(drill["team"]) or "-")
            for drill in data["drills"]]
    _aligned(header, rows, numeric=range(3, 8))
    if data["most_missed"]:
        total = len(data["drills"])
        print()
        print("most often missed:")
        rows = [(item["criterion"], item["label"], f"{item['misses']} miss{'es' if item['misses'] != 1 else ''}",
                 f"in {item['drills']} of {total} drill{'s' if total != 1 else ''}") for item in data["most_missed"]]
        _aligned(None, rows, numeric=(2,), indent="  ")
    print()
    print(data["change"]["summary"])


def _aligned(header, rows, numeric, indent: str = "") -> None:
    """Columns padded to their widest cell (numbers to the right); the last column is left as it is."""
    lines = [header, *rows] if header else rows
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]) - 1)]
    for line in lines:
        cells = [cell.rjust(width) if i in numeric else cell.ljust(width)
                 for i, (cell, width) in enumerate(zip(line, widths))]
        print(indent + "  ".join([*cells, line[-1]]).rstrip())


def _number(value: float | None, shown) -> str:
    return "-" if value is None else shown(value)


def _one_line(text: str) -> str:
    from drill.textsafe import printable

    return " ".join(printable(text).split())
