"""The public as an engine plug-in: it reacts to the team's timing and words.

Every number it decides is written into its events (``public_facing``,
``public_reaction``, ``public_tick``, ``public_story``), and ``apply`` only
reads them back, so a drill rebuilt from its log has the same public without
grading or generating anything again. Each generated post or story carries the
cause that produced it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from drill.durations import count_minutes, format_clock
from drill.engine.events import Event
from drill.scenario.model import Scenario
from drill.scenario.templates import derived_seed, seeded_faker
from drill.textsafe import printable
from scoring.drill_types import Targets
from scoring.promises import GRACE_S
from drill.world import pressure as model
from drill.world.params import PUBLIC_FACING_TYPES, PublicParams
from drill.world.posts import declined_story, quoted_story, sample_posts

TICK = 60
# The public keeps the team to the same promises and cadence the scorer does.
PROMISE_GRACE = int(GRACE_S)
ANSWERED_STORY_DELAY = 300
FOLLOW_UP_DELAY = 300
MAX_SAMPLES = 3
FAULTS = {  # criterion failed -> how the public hears it
    "no_blame": "blamed someone else",
    "no_speculation": "speculated about the cause",
    "respect": "was dismissive",
    "no_minimising": "played the harm down",
    "consistency": "contradicted an earlier statement",
    "accuracy": "contradicted the known facts",
}
_NO_COMMENT = re.compile(r"\bno comment\b", re.IGNORECASE)


@dataclass
class PromisedUpdate:
    response_id: int
    channel: str
    made_at: int
    due_at: int
    closed: bool = False  # a later post on the channel settled it
    kept: bool = False


@dataclass
class PublicState:
    public_since: int | None = None
    pressure: float = 0.0
    goodwill: float = 0.0
    statements: int = 0
    last_public_post: int | None = None
    last_post_on: dict[str, int] = field(default_factory=dict)
    promises: list[PromisedUpdate] = field(default_factory=list)
    last_social_post: tuple[int, str, int] | None = None  # response id, text, time


class PublicWorld:
    """Social volume, sentiment and the press, ticking once a scenario minute."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.params = PublicParams.from_block(scenario.public or {})
        self.cadence = int(Targets.from_mapping(scenario.targets).update_cadence)

    @staticmethod
    def of(state) -> PublicState:
        return state.extra.setdefault("public", PublicState())

    # --- the fold --------------------------------------------------------------

    def apply(self, state, event: Event) -> None:
        public = self.of(state)
        data = event.data
        kind = event.kind
        if kind == "drill_started":
            self._schedule(state, ("public_tick", 1), TICK)
            if self.params.from_start:
                public.public_since = 0
        elif kind == "public_facing":
            public.public_since = event.at
        elif kind == "response_recorded" and self.scenario.channels[data["channel"]].is_public:
            channel = data["channel"]
            for promise in public.promises:
                if promise.channel == channel and not promise.closed and event.at > promise.made_at:
                    promise.closed = True
                    promise.kept = event.at <= promise.due_at + PROMISE_GRACE
            public.last_public_post = event.at
            public.last_post_on[channel] = event.at
            if _is_social(self.scenario, channel):
                public.last_social_post = (data["response_id"], data["text"], event.at)
        elif kind == "public_reaction":
            public.pressure, public.goodwill = data["pressure"], data["goodwill"]
            public.statements += 1
            for due_at in data["promises"]:
                public.promises.append(PromisedUpdate(data["response_id"], data["channel"], event.at, due_at))
            if data.get("contradiction"):
                self._schedule(state, ("public_follow_up", data["response_id"]), event.at + FOLLOW_UP_DELAY)
        elif kind == "public_tick":
            state.schedule.remove(("public_tick", data["minute"]))
            public.pressure, public.goodwill = data["pressure"], data["goodwill"]
            self._schedule(state, ("public_tick", data["minute"] + 1), (data["minute"] + 1) * TICK)
        elif kind == "public_story":
            state.schedule.remove(tuple(data["key"]))
            public.pressure = data["pressure"]
        elif kind == "ask_overdue" and self._is_press_ask(state, data["ask_id"]):
            self._schedule(state, ("public_story", data["ask_id"]), event.at + self.params.story_delay)
        elif kind == "ask_answered" and self._is_press_ask(state, data["ask_id"]):
            self._schedule(state, ("public_story", data["ask_id"]), event.at + ANSWERED_STORY_DELAY)

    def _schedule(self, state, key: tuple, time: int) -> None:
        if time < self.scenario.duration:
            state.schedule.add(key, time)

    def _is_press_ask(self, state, ask_id: str) -> bool:
        ask = state.asks.get(ask_id)
        if ask is None:
            return False
        delivered = _delivery(state, ask.inject_id)
        return delivered is not None and delivered.data["type"] == "press_call"

    # --- reactions to events -----------------------------------------------------

    def react(self, engine, event: Event) -> None:
        public = self.of(engine.state)
        if event.kind == "inject_delivered" and public.public_since is None and self._makes_public(event):
            engine.emit(event.at, "public_facing", {
                "inject_id": event.data["inject_id"],
                "cause": f"{event.data['type'].replace('_', ' ')} {event.data['inject_id']} made the incident public",
            })
        elif event.kind == "response_recorded" and self.scenario.channels[event.data["channel"]].is_public:
            engine.emit(event.at, "public_reaction", self._reaction(engine, event))

    def _makes_public(self, event: Event) -> bool:
        if self.params.public_from is not None:
            return event.data["inject_id"] in self.params.public_from
        return event.data["type"] in PUBLIC_FACING_TYPES

    def _reaction(self, engine, event: Event) -> dict[str, Any]:
        from drill.grading import grade_response  # scoring is imported only when someone speaks

        public = self.of(engine.state)
        data = event.data
        grade = grade_response(engine.scenario, engine.state, event)
        faults = [
            {"criterion": c.id, "reason": c.reason, "evidence": [e.text for e in c.evidence][:2]}
            for c in grade.criteria if c.id in FAULTS and c.passed is False
        ]
        sensitivity = self.params.sensitivity
        if faults:
            calm = 0.0
            pressure = public.pressure + model.FAULT_PENALTY * sensitivity * len(faults)
            goodwill = public.goodwill
            causes = [f"response {data['response_id']} {FAULTS[f['criterion']]}"
                      + (f" (“{f['evidence'][0]}”)" if f["evidence"] else "") for f in faults]
        else:
            calm = model.calm_for(grade.score, sensitivity)
            pressure = public.pressure * (1.0 - calm)
            goodwill = public.goodwill + model.GOODWILL_PER_STATEMENT * (calm / model.MAX_CALM)
            causes = [f"response {data['response_id']} on {data['channel']} was graded {grade.score:.0f}/100"
                      + (" and calmed the public" if calm > 0 else " and did little to reassure")]
        return {
            "response_id": data["response_id"],
            "channel": data["channel"],
            "score": grade.score,
            "faults": faults,
            "calm": round(calm, 4),
            "pressure": round(pressure, 4),
            "goodwill": round(goodwill, 4),
            "promises": [int(p.due_at) for p in grade.promises if p.due_at is not None],
            "contradiction": any(f["criterion"] == "consistency" for f in faults),
            "causes": causes,
        }

    # --- scheduled items ----------------------------------------------------------

    def fire(self, engine, key: tuple, time: int) -> bool:
        if key[0] == "public_tick":
            engine.emit(time, "public_tick", self._tick(engine, key[1], time))
        elif key[0] == "public_story":
            engine.emit(time, "public_story", self._press_story(engine, key, time))
        elif key[0] == "public_follow_up":
            engine.emit(time, "public_story", self._follow_up(engine, key, time))
        else:
            return False
        return True

    def _tick(self, engine, minute: int, time: int) -> dict[str, Any]:
        public = self.of(engine.state)
        params = self.params
        if public.public_since is None or time <= public.public_since:
            return {"minute": minute, "public": False, "pressure": public.pressure, "goodwill": public.goodwill,
                    "volume": 0.0, "sentiment": 0.0, "press_interest": 0.0, "posts": 0, "samples": [], "causes": []}
        growth, causes, asking = 0.0, [], 0.0
        if public.statements == 0:
            growth += params.growth
            causes.append(f"no public statement for {count_minutes(time - public.public_since)}")
        else:
            # Clocks the public holds the team to start only once it is watching.
            since_last = time - max(public.last_public_post or 0, public.public_since)
            if since_last > self.cadence:
                growth += model.STALE * params.growth
                asking += 0.5
                causes.append(f"no public update for {count_minutes(since_last)} "
                              f"(target: every {count_minutes(self.cadence)})")
            broken = [p for p in public.promises
                      if not p.closed and time > p.due_at + max(0, public.public_since - p.made_at) + PROMISE_GRACE]
            if broken:
                growth += model.BROKEN_PROMISE * params.growth
                asking += 1.0
                causes.append(f"response {broken[0].response_id} promised an update by "
                              f"{format_clock(broken[0].due_at)} on {broken[0].channel} and none came")
        pressure = public.pressure + growth
        volume = model.volume(params.baseline_volume, pressure)
        sentiment = model.sentiment(pressure, public.goodwill)
        count = int(round(volume))
        cause = causes[0] if causes else "talk about the incident"
        rng = random.Random(derived_seed(engine.seed, "public", minute))
        samples = sample_posts(rng, self._handles(engine.seed, minute, min(count, MAX_SAMPLES)), count, sentiment,
                               asking, params.templates, engine.state.org, (time - public.public_since) // 60,
                               cause, self._quote(public, time))
        return {
            "minute": minute,
            "public": True,
            "pressure": round(pressure, 4),
            "goodwill": public.goodwill,
            "volume": volume,
            "sentiment": sentiment,
            "press_interest": round(pressure / (pressure + 6.0), 3),
            "posts": count,
            "samples": samples,
            "causes": causes,
        }

    def _quote(self, public: PublicState, time: int) -> tuple[int, str] | None:
        """Quote the team's latest social post in the first reply, while it is fresh."""
        if public.last_social_post is None:
            return None
        response_id, text, posted_at = public.last_social_post
        return (response_id, text) if time - posted_at < 600 else None

    def _handles(self, seed: int, minute: int, count: int) -> list[str]:
        if count <= 0:
            return []
        faker = seeded_faker(derived_seed(seed, "public-handles", minute))
        return ["@" + faker.user_name() for _ in range(count)]

    def _press_story(self, engine, key: tuple, time: int) -> dict[str, Any]:
        state = engine.state
        public = self.of(state)
        ask = state.asks[key[1]]
        delivered = _delivery(state, ask.inject_id)
        outlet = _outlet(delivered.data["from"])
        org_name = str(state.org.get("name") or state.org.get("product") or "The company")
        answer = _response_text(state, ask.response_id)
        said_no_comment = bool(answer and _NO_COMMENT.search(answer))
        pressure = public.pressure
        if answer and not said_no_comment:
            kind, headline = "quoted", f"{org_name} responds to outage questions"
            text = quoted_story(outlet, org_name, answer)
            cause = f"response {ask.response_id} answered press call {ask.inject_id}"
        else:
            kind, headline = "declined", f"{org_name} silent as outage drags on"
            text = declined_story(outlet, org_name, time - (public.public_since or 0), said_no_comment)
            cause = (f"response {ask.response_id} said “no comment” to press call {ask.inject_id}" if said_no_comment
                     else f"press call {ask.inject_id} was not answered within {count_minutes(ask.within)}")
            pressure += model.STORY * self.params.sensitivity
        return {"key": list(key), "kind": kind, "ask_id": ask.ask_id, "outlet": outlet, "headline": headline,
                "text": text, "cause": cause, "pressure": round(pressure, 4)}

    def _follow_up(self, engine, key: tuple, time: int) -> dict[str, Any]:
        state = engine.state
        public = self.of(state)
        response_id = key[1]
        latest = _response(state, response_id)
        earlier = [r for r in state.responses if r.data["response_id"] < response_id
                   and self.scenario.channels[r.data["channel"]].is_public
                   and r.data["channel"] != latest.data["channel"]]
        previous = earlier[-1] if earlier else None
        org_name = str(state.org.get("name") or state.org.get("product") or "The company")
        first = _excerpt(previous.data["text"]) if previous else ""
        second = _excerpt(latest.data["text"])
        text = (f"On {previous.data['channel'].replace('_', ' ')} {org_name} said: “{first}” "
                if previous else f"{org_name} earlier said something different. ")
        text += f"Now, on {latest.data['channel'].replace('_', ' ')}: “{second}” Which is it?"
        pressure = public.pressure + model.STORY * self.params.sensitivity
        return {"key": list(key), "kind": "follow_up", "ask_id": None, "outlet": "a reporter",
                "headline": f"{org_name} gives conflicting accounts", "text": text,
                "cause": f"response {response_id} contradicted response {previous.data['response_id']}"
                         if previous else f"response {response_id} contradicted an earlier statement",
                "pressure": round(pressure, 4)}


def _is_social(scenario: Scenario, channel_id: str) -> bool:
    channel = scenario.channels[channel_id]
    return "social" in channel_id or (channel.max_chars is not None and channel.max_chars <= 280)


def _delivery(state, inject_id: str) -> Event | None:
    return state.first_delivery.get(inject_id)


def _response(state, response_id: int) -> Event:
    return state.responses[response_id - 1]


def _response_text(state, response_id: int | None) -> str | None:
    return None if response_id is None else _response(state, response_id).data["text"]


def _outlet(sender: str) -> str:
    """"Ana Diaz, Springfield Herald" -> "Springfield Herald"."""
    return sender.split(",", 1)[1].strip() if "," in sender else (sender or "a reporter")


def _excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
