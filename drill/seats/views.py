"""What a seat may know of the scenario: the ``scenario`` of its Welcome frame, and the play layer of
the injects that reach it.

Enough to lay out the screen (roles, channels and their limits, the org and its
people, whether the drill runs on a clock or in moves, and how many) and, for the
facilitator and observers, the objectives they judge the team by. Never the script:
no injects, facts, targets, weights or the public's parameters, which would tell a
player what is coming and how it is scored.

Format 2's decision points and questions are learnt as they arrive, never ahead:
each delivery a viewer sees carries the ``play`` of its inject (``inject_play``: the
options and who may choose, the questions and who answers them), so a branch that
never fires never shows its options to anyone. The facilitator's seat, which
releases held injects, is also told what waits in its queue: the injects held from
the start in the scenario view (``queue``), each later one with its ``inject_held``
(``held_inject``). No seat is sent the facilitator layer (notes, read-aloud,
hints...), and a role's seat neither a rubric's points nor a held inject's text
before it is released (then it is delivered as any other).
"""

from __future__ import annotations

from typing import Any, Mapping

from drill.scenario.model import FACILITATOR, Inject, Scenario

OBSERVER = "observer"  # the observer's viewer (drill.seats.audience.OBSERVER, the protocol's SEAT_OBSERVER)


def scenario_view(scenario: Scenario, viewer: str, started: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The scenario as JSON for ``viewer`` ("facilitator", "observer" or a role id).

    ``started``: the drill's ``drill_started`` data, whose summary, org and personas
    are the ones this drill drew (templates such as ``{fake.name}`` filled in);
    without it they are the scenario's as written.
    """
    if viewer not in (FACILITATOR, OBSERVER) and viewer not in scenario.roles:
        raise ValueError(f"unknown viewer {viewer!r}: the facilitator, the observer or a role")
    drawn = started or {}
    view: dict[str, Any] = {
        "id": scenario.id,
        "title": scenario.title,
        "summary": drawn.get("summary", scenario.summary),
        "duration": scenario.duration,
        "mode": scenario.mode,  # "clock", or "moves": numbered moves the facilitator starts, no running clock
        "moves": scenario.moves,
        "roles": {role.id: {"name": role.name, "brief": role.brief} for role in scenario.roles.values()},
        "channels": {channel.id: {"name": channel.name, "audience": channel.audience, "max_chars": channel.max_chars}
                     for channel in scenario.channels.values()},
        "org": dict(drawn.get("org", scenario.org)),
        "personas": {name: dict(fields) for name, fields in drawn.get("personas", scenario.personas).items()},
    }
    if viewer in (FACILITATOR, OBSERVER):
        view["objectives"] = dict(scenario.objectives)
    if viewer == FACILITATOR:
        view["queue"] = [{"id": inject.id, **held_inject(inject, 1)} for inject in scenario.injects
                         if inject.manual and inject.at is None and inject.after is None]
    return view


def inject_play(inject: Inject, viewer: str) -> dict[str, Any] | None:
    """What ``viewer`` is told, with a delivery of ``inject``, of its decision point and questions (None:
    it has neither): the options and the role that may choose (None: the facilitator only), and each
    question's id, text, role (None: any), time limit and grading; the rubric's points to the
    facilitator only (they are how the answer is scored)."""
    if not inject.options and not inject.questions:
        return None
    questions = []
    for question in inject.questions:
        shown: dict[str, Any] = {"id": question.id, "text": question.text, "role": question.role,
                                 "within": question.within, "grade": question.grade}
        if viewer == FACILITATOR and question.expect:
            shown["expect"] = list(question.expect)
        questions.append(shown)
    return {"options": [{"id": option.id, "text": option.text} for option in inject.options],
            "chooser": inject.chooser, "questions": questions}


def held_inject(inject: Inject, occurrence: int) -> dict[str, Any]:
    """What the facilitator's seat is shown of a held inject, to decide when to release it: its type,
    sender, addressees and text as written (placeholders are filled when it is delivered)."""
    return {"type": inject.type, "from": inject.sender, "to": list(inject.to), "text": inject.text_for(occurrence)}
