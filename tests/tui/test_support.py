"""The UI's pure helpers, tested without Textual."""

from datetime import datetime
from pathlib import Path

from drill.engine import Advance, DrillEngine, InjectAdHoc, Respond
from drill.grading import grade_response
from drill.tui.support.asks import AMBER, CALM, RED, countdown, urgency
from drill.live.clock import ScenarioClock
from drill.tui.support.clock import next_speed
from drill.tui.support.feed import feed_entry
from drill.tui.support.out_dir import default_out_dir
from drill.wiring import start_drill


def test_the_clock_hands_out_whole_seconds_and_keeps_the_fraction():
    clock = ScenarioClock()
    assert [clock.take(0.4) for _ in range(5)] == [0, 0, 1, 0, 1]
    assert clock.take(2.5) == 2
    clock.reset()
    assert clock.take(0.6) == 0
    assert clock.take(-3) == 0


def test_speeds_cycle_through_the_presets():
    assert [next_speed(speed) for speed in (1, 2, 5, 10, 3, 60)] == [2, 5, 10, 1, 5, 1]


def test_urgency_turns_amber_in_the_last_third_then_red_when_overdue():
    assert urgency(due_at=300, within=300, clock=0) == CALM
    assert urgency(due_at=300, within=300, clock=199) == CALM
    assert urgency(due_at=300, within=300, clock=201) == AMBER
    assert urgency(due_at=300, within=300, clock=300) == AMBER
    assert urgency(due_at=300, within=300, clock=301) == RED
    assert countdown(300, 30) == "4m 30s left"
    assert countdown(300, 370) == "1m 10s overdue"


def test_feed_entries_know_their_roles_and_channels(checkout):
    engine = start_drill(checkout)
    events = engine.handle(Advance(to=60))
    delivered = feed_entry(events[0], engine.state)
    assert delivered.roles == ("ic",) and delivered.channels == ("incident_chat",)
    assert delivered.matches("ic", None) and delivered.matches(None, "incident_chat")
    assert not delivered.matches("comms", None) and not delivered.matches(None, "social")
    sent = engine.handle(Respond("comms", "social", "We are looking into failed payments."))
    assert feed_entry(sent[0], engine.state).matches("comms", "social")
    note = engine.handle(InjectAdHoc(type="note", text="Only for you", to=("facilitator",)))
    assert feed_entry(note[0], engine.state).facilitator_only
    assert feed_entry(engine.log[0], engine.state) is None  # drill_started is not in the feed


def test_the_default_report_folder_is_named_after_the_drill():
    assert default_out_dir("checkout-outage", datetime(2024, 5, 3, 14, 2, 9)) == Path(
        "drill-checkout-outage-20240503-140209")


def test_a_sent_message_is_graded_against_its_channel(checkout):
    engine = start_drill(checkout)
    engine.handle(Advance(to=300))
    events = engine.handle(Respond("comms", "status_page", "We are investigating failed card payments in Europe."))
    grade = grade_response(engine.scenario, engine.state, events[0])
    assert 0 <= grade.score <= 100
    assert {criterion.id for criterion in grade.criteria} >= {"acknowledge", "next_update"}


def test_public_pulse_keeps_the_public_minutes_for_the_meter(checkout):
    from drill.simulate import simulate
    from drill.tui.support.public import PublicPulse

    engine = simulate(checkout, seed=7)
    pulse = PublicPulse(keep=30)
    for event in engine.log:
        pulse.add(event.at, event.kind, event.data)
    ticks = [e.data for e in engine.log if e.kind == "public_tick" and e.data["public"]]
    assert len(pulse.minutes) == 30 and pulse.current.minute == ticks[-1]["minute"]
    assert pulse.posts(3) == [tick["posts"] for tick in ticks[-3:]]
    assert pulse.sentiments(2) == [tick["sentiment"] for tick in ticks[-2:]]
    assert pulse.press(0) == [] and pulse.stories == sum(1 for e in engine.log if e.kind == "public_story")
    quiet = PublicPulse()
    assert quiet.add(60, "public_tick", {"minute": 1, "public": False}) is None and not quiet.public


