"""Speed: the latency curve, per-ask grades and the team-level timing items.

One curve is used everywhere a delay is graded (asks, acknowledgement, first
public update, update cadence): full marks up to the target, then falling
linearly to zero at three times the target. A team that is a little late still
earns most of the credit; one that takes three times as long earns none.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Mapping, Sequence

from scoring.clock import minutes, t_plus
from scoring.moves import MOVE_CURVE_TEXT, delay_words, move_delay_score, move_number, moves_later
from scoring.points import points_of, round_score
from scoring.wording import counted
from scoring.drill_types import AskRecord, AskResult, Deduction, ResponseRecord, TimingItem
from scoring.types import CriterionResult, MessageGrade

NO_NAMES: Mapping[str, str] = MappingProxyType({})  # reasons then name roles by id

ZERO_AT_MULTIPLE = 3.0
CURVE_TEXT = "full marks up to the target, falling linearly to 0 at 3x the target"

ANSWERED, LATE, MISSED = "answered", "late", "missed"

# A graded criterion (``passed`` a fraction) counts as passed from this fraction up.
MUST_PASS_FRACTION = 0.5

# Role ids or names containing these words mark an ask as a stakeholder ask.
STAKEHOLDER_WORDS = ("support", "legal", "exec")
STAKEHOLDER_INJECT_TYPES = ("exec_request",)


def latency_score(latency: float, within: float) -> float:
    """Speed score 0-100 for answering ``latency`` seconds after an ask opened.

    100 while ``latency <= within``; then linear down to 0 at ``3 * within``,
    so 2x the window scores 50 and 3x or more scores 0. Negative latencies
    (answered before the ask opened) count as 0. A window of 0 means
    "immediately": only a latency of 0 scores.
    """
    latency = max(latency, 0.0)
    if latency <= within:
        return 100.0
    if within <= 0:
        return 0.0
    zero_at = ZERO_AT_MULTIPLE * within
    if latency >= zero_at:
        return 0.0
    return 100.0 * (zero_at - latency) / (zero_at - within)


def _curve_reason(latency: float, target: float, score: float) -> str:
    return (
        f"{minutes(latency)} against a target of {minutes(target)} "
        f"({CURVE_TEXT}, {minutes(ZERO_AT_MULTIPLE * target)}): {round_score(score)}/100"
    )


# ------------------------------------------------------------------- per ask


def criterion_passed(result: CriterionResult) -> bool:
    if isinstance(result.passed, bool):
        return result.passed
    return float(result.passed) >= MUST_PASS_FRACTION


def must_deductions(
    must: Sequence[str], grade: MessageGrade | None, penalty: float
) -> tuple[list[Deduction], list[str]]:
    """Deductions for failed ``must`` criteria, and notes for unassessed ones.

    A criterion the grader did not assess for this message (for instance one
    that does not apply to its channel) is noted but costs nothing: the team
    should not lose points for the grader's scope.
    """
    if not must or grade is None:
        return [], []
    by_id = {c.id: c for c in grade.criteria}
    deductions: list[Deduction] = []
    notes: list[str] = []
    for criterion_id in must:
        result = by_id.get(criterion_id)
        if result is None:
            notes.append(f"must criterion '{criterion_id}' was not assessed for this message")
            continue
        if criterion_passed(result):
            continue
        deductions.append(
            Deduction(
                criterion=criterion_id,
                points=penalty,
                reason=f"must criterion '{criterion_id}' failed: {result.reason}",
                evidence=tuple(e.text for e in result.evidence),
            )
        )
    return deductions, notes


def grade_ask(
    ask: AskRecord,
    answer: ResponseRecord | None,
    answer_grade: MessageGrade | None,
    must_penalty: float,
    role_names: Mapping[str, str] = NO_NAMES,
    move_seconds: float | None = None,
) -> AskResult:
    """Grade one ask: latency on ``latency_score``, minus ``must_penalty``
    points (floor 0) for every ``must`` criterion the answer failed.

    A missed ask scores 0. The answer time is ``ask.answered_at``, or the
    answering message's time when only the message is known. In a drill of
    moves (``move_seconds``) the delay is counted in moves instead.
    """
    answered_at = ask.answered_at
    if answered_at is None and answer is not None:
        answered_at = answer.at
    if answered_at is None:
        opened = (f"asked in move {move_number(ask.opened_at, move_seconds)}" if move_seconds
                  else f"opened at {t_plus(ask.opened_at)} with a {minutes(ask.within)} window")
        return AskResult(
            inject_id=ask.inject_id,
            status=MISSED,
            latency_s=None,
            score=0.0,
            reason=f"missed: {opened} and never answered: 0/100",
            objective=ask.objective,
        )

    latency = max(answered_at - ask.opened_at, 0.0)
    by = f" by response #{answer.index} ({role_names.get(answer.role, answer.role)})" if answer is not None else ""
    if move_seconds:
        late = moves_later(ask.opened_at, answered_at, move_seconds)
        speed = move_delay_score(late)
        status = ANSWERED if late == 0 else LATE
        parts = [f"{status}{by} in move {move_number(answered_at, move_seconds)}, {delay_words(late)} than it was "
                 f"asked (move {move_number(ask.opened_at, move_seconds)}): {MOVE_CURVE_TEXT}: {round_score(speed)}/100"]
    else:
        speed = latency_score(latency, ask.within)
        status = ANSWERED if latency <= ask.within else LATE
        parts = [
            f"{status}{by} at {t_plus(answered_at)}, opened at {t_plus(ask.opened_at)}: "
            + _curve_reason(latency, ask.within, speed)
        ]

    deductions, notes = must_deductions(ask.must, answer_grade, must_penalty)
    if ask.must and answer_grade is None:
        notes.append("must criteria not checked: the answering message is unknown")
    score = speed
    taken_deductions = []
    for deduction in deductions:
        # Report what was actually taken: the floor at 0 can make it less than the penalty.
        taken = replace(deduction, points=round_score(min(deduction.points, score)))
        score -= min(deduction.points, score)
        taken_deductions.append(taken)
        quoted = f" (\"{' / '.join(taken.evidence)}\")" if taken.evidence else ""
        parts.append(f"-{taken.points:g}: {taken.reason}{quoted}")

    if answer is not None and ask.roles and answer.role not in ask.roles:
        notes.append(
            f"answered by role '{answer.role}', expected {', '.join(ask.roles)} (no points taken)"
        )
    if answer is not None and ask.channels and answer.channel_id not in ask.channels:
        notes.append(
            f"answered on '{answer.channel_id}', expected {', '.join(ask.channels)} "
            "(no points taken)"
        )
    parts.extend(notes)

    return AskResult(
        inject_id=ask.inject_id,
        status=status,
        latency_s=latency,
        score=round_score(score),
        reason="; ".join(parts),
        must_failed=tuple(d.criterion for d in taken_deductions),
        response=answer.index if answer is not None else None,
        speed_score=round_score(speed),
        deductions=tuple(taken_deductions),
        objective=ask.objective,
    )


# ------------------------------------------------------------ team timing


def _not_applicable(item_id: str, reason: str, evidence: Mapping | None = None) -> TimingItem:
    return TimingItem(item_id, 0.0, 0.0, f"not rated: {reason}", dict(evidence or {}))


def _first_delay_item(
    item_id: str,
    what: str,
    first: ResponseRecord | None,
    since: float,
    since_what: str,
    target: float,
    duration: float,
    max_points: float,
    role_names: Mapping[str, str] = NO_NAMES,
) -> TimingItem:
    """Grade the delay from ``since`` (``since_what``: "the first ask") to the first matching response."""
    since_label = f"{since_what} ({t_plus(since)})"
    evidence = {"since": since, "since_what": since_what, "target_s": target}
    if first is None:
        if duration - since < target:
            return _not_applicable(
                item_id,
                f"no {what}, but the drill ended {minutes(duration - since)} after "
                f"{since_label}, before the {minutes(target)} target",
                evidence,
            )
        return TimingItem(
            item_id,
            0.0,
            max_points,
            f"no {what} during the drill (target {minutes(target)} after {since_label}): "
            f"0/{max_points:g}",
            {**evidence, "response": None},
        )
    delay = max(first.at - since, 0.0)
    score = latency_score(delay, target)
    points = points_of(max_points, score / 100)
    when = f"{minutes(delay)} after" if first.at >= since else "already before"
    return TimingItem(
        item_id,
        points,
        max_points,
        f"first {what} was response #{first.index} ({role_names.get(first.role, first.role)}) at {t_plus(first.at)}, "
        f"{when} {since_label}: {_curve_reason(delay, target, score)}, "
        f"so {points:g} of {max_points:g} points",
        {
            **evidence,
            "response": first.index,
            "at": first.at,
            "latency_s": delay,
            "minutes": round(delay / 60, 1),
            "target_minutes": round(target / 60, 1),
        },
    )


def acknowledge_item(
    responses: Sequence[ResponseRecord],
    since: float,
    target: float,
    duration: float,
    max_points: float,
    role_names: Mapping[str, str] = NO_NAMES,
) -> TimingItem:
    """Time from the first inject that needed a reaction to the team's first message."""
    first = responses[0] if responses else None
    return _first_delay_item(
        "acknowledge",
        "response of any kind",
        first,
        since,
        "the first ask",
        target,
        duration,
        max_points,
        role_names,
    )


