"""The public reacts to the team's timing and words, deterministically and with causes."""

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings, strategies as st

from drill.engine import Advance, DrillEngine, Respond, events_to_jsonl
from drill.library import builtin_files, builtin_responses, load_builtin
from drill.responses import load_responses
from drill.scenario import load_scenario
from drill.simulate import simulate
from drill.world import pressure
from drill.wiring import rebuild_drill, start_drill
from scoring.promises import GRACE_S

SCENARIO = """\
format: 1
id: world
title: World test
duration: 90m
org: {name: Acme, product: Acme Pay, handle: "@acme"}
roles:
  comms: {name: Communications}
  support: {name: Support}
channels:
  status_page: {audience: public, max_chars: 1500, name: Status page}
  status_mirror: {audience: public, max_chars: 1500, name: Status mirror, equivalent: [status_page]}
  social: {audience: public, max_chars: 280}
  press: {audience: public}
  chat: {audience: internal}
facts: {phase: investigating, customers_affected: 2000, regions: [EU]}
objectives:
  first-public: Post a first update on the status page within 15 minutes.
  keep-cadence: Update the status page at least every 30 minutes.
targets: {update_cadence: 30m}
injects:
  - id: alert
    at: 0m
    type: alert
    to: [comms]
    text: Payments failing.
  - id: chatter
    at: 2m
    type: social_post
    from: "@someone"
    text: Is it down?
  - id: press
    at: 20m
    type: press_call
    from: "Ana Diaz, Springfield Herald"
    to: [comms]
    text: How many customers are affected?
    expects: {role: comms, channel: press, within: 5m}
"""

GOOD = ("We're sorry: card payments are failing for some customers in the EU. We are investigating and do not "
        "yet know the cause. Please use bank transfer for now. Next update in 30 minutes.")
BLAME = " This was caused by our payment vendor's mistake."


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO, "world.yaml")


def play(scenario, responses, seed=1, start_time=None):
    engine = start_drill(scenario, seed, start_time=start_time)
    for at, role, channel, text in sorted(responses, key=lambda r: r[0]):
        if at > engine.clock:
            engine.handle(Advance(to=at))
        engine.handle(Respond(role, channel, text))
    engine.handle(Advance(to=scenario.duration))
    return engine


def ticks(engine):
    return [e.data for e in engine.log if e.kind == "public_tick"]


def negative_volume(engine):
    return pressure.negative_volume(ticks(engine))


# "The same words" must make the same promise: "next update in 30 minutes" posted a minute
# earlier is a promise due a minute earlier, and the public truthfully holds the team to it.
# So the words either promise nothing, or promise a clock time both posts come before.
WITHOUT_PROMISE = GOOD.replace(" Next update in 30 minutes.", "")
CLOCK_PROMISE = GOOD.replace("Next update in 30 minutes.", "Next update by 15:00 UTC.")
START = datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)


@given(first=st.integers(0, 80 * 60), later=st.integers(1, 60 * 60),
       follow_ups=st.lists(st.integers(0, 89 * 60), max_size=3), promise=st.booleans())
@settings(max_examples=40)
def test_an_earlier_good_first_statement_never_leaves_more_negative_volume(scenario, first, later, follow_ups,
                                                                           promise):
    if promise:  # both posts before the promised 15:00 (T+60:00)
        first, later = first % (55 * 60), min(later, 55 * 60 - first % (55 * 60))
    words = CLOCK_PROMISE if promise else WITHOUT_PROMISE
    second = min(first + later, 89 * 60)
    others = [(at, "comms", "status_page", "Update: still investigating. We will keep you posted.")
              for at in follow_ups if at > second]
    early = play(scenario, [(first, "comms", "status_page", words), *others], start_time=START)
    late = play(scenario, [(second, "comms", "status_page", words), *others], start_time=START)
    assert negative_volume(early) <= negative_volume(late) + 1e-9


@given(at=st.integers(0, 85 * 60), channel=st.sampled_from(["status_page", "social", "press"]),
       prefix=st.sampled_from([GOOD, "We are investigating.", "Payments are failing in the EU.", "Update soon."]))
