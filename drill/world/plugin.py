"""The public as an engine plug-in: it reacts to the team's timing and words.

Every number it decides is written into its events (``public_facing``,
``public_reaction``, ``public_tick``, ``public_story``), and ``apply`` only
reads them back, so a drill rebuilt from its log has the same public without
grading or generating anything again. Each generated post or story carries the
cause that produced it: the response and its grade, the minutes since the last
post on the status channel, the promise that fell due, the missed press call,
the contradiction between channels.

The status channel is the one the scenario's cadence and first-public
objectives are measured on (with its equivalents), else every public channel:
only a post there refreshes the public's sense of being kept up to date. A
promise of a next update is kept only by a post on its channel or one
equivalent to it, as the scorer keeps it.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from drill.durations import count_minutes, format_clock
from drill.engine.events import Event
from drill.scenario.model import Channel, Scenario
from drill.scenario.start import wall_time
from drill.scenario.templates import derived_seed, seeded_faker
from drill.textsafe import printable
from scoring.drill_types import Targets
from drill.world import pressure as model
from drill.world.params import PUBLIC_FACING_TYPES, PublicParams
from drill.world.posts import Moment, OrgNames, Record, declined_story, excerpt, quoted_story, sample_posts
from drill.world.promises import PromiseBook, PromisedUpdate

TICK = 60
ANSWERED_STORY_DELAY = 300
FOLLOW_UP_DELAY = 300
MAX_SAMPLES = 3
STORY_ECHO = 600  # how long the public goes on about a published story
QUIET = 1.25  # a status channel this many cadences old has been quiet "for well over the cadence"
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
class PublicState:
    public_since: int | None = None
    public_via: str | None = None  # what made the incident public: "social post social-chatter"
    pressure: float = 0.0
    goodwill: float = 0.0
    statements: int = 0
    last_status_post: int | None = None  # the last post on a status channel
    promises: PromiseBook = field(default_factory=PromiseBook)
    public_posts: dict[str, list[int]] = field(default_factory=dict)  # public channel -> its response ids, in order
    last_social_post: tuple[int, str, int] | None = None  # response id, text, time
    last_reaction: dict[str, Any] | None = None  # response id, channel, cause of the latest public post
    last_status_reaction: dict[str, Any] | None = None  # the same, of the latest post on a status channel
    last_story: dict[str, Any] | None = None  # at, kind, outlet, headline, cause


def status_channels(scenario: Scenario) -> tuple[frozenset[str], bool]:
    """The channels the public watches for updates, and whether the scenario names them.

    They are the channels of the objectives about the cadence or the first public
    update (with their equivalents); without such objectives, every public channel.
    """
    public = frozenset(cid for cid, channel in scenario.channels.items() if channel.is_public)
    named: set[str] = set()
    for objective, channels in scenario.objective_channels.items():
        if any(word in objective.lower() for word in ("cadence", "first", "public")):
            for channel_id in channels:
                named |= scenario.channel_group(channel_id)
    chosen = frozenset(named) & public
    return (chosen, True) if chosen else (public, False)


def channel_phrase(channel: Channel) -> str:
    """How a sentence names a channel: "the status page", "social"."""
    name = re.sub(r"\s*\(.*?\)\s*$", "", printable(channel.name)).strip() or channel.id.replace("_", " ")
    if name[:1].isupper() and not name[1:2].isupper():
        name = name[0].lower() + name[1:]
    return f"the {name}" if " " in name else name


class PublicWorld:
    """Social volume, sentiment and the press, ticking once a scenario minute."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.params = PublicParams.from_block(scenario.public or {})
        self.cadence = int(Targets.from_mapping(scenario.targets).update_cadence)
        self.status, named = status_channels(scenario)
        first = next((scenario.channels[cid] for cid in scenario.channels if cid in self.status), None)
        self.status_phrase = channel_phrase(first) if named and first else "their official channels"

    @staticmethod
    def of(state) -> PublicState:
        public = state.extra.get("public")
        if public is None:
            public = state.extra["public"] = PublicState()
        return public

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
            public.public_via = (f"{data['type'].replace('_', ' ')} {data['inject_id']}" if data.get("type")
                                 else str(data.get("cause", "")).removesuffix(" made the incident public") or None)
        elif kind == "response_recorded" and self.scenario.channels[data["channel"]].is_public:
            channel = data["channel"]
            public.promises.settle(self.scenario.channel_group(channel), event.at)
            public.public_posts.setdefault(channel, []).append(data["response_id"])
            if channel in self.status:
                public.last_status_post = event.at
            if self.scenario.channels[channel].is_social:
                public.last_social_post = (data["response_id"], data["text"], event.at)
        elif kind == "public_reaction":
            public.pressure, public.goodwill = data["pressure"], data["goodwill"]
            public.statements += 1
            for due_at in data["promises"]:
                public.promises.add(PromisedUpdate(data["response_id"], data["channel"], event.at, due_at))
            reaction = {"response_id": data["response_id"], "channel": data["channel"],
                        "cause": "; ".join(data["causes"]), "calmed": data["calm"] > 0}
            public.last_reaction = reaction
            if data["channel"] in self.status:
                public.last_status_reaction = reaction
            if data.get("contradiction"):
                self._schedule(state, ("public_follow_up", data["response_id"]), event.at + FOLLOW_UP_DELAY)
        elif kind == "public_tick":
            state.schedule.remove(("public_tick", data["minute"]))
            public.pressure, public.goodwill = data["pressure"], data["goodwill"]
            self._schedule(state, ("public_tick", data["minute"] + 1), (data["minute"] + 1) * TICK)
        elif kind == "public_story":
            state.schedule.remove(tuple(data["key"]))
            public.pressure = data["pressure"]
            public.last_story = {"at": event.at, "kind": data["kind"], "outlet": data["outlet"],
                                 "headline": data["headline"], "cause": data["cause"]}
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
                "type": event.data["type"],
                "cause": f"{event.data['type'].replace('_', ' ')} {event.data['inject_id']} made the incident public",
            })
        elif event.kind == "response_graded":
            response = _response(engine.state, event.data["response_id"])
            if self.scenario.channels[response.data["channel"]].is_public:
                engine.emit(event.at, "public_reaction", self._reaction(engine, response, event.data["grade"]))

    def _makes_public(self, event: Event) -> bool:
        if self.params.public_from is not None:
            return event.data["inject_id"] in self.params.public_from
        return event.data["type"] in PUBLIC_FACING_TYPES

    def _reaction(self, engine, event: Event, grade: dict[str, Any]) -> dict[str, Any]:
        """How the public takes a response, from the grade the log recorded for it."""
        public = self.of(engine.state)
        data = event.data
        faults = [
            {"criterion": c["id"], "reason": c["reason"], "evidence": [e["text"] for e in c["evidence"]][:2]}
            for c in grade["criteria"] if c["id"] in FAULTS and c["passed"] is False
        ]
        sensitivity = self.params.sensitivity
        where = f"response {data['response_id']} on {self._on(data['channel'])}"
        if faults:
            calm = 0.0
            pressure = public.pressure + model.FAULT_PENALTY * sensitivity * len(faults)
            goodwill = public.goodwill
            causes = [f"{where} {FAULTS[f['criterion']]}" + (f" (“{f['evidence'][0]}”)" if f["evidence"] else "")
                      for f in faults]
        else:
            calm = model.calm_for(grade["score"], sensitivity)
            pressure = public.pressure * (1.0 - calm)
            goodwill = model.earn_goodwill(public.goodwill, calm)
            causes = [f"{where}, graded {grade['score']:.0f}/100, "
                      + ("calmed the public" if calm > 0 else "did little to reassure")]
        return {
            "response_id": data["response_id"],
            "channel": data["channel"],
            "score": grade["score"],
            "faults": faults,
            "calm": round(calm, 4),
            "pressure": round(pressure, 4),
            "goodwill": round(goodwill, 4),
            "promises": [int(p["due_at"]) for p in grade["promises"] if p["due_at"] is not None],
            "contradiction": any(f["criterion"] == "consistency" for f in faults),
            "causes": causes,
        }

    def _on(self, channel_id: str) -> str:
        channel = self.scenario.channels.get(channel_id)
        return channel_phrase(channel) if channel else channel_id

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
        growth, moment = self._moment(engine.state, time)
        pressure = public.pressure + growth
        volume = model.volume(params.baseline_volume, pressure)
        sentiment = model.sentiment(pressure, public.goodwill)
        count = int(round(volume))
        rng = random.Random(derived_seed(engine.seed, "public", minute))
        handles = self._handles(engine.seed, minute, min(count, MAX_SAMPLES), OrgNames.of(engine.state.org).handle)
        samples = sample_posts(rng, handles, count, sentiment, params.templates, engine.state.org, moment,
                               self._quote(public, time))
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
            "causes": list(moment.order),
        }

    def _moment(self, state, time: int) -> tuple[float, Moment]:
        """This minute's growth in pressure, and what the public can truthfully say and why.

        The causes run strongest first: what adds pressure this minute (silence, an
        overdue promise, a stale status channel), a damaging story, the latest public
        post, then what the public sees without being moved by it.
        """
        public = self.of(state)
        growth = self.params.growth
        since_public = time - public.public_since
        # Clocks the public holds the team to start only once it is watching.
        status_clock = max(public.last_status_post if public.last_status_post is not None else 0,
                           public.public_since)
        since_status = time - status_clock
        needs: dict[str, str] = {}
        pressing: list[str] = []  # causes that add pressure this minute
        seen: list[str] = []  # causes the public sees that add none
        added, asking, late = 0.0, 0.0, 0
        if public.statements == 0:
            added += growth
            cause = f"no public statement for {count_minutes(since_public)} since {self._became_public(state)}"
            needs["silent"] = needs["no_status"] = cause
            pressing.append(cause)
        else:
            # A promise is public the moment it is posted: it falls due when it says, whoever was watching.
            broken = public.promises.first_broken(time)
            if broken is not None:
                added += model.BROKEN_PROMISE * growth
                asking += 1.0
                late = time - broken.due_at
                needs["overdue"] = (f"response {broken.response_id} promised an update by "
                                    f"{self._when(state, broken.due_at)} on {self._on(broken.channel)} "
                                    "and none came")
                pressing.append(needs["overdue"])
            target = f"(target: every {count_minutes(self.cadence)})"
            if since_status > self.cadence:
                added += model.STALE * growth
                asking += 0.5
                if public.last_status_post is None:
                    needs["no_status"] = (f"nothing on {self.status_phrase} in the {count_minutes(since_public)} "
                                          f"since the incident became public {target}")
                else:
                    # The public's patience runs from when it started watching; the words say the true gap.
                    silent_for = time - public.last_status_post
                    needs["stale"] = (f"no post on {self.status_phrase} for {count_minutes(silent_for)}, since "
                                      f"{self._when(state, public.last_status_post)} {target}")
                    if since_status > QUIET * self.cadence:
                        needs["quiet"] = needs["stale"]
                pressing.append(needs.get("stale") or needs["no_status"])
            elif public.last_status_post is None:
                needs["no_status"] = (f"nothing on {self.status_phrase} yet, {count_minutes(since_public)} after "
                                      "the incident became public")
                seen.append(needs["no_status"])
            if (public.last_status_post is not None and time - public.last_status_post <= self.cadence
                    and broken is None and public.last_status_reaction and public.last_status_reaction["calmed"]):
                needs["fresh"] = public.last_status_reaction["cause"]
        causes = list(pressing)
        story = public.last_story
        if story is not None and time - story["at"] <= STORY_ECHO:
            story_cause = (f"{story['outlet']} ran “{story['headline']}” at {format_clock(story['at'])}: "
                           f"{story['cause']}")
            if story["kind"] in ("declined", "follow_up"):
                needs["press_silent" if story["kind"] == "declined" else "contradiction"] = story_cause
                causes.append(story_cause)
            else:
                seen.append(story_cause)
        if public.last_reaction is not None:
            causes.append(public.last_reaction["cause"])
        causes += seen
        if not causes:
            causes.append(self._became_public(state))
        needs["any"] = causes[0]
        if "fresh" in needs:
            causes.append(needs["fresh"])
        moment = Moment(causes=needs, order=tuple(dict.fromkeys(causes)), minutes=since_public // 60,
                        quiet=since_status // 60, late=late // 60, status=self.status_phrase,
                        outlet=story["outlet"] if story else "the press", asking=asking)
        return added, moment

    def _became_public(self, state) -> str:
        """"the incident became public at T+08:00 via social post social-chatter"."""
        public = self.of(state)
        via = f" via {public.public_via}" if public.public_via else ""
        return f"the incident became public at {format_clock(public.public_since or 0)}{via}"

    def _when(self, state, seconds: int) -> str:
        """"14:40 UTC (T+40:00)" when the drill has a start time, else "T+40:00"."""
        clock = wall_time(state.start_time, seconds)
        return f"{clock} ({format_clock(seconds)})" if clock else format_clock(seconds)

    def _quote(self, public: PublicState, time: int) -> tuple[int, str] | None:
        """Quote the team's latest social post in the first reply, while it is fresh."""
        if public.last_social_post is None:
            return None
        response_id, text, posted_at = public.last_social_post
        return (response_id, text) if time - posted_at < 600 else None

    def _handles(self, seed: int, minute: int, count: int, org_handle: str) -> list[str]:
        """Members of the public: Faker names them, and none of them is the organisation."""
        if count <= 0:
            return []
        faker = seeded_faker(derived_seed(seed, "public-handles", minute))
        handles = ["@" + faker.user_name() for _ in range(count)]
        return [handle if handle.lower() != org_handle.lower() else handle + "_" for handle in handles]

    def _press_story(self, engine, key: tuple, time: int) -> dict[str, Any]:
        state = engine.state
        public = self.of(state)
        ask = state.asks[key[1]]
        delivered = _delivery(state, ask.inject_id)
        outlet = _outlet(delivered.data["from"])
        names = OrgNames.of(state.org)
        answer = _response_text(state, ask.response_id)
        said_no_comment = bool(answer and _NO_COMMENT.search(answer))
        pressure = public.pressure
        if answer and not said_no_comment:
            kind, headline = "quoted", f"{names.product} responds to outage questions"
            text = quoted_story(outlet, names, answer)
            cause = f"response {ask.response_id} answered press call {ask.inject_id}"
        else:
            silent = public.statements == 0
            headline = (f"{names.product} silent as outage drags on" if silent
                        else f"{names.product} declines to comment on outage" if said_no_comment
                        else f"{names.product} does not answer press questions on outage")
            record = Record(public.statements, time - (public.public_since or 0), self.status_phrase,
                            None if public.last_status_post is None else time - public.last_status_post)
            kind, text = "declined", declined_story(outlet, names, record, said_no_comment)
            cause = (f"response {ask.response_id} said “no comment” to press call {ask.inject_id}"
                     if said_no_comment else
                     f"press call {ask.inject_id} was not answered within {count_minutes(ask.within)}")
            pressure += model.STORY * self.params.sensitivity
        return {"key": list(key), "kind": kind, "ask_id": ask.ask_id, "outlet": outlet, "headline": headline,
                "text": text, "cause": cause, "pressure": round(pressure, 4)}

    def _follow_up(self, engine, key: tuple, time: int) -> dict[str, Any]:
        state = engine.state
        public = self.of(state)
        response_id = key[1]
        latest = _response(state, response_id)
        previous = self._previous_elsewhere(state, response_id, self.scenario.channel_group(latest.data["channel"]))
        product = OrgNames.of(state.org).product
        now_on = self._on(latest.data["channel"])
        second = f"Now, on {now_on}: “{excerpt(latest.data['text'], 160)}” Which is it?"
        if previous is not None:
            then_on = self._on(previous.data["channel"])
            text = f"On {then_on}, {product} said: “{excerpt(previous.data['text'], 160)}” {second}"
            cause = (f"response {response_id} on {now_on} contradicted "
                     f"response {previous.data['response_id']} on {then_on}")
        else:
            text = f"{product} earlier said something different. {second}"
            cause = f"response {response_id} on {now_on} contradicted an earlier statement"
        pressure = public.pressure + model.STORY * self.params.sensitivity
        return {"key": list(key), "kind": "follow_up", "ask_id": None, "outlet": "a reporter",
                "headline": f"{product} gives conflicting accounts", "text": text, "cause": cause,
                "pressure": round(pressure, 4)}

    def _previous_elsewhere(self, state, response_id: int, group: frozenset[str]) -> Event | None:
        """The latest public response before ``response_id`` on a channel outside ``group``."""
        latest = 0
        for channel, ids in self.of(state).public_posts.items():
            if channel not in group:
                before = bisect_left(ids, response_id)
                if before:
                    latest = max(latest, ids[before - 1])
        return _response(state, latest) if latest else None


def _delivery(state, inject_id: str) -> Event | None:
    return state.first_delivery.get(inject_id)


def _response(state, response_id: int) -> Event:
    return state.responses[response_id - 1]


def _response_text(state, response_id: int | None) -> str | None:
    return None if response_id is None else _response(state, response_id).data["text"]


def _outlet(sender: str) -> str:
    """"Ana Diaz, Springfield Herald" -> "Springfield Herald"."""
    return sender.split(",", 1)[1].strip() if "," in sender else (sender or "a reporter")
