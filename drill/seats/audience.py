"""Who sees which event: the facilitator everything, an observer nearly everything, a role its share.

A viewer is ``"facilitator"``, ``"observer"`` or a role id. A role sees what the
people in that role would know in a real incident: the drill's frame, every
public event (the public is public), the injects and asks addressed to it, every
response (public channels are public; internal channels are the team's room),
the grades of its own responses, and the relays it sent or was sent. It never
sees the hidden truth (``facts_changed``), what the script skipped, the
facilitator's own notes, nor the evaluators'. Anything this module does not
know is kept from roles: a new kind of event must be let through on purpose.

Some events name only an id (``ask_answered`` names an ask, ``response_graded``
a response), so the filter learns from each event in order (``admit``) who an
ask or a response belongs to. What it learns never changes once learnt, so
whether a viewer sees an event does not depend on how many later events were
admitted: a seat catching up is shown what a seat connected all along was.

Format 2's play events: ``option_chosen`` and the ``question_*`` events reach the
roles that saw their inject (a social post every role); ``move_started`` every
role; ``inject_held``, ``inject_released`` (the facilitator's queue) and
``hot_wash_noted`` only the facilitator and observers (a released inject reaches
the roles as its ``inject_delivered``). Seats are told what a delivery offers as
they see it (``drill.seats.views.inject_play``), the facilitator what waits in its
queue (``held_inject``), never ahead.
"""

from __future__ import annotations

from typing import Any, Iterable

from drill.engine.events import Event, resolved
from drill.scenario.model import FACILITATOR, Scenario
from drill.seats.views import OBSERVER, held_inject, inject_play

# Events the drill's frame is made of, and every role sees.
_FRAME = frozenset({"drill_started", "participants_assigned", "drill_paused", "drill_resumed", "drill_ended",
                    "move_started"})
# Events about an inject a role was sent: its questions and the choice made at it. (A held inject's
# `inject_held` is the facilitator's queue, and stays with the facilitator and observers.)
_ABOUT_AN_INJECT = frozenset({"question_opened", "question_answered", "question_unanswered", "option_chosen"})
_ASK_EVENTS = frozenset({"ask_opened", "ask_overdue", "ask_answered", "ask_missed"})
# What an observer, there to evaluate the team, is not shown: the script's workings, not the team's.
_NOT_FOR_OBSERVERS = frozenset({"inject_skipped"})
_REDACTED_FOR_ROLES = {"drill_started": ("seed",)}  # the seed would let a player predict the script


