"""Speed in a drill of moves: delays counted in moves, never in minutes.

A drill of moves has no running clock. Inside, each move is a block of ``move_seconds`` of the
drill's clock that stands still, so a message's time says which move it came in and nothing
more: "60 minutes after the ask" would be an artefact of the block size. Here a delay is the
number of moves between two moments: full marks in the same move, half in the next, nothing
later; an update cadence is the share of moves with a public update.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from scoring.drill_types import ResponseRecord, TimingItem
from scoring.points import points_of, round_score
from scoring.wording import counted

MOVE_CURVE_TEXT = "full marks in the same move, half in the next, 0 after"


def move_number(at: float, move_seconds: float) -> int:
    """The move (1, 2, ...) a moment of the drill's clock falls in."""
    return int(max(at, 0.0) // move_seconds) + 1


def moves_later(since: float, at: float, move_seconds: float) -> int:
    return max(move_number(at, move_seconds) - move_number(since, move_seconds), 0)


def move_delay_score(moves: int) -> float:
    return 100.0 if moves <= 0 else 50.0 if moves == 1 else 0.0


def delay_words(moves: int) -> str:
    """'in the same move', 'one move later', '3 moves later'."""
    if moves <= 0:
        return "in the same move"
    return "one move later" if moves == 1 else f"{moves} moves later"


def move_delay_item(item_id: str, what: str, first: ResponseRecord | None, since: float, since_what: str,
                    max_points: float, move_seconds: float, role_names: Mapping[str, str]) -> TimingItem:
    """The delay, in moves, from ``since`` to the first matching response."""
    start = move_number(since, move_seconds)
    evidence = {"since": since, "since_what": since_what, "since_move": start}
    if first is None:
        return TimingItem(item_id, 0.0, max_points,
                          f"no {what} in any move from move {start} ({since_what}): 0/{max_points:g}",
                          {**evidence, "response": None})
    late = moves_later(since, first.at, move_seconds)
    score = move_delay_score(late)
    points = points_of(max_points, score / 100)
    return TimingItem(
        item_id, points, max_points,
        f"first {what} was response #{first.index} ({role_names.get(first.role, first.role)}) in move "
        f"{move_number(first.at, move_seconds)}, {delay_words(late)} than {since_what} (move {start}): "
        f"{MOVE_CURVE_TEXT}: {round_score(score)}/100, so {points:g} of {max_points:g} points",
        {**evidence, "response": first.index, "at": first.at, "move": move_number(first.at, move_seconds),
         "moves_late": late},
    )


def move_cadence_item(posts: Sequence[ResponseRecord], public_from: float, resolved_at: float | None,
                      duration: float, max_points: float, move_seconds: float,
                      where: str | None = None) -> TimingItem:
    """Public updates in every move from the first one to the resolution (or the last move)."""
    update = f"update on {where}" if where else "public update"
    end = duration if resolved_at is None else min(resolved_at, duration)
    # The drill's end falls on the boundary after its last move: that boundary starts no move.
    last = max(move_number(max(end - 1e-6, 0.0), move_seconds), 1)
    posts = [post for post in posts if post.at <= end]
    first = move_number(posts[0].at, move_seconds) if posts else move_number(public_from, move_seconds)
    window = list(range(first, last + 1))
    with_update = {move_number(post.at, move_seconds) for post in posts}
    silent = [move for move in window if move not in with_update]
    evidence = {"moves": window, "silent_moves": silent}
    if not posts:
        return TimingItem("cadence", 0.0, max_points,
                          f"no {update} in moves {first} to {last}: 0/{max_points:g}", evidence)
    if len(window) <= 1:
        return TimingItem("cadence", 0.0, 0.0, f"not rated: the first {update} came in the last move ({first})",
                          evidence)
    # The first update's own move is graded by first_public_update; the cadence is the moves after it.
    after = window[1:]
    kept = [move for move in after if move in with_update]
    score = 100.0 * len(kept) / len(after)
    points = points_of(max_points, score / 100)
    missing = [move for move in after if move not in with_update]
    verdict = (f"no {update} in move{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}" if missing
               else f"an {update} in every one")
    return TimingItem(
        "cadence", points, max_points,
        f"{counted(len(after), 'move')} after the first {update} (move {first}) up to move {last}; {verdict}: "
        f"{len(kept)} of {len(after)} moves, {round_score(score)}/100, so {points:g} of {max_points:g} points",
        evidence,
    )
