"""Choosing stored drills: by scenario, team and date (`drill history`, `drill trends`, `drill store copy`)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta, timezone


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="ID", help="only drills of this scenario (its id, as `drill list` shows)")
    parser.add_argument("--team", metavar="LABEL", help="only drills recorded with this --team label")
    parser.add_argument("--since", metavar="DATE", type=date_bound,
                        help="only drills recorded on or after this date (YYYY-MM-DD, or an ISO 8601 time; UTC)")
    parser.add_argument("--until", metavar="DATE", type=until_bound,
                        help="only drills recorded on or before this date (YYYY-MM-DD: the whole day; UTC)")


def filters_of(args: argparse.Namespace) -> dict:
    """The keyword arguments of ``Store.drills`` that the options ask for."""
    return {"scenario": args.scenario, "team": args.team, "since": args.since, "until": args.until}


def date_bound(text: str) -> str:
    """The store's created_at form (``2026-12-01T00:00:00Z``) of a date or time; UTC unless it says otherwise."""
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).strftime("%Y-%m-%dT00:00:00Z")
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or an ISO 8601 time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def until_bound(text: str) -> str:
    """The first moment after the range: a date includes its whole day; a time is included itself."""
    bound = date_bound(text)
    moment = datetime.strptime(bound, "%Y-%m-%dT%H:%M:%SZ")
    step = timedelta(days=1) if len(text.strip()) == 10 else timedelta(seconds=1)
    return (moment + step).strftime("%Y-%m-%dT%H:%M:%SZ")
