"""The limits of scenario format v1: what validate refuses, so that what it accepts can be played.

Each test is named after a way a scenario or responses file once validated and then
could not be played (a crash, or a drill that never ended).
"""

import random
import time

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from drill.engine import DrillEngine
from drill.engine.engine import MAX_RESPONSE_CHARS as ENGINE_MAX_RESPONSE_CHARS
from drill.responses import load_responses
from drill.scenario import ScenarioError, load_scenario
from drill.scenario import limits
from drill.scenario.deliveries import Deliveries
from drill.scenario.graphs import follow_links, post_order
from drill.scenario.templates import FAKE_MAX_CHARS, Renderer, filled_size, text_size_of, value_sizes
from drill.simulate import simulate
from scenario_text import MINIMAL
from strategies import scenario_documents


def problems_of(text: str, source: str = "s.yaml") -> list[str]:
    with pytest.raises(ScenarioError) as error:
        load_scenario(text, source)
    return [str(problem) for problem in error.value.problems]


def pointed_at(text: str, problem: str) -> str:
    """The text a problem's ``file:line:col`` points at, to the end of its line."""
    _, line, column, _ = problem.split(":", 3)
    return text.splitlines()[int(line) - 1][int(column) - 1:]


def scenario_text(*, org: dict | None = None, facts: dict | None = None, injects: list | None = None,
                  duration="30m", seed=None, **extra) -> str:
    document = {
        "format": 1, "id": "limits", "duration": duration,
        "roles": {"comms": {"name": "Communications"}, "support": {"name": "Support"}},
        "channels": {"status_page": {"audience": "public"}, "chat": {"audience": "internal"}},
        "injects": injects or [{"id": "alert-1", "at": 0, "type": "alert", "text": "Errors are up."}],
    }
    if org is not None:
        document["org"] = org
    if facts is not None:
        document["facts"] = facts
    if seed is not None:
        document["seed"] = seed
    document.update(extra)
    return yaml.safe_dump(document, sort_keys=False)


# --- 1. placeholders that fill to more than a text may hold -----------------------------------------

BOMB = "\n".join([
    "format: 1",
    "id: bomb",
    "duration: 10m",
    "roles: {ic: {name: IC}}",
    "channels: {chat: {audience: internal}}",
    "org:",
    "  a: xxxxxxxxxx",
    *(f"  {level}: \"{('{org.' + previous + '}') * 10}\"" for previous, level in zip("abcdefghi", "bcdefghij")),
    "injects:",
    "  - {id: a1, at: 0m, type: alert, text: '{org.j}'}",
    "",
])


def test_placeholder_expansion_bomb_is_refused_where_each_text_grows_too_long():
    assert len(BOMB) < 1000
    started = time.perf_counter()
    problems = problems_of(BOMB)
    assert time.perf_counter() - started < 1.0
    assert "s.yaml:11:6: org.e fills to 100,000 characters with its placeholders; at most 20,000" in problems
    assert "s.yaml:16:6: org.j fills to 10,000,000,000 characters with its placeholders; at most 20,000" in problems
    assert "s.yaml:18:41: inject a1: text fills to 10,000,000,000 characters with its placeholders; at most 20,000" in problems
    assert not any("org.d" in problem for problem in problems)  # 10,000 characters is within the limit


def test_placeholder_expansion_bomb_is_stopped_by_the_renderer_too():
    org = {"a": "x" * 10, **{level: ("{org." + previous + "}") * 10 for previous, level in zip("abcdefghi", "bcdefghij")}}
    renderer = Renderer(0, org, {})
    started = time.perf_counter()
    text = renderer.render("{org.j} and {org.j}", ("a1", 1), {})
    assert time.perf_counter() - started < 1.0
    assert text == "x" * limits.MAX_TEXT_CHARS
    assert len(renderer.org["j"]) == limits.MAX_TEXT_CHARS


