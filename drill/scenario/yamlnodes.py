"""Safe YAML parsing that keeps every value's position.

The scenario loader works on PyYAML's composed node tree rather than on
constructed Python objects, for two reasons: every problem can name the line
and column of the offending key, and nothing is ever expanded or constructed
that the loader did not ask for. Anchors and aliases are refused while
parsing, so an alias bomb costs nothing; explicit tags are refused, the
standard ones (``!!str``, ``!!int``, ``!``) as much as ``!!python/...``; scalars
are read by the loader itself, so YAML 1.1 surprises such as ``1:30`` meaning
90 or ``no`` meaning False never reach the engine.

libyaml composes about twenty times faster than the pure-Python loader, but its
composed nodes no longer say whether a tag was written: ``!!int 5`` and ``5``
compose alike. So when a ``!``, ``&`` or ``*`` stands where a node could begin, the
events are read first (nothing is composed) and the first tag, anchor or alias is
refused where it stands, as the pure-Python fallback refuses it.
"""

from __future__ import annotations

import math
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drill.scenario.limits import MAX_DEPTH, MAX_SOURCE_BYTES
from drill.scenario.problems import Problem, ScenarioError

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STANDARD_TAG_PREFIX + name
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


# Where a tag (!), an anchor (&) or an alias (*) could begin a node: at the start, or after
# white space or an indicator. "Great!" cannot hold one; a text without a match holds none.
_MAY_TAG_OR_ANCHOR = re.compile(r"(?:\A|[\s\ufeff\[\]{},:?-])[!&*]")

# libyaml parses about twenty times faster; the pure-Python loader is the fallback.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


class _PositionalLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, explicit tags and deep nesting."""

    def __init__(self, stream: str, source: str):
        super().__init__(stream)
        self.source = source
        self._depth = 0

    def _refuse(self, mark: yaml.Mark, message: str) -> None:
        raise ScenarioError([Problem(self.source, mark.line + 1, mark.column + 1, message)])

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._refuse(event.start_mark, f"aliases (*{event.anchor}) are not allowed")
        if getattr(event, "anchor", None):
            self._refuse(event.start_mark, f"anchors (&{event.anchor}) are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None:  # an untagged node, quoted or not, has none: any tag was written
            self._refuse(event.start_mark, f"explicit tags ({tag}) are not allowed")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._refuse(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def parse_yaml(text: str | bytes, source: str) -> Node | None:
    """Compose one YAML document into a node tree, or raise ScenarioError.

    Returns None for an empty document.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_SOURCE_BYTES:
            raise ScenarioError([Problem(source, 1, 1, f"file is larger than {MAX_SOURCE_BYTES:,} bytes")])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ScenarioError([Problem(source, 1, 1, f"not UTF-8 text ({error.reason} at byte {error.start})")])
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SOURCE_BYTES:
        raise ScenarioError([Problem(source, 1, 1, f"file is larger than {MAX_SOURCE_BYTES:,} bytes")])
    loader = None
    try:
        if _FAST_LOADER is not None:
            if _MAY_TAG_OR_ANCHOR.search(text):
                _check_events(text, source)
            node = yaml.compose(text, Loader=_FAST_LOADER)
            if node is not None:
                _check_tree(node, source)
            return node
        loader = _PositionalLoader(text, source)
        node = loader.get_single_node()
    except ScenarioError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise ScenarioError([Problem(source, line, column, f"YAML syntax: {message}")]) from None
    except yaml.reader.ReaderError as error:  # control characters and the like
        line, column = _line_column(text, error.position)
        raise ScenarioError([Problem(source, line, column, f"YAML: {error.reason} (#x{error.character:04x})")]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(source, 1, 1, f"YAML: {error}")]) from None
    except RecursionError:
        raise ScenarioError([Problem(source, 1, 1, "YAML nested too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        _check_tree(node, source)
    return node


def _check_events(text: str, source: str) -> None:
    """Refuse the first explicit tag, anchor or alias, and deep nesting, from libyaml's events."""
    loader = _FAST_LOADER(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                _refuse(event, source, "anchors and aliases (&name, *name) are not allowed")
            tag = getattr(event, "tag", None)
            if tag is not None:
                _refuse(event, source, f"explicit tags ({tag}) are not allowed")
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, (yaml.CollectionStartEvent, yaml.ScalarEvent)):
                if depth + 1 > MAX_DEPTH:  # the depth of this node, the document's root being 1
                    _refuse(event, source, f"nesting deeper than {MAX_DEPTH} levels")
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
    finally:
        loader.dispose()


def _refuse(event: yaml.Event, source: str, message: str) -> None:
    mark = event.start_mark
    raise ScenarioError([Problem(source, mark.line + 1, mark.column + 1, message)])


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _check_tree(node: Node, source: str) -> None:
    """Refuse reused nodes (aliases), explicit tags and deep nesting, without recursion.

    libyaml composes an alias as a second reference to the anchored node, so a
    node met twice is an alias; stopping there keeps an alias bomb cheap.
    """
    seen: set[int] = set()
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            raise ScenarioError([at(current, source, "anchors and aliases (&name, *name) are not allowed")])
        seen.add(id(current))
        if current.tag not in _ALLOWED_TAGS:
            raise ScenarioError([at(current, source, f"explicit tags ({current.tag}) are not allowed")])
        if depth > MAX_DEPTH:
            raise ScenarioError([at(current, source, f"nesting deeper than {MAX_DEPTH} levels")])
        if isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
        elif isinstance(current, SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)


def at(node: Node, source: str, message: str) -> Problem:
    mark = node.start_mark
    return Problem(source, mark.line + 1, mark.column + 1, message)


def plain_value(node: Node):
    """A node as plain JSON-compatible Python data (used for free-form blocks like facts).

    Scalars are read conservatively: integers, floats, true/false, null;
    everything else stays a string.
    """
    if isinstance(node, MappingNode):
        return {str(key.value): plain_value(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [plain_value(item) for item in node.value]
    return scalar(node)


def scalar(node: ScalarNode):
    text = node.value
    if node.style:  # quoted or block scalars are always text (libyaml marks plain ones with "")
        return text
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("null", "~", ""):
        return None
    digits = text.lstrip("+-").replace("_", "")
    if digits.isdigit() and len(digits) < 19:
        return int(text.replace("_", ""))
    if _FLOAT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else text  # 1e999 is not a number JSON can carry
    return text


_FLOAT = re.compile(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d{1,3})?")
