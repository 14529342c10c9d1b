"""What the public says is true of the drill, names the organisation as the scenario does, and says why."""

import random
from datetime import datetime, timezone

from drill.engine import Advance, DrillEngine, Respond
from drill.scenario import load_scenario
from drill.world.plugin import PublicWorld, channel_phrase, status_channels
from drill.world.posts import DEFAULT_TEMPLATES, Moment, OrgNames, fill, needs_of, sample_posts
from drill.wiring import start_drill
from test_world import GOOD, SCENARIO, play, ticks

UPDATE = "Update: card payments are still failing for some customers in the EU. Next update in 30 minutes."


def scenario():
    return load_scenario(SCENARIO, "world.yaml")


def posts(engine, after=0, before=None):
    return [(e.at, sample) for e in engine.log if e.kind == "public_tick" and e.data["public"]
            and e.at > after and (before is None or e.at <= before) for sample in e.data["samples"]]


def texts(engine, **window):
    return [sample["text"] for _, sample in posts(engine, **window)]


# --- causes ----------------------------------------------------------------------


def test_no_post_or_tick_is_without_a_specific_cause():
    for responses in ([], [(300, "comms", "status_page", GOOD)], [(1300, "comms", "press", "No comment.")]):
        engine = play(scenario(), responses)
        for tick in ticks(engine):
            if tick["public"]:
                assert tick["causes"], tick["minute"]
                assert all(sample["cause"] and sample["cause"] != "talk about the incident"
                           for sample in tick["samples"])


def test_silence_says_what_the_public_is_reacting_to():
    tick = next(t for t in ticks(play(scenario(), [])) if t["public"])
    assert tick["causes"][0] == ("no public statement for 1 minute since the incident became public at T+02:00 "
                                 "via social post chatter")


def test_a_calming_post_is_named_with_its_channel_and_grade():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD)])
    reaction = next(e.data for e in engine.log if e.kind == "public_reaction")
    assert reaction["causes"] == [f"response 1 on the status page, graded {reaction['score']:.0f}/100, "
                                  "calmed the public"]
    tick = next(t for t in ticks(engine) if t["minute"] == 10)
    assert tick["causes"] == reaction["causes"]
    assert {sample["cause"] for sample in tick["samples"]} == set(reaction["causes"])


def test_a_promise_that_fell_due_is_named_with_its_clock_time():
    start = datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)
    engine = start_drill(scenario(), 1, start_time=start)
    engine.handle(Advance(to=300))
    engine.handle(Respond("comms", "status_page",
                          GOOD.replace("Next update in 30 minutes.", "Next update at 14:40 UTC.")))
    engine.handle(Advance(to=3000))
    causes = {minute: t["causes"] for t in ticks(engine) if (minute := t["minute"])}
    overdue = "response 1 promised an update by 14:40 UTC (T+40:00) on the status page and none came"
    assert overdue not in causes[42] and causes[43][0] == overdue  # due at T+40, two minutes' grace


def test_a_stale_status_page_is_named_with_the_minutes_since_its_last_post():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD.replace(" Next update in 30 minutes.", ""))])
    causes = {t["minute"]: t["causes"] for t in ticks(engine)}
    assert not any("no post on" in cause for cause in causes[35])
    assert "no post on the status page for 31 minutes, since T+05:00 (target: every 30 minutes)" in causes[36]


def test_a_missed_press_call_is_named_while_the_story_is_news():
    engine = play(scenario(), [(60, "comms", "status_page", GOOD), (1500, "comms", "status_page", UPDATE)])
    story = next(e for e in engine.log if e.kind == "public_story")
    assert story.at == 20 * 60 + 5 * 60 + 1 + 600  # overdue after the press call's 5 minutes, then a 10-minute wait
    echo = (f"Springfield Herald ran “{story.data['headline']}” at T+35:01: "
            "press call press was not answered within 5 minutes")
    causes = {t["minute"]: t["causes"] for t in ticks(engine)}
    assert echo in causes[36] and echo in causes[45] and echo not in causes[46]
    angry = [sample for _, sample in posts(engine, after=story.at, before=story.at + 600)
             if "press can't get an answer" in sample["text"]]
    assert angry and all(sample["cause"] == echo for sample in angry)


