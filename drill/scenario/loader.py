"""Scenario formats 1 and 2: from YAML text to a validated ``Scenario``.

Format 2 is format 1 plus the facilitator layer (``drill.scenario.guide``): a v1 file
loads unchanged, and a format 2 key in a v1 file says which format it needs.

Every problem is collected and reported as ``file:line:col: message`` (the
line of the offending key or value); nothing is raised before the whole file
has been checked, except YAML syntax errors, which stop parsing. The limits of
the format (``drill.scenario.limits``) are checked here too, so a scenario that
loads can be played to its end.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drill.durations import format_duration, format_minutes, parse_duration
from drill.scenario import templates
from drill.scenario.facts import FACT_TYPES
from drill.scenario.flow import FLOW_KEYS, read_flow
from drill.scenario.graphs import follow_links
from drill.scenario.evaluation import read_criteria, read_findings, read_rating_scale
from drill.scenario.guide import GUIDE_KEYS, read_guide, read_meta, read_scenario_guide, texts as text_list
from drill.scenario.limits import (
    MAX_ASK_CHANNELS,
    MAX_ASK_ROLES,
    MAX_ASKS,
    MAX_CHANNELS,
    MAX_DEBRIEF_QUESTIONS,
    MAX_DELIVERED_CHARS,
    MAX_DELIVERIES,
    MAX_DURATION,
    MAX_FACTS_CHARS,
    MAX_ID_CHARS,
    MAX_INJECTS,
    MAX_NAME_CHARS,
    MAX_MOVES,
    MAX_OBJECTIVES,
    MAX_POST_CHARS,
    MAX_POST_TEMPLATES,
    MAX_REPEAT,
    MAX_ROLES,
    MAX_SEED,
    MAX_TEXT_CHARS,
    MAX_WEIGHT,
    MOVE_SECONDS,
    move_start,
    shorten,
)
from drill.scenario.model import (
    AUDIENCES,
    FACILITATOR,
    HSEEP_SCALE,
    INJECT_TYPES,
    TARGET_NAMES,
    After,
    Channel,
    Expectation,
    Inject,
    Repeat,
    Role,
    Scenario,
)
from drill.scenario.problems import Problem, ScenarioError
from drill.scenario.public import MOODS, NUMBER_KEYS, NUMBER_RANGE, PUBLIC_KEYS, post_size
from drill.scenario.start import parse_start
from drill.scenario.yamlnodes import at, parse_yaml, plain_value
from scoring.criteria import QUALITY_CRITERIA
from scoring.drill_weights import check_weights

FORMAT_VERSION = 2  # the newest format read (and written by `drill upgrade`)
FORMATS = (1, 2)
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
_MINUTES_SECONDS = re.compile(r"\d{1,2}:\d\d")  # "1:30": 1 minute 30 seconds, though it looks like 1h30

TOP_KEYS = {
    "format", "id", "title", "summary", "duration", "seed", "org", "personas", "roles",
    "channels", "facts", "objectives", "targets", "injects", "debrief", "scoring", "public", "start",
}
TOP_KEYS_V2 = {"guide", "mode", "moves", "rating_scale", "findings", "tags", "meta"}
REQUIRED_TOP = ("format", "id", "duration", "roles", "channels", "injects")



INJECT_KEYS = {"id", "at", "after", "unless", "type", "from", "to", "text", "texts", "facts", "repeat", "expects"}
EXPECT_KEYS = {"role", "channel", "within", "objective", "must"}


def load_scenario(text: str | bytes, source: str = "<scenario>",
                  attachment_exists: Callable[[str], bool] | None = None) -> Scenario:
    """Parse and validate a scenario; raise ScenarioError listing every problem.

    ``attachment_exists`` (given by `drill validate`, which may read the disk) says whether a file an
    inject attaches is there; without it attachments are checked as paths only, so a stored drill
    reopens even if its files have moved.
    """
    root = parse_yaml(text, source)
    reader = _ScenarioReader(source)
    reader.attachment_exists = attachment_exists
    return reader.read(root)


class _Reader:
    """Typed access to YAML nodes that records problems instead of raising."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.minutes_seconds: list[tuple[Node, str, str]] = []  # times written "1:30", read as minutes:seconds

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(at(node, self.source, message))

    def warn(self, node: Node, message: str) -> None:
        """Something that loads but is likely not what the author meant; never stops a drill."""
        self.warnings.append(at(node, self.source, f"warning: {message}"))

    def mapping(self, node: Node, what: str) -> dict[str, tuple[Node, Node]]:
        """Keys to (key node, value node); reports duplicates and non-mappings."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return {}
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, f"keys in {what} must be plain text")
                continue
            key = key_node.value
            if key in entries:
                self.problem(key_node, f"duplicate key {key!r} in {what}")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def only_keys(self, entries: dict[str, tuple[Node, Node]], allowed: set[str], what: str) -> None:
        for key, (key_node, _) in entries.items():
            if key not in allowed:
                hint = _closest(key, allowed)
                self.problem(key_node, f"unknown key {key!r} in {what}" + (f" (did you mean {hint!r}?)" if hint else ""))

    def text(self, node: Node, what: str, max_chars: int = MAX_TEXT_CHARS) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text")
            return None
        if len(node.value) > max_chars:
            self.problem(node, f"{what} is longer than {max_chars:,} characters ({len(node.value):,})")
            return None
        return node.value

    def identifier(self, node: Node, what: str, pattern: re.Pattern = ID_PATTERN) -> str | None:
        value = self.text(node, what, MAX_ID_CHARS)
        if value is not None and not pattern.fullmatch(value):
            allowed = "a-z, 0-9 and '-'" if pattern is ID_PATTERN else "letters, digits, '_' and '-'"
            self.problem(node, f"{what} {shorten(value)!r} may only use {allowed}")
            return None
        return value

    def integer(self, node: Node, what: str, minimum: int = 0, maximum: int | None = None) -> int | None:
        value = self.text(node, what)
        if value is None:
            return None
        digits = value.strip().replace("_", "")
        if not digits.lstrip("+-").isdigit() or len(digits) > 30:
            self.problem(node, f"{what} must be a whole number, got {shorten(value)!r}")
            return None
        number = int(digits)
        if number < minimum:
            self.problem(node, f"{what} must be at least {minimum}")
            return None
        if maximum is not None and number > maximum:
            self.problem(node, f"{what} may be at most {maximum:,}")
            return None
        return number

    def duration(self, node: Node, what: str) -> int | None:
        """A time in whole seconds; no time in a scenario is longer than the longest drill."""
        value = self.text(node, what)
        if value is None:
            return None
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            self.problem(node, f"{what}: {error}")
            return None
        if _MINUTES_SECONDS.fullmatch(value.strip()):
            self.minutes_seconds.append((node, what, value.strip()))
        if seconds > MAX_DURATION:
            self.problem(node, f"{what} may be at most {format_duration(MAX_DURATION)} "
                               f"(the longest drill), got {format_duration(seconds)}")
            return None
        return seconds

    def id_list(self, node: Node, what: str, known: set[str] | dict, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A single id or a list of ids, each checked against ``known``."""
        items = node.value if isinstance(node, SequenceNode) else [node]
        result = []
        for item in items:
            value = self.text(item, what, MAX_ID_CHARS)
            if value is None:
                continue
            if value not in known and value not in extra:
                choices = ", ".join(sorted([*known, *extra])) or "none defined"
                self.problem(item, f"unknown {what} {value!r} (known: {shorten(choices, 400)})")
                continue
            if value not in result:
                result.append(value)
        return tuple(result)


