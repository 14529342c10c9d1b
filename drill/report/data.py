"""The report's data: a plain dict built from the scenario and the event log.

This is ``report.json``; the Markdown and HTML reports are renderings of it.
"""

from __future__ import annotations

from typing import Any, Iterable

from drill.engine.events import Event
from drill.report import evaluation_data
from drill.report.collector import collector_paused
from drill.report.fmt import drill_date
from drill.report.play_data import PLAY_KINDS, PlayLog
from drill.scenario.model import Scenario

REPORT_FORMAT = 1


def build_report(scenario: Scenario, events: Iterable[Event], scores: dict[str, Any] | None = None,
                 generated_at: str | None = None) -> dict[str, Any]:
    """``generated_at`` is when the drill was run (an ISO 8601 date or time), if known.

    The report's ``generated_at`` is the drill's one date (``fmt.drill_date``): the start time
    recorded in its log when it has one, else ``generated_at``; absent when neither is known.
    """
    with collector_paused():  # a long drill's report is tens of thousands of dicts and lists, and no cycles
        return _report(scenario, list(events), scores, generated_at)


def _report(scenario: Scenario, events: list[Event], scores: dict[str, Any] | None,
            generated_at: str | None) -> dict[str, Any]:
    started = events[0].data if events and events[0].kind == "drill_started" else {}
    asks: dict[str, dict[str, Any]] = {}
    responses: list[dict[str, Any]] = []
    relays: list[dict[str, Any]] = []  # messages between roles, in a drill played from several seats
    notes: list[dict[str, Any]] = []  # evaluators' notes
    timeline: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    ended_at, end_reason = None, None
    participants: dict[str, str] = {}
    public: dict[str, Any] = {"public_from": None, "series": [], "posts": [], "stories": [], "reactions": []}
    play = PlayLog(scenario)  # format 2's moves, decisions, questions, held injects and the hot wash
    for event in events:
        data = event.data
        if event.kind in PLAY_KINDS:
            play.add(event)
        if event.kind == "inject_delivered":
            timeline.append({
                "id": data["inject_id"], "occurrence": data["occurrence"], "at": event.at,
                "type": data["type"], "to": data["to"], "from": data["from"], "text": data["text"],
                "adhoc": data.get("adhoc", False),
            })
        elif event.kind == "inject_skipped":
            skipped.append({"id": data["inject_id"], "occurrence": data["occurrence"], "at": event.at, "reason": data["reason"]})
        elif event.kind == "ask_opened":
            asks[data["ask_id"]] = {
                "ask_id": data["ask_id"], "inject_id": data["inject_id"], "opened_at": event.at,
                "within": data["within"], "due_at": data["due_at"], "roles": data["roles"],
                "channels": data["channels"], "objective": data.get("objective"), "must": data.get("must", []),
                "status": "open", "latency": None, "response_id": None,
            }
        elif event.kind == "response_recorded":
            responses.append({
                "id": data["response_id"], "role": data["role"], "channel": data["channel"], "at": event.at,
                "text": data["text"], "reply_to": data.get("reply_to"), "answers": data.get("answers"),
                "latency": None,
            })
            if "question" in data:  # a format 2 question's answer; other responses read as they always did
                responses[-1]["question"] = data["question"]
        elif event.kind == "relay_sent":
            relays.append({"id": data["relay_id"], "role": data["role"], "to": data["to"], "at": event.at,
                           "text": data["text"], "after_response": len(responses)})
        elif event.kind == "evaluator_noted":
            notes.append({"id": data["note_id"], "at": event.at, "author": data["author"],
                          "objective": data.get("objective"), "text": data["text"], "rating": data.get("rating")})
        elif event.kind == "ask_answered":
            ask = asks[data["ask_id"]]
            ask.update(status="late" if data["late"] else "answered", latency=data["latency"], response_id=data["response_id"])
            responses[data["response_id"] - 1]["latency"] = data["latency"]
        elif event.kind == "ask_missed":
            asks[data["ask_id"]]["status"] = "missed"
        elif event.kind == "public_facing":
            public["public_from"] = {"at": event.at, "cause": data["cause"]}
        elif event.kind == "public_tick":
            public["series"].append({"at": event.at, "volume": data["volume"], "sentiment": data["sentiment"],
                                     "press_interest": data["press_interest"], "posts": data["posts"],
                                     "causes": data["causes"]})
            public["posts"].extend({"at": event.at, **sample} for sample in data["samples"])
        elif event.kind == "public_story":
            public["stories"].append({"at": event.at, **{k: v for k, v in data.items() if k not in ("key", "pressure")}})
        elif event.kind == "public_reaction":
            public["reactions"].append({"at": event.at, "response_id": data["response_id"], "score": data["score"],
                                        "calm": data["calm"], "causes": data["causes"]})
        elif event.kind == "participants_assigned":
            participants = dict(data["participants"])
        elif event.kind == "drill_ended":
            ended_at, end_reason = event.at, data["reason"]
    report: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "scenario": {"id": scenario.id, "title": scenario.title, "summary": started.get("summary", scenario.summary),
                     "duration": scenario.duration},
        "seed": started.get("seed"),
        "org": started.get("org", {}),
        "roles": {role.id: role.name for role in scenario.roles.values()},
        # "roles" becomes the role scores once scores are merged; the names stay here.
        "role_names": {role.id: role.name for role in scenario.roles.values()},
        "participants": participants,
        "channels": {channel.id: {"name": channel.name, "audience": channel.audience, "max_chars": channel.max_chars}
                     for channel in scenario.channels.values()},
        "objectives": [{"id": key, "text": text} for key, text in scenario.objectives.items()],
        "debrief": list(scenario.debrief),
        "ended": {"at": ended_at, "reason": end_reason},
        "timeline": timeline,
        "skipped": skipped,
        "responses": responses,
        "relays": relays,
        "notes": notes,
        "asks": list(asks.values()),
        "public": public,
    }
    date = drill_date(started.get("start_time"), generated_at)
    if date is not None:
        report["generated_at"] = date
    play.into(report)
    if scores:
        _merge_scores(report, scores)
        play.merge_scores(report)
    evaluation_data.into(report, scenario)  # after the scores, which replace the objectives
    return report


def _merge_scores(report: dict[str, Any], scores: dict[str, Any]) -> None:
    by_index = {item["index"]: item for item in scores.get("responses", [])}
    for response in report["responses"]:
        graded = by_index.get(response["id"], {})
        response["speed"] = graded.get("speed")
        response["quality"] = graded.get("quality")
    by_ask = {item["inject_id"]: item for item in scores.get("asks", [])}  # drill.grading passes ask ids there
    for ask in report["asks"]:
        graded = by_ask.get(ask["ask_id"], {})
        ask["score"] = graded.get("score")
        ask["reason"] = graded.get("reason")
        ask["must_failed"] = graded.get("must_failed", [])
    for key in ("score", "roles", "objectives", "promises", "team"):
        if key in scores:
            report[key] = scores[key]
