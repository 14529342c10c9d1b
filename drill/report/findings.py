"""What the scores say, in sentences: executive summary, strengths, areas for improvement.

Derived once from the report data; both renderings show the same findings.
Every finding quotes the numbers it rests on so a facilitator can check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence, TypeVar

from drill.report import remedies
from drill.report.fmt import channel_name, is_public, mins, plural, role_name, role_names, score, t_plus
from scoring.moves import delay_words

RATING_LABELS = {
    "P": "Performed without challenges",
    "S": "Performed with some challenges",
    "M": "Performed with major challenges",
    "U": "Unable to be performed",
}

# An area for improvement of this weight or more is a risk: the executive summary names the biggest.
RISK_WEIGHT = 60

T = TypeVar("T")


@dataclass(frozen=True)
class Issue:
    """An area for improvement and its row in the improvement plan."""

    key: str       # stable across drills of one scenario (used by comparisons)
    text: str
    action: str
    element: str
    weight: int


def inject_types(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The first delivery of each inject, by id (asks name their inject)."""
    first: dict[str, dict[str, Any]] = {}
    for entry in report.get("timeline", []):
        first.setdefault(entry["id"], entry)
    return first


def answered_asks(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [ask for ask in report.get("asks", []) if ask.get("latency") is not None]


def ask_counts(report: dict[str, Any]) -> dict[str, int]:
    counts = {"answered": 0, "late": 0, "missed": 0, "open": 0}
    for ask in report.get("asks", []):
        counts[ask["status"]] = counts.get(ask["status"], 0) + 1
    return counts


def failed(criterion: dict[str, Any]) -> bool:
    """A criterion counts as failed when it is false or earned under half its points."""
    passed = criterion.get("passed")
    return passed is False or (not isinstance(passed, bool) and isinstance(passed, (int, float)) and passed < 0.5)


def fully_passed(criterion: dict[str, Any]) -> bool:
    passed = criterion.get("passed")
    return passed is True or (not isinstance(passed, bool) and passed == 1)


def team_item(report: dict[str, Any], item_id: str) -> dict[str, Any] | None:
    for item in report.get("team") or []:
        if item["id"] == item_id and item.get("max"):
            return item
    return None


def promise_status(promise: dict[str, Any]) -> str:
    """"kept", "broken", "open" (due after the drill ended) or "unresolved" (no time could be placed)."""
    if promise.get("kept") is None and promise.get("by") is None:
        return "unresolved"
    return {True: "kept", False: "broken"}.get(promise.get("kept"), "open")


def public_responses(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in report.get("responses", []) if is_public(report, r["channel"])]


def _ask_who(report: dict[str, Any], ask: dict[str, Any]) -> str:
    return role_names(report, ask.get("roles") or [])


def _listed(items: Sequence[T], describe: Callable[[T], str], limit: int = 4) -> str:
    """The first ``limit`` of ``items`` described, and how many more there are: only those shown are described."""
    shown = ", ".join(describe(item) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# ------------------------------------------------------------------ summary


def summary_sentences(report: dict[str, Any], issues: list[Issue]) -> list[str]:
    scenario = report["scenario"]
    sentences = []
    total = report.get("score")
    people = len({r["role"] for r in report.get("responses", [])})
    opening = (f"“{scenario['title']}” ran for {mins(report.get('ended', {}).get('at') or scenario['duration'])} "
               f"with {len(report.get('timeline', []))} injects and {len(report.get('responses', []))} messages "
               f"from {people} role{'s' if people != 1 else ''}.")
    sentences.append(opening)
    if total:
        sentences.append(f"The team scored {score(total['overall'])}/100 overall: speed {score(total['speed'])}, "
                         f"quality {score(total['quality'])}.")
    counts = ask_counts(report)
    asks = len(report.get("asks", []))
    if asks:
        sentences.append(f"Of {asks} ask{'s' if asks != 1 else ''}, {counts['answered']} "
                         f"{'was' if counts['answered'] == 1 else 'were'} answered in time, {counts['late']} late and "
                         f"{counts['missed']} missed.")
    timed = answered_asks(report)
    if timed and not report.get("moves"):  # a drill of moves has no minutes to quote: its asks are timed in moves
        fastest = min(timed, key=lambda ask: (ask["latency"], ask["opened_at"]))
        slowest = max(timed, key=lambda ask: (ask["latency"] / max(ask["within"], 1), ask["latency"]))
        sentence = (f"The fastest answer was to {fastest['ask_id']} ({_ask_who(report, fastest)}) in "
                    f"{mins(fastest['latency'])} against a {mins(fastest['within'])} target")
        if slowest is not fastest:
            sentence += (f"; the slowest against its target was {slowest['ask_id']} ({_ask_who(report, slowest)}) "
                         f"at {mins(slowest['latency'])} against {mins(slowest['within'])}")
        sentences.append(sentence + ".")
    first = team_item(report, "first_public_update")
    if first and first["evidence"].get("at") is not None:
        evidence = first["evidence"]
        sentences.append(f"The first {_update_where(evidence)} went out at {t_plus(evidence['at'])}, "
                         f"{mins(evidence['latency_s'])} after {_since(evidence)} "
                         f"(target {mins(evidence['target_s'])}).")
    series = report.get("public", {}).get("series") or []
    if series and max(tick["volume"] for tick in series) > 0:
        peak = max(series, key=lambda tick: tick["volume"])
        sentences.append(f"Public chatter peaked at {t_plus(peak['at'])} ({round(peak['volume'], 1):g} post{'' if round(peak['volume'], 1) == 1 else 's'} a minute, "
                         f"sentiment {peak['sentiment']:+.2f}).")
    risky = [issue for issue in issues if issue.weight >= RISK_WEIGHT]
    if risky:
        sentences.append(f"The biggest risk seen: {risky[0].text}")
    else:
        sentences.append("No major risk surfaced: no missed press call, broken promise, blame or long public "
                         "silence.")
    return sentences


# ---------------------------------------------------------------- strengths


def strengths(report: dict[str, Any]) -> list[str]:
    found = [f"Objective met without challenges: {objective['text']}"
             for objective in report.get("objectives") or [] if objective.get("rating") == "P"]
    found.extend(_timing_strengths(report))
    counts = ask_counts(report)
    if report.get("asks") and counts["answered"] == len(report["asks"]):
        found.append(f"All {len(report['asks'])} asks were answered within their windows.")
    for role, scores in (report.get("roles") or {}).items():
        if isinstance(scores, dict) and (scores.get("overall") or 0) >= 85:
            found.append(f"{role_name(report, role)} scored {score(scores['overall'])} overall "
                         f"({scores.get('reason', '')}).")
    for story in report.get("public", {}).get("stories", []):
        if story.get("kind") == "quoted":
            found.append(f"{story['outlet']} quoted the team's answer at {t_plus(story['at'])}.")
    found.extend(_criteria_strengths(report))
    return found


def _timing_strengths(report: dict[str, Any]) -> Iterable[str]:
    for item in report.get("team") or []:
        if not item.get("max") or item["points"] < item["max"]:
            continue
        evidence = item.get("evidence") or {}
        if item["id"] == "acknowledge" and evidence.get("latency_s") is not None:
            yield (f"The first response came {mins(evidence['latency_s'])} after the first ask "
                   f"(target {mins(evidence['target_s'])}).")
        elif item["id"] == "first_public_update" and evidence.get("latency_s") is not None:
            yield (f"The first {_update_where(evidence)} went out {mins(evidence['latency_s'])} after "
                   f"{_since(evidence)} (target {mins(evidence['target_s'])}).")
        elif item["id"] == "cadence" and not evidence.get("over_target"):
            where = f"Updates on {evidence['where']}" if evidence.get("where") else "Public updates"
            yield f"{where} stayed within the {mins(evidence.get('target_s'))} cadence."
        elif item["id"] == "promises" and not evidence.get("broken"):
            yield _promises_strength(evidence)
        elif item["id"] == "proactivity":
            yield "The team spoke publicly before the press or social media forced it."
        elif item["id"] == "coverage":
            yield "Every support, legal and executive request was answered."
        elif item["id"] == "liaison_sync":
            facts = (item.get("evidence") or {}).get("facts") or []
            yield (f"Comms said in public only what the Liaison or Support had told it first: "
                   f"{', '.join(_FACT_NAMES.get(fact['fact'], fact['fact']) for fact in facts)}.")


_FACT_NAMES = {"customers": "how many are affected", "eta": "the fix time", "progress": "the progress"}


def _update_where(evidence: dict[str, Any]) -> str:
    return f"update on {evidence['where']}" if evidence.get("where") else "public update"


def _since(evidence: dict[str, Any]) -> str:
    """What the first-update clock ran from ('the incident began'); older reports did not say."""
    return evidence.get("since_what") or "the incident became public-facing"


def _promises_strength(evidence: dict[str, Any]) -> str:
    """The claim the promises table beside it bears out: those that fell due were kept; say what was not rated."""
    kept = len(evidence.get("kept") or [])
    claim = ("The promised update that fell due was kept." if kept == 1
             else f"Every promised update that fell due was kept ({kept} of {kept}).")
    unresolved = len(evidence.get("unresolved") or [])
    still_open = len(evidence.get("open") or []) - unresolved
    if unresolved:
        claim += f" {plural(unresolved, 'promise')} named a time that could not be placed on the drill's clock."
    if still_open:
        claim += f" {plural(still_open, 'promise')} fell due after the drill ended."
    return claim


def _criteria_strengths(report: dict[str, Any], limit: int = 5) -> list[str]:
    graded: dict[str, list[bool]] = {}
    for response in report.get("responses", []):
        for criterion in (response.get("quality") or {}).get("criteria", []):
            graded.setdefault(criterion["id"], []).append(fully_passed(criterion))
    clean = [cid for cid, results in graded.items() if len(results) >= 2 and all(results)]
    clean.sort(key=lambda cid: -remedies.criterion(cid).weight)
    return [remedies.criterion(cid).strength for cid in clean[:limit]]


# ----------------------------------------------------------------- issues


def issues(report: dict[str, Any]) -> list[Issue]:
    """Areas for improvement, the biggest risk first."""
    found: list[Issue] = []
    found.extend(_ask_issues(report))
    found.extend(_story_issues(report))
    found.extend(_promise_issues(report))
    found.extend(_timing_issues(report))
    found.extend(_criteria_issues(report))
    found.extend(_objective_issues(report))
    found.sort(key=lambda issue: -issue.weight)
    return found


def _ask_issues(report: dict[str, Any]) -> Iterable[Issue]:
    injects = inject_types(report)
    press: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for ask in report.get("asks", []):
        if ask["status"] == "missed":
            is_press = injects.get(ask["inject_id"], {}).get("type") == "press_call"
            (press if is_press else others).append(ask)
    for ask in press:
        caller = injects[ask["inject_id"]].get("from") or "a reporter"
        action, element, weight = remedies.MISSED_PRESS_CALL
        yield Issue(f"missed-press:{ask['ask_id']}",
                    f"The press call {ask['ask_id']} from {caller} at {t_plus(ask['opened_at'])} was never "
                    f"answered ({mins(ask['within'])} window).", action, element, weight)
    if others:
        action, element, weight = remedies.MISSED_ASK
        listed = _listed(others, lambda ask: f"{ask['ask_id']} ({_ask_who(report, ask)})")
        yield Issue("missed-asks", f"{len(others)} ask{'s were' if len(others) != 1 else ' was'} never answered: "
                                   f"{listed}.", action, element, weight)
    late = [ask for ask in report.get("asks", []) if ask["status"] == "late"]
    if late:
        action, element, weight = remedies.LATE_ASK
        listed = _listed(late, lambda ask: f"{ask['ask_id']} {mins(ask['latency'])} vs {mins(ask['within'])}")
        yield Issue("late-asks", f"{len(late)} ask{'s were' if len(late) != 1 else ' was'} answered late: {listed}.",
                    action, element, weight)


def _story_issues(report: dict[str, Any]) -> Iterable[Issue]:
    for story in report.get("public", {}).get("stories", []):
        if story.get("kind") == "quoted":
            continue
        action, element, weight = (remedies.CONFLICTING_STORY if story.get("kind") == "follow_up"
                                   else remedies.NEGATIVE_STORY)
        yield Issue(f"story:{story.get('kind')}:{story.get('ask_id') or story['at']}",
                    f"{story['outlet']} ran “{story['headline']}” at {t_plus(story['at'])} because {story['cause']}.",
                    action, element, weight)


def _promise_issues(report: dict[str, Any]) -> Iterable[Issue]:
    broken = [promise for promise in report.get("promises") or [] if promise.get("kept") is False]
    if not broken:
        return
    action, element, weight = remedies.BROKEN_PROMISE
    listed = _listed(broken, lambda p: f"“{p['text']}” (#{p['response']}, due {t_plus(p['by'])})"
                     if p.get("by") is not None else f"“{p['text']}” (#{p['response']})")
    yield Issue("broken-promises", f"{len(broken)} promised update{'s were' if len(broken) != 1 else ' was'} "
                                   f"broken: {listed}.", action, element, weight)


def _timing_issues(report: dict[str, Any]) -> Iterable[Issue]:
    first = team_item(report, "first_public_update")
    if first and first["points"] < first["max"]:
        action, element, weight = remedies.SLOW_FIRST_UPDATE
        evidence = first.get("evidence") or {}
        where = f"update on {evidence['where']}" if evidence.get("where") else "public update"
        if evidence.get("moves_late") is not None:  # a drill of moves is timed in moves
            text = f"The first {where} came {delay_words(evidence['moves_late'])} than {evidence.get('since_what')}."
        elif evidence.get("latency_s") is not None:
            text = (f"The first {where} took {mins(evidence['latency_s'])} against a "
                    f"{mins(evidence.get('target_s'))} target.")
        else:
            text = f"No {where} was posted."
        yield Issue("slow-first-update", text, action, element, weight)
    cadence = team_item(report, "cadence")
    if cadence:
        gaps = (cadence.get("evidence") or {}).get("over_target") or []
        if gaps:
            action, element, weight = remedies.PUBLIC_SILENCE
            longest = max(gaps, key=lambda gap: gap["to"] - gap["from"])
            silent = (f"{evidence_where[0].upper()}{evidence_where[1:]} had no update"
                      if (evidence_where := (cadence.get("evidence") or {}).get("where")) else "The public heard nothing")
            yield Issue("public-silence",
                        f"{silent} for {mins(longest['to'] - longest['from'])} from "
                        f"{t_plus(longest['from'])} to {t_plus(longest['to'])} (cadence "
                        f"{mins(cadence['evidence'].get('target_s'))}); {len(gaps)} gap{'s' if len(gaps) != 1 else ''} "
                        f"over target in all.", action, element, weight)
    proactive = team_item(report, "proactivity")
    if proactive and proactive["points"] < proactive["max"] * 0.5:
        action, element, weight = remedies.LATE_PROACTIVITY
        yield Issue("late-proactivity", f"The team spoke publicly only after being pushed: {proactive['reason']}.",
                    action, element, weight)
    liaison = team_item(report, "liaison_sync")
    unheard = [fact for fact in ((liaison or {}).get("evidence") or {}).get("facts") or [] if not fact.get("learned")]
    if liaison and liaison.get("max") and unheard:
        action, element, weight = remedies.LIAISON_OUT_OF_SYNC
        listed = _listed(unheard, lambda fact: f"{_FACT_NAMES.get(fact['fact'], fact['fact'])} "
                                               f"(#{fact['posted']['response']}, {t_plus(fact['posted']['at'])})")
        yield Issue("liaison-out-of-sync", f"Comms told the public before the Liaison or Support had told Comms: "
                                           f"{listed}.", action, element, weight)
    acknowledge = team_item(report, "acknowledge")
    if acknowledge and acknowledge["points"] < acknowledge["max"]:
        action, element, weight = remedies.SLOW_ACKNOWLEDGE
        evidence = acknowledge.get("evidence") or {}
        if evidence.get("moves_late") is not None:
            text = f"The first response came {delay_words(evidence['moves_late'])} than the first ask."
        elif evidence.get("latency_s") is not None:
            text = (f"The first response took {mins(evidence['latency_s'])} against a "
                    f"{mins(evidence.get('target_s'))} target.")
        else:
            text = "No graded message was sent during the drill."
        yield Issue("slow-acknowledge", text, action, element, weight)



def _criteria_issues(report: dict[str, Any]) -> Iterable[Issue]:
    failures: dict[str, list[dict[str, Any]]] = {}
    for response in report.get("responses", []):
        for criterion in (response.get("quality") or {}).get("criteria", []):
            if failed(criterion):
                failures.setdefault(criterion["id"], []).append(response)
    public_channels = {channel for channel in report.get("channels") or {} if is_public(report, channel)}
    for criterion_id, responses in failures.items():
        remedy = remedies.criterion(criterion_id)
        # A public failure is seen by customers and reporters; an internal one by colleagues only.
        public = any(r["channel"] in public_channels for r in responses)
        weight = remedy.weight if public else remedy.weight // 2
        where = _listed(responses, lambda r: f"#{r['id']} ({channel_name(report, r['channel'])})")
        count = len(responses)
        yield Issue(f"criterion:{criterion_id}",
                    f"{count} message{'s' if count != 1 else ''} with {remedy.shortfall}: {where}.",
                    remedy.action, remedy.element, weight)


def _objective_issues(report: dict[str, Any]) -> Iterable[Issue]:
    action, element, weight = remedies.OBJECTIVE_SHORTFALL
    for objective in report.get("objectives") or []:
        rating = objective.get("rating")
        if rating in ("M", "U"):
            yield Issue(f"objective:{objective['id']}",
                        f"Objective rated {rating} ({RATING_LABELS[rating].lower()}): {objective['text']}",
                        action, element, weight + (5 if rating == "U" else 0))
