"""Scenario format v1: loading, validation and the scenario model."""

from drill.scenario.loader import load_scenario
from drill.scenario.model import Channel, Expectation, Inject, Role, Scenario
from drill.scenario.problems import Problem, ScenarioError

__all__ = ["load_scenario", "Scenario", "Inject", "Role", "Channel", "Expectation", "Problem", "ScenarioError"]