@settings(max_examples=30)
def test_a_blaming_message_never_improves_sentiment(scenario, at, channel, prefix):
    plain = play(scenario, [(at, "comms", channel, prefix)])
    blaming = play(scenario, [(at, "comms", channel, prefix + BLAME)])
    reaction = next(e.data for e in blaming.log if e.kind == "public_reaction")
    assert reaction["calm"] == 0
    assert any(f["criterion"] == "no_blame" for f in reaction["faults"])
    assert any("blamed someone else" in cause for cause in reaction["causes"])
    for with_blame, without in zip(ticks(blaming), ticks(plain)):
        assert with_blame["sentiment"] <= without["sentiment"]


def test_same_seed_and_responses_give_the_same_world(scenario):
    responses = [(300, "comms", "status_page", GOOD), (1300, "comms", "press", "About 2,000 customers.")]
    assert events_to_jsonl(play(scenario, responses).log) == events_to_jsonl(play(scenario, responses).log)
    assert ticks(play(scenario, responses, seed=1)) != ticks(play(scenario, responses, seed=2))


def test_silence_grows_volume_and_every_tick_says_why(scenario):
    engine = play(scenario, [])
    series = ticks(engine)
    public = [t for t in series if t["public"]]
    assert public[0]["volume"] < public[-1]["volume"]
    assert public[-1]["sentiment"] < 0
    assert "no public statement for" in public[-1]["causes"][0]
    assert all(sample["cause"] for t in public for sample in t["samples"])


def test_unanswered_press_call_becomes_a_declined_story(scenario):
    engine = play(scenario, [])
    story = next(e.data for e in engine.log if e.kind == "public_story")
    assert story["kind"] == "declined" and story["outlet"] == "Springfield Herald"
    assert "did not respond" in story["text"]
    assert story["cause"] == "press call press was not answered within 5 minutes"


def test_answered_press_call_becomes_a_story_quoting_its_numbers(scenario):
    engine = play(scenario, [(1300, "comms", "press", "Payments are failing for about 2,000 customers in the EU. "
                                                        "We are sorry and are working on it.")])
    story = next(e for e in engine.log if e.kind == "public_story")
    assert story.at == 1300 + 300
    assert story.data["kind"] == "quoted" and "2,000 customers" in story.data["text"]


def test_no_comment_is_reported_as_declining(scenario):
    engine = play(scenario, [(1300, "comms", "press", "No comment.")])
    story = next(e.data for e in engine.log if e.kind == "public_story")
    assert story["kind"] == "declined" and "declined to comment" in story["text"]


def test_a_broken_promise_brings_a_wave_of_questions(scenario):
    engine = play(scenario, [(300, "comms", "status_page", GOOD)])
    late = [t for t in ticks(engine) if t["minute"] > 5 + 30 + 2]
    assert any("promised an update by T+35:00" in cause for t in late for cause in t["causes"])
    kept = play(scenario, [(300, "comms", "status_page", GOOD), (1900, "comms", "status_page", GOOD)])
    assert not any("promised" in c for t in ticks(kept) if t["minute"] <= 50 for c in t["causes"])


def test_a_contradiction_brings_a_reporter_follow_up_quoting_both(scenario):
    engine = play(scenario, [
        (300, "comms", "status_page", "About 2,000 customers in the EU cannot pay by card. We are investigating."),
        (600, "comms", "social", "Only 50 customers in the EU are affected by the card payment problem."),
    ])
    story = next(e.data for e in engine.log if e.kind == "public_story" and e.data["kind"] == "follow_up")
    assert "2,000" in story["text"] and "50 customers" in story["text"]
    assert story["cause"] == "response 2 on social contradicted response 1 on the status page"


def test_a_rebuilt_drill_keeps_the_same_public(scenario):
    original = start_drill(scenario, 4)
    original.handle(Advance(to=400))
    original.handle(Respond("comms", "status_page", GOOD))
    original.handle(Advance(to=900))
    rebuilt = rebuild_drill(scenario, original.log, clock=original.clock)
    for engine in (original, rebuilt):
        engine.handle(Respond("comms", "social", "Still investigating, sorry. Next update in 20 minutes."))
        engine.handle(Advance(to=scenario.duration))
    assert events_to_jsonl(rebuilt.log) == events_to_jsonl(original.log)


