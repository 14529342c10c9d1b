"""Scripted responses for a headless drill: a YAML file of who said what, where and when.

```yaml
responses:
  - {at: 4m, role: comms, channel: status_page, reply_to: alert-1, text: "..."}
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
from drill.scenario.limits import MAX_ID_CHARS, MAX_RESPONSE_CHARS, MAX_RESPONSES, MAX_RESPONSES_CHARS, shorten
from drill.scenario.loader import _Reader
from drill.scenario.model import Scenario
from drill.scenario.problems import Problem, ScenarioError
from drill.scenario.yamlnodes import parse_yaml

RESPONSE_KEYS = {"at", "role", "channel", "text", "reply_to"}


@dataclass(frozen=True)
class ScriptedResponse:
    at: int
    role: str
    channel: str
    text: str
    reply_to: str | None
    where: Problem  # the position of this entry, for errors found while it is played


def load_responses(text: str | bytes, scenario: Scenario, source: str = "<responses>") -> list[ScriptedResponse]:
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
    read: list[tuple[ScriptedResponse, Node | None]] = []
    for item in node.value if node is not None else ():
        entry = _response(reader, item, scenario, source)
        if entry is not None:
            read.append(entry)
    total = sum(len(response.text) for response, _ in read)
    if total > MAX_RESPONSES_CHARS:
        reader.problem(node, f"the responses come to {total:,} characters; at most {MAX_RESPONSES_CHARS:,} in all")
    read.sort(key=lambda entry: entry[0].at)  # stable: file order within a second
    _check_replies(reader, read, scenario)
    if reader.problems:
        raise ScenarioError(reader.problems)
    return [response for response, _ in read]


def _response(reader: _Reader, item: Node, scenario: Scenario, source: str) -> tuple[ScriptedResponse, Node | None] | None:
    fields = reader.mapping(item, "a response")
    reader.only_keys(fields, RESPONSE_KEYS, "a response")
    missing = [key for key in ("at", "role", "channel", "text") if key not in fields]
    if missing:
        reader.problem(item, f"a response needs {', '.join(repr(key) for key in missing)}")
        return None
    at = reader.duration(fields["at"][1], "at")
    if at is not None and at >= scenario.duration:
        reader.problem(fields["at"][1], f"at {at}s is not before the end of the drill ({scenario.duration}s)")
        at = None
    role = _one_id(reader, fields["role"][1], "role", scenario.roles)
    channel = _one_id(reader, fields["channel"][1], "channel", scenario.channels)
    text = reader.text(fields["text"][1], "text", MAX_RESPONSE_CHARS)
    reply_node = fields["reply_to"][1] if "reply_to" in fields else None
    reply_to = reader.text(reply_node, "reply_to", MAX_ID_CHARS + 8) if reply_node is not None else None
    if text is not None and not text.strip():
        reader.problem(fields["text"][1], "text is empty")
        text = None
    if None in (at, text, role, channel) or (reply_node is not None and reply_to is None):
        return None
    mark = item.start_mark
    return (ScriptedResponse(at, role, channel, text, reply_to, Problem(source, mark.line + 1, mark.column + 1, "")),
            reply_node)


def _one_id(reader: _Reader, node: Node, what: str, known: dict) -> str | None:
    """One role or channel id: a response is sent by one role on one channel."""
    if not isinstance(node, ScalarNode):
        reader.problem(node, f"{what} must be one {what} id")
        return None
    ids = reader.id_list(node, what, known)
    return ids[0] if ids else None


def _check_replies(reader: _Reader, read: list[tuple[ScriptedResponse, Node | None]], scenario: Scenario) -> None:
    """Play the schedule as ``drill.simulate`` does: a ``reply_to`` must name something delivered by then."""
    if not any(response.reply_to is not None for response, _ in read):
        return
    deliveries = Deliveries(scenario)
    for response, reply_node in read:
        if response.at > deliveries.clock:
            deliveries.advance(response.at)
        if response.reply_to is not None and not deliveries.knows(response.reply_to):
            reader.problem(reply_node, _unknown_reply(response, scenario, deliveries))
            continue  # refused, so it posts nothing
        deliveries.post(response.channel)


def _unknown_reply(response: ScriptedResponse, scenario: Scenario, deliveries: Deliveries) -> str:
    target = response.reply_to
    inject_id = target.split("#", 1)[0]
    when = format_clock(response.at)
    if inject_id not in deliveries.inject_ids:
        return f"reply_to {shorten(target)!r} names no inject or ask of {scenario.id}"
    if inject_id not in deliveries.delivered:
        late = " (it falls due at that second, after this response)" if deliveries.due(inject_id) == response.at else ""
        return f"reply_to {target!r}: inject {inject_id} has not been delivered by {when}{late}"
    return f"reply_to {target!r}: no such ask has been opened by {when}"