def test_placeholder_sizes_are_measured_as_the_renderer_fills_them():
    org = {"name": "Acme", "product": "{org.name} Pay", "handle": "@{org.name}", "x": "{fact.phase} {org.nope} {{b}}"}
    personas = {"reporter": {"name": "{fake.name}", "outlet": "{persona.reporter.name}, {org.product} Herald"}}
    sizes, cycles = value_sizes(org, personas)
    assert not cycles
    renderer = Renderer(3, org, personas)
    for key, value in renderer.org.items():
        assert sizes[("org", key)] == len(value)
    assert sizes[("persona", "reporter", "name")] == FAKE_MAX_CHARS["name"] >= len(renderer.personas["reporter"]["name"])
    customers = 1_234_567_890_123_456  # a fact not yet set stays as written: its size is the longer of the two
    size_of = text_size_of(sizes, {"customers": len(f"{customers:,}")})
    template = "{org.product}: {fact.customers} affected, {{literal}} {fact.customers}"
    assert filled_size(template, size_of) == len(renderer.render(template, ("i", 1), {"customers": customers}))
    assert filled_size(template, size_of) >= len(renderer.render(template, ("i", 1), {}))


def test_org_and_persona_values_naming_each_other_in_a_cycle_are_reported_once():
    text = scenario_text(org={"name": "{org.product}", "product": "{persona.p.name}"}, personas={"p": {"name": "{org.name}"}})
    cycles = [problem for problem in problems_of(text) if "names itself" in problem]
    assert [problem.split(": ", 1)[1] for problem in cycles] == [
        "org.name names itself through its placeholders: org.name -> org.product -> persona p.name -> org.name"]
    assert pointed_at(text, cycles[0]) == "'{org.product}'"


def test_placeholders_in_org_and_persona_values_are_checked():
    problems = "\n".join(problems_of(scenario_text(org={"name": "{org.nope}", "product": "{fact.phase}"},
                                                   personas={"p": {"name": "{fake.os_system}"}})))
    assert "org.name: {org.nope}: org has no key 'nope'" in problems
    assert "org.product: {fact.phase}: org and persona values are drawn at the start" in problems
    assert "persona p.name: {fake.os_system}: unknown Faker provider" in problems


def test_names_the_public_repeats_every_minute_are_short():
    problems = problems_of(scenario_text(org={"handle": "@" + "a" * 300},
                                         injects=[{"id": "call", "at": 0, "type": "press_call", "from": "x" * 201,
                                                   "text": "Comment?"}]))
    assert any("org.handle fills to 301 characters with its placeholders; at most 200" in p for p in problems)
    assert any("inject call: from fills to 201 characters" in p for p in problems)


def test_public_posts_are_measured_with_the_words_the_public_fills_in():
    posts = {"angry": ["{org.handle} " * 100, "{org.handle} {minutes} {status}"]}  # a short handle falls back to the product
    problems = problems_of(scenario_text(org={"handle": "@acme"}, public={"templates": posts}))
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "a post fills to 1,200 characters with its placeholders; at most 1,000"]


# --- 2. facts the scorer reads must be of its type --------------------------------------------------

@pytest.mark.parametrize("fact, value, expected", [
    ("regions", 5, "fact regions must be a list of region names, like [EU, UK], got 5"),
    ("regions", "EU", "fact regions must be a list of region names"),
    ("services", True, "fact services must be a list of service names, like [checkout, card payments], got true"),
    ("services", ["checkout", 1], "fact services must be a list of service names"),
    ("customers_affected", "many", "fact customers_affected must be a whole number of customers, 0 or more, got 'many'"),
    ("customers_affected", -3, "fact customers_affected must be a whole number"),
    ("customers_affected", 2.5, "fact customers_affected must be a whole number"),
    ("phase", "done", "fact phase must be one of investigating, identified, monitoring, resolved, got 'done'"),
    ("cause", 404, "fact cause must be text (the confirmed cause), got 404"),
    ("data_exposed", "maybe", "fact data_exposed must be true or false, got 'maybe'"),
    ("aliases", ["eu-west"], "fact aliases must be a mapping of the scenario's names to regions"),
])
def test_a_fact_of_the_wrong_type_is_refused_at_the_start_and_in_an_inject(fact, value, expected):
    text = scenario_text(facts={fact: value})
    [at_start] = problems_of(text)
    assert expected in at_start
    assert pointed_at(text, at_start).startswith(yaml.safe_dump(value).splitlines()[0].removesuffix(" ..."))
    changed = [{"id": "update", "at": 60, "type": "fact_update", "text": "New facts.", "facts": {fact: value}}]
    [in_inject] = problems_of(scenario_text(injects=changed))
    assert expected in in_inject


