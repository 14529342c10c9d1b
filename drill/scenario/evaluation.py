"""Format 2's evaluation layer: evaluator criteria, rating scales and findings written in advance.

An objective may list the criteria an evaluator looks for (HSEEP's Exercise Evaluation Guide
style) and the scale it is rated on; a scenario may set the scale for every objective
(HSEEP's P, S, M and U unless it says otherwise). ``findings`` are what the exercise was written
to reveal, each with a priority, the injects that expose it and the corrective actions its
author recommends; they are shown as the author's, never as something the drill observed.

Like the facilitator layer, the reader takes the loader's node reader, so every problem is
collected with the rest at the line and column of the value at fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node, ScalarNode

from drill.scenario.guide import items, texts
from drill.scenario.limits import MAX_NAME_CHARS
from drill.scenario.model import Finding, Rating

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.loader import _Reader

PRIORITIES = ("high", "medium", "low")
MAX_SCALE_STEPS = 10
FINDING_KEYS = {"title", "text", "priority", "injects", "actions"}


def read_criteria(reader: "_Reader", node: Node, what: str) -> tuple[str, ...]:
    return texts(reader, node, f"{what} criteria")


def read_rating_scale(reader: "_Reader", node: Node, what: str) -> tuple[Rating, ...] | None:
    """A scale: its steps in order, best first, each a label (``Clear / workable``) or ``{id: C, text: ...}``.

    An evaluator records a step by its id; a bare label is its own id.
    """
    steps = items(reader, node, f"{what} rating_scale")
    if len(steps) < 2:
        reader.problem(node, f"{what} rating_scale needs at least two steps")
        return None
    if len(steps) > MAX_SCALE_STEPS:
        reader.problem(node, f"{what} rating_scale may have at most {MAX_SCALE_STEPS} steps ({len(steps)})")
        return None
    scale: list[Rating] = []
    for step in steps:
        if isinstance(step, MappingNode):
            entries = reader.mapping(step, f"{what} rating step")
            reader.only_keys(entries, {"id", "text"}, f"{what} rating step")
            if "id" not in entries or "text" not in entries:
                reader.problem(step, f"{what} rating step needs 'id' and 'text' (or is a label alone)")
                continue
            step_id = reader.text(entries["id"][1], f"{what} rating id", MAX_NAME_CHARS)
            text = reader.text(entries["text"][1], f"{what} rating text", MAX_NAME_CHARS)
        else:
            step_id = text = reader.text(step, f"{what} rating step", MAX_NAME_CHARS)
        if not step_id or not step_id.strip() or text is None:
            if step_id is not None:
                reader.problem(step, f"{what} rating step is empty")
            continue
        step_id = step_id.strip()
        if any(known.id == step_id for known in scale):
            reader.problem(step, f"{what} rating_scale names {step_id!r} twice")
            continue
        scale.append(Rating(step_id, text.strip()))
    return tuple(scale) if len(scale) == len(steps) else None


def read_findings(reader: "_Reader", node: Node | None, inject_ids: set[str]) -> tuple[Finding, ...]:
    """The scenario's ``findings``: each ``{title, text?, priority?, injects?, actions?}``."""
    found: list[Finding] = []
    for number, item in enumerate(items(reader, node, "findings"), 1):
        what = f"finding {number}"
        if isinstance(item, ScalarNode):
            reader.problem(item, f"{what} is a mapping: {{title: ..., priority: high, injects: [...], actions: [...]}}")
            continue
        entries = reader.mapping(item, what)
        reader.only_keys(entries, FINDING_KEYS, what)
        if "title" not in entries:
            reader.problem(item, f"{what} needs a title")
            continue
        title = reader.text(entries["title"][1], f"{what} title", MAX_NAME_CHARS)
        text = reader.text(entries["text"][1], f"{what} text") if "text" in entries else ""
        priority = None
        if "priority" in entries:
            priority = reader.text(entries["priority"][1], f"{what} priority")
            if priority is not None and priority not in PRIORITIES:
                reader.problem(entries["priority"][1], f"{what} priority is high, medium or low, not {priority!r}")
                priority = None
        injects = reader.id_list(entries["injects"][1], "inject", inject_ids) if "injects" in entries else ()
        actions = texts(reader, entries["actions"][1], f"{what} actions") if "actions" in entries else ()
        if title:
            found.append(Finding(title, text or "", priority, injects, actions))
    return tuple(found)
