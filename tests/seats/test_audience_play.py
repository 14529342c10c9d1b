"""Who sees format 2's play events: the facilitator's queue stays with the facilitator; a choice and
a question reach the roles their inject reached; a new move reaches everyone."""

from __future__ import annotations

from pathlib import Path

from drill.engine import Advance, Choose, DrillEngine, Release, Respond
from drill.scenario import load_scenario
from drill.seats.audience import OBSERVER, AudienceFilter

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def kinds_seen(viewer: str, engine: DrillEngine) -> list[str]:
    audience = AudienceFilter(engine.scenario)
    return [event["kind"] for event in audience.visible(viewer, engine.log)]


def branching_engine() -> DrillEngine:
    path = SCENARIOS / "branching.yaml"
    text = path.read_text().replace("  - id: late-leak", "  - id: late-leak\n    to: [ic]", 1)
    engine = DrillEngine.start(load_scenario(text, str(path)))
    engine.handle(Advance(to=6 * 60))
    engine.handle(Respond("ic", "bridge", "We isolate the hosts.", "triage.first"))
    engine.handle(Choose("triage", "restore", role="ic"))
    engine.handle(Advance(to=31 * 60))
    return engine


def test_a_held_inject_stays_with_the_facilitator_until_released():
    engine = branching_engine()
    assert any(event.kind == "inject_held" and event.data["inject_id"] == "late-leak" for event in engine.log)
    for role in ("ic", "comms"):
        shown = AudienceFilter(engine.scenario).visible(role, engine.log)
        assert "inject_held" not in {event["kind"] for event in shown}
        assert "A second leak" not in str(shown)  # the held inject's text reaches no role
    assert "inject_held" in kinds_seen("facilitator", engine) and "inject_held" in kinds_seen(OBSERVER, engine)
    engine.handle(Release("late-leak"))
    audience = AudienceFilter(engine.scenario)
    delivered = [event["data"]["inject_id"] for event in audience.visible("ic", engine.log)
                 if event["kind"] == "inject_delivered"]
    assert "late-leak" in delivered


def test_questions_and_choices_reach_the_roles_their_inject_reached():
    seen = kinds_seen("comms", branching_engine())
    assert {"question_opened", "question_answered", "option_chosen"} <= set(seen)


def test_a_new_move_reaches_every_role():
    path = SCENARIOS / "moves.yaml"
    engine = DrillEngine.start(load_scenario(path.read_text(), str(path)))
    from drill.engine import NextMove

    engine.handle(NextMove())
    assert "move_started" in kinds_seen("ic", engine)