def test_facts_of_the_right_type_grade_without_error():
    facts = {"phase": "identified", "customers_affected": 2300, "regions": ["EU", "Acme North"], "services": ["checkout"],
             "cause": "a configuration change", "data_exposed": False, "aliases": {"Acme North": "eu-west"},
             "severity": 3, "extra": {"nested": [1, None]}}
    scenario = load_scenario(scenario_text(facts=facts, injects=[
        {"id": "alert-1", "at": 0, "type": "alert", "text": "Errors: {fact.regions}, {fact.customers_affected}.",
         "expects": {"role": "comms", "channel": "status_page", "within": "5m"}},
        {"id": "cleared", "at": 120, "type": "fact_update", "text": "Unknown again.",
         "facts": {"cause": None, "regions": [], "customers_affected": None}}]), "s.yaml")
    responses = load_responses(yaml.safe_dump({"responses": [
        {"at": 60, "role": "comms", "channel": "status_page", "reply_to": "alert-1",
         "text": "We are investigating failed payments in Europe for 2,300 customers. Checkout is not affected."},
        {"at": 180, "role": "comms", "channel": "status_page", "text": "Still investigating; next update in 30 minutes."},
    ]}), scenario, "r.yaml")
    engine = simulate(scenario, responses)
    assert [event.kind for event in engine.log].count("response_graded") == 2


# --- 3. bounds on the work a drill can make ---------------------------------------------------------

def test_duration_past_the_longest_drill_is_refused():
    assert problems_of(scenario_text(duration="99999999h")) == [
        "s.yaml:3:11: duration may be at most 12h (the longest drill), got 99,999,999h"]
    assert load_scenario(scenario_text(duration="12h"), "s.yaml").duration == limits.MAX_DURATION


@pytest.mark.parametrize("key", ["at", "within", "every"])
def test_no_time_in_a_scenario_is_longer_than_the_longest_drill(key):
    inject = {"id": "a", "at": 0, "type": "alert", "text": "x", "repeat": {"every": "1m", "count": 2},
              "expects": {"within": "5m"}}
    if key == "at":
        inject["at"] = "999999999999h"
    elif key == "within":
        inject["expects"]["within"] = "13h"
    else:
        inject["repeat"]["every"] = "9999999999999"
    [problem] = problems_of(scenario_text(injects=[inject]))
    assert "may be at most 12h" in problem or "too long to be a time" in problem


def test_total_deliveries_past_the_limit_are_refused_at_the_injects():
    injects = [{"id": f"i{index}", "at": 0, "type": "chat", "text": "x", "repeat": {"every": 1, "count": 1000}}
               for index in range(11)]
    text = scenario_text(injects=injects, duration="1h")
    [problem] = problems_of(text)
    assert problem.endswith(": the injects make 11,000 deliveries (each repeat counts); at most 10,000")
    assert pointed_at(text, problem) == "- id: i0"


def test_asks_past_the_limit_are_refused_at_the_injects():
    injects = [{"id": f"i{index}", "at": 0, "type": "chat", "text": "x",
                "expects": {"role": "comms", "within": "5m"}} for index in range(2_001)]
    [problem] = problems_of(scenario_text(injects=injects, duration="1h"))
    assert problem.endswith(": the injects ask for 2,001 answers; at most 2,000")


def test_a_repeating_inject_opens_one_ask_and_says_so():
    injects = [{"id": "i0", "at": 0, "type": "chat", "text": "x", "repeat": {"every": 60, "count": 1000},
                "expects": {"role": "comms", "within": "5m"}}]
    scenario = load_scenario(scenario_text(injects=injects, duration="1h"), "s.yaml")
    assert [str(w).split(": ", 1)[1] for w in scenario.warnings] == [
        "warning: inject i0 asks for an answer and repeats: it opens one ask, at its first delivery, "
        "and its repeats remind the team of it"]
    from drill.simulate import simulate

    log = simulate(scenario, [], 1).log
    assert [event.data["ask_id"] for event in log if event.kind == "ask_opened"] == ["i0"]
    assert sum(event.kind == "inject_delivered" for event in log) == 60


