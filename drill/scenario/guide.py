"""Format 2's facilitator layer: what a facilitator reads, releases and checks, beside each inject.

None of it reaches the players by itself, and none of it changes when anything happens:
a title and severity to find an inject by, notes and a read-aloud script, what a good
team does (``expected``), warning signs (``red_flags``), what success looks like,
hints released on a stalled room, answers to likely questions (``if_asked``), files
beside the scenario (``attachments``) and a free ``meta`` map kept as written. The
scenario's own ``guide`` is the facilitator's briefing for the whole exercise.

The reader takes the loader's node reader, so every problem is collected with the
rest, at the line and column of the value at fault.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drill.scenario.limits import MAX_GUIDE_ITEMS, MAX_META_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS
from drill.scenario.model import Hint, IfAsked, InjectGuide
from drill.scenario.yamlnodes import plain_value

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.loader import _Reader

GUIDE_KEYS = frozenset({
    "title", "severity", "tags", "notes", "read_aloud", "expected", "red_flags", "success", "hints",
    "if_asked", "attachments", "meta", "preflight",
})


def read_guide(reader: "_Reader", fields: dict[str, tuple[Node, Node]], label: str) -> InjectGuide | None:
    """The facilitator layer among an inject's ``fields``, or None if it has none."""
    if not GUIDE_KEYS & fields.keys():
        return None

    def get(key: str) -> Node | None:
        return fields[key][1] if key in fields else None

    def text(key: str, max_chars: int = MAX_TEXT_CHARS) -> str:
        node = get(key)
        return (reader.text(node, f"{label} {key}", max_chars) or "") if node is not None else ""

    return InjectGuide(
        title=text("title", MAX_NAME_CHARS),
        severity=text("severity", MAX_NAME_CHARS),
        tags=texts(reader, get("tags"), f"{label} tags", MAX_NAME_CHARS),
        notes=text("notes"),
        read_aloud=text("read_aloud"),
        expected=texts(reader, get("expected"), f"{label} expected"),
        red_flags=texts(reader, get("red_flags"), f"{label} red_flags"),
        success=texts(reader, get("success"), f"{label} success"),
        hints=_hints(reader, get("hints"), label),
        if_asked=_if_asked(reader, get("if_asked"), label),
        attachments=_attachments(reader, get("attachments"), label),
        meta=read_meta(reader, get("meta"), label),
        preflight=texts(reader, get("preflight"), f"{label} preflight"),
    )


def items(reader: "_Reader", node: Node | None, what: str) -> list[Node]:
    """A list's items (a single value stands for a list of one), at most ``MAX_GUIDE_ITEMS``."""
    if node is None:
        return []
    items = node.value if isinstance(node, SequenceNode) else [node]
    if len(items) > MAX_GUIDE_ITEMS:
        reader.problem(node, f"{what} may list at most {MAX_GUIDE_ITEMS} items ({len(items):,})")
        return []
    return items


def texts(reader: "_Reader", node: Node | None, what: str, max_chars: int = MAX_TEXT_CHARS) -> tuple[str, ...]:
    found = []
    for item in items(reader, node, what):
        value = reader.text(item, f"{what} item", max_chars)
        if value is not None and value.strip():
            found.append(value)
    return tuple(found)


def _hints(reader: "_Reader", node: Node | None, label: str) -> tuple[Hint, ...]:
    hints = []
    for item in items(reader, node, f"{label} hints"):
        if isinstance(item, ScalarNode):  # a bare text: released by the facilitator only
            value = reader.text(item, f"{label} hint")
            if value:
                hints.append(Hint(None, value))
            continue
        entries = reader.mapping(item, f"{label} hint")
        reader.only_keys(entries, {"after", "text"}, f"{label} hint")
        if "text" not in entries:
            reader.problem(item, f"{label} hint needs 'text'")
            continue
        value = reader.text(entries["text"][1], f"{label} hint text")
        after = reader.duration(entries["after"][1], f"{label} hint after") if "after" in entries else None
        if value:
            hints.append(Hint(after, value))
    return tuple(hints)


def _if_asked(reader: "_Reader", node: Node | None, label: str) -> tuple[IfAsked, ...]:
    found = []
    for item in items(reader, node, f"{label} if_asked"):
        entries = reader.mapping(item, f"{label} if_asked item")
        reader.only_keys(entries, {"question", "answer"}, f"{label} if_asked item")
        missing = [key for key in ("question", "answer") if key not in entries]
        if missing:
            reader.problem(item, f"{label} if_asked item needs {' and '.join(repr(key) for key in missing)}")
            continue
        question = reader.text(entries["question"][1], f"{label} if_asked question")
        answer = reader.text(entries["answer"][1], f"{label} if_asked answer")
        if question and answer:
            found.append(IfAsked(question, answer))
    return tuple(found)


def _attachments(reader: "_Reader", node: Node | None, label: str) -> tuple[str, ...]:
    """Relative paths inside the scenario's folder; whether each file exists is checked where files are read."""
    paths = []
    for item in items(reader, node, f"{label} attachments"):
        value = reader.text(item, f"{label} attachment", 500)
        if value is None:
            continue
        path = value.replace("\\", "/")
        normal = posixpath.normpath(path)
        if not path.strip() or path.startswith("/") or (len(path) > 1 and path[1] == ":") or normal.startswith(".."):
            reader.problem(item, f"{label} attachment {value!r} must be a path inside the scenario's folder")
            continue
        exists = getattr(reader, "attachment_exists", None)
        if exists is not None and not exists(normal):
            reader.problem(item, f"{label} attachment {value!r}: no such file beside the scenario")
            continue
        paths.append(normal)
    return tuple(paths)


def read_meta(reader: "_Reader", node: Node | None, label: str) -> dict[str, Any]:
    """A free map of plain values, kept as written and never interpreted."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        reader.problem(node, f"{label} meta must be a mapping")
        return {}
    entries = reader.mapping(node, f"{label} meta")
    meta = {key: plain_value(value_node) for key, (_, value_node) in entries.items()}
    if len(json.dumps(meta, ensure_ascii=False)) > MAX_META_CHARS:
        reader.problem(node, f"{label} meta is larger than {MAX_META_CHARS:,} characters as JSON")
        return {}
    return meta


def read_scenario_guide(reader: "_Reader", node: Node | None) -> str:
    """The scenario's ``guide``: the facilitator's briefing for the whole exercise."""
    if node is None:
        return ""
    return reader.text(node, "guide") or ""
