"""The after-action report's content, as a document: what each section says, decided once for every format.

The structure follows the HSEEP After-Action Report / Improvement Plan:
overview, summary, objectives rated P/S/M/U, strengths and areas for
improvement, then the incident-communications detail, the improvement plan
and the hot-wash questions.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from drill.report import evaluation, findings, hot_wash, remedies
from drill.report.collector import collector_paused
from drill.report.document import (BulletList, Document, Figures, Inline, Notes, Paragraph, Section, Span,
                                   Subsection, Table, inline)
from drill.report.findings import RATING_LABELS, Issue
from drill.report.fmt import end_reason, mins, out_of_100, plural, points, role_name, score, t_plus
from drill.report.facilitator import facilitator_section
from drill.report.messages import messages_section
from drill.report.play import play_sections
from drill.report.timeline import timeline_section
from drill.report.trends import TIMING_LABELS, public_section, speed_section


def build_document(report: dict[str, Any]) -> Document:
    """The report's content, ready for ``markdown.render_markdown`` or ``html.render_html``."""
    with collector_paused():  # hundreds of thousands of small tuples, and no reference cycles
        return _document(report)


def _document(report: dict[str, Any]) -> Document:
    issues = findings.issues(report)
    # Format 2's sections (play, the facilitator's view, the hot wash's findings, the author's findings)
    # come only with their content.
    optional = (facilitator_section(report), hot_wash.hot_wash_section(report), evaluation.findings_section(report))
    sections = (
        _overview(report),
        _summary(report, issues),
        _objectives(report),
        _strengths_and_issues(report, issues),
        _scorecards(report),
        *play_sections(report),
        speed_section(report),
        public_section(report),
        timeline_section(report),
        messages_section(report),
        *(section for section in optional if section is not None),
        _plan(report, issues),
        _hot_wash(report),
    )
    scenario = report["scenario"]
    subtitle = " · ".join(part for part in (
        (report.get("org") or {}).get("name"), scenario["id"], f"seed {report.get('seed')}",
        report.get("generated_at")) if part)
    return Document(f"After-action report: {scenario['title']}", subtitle, sections)


def _overview(report: dict[str, Any]) -> Section:
    scenario = report["scenario"]
    org = report.get("org") or {}
    ended = report.get("ended") or {}
    counts = findings.ask_counts(report)
    facts: list[tuple[str, Inline]] = [
        ("Scenario", inline(Span(scenario["title"], "strong"), f" ({scenario['id']})")),
        ("Summary", inline((scenario.get("summary") or "").strip() or "—")),
        ("Organisation", inline(" · ".join(str(org[key]) for key in ("name", "product") if org.get(key)) or "—")),
        *evaluation.overview_facts(report),
    ]
    if report.get("generated_at"):
        facts.append(("Date", inline(str(report["generated_at"]))))
    facts += [
        ("Duration", inline(mins(scenario["duration"]),
                            f"; ended at {t_plus(ended['at'])} ({end_reason(ended.get('reason'))})"
                            if ended.get("at") is not None else "")),
        ("Seed", inline(str(report.get("seed")))),
        ("Activity", inline(f"{plural(len(report.get('timeline', [])), 'inject')} delivered, "
                            f"{plural(len(report.get('responses', [])), 'message')} sent, "
                            f"{plural(len(report.get('asks', [])), 'ask')} "
                            f"({counts['answered']} in time, {counts['late']} late, {counts['missed']} missed)"
                            + _seat_activity(report))),
    ]
    overview = Table(("Item", "Detail"), tuple((inline(Span(label, "strong")), value) for label, value in facts),
                     tone="kv")
    participants = report.get("participants") or {}
    role_ids = list(report.get("role_names") or report.get("roles") or {})
    people = Table(("Role", "Participant"),
                   tuple((inline(role_name(report, role)), inline(participants.get(role) or Span("not named", "muted")))
                         for role in role_ids))
    objectives = BulletList(tuple(inline(objective["text"]) for objective in report.get("objectives") or []))
    blocks: list[Any] = [overview, Subsection(inline("Participants by role"), (people,))]
    if objectives.items:
        blocks.append(Subsection(inline("Objectives"), (objectives,)))
    return Section("Exercise overview", tuple(blocks))