def test_delivered_text_past_the_limit_is_refused_at_the_injects():
    org = {"long": "z" * 10_000}
    injects = [{"id": f"i{index}", "at": 0, "type": "chat", "text": "{org.long}", "repeat": {"every": 1, "count": 1000}}
               for index in range(1)]
    problems = problems_of(scenario_text(org=org, injects=injects, duration="1h"))
    assert len(problems) == 1 and "the injects deliver 10,0" in problems[0] and "at most 5,000,000" in problems[0]


def test_counts_of_roles_channels_objectives_and_debrief_questions_are_bounded():
    text = scenario_text(objectives={f"o{index}": "x" for index in range(51)}, debrief=["Why?"] * 51)
    document = yaml.safe_load(text)
    document["roles"].update({f"r{index}": {"name": "R"} for index in range(19)})
    document["channels"].update({f"c{index}": {"audience": "public"} for index in range(19)})
    problems = "\n".join(problems_of(yaml.safe_dump(document)))
    for expected in ("more than 20 roles (21)", "more than 20 channels (21)", "more than 50 objectives (51)",
                     "more than 50 debrief questions (51)"):
        assert expected in problems


def test_an_ask_names_a_bounded_number_of_roles():
    document = yaml.safe_load(scenario_text())
    document["roles"].update({f"r{index}": {"name": "R"} for index in range(10)})
    document["injects"][0]["expects"] = {"role": sorted(document["roles"]), "within": "5m"}
    [problem] = problems_of(yaml.safe_dump(document))
    assert "expects names 12 roles; at most 10 (leave 'role' out for any role)" in problem


def test_long_ids_are_refused():
    [problem] = problems_of(scenario_text(injects=[{"id": "i" * 65, "at": 0, "type": "chat", "text": "x"}]))
    assert "inject id is longer than 64 characters" in problem


def test_scoring_weights_too_large_to_add_up_are_refused():
    text = MINIMAL + "scoring: {weights: {speed: 1.0e308, quality: 1.0e308}}\n"
    assert problems_of(text) == ["s.yaml:50:20: scoring weight 'quality' may be at most 1,000",
                                 "s.yaml:50:20: scoring weight 'speed' may be at most 1,000"]


def test_the_limits_the_engine_keeps_agree_with_the_formats():
    assert ENGINE_MAX_RESPONSE_CHARS == limits.MAX_RESPONSE_CHARS


# --- 4. reference graphs walked without recursion --------------------------------------------------

def chain(links: int, order: str) -> str:
    items = ["  - {id: i0, at: 0, type: chat, text: x}" if order != "cycle"
             else f"  - {{id: i0, after: {{inject: i{links - 1}}}, type: chat, text: x}}"]
    items += [f"  - {{id: i{index}, after: {{inject: i{index - 1}, delay: 1}}, type: chat, text: x}}"
              for index in range(1, links)]
    if order == "reversed":
        items.reverse()
    head = "format: 1\nid: chain\nduration: 12h\nroles: {ic: {name: IC}}\nchannels: {chat: {audience: internal}}\ninjects:\n"
    return head + "\n".join(items) + "\n"


@pytest.mark.parametrize("order", ["in order", "reversed"])
def test_recursion_error_on_a_long_after_chain_is_gone(order):
    started = time.perf_counter()
    scenario = load_scenario(chain(1500, order), "chain.yaml")
    assert len(scenario.injects) == 1500
    assert time.perf_counter() - started < 5.0  # it took 22 s (cubic) or raised RecursionError


def test_a_long_after_cycle_is_reported_once_with_its_injects_named():
    [problem] = problems_of(chain(1500, "cycle"), "chain.yaml")
    assert problem.startswith("chain.yaml:7:5: 'after' cycle: i0 -> i1499 -> i1498 -> ")
    assert "(1489 more)" in problem and problem.endswith("-> i1 -> i0; none of these could ever fire")


def test_an_after_chain_past_the_end_is_found_without_recursion():
    text = chain(1500, "reversed").replace("duration: 12h", "duration: 20m")
    problems = problems_of(text, "chain.yaml")
    assert len(problems) == 1500 - 1200 + 1 - 1  # i1200 (at 20m) and after
    assert "inject i1200 could never fire: its earliest time, 20m" in "\n".join(problems)


