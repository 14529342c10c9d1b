"""`drill lint`: is this a good drill? Warnings about its design, each at ``file:line:col``.

A scenario that validates can be played; one that lints clean also exercises what a
drill is for: every role is drawn in, every objective is tested by an ask, the public
has something to notice, the pressure rises, the story goes on past the fix (the
post-mortem, the make-good, rebuilding trust), and the debrief has questions. Each
check names what is missing and where to add it; none of them is an error.
"""

from __future__ import annotations

from typing import Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drill.scenario.loader import load_scenario
from drill.scenario.model import Inject, Scenario
from drill.scenario.problems import Problem
from drill.scenario.yamlnodes import parse_yaml
from scoring.objectives import timing_item_id

# Injects that raise the pressure: the press calls, the executives ask, a customer escalates.
ESCALATIONS = ("press_call", "exec_request")
RESOLVED = "resolved"


def lint(text: str | bytes, source: str) -> list[Problem]:
    """Design warnings for a scenario (which must load: ScenarioError otherwise), in file order."""
    scenario = load_scenario(text, source)
    places = _Places(parse_yaml(text, source), source)
    warnings: list[Problem] = []
    for check in CHECKS:
        for node_path, message in check(scenario):
            warnings.append(places.at(node_path, f"lint: {message}"))
    return sorted(warnings)


Finding = tuple[tuple[str, ...], str]  # where (a path of keys, or "inject" and an id) and what


def _roles_reached(scenario: Scenario) -> list[Finding]:
    reached = {role for inject in scenario.injects for role in inject.to}
    return [(("roles", role_id), f"role {role_id} receives no inject: give it something to act on, "
                                 "or leave it out")
            for role_id in scenario.roles if role_id not in reached]


def _objectives_tested(scenario: Scenario) -> list[Finding]:
    tested = {inject.expects.objective for inject in scenario.injects if inject.expects and inject.expects.objective}
    return [(("objectives", objective_id), f"objective {objective_id} is tested by no ask: link one with "
                                           "`expects: {objective: " + objective_id + "}`")
            for objective_id in scenario.objectives
            if objective_id not in tested and timing_item_id(objective_id) is None]


def _conditions_can_matter(scenario: Scenario) -> list[Finding]:
    findings: list[Finding] = []
    for inject in scenario.injects:
        if inject.unless_posted is not None and inject.at == 0:
            findings.append((("inject", inject.id, "unless"),
                             f"inject {inject.id} is due at T+0, before anyone can post on "
                             f"{inject.unless_posted}: its `unless` can never skip it"))
        if inject.after is not None and inject.after.kind == "posted" and not _asked_on(scenario, inject.after.ref):
            findings.append((("inject", inject.id, "after"),
                             f"inject {inject.id} fires only once the team posts on {inject.after.ref}, "
                             "which no ask asks for: a team may never trigger it"))
    return findings


def _public_notices(scenario: Scenario) -> list[Finding]:
    if scenario.public or any(inject.type in ("social_post", "press_call") for inject in scenario.injects):
        return []
    return [(("injects",), "the public has no reason to notice: add a social_post or press_call inject, "
                           "or a `public:` block")]


def _pressure_rises(scenario: Scenario) -> list[Finding]:
    if any(inject.type in ESCALATIONS for inject in scenario.injects):
        return []
    return [(("injects",), "nothing escalates: add a press_call or an exec_request so the pressure rises")]


def _story_goes_on_past_the_fix(scenario: Scenario) -> list[Finding]:
    resolved = _resolving(scenario)
    if resolved is None:
        return [(("injects",), "the incident never reaches phase resolved: add a fact_update with "
                               "`facts: {phase: resolved}` and what follows it")]
    after = _after(scenario, resolved)
    if not any(inject.expects is not None for inject in after):
        return [(("inject", resolved.id), f"nothing is asked after inject {resolved.id} sets phase resolved: "
                                          "ask for the post-mortem note, the make-good and a statement that "
                                          "rebuilds trust")]
    return []


def _debrief_exists(scenario: Scenario) -> list[Finding]:
    return [] if scenario.debrief else [((), "no debrief questions: add `debrief: [...]` for the hot wash")]


CHECKS: tuple[Callable[[Scenario], list[Finding]], ...] = (
    _roles_reached, _objectives_tested, _conditions_can_matter, _public_notices, _pressure_rises,
    _story_goes_on_past_the_fix, _debrief_exists,
)


def _asked_on(scenario: Scenario, channel_id: str) -> bool:
    group = scenario.channel_group(channel_id)
    for inject in scenario.injects:
        expects = inject.expects
        if expects is not None and (not expects.channels or group & set(expects.channels)):
            return True
    return False


def _resolving(scenario: Scenario) -> Inject | None:
    """The first inject (by its earliest time) that sets the phase to resolved."""
    times = _earliest_times(scenario)
    resolving = [inject for inject in scenario.injects if inject.facts.get("phase") == RESOLVED]
    return min(resolving, key=lambda inject: times.get(inject.id, float("inf")), default=None)


def _after(scenario: Scenario, resolving: Inject) -> list[Inject]:
    """Injects that can only come after ``resolving``: later by the clock, or following it."""
    times = _earliest_times(scenario)
    since = times.get(resolving.id, 0)
    followers = {resolving.id}
    changed = True
    while changed:  # injects after the one that resolves, and after those
        changed = False
        for inject in scenario.injects:
            if inject.after and inject.id not in followers and any(
                    (trigger.ref.rpartition(".")[0] if trigger.kind == "chose" else trigger.ref) in followers
                    for trigger in inject.after.triggers if trigger.kind != "posted"):
                followers.add(inject.id)
                changed = True
    return [inject for inject in scenario.injects
            if inject.id != resolving.id and (inject.id in followers or times.get(inject.id, -1) > since)]


def _earliest_times(scenario: Scenario) -> dict[str, float]:
    times: dict[str, float] = {inject.id: inject.at for inject in scenario.injects if inject.at is not None}
    for _ in scenario.injects:  # as many rounds as the longest chain of `after`s can need
        grew = False
        for inject in scenario.injects:
            if inject.id in times or inject.after is None:
                continue
            known = [base + trigger.delay for trigger in inject.after.triggers
                     if (base := _trigger_base(trigger, times)) is not None]
            if known:
                times[inject.id] = min(known)
                grew = True
        if not grew:
            break
    return times


def _trigger_base(trigger, times: dict[str, float]) -> float | None:
    """When a condition can first be met: a post from T+0, an inject once delivered, a choice once offered."""
    if trigger.kind == "posted":
        return 0
    return times.get(trigger.ref.rpartition(".")[0] if trigger.kind == "chose" else trigger.ref)


class _Places:
    """Where a finding points: the node of a key path, or of an inject by id (else the nearest parent)."""

    def __init__(self, root: Node | None, source: str):
        self.root, self.source = root, source

    def at(self, path: tuple[str, ...], message: str) -> Problem:
        node = self._find(path)
        mark = node.start_mark if node is not None else None
        return Problem(self.source, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message)

    def _find(self, path: tuple[str, ...]) -> Node | None:
        node = self.root
        if path[:1] == ("inject",):
            injects = _value(node, "injects")
            node = next((item for item in (injects.value if isinstance(injects, SequenceNode) else [])
                         if isinstance(_value(item, "id"), ScalarNode) and _value(item, "id").value == path[1]),
                        injects)
            path = path[2:]
        for key in path:
            found = _key(node, key)
            if found is None:
                break
            node = found if key == path[-1] else _value(node, key)
        return node


def _key(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        return next((k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    return None


def _value(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    return None

