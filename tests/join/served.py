"""The shared test server (``served_drill``), and waiting for a seat's app and the server together."""

from __future__ import annotations

import asyncio

from served_drill import hosted_drill, served  # noqa: F401 (the tests import them from here)


async def until(pilot, condition, timeout: float = 20.0, what: str = "the condition") -> None:
    """Let the app and the server run until ``condition()`` holds (generous: the machine may be loaded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"{what} never held")
        await pilot.pause(0.02)