def reference_cycles(graph: dict) -> set[frozenset]:
    """Cycles of a small graph, by brute force: each node set on a closed walk back to a start."""
    cycles = set()

    def walk(start, node, path):
        for target in graph.get(node, ()):
            if target == start:
                cycles.add(frozenset(path))
            elif target not in path and target in graph:
                walk(start, target, path + [target])

    for start in graph:
        walk(start, start, [start])
    return cycles


@given(st.dictionaries(st.integers(0, 7), st.lists(st.integers(0, 8), max_size=3), max_size=8))
def test_post_order_places_each_node_after_what_it_reaches_and_finds_a_cycle_where_there_is_one(graph):
    order, cycles = post_order(graph, lambda node: graph[node])
    assert sorted(order) == sorted(graph)
    for cycle in cycles:  # each reported cycle is one
        assert all(cycle[(index + 1) % len(cycle)] in graph[node] for index, node in enumerate(cycle))
    if not cycles:
        place = {node: index for index, node in enumerate(order)}
        assert all(place[target] < place[node] for node in graph for target in graph[node] if target in graph)
    assert bool(cycles) == bool(reference_cycles(graph))


@given(st.dictionaries(st.integers(0, 30), st.integers(0, 32), max_size=30))
def test_follow_links_reports_each_cycle_once_and_orders_the_rest(parent):
    order, cycles = follow_links(parent)
    in_cycles = [node for cycle in cycles for node in cycle]
    assert len(in_cycles) == len(set(in_cycles))
    assert {frozenset(cycle) for cycle in cycles} == reference_cycles({node: [target] for node, target in parent.items()})
    place = {node: index for index, node in enumerate(order)}
    assert sorted(order) == sorted(parent)
    assert all(place[parent[node]] < place[node] for node in parent
               if parent[node] in parent and node not in in_cycles and parent[node] not in in_cycles)


# --- 5. seeds the store can keep -------------------------------------------------------------------

def test_seed_of_2_63_or_more_is_refused():
    text = scenario_text(seed=2**63)
    [problem] = problems_of(text)
    assert problem.endswith(": seed (a 64-bit integer) may be at most 9,223,372,036,854,775,807")
    assert pointed_at(text, problem) == str(2**63)
    assert load_scenario(scenario_text(seed=2**63 - 1), "s.yaml").seed == 2**63 - 1
    assert "must be a whole number" in problems_of(scenario_text(seed="9" * 5000))[0]


def test_seeds_from_the_command_line_are_read_in_range():
    assert limits.parse_seed("42") == 42
    assert limits.parse_seed(str(2**63 - 1)) == 2**63 - 1
    for bad in (str(2**63), "-1", "1e3", "", "٣", "9" * 100):
        with pytest.raises(ValueError, match="a seed is a whole number from 0 to 9,223,372,036,854,775,807"):
            limits.parse_seed(bad)


def test_seed_argument_makes_argparse_say_why(capsys):
    import argparse

    parser = argparse.ArgumentParser(prog="drill simulate")
    parser.add_argument("--seed", type=limits.seed_argument)
    assert parser.parse_args(["--seed", "7"]).seed == 7
    with pytest.raises(SystemExit):
        parser.parse_args(["--seed", str(2**63)])
    assert "argument --seed: a seed is a whole number from 0 to 9,223,372,036,854,775,807 (2**63 - 1)" in capsys.readouterr().err


def test_a_drill_refuses_a_seed_the_store_could_not_keep():
    scenario = load_scenario(MINIMAL, "s.yaml")
    with pytest.raises(ValueError, match="a seed is a whole number"):
        DrillEngine.start(scenario, 2**63)
    assert DrillEngine.start(scenario, 2**63 - 1).seed == 2**63 - 1


# --- 6. responses files that validate are the ones simulate plays ----------------------------------

def responses_problems(text: str, scenario_source: str = MINIMAL) -> list[str]:
    scenario = load_scenario(scenario_source, "tiny.yaml")
    with pytest.raises(ScenarioError) as error:
        load_responses(text, scenario, "r.yaml")
    return [str(problem) for problem in error.value.problems]