def first_public_update_item(
    public_responses: Sequence[ResponseRecord],
    has_public_channel: bool,
    public_from: float,
    target: float,
    duration: float,
    max_points: float,
    where: str | None = None,
    role_names: Mapping[str, str] = NO_NAMES,
) -> TimingItem:
    """Time from the incident becoming public-facing to the first public post
    (on the channels ``where`` names, when the caller filtered them)."""
    if not has_public_channel:
        return _not_applicable("first_public_update", "the drill has no public channel")
    return _first_delay_item(
        "first_public_update",
        f"public update on {where}" if where else "public update",
        public_responses[0] if public_responses else None,
        public_from,
        "the incident began" if public_from <= 0 else "the incident became public-facing",
        target,
        duration,
        max_points,
        role_names,
    )


def cadence_item(
    public_responses: Sequence[ResponseRecord],
    has_public_channel: bool,
    public_from: float,
    resolved_at: float | None,
    duration: float,
    cadence: float,
    max_points: float,
    where: str | None = None,
) -> TimingItem:
    """Public updates at least every ``cadence`` seconds while unresolved.

    The window runs from the first public post to the resolution (or the end
    of the drill). Every gap between consecutive public posts, and the trailing
    gap to the window's end, is graded on ``latency_score`` against the cadence
    and weighted by its length, so a long silence weighs more than a burst of
    quick posts. The time before the first post is graded by
    ``first_public_update`` instead.
    """
    if not has_public_channel:
        return _not_applicable("cadence", "the drill has no public channel")
    update = f"update on {where}" if where else "public update"
    updates = f"updates on {where}" if where else "public updates"
    end = duration if resolved_at is None else min(resolved_at, duration)
    end_label = "resolution" if resolved_at is not None and resolved_at <= duration else "drill end"
    posts = [r for r in public_responses if r.at <= end]
    evidence: dict = {"target_s": cadence, "window_end": end, "gaps": [], "over_target": []}
    if not posts:
        silent = end - public_from
        if silent <= cadence:
            return _not_applicable(
                "cadence",
                f"no {update} before the {end_label} at {t_plus(end)}, "
                f"within one {minutes(cadence)} cadence",
                evidence,
            )
        return TimingItem(
            "cadence",
            0.0,
            max_points,
            f"no {update} in the {minutes(silent)} from {t_plus(public_from)} to the "
            f"{end_label} at {t_plus(end)} (cadence {minutes(cadence)}): 0/{max_points:g}",
            {**evidence, "gaps": [{"from": public_from, "to": end, "minutes": round(silent / 60, 1)}]},
        )

    gaps = []
    for earlier, later in zip(posts, posts[1:]):
        gaps.append((earlier.at, later.at, earlier.index, later.index))
    if end > posts[-1].at:
        gaps.append((posts[-1].at, end, posts[-1].index, None))
    total = sum(to - frm for frm, to, _, _ in gaps)
    if total <= 0:
        return _not_applicable(
            "cadence", f"the {end_label} came at the first {update}", evidence
        )

    weighted = sum((to - frm) * latency_score(to - frm, cadence) for frm, to, _, _ in gaps)
    score = weighted / total
    points = points_of(max_points, score / 100)
    gap_rows = [
        {
            "from": frm,
            "to": to,
            "minutes": round((to - frm) / 60, 1),
            "from_response": a,
            "to_response": b,
        }
        for frm, to, a, b in gaps
    ]
    over = [row for row in gap_rows if row["to"] - row["from"] > cadence]
    if over:
        listed = ", ".join(
            f"{t_plus(row['from'])}->{t_plus(row['to'])} ({row['minutes']} min"
            + (", until the " + end_label if row["to_response"] is None else "")
            + ")"
            for row in over
        )
        verdict = f"{counted(len(over), 'gap')} exceeded the {minutes(cadence)} cadence: {listed}"
    else:
        verdict = f"every gap stayed within the {minutes(cadence)} cadence"
    reason = (
        f"{len(posts)} {update if len(posts) == 1 else updates} between {t_plus(posts[0].at)} and the {end_label} "
        f"at {t_plus(end)}; {verdict}; each gap graded {CURVE_TEXT} (the cadence), "
        f"weighted by its length: {round_score(score)}/100, so {points:g} of {max_points:g} points"
    )
    return TimingItem(
        "cadence", points, max_points, reason, {**evidence, "gaps": gap_rows, "over_target": over}
    )


