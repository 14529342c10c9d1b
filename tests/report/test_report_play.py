"""The report of format 2 play: decisions, questions and answers, held injects, moves, the facilitator's
view of each inject and the hot wash's items, from real drills played through the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drill.engine import HotWashItem
from drill.report.html import report_to_html
from drill.report.markdown import report_to_markdown
from drill.responses import load_responses
from drill.scenario import load_scenario
from drill.session import report_for
from drill.simulate import simulate

from report_helpers import Outline, report as builtin_report

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
GUIDED = Path(__file__).resolve().parent / "scenarios" / "guided.yaml"
HOSTILE = "<script>alert(1)</script> [b] | *x*"
# Answers alert.first with markup and chooses "wait": alert.public stays unanswered, `escalated` never comes.
GUIDED_RESPONSES = f"""responses:
  - {{at: 2m, role: ic, channel: bridge, reply_to: alert.first, text: {json.dumps(HOSTILE)}}}
  - {{at: 3m, choose: alert.wait}}
"""
PLAY_KEYS = ("moves", "decisions", "questions", "held", "facilitator_layer", "hot_wash")
PLAY_SECTIONS = ("Moves", "Decisions", "Questions and answers", "Held injects", "Facilitator's view of each inject",
                 "Hot-wash findings")


def played(path: Path, responses: str | None = None, hot_wash: tuple[HotWashItem, ...] = ()) -> dict:
    """The report.json (as written and read back) of a drill of ``path`` played with ``responses`` (the
    scenario's responses file by default), with ``hot_wash`` items given after its end."""
    scenario = load_scenario(path.read_text(), str(path))
    source = path.with_name(path.stem + ".responses.yaml")
    text = responses if responses is not None else source.read_text()
    engine = simulate(scenario, load_responses(text, scenario, str(source)))
    for item in hot_wash:
        engine.handle(item)
    return json.loads(json.dumps(report_for(engine)))


def rendered(report: dict) -> tuple[str, str, Outline]:
    page = report_to_html(report)
    return report_to_markdown(report), page, Outline(page)


def section(markdown: str, title: str) -> str:
    """The Markdown of one section, up to the next."""
    start = markdown.index(f"\n## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end if end >= 0 else None]


# ------------------------------------------------------------------ decisions


def test_each_choice_is_reported_with_its_option_who_chose_and_when():
    report = played(SCENARIOS / "branching.yaml")
    decisions = report["decisions"]
    assert [(d["inject_id"], d["occurrence"]) for d in decisions] == [("triage", 1), ("retry", 1), ("retry", 2),
                                                                       ("retry", 3)]
    assert decisions[0]["choice"] == {"choice_id": 1, "option_id": "restore", "option_text": "Restore from backups",
                                      "role": "ic", "at": 7 * 60}
    assert decisions[0]["options"] == [{"id": "pay", "text": "Pay the ransom"},
                                       {"id": "restore", "text": "Restore from backups"}]
    assert [d["choice"]["role"] for d in decisions[1:]] == ["facilitator"] * 3
    markdown, page, outline = rendered(report)
    text = section(markdown, "Decisions")
    assert "4 choices made." in text
    assert "| `triage`<br>*Pay the ransom / Restore from backups* | **Restore from backups** `restore` | " \
           "Incident commander | T+07:00 |" in text
    assert "`retry` (delivery 3)" in text
    assert "Decisions" in outline.headings["h2"] and "Restore from backups" in outline.all_text


def test_a_decision_point_left_without_a_choice_says_so():
    without_the_last = """responses:
  - {at: 7m, role: ic, choose: triage.restore}
  - {at: 11m, choose: retry.again}
  - {at: 13m, choose: retry.again}
"""
    report = played(SCENARIOS / "branching.yaml", without_the_last)
    last = report["decisions"][-1]
    assert (last["inject_id"], last["occurrence"], last["choice"]) == ("retry", 3, None)
    assert last["delivered_at"] == 14 * 60
    markdown, _, outline = rendered(report)
    assert "3 choices made; 1 decision point without one." in markdown
    assert "no choice made (delivered at T+14:00)" in outline.all_text


def test_a_decision_point_never_delivered_is_named():
    report = played(GUIDED, GUIDED_RESPONSES)
    never = [d for d in report["decisions"] if d["inject_id"] == "escalated"]
    assert never == [{"inject_id": "escalated", "title": "", "chooser": None, "occurrence": None,
                      "delivered_at": None, "choice": None,
                      "options": [{"id": "brief", "text": "Brief them now"}, {"id": "later", "text": "Brief them later"}]}]
    assert "never reached: the inject was not delivered" in section(report_to_markdown(report), "Decisions")


# ------------------------------------------------------------------ questions


def test_questions_show_their_answers_and_how_each_was_graded():
    report = played(SCENARIOS / "branching.yaml")
    first, feel = report["questions"]
    assert (first["question_id"], first["text"], first["role"], first["status"], first["response_id"]) == \
           ("triage.first", "What do you do first?", "ic", "answered", 1)
    answer = first["answers"][0]
    assert answer["grade"] == "rubric" and answer["score"] == 100
    assert answer["covered"] == ["isolate the affected hosts", "preserve the logs"] and answer["not_covered"] == []
    assert answer["text"].startswith("We isolated the infected machines")
    assert feel["answers"][0]["grade"] == "none" and feel["answers"][0]["score"] is None
    assert feel["answers"][0]["text"] == "Legal, then the insurer."
    assert report["responses"][0]["question"] == "triage.first"  # the response names the question it answers
    markdown, page, outline = rendered(report)
    text = section(markdown, "Questions and answers")
    assert "2 of 2 questions answered." in text
    assert "rubric: 2 of 2 points covered (100/100)<br>✓ isolate the affected hosts<br>✓ preserve the logs" in text
    assert "Legal, then the insurer. | *recorded, not graded* |" in text
    assert "asked of Incident commander at T+05:00" in text
    assert "recorded, not graded" in outline.all_text and "✓ preserve the logs" in outline.all_text


def test_a_rubric_point_not_covered_and_an_unanswered_question_are_shown():
    partial = """responses:
  - {at: 6m, role: ic, channel: bridge, reply_to: triage.first, text: "We isolated the infected machines."}
"""
    report = played(SCENARIOS / "branching.yaml", partial)
    first, feel = report["questions"]
    assert first["answers"][0]["covered"] == ["isolate the affected hosts"]
    assert first["answers"][0]["not_covered"] == ["preserve the logs"]
    assert (feel["status"], feel["answers"], feel["response_id"]) == ("unanswered", [], None)
    markdown, _, outline = rendered(report)
    text = section(markdown, "Questions and answers")
    assert "1 of 2 questions answered. Not answered: `triage.feel`." in text
    assert "rubric: 1 of 2 points covered (50/100)<br>✓ isolate the affected hosts<br>✗ preserve the logs" in text
    assert "not answered" in outline.all_text


def test_an_answer_graded_on_the_communication_criteria_shows_its_score():
    public = """responses:
  - {at: 4m, role: comms, channel: status_page, reply_to: alert.public, text: "We are investigating failed card payments at checkout. Next update at 14:30 UTC."}
"""
    [answer] = played(GUIDED, public)["questions"][1]["answers"]
    assert answer["grade"] == "comms" and isinstance(answer["score"], float) and "covered" not in answer
    text = section(report_to_markdown(played(GUIDED, public)), "Questions and answers")
    assert f"| communication criteria: {answer['score']:.0f}/100 |" in text


def test_every_answer_to_a_question_is_kept():
    twice = """responses:
  - {at: 6m, role: ic, channel: bridge, reply_to: triage.feel, text: "Legal."}
  - {at: 8m, role: comms, channel: bridge, reply_to: triage.feel, text: "And the insurer."}
"""
    feel = played(SCENARIOS / "branching.yaml", twice)["questions"][1]
    assert [(a["response_id"], a["role"], a["text"]) for a in feel["answers"]] == [(1, "ic", "Legal."),
                                                                                (2, "comms", "And the insurer.")]
    assert feel["response_id"] == 1  # the first reply answered it


# ------------------------------------------------------------------ held injects and moves


def test_held_injects_show_when_they_were_released_and_which_never_were():
    report = played(SCENARIOS / "branching.yaml")
    assert report["held"] == [
        {"inject_id": "leak", "title": "", "type": "social_post", "occurrence": 1, "held_at": 0, "released_at": 20 * 60},
        {"inject_id": "late-leak", "title": "", "type": "social_post", "occurrence": 1, "held_at": 30 * 60,
         "released_at": None},
    ]
    text = section(report_to_markdown(report), "Held injects")
    assert "2 injects held for the facilitator to release; 1 never released." in text
    assert "| `leak` | Social post | from the start | released at T+20:00 after 20 min |" in text
    assert "| `late-leak` | Social post | T+30:00 | never released |" in text


def test_a_drill_of_moves_reports_when_each_move_started():
    report = played(SCENARIOS / "moves.yaml")
    assert report["moves"] == [{"move": 1, "at": 0, "injects": ["m1", "m1b"]},
                               {"move": 2, "at": 3600, "injects": ["m2"]},
                               {"move": 3, "at": 7200, "injects": ["m3"]}]
    assert report["held"][0]["released_at"] == 7200
    markdown, page, outline = rendered(report)
    text = section(markdown, "Moves")
    assert "| **Move 2** | T+1:00:00 | m2 | 0 |" in text and "| **Move 3** | T+2:00:00 | m3 | 1 |" in text
    assert "released in move 3" in section(markdown, "Held injects")  # times read as moves, not clock times
    assert "asked of anyone in move 1" in section(markdown, "Questions and answers")
    assert 'id="moves"' in page and "Moves" in outline.headings["h2"]
    assert "decisions" not in report  # the drill has no decision point: no section for it
    assert "Decisions" not in outline.headings["h2"]


# ------------------------------------------------------------------ the facilitator layer


def test_the_facilitator_layer_of_each_delivered_inject_is_shown():
    report = played(GUIDED, GUIDED_RESPONSES)
    [layer] = report["facilitator_layer"]  # `plain` has no layer, `escalated` was never delivered
    assert layer["inject_id"] == "alert" and layer["delivered_at"] == 60 and layer["type"] == "alert"
    assert (layer["title"], layer["severity"], layer["tags"]) == ("First alert", "SEV2", ["detection", "<b>tag</b>"])
    assert layer["expected"] == ["Open an incident channel", "Page *communications*"]
    assert layer["hints"] == [{"after": 300, "text": "Who owns the status page?"},
                              {"after": None, "text": "Ask what customers can see | [b]"}]
    assert layer["attachments"] == ["logs/checkout.log"]
    assert layer["meta"] == {"source_row": 12, "owner": "ops <team>", "reviewed": True}
    markdown, page, outline = rendered(report)
    text = section(markdown, "Facilitator's view of each inject")
    assert "`alert` First alert<br>Alert, T+01:00<br>Severity **SEV2**<br>*detection · \\<b>tag\\</b>*" in text
    assert "**Expected:**<br>• Open an incident channel<br>• Page \\*communications\\*" in text
    assert "**Red flags:** Nobody tells support" in text and "**Success:** A status page post" in text
    assert "**Hint:** Who owns the status page? *(after 5 min)*" in text
    assert "**Attachments:** `logs/checkout.log`" in text
    assert "**Meta:** *source_row:* 12 · *owner:* ops \\<team> · *reviewed:* true" in text
    assert "**Notes:** Watch whether comms is paged \\<script>alert(1)\\</script>." in text
    assert "**If asked:** Is it every region? → EU only so far." in text
    assert "Facilitator's view of each inject" in outline.headings["h2"]
    assert "Watch whether comms is paged <script>alert(1)</script>." in outline.all_text  # shown, as text
    assert "script" not in outline.tags and "b" not in outline.tags
    assert "ops &lt;team&gt;" in page


# ------------------------------------------------------------------ the hot wash


HOT_WASH = (
    HotWashItem("Low item.", priority="low"),
    HotWashItem(f"Medium item {HOSTILE}", priority="medium", author="Ana"),
    HotWashItem("No priority given."),
    HotWashItem("High item.", priority="high", author="Bo", objective="first-public"),
    HotWashItem(f"Strength {HOSTILE}", kind="strength", author="Cy"),
)


def test_hot_wash_items_are_recorded_with_their_priority():
    report = played(GUIDED, GUIDED_RESPONSES, HOT_WASH)
    assert [(item["kind"], item["priority"], item["author"]) for item in report["hot_wash"]] == [
        ("improvement", "low", "Facilitator"), ("improvement", "medium", "Ana"), ("improvement", None, "Facilitator"),
        ("improvement", "high", "Bo"), ("strength", None, "Cy")]
    assert report["hot_wash"][3]["objective"] == "first-public"
    text = section(report_to_markdown(report), "Hot-wash findings")
    rows = [line for line in text.splitlines() if line.startswith("| Improvement") or line.startswith("| Strength")]
    assert [row.split(" | ")[2] for row in rows] == ["High item.", "Medium item \\<script>alert(1)\\</script> \\[b\\] "
                                                     "\\| \\*x\\*", "Low item.", "No priority given.",
                                                     "Strength \\<script>alert(1)\\</script> \\[b\\] \\| \\*x\\*"]
    assert "| Bo | Post a first public update quickly. |" in rows[0]


def test_hot_wash_improvements_join_the_plan_by_priority():
    report = played(GUIDED, GUIDED_RESPONSES, HOT_WASH)
    markdown = report_to_markdown(report)
    plan = section(markdown, "Improvement plan")
    issues = [line.split(" | ")[1] for line in plan.splitlines() if line.startswith("| ") and line[2].isdigit()]
    # high first; the computed risks (weight 60 and over); medium; the lesser computed issues; low; no priority
    assert issues[0].startswith("High item.<br>high priority *· raised in the hot wash by Bo*")
    assert issues[1] == "No public update was posted."
    assert issues[2].startswith("Medium item")
    assert issues[3] == "No graded message was sent during the drill."  # the one answer was recorded, not graded
    assert issues[-2].startswith("Low item.") and issues[-1].startswith("No priority given.")
    assert "the hot wash's items by their priority, a high one at the top" in plan
    areas = section(markdown, "Strengths and areas for improvement")
    assert areas.index("High item.") < areas.index("No public update was posted.") < areas.index("Medium item")
    assert "- Strength \\<script>alert(1)\\</script> \\[b\\] \\| \\*x\\* *(hot wash, Cy)*" in areas


def test_hostile_hot_wash_and_answer_text_stays_text_in_html():
    report = played(GUIDED, GUIDED_RESPONSES, HOT_WASH)
    page = report_to_html(report)
    outline = Outline(page)
    assert "script" not in outline.tags and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [b] | *x*" in page
    assert f"Medium item {HOSTILE}" in outline.all_text and f"Strength {HOSTILE}" in outline.all_text
    assert HOSTILE in outline.all_text  # the answer to alert.first, in the questions section
    assert "Hot-wash findings" in outline.headings["h2"]


def test_a_hot_wash_in_a_format_1_drill_reaches_its_plan():
    report = builtin_report("checkout-outage", "poor")
    report["hot_wash"] = [{"item_id": 1, "at": 5400, "kind": "improvement", "priority": "high",
                           "text": "Nobody owned the status page.", "author": "Facilitator", "objective": None}]
    plan = section(report_to_markdown(report), "Improvement plan")
    first = next(line for line in plan.splitlines() if line.startswith("| 1 |"))
    assert "Nobody owned the status page." in first


# ------------------------------------------------------------------ only with content


def test_a_format_1_report_has_none_of_the_play():
    report = builtin_report()
    assert not set(PLAY_KEYS) & report.keys()
    assert all("question" not in response for response in report["responses"])
    markdown, _, outline = rendered(report)
    assert not set(PLAY_SECTIONS) & set(outline.headings["h2"])
    assert not any(f"\n## {title}\n" in markdown for title in PLAY_SECTIONS)


@pytest.mark.parametrize("name", ["branching", "moves"])
def test_a_format_2_drill_without_a_hot_wash_or_a_layer_shows_no_section_for_them(name):
    report = played(SCENARIOS / f"{name}.yaml")
    assert "hot_wash" not in report and "facilitator_layer" not in report
    headings = rendered(report)[2].headings["h2"]
    assert "Hot-wash findings" not in headings and "Facilitator's view of each inject" not in headings


def test_a_drill_of_moves_says_its_delays_in_moves_and_a_drill_without_a_graded_message_says_so():
    moves = played(SCENARIOS / "moves.yaml")
    markdown, _, _ = rendered(moves)
    assert "The first response came one move later than the first ask." in markdown
    assert " min against a " not in markdown  # no minutes of the still inner clock
    silent = played(GUIDED, "responses: []\n")
    assert "No graded message was sent during the drill." in rendered(silent)[0]
