"""Format 2's play: questions as answer slots, decision points, branches that converge, loops with a
bound, manual release and drills of moves, through the engine, a responses file and `simulate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill.engine import Advance, Choose, CommandRejected, DrillEngine, NextMove, Release, Respond
from drill.responses import load_responses
from drill.scenario import ScenarioError, load_scenario
from drill.scenario.deliveries import Deliveries
from drill.scenario.limits import move_of
from drill.simulate import simulate

HERE = Path(__file__).parent / "scenarios"


def scenario_of(name: str):
    path = HERE / f"{name}.yaml"
    return load_scenario(path.read_text(), str(path))


def played(name: str):
    scenario = scenario_of(name)
    path = HERE / f"{name}.responses.yaml"
    return simulate(scenario, load_responses(path.read_text(), scenario, str(path)))


def delivered(engine) -> list[tuple[str, int]]:
    return [(event.data["inject_id"], event.data["occurrence"]) for event in engine.log
            if event.kind == "inject_delivered"]


def bare(name: str) -> DrillEngine:
    return DrillEngine.start(scenario_of(name))


def test_the_chosen_branch_fires_and_the_other_does_not():
    engine = played("branching")
    fired = [inject_id for inject_id, _ in delivered(engine)]
    assert "restore-path" in fired and "pay-path" not in fired
    chosen = [event.data for event in engine.log if event.kind == "option_chosen"]
    assert chosen[0] == {"choice_id": 1, "inject_id": "triage", "occurrence": 1, "option_id": "restore", "role": "ic"}


def test_converging_branches_fire_once():
    engine = played("branching")
    converge = [event for event in engine.log if event.kind == "inject_delivered" and event.data["inject_id"] == "converge"]
    assert len(converge) == 1
    assert converge[0].at == 7 * 60 + 10 * 60  # the restore branch's delay, from the choice at 7m


def test_a_loop_runs_to_its_bound():
    engine = played("branching")
    retries = [occurrence for inject_id, occurrence in delivered(engine) if inject_id == "retry"]
    assert retries == [1, 2, 3]  # the responses choose "again" three times; max_fires is 3


def test_a_manual_inject_waits_for_release():
    engine = played("branching")
    kinds = [(event.kind, event.at) for event in engine.log
             if event.data.get("inject_id") == "leak" and event.kind.startswith("inject_")]
    assert kinds == [("inject_released", 20 * 60), ("inject_delivered", 20 * 60)]
    late = [event.kind for event in engine.log
            if event.data.get("inject_id") == "late-leak" and event.kind.startswith("inject_")]
    assert late == ["inject_held"]  # due at 30m, never released
    assert engine.state.held == {"late-leak": 1}


def test_a_question_answer_is_graded_as_its_question_says():
    engine = played("branching")
    graded = {event.data["response_id"]: event.data["grade"] for event in engine.log if event.kind == "response_graded"}
    answers = {event.data["question"]: event.data["response_id"] for event in engine.log
               if event.kind == "response_recorded" and "question" in event.data}
    assert set(answers) == {"triage.first", "triage.feel"}
    assert answers["triage.feel"] not in graded  # grade: none records without scoring
    rubric = graded[answers["triage.first"]]
    assert rubric["score"] >= 80
    criteria = {criterion["id"] for criterion in rubric["criteria"]}
    assert not criteria & {"empathy", "next_update", "action", "impact"}  # no communication criterion applied


def test_an_answer_slot_is_not_an_ask_and_is_closed_once():
    engine = bare("branching")
    engine.handle(Advance(to=5 * 60))
    assert set(engine.state.questions) == {"triage.first", "triage.feel"}
    engine.handle(Respond("ic", "bridge", "We isolate the hosts.", "triage.first"))
    engine.handle(Respond("ic", "bridge", "And keep the logs.", "triage.first"))
    answered = [event for event in engine.log if event.kind == "question_answered"]
    assert len(answered) == 1 and answered[0].data["response_id"] == 1
    with pytest.raises(CommandRejected, match="is for Incident commander"):
        engine.handle(Respond("comms", "bridge", "Me too.", "triage.first"))


def test_unanswered_questions_are_recorded_at_the_end():
    engine = bare("branching")
    engine.handle(Advance(to=60 * 60))
    unanswered = {event.data["question_id"] for event in engine.log if event.kind == "question_unanswered"}
    assert unanswered == {"triage.first", "triage.feel"}


@pytest.mark.parametrize("command, message", [
    (Choose("triage", "pay"), "not been delivered"),
    (Choose("nope", "pay"), "unknown inject"),
    (Choose("pay-path", "pay"), "offers no options"),
])
def test_a_choice_before_its_inject_or_of_nothing_is_refused(command, message):
    engine = bare("branching")
    with pytest.raises(CommandRejected, match=message):
        engine.handle(command)


def test_a_choice_is_made_once_and_by_its_chooser_or_the_facilitator():
    engine = bare("branching")
    engine.handle(Advance(to=5 * 60))
    with pytest.raises(CommandRejected, match="has no option 'wait'"):
        engine.handle(Choose("triage", "wait"))
    with pytest.raises(CommandRejected, match="Incident commander's to make"):
        engine.handle(Choose("triage", "pay", role="comms"))
    engine.handle(Choose("triage", "pay"))
    with pytest.raises(CommandRejected, match="has been made: Pay the ransom"):
        engine.handle(Choose("triage", "restore", role="ic"))


def test_release_needs_an_inject_waiting():
    engine = bare("branching")
    with pytest.raises(CommandRejected, match="not waiting for release"):
        engine.handle(Release("late-leak"))  # held only once it falls due at 30m
    engine.handle(Advance(to=31 * 60))
    engine.handle(Release("late-leak"))
    with pytest.raises(CommandRejected, match="not waiting"):
        engine.handle(Release("late-leak"))


def test_a_drill_of_moves_advances_move_by_move():
    engine = played("moves")
    moves = [(event.data["move"], event.at) for event in engine.log if event.kind == "move_started"]
    assert moves == [(2, 3600), (3, 7200)]
    assert [inject_id for inject_id, _ in delivered(engine)] == ["m1", "m1b", "m2", "m3"]
    answered = next(event for event in engine.log if event.kind == "ask_answered")
    assert answered.data["late"]  # move two's ask, answered in move three


def test_within_a_move_the_clock_does_not_run_into_the_next():
    engine = bare("moves")
    engine.handle(Advance(to=5 * 3600))
    assert engine.clock == 3599 and not engine.ended
    assert not [event for event in engine.log if event.data.get("inject_id") == "m2"]
    for _ in range(3):
        engine.handle(NextMove())
    assert engine.ended


def test_next_move_in_a_drill_on_a_clock_is_refused():
    with pytest.raises(CommandRejected, match="runs on a clock"):
        bare("branching").handle(NextMove())


def test_the_log_rebuilds_the_same_drill():
    engine = played("branching")
    rebuilt = DrillEngine.from_events(engine.scenario, engine.log)
    assert rebuilt.state.held == engine.state.held
    assert rebuilt.state.chosen == engine.state.chosen
    assert rebuilt.state.fired == engine.state.fired
    assert {key: slot.status for key, slot in rebuilt.state.questions.items()} == \
           {key: slot.status for key, slot in engine.state.questions.items()}


def test_the_same_seed_and_inputs_give_the_same_log():
    first, second = played("branching"), played("branching")
    assert [event.to_json() for event in first.log] == [event.to_json() for event in second.log]


# --- the responses file ---------------------------------------------------------------

def responses_problems(name: str, text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_responses(text, scenario_of(name), "r.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("entry, message", [
    ("{at: 6m, choose: triage.wait}", "choose 'triage.wait' names no option of branch-demo"),
    ("{at: 2m, choose: triage.pay}", "inject triage has not been delivered by T+02:00"),
    ("{at: 2m, release: triage}", "not an inject with `release: manual`"),
    ("{at: 2m, release: late-leak}", "release late-leak: it is not waiting for release"),
    ("{at: 6m, role: ic, channel: bridge, reply_to: triage.nope, text: x}", "inject triage asks no question 'nope'"),
    ("{at: 6m, choose: triage.pay, channel: bridge}", "unknown key 'channel'"),
])
def test_a_responses_file_with_a_wrong_choice_or_release_names_its_line(entry, message):
    problems = responses_problems("branching", f"responses:\n  - {entry}\n")
    assert any(problem.startswith("r.yaml:2:") and message in problem for problem in problems), problems


def test_a_responses_file_for_moves_says_move_not_at():
    problems = responses_problems("moves", "responses:\n  - {at: 5m, role: ic, channel: bridge, text: x}\n")
    assert any("'move'" in problem for problem in problems), problems


CHOICES = ["triage.pay", "triage.restore", "retry.again", "retry.stop"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 59), st.sampled_from([*CHOICES, "release:leak", "release:late-leak", "post"])),
                max_size=12))
def test_the_responses_checker_follows_the_engine(actions):
    """Deliveries (the file checker) and the engine agree on what each choice and release finds."""
    scenario = scenario_of("branching")
    engine = DrillEngine.start(scenario)
    mirror = Deliveries(scenario)
    for minute, action in sorted(actions, key=lambda action: action[0]):
        engine.handle(Advance(to=minute * 60))
        mirror.advance(minute * 60)
        if action == "post":
            engine.handle(Respond("comms", "status_page", "An update."))
            mirror.post("status_page")
            continue
        if action.startswith("release:"):
            inject_id = action.split(":")[1]
            command, check = Release(inject_id), (lambda: mirror.release(inject_id))
        else:
            inject_id, _, option = action.partition(".")
            command, check = Choose(inject_id, option), (lambda: mirror.choose(inject_id, option))
        try:
            engine.handle(command)
            refused = False
        except CommandRejected:
            refused = True
        assert (check() is not None) == refused, command
        assert set(mirror.delivered) == set(engine.state.delivered_count)
        assert mirror.held == engine.state.held


# --- the loader -----------------------------------------------------------------------

def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(text, "s.yaml")
    return [str(problem) for problem in caught.value.problems]


BASE = """\
format: 2
id: t
duration: 30m
roles: {ic: {name: IC}}
channels: {bridge: {audience: internal}}
injects:
  - {id: a, at: 1m, type: chat, text: x, options: [{id: go, text: Go}, {id: stop, text: Stop}]}
