"""Score a whole drill: per-ask speed, team timing, message quality, totals.

Each ask scores on ``scoring.speed.latency_score`` (100 within its window,
linear to 0 at 3x the window, 0 when missed), minus ``must_penalty`` (25)
points per ``must`` criterion the answering message failed, floored at 0.

How the totals are made (all 0-100):

* **speed** = ``asks`` x mean ask score + ``team`` x team timing points as a
  share of their maximum (weights normalised over the parts that apply; with
  defaults an even split).
* **quality** = mean message quality, public messages weighted
  ``public_message`` (2) and internal ones ``internal_message`` (1), because
  public words reach customers and the press.
* **overall** = ``speed`` x speed + ``quality`` x quality (defaults 0.4 / 0.6).

Per role, speed is the mean score of the asks the role answered (a missed ask
counts against every role it was addressed to), quality the weighted mean of
its messages, overall their weighted mix; None where a role had nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping, Sequence

from scoring.drill_types import (
    AskRecord,
    AskResult,
    DrillInput,
    DrillScore,
    ResponseRecord,
    ResponseScore,
    SpeedScore,
    TimingItem,
    Totals,
)
from scoring.liaison import liaison_item
from scoring.moves import move_cadence_item, move_delay_item, move_delay_score, moves_later
from scoring.objectives import rate_objectives, timing_item_id
from scoring.points import round_score
from scoring.promises import check_promises, promises_item
from scoring.speed import (
    MISSED,
    acknowledge_item,
    cadence_item,
    coverage_item,
    first_public_update_item,
    grade_ask,
    latency_score,
    proactivity_item,
)
from scoring.types import INTERNAL, ChannelInfo, MessageContext, MessageGrade, PriorMessage
from scoring.wording import counted
from scoring.drill_weights import DEFAULT_WEIGHTS, check_weights, resolve_weights

Grader = Callable[[str, MessageContext], MessageGrade]

# Team timing item ids, in report order; their weights are their maximum points.
TEAM_ITEMS = ("acknowledge", "first_public_update", "cadence", "promises", "proactivity", "coverage", "liaison_sync")
# The items measured on the channels an objective names ("update the status page every 30 minutes").
STATUS_ITEMS = ("first_public_update", "cadence")

def _default_grader() -> Grader:
    # Imported here so the drill-level scoring loads without the quality grader.
    from scoring.message import grade_message

    return grade_message


def _weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """None for no values; a plain mean when every weight is 0 (a scenario
    that zeroes both halves of a mix still gets a score, not a crash)."""
    if not pairs:
        return None
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return sum(value for value, _ in pairs) / len(pairs)
    return sum(value * weight for value, weight in pairs) / total


def score_drill(drill: DrillInput, grade: Grader | None = None,
                grades: Mapping[int, MessageGrade] | None = None) -> DrillScore:
    """Score one team's drill. ``grades`` are messages' grades made already (response index ->
    grade, as a drill's log keeps them); the others are graded with ``grade``, which defaults to
    ``scoring.message.grade_message``.

    Pure and deterministic: the same input and grader give the same score.
    Raises ValueError for invalid ``drill.weights`` (see ``check_weights``).
    """
    weights = resolve_weights(drill.weights)
    responses = sorted(drill.responses, key=lambda r: (r.at, r.index))

    def channel_of(response: ResponseRecord) -> ChannelInfo:
        # An unknown channel is treated as internal so it never counts as a public statement;
        # so is a discussion answer, whatever channel it was typed on.
        channel = drill.channels.get(response.channel_id)
        if channel is None or (response.discussion and channel.is_public):
            return ChannelInfo(response.channel_id, audience=INTERNAL, name=channel.name if channel else response.channel_id)
        return channel

    grades = _grade_messages(drill, responses, channel_of, grade, grades or {})
    by_index = {r.index: r for r in responses}
    # The first of each, as a linear search would find it.
    asks_by_id: dict[str, AskRecord] = {}
    asks_by_response: dict[int, AskRecord] = {}
    for ask in drill.asks:
        asks_by_id.setdefault(ask.inject_id, ask)
        if ask.response_index is not None:
            asks_by_response.setdefault(ask.response_index, ask)
    answers_by_ask: dict[str, ResponseRecord] = {}
    for response in responses:
        if response.answered_ask is not None:
            answers_by_ask.setdefault(response.answered_ask, response)

    # Per ask.
    ask_results = []
    for ask in drill.asks:
        answer = by_index.get(ask.response_index) or answers_by_ask.get(ask.inject_id)
        ask_results.append(
            grade_ask(
                ask,
                answer,
                grades.get(answer.index) if answer is not None else None,
                weights["must_penalty"],
                drill.roles,
                drill.move_seconds,
            )
        )

    # Per response.
    response_scores = []
    for response in responses:
        speed = None
        ask = asks_by_id.get(response.answered_ask) if response.answered_ask else None
        if ask is None:
            ask = asks_by_response.get(response.index)
        if ask is not None:
            latency = max(response.at - ask.opened_at, 0.0)
            if drill.move_seconds:
                late = moves_later(ask.opened_at, response.at, drill.move_seconds)
                speed = SpeedScore(latency, round_score(move_delay_score(late)))
            else:
                speed = SpeedScore(latency, round_score(latency_score(latency, ask.within)))
        response_scores.append(
            ResponseScore(
                index=response.index,
                role=response.role,
                channel_id=response.channel_id,
                public=channel_of(response).is_public,
                speed=speed,
                quality=grades[response.index],
            )
        )

    # Team timing. Public posts on every public channel count for the promises they make; the first
    # update and the cadence are measured where the scenario's objectives say ("on the status page").
    public = [r for r in responses if channel_of(r).is_public]
    has_public_channel = any(c.is_public for c in drill.channels.values()) or bool(public)
    group = _channel_groups(drill)
    promise_results = check_promises([(r, grades[r.index]) for r in public], drill.duration,
                                     channel_group=group,
                                     channel_names={key: info.name for key, info in drill.channels.items()})
    first_ask_at = min((a.opened_at for a in drill.asks), default=0.0)
    targets = drill.targets

    def timed_on(channels: frozenset[str] | None) -> dict[str, TimingItem]:
        posts = public if channels is None else [r for r in public if r.channel_id in channels]
        where = _where(drill, channels)
        items = _timed_in_moves(drill, posts, has_public_channel, where, weights) if drill.move_seconds else {
            "first_public_update": first_public_update_item(
                posts, has_public_channel, drill.public_from, targets.first_public_update, drill.duration,
                weights["first_public_update"], where, drill.roles),
            "cadence": cadence_item(
                posts, has_public_channel, drill.public_from, drill.resolved_at, drill.duration,
                targets.update_cadence, weights["cadence"], where),
        }
        measured_on = {"channels": sorted(channels) if channels is not None else None, "where": where}
        return {key: replace(item, evidence={**item.evidence, **measured_on}) for key, item in items.items()}

    status_channels = _status_channels(drill, group)
    team_items = {
        "acknowledge": move_delay_item(
            "acknowledge", "response of any kind", responses[0] if responses else None, first_ask_at,
            "the first ask", weights["acknowledge"], drill.move_seconds, drill.roles)
        if drill.move_seconds else acknowledge_item(
            responses, first_ask_at, targets.acknowledge, drill.duration, weights["acknowledge"], drill.roles
        ),
        **timed_on(status_channels),
        "promises": promises_item(promise_results, weights["promises"]),
        "proactivity": proactivity_item(
            public[0] if public else None,
            drill.first_press_call_at,
            drill.social_peak_at,
            weights["proactivity"],
        ),
        "coverage": coverage_item(drill.asks, ask_results, drill.roles, weights["coverage"]),
        "liaison_sync": liaison_item(drill, sorted(drill.responses, key=lambda r: r.index), weights["liaison_sync"]),
    }
    team = tuple(team_items[item_id] for item_id in TEAM_ITEMS)

    totals = _totals(response_scores, ask_results, team, weights)
    roles = _role_scores(drill, response_scores, ask_results, by_index, weights)
    own_timing = {}  # an objective measured on other channels than the team's status channels
    for objective_id, channels in drill.objective_channels.items():
        wanted = _expanded(channels, group)
        if wanted and wanted != status_channels:
            own_timing[objective_id] = tuple({**team_items, **timed_on(wanted)}[item_id] for item_id in TEAM_ITEMS)
    objectives = rate_objectives(drill.objectives, ask_results, team, own_timing)

    return DrillScore(
        score=totals,
        responses=tuple(response_scores),
        asks=tuple(ask_results),
        team=team,
        roles=roles,
        objectives=tuple(objectives),
        promises=tuple(promise_results),
        weights=weights,
    )


def _timed_in_moves(drill: DrillInput, posts: list[ResponseRecord], has_public_channel: bool, where: str | None,
                    weights: Mapping[str, float]) -> dict[str, TimingItem]:
    """The first public update and the cadence of a drill of moves, counted in moves."""
    if not has_public_channel:
        return {item_id: TimingItem(item_id, 0.0, 0.0, "not rated: the drill has no public channel")
                for item_id in ("first_public_update", "cadence")}
    update = f"public update on {where}" if where else "public update"
    since_what = "the incident began" if drill.public_from <= 0 else "the incident became public-facing"
    return {
        "first_public_update": move_delay_item(
            "first_public_update", update, posts[0] if posts else None, drill.public_from, since_what,
            weights["first_public_update"], drill.move_seconds, drill.roles),
        "cadence": move_cadence_item(posts, drill.public_from, drill.resolved_at, drill.duration,
                                     weights["cadence"], drill.move_seconds, where),
    }


def _channel_groups(drill: DrillInput) -> Callable[[str], frozenset[str]]:
    def group(channel_id: str) -> frozenset[str]:
        info = drill.channels.get(channel_id)
        return frozenset((channel_id, *(info.equivalent if info else ())))

    return group


def _expanded(channels: Sequence[str], group: Callable[[str], frozenset[str]]) -> frozenset[str]:
    return frozenset(member for channel_id in channels for member in group(channel_id))


def _status_channels(drill: DrillInput, group: Callable[[str], frozenset[str]]) -> frozenset[str] | None:
    """The channels the first public update and the cadence are measured on: those named by the
    objectives that are rated from them, else every public channel (None)."""
    named: set[str] = set()
    for objective_id, channels in drill.objective_channels.items():
        if timing_item_id(objective_id) in STATUS_ITEMS:
            named |= _expanded(channels, group)
    return frozenset(named) if named else None


def _where(drill: DrillInput, channels: frozenset[str] | None) -> str | None:
    """'the status page' for the reasons; None for every public channel."""
    if channels is None:
        return None
    names = [(drill.channels[c].name or c.replace("_", " ")) if c in drill.channels else c.replace("_", " ")
             for c in sorted(channels)]
    return " or ".join(f"the {name[0].lower() + name[1:]}" if name[:1].isupper() and not name[1:2].isupper()
                       else name for name in names)


def _grade_messages(
    drill: DrillInput,
    responses: Sequence[ResponseRecord],
    channel_of: Callable[[ResponseRecord], ChannelInfo],
    grade: Grader | None,
    made: Mapping[int, MessageGrade],
) -> dict[int, MessageGrade]:
    grades: dict[int, MessageGrade] = {}
    earlier: list[PriorMessage] = []
    for response in responses:
        channel = channel_of(response)
        if response.index in made:
            grades[response.index] = made[response.index]
        else:
            grade = grade or _default_grader()  # loaded only if some message was not graded when sent
            context = MessageContext(
                channel=channel,
                at=response.at,
                facts=dict(response.facts),
                org=dict(drill.org),
                earlier=tuple(earlier),
                start_time=drill.start_time,
                role=response.role,
            )
            grades[response.index] = grade(response.text, context)
        earlier.append(PriorMessage(channel, response.at, response.text))
    return grades


def _message_weight(response: ResponseScore, weights: Mapping[str, float]) -> float:
    return weights["public_message"] if response.public else weights["internal_message"]


def _totals(
    response_scores: Sequence[ResponseScore],
    ask_results: Sequence[AskResult],
    team: Sequence[TimingItem],
    weights: Mapping[str, float],
) -> Totals:
    parts = []
    reasons = []
    if ask_results:
        asks_mean = sum(r.score for r in ask_results) / len(ask_results)
        parts.append((asks_mean, weights["asks"]))
        reasons.append(f"asks {asks_mean:.1f} (mean of {len(ask_results)}) x {weights['asks']:g}")
    team_max = sum(item.max for item in team)
    if team_max > 0:
        team_points = sum(item.points for item in team)
        team_score = 100 * team_points / team_max
        parts.append((team_score, weights["team"]))
        reasons.append(f"team timing {team_score:.1f} ({team_points:g}/{team_max:g} points) x {weights['team']:g}")
    speed = _weighted_mean(parts)
    if speed is None:
        speed = 0.0
        reasons.append("nothing was timed: 0")

    quality = _weighted_mean([(r.quality.score, _message_weight(r, weights)) for r in response_scores])
    if quality is None:
        quality = 0.0
        quality_reason = "no messages were sent: 0"
    else:
        public = sum(1 for r in response_scores if r.public)
        quality_reason = (
            f"weighted mean of {counted(len(response_scores), 'message')} ({public} public x "
            f"{weights['public_message']:g}, {len(response_scores) - public} internal x "
            f"{weights['internal_message']:g}) = {quality:.1f}"
        )
    overall = _weighted_mean([(speed, weights["speed"]), (quality, weights["quality"])]) or 0.0
    reason = (
        f"overall {overall:.1f} = speed {speed:.1f} x {weights['speed']:g} + quality "
        f"{quality:.1f} x {weights['quality']:g} (normalised); speed: "
        + ", ".join(reasons)
        + f"; quality: {quality_reason}"
    )
    return Totals(round_score(overall), round_score(speed), round_score(quality), reason)


def _role_scores(
    drill: DrillInput,
    response_scores: Sequence[ResponseScore],
    ask_results: Sequence[AskResult],
    by_index: Mapping[int, ResponseRecord],
    weights: Mapping[str, float],
) -> dict[str, Totals]:
    ask_scores: dict[str, list[float]] = {}
    for ask, result in zip(drill.asks, ask_results):
        if result.status != MISSED and result.response in by_index:
            owners: Sequence[str] = (by_index[result.response].role,)
        else:
            # A missed ask (or one answered by an unknown message) counts against every addressee.
            owners = ask.roles
        for role in owners:
            ask_scores.setdefault(role, []).append(result.score)

    role_ids = list(drill.roles)
    extra = {r.role for r in response_scores} | set(ask_scores)
    role_ids += sorted(extra - set(role_ids))

    roles = {}
    for role in role_ids:
        own = [r for r in response_scores if r.role == role]
        scores = ask_scores.get(role, [])
        speed = sum(scores) / len(scores) if scores else None
        quality = _weighted_mean([(r.quality.score, _message_weight(r, weights)) for r in own])
        mix = [(v, weights[k]) for v, k in ((speed, "speed"), (quality, "quality")) if v is not None]
        overall = _weighted_mean(mix)
        reason = f"{counted(len(scores), 'ask')}, {counted(len(own), 'message')}"
        roles[role] = Totals(
            overall=round_score(overall) if overall is not None else None,
            speed=round_score(speed) if speed is not None else None,
            quality=round_score(quality) if quality is not None else None,
            reason=reason,
        )
    return roles