class AudienceFilter:
    """Decides, for each event of one drill, which viewers see it. Call ``admit`` for every event, in order."""

    def __init__(self, scenario: Scenario) -> None:
        if OBSERVER in scenario.roles:
            raise ValueError(f"a role named {OBSERVER!r} cannot be told apart from the observer seat")
        self.scenario = scenario
        self._ask_roles: dict[str, tuple[str, ...]] = {}  # ask id -> the roles it asks (empty: any)
        self._response_role: dict[int, str] = {}  # response id -> the role that sent it
        self._inject_to: dict[str, tuple[str, ...]] = {}  # inject id -> the roles its first delivery went to
        self._last_seq = 0

    def admit(self, event: Event) -> None:
        """Learn what later events need from this one; an event admitted again is ignored."""
        if event.seq <= self._last_seq:
            return
        self._last_seq = event.seq
        data = event.data
        if event.kind == "ask_opened":
            self._ask_roles[data["ask_id"]] = tuple(data.get("roles") or ())
        elif event.kind == "response_recorded":
            self._response_role[data["response_id"]] = data["role"]
        elif event.kind == "inject_delivered" and not _for_the_facilitator_only(event):
            # A social post is public: every role saw it, whoever it was addressed to.
            to = () if data.get("type") == "social_post" else tuple(data.get("to") or ())
            self._inject_to.setdefault(data["inject_id"], to)

    def admit_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.admit(event)

    def sees(self, viewer: str, event: Event) -> bool:
        if viewer == FACILITATOR:
            return True
        if viewer == OBSERVER:
            return event.kind not in _NOT_FOR_OBSERVERS and not _for_the_facilitator_only(event)
        if viewer not in self.scenario.roles:
            raise ValueError(f"unknown viewer {viewer!r}: the facilitator, the observer or a role")
        return self._role_sees(viewer, event)

    def reached(self, viewer: str, inject_id: str) -> bool:
        """Whether ``viewer`` has been sent a delivery of ``inject_id`` (the facilitator and observers:
        whether it was delivered to any role), from what was admitted so far."""
        if viewer in (FACILITATOR, OBSERVER):
            return inject_id in self._inject_to
        to = self._inject_to.get(inject_id)
        return to is not None and (not to or viewer in to)

    def view(self, viewer: str, event: Event) -> dict[str, Any]:
        """The event as ``viewer`` receives it: plain JSON, redacted for roles, a scripted delivery with
        its inject's ``play`` (options, questions), a held inject with what the facilitator releases
        (``inject``, to the facilitator only). Assumes ``sees``."""
        data = {key: resolved(value) for key, value in event.data.items()}
        if viewer not in (FACILITATOR, OBSERVER):
            for key in _REDACTED_FOR_ROLES.get(event.kind, ()):
                data.pop(key, None)
        if event.kind == "inject_delivered" and not data.get("adhoc"):
            inject = self._scripted(data.get("inject_id"))
            play = inject_play(inject, viewer) if inject is not None else None
            if play is not None:
                data["play"] = play
        elif event.kind == "inject_held" and viewer == FACILITATOR:
            inject = self._scripted(data.get("inject_id"))
            if inject is not None:
                data["inject"] = held_inject(inject, int(data.get("occurrence") or 1))
        return {"seq": event.seq, "at": event.at, "kind": event.kind, "data": data}

    def _scripted(self, inject_id: object):
        """The scenario's inject of that id, or None (an ad-hoc inject's, a log's from elsewhere)."""
        try:
            return self.scenario.inject(inject_id) if isinstance(inject_id, str) else None
        except KeyError:
            return None

    def visible(self, viewer: str, events: Iterable[Event], after: int = 0) -> list[dict[str, Any]]:
        """What ``viewer`` sees of ``events`` past seq ``after``, admitting each (a catch-up or a preview)."""
        shown = []
        for event in events:
            self.admit(event)
            if event.seq > after and self.sees(viewer, event):
                shown.append(self.view(viewer, event))
        return shown

    def _role_sees(self, role: str, event: Event) -> bool:
        kind, data = event.kind, event.data
        if kind in _FRAME or kind.startswith("public_") or kind == "response_recorded":
            return True
        if kind == "inject_delivered":
            if _for_the_facilitator_only(event):
                return False
            to = data.get("to") or ()
            return not to or role in to or data.get("type") == "social_post"
        if kind in _ASK_EVENTS:
            roles = tuple(data.get("roles") or ()) if kind == "ask_opened" else self._ask_roles.get(data["ask_id"])
            return roles is not None and (not roles or role in roles)
        if kind == "response_graded":
            return self._response_role.get(data["response_id"]) == role
        if kind in _ABOUT_AN_INJECT:
            inject_id = data.get("inject_id") or str(data.get("question_id", "")).rpartition(".")[0]
            to = self._inject_to.get(inject_id)
            return to is not None and (not to or role in to)
        if kind == "relay_sent":
            to = data.get("to") or ()
            return data["role"] == role or not to or role in to
        # facts_changed, inject_skipped, evaluator_noted, inject_held, inject_released, hot_wash_noted,
        # and any kind not known here
        return False


def _for_the_facilitator_only(event: Event) -> bool:
    return event.kind == "inject_delivered" and list(event.data.get("to") or ()) == [FACILITATOR]
