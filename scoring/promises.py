"""Promises of a next update, kept or broken.

A promise found in a public message ("next update in 30 minutes") is checked
against the next post on the same channel, or on a channel the scenario
declares equivalent: kept if that post lands by the due time plus a grace
period, broken if it lands later, or if nothing follows and the grace period
ran out before the drill ended. A promise whose grace period outlasts the
drill, or whose time could not be resolved, stays open: it is never counted
as kept.
"""

from __future__ import annotations

from typing import Callable, Collection, Mapping, Sequence

from scoring.clock import minutes, t_plus
from scoring.points import points_of
from scoring.drill_types import PromiseResult, ResponseRecord, TimingItem
from scoring.types import MessageGrade

GRACE_S = 120.0  # posting a status update takes a minute or two; don't punish that


def check_promises(
    public_posts: Sequence[tuple[ResponseRecord, MessageGrade]],
    duration: float,
    grace: float = GRACE_S,
    channel_group: Callable[[str], Collection[str]] | None = None,
    channel_names: Mapping[str, str] | None = None,
) -> list[PromiseResult]:
    """Check every promise in ``public_posts`` (sorted by time) against the next
    post on the same channel; ``channel_group(id)`` names the channels that
    count as that one (default: itself only)."""
    group = channel_group or (lambda channel_id: (channel_id,))
    names = channel_names or {}
    results: list[PromiseResult] = []
    for position, (post, grade) in enumerate(public_posts):
        same = group(post.channel_id)
        next_post = next(
            (later for later, _ in public_posts[position + 1 :] if later.channel_id in same and later.at > post.at),
            None,
        )
        for promise in grade.promises:
            where = names.get(post.channel_id) or post.channel_id.replace("_", " ")
            results.append(_check_one(post, promise.text, promise.due_at, next_post, duration, grace, where))
    return results


def _check_one(
    post: ResponseRecord,
    text: str,
    due_at: float | None,
    next_post: ResponseRecord | None,
    duration: float,
    grace: float,
    where: str,
) -> PromiseResult:
    quoted = f"\"{text}\" in response #{post.index} on the {_in_prose(where)}"
    next_at = next_post.at if next_post is not None else None

    def result(kept: bool | None, reason: str) -> PromiseResult:
        return PromiseResult(post.index, due_at, kept, next_at, reason, text, post.channel_id)

    if due_at is None:
        return result(None, f"unresolved: {quoted} names a time that could not be placed on the drill's clock "
                            "(a clock time needs the drill's start time)")
    deadline = due_at + grace
    due = f"due {t_plus(due_at)} (+{minutes(grace)} grace)"
    if next_post is not None:
        if next_post.at <= deadline:
            return result(True, f"kept: {quoted} {due}; next post #{next_post.index} at {t_plus(next_post.at)}")
        return result(
            False,
            f"broken: {quoted} {due}; next post #{next_post.index} came at "
            f"{t_plus(next_post.at)}, {minutes(next_post.at - due_at)} late",
        )
    if deadline <= duration:
        return result(
            False,
            f"broken: {quoted} {due}; no later post there before the drill "
            f"ended at {t_plus(duration)}",
        )
    return result(None, f"open: {quoted} {due}, after the drill ended at {t_plus(duration)}")


def promises_item(results: Sequence[PromiseResult], max_points: float) -> TimingItem:
    """Share of decided promises (kept or broken) that were kept; open ones don't count."""
    kept = [r for r in results if r.kept is True]
    broken = [r for r in results if r.kept is False]
    still_open = [r for r in results if r.kept is None]
    evidence = {
        "kept": [r.response for r in kept],
        "broken": [r.response for r in broken],
        "open": [r.response for r in still_open],
        "unresolved": [r.response for r in still_open if r.by is None],
    }
    unresolved = [r for r in still_open if r.by is None]
    decided = len(kept) + len(broken)
    if not decided:
        why = "no promised update fell due during the drill" if results else "no promises made"
        if unresolved:
            why += f"; {_count(len(unresolved), 'promise')} named a time that could not be resolved"
        return TimingItem("promises", 0.0, 0.0, f"not rated: {why}", evidence)
    points = points_of(max_points, len(kept) / decided)
    reason = f"{len(kept)} of {_count(decided, 'promised update')} that fell due kept"
    if broken:
        reason += "; broken: " + "; ".join(r.reason.removeprefix("broken: ") for r in broken)
    if unresolved:
        reason += f"; {_count(len(unresolved), 'promise')} not rated: no resolvable time"
    return TimingItem("promises", points, max_points, f"{reason}: {points:g}/{max_points:g}", evidence)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _in_prose(name: str) -> str:
    """'Status page' reads 'status page' mid-sentence; 'SMS' stays as it is."""
    return name[0].lower() + name[1:] if name[:1].isupper() and not name[1:2].isupper() else name
