"""Format 2's play keys of an inject: answer slots, decision points, loops and manual release.

- ``questions``: answer slots, each ``{id, text, role?, within?, grade?, expect?}``; a response
  answers one with ``reply_to: INJECT.QUESTION``, and is graded as its ``grade`` says.
- ``options`` (and ``chooser``): a decision point; the choice is an event other injects
  can wait for with ``after: {chose: INJECT.OPTION}``.
- ``max_fires``: how often an inject's ``after`` conditions may fire it, so a story can loop.
- ``release: manual``: the inject waits in the facilitator's queue until released.

The reader takes the loader's node reader, so every problem is collected with the
rest, at the line and column of the value at fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import Node, SequenceNode

from drill.scenario.limits import MAX_GUIDE_ITEMS, MAX_NAME_CHARS, MAX_REPEAT
from drill.scenario.model import QUESTION_GRADES, Option, Question
from scoring.frozen import frozen

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.loader import _Reader

FLOW_KEYS = frozenset({"questions", "options", "chooser", "max_fires", "release", "move"})
QUESTION_KEYS = {"id", "text", "role", "within", "grade", "expect"}
OPTION_KEYS = {"id", "text"}


@frozen
class Flow:
    """What format 2's play keys of one inject say (empty when none is given)."""

    questions: tuple[Question, ...] = ()
    options: tuple[Option, ...] = ()
    chooser: str | None = None
    max_fires: int = 1
    manual: bool = False


def read_flow(reader: "_Reader", fields: dict[str, tuple[Node, Node]], label: str, roles: dict) -> Flow:
    """The play keys among an inject's ``fields`` (all optional)."""

    def get(key: str) -> Node | None:
        return fields[key][1] if key in fields else None

    options = _options(reader, get("options"), label) if get("options") is not None else ()
    chooser = None
    if get("chooser") is not None:
        named = reader.id_list(get("chooser"), "role", roles)
        chooser = named[0] if len(named) == 1 else None
        if len(named) > 1:
            reader.problem(get("chooser"), f"{label} chooser is one role")
        if not options:
            reader.problem(fields["chooser"][0], f"{label} has a chooser but no options to choose from")
    max_fires = 1
    if get("max_fires") is not None:
        max_fires = reader.integer(get("max_fires"), f"{label} max_fires", minimum=1, maximum=MAX_REPEAT) or 1
    manual = False
    if get("release") is not None:
        value = reader.text(get("release"), f"{label} release")
        if value is not None and value.strip() != "manual":
            reader.problem(get("release"), f"{label} release must be 'manual' (leave it out to deliver on time)")
        manual = value is not None and value.strip() == "manual"
    return Flow(
        questions=_questions(reader, get("questions"), label, roles) if get("questions") is not None else (),
        options=options, chooser=chooser, max_fires=max_fires, manual=manual,
    )


def _entries(reader: "_Reader", node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode) or not node.value:
        reader.problem(node, f"{what} must be a non-empty list")
        return []
    if len(node.value) > MAX_GUIDE_ITEMS:
        reader.problem(node, f"{what} may list at most {MAX_GUIDE_ITEMS} items ({len(node.value):,})")
        return []
    return node.value


def _unique_id(reader: "_Reader", fields: dict, item: Node, what: str, seen: set[str]) -> str | None:
    if "id" not in fields:
        reader.problem(item, f"{what} needs an 'id'")
        return None
    from drill.scenario.loader import ID_PATTERN

    value = reader.identifier(fields["id"][1], f"{what} id", ID_PATTERN)
    if value is not None and value in seen:
        reader.problem(fields["id"][1], f"duplicate {what} id {value!r}")
        return None
    if value is not None:
        seen.add(value)
    return value


def _entries_with_ids(reader: "_Reader", node: Node, label: str, what: str, keys: set[str]):
    """(item node, its fields, its id or None) for each entry of a list of ``what``s, ids unique."""
    seen: set[str] = set()
    for item in _entries(reader, node, f"{label} {what}s"):
        fields = reader.mapping(item, f"a {what}" if what[0] not in "aeiou" else f"an {what}")
        if not fields:
            continue
        reader.only_keys(fields, keys, f"a {what}" if what[0] not in "aeiou" else f"an {what}")
        yield item, fields, _unique_id(reader, fields, item, what, seen)


def _questions(reader: "_Reader", node: Node, label: str, roles: dict) -> tuple[Question, ...]:
    found: list[Question] = []
    for item, fields, question_id in _entries_with_ids(reader, node, label, "question", QUESTION_KEYS):
        text = reader.text(fields["text"][1], "question text") if "text" in fields else None
        if "text" not in fields:
            reader.problem(item, "a question needs a 'text'")
        role = None
        if "role" in fields:
            named = reader.id_list(fields["role"][1], "role", roles)
            role = named[0] if named else None
            if len(named) > 1:
                reader.problem(fields["role"][1], "a question is answered by one role (leave 'role' out for any)")
        within = None
        if "within" in fields:
            within = reader.duration(fields["within"][1], "question within")
            if within == 0:
                reader.problem(fields["within"][1], "question within must be longer than zero")
        expect = ()
        if "expect" in fields:
            expect = tuple(point for point_node in _entries(reader, fields["expect"][1], "question expect")
                           if (point := reader.text(point_node, "an expected point")) is not None and point.strip())
        grade = None
        if "grade" in fields:
            grade = reader.text(fields["grade"][1], "question grade")
            if grade is not None and grade not in QUESTION_GRADES:
                reader.problem(fields["grade"][1], f"question grade {grade!r} is one of {', '.join(QUESTION_GRADES)}")
                grade = None
        elif expect:
            grade = "rubric"
        if grade == "rubric" and not expect:
            reader.problem(fields["grade"][1], "grade: rubric needs 'expect': the points a good answer covers")
        if question_id is not None and text is not None:
            found.append(Question(question_id, text, role, within or None, grade, expect))
    return tuple(found)


def _options(reader: "_Reader", node: Node, label: str) -> tuple[Option, ...]:
    found: list[Option] = []
    for item, fields, option_id in _entries_with_ids(reader, node, label, "option", OPTION_KEYS):
        if "text" not in fields:
            reader.problem(item, "an option needs a 'text'")
            continue
        text = reader.text(fields["text"][1], "option text", MAX_NAME_CHARS * 4)
        if option_id is not None and text is not None:
            found.append(Option(option_id, text))
    return tuple(found)
