"""A real drill server in the test's own event loop, its clock on a time source the test moves."""

from __future__ import annotations

import asyncio
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

    def kinds(self) -> list[str]:
        return [event.kind for event in self.live.shown_log]


def hosted_drill(scenario_id: str = "checkout-outage", *, seed: int = 1, store=None):
    """A new drill, started paused (as `drill serve` starts one), recorded in ``store`` if given."""
    scenario = load_builtin(scenario_id)

    def text():
        file = scenario_file_of(scenario)
        return file.text.decode("utf-8"), file.name

    return new_hosted_drill(scenario, seed=seed, store=store, scenario_text=text)


@asynccontextmanager
async def served(hosted=None, *, speed: float = 1.0, port: int = 0):
    """``hosted`` (a new drill if None) served on 127.0.0.1."""
    hosted = hosted if hosted is not None else hosted_drill()
    time = FakeTime()
    host = DrillHost(hosted, speed=speed, now=time)
    host.clock.step_seconds = 0.01
    server = DrillServer(host, now=time)
    port = await server.start("127.0.0.1", port)
    try:
        yield Served(server, host, f"ws://127.0.0.1:{port}", hosted.tokens, time)
    finally:
        if not server._done.is_set():  # not stopped by the test already
            await server.stop()


async def until(pilot, condition, timeout: float = 20.0, what: str = "the condition") -> None:
    """Let the app and the server run until ``condition()`` holds (generous: the machine may be loaded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"{what} never held")
        await pilot.pause(0.02)