@pytest.mark.parametrize("entry", builtin_files(), ids=lambda entry: entry.id)
def test_a_good_team_leaves_a_calmer_public_than_a_poor_team(entry):
    scenario = load_builtin(entry.id)
    worlds = {}
    for quality in ("good", "poor"):
        source = builtin_responses(entry.id, quality)
        if source is None:
            pytest.skip(f"{entry.id} ships no {quality} responses")
        worlds[quality] = simulate(scenario, load_responses(source[0], scenario, source[1]), seed=7)
    good, poor = worlds["good"], worlds["poor"]
    assert negative_volume(good) * 3 < negative_volume(poor)
    assert ticks(good)[-1]["sentiment"] > ticks(poor)[-1]["sentiment"]


def test_grading_a_log_uses_the_facts_each_message_met(scenario):
    from drill.grading import grade_log

    engine = play(scenario, [(300, "comms", "status_page", "About 2,000 customers in the EU cannot pay."),
                             (400, "comms", "chat", "Status: investigating.")])
    grades = grade_log(scenario, engine.log)
    assert set(grades) == {1, 2}
    accuracy = next(c for c in grades[1].criteria if c.id == "accuracy")
    assert accuracy.passed is True


# --- the public never contradicts what the team did ----------------------------------

SILENCE = ("silence", "not a word", "not a single word", "left in the dark", "heard nothing")
OVERDUE = ("you said you'd update us", "promised")
QUIET = ("nothing new", "still nothing", "nothing on", "been a while")


def _said(engine, phrases):
    """(time, text) of every post and story that uses one of ``phrases``."""
    said = [(e.at, s["text"]) for e in engine.log if e.kind == "public_tick" for s in e.data["samples"]]
    said += [(e.at, e.data["headline"] + " " + e.data["text"]) for e in engine.log if e.kind == "public_story"]
    return [(at, text) for at, text in said if any(phrase in text.lower() for phrase in phrases)]


@st.composite
def on_cadence(draw):
    """Status-page posts from before the incident is public to the end, each gap within the cadence,
    each promising the next update no sooner than it comes."""
    gaps = draw(st.lists(st.integers(60, 30 * 60), min_size=1, max_size=6))
    at, posts, index = draw(st.integers(0, 110)), [], 0
    while at < 90 * 60:
        gap = gaps[index % len(gaps)]
        minutes = -(-gap // 60)
        posts.append((at, "comms", "status_page",
                      f"Update: card payments are failing for some customers in the EU. We are investigating. "
                      f"Next update in {minutes} minute{'s' if minutes != 1 else ''}."))
        at, index = at + gap, index + 1
    return posts


@given(on_cadence())
@settings(max_examples=20)
def test_a_team_on_cadence_never_hears_of_silence_or_a_broken_promise(scenario, posts):
    engine = play(scenario, posts)
    assert all(reaction["promises"] for reaction in (e.data for e in engine.log if e.kind == "public_reaction"))
    assert _said(engine, SILENCE + OVERDUE + QUIET) == []


RESPONSE_TEXTS = [GOOD, GOOD + BLAME, "We are investigating.", "No comment.",
                  "Update: still investigating. Next update in 10 minutes.",
                  "Payments are failing in the EU. Next update in 20 minutes."]


@given(st.lists(st.tuples(st.integers(0, 89 * 60), st.sampled_from(["status_page", "status_mirror", "social", "press"]),
                          st.sampled_from(RESPONSE_TEXTS)), max_size=5))
@settings(max_examples=20)
def test_the_public_only_says_what_the_log_bears_out(scenario, script):
    """A minute's posts are written before a response sent in the same second."""
    engine = play(scenario, [(at, "comms", channel, text) for at, channel, text in script])
    posted = [(e.at, e.data["channel"]) for e in engine.log if e.kind == "response_recorded"]
    promises = [(e.at, e.data["channel"], due) for e in engine.log if e.kind == "public_reaction"
                for due in e.data["promises"]]
    status = scenario.channel_group("status_page")

    def overdue(time):
        return any(time > due + GRACE_S and not any(made < at < time and ch in scenario.channel_group(channel)
                                                    for at, ch in posted)
                   for made, channel, due in promises if made < time)

    for time, text in _said(engine, SILENCE):
        assert not any(at < time for at, _ in posted), text
    for time, text in _said(engine, ("you said you'd update us", "you promised", "update they promised")):
        assert overdue(time), (time, text)
    for time, text in _said(engine, ("appreciate the updates", "proper status update", "for the clear update")):
        last = max((at for at, channel in posted if channel in status and at < time), default=None)
        assert last is not None and time - last <= 30 * 60, (time, text)