def test_sparklines_use_a_fixed_scale_and_mood_reads_as_a_word_and_a_number():
    from drill.tui.support.public import mood, per_minute, posts_this_minute, press, spark

    assert spark([], 0, 1) == ""
    assert spark([-1, -0.5, 0, 0.5, 1], -1, 1) == "▁▃▅▇█"
    assert spark([-1, -1, -1], -1, 1) == "▁▁▁"  # a mood stuck at the bottom stays there
    assert spark([5, 50], 0, 10) == "▅█" and spark([3], 0, 0) == "▁"
    assert mood(-0.62) == "angry \u22120.62" and mood(-0.9) == "furious \u22120.90"
    assert mood(0) == "neutral 0.00" and mood(0.3) == "calmer +0.30" and mood(0.8) == "reassured +0.80"
    assert press(0.786) == "intense 79%" and press(0.1) == "low 10%"
    assert posts_this_minute(14) == "+14 posts this minute" and posts_this_minute(1) == "+1 post this minute"
    assert per_minute(14) == "14/min"


def test_the_social_panel_lists_posts_minutes_stories_and_turns_in_mood():
    from drill.engine.events import Event
    from drill.tui.support.social import PressStory, PublicMinute, PublicNote, ScriptedPost, social_item

    sample = {"handle": "@ana", "mood": "angry", "text": "Still down.", "cause": "no public statement for 3 minutes",
              "quotes_response": None}
    minute = social_item(Event(9, 660, "public_tick", {"minute": 11, "public": True, "posts": 14,
                                                       "samples": [sample], "causes": []}))
    assert isinstance(minute, PublicMinute) and minute.posts == 14 and minute.cause == sample["cause"]
    assert social_item(Event(2, 60, "public_tick", {"minute": 1, "public": False, "posts": 0, "samples": []})) is None
    post = social_item(Event(3, 480, "inject_delivered", {"type": "social_post", "from": "@bo", "text": "Down?"}))
    assert post == ScriptedPost(480, "@bo", "Down?")
    story = social_item(Event(4, 1980, "public_story", {"kind": "declined", "outlet": "Herald", "headline": "Silent",
                                                        "text": "No reply.", "cause": "press call not answered"}))
    assert isinstance(story, PressStory) and story.cause == "press call not answered"
    reaction = Event(5, 700, "public_reaction", {"causes": ["response 1 on status_page was graded 80/100"]})
    assert isinstance(social_item(reaction), PublicNote)
    assert social_item(reaction, training=False) is None  # exam mode keeps grades for the debrief


def test_the_social_panel_passes_over_only_events_it_would_not_take(checkout):
    """The panel skips every event outside SOCIAL_KINDS and PULSE_KINDS unread: none of those makes an item
    or a reading (a played drill, with responses, grades and the public's every kind)."""
    from drill.responses import ScriptedResponse
    from drill.scenario.problems import Problem
    from drill.simulate import simulate
    from drill.tui.support.public import PULSE_KINDS, PublicPulse
    from drill.tui.support.social import SOCIAL_KINDS, social_item

    responses = [ScriptedResponse(minute * 60, "comms", channel, f"Update {minute}: payments are failing for some "
                                  "merchants; we are investigating and will update in 30 minutes.", None,
                                  Problem("<test>", 1, 1, ""))
                 for minute, channel in zip(range(2, 40, 3), ["social", "status_page", "incident_chat"] * 5)]
    log = simulate(checkout, responses, seed=7).log
    skipped = [event for event in log if event.kind not in SOCIAL_KINDS | PULSE_KINDS]
    assert {"response_recorded", "response_graded"} <= {event.kind for event in skipped}
    pulse = PublicPulse()
    for event in skipped:
        assert social_item(event) is None and pulse.add(event.at, event.kind, event.data) is None
    assert not pulse.minutes and not pulse.stories


def test_a_replay_cursor_hands_out_stored_events_as_their_time_comes(checkout):
    from drill.simulate import simulate
    from drill.live.replay import ReplayCursor, ReplaySource

    events = simulate(checkout, seed=7).log
    cursor = ReplayCursor(ReplaySource(checkout, events, clock=events[-1].at + 30))
    first = cursor.advance(0)
    assert first[0].kind == "drill_started" and all(event.at == 0 for event in first)
    upto_ten = cursor.advance(600)
    assert upto_ten and all(0 <= event.at <= 600 for event in upto_ten)
    assert cursor.events == events[: len(first) + len(upto_ten)]
    while not cursor.finished:
        cursor.advance(500)
    assert cursor.events == list(events) and cursor.clock == events[-1].at + 30
    assert cursor.advance(60) == []


