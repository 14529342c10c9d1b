"""When the next scripted inject falls due, skipping the public's own clockwork.

``engine.next_due()`` answers for every scheduled item, the public's minute ticks
and overdue checks included; "jump to the next inject" wants injects only.
"""

from __future__ import annotations

from drill.engine.engine import DrillEngine


def next_inject_due(engine: DrillEngine) -> int | None:
    schedule = engine.state.schedule
    live = getattr(schedule, "_live", None)
    if live is None:  # a schedule without the index: fall back to whatever is next
        return engine.next_due()
    times = [time for key, (time, _order) in live.items() if isinstance(key, tuple) and key[0] == "inject"]
    return min(times) if times else None
