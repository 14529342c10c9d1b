"""From a drill's events to the scoring package's plain inputs, and back to report data."""

from __future__ import annotations

from typing import Any, Iterable

from drill.engine.events import Event
from drill.scenario.model import Scenario


def grade_drill(scenario: Scenario, events: Iterable[Event]) -> dict[str, Any] | None:
    return None