def test_reasons_read_as_the_report_names_them_the_costliest_miss_first():
    from drill.report.remedies import label
    from drill.tui.support.reasons import MISSED, PARTLY, PASSED, misses, reasons, verdict
    from scoring.criteria import QUALITY_CRITERIA

    criteria = [
        {"id": "next_update", "passed": False, "points": 0, "max": 7, "reason": "No time."},
        {"id": "acknowledge", "passed": True, "points": 7, "max": 7, "reason": "Says it."},
        {"id": "impact", "passed": 0.6, "points": 5.4, "max": 9, "reason": "Some impact."},
        {"id": "accuracy", "passed": False, "points": 0, "max": 9, "reason": "Contradicts\n the facts."},
        {"id": "length", "passed": 0.2, "points": 0.4, "max": 2, "reason": "Long."},
    ]
    found = reasons(criteria)
    assert [(r.label, r.verdict) for r in found] == [
        ("Matches the facts", MISSED), ("Commits to the next update", MISSED), ("Fits the channel", MISSED),
        ("States the impact", PARTLY), ("Acknowledges the problem", PASSED)]
    assert found[0].reason == "Contradicts the facts." and found[0].points_text == "0/9 points"
    assert [r.label for r in misses(criteria)] == ["Matches the facts", "Commits to the next update",
                                                   "Fits the channel"]
    assert [verdict(value) for value in (True, 1, 1.0, 0.99, 0.5, 0.49, 0, False, None)] == \
        [PASSED, PASSED, PASSED, PARTLY, PARTLY, MISSED, MISSED, MISSED, MISSED]
    for criterion_id in QUALITY_CRITERIA:  # every criterion the scorer has reads as words
        assert "_" not in label(criterion_id) and label(criterion_id)[0].isupper()


def test_a_short_reason_is_its_first_sentence_cut_between_words():
    from drill.tui.support.reasons import first_sentence, short_reason

    assert first_sentence('Shifts blame ("AWS. Really"): own it. Then more.') == 'Shifts blame ("AWS. Really"): own it.'
    assert first_sentence("Reading grade 7.4 suits it. More.") == "Reading grade 7.4 suits it."
    assert first_sentence("No full stop") == "No full stop"
    assert short_reason("Does not say who is affected, how many, where or what they experience.", 40) == \
        "Does not say who is affected, how many…"
    assert short_reason("Short.\nSecond sentence.") == "Short."
    assert short_reason("x" * 80, 10) == "x" * 9 + "…"


def test_a_send_takes_what_follows_the_messages_still_pending():
    from drill.tui.support.sending import Pending, next_message, remove_sent

    first = next_message("Seen it", [])
    assert (first.text, first.offset) == ("Seen it", 0)
    second = next_message("Seen it on it", [first])  # typed after Ctrl+S, before the app answered
    assert (second.text, second.offset) == (" on it", 7)
    assert next_message("Seen it", [first]).text == ""  # Ctrl+S twice: nothing new to send
    assert remove_sent("Seen it on it", first, [second]) == (0, 7)
    assert second.offset == 0  # where it will be once the first is gone
    assert remove_sent("Oh, seen it", Pending("seen it", 0), []) == (4, 11)  # moved: found where it is now
    assert remove_sent("edited away", Pending("seen it", 0), []) is None


def test_length_is_the_scorers_and_links_count_23_on_social(checkout):
    from drill.tui.support.length import message_length, too_long

    social, status = checkout.channels["social"], checkout.channels["status_page"]
    link = "https://status.acmepay.example/" + "x" * 100
    assert message_length(f"See {link}", social) == len("See ") + 23
    assert message_length(f"See {link}", status) == len("See ") + len(link)
    assert message_length("", social) == 0
    assert not too_long("a" * 250 + " " + link, social) and too_long("a" * 281, social)


def test_asks_are_listed_soonest_due_first_then_by_id(checkout):
    from drill.tui.support.asks import answerable, by_due

    engine = start_drill(checkout)
    engine.handle(Advance(to=60))
    engine.handle(InjectAdHoc(type="chat", text="b", expects_role="ic", expects_channel="incident_chat", within=240))
    engine.handle(InjectAdHoc(type="chat", text="a", expects_role="comms", expects_channel="social", within=30))
    asks = engine.state.open_asks()
    assert [ask.ask_id for ask in by_due(asks)] == ["adhoc-2", "adhoc-1", "alert-1"]  # adhoc-1 and alert-1 both due at 5m
    assert [ask.ask_id for ask in answerable(asks, "ic", "incident_chat")] == ["adhoc-1", "alert-1"]
    assert answerable(asks, "ic", "social") == []
