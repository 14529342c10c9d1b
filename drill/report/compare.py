"""Two drills of one scenario side by side: what improved and what regressed.

``compare_reports`` gives plain data (JSON-ready); ``compare_to_markdown`` and
``compare_to_html`` render it with the report's own renderers. ``a`` is the
baseline and ``b`` the drill compared with it, so a change is ``b - a``.
The page names each drill by its scenario, team and date (never by the file it
was read from): "A" and "B" in the tables, spelled out in the table of drills.
"""

from __future__ import annotations

from typing import Any

from drill.report.document import BulletList, Document, Paragraph, Section, Span, Table, inline
from drill.report.findings import promise_status, public_responses, team_item
from drill.report.fmt import mins, out_of_100, role_name, score, t_plus
from drill.report.html import render_html
from drill.report.markdown import render_markdown
from drill.world import pressure

RATING_ORDER = {"P": 0, "S": 1, "M": 2, "U": 3}
STATUS_ORDER = {"missed": 0, "open": 0, "late": 1, "answered": 2}
SCORE_EPSILON = 0.5  # score changes smaller than this are rounding, not a change


class CompareError(ValueError):
    """The two reports cannot be compared; the message says why."""


def compare_reports(a: dict[str, Any], b: dict[str, Any], labels: tuple[str, str] = ("A", "B")) -> dict[str, Any]:
    """The differences between drill ``a`` (baseline) and drill ``b``; both must be of the same scenario.

    ``labels`` name the two drills in the tables; ``drills`` describes each (team, date, seed) for the page.
    """
    id_a, id_b = a["scenario"]["id"], b["scenario"]["id"]
    if id_a != id_b:
        raise CompareError(f"cannot compare drills of different scenarios: {id_a!r} and {id_b!r}")
    comparison: dict[str, Any] = {
        "scenario": {"id": id_a, "title": b["scenario"]["title"]},
        "labels": {"a": labels[0], "b": labels[1]},
        "drills": {key: {"seed": report.get("seed"), "generated_at": report.get("generated_at"),
                         "team": team(report), "overall": (report.get("score") or {}).get("overall")}
                   for key, report in (("a", a), ("b", b))},
        "score": {metric: _delta((a.get("score") or {}).get(metric), (b.get("score") or {}).get(metric))
                  for metric in ("overall", "speed", "quality")},
        "roles": _roles(a, b),
        "objectives": _objectives(a, b),
        "asks": _asks(a, b),
        "first_public_update": _delta(_first_public_at(a), _first_public_at(b), higher_is_better=False),
        "promises": {"a": _promise_counts(a), "b": _promise_counts(b)},
        "public_negative_volume": _delta(negative_volume(a), negative_volume(b), higher_is_better=False),
    }
    kept = comparison["promises"]
    comparison["promises"]["kept_share"] = _delta(_share(kept["a"]), _share(kept["b"]))
    comparison["improved"], comparison["regressed"] = _sentences(comparison, a)
    return comparison


def team(report: dict[str, Any]) -> str | None:
    """Who played, as the drill recorded them: 'Sam Okafor, Priya Shah'; None if nobody was named."""
    names = [str(name).strip() for name in (report.get("participants") or {}).values() if str(name).strip()]
    return ", ".join(dict.fromkeys(names)) or None


def describe(drill: dict[str, Any]) -> str:
    """One drill of a comparison in words: 'team Sam Okafor, Priya Shah, 2025-03-14 14:05 UTC, seed 7'."""
    parts = [f"team {drill['team']}" if drill.get("team") else "", drill.get("generated_at") or "",
             f"seed {drill['seed']}" if drill.get("seed") is not None else ""]
    return ", ".join(part for part in parts if part) or "no details recorded"


def negative_volume(report: dict[str, Any]) -> float:
    """Negative public chatter over the drill, as the public's own model measures it."""
    return pressure.negative_volume((report.get("public") or {}).get("series") or [])


