"""Rewriting a format 1 scenario as format 2, without losing a comment or a line.

Format 2 reads everything format 1 says the same way, so the upgrade changes the
``format`` value alone; the text around it (comments, layout, quoting) is kept as
written, and the result is loaded to check it is the same scenario.
"""

from __future__ import annotations

from dataclasses import replace

from yaml.nodes import MappingNode, ScalarNode

from drill.scenario.loader import FORMAT_VERSION, load_scenario
from drill.scenario.model import Scenario
from drill.scenario.problems import Problem, ScenarioError
from drill.scenario.yamlnodes import parse_yaml


def upgraded_text(text: str, source: str) -> tuple[str, Scenario]:
    """``text`` as format 2, and the scenario it holds. Raises ScenarioError if the file does not load
    (every problem, as `drill validate` gives them) or is already format 2."""
    before = load_scenario(text, source)
    if before.format >= FORMAT_VERSION:
        raise ScenarioError([Problem(source, 1, 1, f"already format {before.format}: nothing to upgrade")])
    root = parse_yaml(text, source)
    assert isinstance(root, MappingNode)  # it loaded
    node = next(value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "format")
    start, end = node.start_mark.index, node.end_mark.index
    upgraded = text[:start] + str(FORMAT_VERSION) + text[end:]
    after = load_scenario(upgraded, source)
    if replace(after, format=before.format) != before:  # pragma: no cover - format 2 reads format 1 alike
        raise ScenarioError([Problem(source, node.start_mark.line + 1, node.start_mark.column + 1,
                                     "format 2 would read this file differently; it was not rewritten")])
    return upgraded, after
