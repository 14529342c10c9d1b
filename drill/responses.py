"""Scripted responses for a headless drill: a YAML file of who said what, where and when.

```yaml
responses:
  - {at: 4m, role: comms, channel: status_page, reply_to: alert-1, text: "..."}
```
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, SequenceNode

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
    result: list[ScriptedResponse] = []
    node = top["responses"][1] if "responses" in top else None
    if node is not None and not isinstance(node, SequenceNode):
        reader.problem(node, "responses must be a list")
        node = None
    for item in node.value if node is not None else ():
        fields = reader.mapping(item, "a response")
        reader.only_keys(fields, RESPONSE_KEYS, "a response")
        missing = [key for key in ("at", "role", "channel", "text") if key not in fields]
        if missing:
            reader.problem(item, f"a response needs {', '.join(repr(key) for key in missing)}")
            continue
        at = reader.duration(fields["at"][1], "at")
        if at is not None and at >= scenario.duration:
            reader.problem(fields["at"][1], f"at {at}s is not before the end of the drill ({scenario.duration}s)")
            at = None
        roles = reader.id_list(fields["role"][1], "role", scenario.roles)
        channels = reader.id_list(fields["channel"][1], "channel", scenario.channels)
        text = reader.text(fields["text"][1], "text")
        reply_to = reader.text(fields["reply_to"][1], "reply_to") if "reply_to" in fields else None
        if text is not None and not text.strip():
            reader.problem(fields["text"][1], "text is empty")
            text = None
        if None in (at, text) or not roles or not channels:
            continue
        mark = item.start_mark
        result.append(ScriptedResponse(at, roles[0], channels[0], text, reply_to,
                                       Problem(source, mark.line + 1, mark.column + 1, "")))
    if reader.problems:
        raise ScenarioError(reader.problems)
    return sorted(result, key=lambda response: response.at)  # stable: file order within a second