"""


@pytest.mark.parametrize("inject, message", [
    ("{id: b, after: {chose: a.wait}, type: note, text: y}", "a has no option 'wait' (its options: go, stop)"),
    ("{id: b, after: {chose: zz.go}, type: note, text: y}", "inject 'zz' offers no options"),
    ("{id: b, after: {chose: go}, type: note, text: y}", "names INJECT.OPTION"),
    ("{id: b, after: {any: []}, type: note, text: y}", "after.any must be a non-empty list"),
    ("{id: b, after: {any: [{chose: a.go}], delay: 1m}, type: note, text: y}", "a delay on each condition"),
    ("{id: b, after: {chose: a.go}, max_fires: 2, repeat: {every: 1m, count: 2}, type: note, text: y}",
     "both repeat and max_fires"),
    ("{id: b, at: 2m, max_fires: 2, type: note, text: y}", "max_fires needs 'after'"),
    ("{id: b, at: 2m, release: later, type: note, text: y}", "release must be 'manual'"),
    ("{id: b, at: 2m, type: note, text: y, questions: [{id: q, text: Q, grade: rubric}]}", "grade: rubric needs 'expect'"),
    ("{id: b, at: 2m, type: note, text: y, questions: [{id: q, text: Q, grade: essay}]}", "question grade 'essay'"),
    ("{id: b, at: 2m, type: note, text: y, questions: [{id: q, text: Q}, {id: q, text: R}]}", "duplicate question id 'q'"),
    ("{id: b, at: 2m, type: note, text: y, chooser: ic}", "has a chooser but no options"),
    ("{id: b, move: 2, type: note, text: y}", "'move' is for a drill of moves"),
])
def test_bad_play_keys_name_their_place(inject, message):
    problems = problems_of(BASE + f"  - {inject}\n")
    assert any(problem.startswith("s.yaml:8:") and message in problem for problem in problems), problems


def test_all_problems_at_once():
    text = BASE + "  - {id: b, after: {chose: a.wait}, type: note, text: y}\n  - {id: c, at: 2m, release: x, type: note, text: y}\n"
    problems = problems_of(text)
    assert len(problems) == 2, problems


def test_play_keys_in_a_format_1_file_name_the_format_they_need():
    problems = problems_of(BASE.replace("format: 2", "format: 1"))
    assert any("'options' in inject a is a format 2 key" in problem for problem in problems), problems


def test_a_manual_inject_needs_no_time_and_waits_from_the_start():
    scenario = load_scenario(BASE + "  - {id: b, release: manual, type: note, text: y}\n", "s.yaml")
    engine = DrillEngine.start(scenario)
    assert engine.state.held == {"b": 1}
    engine.handle(Release("b"))
    assert delivered(engine) == [("b", 1)]


@pytest.mark.parametrize("top, message", [
    ("mode: moves\n", "mode: moves needs `moves: N`"),
    ("mode: moves\nmoves: 3\n", "a drill of moves has no duration"),
    ("mode: turns\n", "mode is 'moves' or 'clock'"),
    ("moves: 3\n", "moves: N needs `mode: moves`"),
    ("mode: moves\nmoves: 99\n", "moves"),
])
def test_bad_moves_are_refused(top, message):
    problems = problems_of(BASE.replace("duration: 30m\n", "duration: 30m\n" + top))
    assert any(message in problem for problem in problems), problems


def test_in_a_drill_of_moves_an_inject_says_move():
    text = BASE.replace("duration: 30m\n", "mode: moves\nmoves: 2\n")
    problems = problems_of(text)
    assert any("say `move: N` instead of 'at'" in problem for problem in problems), problems
    scenario = load_scenario(text.replace("at: 1m", "move: 2"), "s.yaml")
    assert move_of(scenario.inject("a").at) == 2 and scenario.duration == 2 * 3600


def test_the_report_keeps_every_answer_and_scores_only_the_graded_ones():
    from drill.grading import grade_drill
    from drill.report.data import build_report
    from drill.report.markdown import report_to_markdown

    engine = played("branching")
    scores = grade_drill(engine.scenario, engine.log)
    scored = {item["index"] for item in scores["responses"]}
    assert scored == {1}  # the rubric answer; the `grade: none` one is not scored
    report = build_report(engine.scenario, engine.log, scores)
    assert [response["id"] for response in report["responses"]] == [1, 2]
    text = report_to_markdown(report)
    assert "Replies to `triage.feel` · recorded, not graded" in text
    assert "covers 'isolate the affected hosts'" in text
