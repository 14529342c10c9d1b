"""Building the facilitator's app around a live drill: new, resumed, replayed, or picked from a list."""

from __future__ import annotations

from typing import Any

from drill.live import LiveDrill, ReplayDrill
from drill.scenario.model import Scenario
from drill.tui.app import DrillApp


def make_app(scenario: Scenario | None = None, *, live: LiveDrill | ReplayDrill | None = None, **options: Any) -> DrillApp:
    """The one way to build the app, for the CLI and the tests alike.

    Give it a ready ``live`` drill, or what makes one: ``scenario`` (with ``seed``,
    ``start_time``, ``recorder``) for a new drill, ``engine`` (and ``recorder``) to resume a
    rebuilt one (the briefing is skipped), or ``replay`` (a ``ReplaySource``) to watch a
    stored one, read-only, at ``speed`` from T+0. No scenario at all opens the picker.
    ``realtime`` False leaves the clock to ``app.advance_clock`` (tests). ``out`` None writes
    to ``./drill-SCENARIOID-YYYYMMDD-HHMMSS``.
    """
    from drill.session_clock import start_time_for

    seed, start_option = options.pop("seed", None), options.pop("start_time", None)
    recorder, engine, replay = options.pop("recorder", None), options.pop("engine", None), options.pop("replay", None)

    def new_drill(picked: Scenario) -> LiveDrill:
        return LiveDrill.new(picked, seed, start_time_for(start_option, picked.start), recorder)

    if live is None and replay is not None:
        live = ReplayDrill(replay)
        options.setdefault("briefing", False)
    elif live is None and engine is not None:
        live = LiveDrill.resume(engine, recorder)
    elif live is None and scenario is not None:
        live = new_drill(scenario)
    return DrillApp(live, new_drill=new_drill, **options)
