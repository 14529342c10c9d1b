"""Format 2's evaluation layer: criteria, rating scales, findings written in advance, tags and meta."""

import pytest

from drill.engine import CommandRejected, DrillEngine, EvaluatorNote
from drill.scenario import ScenarioError, load_scenario
from drill.scenario.model import HSEEP_SCALE, Finding, Rating
from scenario_text import MINIMAL

OBJECTIVES = """objectives:
  first-public:
    text: Post within 10 minutes.
    criteria:
      - Is the first post out before customers ask?
      - Does it say who is affected?
    rating_scale: [Clear / workable, Partial / inconsistent, Gap / missing]
  handoff:
    text: Hand over to support.
    criteria: Does support hear it from comms first?
"""

V2 = MINIMAL.replace("format: 1", "format: 2", 1).replace(
    "objectives: {first-public: Post within 10 minutes.}\n", OBJECTIVES, 1) + """findings:
  - title: Nobody owns the status page
    priority: high
    injects: [alert-1]
    text: The first post waits because no one knows who may publish.
    actions: [Name a status page owner and a deputy, Write the first post's template]
  - title: Support learns last
tags: [availability, checkout]
meta: {prepared_by: Ops, version: 3}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        load_scenario(text, "s.yaml")
    return [str(problem) for problem in error.value.problems]


def test_objectives_carry_criteria_and_their_own_rating_scale():
    scenario = load_scenario(V2, "s.yaml")
    assert scenario.objective_criteria == {
        "first-public": ("Is the first post out before customers ask?", "Does it say who is affected?"),
        "handoff": ("Does support hear it from comms first?",),  # a single text is a list of one
    }
    assert [step.id for step in scenario.ratings_for("first-public")] == [
        "Clear / workable", "Partial / inconsistent", "Gap / missing"]
    assert scenario.ratings_for("handoff") == HSEEP_SCALE  # no scale of its own: the scenario's
    assert scenario.objectives["first-public"] == "Post within 10 minutes."


def test_a_scenario_wide_scale_with_ids_applies_to_every_objective_without_one():
    text = V2.replace("tags:", "rating_scale:\n  - {id: G, text: Good}\n  - {id: B, text: Bad}\ntags:", 1)
    scenario = load_scenario(text, "s.yaml")
    assert scenario.ratings_for("handoff") == (Rating("G", "Good"), Rating("B", "Bad"))
    assert scenario.ratings_for("first-public")[0].id == "Clear / workable"


def test_findings_tags_and_meta_load_as_written():
    scenario = load_scenario(V2, "s.yaml")
    assert scenario.findings == (
        Finding("Nobody owns the status page", "The first post waits because no one knows who may publish.",
                "high", ("alert-1",), ("Name a status page owner and a deputy", "Write the first post's template")),
        Finding("Support learns last"),
    )
    assert scenario.tags == ("availability", "checkout")
    assert scenario.meta == {"prepared_by": "Ops", "version": 3}


def test_every_evaluation_problem_is_reported_at_once_with_its_place():
    broken = (V2.replace("priority: high", "priority: urgent", 1)
                .replace("injects: [alert-1]", "injects: [alert-9]", 1)
                .replace("rating_scale: [Clear / workable, Partial / inconsistent, Gap / missing]",
                         "rating_scale: [Only one]", 1)
                .replace("  - title: Support learns last", "  - text: no title", 1))
    problems = problems_of(broken)
    assert any("rating_scale needs at least two steps" in p and p.startswith("s.yaml:") for p in problems)
    assert any("priority is high, medium or low, not 'urgent'" in p for p in problems)
    assert any("unknown inject 'alert-9'" in p for p in problems)
    assert any("finding 2 needs a title" in p for p in problems)


def test_a_scale_naming_a_step_twice_is_refused():
    problems = problems_of(V2.replace("Gap / missing]", "Clear / workable]", 1))
    assert any("names 'Clear / workable' twice" in p for p in problems)


def test_the_evaluation_keys_are_format_2_keys():
    v1 = MINIMAL.replace("objectives: {first-public: Post within 10 minutes.}\n",
                         "objectives:\n  first-public: {text: Post soon., criteria: [Fast?]}\ntags: [a]\n", 1)
    problems = problems_of(v1)
    assert any("'criteria' in objective first-public is a format 2 key" in p for p in problems)
    assert any("'tags' in the scenario is a format 2 key" in p for p in problems)


def test_an_evaluator_rates_an_objective_on_its_own_scale():
    engine = DrillEngine.start(load_scenario(V2, "s.yaml"), seed=1, plugins=())
    rated = engine.handle(EvaluatorNote("Ana", "Late but clear.", objective="first-public",
                                        rating="Partial / inconsistent"))[0]
    assert rated.data["rating"] == "Partial / inconsistent"
    with pytest.raises(CommandRejected, match="rating is one of Clear / workable, Partial / inconsistent"):
        engine.handle(EvaluatorNote("Ana", "x", objective="first-public", rating="S"))
    assert engine.handle(EvaluatorNote("Ana", "ok", objective="handoff", rating="S"))[0].data["rating"] == "S"


def test_preflight_checks_are_part_of_the_facilitator_layer():
    text = V2.replace("    text: Errors are up.\n", "    text: Errors are up.\n    preflight: [The lab VM answers]\n", 1)
    assert load_scenario(text, "s.yaml").inject("alert-1").guide.preflight == ("The lab VM answers",)
