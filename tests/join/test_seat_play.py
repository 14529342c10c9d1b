"""Format 2's play in a seat's app, against a real in-process server: the chooser's pick, a question
answered from the composer, the facilitator's release and next move, the header of a drill of moves."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from textual.widgets import Select, TextArea

from drill.engine.commands import Choose
from drill.join.app import make_seat_app
from drill.join.screens.choose import SeatChoiceScreen
from drill.join.screens.play import SeatPlayScreen
from drill.scenario import load_scenario
from drill.serve.drills import new_hosted_drill
from drill.tui.screens.decide import ChoiceScreen, ReleaseScreen
from drill.tui.widgets.facilitator_queue import FacilitatorQueue
from drill.tui.widgets.feed_log import FeedLog
from served import served, until

SIZE = (120, 40)
SCENARIOS = Path(__file__).parent.parent / "scenarios"


def run(test):
    @functools.wraps(test)
    def wrapped(*args, **kwargs):
        asyncio.run(asyncio.wait_for(test(*args, **kwargs), 120))

    return wrapped


def hosted(name: str):
    path = SCENARIOS / f"{name}.yaml"
    return new_hosted_drill(load_scenario(path.read_text(), str(path)), seed=1)


def seat_app(serve, seat: str):
    return make_seat_app(serve.url, serve.tokens[seat], name=seat.capitalize(), realtime=False)


def feed(app) -> str:
    return "\n".join(app.screen.query_one("#feed-log", FeedLog).shown_text())


def header(app) -> str:
    return str(app.screen.query_one("DrillHeader").render())


async def playing(pilot) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, SeatPlayScreen), what="the play screen")


def to_triage(serve) -> None:
    """The facilitator (at the server) lets the drill run and jumps to the decision at 5m."""
    serve.live.toggle_pause()
    serve.live.next_inject()


def chosen(serve) -> list[dict]:
    return [e.data for e in serve.live.shown_log if e.kind == "option_chosen"]


class Notices:
    def __init__(self, app) -> None:
        self.messages: list[str] = []
        notify = app.notify

        def record(message, **options):
            self.messages.append(str(message))
            notify(message, **options)

        app.notify = record


@run
async def test_the_chooser_seat_sees_the_decision_and_picks_an_option():
    async with served(hosted("branching")) as serve:
        app = seat_app(serve, "ic")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert not app.check_action("choose", ())  # nothing to decide yet
            to_triage(serve)
            await until(pilot, lambda: "What do you do first?" in feed(app), what="the question in the feed")
            assert "Pay the ransom" in feed(app) and "Restore from backups" in feed(app)
            assert "isolate the affected hosts" not in feed(app)  # the rubric is the facilitator's
            await until(pilot, lambda: app.check_action("choose", ()), what="Ctrl+O for the chooser")
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, SeatChoiceScreen), what="the choice dialog")
            await pilot.press("down", "enter")  # from Pay the ransom to Restore from backups
            await until(pilot, lambda: chosen(serve), what="the choice on the server")
            assert [(c["option_id"], c["role"]) for c in chosen(serve)] == [("restore", "ic")]
            assert isinstance(app.screen, SeatPlayScreen)
            await until(pilot, lambda: "Choice at triage" in feed(app), what="the choice in the seat's feed")
            assert not app.check_action("choose", ())  # the delivery took its one choice
            assert len(app.connection.outbox) == 0


@run
async def test_a_seat_that_is_not_the_chooser_cannot_pick_and_answers_a_question_from_the_composer():
    async with served(hosted("branching")) as serve:
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            notices = Notices(app)
            await playing(pilot)
            to_triage(serve)
            await until(pilot, lambda: "Who do you call?" in feed(app), what="the question in the feed")
            assert not app.check_action("choose", ())
            assert app.send(Choose("triage", "pay")) is None and not app.live.sent
            assert "Incident commander's to make" in notices.messages[-1]
            reply = app.screen.query_one("#composer-reply", Select)
            await until(pilot, lambda: "triage.feel" in [value for _, value in reply._options],
                        what="the question among the replies")
            assert "triage.first" not in [value for _, value in reply._options]  # the IC's question
            app.screen.query_one("#composer-channel", Select).value = "bridge"
            reply.value = "triage.feel"
            app.screen.query_one("#composer-text", TextArea).text = "Legal first, then the exec on call."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any(e.kind == "question_answered" for e in serve.live.shown_log),
                        what="the answer on the server")
            recorded = next(e for e in serve.live.shown_log if e.kind == "response_recorded").data
            assert (recorded["role"], recorded["reply_to"], recorded["question"]) == ("comms", "triage.feel",
                                                                                     "triage.feel")
            assert chosen(serve) == []


@run
async def test_the_facilitator_seat_releases_a_held_inject_and_chooses_for_the_room():
    async with served(hosted("branching")) as serve:
        app = seat_app(serve, "facilitator")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert app.check_action("release", ())  # leak waits from the start: the welcome said so
            queue = app.screen.query_one("#queue", FacilitatorQueue)
            assert [key for key, _ in queue.items()] == ["release:leak"]
            assert "Someone posts a screenshot" in str(queue.items()[0][1])  # the text it will deliver
            await pilot.press("ctrl+r")
            await until(pilot, lambda: isinstance(app.screen, ReleaseScreen), what="the release dialog")
            await pilot.press("enter")
            await until(pilot, lambda: any(e.kind == "inject_released" for e in serve.live.shown_log),
                        what="the release on the server")
            released = next(e for e in serve.live.shown_log if e.kind == "inject_released").data
            assert (released["inject_id"], released["client_id"].partition("/")[0]) == ("leak", "facilitator")
            await until(pilot, lambda: not app.check_action("release", ()), what="the queue emptied")
            to_triage(serve)
            await until(pilot, lambda: app.check_action("choose", ()), what="Ctrl+O for the facilitator")
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), what="the choice dialog")
            await pilot.press("enter")
            await until(pilot, lambda: chosen(serve), what="the choice on the server")
            assert [(c["option_id"], c["role"]) for c in chosen(serve)] == [("pay", "ic")]  # as the chooser


@run
async def test_a_drill_of_moves_shows_the_move_and_no_clock_and_the_facilitator_starts_the_next():
    async with served(hosted("moves")) as serve:
        facilitator, player = seat_app(serve, "facilitator"), seat_app(serve, "ic")
        async with player.run_test(size=SIZE) as player_pilot:
            await playing(player_pilot)
            assert "Move 1 of 3" in header(player) and "T+" not in header(player)
            async with facilitator.run_test(size=SIZE) as pilot:
                await playing(pilot)
                assert "Move 1 of 3" in header(facilitator)
                assert not facilitator.check_action("faster", ()) and not facilitator.check_action("next_inject", ())
                await pilot.press("f2")
                await until(pilot, lambda: not serve.live.paused and not facilitator.paused, what="resumed")
                clock = player.live.clock
                player.live.tick(600)
                assert player.live.clock == clock  # no running clock between moves
                await until(pilot, lambda: facilitator.check_action("next_move", ()), what="Ctrl+N")
                await pilot.press("ctrl+n")
                await until(pilot, lambda: serve.live.state.move == 2, what="move 2 on the server")
                await until(pilot, lambda: "Move 2 of 3" in header(facilitator), what="the facilitator's header")
            await until(player_pilot, lambda: "Move 2 of 3" in header(player) and "Move two." in feed(player),
                        what="the player's header and feed")
            assert not player.check_action("next_move", ())
