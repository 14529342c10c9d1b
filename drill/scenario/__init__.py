"""Scenario format v1: loading, validation and the scenario model.

Exports load on first use, so that a command needing only ``ScenarioError`` does
not pay for YAML and the scorer's criteria.
"""

from typing import TYPE_CHECKING

_EXPORTS = {
    "load_scenario": "loader",
    "Scenario": "model", "Inject": "model", "Role": "model", "Channel": "model", "Expectation": "model",
    "Problem": "problems", "ScenarioError": "problems",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.loader import load_scenario
    from drill.scenario.model import Channel, Expectation, Inject, Role, Scenario
    from drill.scenario.problems import Problem, ScenarioError


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drill.scenario' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
