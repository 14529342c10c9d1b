"""What the facilitator's guide (Ctrl+G) would show: asked on every footer refresh, so kept apart from the
guide's screen, which is imported only once it opens."""

from __future__ import annotations

from drill.scenario.model import HSEEP_SCALE, Scenario


def has_guide(scenario: Scenario) -> bool:
    """Whether the scenario gives the facilitator anything the guide shows."""
    return bool(scenario.guide or scenario.tags or scenario.meta or scenario.findings or scenario.objective_criteria
                or scenario.objective_scales or scenario.rating_scale != HSEEP_SCALE or preflight_checks(scenario))


def preflight_checks(scenario: Scenario) -> list[tuple[str, str]]:
    """(inject id, check) for every check an inject asks for before the session, in scenario order."""
    return [(inject.id, check) for inject in scenario.injects if inject.guide is not None
            for check in inject.guide.preflight]
