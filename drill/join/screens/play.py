"""Play, for one seat: the same feed and panels, the seat's own line, and what this seat may use.

A role's seat writes as its role only, on the scenario's channels or to team members;
the facilitator's seat has the roster instead of a composer, and its queue (format 2:
the decisions waiting for a choice, the injects held for release); an observer's seat
reads, and notes what it sees (F9).
"""

from __future__ import annotations

from textual.app import ComposeResult

from drill.join.remote import RELAY_PREFIX
from drill.join.widgets.roster import RosterPanel
from drill.join.widgets.seat_bar import SeatBar
from drill.tui.screens.play import PlayScreen
from drill.tui.widgets.composer import Composer
from drill.tui.widgets.facilitator_queue import FacilitatorQueue
from drill.tui.widgets.open_asks import OpenAsks
from drill.tui.widgets.social_feed import SocialFeed


def team_destinations(scenario, role: str) -> list[tuple[str, str]]:
    """A role's other destinations, after the channels: the whole team, then each other role."""
    others = [(f"Team: {other.name}", f"{RELAY_PREFIX}{other.id}") for other in scenario.roles.values()
              if other.id != role]
    return [("Team: every role", f"{RELAY_PREFIX}*"), *others]


class SeatPlayScreen(PlayScreen):
    def compose(self) -> ComposeResult:
        if self.app.live.role is None:
            self.AUTO_FOCUS = "#feed-log"  # nothing to type here: the feed scrolls with the arrow keys
        yield from super().compose()

    def compose_side(self) -> ComposeResult:
        if self.app.live.is_facilitator:
            yield RosterPanel(id="roster")
            yield FacilitatorQueue(id="queue")
        yield OpenAsks(id="asks")
        yield SocialFeed(id="social")

    def compose_bottom(self) -> ComposeResult:
        yield SeatBar(id="seat-bar")
        live, app = self.app.live, self.app
        if live.role is not None:
            yield Composer((app.draft, app.draft_role, app.draft_channel), id="composer", roles=(live.role,),
                           destinations=team_destinations(live.scenario, live.role))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return self.composer is not None
        return super().check_action(action, parameters)