def _delta(a: float | None, b: float | None, higher_is_better: bool = True) -> dict[str, Any]:
    if a is None or b is None:
        return {"a": a, "b": b, "delta": None, "change": None}
    delta = round(b - a, 1)
    better = delta if higher_is_better else -delta
    change = "same" if abs(delta) < SCORE_EPSILON else "improved" if better > 0 else "regressed"
    return {"a": a, "b": b, "delta": delta, "change": change}


def _roles(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    scores_a, scores_b = a.get("roles") or {}, b.get("roles") or {}
    roles = {}
    for role in dict.fromkeys([*scores_a, *scores_b]):
        one, two = scores_a.get(role), scores_b.get(role)
        one, two = (one if isinstance(one, dict) else {}), (two if isinstance(two, dict) else {})
        roles[role] = {"name": role_name(b, role),
                       **{metric: _delta(one.get(metric), two.get(metric))
                          for metric in ("overall", "speed", "quality")}}
    return roles


def _objectives(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    rated_a = {objective["id"]: objective for objective in a.get("objectives") or []}
    rows = []
    for objective in b.get("objectives") or []:
        before = rated_a.get(objective["id"], {}).get("rating")
        after = objective.get("rating")
        rank_a, rank_b = RATING_ORDER.get(before), RATING_ORDER.get(after)
        if rank_a is None or rank_b is None:
            change = None if before != after else "same"
        else:
            change = "same" if rank_a == rank_b else "improved" if rank_b < rank_a else "regressed"
        rows.append({"id": objective["id"], "text": objective["text"], "a": before, "b": after, "change": change})
    return rows


def _ask_view(ask: dict[str, Any] | None) -> dict[str, Any] | None:
    if ask is None:
        return None
    return {"status": ask["status"], "latency": ask.get("latency"), "within": ask["within"], "score": ask.get("score")}


def _asks(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    asks_a = {ask["ask_id"]: ask for ask in a.get("asks", [])}
    asks_b = {ask["ask_id"]: ask for ask in b.get("asks", [])}
    rows = []
    for ask_id in dict.fromkeys([*asks_a, *asks_b]):
        one, two = asks_a.get(ask_id), asks_b.get(ask_id)
        if one is None or two is None:
            change = "only_b" if one is None else "only_a"
        else:
            change = _ask_change(one, two)
        rows.append({"ask_id": ask_id, "roles": (two or one)["roles"], "a": _ask_view(one), "b": _ask_view(two),
                     "change": change})
    return rows


def _ask_change(one: dict[str, Any], two: dict[str, Any]) -> str:
    if one.get("score") is not None and two.get("score") is not None:
        return _delta(one["score"], two["score"])["change"]
    status = STATUS_ORDER.get(two["status"], 0) - STATUS_ORDER.get(one["status"], 0)
    if status:
        return "improved" if status > 0 else "regressed"
    if one.get("latency") is not None and two.get("latency") is not None and one["latency"] != two["latency"]:
        return "improved" if two["latency"] < one["latency"] else "regressed"
    return "same"


def _first_public_at(report: dict[str, Any]) -> float | None:
    item = team_item(report, "first_public_update")
    if item and (item.get("evidence") or {}).get("at") is not None:
        return item["evidence"]["at"]
    return min((r["at"] for r in public_responses(report)), default=None)


def _promise_counts(report: dict[str, Any]) -> dict[str, int]:
    counts = {"kept": 0, "broken": 0, "open": 0, "unresolved": 0}
    for promise in report.get("promises") or []:
        counts[promise_status(promise)] += 1
    return counts


def _share(counts: dict[str, int]) -> float | None:
    decided = counts["kept"] + counts["broken"]
    return round(100 * counts["kept"] / decided, 1) if decided else None


# ----------------------------------------------------------------- findings


def _ask_state(view: dict[str, Any]) -> str:
    if view["latency"] is None:
        return view["status"]
    return f"{view['status']} in {mins(view['latency'])} ({out_of_100(view['score'])})"


def _points(delta: float) -> str:
    """A change of score: '+45.8 points', '-1 point'."""
    return f"{delta:+g} point{'' if abs(delta) == 1 else 's'}"


def _posts(value: float) -> str:
    return f"{value:g} negative post{'' if value == 1 else 's'}"


def _sentences(comparison: dict[str, Any], a: dict[str, Any]) -> tuple[list[str], list[str]]:
    """What improved and what regressed, each a sentence quoting both values."""
    found: dict[str, list[str]] = {"improved": [], "regressed": []}

    def note(change: str | None, sentence: str) -> None:
        if change in found:
            found[change].append(sentence)

    for metric, delta in comparison["score"].items():
        if delta["delta"] is not None:
            note(delta["change"], f"{metric.capitalize()} score {out_of_100(delta['a'])} → "
                                  f"{out_of_100(delta['b'])} ({_points(delta['delta'])}).")
    for role in comparison["roles"].values():
        delta = role["overall"]
        if delta["delta"] is not None:
            note(delta["change"], f"{role['name']}: overall {out_of_100(delta['a'])} → {out_of_100(delta['b'])} "
                                  f"({_points(delta['delta'])}).")
    for objective in comparison["objectives"]:
        note(objective["change"], f"Objective “{objective['text'].rstrip('.')}”: rated {objective['a'] or 'not rated'} "
                                  f"→ {objective['b'] or 'not rated'}.")
    for ask in comparison["asks"]:
        if ask["a"] and ask["b"]:
            note(ask["change"], f"Ask {ask['ask_id']} ({', '.join(role_name(a, r) for r in ask['roles'])}): "
                                f"{_ask_state(ask['a'])} → {_ask_state(ask['b'])}.")
    first = comparison["first_public_update"]
    if first["delta"] is not None:
        note(first["change"], f"First public update at {t_plus(first['a'])} → {t_plus(first['b'])} "
                              f"({mins(abs(first['delta']))} {'earlier' if first['delta'] < 0 else 'later'}).")
    promises = comparison["promises"]
    share = promises["kept_share"]
    if share["delta"] is not None:
        before, after = promises["a"], promises["b"]
        note(share["change"], f"Promises kept: {before['kept']} of {before['kept'] + before['broken']} → "
                              f"{after['kept']} of {after['kept'] + after['broken']}.")
    negative = comparison["public_negative_volume"]
    if negative["delta"] is not None:
        note(negative["change"], f"Negative public chatter {negative['a']:g} → {_posts(negative['b'])}.")
    return found["improved"], found["regressed"]


# ---------------------------------------------------------------- rendering

_TONES = {"improved": "good", "regressed": "bad", "same": "muted"}


def _change(change: str | None, text: str | None = None) -> Any:
    if change is None:
        return inline("—")
    label = text if text is not None else change
    return inline(Span(label, _TONES.get(change, "")))


def _delta_text(delta: dict[str, Any]) -> str | None:
    return None if delta["delta"] is None else f"{_points(delta['delta'])} ({delta['change']})"


def _posts_delta_text(delta: dict[str, Any]) -> str | None:
    return None if delta["delta"] is None else f"{delta['delta']:+g} posts ({delta['change']})"


def _time_delta_text(delta: dict[str, Any]) -> str | None:
    if delta["delta"] is None:
        return None
    return f"{mins(abs(delta['delta']))} {'earlier' if delta['delta'] < 0 else 'later'} ({delta['change']})"


def comparison_document(comparison: dict[str, Any]) -> Document:
    label_a, label_b = comparison["labels"]["a"], comparison["labels"]["b"]
    head = ("", label_a, label_b, "Change")

    def metric_row(name: str, delta: dict[str, Any], shown=out_of_100, described=_delta_text) -> tuple:
        return (inline(Span(name, "strong")), inline(shown(delta["a"]) if delta["a"] is not None else "—"),
                inline(shown(delta["b"]) if delta["b"] is not None else "—"),
                _change(delta["change"], described(delta)))

    scores = Table(head, tuple(metric_row(f"{metric.capitalize()} score", delta)
                               for metric, delta in comparison["score"].items()), numeric=frozenset({1, 2}))
    promises = comparison["promises"]
    public = Table(head, (
        metric_row("First public update", comparison["first_public_update"], t_plus, _time_delta_text),
        (inline(Span("Promises kept", "strong")),
         inline(f"{promises['a']['kept']} kept, {promises['a']['broken']} broken"),
         inline(f"{promises['b']['kept']} kept, {promises['b']['broken']} broken"),
         _change(promises["kept_share"]["change"])),
        metric_row("Negative public chatter", comparison["public_negative_volume"], _posts, _posts_delta_text),
    ), numeric=frozenset({1, 2}))
    roles = Table(("Role", f"{label_a} overall", f"{label_b} overall", "Change", f"{label_a} speed · quality (/100)",
                   f"{label_b} speed · quality (/100)"),
                  tuple((inline(role["name"]), inline(out_of_100(role["overall"]["a"])),
                         inline(out_of_100(role["overall"]["b"])),
                         _change(role["overall"]["change"], _delta_text(role["overall"])),
                         inline(f"{score(role['speed']['a'])} · {score(role['quality']['a'])}"),
                         inline(f"{score(role['speed']['b'])} · {score(role['quality']['b'])}"))
                        for role in comparison["roles"].values()), numeric=frozenset({1, 2}))
    objectives = Table(("Objective", label_a, label_b, "Change"),
                       tuple((inline(o["text"]), inline(Span(o["a"] or "—", "rating")),
                              inline(Span(o["b"] or "—", "rating")), _change(o["change"]))
                             for o in comparison["objectives"]))
    asks = Table(("Ask", label_a, label_b, "Change"),
                 tuple((inline(Span(ask["ask_id"], "code")),
                        inline(_ask_state(ask["a"]) if ask["a"] else "not asked"),
                        inline(_ask_state(ask["b"]) if ask["b"] else "not asked"),
                        _change(ask["change"]) if ask["change"] in _TONES
                        else inline(f"only in {label_a if ask['change'] == 'only_a' else label_b}"))
                       for ask in comparison["asks"]))

    def listed(items: list[str], empty: str) -> Any:
        return BulletList(tuple(inline(item) for item in items)) if items else Paragraph(inline(empty), tone="muted")

    scenario = comparison["scenario"]
    drills = comparison["drills"]
    subtitle = " · ".join(f"{label}: {describe(drills[key])}" for key, label in (("a", label_a), ("b", label_b)))
    which = Table(("Drill", "Scenario", "Team", "Date", "Seed", "Overall"), tuple(
        (inline(Span(label, "strong"), " (baseline)" if key == "a" else ""), inline(scenario["title"]),
         inline(drills[key].get("team") or Span("not named", "muted")), inline(drills[key].get("generated_at") or "—"),
         inline(str(drills[key]["seed"]) if drills[key].get("seed") is not None else "—"),
         inline(out_of_100(drills[key].get("overall"))))
        for key, label in (("a", label_a), ("b", label_b))), numeric=frozenset({4, 5}), nowrap=frozenset({3, 4, 5}))
    sections = (
        Section("Scores", (which, Paragraph(inline(f"{label_a} is the baseline; each change is {label_b} against it."),
                                            tone="muted"), scores)),
        Section("What improved", (listed(comparison["improved"], "Nothing improved."),)),
        Section("What regressed", (listed(comparison["regressed"], "Nothing regressed."),)),
        Section("Public", (public,)),
        Section("Roles", (roles,)),
        Section("Objectives", (objectives,)),
        Section("Asks", (asks,)),
    )
    return Document(f"Drill comparison: {scenario['title']}", subtitle, sections)


def compare_to_markdown(a: dict[str, Any], b: dict[str, Any], labels: tuple[str, str] = ("A", "B")) -> str:
    """Markdown comparing report ``a`` (baseline) with report ``b``; raises CompareError for different scenarios."""
    return render_markdown(comparison_document(compare_reports(a, b, labels)))


def compare_to_html(a: dict[str, Any], b: dict[str, Any], labels: tuple[str, str] = ("A", "B")) -> str:
    """A self-contained HTML page comparing report ``a`` (baseline) with report ``b``."""
    return render_html(comparison_document(compare_reports(a, b, labels)), kind="Drill comparison")