def test_validate_refuses_a_reply_to_naming_an_unknown_or_undelivered_inject():
    text = """responses:
  - {at: 1m, role: comms, channel: chat, reply_to: nothing, text: hi}
  - {at: 1m, role: comms, channel: chat, reply_to: ticket-1, text: hi}
  - {at: 3m, role: comms, channel: chat, reply_to: ticket-1, text: hi}
  - {at: 3m, role: comms, channel: chat, reply_to: follow, text: hi}
  - {at: 4m, role: comms, channel: chat, reply_to: alert-1#2, text: hi}
  - {at: 5m, role: comms, channel: chat, reply_to: chatter, text: hi}
"""
    assert responses_problems(text) == [
        "r.yaml:2:52: reply_to 'nothing' names no inject or ask of tiny",
        "r.yaml:3:52: reply_to 'ticket-1': inject ticket-1 has not been delivered by T+01:00",
        "r.yaml:5:52: reply_to 'follow': inject follow has not been delivered by T+03:00",
        "r.yaml:6:52: reply_to 'alert-1#2': no such ask has been opened by T+04:00",
    ]


def test_a_reply_at_t0_comes_before_what_falls_due_at_t0_as_simulate_plays_it():
    text = "responses:\n  - {at: 0, role: comms, channel: status_page, reply_to: alert-1, text: hi}\n"
    assert responses_problems(text) == ["r.yaml:2:58: reply_to 'alert-1': inject alert-1 has not been delivered by "
                                        "T+00:00 (it falls due at that second, after this response)"]


def test_a_reply_to_an_inject_skipped_once_the_team_posted_is_refused():
    text = """responses:
  - {at: 2m, role: comms, channel: status_page, text: We are investigating.}
  - {at: 7m, role: support, channel: chat, reply_to: nudge, text: ok}
  - {at: 7m, role: support, channel: chat, reply_to: thanks, text: ok}
"""
    assert responses_problems(text) == ["r.yaml:3:54: reply_to 'nudge': inject nudge has not been delivered by T+07:00"]


def test_validate_refuses_a_response_longer_than_the_engine_accepts():
    text = yaml.safe_dump({"responses": [{"at": 60, "role": "comms", "channel": "chat", "text": "x" * 20_001}]})
    [problem] = responses_problems(text)
    assert problem.endswith("text is longer than 20,000 characters (20,001)")


def test_validate_refuses_responses_longer_in_all_than_a_drill_grades_in_time():
    text = yaml.safe_dump({"responses": [{"at": 60 + index, "role": "comms", "channel": "chat", "text": "x" * 19_000}
                                         for index in range(14)]})
    assert responses_problems(text) == ["r.yaml:2:1: the responses come to 266,000 characters; at most 250,000 in all"]


def test_validate_refuses_too_many_responses_and_a_list_of_roles():
    many = yaml.safe_dump({"responses": [{"at": 60, "role": "comms", "channel": "chat", "text": "x"} for _ in range(501)]})
    assert responses_problems(many) == ["r.yaml:2:1: more than 500 responses (501)"]
    listed = "responses:\n  - {at: 1m, role: [comms, support], channel: chat, text: hi}\n"
    assert responses_problems(listed) == ["r.yaml:2:20: role must be one role id"]


@st.composite
def responses_with_replies(draw):
    document = draw(scenario_documents(max_injects=6))
    inject_ids = [inject["id"] for inject in document["injects"]]
    targets = st.sampled_from(inject_ids + [f"{inject_id}#2" for inject_id in inject_ids] + ["nothing"])
    responses = sorted(draw(st.lists(st.fixed_dictionaries({
        "at": st.integers(0, document["duration"] - 1),
        "role": st.sampled_from(sorted(document["roles"])),
        "channel": st.sampled_from(sorted(document["channels"])),
        "text": st.just("We are on it."),
        "reply_to": targets | st.none(),
    }), max_size=8)), key=lambda response: response["at"])
    for response in responses:
        if response["reply_to"] is None:
            del response["reply_to"]
    return yaml.safe_dump(document), yaml.safe_dump({"responses": responses})