def _seat_activity(report: dict[str, Any]) -> str:
    """Relays and notes, said only by the reports of drills played from several seats."""
    parts = [plural(len(report[key]), noun, nouns) for key, noun, nouns in (
        ("relays", "relay between roles", "relays between roles"), ("notes", "evaluator note", None))
        if report.get(key)]
    return "".join(f", {part}" for part in parts)


def _summary(report: dict[str, Any], issues: list[Issue]) -> Section:
    blocks: list[Any] = []
    total = report.get("score")
    if total:
        blocks.append(Figures((("Overall", out_of_100(total["overall"]), _tone(total["overall"])),
                               ("Speed", out_of_100(total["speed"]), _tone(total["speed"])),
                               ("Quality", out_of_100(total["quality"]), _tone(total["quality"])))))
    blocks.append(Paragraph(inline(" ".join(findings.summary_sentences(report, issues))), tone="lead"))
    return Section("Executive summary", tuple(blocks))


def _tone(value: float | None) -> str:
    if value is None:
        return ""
    return "good" if value >= 80 else "warn" if value >= 60 else "bad"


def _objectives(report: dict[str, Any]) -> Section:
    objectives = report.get("objectives") or []
    notes = _evaluator_notes(report)
    if not objectives:
        return Section("Objectives", (Paragraph(inline("The scenario sets no objectives.")), *notes))
    legend_parts: list[Any] = []
    for code, label in RATING_LABELS.items():
        legend_parts += [" · " if legend_parts else "", Span(code, "rating"), f" {label}"]
    if evaluation.has_scales(report):
        legend_parts.append(". An evaluator rates an objective on the scale shown under it, if it has its own.")
    legend = Paragraph(inline("Ratings: ", *legend_parts), tone="muted")
    rows = []
    for objective in objectives:
        rating = objective.get("rating")
        rated = inline(Span(rating, "rating"), "\n", RATING_LABELS.get(rating, "")) if rating in RATING_LABELS \
            else inline(Span(rating or "not rated", "muted"))
        rated = inline(rated, *_evaluator_ratings(report, objective["id"]))
        evidence = [_evidence_line(item) for item in objective.get("evidence") or []]
        rows.append((evaluation.objective_text(objective), rated,
                     inline(objective.get("reason") or "", *[part for line in evidence for part in ("\n• ", line)])))
    return Section("Objectives", (legend, Table(("Objective", "Rating", "Evidence"), tuple(rows)), *notes))


def _evaluator_ratings(report: dict[str, Any], objective_id: str) -> list[Any]:
    """Each evaluator's latest rating of an objective, beside the computed one: "Evaluator Ana: S", or
    on the objective's own scale the step chosen with its text, "Evaluator Ana: Partial / inconsistent"."""
    latest: dict[str, Any] = {}
    for note in report.get("notes") or []:
        if note.get("objective") == objective_id and _rated(note):
            latest[note["author"]] = note["rating"]
    objective = _objective_by_id(report).get(objective_id)
    parts: list[Any] = []
    for author, rating in latest.items():
        parts += ["\n", f"Evaluator {author}: ", evaluation.rated_step(objective, rating)]
    return parts


def _rated(note: dict[str, Any]) -> bool:
    rating = note.get("rating")
    return rating is not None and rating != ""


def _objective_by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {objective["id"]: objective for objective in report.get("objectives") or []}


def _evaluator_notes(report: dict[str, Any]) -> tuple[Subsection, ...]:
    """What the evaluators wrote during the drill, beside the ratings they may confirm or question."""
    notes = report.get("notes") or []
    if not notes:
        return ()
    texts = {objective["id"]: objective["text"] for objective in report.get("objectives") or []}
    by_id = _objective_by_id(report)
    rows = tuple((inline(t_plus(note["at"])),
                  inline(texts.get(note["objective"], note["objective"]) if note.get("objective")
                         else Span("the drill as a whole", "muted")),
                  inline(note["author"]),
                  evaluation.rated_step(by_id.get(note.get("objective")), note["rating"]) if _rated(note)
                  else inline(""),
                  inline(note["text"]))
                 for note in notes)
    return (Subsection(inline("Evaluator notes"), (Table(("Time", "Objective", "Evaluator", "Rating", "Note"), rows,
                                                         nowrap=frozenset({0})),)),)


