"""A loaded, validated scenario: plain frozen dataclasses, no YAML left in them."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from drill.scenario.limits import MAX_SEED
from drill.scenario.problems import Problem
from scoring.frozen import frozen

INJECT_TYPES = (
    "alert",
    "chat",
    "email",
    "ticket",
    "press_call",
    "social_post",
    "exec_request",
    "fact_update",
    "note",
)
# How people name each inject type, in the report, the TUI and the ad-hoc form alike.
INJECT_TYPE_LABELS = {
    "alert": "Alert", "chat": "Chat", "email": "Email", "ticket": "Ticket", "press_call": "Press call",
    "social_post": "Social post", "exec_request": "Executive request", "fact_update": "Fact update", "note": "Note",
}
PHASES = ("investigating", "identified", "monitoring", "resolved")
AUDIENCES = ("public", "internal")
TARGET_NAMES = ("acknowledge", "first_public_update", "update_cadence")
FACILITATOR = "facilitator"


@frozen
class Role:
    """A part the players take in the drill (``roles:``): its id, name and brief."""

    id: str
    name: str
    brief: str = ""


@frozen
class Channel:
    """Where the team posts: a public or internal channel (``channels:``), with its length limit if any."""

    id: str
    audience: str
    name: str
    max_chars: int | None = None
    # Channels that count as this one for promises and cadence ("the status page or its mirror").
    equivalent: tuple[str, ...] = ()

    @property
    def is_public(self) -> bool:
        return self.audience == "public"

    @property
    def is_social(self) -> bool:
        """The scorer's rule (``scoring.types.ChannelInfo.is_social``), so composer, scorer and public agree."""
        from scoring.types import ChannelInfo

        return ChannelInfo(self.id, self.audience, self.max_chars, self.name).is_social


@frozen
class After:
    """Fire ``delay`` seconds after the first post on a channel, another inject's delivery or a choice;
    or (``kind`` "any") when the first of ``conditions`` is met."""

    kind: str  # "posted", "inject", "chose" (format 2) or "any" (format 2)
    ref: str  # a channel id, an inject id, or INJECT.OPTION; "" for "any"
    delay: int
    conditions: tuple["After", ...] = ()  # kind "any": each a posted, inject or chose condition

    @property
    def triggers(self) -> tuple["After", ...]:
        """The single conditions any of which fires the inject."""
        return self.conditions if self.kind == "any" else (self,)


@frozen
class Repeat:
    """An inject delivered ``count`` times, ``every`` seconds apart (``repeat:``)."""

    every: int
    count: int  # total deliveries, the first included
    until_posted: str | None = None  # a channel id: stop once the team posts there


@frozen
class Expectation:
    """An inject that asks for an answer from one of ``roles`` on one of ``channels``."""

    roles: tuple[str, ...]  # empty: any role
    channels: tuple[str, ...]  # empty: any channel
    within: int
    objective: str | None = None
    must: tuple[str, ...] = ()


QUESTION_GRADES = ("comms", "rubric", "none")


@frozen
class Question:
    """An answer slot on an inject (format 2): a response answers it with ``reply_to: INJECT.QUESTION``."""

    id: str
    text: str
    role: str | None = None  # None: any role may answer
    within: int | None = None  # None: no time limit
    grade: str | None = None  # comms, rubric or none; None: comms on a public channel, else none
    expect: tuple[str, ...] = ()  # rubric: the points a good answer covers

    def grade_on(self, public_channel: bool) -> str:
        """How an answer on a public (or internal) channel is graded."""
        if self.grade is not None:
            return self.grade
        return "comms" if public_channel else "none"


@frozen
class Option:
    """One choice of an inject's decision point (format 2)."""

    id: str
    text: str


@frozen
class Hint:
    """A nudge for the players on an inject (format 2), sent after a time or by the facilitator."""

    after: int | None  # seconds after the inject while its asks stay open; None: only when the facilitator sends it
    text: str


@frozen
class IfAsked:
    """What the facilitator answers if the players ask ``question`` (format 2)."""

    question: str
    answer: str


@frozen
class Rating:
    """One step of an objective's rating scale: what an evaluator records (``id``) and what it means."""

    id: str
    text: str


# HSEEP's Exercise Evaluation Guide scale: the one an objective is rated on unless the scenario names another.
HSEEP_SCALE = (
    Rating("P", "Performed without challenges"),
    Rating("S", "Performed with some challenges"),
    Rating("M", "Performed with major challenges"),
    Rating("U", "Unable to be performed"),
)


@frozen
class Finding:
    """An after-action finding the exercise was written to reveal, authored in advance (format 2's ``findings``).

    It is the author's expectation, not an observation: the report shows it apart from what the
    drill found, beside whether the injects that expose it were delivered.
    """

    title: str
    text: str = ""
    priority: str | None = None  # high, medium or low
    injects: tuple[str, ...] = ()  # the injects that expose it
    actions: tuple[str, ...] = ()  # corrective actions and procedures the author recommends


@frozen
class InjectGuide:
    """Format 2's facilitator layer of one inject (read by drill.scenario.guide); empty fields were not given."""

    title: str = ""
    severity: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    read_aloud: str = ""
    expected: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    success: tuple[str, ...] = ()
    hints: tuple[Hint, ...] = ()
    if_asked: tuple[IfAsked, ...] = ()
    attachments: tuple[str, ...] = ()  # paths relative to the scenario file's folder
    meta: dict[str, Any] = field(default_factory=dict)  # kept as written, never interpreted
    preflight: tuple[str, ...] = ()  # checks the facilitator makes before the session (a rig, an account)


