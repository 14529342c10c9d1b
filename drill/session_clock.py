"""The one place a drill's fictional start meets the real calendar: "14:00" means today, in UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from drill.scenario.start import drill_start_time


def start_time_for(override: str | None, scenario_start: str | None = None) -> datetime | None:
    """T+0 for a drill run now: ``override`` (``--start-time``) before the scenario's ``start:``;
    a bare time of day falls on today's date in UTC."""
    return drill_start_time(scenario_start, override, datetime.now(timezone.utc).date())