def _evidence_line(item: dict[str, Any]) -> Inline:
    if "inject_id" in item:
        line = f": {item.get('status')}"
        if item.get("latency_s") is not None:
            line += f" in {mins(item['latency_s'])}"
        line += f", {out_of_100(item.get('score'))}"
        if item.get("response") is not None:
            line += f", message #{item['response']}"
        if item.get("must_failed"):
            line += "; required but missed: " + ", ".join(remedies.label(c) for c in item["must_failed"])
        return inline("ask ", Span(str(item["inject_id"]), "code"), line)
    if "timing" in item:
        label = TIMING_LABELS.get(item["timing"], str(item["timing"]).replace("_", " ").capitalize())
        return inline(f"{label}: {points(item.get('points'), item.get('max'))}")
    return inline(", ".join(f"{str(key).replace('_', ' ')} {value}" for key, value in item.items()))


def _strengths_and_issues(report: dict[str, Any], issues: list[Issue]) -> Section:
    strengths = [inline(text) for text in findings.strengths(report)] + hot_wash.strengths(report)
    good = BulletList(tuple(strengths)) if strengths else Paragraph(inline("No strength stood out."), tone="muted")
    ranked = hot_wash.ranked(issues, report)
    bad = BulletList(tuple(hot_wash.issue_line(entry) for entry in ranked)) \
        if ranked else Paragraph(inline("No area for improvement was found."), tone="muted")
    return Section("Strengths and areas for improvement", (
        Subsection(inline("Strengths"), (good,)),
        Subsection(inline("Areas for improvement"), (bad,)),
    ))


def _scorecards(report: dict[str, Any]) -> Section:
    scored = {role: value for role, value in (report.get("roles") or {}).items() if isinstance(value, dict)}
    if not scored:
        return Section("Scorecards by role", (Paragraph(inline("This report has no scores.")),))
    participants = report.get("participants") or {}
    asks, messages = _bases(report)
    rows = tuple((inline(Span(role_name(report, role), "strong")), inline(participants.get(role) or "—"),
                  inline(Span(score(value.get("overall")), _tone(value.get("overall")))),
                  inline(score(value.get("speed"))), inline(score(value.get("quality"))),
                  inline(f"{plural(asks[role], 'ask')}, {plural(messages[role], 'message')}"))
                 for role, value in scored.items())
    blocks: list[Any] = [Table(("Role", "Participant", "Overall /100", "Speed /100", "Quality /100", "Basis"), rows,
                               numeric=frozenset({2, 3, 4}), nowrap=frozenset({2, 3, 4}))]
    total = report.get("score") or {}
    if total.get("reason"):
        blocks.append(Paragraph(inline("How the team score is made: ", total["reason"]), tone="muted"))
    return Section("Scorecards by role", tuple(blocks))


def _bases(report: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    """What each role's scores rest on, as scoring counts it: its asks and its messages, by role.

    An answered ask counts for the role that answered it; a missed one against every role it asked.
    """
    responses = {response["id"]: response for response in report.get("responses", [])}
    asks: Counter[str] = Counter()
    for ask in report.get("asks", []):
        answer = responses.get(ask.get("response_id")) if ask.get("status") in ("answered", "late") else None
        asks.update([answer["role"]] if answer is not None else set(ask.get("roles", [])))
    messages = Counter(response["role"] for response in report.get("responses", []))
    return asks, messages


def _plan(report: dict[str, Any], issues: list[Issue]) -> Section:
    order = ("the biggest risk first; the hot wash's items by their priority, a high one at the top"
             if hot_wash.improvements(report) else "the biggest risk first")
    intro = Paragraph(inline(f"One row for each area for improvement, {order}. Owner and due date "
                             "are for the team to fill in."), tone="muted")
    ranked = hot_wash.ranked(issues, report)
    if not ranked:
        return Section("Improvement plan", (intro, Paragraph(inline("Nothing to improve was found."))),
                       page_break=True)
    rows = tuple(hot_wash.plan_row(number, entry, report) for number, entry in enumerate(ranked, 1))
    table = Table(("#", "Issue", "Corrective action", "Capability element", "Owner", "Due date"), rows,
                  nowrap=frozenset({0}), tone="plan")
    return Section("Improvement plan", (intro, table), page_break=True)


def _hot_wash(report: dict[str, Any]) -> Section:
    questions = report.get("debrief") or []
    if not questions:
        return Section("Hot-wash questions", (Paragraph(inline("The scenario lists no debrief questions.")),
                                              Notes("Notes", 6)))
    return Section("Hot-wash questions", tuple(
        Subsection(inline(f"{number}. ", question), (Notes("Notes", 4),), tone="question")
        for number, question in enumerate(questions, 1)))
