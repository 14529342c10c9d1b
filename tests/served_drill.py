"""A real drill server in the test's own event loop, its clock on a time source the test moves.

Shared by the server's tests (tests/serve) and the seat client's (tests/join).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass

from drill.library import load_builtin, scenario_file_of
from drill.serve.drills import new_hosted_drill
from drill.serve.host import DrillHost
from drill.serve.server import DrillServer


class FakeTime:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@dataclass
class Served:
    server: DrillServer
    host: DrillHost
    url: str
    tokens: dict[str, str]
    time: FakeTime

    @property
    def live(self):
        return self.host.live

    @property
    def drill_id(self) -> str:
        return self.host.drill_id

    def kinds(self) -> list[str]:
        return [event.kind for event in self.live.shown_log]


def hosted_drill(scenario_id: str = "checkout-outage", store=None, seats_per_role: int = 1, seed: int = 1,
                 observers: int = 1):
    """A new drill, started paused (as `drill serve` starts one), recorded in ``store`` if given."""
    scenario = load_builtin(scenario_id)

    def text():
        file = scenario_file_of(scenario)
        return file.text.decode("utf-8"), file.name

    return new_hosted_drill(scenario, seed=seed, store=store, scenario_text=text, seats_per_role=seats_per_role,
                            observers=observers)


@asynccontextmanager
async def served(hosted=None, *, speed: float = 1.0, hello_seconds: float | None = None, linger: float = 0.0,
                 port: int = 0, **options):
    """A server for a new drill (or ``hosted``), stepping its clock fast on fake time."""
    hosted = hosted if hosted is not None else hosted_drill(**options)
    time = FakeTime()
    host = DrillHost(hosted, speed=speed, now=time)
    host.clock.step_seconds = 0.01
    server = DrillServer(host, now=time, hello_seconds=hello_seconds, linger=linger)
    port = await server.start("127.0.0.1", port)
    try:
        yield Served(server, host, f"ws://127.0.0.1:{port}", hosted.tokens, time)
    finally:
        if not server._done.is_set():
            await server.stop()
