"""The sections of format 2 play: moves, decisions, questions and answers, held injects.

Each section is made only when the drill has its content (``play_data`` adds a key only then),
so a format 1 report has none of them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from drill.report.document import Inline, Paragraph, Section, Span, Table, inline
from drill.report.fmt import TYPE_LABELS, channel_name, mins, out_of_100, plural, role_name, t_plus

_STATUS = {"answered": ("answered", "good"), "late": ("answered late", "warn"),
           "unanswered": ("not answered", "bad"), "open": ("open", "warn")}


def when(report: dict[str, Any], at: float | None) -> str:
    """A time as the drill kept it: ``T+12:00``, or in a drill of moves the move it fell in."""
    if at is None:
        return "—"
    moves = report.get("moves")
    if not moves:
        return t_plus(at)
    current = moves[0]["move"]
    for move in moves:
        if move["at"] <= at:
            current = move["move"]
    return f"move {current}"


def at_when(report: dict[str, Any], at: float | None) -> str:
    """``when`` in a sentence: ``at T+12:00``, ``in move 2``."""
    said = when(report, at)
    return said if at is None else f"{'in' if report.get('moves') else 'at'} {said}"


def inject_label(entry: dict[str, Any]) -> Inline:
    """An inject as the facilitator finds it: its id, and its title when it has one."""
    return inline(Span(entry["inject_id"], "code"), f" {entry['title']}" if entry.get("title") else "")


def play_sections(report: dict[str, Any]) -> tuple[Section, ...]:
    """The play sections this drill has content for, in reading order."""
    found = (_moves(report), _decisions(report), _questions(report), _held(report))
    return tuple(section for section in found if section is not None)


def _moves(report: dict[str, Any]) -> Section | None:
    moves = report.get("moves")
    if not moves:
        return None
    starts = [move["at"] for move in moves]
    sent = [0] * len(moves)
    for response in report.get("responses", []):
        sent[max(0, bisect_right(starts, response["at"]) - 1)] += 1
    rows = tuple((inline(Span(f"Move {move['move']}", "strong")), inline(t_plus(move["at"])),
                  inline(", ".join(move["injects"]) if move["injects"] else Span("none", "muted")),
                  inline(str(count)))
                 for move, count in zip(moves, sent))
    note = Paragraph(inline("The facilitator started each move; within a move the drill's clock stands still, "
                            "and each move is an hour of it."), tone="muted")
    return Section("Moves", (note, Table(("Move", "Started at", "Injects delivered", "Messages sent"), rows,
                                         numeric=frozenset({3}), nowrap=frozenset({0, 1}))))


def _decisions(report: dict[str, Any]) -> Section | None:
    decisions = report.get("decisions")
    if not decisions:
        return None
    made = [decision for decision in decisions if decision.get("choice")]
    waiting = [decision for decision in decisions if not decision.get("choice")]
    summary = f"{plural(len(made), 'choice')} made"
    if waiting:
        summary += f"; {plural(len(waiting), 'decision point')} without one"
    rows = []
    for decision in decisions:
        choice = decision.get("choice")
        offered = " / ".join(option["text"] for option in decision["options"])
        point = inline(inject_label(decision), f" (delivery {decision['occurrence']})"
                       if decision.get("occurrence") and decision["occurrence"] > 1 else "",
                       "\n", Span(offered, "muted"))
        if choice:
            outcome = inline(Span(choice["option_text"], "strong"), " ", Span(choice["option_id"], "code"))
            who, at = inline(role_name(report, choice["role"])), inline(when(report, choice["at"]))
        elif decision.get("occurrence") is None:
            outcome, who, at = inline(Span("never reached: the inject was not delivered", "muted")), (), ()
        else:
            delivered = at_when(report, decision["delivered_at"])
            outcome = inline(Span("no choice made", "warn"), f" (delivered {delivered})")
            who, at = (), ()
        rows.append((point, outcome, who, at))
    return Section("Decisions", (Paragraph(inline(summary + ".")),
                                 Table(("Decision point", "Choice", "Chosen by", "When"), tuple(rows),
                                       nowrap=frozenset({3}))))


def _questions(report: dict[str, Any]) -> Section | None:
    questions = report.get("questions")
    if not questions:
        return None
    answered = sum(1 for question in questions if question["status"] in ("answered", "late"))
    unanswered = [question for question in questions if question["status"] not in ("answered", "late")]
    summary = [f"{answered} of {plural(len(questions), 'question')} answered."]
    if unanswered:
        names = [Span(question["question_id"], "code") for question in unanswered]
        summary += [" Not answered: ", *joined(names, ", "), "."]
    rows = tuple((_question(report, question), _answers(report, question), _grading(question))
                 for question in questions)
    return Section("Questions and answers", (Paragraph(inline(*summary)),
                                             Table(("Question", "Answer", "Graded"), rows)))


def _question(report: dict[str, Any], question: dict[str, Any]) -> Inline:
    asked_of = role_name(report, question["role"]) if question.get("role") else "anyone"
    limit = f", within {mins(question['within'])}" if question.get("within") is not None else ""
    text, tone = _STATUS.get(question["status"], (question["status"], ""))
    return inline(Span(question["text"], "strong"), "\n", Span(question["question_id"], "code"),
                  f" · asked of {asked_of} {at_when(report, question['opened_at'])}{limit} · ", Span(text, tone))


def _answers(report: dict[str, Any], question: dict[str, Any]) -> Inline:
    if not question["answers"]:
        return inline(Span("no answer", "muted"))
    parts: list[Any] = []
    for number, answer in enumerate(question["answers"]):
        parts += ["\n\n" if number else "",
                  Span(f"#{answer['response_id']} {role_name(report, answer['role'])}", "strong"),
                  f", {channel_name(report, answer['channel'])}, {at_when(report, answer['at'])}: ", answer["text"]]
    return inline(*parts)


def _grading(question: dict[str, Any]) -> Inline:
    """How each answer was graded, one line an answer; before the first answer, how it would be."""
    answers = question["answers"] or [{"grade": question.get("grade")}]
    parts: list[Any] = []
    for number, answer in enumerate(answers):
        parts.append("\n\n" if number else "")
        grade, score = answer.get("grade"), answer.get("score")
        if grade == "none":
            parts.append(Span("recorded, not graded", "muted"))
        elif grade == "rubric":
            expect = question.get("expect") or []
            if "covered" in answer:
                parts += [f"rubric: {len(answer['covered'])} of {plural(len(expect), 'point')} covered",
                          f" ({out_of_100(score)})" if score is not None else ""]
                marked = (("✓ ", "good", answer["covered"]), ("✗ ", "bad", answer.get("not_covered", [])))
                for mark, tone, points in marked:
                    parts += [part for point in points for part in ("\n", Span(mark, tone), point)]
            else:
                parts.append(f"rubric of {plural(len(expect), 'point')}")
        elif grade == "comms":
            parts.append("communication criteria" + (f": {out_of_100(score)}" if score is not None else ""))
        else:  # a question not answered and without a grade of its own: it depends on the channel
            parts.append(Span("by the channel answered on", "muted"))
    return inline(*parts)


def _held(report: dict[str, Any]) -> Section | None:
    held = report.get("held")
    if not held:
        return None
    rows = []
    for entry in held:
        if entry.get("released_at") is not None:
            released = inline(Span("released", "good"), f" {at_when(report, entry['released_at'])}")
        elif entry.get("held_at") is not None:
            released = inline(Span("never released", "warn"))
        else:
            released = inline(Span("never fell due", "muted"))
        waited = "" if entry.get("held_at") is None or entry.get("released_at") is None or report.get("moves") \
            else f" after {mins(entry['released_at'] - entry['held_at'])}"
        rows.append((inline(inject_label(entry)), inline(TYPE_LABELS.get(entry["type"], entry["type"])),
                     inline(_held_since(report, entry)), inline(released, waited)))
    never = sum(1 for entry in held if entry.get("released_at") is None)
    summary = f"{plural(len(held), 'inject')} held for the facilitator to release"
    summary += f"; {never} never released." if never else "; all released."
    return Section("Held injects", (Paragraph(inline(summary)),
                                    Table(("Inject", "Type", "Held", "Released"), tuple(rows),
                                          nowrap=frozenset({2}))))


def _held_since(report: dict[str, Any], entry: dict[str, Any]) -> str:
    if entry.get("held_at") is None:
        return "—"
    if entry["held_at"] == 0:
        return "from the start"
    return when(report, entry["held_at"])


def joined(parts: list[Any], separator: str) -> list[Any]:
    """``parts`` with ``separator`` between each two, for ``inline``."""
    found: list[Any] = []
    for index, part in enumerate(parts):
        found += [separator if index else "", part]
    return found