class _ScenarioReader(_Reader):
    def __init__(self, source: str):
        super().__init__(source)
        self.refused_facts: set[str] = set()
        self.format = 1  # until the file's `format` says otherwise
        self.moves = 0  # format 2's `mode: moves`: how many moves
        self.attachment_exists: Callable[[str], bool] | None = None
        # Injects with problems, kept for their timing only: every problem is reported in one pass,
        # a follower that could never fire included, not after the others are fixed.
        self.timing_only: list[tuple[Inject, Node]] = []
        # Format 2: `after: {chose: INJECT.OPTION}` references, checked once every inject's options are read.
        self.chose_refs: list[tuple[str, Node]] = []
        self.objective_criteria: dict[str, tuple[str, ...]] = {}
        self.objective_scales: dict[str, tuple] = {}
        self.options_of: dict[str, set[str]] = {}
        self.questions_of: dict[str, tuple] = {}

    def read(self, root: Node | None) -> Scenario:
        if root is None:
            raise ScenarioError([Problem(self.source, 1, 1, "the file is empty; a scenario needs format, id, duration, roles, channels and injects")])
        top = self.mapping(root, "the scenario")
        if not isinstance(root, MappingNode):
            raise ScenarioError(self.problems)
        if "responses" in top and "format" not in top:
            raise ScenarioError([at(top["responses"][0], self.source,
                                    "this is a responses file, not a scenario: pass it with --responses")])
        def value(key: str) -> Node | None:
            return top[key][1] if key in top else None

        if value("format") is not None:
            version = self.text(value("format"), "format")
            if version is not None and version.strip() in {str(known) for known in FORMATS}:
                self.format = int(version)
            elif version is not None:
                self.problem(value("format"), f"unsupported format {version!r}; this version of drill reads "
                                              f"formats {' and '.join(str(known) for known in FORMATS)}")
        self.keys_of_format(top, TOP_KEYS, TOP_KEYS_V2, "the scenario")
        self.moves = self._moves(top) if self.format >= 2 else 0
        for key in REQUIRED_TOP:
            if key not in top and not (key == "duration" and self.moves):
                self.problem(root, f"missing required key {key!r}")
        scenario_id = self.identifier(value("id"), "id") if value("id") is not None else None
        title = self.text(value("title"), "title", MAX_NAME_CHARS) if value("title") is not None else None
        summary = self.text(value("summary"), "summary") if value("summary") is not None else ""
        duration = self.duration(value("duration"), "duration") if value("duration") is not None else None
        if self.moves:
            if value("duration") is not None:
                self.problem(top["duration"][0], "a drill of moves has no duration: `moves: N` says how long it is")
            duration = self.moves * MOVE_SECONDS
        if duration == 0:
            self.problem(value("duration"), "duration must be longer than zero")
            duration = None
        seed = self.integer(value("seed"), "seed (a 64-bit integer)", maximum=MAX_SEED) if value("seed") is not None else None
        start = self._start(value("start")) if value("start") is not None else None
        org = self._free_strings(value("org"), "org")
        personas = self._personas(value("personas"))
        roles = self._roles(value("roles"))
        channels = self._channels(value("channels"))
        facts = self._facts(value("facts"), "facts")
        objectives, objective_channels = self._objectives(value("objectives"), channels)
        targets = self._targets(value("targets"))
        weights = self._scoring(value("scoring"))
        public = self._public(value("public")) if value("public") is not None else {}
        debrief = self._debrief(value("debrief"))
        guide = read_scenario_guide(self, value("guide"))
        rating_scale = read_rating_scale(self, value("rating_scale"), "the scenario's") if value("rating_scale") is not None else None
        tags = text_list(self, value("tags"), "tags", MAX_NAME_CHARS)
        meta = read_meta(self, value("meta"), "the scenario's")
        injects = self._injects(value("injects"), roles, channels, objectives) if value("injects") is not None else []
        if value("public") is not None:
            self._check_public_sources(value("public"), {inject.id for inject, _ in injects})
        self._check_choices()
        findings = read_findings(self, value("findings"), {inject.id for inject, _ in injects})

        known_facts = set(facts) | {key for inject, _ in injects for key in inject.facts} | self.refused_facts
        self._check_templates(injects, org, personas, known_facts)
        if value("summary") is not None:
            for message in templates.check(summary or "", org, personas, known_facts):
                self.problem(value("summary"), f"summary: {message}")
        self._check_values(value("org"), value("personas"), org, personas)
        sizes = self._check_sizes(value, org, personas, facts, injects, duration or MAX_DURATION)
        self._check_totals(value("injects"), injects, sizes)
        timed = sorted(injects + self.timing_only, key=lambda pair: pair[1].start_mark.index)
        parents = self._check_cycles(timed)
        if duration is not None:
            self._check_timing(timed, duration, parents)
        if duration is not None and duration > 3600:
            self._warn_minutes_seconds()
        if self.problems:
            raise ScenarioError(self.problems)
        return Scenario(
            id=scenario_id or "",
            title=title or scenario_id or "",
            summary=summary or "",
            duration=duration or 0,
            roles=roles,
            channels=channels,
            injects=tuple(inject for inject, _ in injects),
            seed=seed,
            org=org,
            personas=personas,
            facts=facts,
            objectives=objectives,
            targets=targets,
            debrief=debrief,
            weights=weights,
            public=public,
            start=start,
            objective_channels=objective_channels,
            source=self.source,
            format=self.format,
            guide=guide,
            moves=self.moves,
            objective_criteria=self.objective_criteria,
            rating_scale=rating_scale or HSEEP_SCALE,
            objective_scales=self.objective_scales,
            findings=findings,
            tags=tags,
            meta=meta,
            warnings=tuple(sorted(self.warnings)),
        )

    def _moves(self, top: dict) -> int:
        """``mode: moves`` with ``moves: N``: the number of moves, else 0 (a drill on a clock)."""
        mode_node = top["mode"][1] if "mode" in top else None
        mode = self.text(mode_node, "mode") if mode_node is not None else None
        if mode is not None and mode not in ("moves", "clock"):
            self.problem(mode_node, f"mode is 'moves' or 'clock' (the default), not {mode!r}")
            return 0
        if mode != "moves":
            if "moves" in top:
                self.problem(top["moves"][0], "moves: N needs `mode: moves`")
            return 0
        if "moves" not in top:
            self.problem(top["mode"][0], "mode: moves needs `moves: N`, how many moves the drill has")
            return 0
        return self.integer(top["moves"][1], "moves", minimum=1, maximum=MAX_MOVES) or 0

    def _warn_minutes_seconds(self) -> None:
        """In a drill over an hour, "1:30" is more likely an hour and a half than the 90 seconds it reads as."""
        for node, what, value in self.minutes_seconds:
            minutes, seconds = value.split(":")
            self.warn(node, f"{what} {value!r} is read as {int(minutes)} minute{'s' if int(minutes) != 1 else ''} "
                            f"{int(seconds)} seconds; write {int(minutes)}h{seconds}m or "
                            f"{int(minutes) * 60 + int(seconds)}m if you meant hours and minutes, "
                            f"or {int(minutes)}m{seconds}s to keep it")

    def keys_of_format(self, entries: dict[str, tuple[Node, Node]], keys: set[str], keys_v2: set[str] | frozenset,
                       what: str) -> None:
        """Only ``keys``, and ``keys_v2`` in a format 2 file; a format 2 key in a v1 file says so."""
        if self.format >= 2:
            self.only_keys(entries, keys | keys_v2, what)
            return
        self.only_keys({key: entry for key, entry in entries.items() if key not in keys_v2}, keys, what)
        for key in keys_v2 & entries.keys():
            self.problem(entries[key][0], f"{key!r} in {what} is a format 2 key, and this file says format 1 "
                                          "(`drill upgrade FILE` rewrites it as format 2)")

    # --- blocks ---------------------------------------------------------------

    def _free_strings(self, node: Node | None, what: str) -> dict[str, str]:
        if node is None:
            return {}
        result = {}
        for key, (key_node, value_node) in self.mapping(node, what).items():
            if self.identifier(key_node, f"{what} key", KEY_PATTERN) is None:
                continue
            text = self.text(value_node, f"{what}.{key}")
            if text is not None:
                result[key] = text
        return result

    def _personas(self, node: Node | None) -> dict[str, dict[str, str]]:
        if node is None:
            return {}
        return {
            name: self._free_strings(fields, f"persona {name}")
            for name, (key_node, fields) in self.mapping(node, "personas").items()
            if self.identifier(key_node, "persona name", KEY_PATTERN) is not None
        }

    def _roles(self, node: Node | None) -> dict[str, Role]:
        if node is None:
            return {}
        roles = {}
        entries = self.mapping(node, "roles")
        if isinstance(node, MappingNode) and not entries:
            self.problem(node, "roles must define at least one role")
        if len(entries) > MAX_ROLES:
            self.problem(node, f"more than {MAX_ROLES} roles ({len(entries):,})")
            return {}
        for role_id, (key_node, body) in entries.items():
            if self.identifier(key_node, "role id", KEY_PATTERN) is None:
                continue
            if role_id == FACILITATOR:
                self.problem(key_node, "'facilitator' is reserved for facilitator-only injects")
                continue
            fields = self.mapping(body, f"role {role_id}")
            self.only_keys(fields, {"name", "brief"}, f"role {role_id}")
            name = self.text(fields["name"][1], "role name", MAX_NAME_CHARS) if "name" in fields else None
            if "name" not in fields:
                self.problem(body, f"role {role_id} needs a name")
            brief = self.text(fields["brief"][1], "role brief") if "brief" in fields else ""
            roles[role_id] = Role(role_id, name or role_id, brief or "")
        return roles

    def _channels(self, node: Node | None) -> dict[str, Channel]:
        if node is None:
            return {}
        channels = {}
        entries = self.mapping(node, "channels")
        if isinstance(node, MappingNode) and not entries:
            self.problem(node, "channels must define at least one channel")
        if len(entries) > MAX_CHANNELS:
            self.problem(node, f"more than {MAX_CHANNELS} channels ({len(entries):,})")
            return {}
        for channel_id, (key_node, body) in entries.items():
            if self.identifier(key_node, "channel id", KEY_PATTERN) is None:
                continue
            fields = self.mapping(body, f"channel {channel_id}")
            self.only_keys(fields, {"audience", "max_chars", "name", "equivalent"}, f"channel {channel_id}")
            audience = None
            if "audience" not in fields:
                self.problem(body, f"channel {channel_id} needs an audience (public or internal)")
            else:
                audience = self.text(fields["audience"][1], "audience")
                if audience is not None and audience not in AUDIENCES:
                    self.problem(fields["audience"][1], f"audience must be public or internal, got {audience!r}")
                    audience = None
            max_chars = self.integer(fields["max_chars"][1], "max_chars", minimum=1) if "max_chars" in fields else None
            name = self.text(fields["name"][1], "channel name", MAX_NAME_CHARS) if "name" in fields else None
            channels[channel_id] = Channel(channel_id, audience or "internal", name or channel_id.replace("_", " "), max_chars)
        return self._equivalents(entries, channels)

    def _equivalents(self, entries: dict[str, tuple[Node, Node]], channels: dict[str, Channel]) -> dict[str, Channel]:
        """``equivalent: [other]`` on a channel makes the two (and their equivalents) one group, both ways."""
        groups = {channel_id: {channel_id} for channel_id in channels}
        for channel_id, (_, body) in entries.items():
            field_node = _value_node(body, "equivalent")
            if field_node is None or channel_id not in channels:
                continue
            for other in self.id_list(field_node, "channel", channels):
                if other == channel_id:
                    self.problem(field_node, f"channel {channel_id} cannot be equivalent to itself")
                    continue
                merged = groups[channel_id] | groups[other]
                for member in merged:
                    groups[member] = merged
        return {
            channel_id: replace(channel, equivalent=tuple(sorted(groups[channel_id] - {channel_id})))
            for channel_id, channel in channels.items()
        }

    def _facts(self, node: Node | None, what: str) -> dict[str, Any]:
        """Facts as plain data; the conventional facts the scorer reads must be of their type."""
        if node is None:
            return {}
        facts = {}
        for key, (key_node, value_node) in self.mapping(node, what).items():
            if self.identifier(key_node, "fact name", KEY_PATTERN) is None:
                continue
            value = plain_value(value_node)
            expected = FACT_TYPES.get(key)
            if expected is not None and not expected[0](value):
                self.problem(value_node, f"fact {key} must be {expected[1]}, got {_shown(value)}")
                self.refused_facts.add(key)  # still a fact the texts may name
                continue
            facts[key] = value
        return facts

    def _start(self, node: Node) -> str | None:
        text = self.text(node, "start")
        if text is None:
            return None
        try:
            parse_start(text)
        except ValueError as error:
            self.problem(node, f"start: {error}")
            return None
        return text.strip()

    def _objectives(self, node: Node | None, channels: dict[str, Channel]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """Objective texts, and the channels each one's timing is measured on.

        An objective is its text, or ``{text: ..., channel: status_page}``;
        without ``channel`` the channel whose name its text mentions ("on the
        status page") is taken.
        """
        if node is None:
            return {}, {}
        objectives: dict[str, str] = {}
        objective_channels: dict[str, tuple[str, ...]] = {}
        entries = self.mapping(node, "objectives")
        if len(entries) > MAX_OBJECTIVES:
            self.problem(node, f"more than {MAX_OBJECTIVES} objectives ({len(entries):,})")
            return {}, {}
        for key, (key_node, value_node) in entries.items():
            if self.identifier(key_node, "objective id") is None:
                continue
            named: tuple[str, ...] = ()
            if isinstance(value_node, MappingNode):
                fields = self.mapping(value_node, f"objective {key}")
                self.keys_of_format(fields, {"text", "channel"}, {"criteria", "rating_scale"}, f"objective {key}")
                if "text" not in fields:
                    self.problem(value_node, f"objective {key} needs a text")
                    continue
                text = self.text(fields["text"][1], f"objective {key} text")
                if "channel" in fields:
                    named = self.id_list(fields["channel"][1], "channel", channels)
                if self.format >= 2 and "criteria" in fields:
                    self.objective_criteria[key] = read_criteria(self, fields["criteria"][1], f"objective {key}")
                if self.format >= 2 and "rating_scale" in fields:
                    scale = read_rating_scale(self, fields["rating_scale"][1], f"objective {key}")
                    if scale is not None:
                        self.objective_scales[key] = scale
            else:
                text = self.text(value_node, f"objective {key}")
            if text is None:
                continue
            objectives[key] = text
            named = named or channels_named_in(text, channels)
            if named:
                objective_channels[key] = named
        return objectives, objective_channels

    def _targets(self, node: Node | None) -> dict[str, int]:
        if node is None:
            return {}
        entries = self.mapping(node, "targets")
        self.only_keys(entries, set(TARGET_NAMES), "targets")
        targets = {}
        for key, (_, value_node) in entries.items():
            seconds = self.duration(value_node, f"targets.{key}")
            if seconds is not None and key in TARGET_NAMES:
                targets[key] = seconds
        return targets

    def _scoring(self, node: Node | None) -> dict[str, float]:
        if node is None:
            return {}
        entries = self.mapping(node, "scoring")
        self.only_keys(entries, {"weights"}, "scoring")
        if "weights" not in entries:
            return {}
        weights_node = entries["weights"][1]
        weights = {key: plain_value(value_node) for key, (_, value_node) in self.mapping(weights_node, "scoring.weights").items()}
        problems = check_weights(weights)
        if not problems:  # weights summed or multiplied past a float's range would make the score NaN
            problems = [f"scoring weight {key!r} may be at most {MAX_WEIGHT:,}"
                        for key, value in weights.items() if value > MAX_WEIGHT]
        for message in problems:
            self.problem(weights_node, message)
        return {} if problems else {key: float(value) for key, value in weights.items()}

    def _public(self, node: Node) -> dict[str, Any]:
        """The optional ``public:`` block (see drill.scenario.public), checked; keys left out stay out (defaults apply)."""
        entries = self.mapping(node, "public")
        self.only_keys(entries, PUBLIC_KEYS, "public")
        block: dict[str, Any] = {}
        low, high = NUMBER_RANGE
        for key in NUMBER_KEYS:
            if key in entries:
                number = plain_value(entries[key][1])
                if isinstance(number, bool) or not isinstance(number, (int, float)) or not low <= number <= high:
                    self.problem(entries[key][1], f"public.{key} must be a number from {low} to {high}")
                else:
                    block[key] = number
        if "story_delay" in entries:
            delay = self.duration(entries["story_delay"][1], "public.story_delay")
            if delay is not None:
                block["story_delay"] = delay
        if "from" in entries:
            source = entries["from"][1]
            if isinstance(source, ScalarNode) and source.value == "start":
                block["from"] = "start"
            else:
                items = source.value if isinstance(source, SequenceNode) else [source]
                block["from"] = [text for item in items if (text := self.text(item, "public.from")) is not None]
        if "templates" in entries:
            templates = {}
            for mood, (key_node, texts) in self.mapping(entries["templates"][1], "public.templates").items():
                if mood not in MOODS:
                    self.problem(key_node, f"unknown mood {mood!r} (one of: {', '.join(MOODS)})")
                    continue
                if not isinstance(texts, SequenceNode) or not texts.value:
                    self.problem(texts, f"public.templates.{mood} must be a non-empty list of posts")
                    continue
                templates[mood] = [text for item in texts.value if (text := self.text(item, "a post")) is not None]
            block["templates"] = templates
        return block

    def _check_public_sources(self, node: Node, inject_ids: set[str]) -> None:
        entries = self.mapping(node, "public")
        if "from" not in entries or not isinstance(entries["from"][1], (SequenceNode, ScalarNode)):
            return
        source = entries["from"][1]
        items = source.value if isinstance(source, SequenceNode) else [source]
        for item in items:
            if isinstance(item, ScalarNode) and item.value != "start" and item.value not in inject_ids:
                self.problem(item, f"public.from: unknown inject {item.value!r}")

    def _debrief(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.problem(node, "debrief must be a list of questions")
            return ()
        if len(node.value) > MAX_DEBRIEF_QUESTIONS:
            self.problem(node, f"more than {MAX_DEBRIEF_QUESTIONS} debrief questions ({len(node.value):,})")
            return ()
        return tuple(text for item in node.value if (text := self.text(item, "debrief question")) is not None)

    # --- injects --------------------------------------------------------------

    def _injects(self, node: Node, roles: dict, channels: dict, objectives: dict) -> list[tuple[Inject, Node]]:
        if not isinstance(node, SequenceNode):
            self.problem(node, "injects must be a list")
            return []
        if not node.value:
            self.problem(node, "injects must list at least one inject")
        if len(node.value) > MAX_INJECTS:
            self.problem(node, f"more than {MAX_INJECTS:,} injects")
            return []
        # Ids first, so that `after: {inject: ...}` may point forwards.
        seen: dict[str, Node] = {}
        for item in node.value:
            if isinstance(item, MappingNode):
                for key_node, value_node in item.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == "id" and isinstance(value_node, ScalarNode):
                        if value_node.value in seen:
                            self.problem(value_node, f"duplicate inject id {value_node.value!r} (first at line {seen[value_node.value].start_mark.line + 1})")
                        else:
                            seen[value_node.value] = value_node
        injects = []
        inject_ids = set(seen)
        for item in node.value:
            inject = self._inject(item, roles, channels, objectives, inject_ids)
            if inject is not None:
                injects.append((inject, item))
        return injects

    def _inject(self, node: Node, roles: dict, channels: dict, objectives: dict, inject_ids: set[str]) -> Inject | None:
        fields = self.mapping(node, "an inject")
        if not fields:
            return None
        label = f"inject {fields['id'][1].value}" if "id" in fields and isinstance(fields["id"][1], ScalarNode) else "an inject"
        self.keys_of_format(fields, INJECT_KEYS, GUIDE_KEYS | FLOW_KEYS, label)
        problems_before = len(self.problems)
        for key in ("id", "type"):
            if key not in fields:
                self.problem(node, f"{label} needs {key!r}")
        if "text" not in fields and "texts" not in fields:
            self.problem(node, f"{label} needs 'text'")

        def get(key: str) -> Node | None:
            return fields[key][1] if key in fields else None

        inject_id = self.identifier(get("id"), "inject id", KEY_PATTERN) if get("id") is not None else None
        inject_type = self.text(get("type"), "type") if get("type") is not None else None
        if inject_type is not None and inject_type not in INJECT_TYPES:
            self.problem(get("type"), f"unknown inject type {inject_type!r} (one of: {', '.join(INJECT_TYPES)})")
        when = self._when(fields, label, channels, inject_ids)
        unless_posted = self._unless(get("unless"), channels) if get("unless") is not None else None
        sender = self.text(get("from"), "from") if get("from") is not None else ""
        to = self.id_list(get("to"), "role", roles, (FACILITATOR,)) if get("to") is not None else tuple(roles)
        if FACILITATOR in to and len(to) > 1:
            self.problem(get("to"), "'facilitator' cannot be combined with roles")
        text = self.text(get("text"), "text") if get("text") is not None else None
        texts: tuple[str, ...] = ()
        if get("texts") is not None:
            if not isinstance(get("texts"), SequenceNode) or not get("texts").value:
                self.problem(get("texts"), "texts must be a non-empty list")
            else:
                texts = tuple(t for item in get("texts").value if (t := self.text(item, "texts item")) is not None)
        facts = self._facts(get("facts"), f"{label} facts") if get("facts") is not None else {}
        repeat = self._repeat(get("repeat"), channels) if get("repeat") is not None else None
        if texts and repeat is None:
            self.problem(get("texts"), "texts (variants) only make sense with repeat")
        if texts and text is not None:
            self.warn(fields["text"][0], f"{label} has both 'text' and 'texts': the variants are delivered "
                                          "in turn and 'text' never is")
        expects = self._expects(get("expects"), roles, channels, objectives) if get("expects") is not None else None
        if expects is not None and repeat is not None:
            self.warn(fields["expects"][0], f"{label} asks for an answer and repeats: it opens one ask, at its "
                                             "first delivery, and its repeats remind the team of it")
        guide = read_guide(self, fields, label) if self.format >= 2 else None
        flow = read_flow(self, fields, label, roles) if self.format >= 2 else None
        if flow is not None and flow.max_fires > 1 and repeat is not None:
            self.problem(fields["max_fires"][0], f"{label} has both repeat and max_fires: a repeat delivers it "
                                                 "on a clock, max_fires each time its conditions are met; use one")
        if flow is not None and flow.max_fires > 1 and when[1] is None:
            self.problem(fields["max_fires"][0], f"{label} max_fires needs 'after': it fires again each time "
                                                 "a condition of its 'after' is met")
        if flow is not None and flow.questions and inject_id is not None:
            self.questions_of[inject_id] = flow.questions
        if flow is not None and flow.options and inject_id is not None:
            self.options_of[inject_id] = {option.id for option in flow.options}
        if len(self.problems) > problems_before or inject_id is None or inject_type is None:
            if inject_id is not None and when != (None, None):  # its timing is still checked with the rest
                self.timing_only.append((Inject(inject_id, inject_type or "", "", to, "", when[0], when[1],
                                                repeat=repeat), node))
            return None
        return Inject(
            id=inject_id,
            type=inject_type,
            sender=sender or "",
            to=to,
            text=text if text is not None else (texts[0] if texts else ""),
            at=when[0],
            after=when[1],
            unless_posted=unless_posted,
            facts=facts,
            repeat=repeat,
            texts=texts,
            expects=expects,
            guide=guide,
            questions=flow.questions if flow else (),
            options=flow.options if flow else (),
            chooser=flow.chooser if flow else None,
            max_fires=flow.max_fires if flow else 1,
            manual=flow.manual if flow else False,
        )

    def _when(self, fields: dict, label: str, channels: dict, inject_ids: set[str]) -> tuple[int | None, After | None]:
        if self.moves:
            return self._when_in_moves(fields, label, channels, inject_ids)
        if "move" in fields:
            self.problem(fields["move"][0], f"{label}: 'move' is for a drill of moves (`mode: moves`)")
        has_at, has_after = "at" in fields, "after" in fields
        manual = self.format >= 2 and "release" in fields
        if has_at == has_after and not (manual and not has_at):
            node = fields["at"][0] if has_at else (next(iter(fields.values()))[0])
            self.problem(node, f"{label} needs exactly one of 'at' or 'after'"
                               + (" (or `release: manual` alone, to wait for the facilitator)" if self.format >= 2 else ""))
            return None, None
        if has_at:
            return self.duration(fields["at"][1], "at"), None
        if not has_after:
            return None, None  # manual only: in the facilitator's queue from the start
        return None, self._after(fields["after"][1], channels, inject_ids)

    def _when_in_moves(self, fields: dict, label: str, channels: dict, inject_ids: set[str]) -> tuple[int | None, After | None]:
        """In a drill of moves an inject comes in a move (``move: N``), after another, or when released."""
        if "at" in fields:
            self.problem(fields["at"][0], f"{label}: a drill of moves has no clock; say `move: N` instead of 'at'")
            return None, None
        has_move, has_after = "move" in fields, "after" in fields
        if has_move == has_after and not (not has_move and "release" in fields):
            node = fields["move"][0] if has_move else next(iter(fields.values()))[0]
            self.problem(node, f"{label} needs exactly one of 'move' or 'after' (or `release: manual` alone)")
            return None, None
        if has_after:
            return None, self._after(fields["after"][1], channels, inject_ids)
        if not has_move:
            return None, None
        move = self.integer(fields["move"][1], f"{label} move", minimum=1, maximum=self.moves)
        return (None, None) if move is None else (move_start(move), None)

    def _after(self, body: Node, channels: dict, inject_ids: set[str], inside_any: bool = False) -> After | None:
        entries = self.mapping(body, "after")
        kinds_v2 = ("chose",) if inside_any else ("chose", "any")
        allowed = {"posted", "inject", "delay", *(kinds_v2 if self.format >= 2 else ())}
        self.only_keys(entries, allowed, "after")
        kinds = [key for key in ("posted", "inject", *kinds_v2) if key in entries]
        if len(kinds) != 1:
            wanted = "'posted: CHANNEL', 'inject: ID'" + (", 'chose: INJECT.OPTION'" if self.format >= 2 else "")
            wanted += ", 'any: [...]'" if self.format >= 2 and not inside_any else ""
            self.problem(body, f"after needs exactly one of {wanted}")
            return None
        kind = kinds[0]
        ref_node = entries[kind][1]
        delay = self.duration(entries["delay"][1], "after.delay") if "delay" in entries else 0
        if self.moves and delay:
            self.problem(entries["delay"][1], "a drill of moves has no clock: 'after' fires in the same move, "
                                              "with no delay (say `move: N` for a later move)")
        if kind == "any":
            if "delay" in entries:
                self.problem(entries["delay"][0], "after.any takes a delay on each condition, not on the list")
            if not isinstance(ref_node, SequenceNode) or not ref_node.value:
                self.problem(ref_node, "after.any must be a non-empty list of conditions")
                return None
            conditions = [self._after(item, channels, inject_ids, inside_any=True) for item in ref_node.value]
            if None in conditions:
                return None
            return After("any", "", 0, tuple(conditions))
        ref = self.text(ref_node, f"after.{kind}")
        if ref is not None and kind == "posted" and ref not in channels:
            self.problem(ref_node, f"unknown channel {ref!r} (known: {', '.join(sorted(channels)) or 'none'})")
        if ref is not None and kind == "inject" and ref not in inject_ids:
            self.problem(ref_node, f"unknown inject {ref!r}")
        if ref is not None and kind == "chose":
            self.chose_refs.append((ref, ref_node))
        if ref is None or delay is None:
            return None
        return After(kind, ref, delay)

    def _unless(self, node: Node, channels: dict) -> str | None:
        entries = self.mapping(node, "unless")
        self.only_keys(entries, {"posted"}, "unless")
        if "posted" not in entries:
            self.problem(node, "unless needs 'posted: CHANNEL'")
            return None
        ids = self.id_list(entries["posted"][1], "channel", channels)
        return ids[0] if ids else None

    def _repeat(self, node: Node, channels: dict) -> Repeat | None:
        entries = self.mapping(node, "repeat")
        self.only_keys(entries, {"every", "count", "until"}, "repeat")
        if "every" not in entries or "count" not in entries:
            self.problem(node, "repeat needs 'every' and 'count'")
            return None
        every = self.duration(entries["every"][1], "repeat.every")
        count = self.integer(entries["count"][1], "repeat.count", minimum=1, maximum=MAX_REPEAT)
        if every == 0:
            self.problem(entries["every"][1], "repeat.every must be longer than zero")
            return None
        until = None
        if "until" in entries:
            until = self._unless(entries["until"][1], channels)
        if every is None or count is None:
            return None
        return Repeat(every, count, until)

    def _expects(self, node: Node, roles: dict, channels: dict, objectives: dict) -> Expectation | None:
        entries = self.mapping(node, "expects")
        self.only_keys(entries, EXPECT_KEYS, "expects")
        if "within" not in entries:
            self.problem(node, "expects needs 'within' (how long the team has to answer)")
            return None
        within = self.duration(entries["within"][1], "expects.within")
        if within == 0:
            self.problem(entries["within"][1], "expects.within must be longer than zero")
            return None
        expect_roles = self.id_list(entries["role"][1], "role", roles) if "role" in entries else ()
        expect_channels = self.id_list(entries["channel"][1], "channel", channels) if "channel" in entries else ()
        for key, named, most in (("role", expect_roles, MAX_ASK_ROLES), ("channel", expect_channels, MAX_ASK_CHANNELS)):
            if len(named) > most:
                self.problem(entries[key][1], f"expects names {len(named)} {key}s; at most {most} "
                                              f"(leave '{key}' out for any {key})")
                return None
        objective = None
        if "objective" in entries:
            objective = self.text(entries["objective"][1], "objective")
            if objective is not None and objective not in objectives:
                self.problem(entries["objective"][1], f"unknown objective {objective!r} (known: {', '.join(sorted(objectives)) or 'none'})")
        must = self.id_list(entries["must"][1], "scoring criterion", set(QUALITY_CRITERIA)) if "must" in entries else ()
        if within is None:
            return None
        return Expectation(expect_roles, expect_channels, within, objective, must)

    # --- whole-scenario checks -------------------------------------------------

    def _check_templates(self, injects, org, personas, known_facts) -> None:
        for inject, node in injects:
            for template, where in _inject_templates(inject, node):
                for message in templates.check(template, org, personas, known_facts):
                    self.problem(where, f"inject {inject.id}: {message}")

    def _check_values(self, org_node: Node | None, personas_node: Node | None, org: dict, personas: dict) -> None:
        """Placeholders in org and persona values must name something (facts are not known yet)."""
        for key, template in org.items():
            for message in templates.check(template, org, personas, None):
                self.problem(_value_node(org_node, key) or org_node, f"org.{key}: {message}")
        for name, fields in personas.items():
            persona_node = _value_node(personas_node, name)
            for key, template in fields.items():
                for message in templates.check(template, org, personas, None):
                    self.problem(_value_node(persona_node, key) or persona_node, f"persona {name}.{key}: {message}")

    def _check_sizes(self, value, org: dict, personas: dict, facts: dict, injects: list[tuple[Inject, Node]],
                     duration: int) -> dict[str, int]:
        """Every text at its length once filled, measured without filling it; each inject's
        share of what the drill delivers (``MAX_DELIVERED_CHARS``) is returned."""
        org_node, personas_node = value("org"), value("personas")

        def value_node(key: tuple) -> Node | None:
            if key[0] == "org":
                return _value_node(org_node, key[1]) or org_node
            persona_node = _value_node(personas_node, key[1])
            return _value_node(persona_node, key[2]) or persona_node

        def label(key: tuple) -> str:
            return "org." + key[1] if key[0] == "org" else f"persona {key[1]}.{key[2]}"

        value_size, cycles = templates.value_sizes(org, personas)
        for cycle in cycles:
            names = [label(key) for key in cycle]
            self.problem(value_node(cycle[0]), f"{names[0]} names itself through its placeholders: "
                                               f"{_chain(names + names[:1])}")
        for key, size in value_size.items():
            limit = MAX_NAME_CHARS if key[0] == "org" and key[1] in ORG_NAMES else MAX_TEXT_CHARS
            if size > limit:
                self.problem(value_node(key), f"{label(key)} {_fills_to(size, limit)}")

        fact_values: dict[str, list] = {}
        for block in (facts, *(inject.facts for inject, _ in injects)):
            for key, fact in block.items():
                fact_values.setdefault(key, []).append(fact)
        fact_size = {key: max((templates.fact_text_size(fact) for fact in values if fact is not None), default=0)
                     for key, values in fact_values.items()}
        size_of = templates.text_size_of(value_size, fact_size)
        if value("summary") is not None and isinstance(value("summary"), ScalarNode):
            size = templates.filled_size(value("summary").value, size_of)
            if size > MAX_TEXT_CHARS:
                self.problem(value("summary"), f"summary {_fills_to(size, MAX_TEXT_CHARS)}")

        facts_chars = self._check_facts_size(value("facts"), facts, injects)
        delivered: dict[str, int] = {}
        for inject, node in injects:
            count = inject.repeat.count if inject.repeat else 1
            sizes = []
            for template, where in _variants(inject, node):  # a text too long counts at the limit in the totals
                size = templates.filled_size(template, size_of)
                if size > MAX_TEXT_CHARS:
                    self.problem(where, f"inject {inject.id}: text {_fills_to(size, MAX_TEXT_CHARS)}")
                sizes.append(min(size, MAX_TEXT_CHARS))
            sender = templates.filled_size(inject.sender, size_of)
            if sender > MAX_NAME_CHARS:
                self.problem(_value_node(node, "from") or node, f"inject {inject.id}: from {_fills_to(sender, MAX_NAME_CHARS)}")
                sender = MAX_NAME_CHARS
            if inject.texts:  # the variants in turn, one a delivery
                rounds, rest = divmod(count, len(sizes))
                text_chars = rounds * sum(sizes) + sum(sizes[:rest])
            else:
                text_chars = count * sizes[0]
            each = sender + sum(map(len, inject.to)) + (facts_chars if inject.facts else 0)
            if inject.expects is not None:
                each += sum(map(len, (*inject.expects.roles, *inject.expects.channels, *inject.expects.must)))
            delivered[inject.id] = text_chars + count * each
        self._check_posts(value("public"), value_size, duration)
        return delivered

    def _check_facts_size(self, facts_node: Node | None, facts: dict, injects: list[tuple[Inject, Node]]) -> int:
        """The facts as JSON at their largest (each facts_changed event carries them all)."""
        import json

        longest: dict[str, int] = {}
        total = 2
        blocks = [(facts, facts_node)] + [(inject.facts, _value_node(node, "facts")) for inject, node in injects if inject.facts]
        for block, node in blocks:
            for key, fact in block.items():
                size = len(json.dumps(fact)) + len(json.dumps(key)) + 2
                if size > longest.get(key, 0):
                    total += size - longest.get(key, 0)
                    longest[key] = size
            if total > MAX_FACTS_CHARS and node is not None:
                self.problem(node, f"the facts come to {total:,} characters as JSON, with every fact at its longest; "
                                   f"at most {MAX_FACTS_CHARS:,}")
                break
        return total

    def _check_posts(self, node: Node | None, value_size: dict, duration: int) -> None:
        """The public's posts, filled as ``drill.world`` fills them, at most ``MAX_POST_CHARS`` each."""
        templates_node = _value_node(node, "templates")
        if not isinstance(templates_node, MappingNode):
            return
        org_size = {key[1]: size for key, size in value_size.items() if key[0] == "org"}
        for _, texts in templates_node.value:
            if not isinstance(texts, SequenceNode):
                continue
            if len(texts.value) > MAX_POST_TEMPLATES:
                self.problem(texts, f"more than {MAX_POST_TEMPLATES} posts for one mood ({len(texts.value):,})")
                continue
            for item in texts.value:
                if isinstance(item, ScalarNode):
                    size = post_size(item.value, org_size, duration)
                    if size > MAX_POST_CHARS:
                        self.problem(item, f"a post {_fills_to(size, MAX_POST_CHARS)}")

    def _check_totals(self, key_node: Node | None, injects: list[tuple[Inject, Node]], delivered: dict[str, int]) -> None:
        """The work a drill can make: every delivery, every ask, every character delivered."""
        if key_node is None:
            return
        deliveries = asks = 0
        for inject, _ in injects:
            count = inject.repeat.count if inject.repeat else 1
            deliveries += count
            if inject.expects is not None:
                asks += 1  # one ask an inject, however often it repeats
        if deliveries > MAX_DELIVERIES:
            self.problem(key_node, f"the injects make {deliveries:,} deliveries (each repeat counts); "
                                   f"at most {MAX_DELIVERIES:,}")
        if asks > MAX_ASKS:
            self.problem(key_node, f"the injects ask for {asks:,} answers; at most {MAX_ASKS:,}")
        total = sum(delivered.values())
        if total > MAX_DELIVERED_CHARS:
            self.problem(key_node, f"the injects deliver {total:,} characters in all (text, from and facts, "
                                   f"each repeat counted, placeholders filled); at most {MAX_DELIVERED_CHARS:,}")

    def _check_choices(self) -> None:
        """Each ``after: {chose: INJECT.OPTION}`` names an option some inject offers."""
        for ref, node in self.chose_refs:
            inject_id, dot, option_id = ref.rpartition(".")
            if not dot:
                self.problem(node, f"after.chose {ref!r} names INJECT.OPTION, e.g. triage.restore")
            elif inject_id not in self.options_of:
                offering = ", ".join(sorted(self.options_of)) or "none"
                self.problem(node, f"after.chose {ref!r}: inject {inject_id!r} offers no options "
                                   f"(injects with options: {shorten(offering, 300)})")
            elif option_id not in self.options_of[inject_id]:
                known = ", ".join(sorted(self.options_of[inject_id]))
                self.problem(node, f"after.chose {ref!r}: {inject_id} has no option {option_id!r} (its options: {known})")

    def _check_timing(self, injects: list[tuple[Inject, Node]], duration: int, parents: list[str]) -> None:
        """Report injects whose earliest possible time is at or after the end of the drill."""
        by_id = {inject.id: inject for inject, _ in injects}
        earliest: dict[str, int | None] = {}
        for inject, _ in injects:
            if inject.at is not None:
                earliest[inject.id] = inject.at
            elif inject.after is not None and inject.after.kind == "posted":
                earliest[inject.id] = inject.after.delay
        for inject_id in parents:  # each after the inject it follows
            inject = by_id[inject_id]
            base = earliest.get(inject.after.ref)
            earliest[inject_id] = None if base is None else base + inject.after.delay

        for inject, node in injects:
            when = earliest.get(inject.id)
            if when is not None and when >= duration:
                self.problem(_key_node(node, "at") or _key_node(node, "after") or node, f"inject {inject.id} could never fire: its earliest time, {format_minutes(when)}, "
                                   f"is not before the end of the drill ({format_minutes(duration)})")

    def _check_cycles(self, injects: list[tuple[Inject, Node]]) -> list[str]:
        """Report each 'after' cycle once; the injects that follow others, each after the one it follows."""
        parent = {inject.id: inject.after.ref for inject, _ in injects if inject.after and inject.after.kind == "inject"}
        order, cycles = follow_links(parent)
        if cycles:
            place = {inject.id: (index, node) for index, (inject, node) in enumerate(injects)}
            for cycle in cycles:
                first = min(range(len(cycle)), key=lambda index: place[cycle[index]][0])
                cycle = cycle[first:] + cycle[:first]
                self.problem(place[cycle[0]][1], f"'after' cycle: {_chain(cycle + cycle[:1])}; none of these could ever fire")
            in_cycles = {inject_id for cycle in cycles for inject_id in cycle}
            order = [inject_id for inject_id in order if inject_id not in in_cycles]
        return order


# The org's names the public uses in every post and story; each at most MAX_NAME_CHARS.
ORG_NAMES = ("name", "product", "handle")


def _inject_templates(inject: Inject, node: Node) -> list[tuple[str, Node]]:
    """An inject's templates, each with the node to point a problem at: from, text, each variant."""
    found = [(inject.sender, _value_node(node, "from") or node)]
    if _value_node(node, "text") is not None or not inject.texts:
        found.append((inject.text, _value_node(node, "text") or node))
    return found + _variants(inject, node)


def _variants(inject: Inject, node: Node) -> list[tuple[str, Node]]:
    """The texts an inject delivers, in turn, each with its node."""
    variants = _value_node(node, "texts")
    if not inject.texts or not isinstance(variants, SequenceNode):
        return [(inject.text, _value_node(node, "text") or node)]
    items = [item for item in variants.value if isinstance(item, ScalarNode)]
    return list(zip(inject.texts, items))


def _fills_to(size: int, limit: int) -> str:
    amount = f"{size:,}" if size < templates.SIZE_CAP else f"more than {templates.SIZE_CAP:,}"
    return f"fills to {amount} characters with its placeholders; at most {limit:,}"


def _chain(names: list[str], shown: int = 12) -> str:
    """``a -> b -> a``, with a long chain cut in the middle."""
    if len(names) <= shown:
        return " -> ".join(names)
    return " -> ".join(names[: shown - 2]) + f" -> ... ({len(names) - shown} more) -> " + " -> ".join(names[-2:])


def _shown(value: Any) -> str:
    """A plain value as a problem quotes it, in YAML's words."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return shorten(repr(value))


def channels_named_in(text: str, channels: dict[str, Channel]) -> tuple[str, ...]:
    """Channels whose name or id a sentence mentions: "on the status page" names ``status_page``."""
    folded = " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "
    found = []
    for channel_id, channel in channels.items():
        for label in (channel.name, channel_id):
            words = re.sub(r"\([^)]*\)", " ", label.lower())  # "Social (@acmepay)" is named as "social"
            words = " ".join(re.sub(r"[^a-z0-9]+", " ", words).split())
            if words and f" {words} " in folded:
                found.append(channel_id)
                break
    return tuple(found)


def _value_node(mapping: Node, key: str) -> Node | None:
    for key_node, value_node in mapping.value if isinstance(mapping, MappingNode) else ():
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def _key_node(mapping: Node, key: str) -> Node | None:
    """The node of ``key`` in a mapping node, to point a problem at that line."""
    for key_node, _ in mapping.value if isinstance(mapping, MappingNode) else ():
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node
    return None


def _closest(word: str, choices: set[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return matches[0] if matches else None