def proactivity_item(
    first_public: ResponseRecord | None,
    first_press_call_at: float | None,
    social_peak_at: float | None,
    max_points: float,
) -> TimingItem:
    """Full marks when the first public statement came before the first press
    call or before the social-media peak: the team spoke before being pushed."""
    references = [
        (label, at)
        for label, at in (
            ("the first press call", first_press_call_at),
            ("the social chatter peak", social_peak_at),
        )
        if at is not None
    ]
    evidence = {"first_press_call_at": first_press_call_at, "social_peak_at": social_peak_at}
    if not references:
        return _not_applicable("proactivity", "the drill had no press call or social peak")
    named = " and ".join(f"{label} at {t_plus(at)}" for label, at in references)
    if first_public is None:
        return TimingItem(
            "proactivity",
            0.0,
            max_points,
            f"no public statement at all, despite {named}: 0/{max_points:g}",
            {**evidence, "response": None},
        )
    evidence = {**evidence, "response": first_public.index, "at": first_public.at}
    beaten = [(label, at) for label, at in references if first_public.at < at]
    if beaten:
        ahead = " and ".join(
            f"{minutes(at - first_public.at)} before {label}" for label, at in beaten
        )
        return TimingItem(
            "proactivity",
            max_points,
            max_points,
            f"first public statement (response #{first_public.index}) at "
            f"{t_plus(first_public.at)}, {ahead}: {max_points:g}/{max_points:g}",
            evidence,
        )
    return TimingItem(
        "proactivity",
        0.0,
        max_points,
        f"first public statement (response #{first_public.index}) at "
        f"{t_plus(first_public.at)} came only after {named}: 0/{max_points:g}",
        evidence,
    )


