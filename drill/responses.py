"""Scripted responses for a headless drill: a YAML file of who said what, where and when.

```yaml
responses:
  - {at: 4m, role: comms, channel: status_page, reply_to: alert-1, text: "..."}
  - {at: 6m, role: ic, channel: bridge, reply_to: triage.cause, text: "..."}   # answers a question
  - {at: 7m, role: ic, choose: triage.restore}    # a decision (no role: the facilitator's)
  - {at: 20m, release: leak}                      # the facilitator releases a held inject
```

Loading a file checks everything ``drill simulate`` would refuse while playing
it, so a file that loads plays: each response's role and channel, its text (not
empty, at most ``MAX_RESPONSE_CHARS``), its time (before the end of the drill)
and its ``reply_to``, which must name an inject delivered, or an ask opened, by
the time the response is sent (``drill.scenario.deliveries``).
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drill.durations import format_clock
from drill.scenario.deliveries import Deliveries
from drill.scenario.limits import (MAX_ID_CHARS, MAX_RESPONSE_CHARS, MAX_RESPONSES, MAX_RESPONSES_CHARS, move_start,
                                   shorten)
from drill.scenario.loader import _Reader
from drill.scenario.model import Scenario
from drill.scenario.problems import Problem, ScenarioError
from drill.scenario.yamlnodes import parse_yaml

RESPONSE_KEYS = {"at", "role", "channel", "text", "reply_to"}
CHOICE_KEYS = {"at", "role", "choose"}
RELEASE_KEYS = {"at", "release"}


def _timed(keys: set[str], scenario: Scenario) -> set[str]:
    """In a drill of moves an entry says its ``move``, not ``at``."""
    return (keys - {"at"}) | {"move"} if scenario.in_moves else keys


def _time_key(scenario: Scenario) -> str:
    return "move" if scenario.in_moves else "at"


@dataclass(frozen=True)
class ScriptedResponse:
    at: int
    role: str
    channel: str
    text: str
    reply_to: str | None
    where: Problem  # the position of this entry, for errors found while it is played


@dataclass(frozen=True)
class ScriptedChoice:
    """``{at, role?, choose: INJECT.OPTION}``: a decision, the facilitator's when no role is named."""

    at: int
    role: str | None
    inject: str
    option: str
    where: Problem


@dataclass(frozen=True)
class ScriptedRelease:
    """``{at, release: INJECT}``: the facilitator releases a held inject."""

    at: int
    inject: str
    where: Problem


ScriptedAction = ScriptedResponse | ScriptedChoice | ScriptedRelease


def load_responses(text: str | bytes, scenario: Scenario, source: str = "<responses>") -> list[ScriptedAction]:
    """Parse and check a responses file against a scenario; raise ScenarioError listing every problem."""
    root = parse_yaml(text, source)
    reader = _Reader(source)
    if root is None:
        return []
    top = reader.mapping(root, "the responses file")
    reader.only_keys(top, {"responses"}, "the responses file")
    if isinstance(root, MappingNode) and "responses" not in top:
        reader.problem(root, "missing key 'responses' (a list of {at, role, channel, text})")
    node = top["responses"][1] if "responses" in top else None
    if node is not None and not isinstance(node, SequenceNode):
        reader.problem(node, "responses must be a list")
        node = None
    if node is not None and len(node.value) > MAX_RESPONSES:
        reader.problem(node, f"more than {MAX_RESPONSES:,} responses ({len(node.value):,})")
        node = None
    read: list[tuple[ScriptedAction, Node | None]] = []
    for item in node.value if node is not None else ():
        entry = _entry(reader, item, scenario, source)
        if entry is not None:
            read.append(entry)
    total = sum(len(response.text) for response, _ in read if isinstance(response, ScriptedResponse))
    if total > MAX_RESPONSES_CHARS:
        reader.problem(node, f"the responses come to {total:,} characters; at most {MAX_RESPONSES_CHARS:,} in all")
    read.sort(key=lambda entry: entry[0].at)  # stable: file order within a second
    _check_replies(reader, read, scenario)
    if reader.problems:
        raise ScenarioError(reader.problems)
    return [response for response, _ in read]


def _entry(reader: _Reader, item: Node, scenario: Scenario, source: str) -> tuple[ScriptedAction, Node | None] | None:
    fields = reader.mapping(item, "a response")
    if "choose" in fields:
        return _choice(reader, item, fields, scenario, source)
    if "release" in fields:
        return _release(reader, item, fields, scenario, source)
    return _response(reader, item, fields, scenario, source)


def _when(reader: _Reader, fields: dict, scenario: Scenario) -> int | None:
    """The entry's time: its ``at``, or in a drill of moves the start of its ``move``."""
    if scenario.in_moves:
        move = reader.integer(fields["move"][1], "move", minimum=1, maximum=scenario.moves)
        return None if move is None else move_start(move)
    at = reader.duration(fields["at"][1], "at")
    if at is not None and at >= scenario.duration:
        reader.problem(fields["at"][1], f"at {at}s is not before the end of the drill ({scenario.duration}s)")
        return None
    return at


def _where(item: Node, source: str) -> Problem:
    return Problem(source, item.start_mark.line + 1, item.start_mark.column + 1, "")


def _timed_entry(reader: _Reader, item: Node, fields: dict, scenario: Scenario, keys: set[str], what: str,
                 ) -> tuple[bool, int | None]:
    """Check an entry's keys and read its time: (whether it has one, the time if it reads)."""
    reader.only_keys(fields, _timed(keys, scenario), what)
    if _time_key(scenario) not in fields:
        reader.problem(item, f"{what} needs {_time_key(scenario)!r}")
        return False, None
    return True, _when(reader, fields, scenario)


