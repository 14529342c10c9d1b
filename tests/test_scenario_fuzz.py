"""The built-in scenarios and their responses, mutated: validation only ever refuses, and what it
accepts plays to its end and makes a report.

Mutations are structural (a key dropped, duplicated or given a value of another type, a line of
the file repeated or lost) and aimed at the format's limits (huge numbers, long strings,
placeholders naming each other, `after` cycles, repeats). Examples are few and drills short, so
this stays a few seconds; the limits themselves are measured by benchmarks/check_format_limits.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st

from drill.grading import grade_drill
from drill.report.data import build_report
from drill.report.html import render_html
from drill.report.markdown import render_markdown
from drill.report.sections import build_document
from drill.responses import load_responses
from drill.scenario import ScenarioError, load_scenario
from drill.simulate import simulate

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
NAMES = sorted(path.name.removesuffix(".yaml") for path in SCENARIOS.glob("*.yaml") if ".responses" not in path.name)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data) -> bool:  # a mutation may share a value; the file must not alias it
        return True


def dump(document) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=200)


@lru_cache(maxsize=None)
def original(name: str, suffix: str = ".yaml") -> str:
    return (SCENARIOS / f"{name}{suffix}").read_text()


def places(node, found=None):
    """Every (container, key) in a document, for a mutation to pick one."""
    found = [] if found is None else found
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append((node, key))
        places(value, found)
    return found


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.just(2**63), st.just(10**30), st.just(99999999999),
    st.just(1e300), st.just("1e999"), st.just("99999999h"), st.just("x" * 30_000), st.just("y" * 250),
    st.text(max_size=12), st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.sampled_from("abc"), st.integers(), max_size=2),
    st.sampled_from(["{org.name}", "{org.product}{org.product}", "{persona.reporter.name}", "{fact.customers_affected}",
                     "{fact.regions}", "{fake.sentence}", "{fake.nope}", "{{", "}}", "{org.x}" * 40, "12h", "0", "-1m",
                     "1:30", "investigating", "status_page", "comms", "alert-1", "alert-1#2"]),
)


@st.composite
def mutated(draw, document, extra_mutations: int = 4):
    """``document`` with a few mutations applied, as the text of a file."""
    for _ in range(draw(st.integers(1, extra_mutations))):
        where = places(document)
        if not where:
            break
        container, key = where[draw(st.integers(0, len(where) - 1))]
        kind = draw(st.sampled_from(["drop", "retype", "retype", "copy", "grow", "after", "repeat"]))
        if kind == "drop":
            del container[key]
        elif kind == "retype":
            container[key] = draw(VALUES)
        elif kind == "copy" and isinstance(container, list):
            container.insert(key, yaml.safe_load(dump(container[key])))
        elif kind == "copy" and isinstance(container, dict):
            container[f"{key}2"] = yaml.safe_load(dump(container[key]))
        elif kind == "grow" and isinstance(container[key], str) and len(container[key]) < 1000:
            container[key] = container[key] * draw(st.sampled_from([2, 50, 2000]))
        elif kind in ("after", "repeat") and isinstance(document, dict) and isinstance(document.get("injects"), list):
            injects = [inject for inject in document["injects"] if isinstance(inject, dict)]
            if injects:
                inject = injects[draw(st.integers(0, len(injects) - 1))]
                if kind == "after":  # often a cycle: the injects follow each other
                    target = injects[draw(st.integers(0, len(injects) - 1))].get("id")
                    inject.pop("at", None)
                    inject["after"] = {"inject": target, "delay": draw(st.sampled_from([0, "1m", "13h"]))}
                else:
                    inject["repeat"] = {"every": draw(st.sampled_from([1, "30s", "2m"])),
                                        "count": draw(st.sampled_from([2, 1000, 1001, 10**6]))}
    text = dump(document)
    lines = text.splitlines(keepends=True)
    line_kind = draw(st.sampled_from(["none", "none", "repeat line", "drop line"]))
    if line_kind != "none" and lines:
        index = draw(st.integers(0, len(lines) - 1))
        lines[index:index + 1] = [lines[index]] * (2 if line_kind == "repeat line" else 0)
    return "".join(lines)


@lru_cache(maxsize=None)
def short_version(name: str) -> str:
    """A built-in scenario cut to 25 minutes: the injects that could fire by then, and what names them."""
    scenario = load_scenario(original(name), f"{name}.yaml")
    earliest: dict[str, int] = {}
    for _ in scenario.injects:  # after-chains settle in as many rounds as they are long
        for inject in scenario.injects:
            if inject.at is not None:
                earliest[inject.id] = inject.at
            elif inject.after.kind == "posted":
                earliest[inject.id] = inject.after.delay
            elif inject.after.ref in earliest:
                earliest[inject.id] = earliest[inject.after.ref] + inject.after.delay
    kept = {inject_id for inject_id, time in earliest.items() if time < 20 * 60}
    document = yaml.safe_load(original(name))
    document["duration"] = "25m"
    document["injects"] = [inject for inject in document["injects"] if inject["id"] in kept]
    public_from = document.get("public", {}).get("from")
    if isinstance(public_from, list):
        document["public"]["from"] = [inject_id for inject_id in public_from if inject_id in kept] or "start"
    return dump(document)


@st.composite
def mutated_scenarios(draw, short: bool = False):
    name = draw(st.sampled_from(NAMES))
    document = yaml.safe_load(short_version(name) if short else original(name))
    return name, draw(mutated(document, extra_mutations=1 if short else 4))


@given(mutated_scenarios())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_validating_a_mutated_scenario_only_ever_refuses_it(case):
    _, text = case
    try:
        load_scenario(text, "mutated.yaml")
    except ScenarioError as error:
        assert error.problems and all(problem.line >= 1 and problem.column >= 1 for problem in error.problems)


def play_and_report(scenario, responses=()) -> None:
    engine = simulate(scenario, responses)
    assert engine.ended and engine.log[-1].kind == "drill_ended"
    scores = grade_drill(scenario, engine.log)
    document = build_document(build_report(scenario, engine.log, scores))
    assert render_markdown(document) and render_html(document)


@given(mutated_scenarios(short=True))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_every_mutated_scenario_that_validates_plays_to_its_end_and_makes_a_report(case):
    _, text = case
    try:
        scenario = load_scenario(text, "mutated.yaml")
    except ScenarioError:
        event("refused")
        return
    event("played")
    play_and_report(scenario)


@st.composite
def mutated_responses(draw):
    name = draw(st.sampled_from(NAMES))
    suffix = draw(st.sampled_from([".responses.yaml", ".poor.responses.yaml"]))
    return name, draw(mutated(yaml.safe_load(original(name, suffix)), extra_mutations=1))


@given(mutated_responses())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_every_mutated_responses_file_that_validates_plays_to_its_end_and_makes_a_report(case):
    name, text = case
    scenario = load_scenario(original(name), f"{name}.yaml")
    try:
        responses = load_responses(text, scenario, "mutated.responses.yaml")
    except ScenarioError as error:
        assert error.problems
        event("refused")
        return
    event("played")
    play_and_report(scenario, responses)  # simulate refuses nothing validate accepted
