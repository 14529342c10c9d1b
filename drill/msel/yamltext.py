"""Plain data as scenario YAML that people can read and drill reads back exactly.

``yaml.safe_dump`` does the quoting; on top of it a text that drill's own scalar reader would take
for a number or a boolean (``08``, ``1e3``) is quoted too, text with line breaks is written as a
literal block, nothing is ever written as an anchor or alias, and each inject is its own block.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode

from drill.scenario.yamlnodes import scalar


# libyaml's emitter is about fifty times faster than PyYAML's own on long texts; either writes the same
# values (libyaml does not indent a list under its key, which reads as well).
_BASE = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:  # the same list twice is written twice, never as *alias
        return True


def _text(dumper: yaml.SafeDumper, text: str) -> ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    node = dumper.represent_scalar("tag:yaml.org,2002:str", text)
    if scalar(ScalarNode("tag:yaml.org,2002:str", text, style=None)) != text:
        node.style = "'"  # drill reads plain scalars itself: "08" would be 8 there
    return node


class FlowList(list):
    """A short list written on one line: ``to: [ic, comms]``."""


class FlowDict(dict):
    """A short mapping written on one line: ``expects: {role: ic, within: 5m}``."""


def flow(value: list | dict, most: int = 100) -> list | dict:
    """``value`` on one line if it is short (measured as JSON), else as a block."""
    import json

    if len(json.dumps(value, ensure_ascii=False, default=str)) > most:
        return value
    return FlowList(value) if isinstance(value, list) else FlowDict(value)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))
_Dumper.add_representer(FlowDict, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))


def dump(data: Any) -> str:
    """One value as YAML text (keys in the order given, UTF-8 kept readable)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100)


def scenario_text(head: dict[str, Any], injects: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """The scenario: ``head``'s keys, then ``injects:`` with a blank line between injects; and the
    line (1-based) each inject's block starts on, to point a problem at its row of the sheet."""
    parts = [dump(head) + "injects:\n"]
    lines = parts[0].count("\n")
    starts = []
    for inject in injects:
        block = "".join("  " + line if line != "\n" else line for line in dump([inject]).splitlines(keepends=True))
        starts.append(lines + 1)
        parts.append(block + "\n")
        lines += block.count("\n") + 1
    return "".join(parts), starts