def _choice(reader: _Reader, item: Node, fields: dict, scenario: Scenario, source: str):
    timed, at = _timed_entry(reader, item, fields, scenario, CHOICE_KEYS, "a choice")
    if not timed:
        return None
    role = _one_id(reader, fields["role"][1], "role", scenario.roles) if "role" in fields else None
    ref = reader.text(fields["choose"][1], "choose", MAX_ID_CHARS * 2 + 1)
    if ref is None or at is None or ("role" in fields and role is None):
        return None
    inject_id, _, option_id = ref.rpartition(".")
    inject = scenario.find_inject(inject_id)
    if inject is None or inject.option(option_id) is None:
        offered = [f"{i.id}.{o.id}" for i in scenario.injects for o in i.options]
        reader.problem(fields["choose"][1], f"choose {shorten(ref)!r} names no option of {scenario.id} "
                                            f"(options: {shorten(', '.join(offered) or 'none', 300)})")
        return None
    return ScriptedChoice(at, role, inject_id, option_id, _where(item, source)), fields["choose"][1]


def _release(reader: _Reader, item: Node, fields: dict, scenario: Scenario, source: str):
    timed, at = _timed_entry(reader, item, fields, scenario, RELEASE_KEYS, "a release")
    if not timed:
        return None
    inject_id = reader.text(fields["release"][1], "release", MAX_ID_CHARS)
    if inject_id is None or at is None:
        return None
    inject = scenario.find_inject(inject_id)
    if inject is None or not inject.manual:
        manual = [inject.id for inject in scenario.injects if inject.manual]
        reader.problem(fields["release"][1], f"release {shorten(inject_id)!r}: not an inject with `release: manual` "
                                             f"(those: {shorten(', '.join(manual) or 'none', 300)})")
        return None
    return ScriptedRelease(at, inject_id, _where(item, source)), fields["release"][1]


def _response(reader: _Reader, item: Node, fields: dict, scenario: Scenario, source: str) -> tuple[ScriptedResponse, Node | None] | None:
    reader.only_keys(fields, _timed(RESPONSE_KEYS, scenario), "a response")
    missing = [key for key in (_time_key(scenario), "role", "channel", "text") if key not in fields]
    if missing:
        reader.problem(item, f"a response needs {', '.join(repr(key) for key in missing)}"
                             + (" (or 'choose' or 'release')" if scenario.format >= 2 else ""))
        return None
    at = _when(reader, fields, scenario)
    role = _one_id(reader, fields["role"][1], "role", scenario.roles)
    channel = _one_id(reader, fields["channel"][1], "channel", scenario.channels)
    text = reader.text(fields["text"][1], "text", MAX_RESPONSE_CHARS)
    reply_node = fields["reply_to"][1] if "reply_to" in fields else None
    reply_to = reader.text(reply_node, "reply_to", MAX_ID_CHARS * 2 + 8) if reply_node is not None else None
    if text is not None and not text.strip():
        reader.problem(fields["text"][1], "text is empty")
        text = None
    if None in (at, text, role, channel) or (reply_node is not None and reply_to is None):
        return None
    return ScriptedResponse(at, role, channel, text, reply_to, _where(item, source)), reply_node


def _one_id(reader: _Reader, node: Node, what: str, known: dict) -> str | None:
    """One role or channel id: a response is sent by one role on one channel."""
    if not isinstance(node, ScalarNode):
        reader.problem(node, f"{what} must be one {what} id")
        return None
    ids = reader.id_list(node, what, known)
    return ids[0] if ids else None


def _check_replies(reader: _Reader, read: list[tuple[ScriptedAction, Node | None]], scenario: Scenario) -> None:
    """Play the schedule as ``drill.simulate`` does: a ``reply_to`` must name something delivered by then,
    a choice an inject on screen, a release an inject waiting for it."""
    if not any(not isinstance(entry, ScriptedResponse) or entry.reply_to is not None for entry, _ in read):
        return
    deliveries = Deliveries(scenario)
    for entry, node in read:
        if entry.at > deliveries.clock or scenario.in_moves:  # a move's injects come before its answers
            deliveries.advance(entry.at)
        if isinstance(entry, ScriptedChoice):
            problem = deliveries.choose(entry.inject, entry.option)
        elif isinstance(entry, ScriptedRelease):
            problem = deliveries.release(entry.inject)
        elif entry.reply_to is not None and not deliveries.knows(entry.reply_to):
            problem = _unknown_reply(entry, scenario, deliveries)
        else:
            problem = None
            deliveries.post(entry.channel)
        if problem is not None:
            reader.problem(node, f"{problem} by {format_clock(entry.at)}" if not isinstance(entry, ScriptedResponse)
                           else problem)


def _unknown_reply(response: ScriptedResponse, scenario: Scenario, deliveries: Deliveries) -> str:
    target = response.reply_to
    inject_id = target.split("#", 1)[0]
    question_inject, _, slot = target.rpartition(".")
    if question_inject in deliveries.inject_ids:
        inject_id = question_inject
        if scenario.question(target) is None:
            return f"reply_to {target!r}: inject {inject_id} asks no question {slot!r}"
    when = format_clock(response.at)
    if inject_id not in deliveries.inject_ids:
        return f"reply_to {shorten(target)!r} names no inject or ask of {scenario.id}"
    if inject_id not in deliveries.delivered:
        late = " (it falls due at that second, after this response)" if deliveries.due(inject_id) == response.at else ""
        return f"reply_to {target!r}: inject {inject_id} has not been delivered by {when}{late}"
    return f"reply_to {target!r}: no such ask has been opened by {when}"