def test_a_contradiction_between_channels_is_named():
    engine = play(scenario(), [
        (300, "comms", "status_page", "About 2,000 customers in the EU cannot pay by card. We are investigating."),
        (600, "comms", "social", "Only 50 customers in the EU are affected by the card payment problem."),
    ])
    follow_up = next(e for e in engine.log if e.kind == "public_story" and e.data["kind"] == "follow_up")
    tick = next(t for t in ticks(engine) if t["minute"] * 60 > follow_up.at)
    assert any("response 2 on social contradicted response 1 on the status page" in cause for cause in tick["causes"])


# --- promises, cadence and praise ------------------------------------------------


def test_no_one_says_you_promised_before_the_promise_falls_due():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD)])  # due T+35, grace to T+37
    early = texts(engine, before=37 * 60)
    assert not any("said you'd update" in text or "promised" in text for text in early)
    assert any("said you'd update" in text or "promised" in text for text in texts(engine, after=37 * 60))


def test_a_post_on_an_equivalent_channel_keeps_the_promise_and_one_elsewhere_does_not():
    kept = play(scenario(), [(300, "comms", "status_page", GOOD), (1900, "comms", "status_mirror", UPDATE)])
    assert not any("promised" in cause for t in ticks(kept) if t["minute"] <= 55 for cause in t["causes"])
    elsewhere = play(scenario(), [(300, "comms", "status_page", GOOD), (1900, "comms", "social", UPDATE)])
    assert any("response 1 promised an update by T+35:00 on the status page" in cause
               for t in ticks(elsewhere) if t["minute"] == 38 for cause in t["causes"])


def test_a_stale_status_page_after_a_promise_brings_a_wave_of_questions():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD)])
    series = {t["minute"]: t for t in ticks(engine)}
    before, wave = [series[m] for m in range(20, 36)], [series[m] for m in range(45, 61)]
    assert max(t["volume"] for t in before) < min(t["volume"] for t in wave)
    assert all(later["sentiment"] < earlier["sentiment"] for earlier, later in zip(wave, wave[1:]))
    assert wave[-1]["sentiment"] < before[-1]["sentiment"] - 0.3

    def asking(window):
        samples = [s for t in window for s in t["samples"]]
        return sum(s["mood"] == "asking" for s in samples) / len(samples)

    assert asking(wave) > asking(before) + 0.2


def test_praise_for_the_updates_stops_when_the_updates_stop():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD)])
    praise = ("appreciate the updates", "proper status update", "for the clear update")
    fresh = texts(engine, before=300 + 1800)
    stale = texts(engine, after=300 + 1800)
    assert any(word in text.lower() for text in fresh for word in praise)
    assert not any(word in text.lower() for text in stale for word in praise)


def test_silence_is_only_complained_of_while_there_is_silence():
    engine = play(scenario(), [(600, "comms", "social", "We know card payments are failing in the EU. Sorry.")])
    silence = ("not a single word", "total silence", "not a word")
    assert any(word in text for text in texts(engine, before=600) for word in silence)
    assert not any(word in text for text in texts(engine, after=600) for word in silence)


def test_a_long_quiet_is_worded_as_such():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD)])
    quiet = [(at, text) for at, sample in posts(engine) if "nothing new" in (text := sample["text"]).lower()]
    assert quiet
    for at, text in quiet:
        minutes = int(text.split(" for ")[1].split()[0])
        assert minutes * 60 > 1.25 * 1800 and minutes * 60 <= at - 300


def test_a_statement_made_elsewhere_does_not_refresh_the_status_page():
    engine = play(scenario(), [(300, "comms", "status_page", GOOD.replace(" Next update in 30 minutes.", "")),
                               *[(at, "comms", "social", "Still working on the card payment failures.")
                                 for at in range(900, 5400, 600)]])
    assert any("no post on the status page for" in cause for t in ticks(engine) if t["minute"] == 40
               for cause in t["causes"])


