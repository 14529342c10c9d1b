"""Scenario formats 1 and 2: loading, validation and the scenario model.

Exports load on first use, so that a command needing only ``ScenarioError`` does
not pay for YAML and the scorer's criteria.
"""

from typing import TYPE_CHECKING

from drill.lazy_exports import lazy_getattr

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


__getattr__ = lazy_getattr(__name__, globals(), _EXPORTS)