@frozen
class Inject:
    """One message the drill delivers (to roles, or to the facilitator), at a time or after a condition."""

    id: str
    type: str
    sender: str  # the YAML key is `from`
    to: tuple[str, ...]  # role ids, or ("facilitator",)
    text: str
    at: int | None = None
    after: After | None = None
    unless_posted: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    repeat: Repeat | None = None
    texts: tuple[str, ...] = ()  # variants for repeats, used in turn
    expects: Expectation | None = None
    guide: InjectGuide | None = None  # format 2's facilitator layer: never shown to the players by itself
    questions: tuple[Question, ...] = ()
    options: tuple[Option, ...] = ()
    chooser: str | None = None  # the role that may pick an option (the facilitator always may)
    max_fires: int = 1  # how often its `after` conditions may fire it (a loop's bound)
    manual: bool = False  # `release: manual`: held in the facilitator's queue until released

    def question(self, question_id: str) -> Question | None:
        return next((question for question in self.questions if question.id == question_id), None)

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    def text_for(self, occurrence: int) -> str:
        """The template for the n-th delivery (1-based): variants in turn, else ``text``."""
        if self.texts:
            return self.texts[(occurrence - 1) % len(self.texts)]
        return self.text


@frozen
class Scenario:
    """A whole exercise: its roles, channels, injects and facts, and how the drill is graded."""

    id: str
    title: str
    summary: str
    duration: int
    roles: dict[str, Role]
    channels: dict[str, Channel]
    injects: tuple[Inject, ...]
    seed: int | None = None
    org: dict[str, str] = field(default_factory=dict)
    personas: dict[str, dict[str, str]] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)
    debrief: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    public: dict[str, Any] = field(default_factory=dict)
    # The fiction's wall time at T+0: "HH:MM" (UTC, on the drill's day) or a full ISO 8601 time.
    start: str | None = None
    # Objective id -> the channels its timing is measured on (its ``channel:`` key, else named in its text).
    objective_channels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = "<scenario>"
    format: int = 1
    guide: str = ""  # format 2: the facilitator's briefing for the whole exercise
    # Format 2's evaluation layer: each objective's evaluator criteria (HSEEP EEG style), the
    # scale an objective is rated on unless it names its own, and the objectives that do.
    objective_criteria: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rating_scale: tuple[Rating, ...] = HSEEP_SCALE
    objective_scales: dict[str, tuple[Rating, ...]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    tags: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)  # the exercise's own attributes, kept as written
    moves: int = 0  # format 2's `mode: moves`: how many numbered moves (0: the drill runs on a clock)

    @property
    def in_moves(self) -> bool:
        return self.moves > 0

    @property
    def mode(self) -> str:
        """``moves`` or ``clock``, as the scenario file says it."""
        return "moves" if self.in_moves else "clock"
    # What loads but is likely not what the author meant (`drill validate` prints them); not part of the scenario.
    warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)

    def ratings_for(self, objective: str | None) -> tuple[Rating, ...]:
        """The scale an evaluator rates ``objective`` on (the scenario's, unless the objective names one)."""
        return self.objective_scales.get(objective or "", self.rating_scale)

    def channel_group(self, channel_id: str) -> frozenset[str]:
        """``channel_id`` and the channels declared equivalent to it."""
        channel = self.channels.get(channel_id)
        return frozenset((channel_id, *(channel.equivalent if channel else ())))

    def inject(self, inject_id: str) -> Inject:
        return self._injects_by_id[inject_id]

    def find_inject(self, inject_id: str) -> Inject | None:
        """The inject of that id, or None (a reference from a file or a seat is not trusted)."""
        return self._injects_by_id.get(inject_id)

    def question(self, question_id: str) -> Question | None:
        """The question ``INJECT.QUESTION`` names, or None."""
        inject_id, _, slot = question_id.rpartition(".")
        inject = self.find_inject(inject_id)
        return inject.question(slot) if inject is not None else None

    def followers(self, kind: str, ref: str) -> tuple[tuple[Inject, int], ...]:
        """The injects an `after` condition starts, each with its delay: ``kind`` is posted, inject or
        chose, ``ref`` a channel, an inject id or INJECT.OPTION (``after: {any: [...]}`` lists each)."""
        index = self.__dict__.get("_followers")
        if index is None:
            index = {}
            for inject in self.injects:
                for trigger in inject.after.triggers if inject.after is not None else ():
                    index.setdefault((trigger.kind, trigger.ref), []).append((inject, trigger.delay))
            index = {key: tuple(value) for key, value in index.items()}
            object.__setattr__(self, "_followers", index)
        return index.get((kind, ref), ())

    def seed_for(self, requested: int | None) -> int:
        """The seed a drill of this scenario runs with: the one asked for, else the scenario's, else 0.

        A seed is stored as an SQLite integer, so it must be from 0 to 2**63 - 1
        (``drill.scenario.limits.parse_seed`` reads one from the command line).
        """
        seed = requested if requested is not None else (self.seed if self.seed is not None else 0)
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED:,}, got {seed!r}")
        return seed

    @property
    def _injects_by_id(self) -> dict[str, Inject]:
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = {inject.id: inject for inject in self.injects}
            object.__setattr__(self, "_by_id", cached)
        return cached