def test_the_status_channels_come_from_the_cadence_and_first_public_objectives():
    assert status_channels(scenario()) == (frozenset({"status_page", "status_mirror"}), True)
    objectives = SCENARIO[SCENARIO.index("objectives:"):SCENARIO.index("targets:")]
    bare = load_scenario(SCENARIO.replace(objectives, ""), "bare.yaml")
    assert bare.objective_channels == {}
    assert status_channels(bare) == (frozenset({"status_page", "status_mirror", "social", "press"}), False)
    assert PublicWorld(bare).status_phrase == "their official channels"
    assert PublicWorld(scenario()).status_phrase == "the status page"
    assert channel_phrase(scenario().channels["social"]) == "social"


# --- the organisation's names ------------------------------------------------------


def test_posts_tag_the_organisations_handle_and_the_public_are_faker_people():
    engine = play(scenario(), [])
    samples = [sample for _, sample in posts(engine)]
    assert any("@acme " in s["text"] or s["text"].startswith("@acme") or "@acme?" in s["text"] for s in samples)
    assert all("@acmepay" not in s["text"] and "name_handle" not in s["text"] for s in samples)
    assert all(s["handle"].startswith("@") and s["handle"] != "@acme" for s in samples)


def test_the_org_is_named_from_the_scenario_with_sensible_fallbacks():
    org = {"name": "Acme", "product": "Acme Pay", "handle": "@acme"}
    assert OrgNames.of(org) == OrgNames("@acme", "Acme Pay", "Acme")
    assert OrgNames.of({"name": "Acme", "product": "Acme Pay", "handle": "acme"}).handle == "@acme"
    assert OrgNames.of({"name": "Acme", "product": "Acme Pay"}).handle == "Acme Pay"
    assert OrgNames.of({"name": "Acme"}) == OrgNames("Acme", "Acme", None)
    assert OrgNames.of({}).product == "the company"
    moment = Moment(causes={"any": "x"})
    assert fill("{org.handle} / {org.product} / {org.name} / {org.status_url}", org, moment) == \
        "@acme / Acme Pay / Acme / Acme Pay"


def test_press_stories_name_the_product_and_the_company_behind_it():
    engine = play(scenario(), [(1300, "comms", "press", "Payments are failing for about 2,000 customers in the EU.")])
    story = next(e.data for e in engine.log if e.kind == "public_story")
    assert story["headline"] == "Acme Pay responds to outage questions"
    assert story["text"].startswith("A spokesperson for Acme, the company behind Acme Pay, told Springfield Herald:")


def test_a_declined_story_only_says_silent_when_the_team_was():
    silent = next(e.data for e in play(scenario(), []).log if e.kind == "public_story")
    assert silent["headline"] == "Acme Pay silent as outage drags on" and "left in the dark" in silent["text"]
    spoken = next(e.data for e in play(scenario(), [(60, "comms", "status_page", GOOD)]).log
                  if e.kind == "public_story")
    assert "silent" not in spoken["headline"] and "left in the dark" not in spoken["text"]
    assert "Its latest update on the status page was posted 34 minutes earlier." in spoken["text"]


# --- templates ------------------------------------------------------------------------


def test_a_scenarios_own_templates_are_read_for_what_they_need():
    for templates in DEFAULT_TEMPLATES.values():
        for template in templates:
            assert needs_of(template.text) == template.needs, template.text
    assert needs_of("{org.handle} still down and not a word. Unreal.") == "silent"
    assert needs_of("Thanks for keeping us posted!") == "fresh"


def test_a_post_is_drawn_only_from_what_the_moment_allows():
    moment = Moment(causes={"any": "the latest post", "fresh": "response 1 calmed the public"})
    for seed in range(30):
        for post in sample_posts(random.Random(seed), ["@a", "@b", "@c"], 3, 0.9, {},
                                 {"product": "Acme Pay", "handle": "@acme"}, moment, None):
            template = next(t for ts in DEFAULT_TEMPLATES.values() for t in ts
                            if fill(t.text, {"product": "Acme Pay", "handle": "@acme"}, moment) == post["text"])
            assert template.needs in ("any", "fresh")
            assert post["cause"] == moment.causes[template.needs]
