"""The map file (``drill import --map MAP.yaml``): which column of an unusual sheet holds what.

```yaml
columns:          # required: a header as the sheet writes it -> the field it fills
  When: time
  Body: text
  Who: to
  Owner: meta     # kept in each inject's meta under its header's name
  Scratch: ignore
roles: {ic: Incident Commander, ops: Operations}   # optional: the only roles a To cell may name
types: {Carrier pigeon: note}                     # optional: a Delivery Method or Inject Type value -> a type
header_row: 3     # optional: the row the headers are on (default: the first that reads as one)
sheet: MSEL       # optional: the worksheet of a workbook (default: the first with a header row)
```

Headers not named keep their usual meaning. Read with drill's safe YAML reader; every problem is
reported at the line and column of the value at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from drill.msel.columns import FIELDS, normalise
from drill.scenario.limits import MAX_ID_CHARS, MAX_NAME_CHARS, MAX_ROLES
from drill.scenario.loader import KEY_PATTERN
from drill.scenario.model import FACILITATOR, INJECT_TYPES
from drill.scenario.problems import Problem, ScenarioError
from drill.scenario.yamlnodes import at, parse_yaml

MAP_KEYS = ("columns", "roles", "types", "header_row", "sheet")


@dataclass(frozen=True)
class ColumnMap:
    columns: dict[str, str] = field(default_factory=dict)  # normalised header -> field
    roles: dict[str, str] | None = None  # id -> name
    types: dict[str, str] = field(default_factory=dict)  # normalised value -> inject type
    header_row: int | None = None
    sheet: str | None = None


def read_map(path: Path) -> ColumnMap:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ScenarioError([Problem(source, 1, 1, f"cannot read: {error.strerror or error}")]) from None
    return parse_map(data, source)


def parse_map(text: str | bytes, source: str) -> ColumnMap:
    root = parse_yaml(text, source)
    problems: list[Problem] = []
    if not isinstance(root, MappingNode):
        raise ScenarioError([Problem(source, 1, 1, "a map file is a mapping with at least 'columns'")])
    top = _entries(root, source, problems)
    for key, (key_node, _) in top.items():
        if key not in MAP_KEYS:
            problems.append(at(key_node, source, f"unknown key {key!r} in the map file (known: {', '.join(MAP_KEYS)})"))
    if "columns" not in top:
        problems.append(at(root, source, "the map file needs 'columns': each header -> the field it fills"))
    columns = {}
    for header, (key_node, value) in _entries(top.get("columns", (None, None))[1], source, problems).items():
        chosen = _text(value, source, problems, "field")
        if chosen is not None and chosen not in FIELDS:
            problems.append(at(value, source, f"unknown field {chosen!r} (one of: {', '.join(FIELDS)})"))
        elif chosen is not None:
            columns[normalise(header)] = chosen
    roles = None
    if "roles" in top:
        roles = {}
        for role_id, (key_node, value) in _entries(top["roles"][1], source, problems).items():
            name = _text(value, source, problems, "role name")
            if not KEY_PATTERN.fullmatch(role_id) or len(role_id) > MAX_ID_CHARS or role_id == FACILITATOR:
                problems.append(at(key_node, source, f"role id {role_id!r} may only use letters, digits, '_' and '-' "
                                                     "(and is not 'facilitator')"))
            elif name is not None and len(name) > MAX_NAME_CHARS:
                problems.append(at(value, source, f"a role name may be at most {MAX_NAME_CHARS} characters"))
            elif name is not None:
                roles[role_id] = name
        if len(roles) > MAX_ROLES:
            problems.append(at(top["roles"][1], source, f"more than {MAX_ROLES} roles"))
    types = {}
    for name, (_, value) in _entries(top.get("types", (None, None))[1], source, problems).items():
        chosen = _text(value, source, problems, "type")
        if chosen is not None and chosen not in INJECT_TYPES:
            problems.append(at(value, source, f"unknown inject type {chosen!r} (one of: {', '.join(INJECT_TYPES)})"))
        elif chosen is not None:
            types[normalise(name)] = chosen
    header_row = None
    if "header_row" in top:
        value = _text(top["header_row"][1], source, problems, "header_row")
        if value is not None and (not value.isdigit() or not 1 <= int(value) <= 1000):
            problems.append(at(top["header_row"][1], source, "header_row is a row number, from 1"))
        elif value is not None:
            header_row = int(value)
    sheet = _text(top["sheet"][1], source, problems, "sheet") if "sheet" in top else None
    if problems:
        raise ScenarioError(problems)
    return ColumnMap(columns, roles, types, header_row, sheet)


def _entries(node: Node | None, source: str, problems: list[Problem]) -> dict[str, tuple[Node, Node]]:
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        problems.append(at(node, source, "expected a mapping here"))
        return {}
    entries = {}
    for key_node, value in node.value:
        if not isinstance(key_node, ScalarNode):
            problems.append(at(key_node, source, "keys must be plain text"))
        elif key_node.value in entries:
            problems.append(at(key_node, source, f"duplicate key {key_node.value!r}"))
        else:
            entries[key_node.value] = (key_node, value)
    return entries


def _text(node: Node, source: str, problems: list[Problem], what: str) -> str | None:
    if not isinstance(node, ScalarNode) or not node.value.strip():
        problems.append(at(node, source, f"{what} must be text"))
        return None
    return node.value.strip()