def is_stakeholder_ask(ask: AskRecord, role_names: Mapping[str, str]) -> bool:
    if ask.inject_type in STAKEHOLDER_INJECT_TYPES:
        return True
    for role in ask.roles:
        label = f"{role} {role_names.get(role, '')}".lower()
        if any(word in label for word in STAKEHOLDER_WORDS):
            return True
    return False


def coverage_item(
    asks: Sequence[AskRecord],
    results: Sequence[AskResult],
    role_names: Mapping[str, str],
    max_points: float,
) -> TimingItem:
    """Share of asks from support, legal and executives that got any answer
    (lateness is already graded per ask; here only silence costs)."""
    pairs = [(a, r) for a, r in zip(asks, results) if is_stakeholder_ask(a, role_names)]
    if not pairs:
        return _not_applicable("coverage", "no asks addressed to support, legal or executives")
    answered = [a.inject_id for a, r in pairs if r.status != MISSED]
    missed = [a.inject_id for a, r in pairs if r.status == MISSED]
    points = points_of(max_points, len(answered) / len(pairs))
    reason = f"{len(answered)} of {len(pairs)} support/legal/executive asks answered"
    if missed:
        reason += f"; unanswered: {', '.join(missed)}"
    return TimingItem(
        "coverage",
        points,
        max_points,
        f"{reason}: {points:g}/{max_points:g}",
        {"answered": answered, "missed": missed},
    )