@given(responses_with_replies())
@settings(max_examples=80)
def test_a_responses_file_validates_exactly_when_simulate_plays_it(case):
    """The entries validate refuses are the ones simulate, playing the file unchecked, refuses."""
    from drill.responses import ScriptedResponse
    from drill.scenario.problems import Problem

    scenario = load_scenario(case[0], "gen.yaml")
    entries = yaml.compose(case[1]).value[0][1].value
    starts = [entry.start_mark.line + 1 for entry in entries]

    def entry_of(line: int) -> int:
        return max(index for index, start in enumerate(starts) if start <= line)

    try:
        responses = load_responses(case[1], scenario, "r.yaml")
    except ScenarioError as error:
        refused = {entry_of(problem.line) for problem in error.problems}
        raw = yaml.safe_load(case[1])["responses"]
        unchecked = [ScriptedResponse(item["at"], item["role"], item["channel"], item["text"], item.get("reply_to"),
                                      Problem("r.yaml", starts[index], 3, "")) for index, item in enumerate(raw)]
        with pytest.raises(ScenarioError) as played:
            simulate(scenario, unchecked, plugins=())
        assert {entry_of(problem.line) for problem in played.value.problems} == refused
    else:
        simulate(scenario, responses, plugins=())


def test_the_delivery_model_follows_the_engine_on_a_built_in_scenario(root):
    from drill.library import load_builtin

    scenario = load_builtin("checkout-outage")
    engine = simulate(scenario, [], plugins=())
    delivered = {event.data["inject_id"]: event.data["occurrence"] for event in engine.log if event.kind == "inject_delivered"}
    model = Deliveries(scenario)
    model.advance(scenario.duration)
    assert model.delivered == delivered


# --- 7. no tags, standard ones included ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a: !!str 5\n", "s.yaml:1:4: explicit tags (tag:yaml.org,2002:str) are not allowed"),
    ("a: !!int '5'\n", "s.yaml:1:4: explicit tags (tag:yaml.org,2002:int) are not allowed"),
    ("a: [1, !!float 2]\n", "s.yaml:1:8: explicit tags (tag:yaml.org,2002:float) are not allowed"),
    ("a: !!map {b: 1}\n", "s.yaml:1:4: explicit tags (tag:yaml.org,2002:map) are not allowed"),
    ("- !!seq []\n", "s.yaml:1:3: explicit tags (tag:yaml.org,2002:seq) are not allowed"),
    ("a: ! 5\n", "s.yaml:1:4: explicit tags (!) are not allowed"),
    ("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", "s.yaml:3:4: explicit tags (tag:example.com,2000:x) are not allowed"),
    ("a: \"Great!\"\nb: x!y\n", None),
])
@pytest.mark.parametrize("parser", ["libyaml", "pure Python"])
def test_standard_yaml_tags_are_refused_by_both_parsers_alike(monkeypatch, parser, text, expected):
    if parser == "pure Python":
        monkeypatch.setattr("drill.scenario.yamlnodes._FAST_LOADER", None)
    if expected is None:
        assert not any("tags" in problem for problem in problems_of(text))
    else:
        assert problems_of(text) == [expected]


def test_nesting_is_refused_alike_by_both_parsers(monkeypatch):
    deep = "a: " + "[" * 45 + "]" * 45 + "\n"
    deep_with_tag_char = "b: '!'\n" + deep
    fast = problems_of(deep_with_tag_char)
    assert fast and "nesting deeper than 40 levels" in fast[0]
    monkeypatch.setattr("drill.scenario.yamlnodes._FAST_LOADER", None)
    assert problems_of(deep_with_tag_char) == fast


def test_numbers_json_cannot_carry_stay_text():
    scenario = load_scenario(scenario_text(facts={"big": "1e999"}).replace("'1e999'", "1e999"), "s.yaml")
    assert scenario.facts["big"] == "1e999"


def test_a_random_mix_of_limits_never_raises_anything_else():
    rng = random.Random(7)
    for _ in range(30):
        document = yaml.safe_load(scenario_text())
        inject = document["injects"][0]
        inject["repeat"] = {"every": rng.choice([1, "1m", "0", "99999999999999h"]), "count": rng.choice([1, 1000, 10**30])}
        inject["text"] = rng.choice(["{org.a}" * 50, "x" * 30_000, "{fake.sentence}", "{{}}"])
        document["org"] = {"a": rng.choice(["{org.a}", "y" * 500, ""])}
        try:
            load_scenario(yaml.safe_dump(document), "s.yaml")
        except ScenarioError as error:
            assert error.problems
