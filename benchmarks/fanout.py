"""Benchmark of the drill server's fan-out: one event to many seats on loopback, and memory per seat.

    python benchmarks/fanout.py [--clients 200] [--rounds 20] [--idle 1000]

A server runs in a process of its own (this script with ``--serve``) with enough
seats for every client. The facilitator sends an ad-hoc inject to every role;
the latency of one seat is from just before that frame is sent to the moment the
seat has read the events frame carrying it (goal: p99 under 50 ms for 200 seats).
Then ``--idle`` seats connect and the server's resident memory is read from /proc.
Clients and server share the machine's cores, so the figures include the clients' work;
the server's own work per fan-out is also timed alone, in this process, with
connections that only count what they are given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROLES = 6  # checkout-outage's roles


def raise_open_files(wanted: int) -> int:
    """Each connection is a file descriptor, on both ends: as many as the hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --- the server process --------------------------------------------------------------------


def serve(seats: int, codes: Path) -> None:
    from drill.library import load_builtin
    from drill.serve.codes import write_codes
    from drill.serve.drills import new_hosted_drill
    from drill.serve.host import DrillHost
    from drill.serve.server import DrillServer

    async def main() -> None:
        scenario = load_builtin("checkout-outage")
        hosted = new_hosted_drill(scenario, seed=1, seats_per_role=math.ceil(seats / len(scenario.roles)))
        server = DrillServer(DrillHost(hosted))
        port = await server.start("127.0.0.1", 0)
        write_codes(codes, f"ws://127.0.0.1:{port}", hosted.drill_id, hosted.tokens)
        await server.wait()

    asyncio.run(main())


# --- the clients ---------------------------------------------------------------------------


async def connect_seat(url: str, token: str):
    from websockets.asyncio.client import connect

    from drill.seats.protocol import Hello, Welcome, decode_server, encode

    ws = await connect(url, max_size=None, open_timeout=60, ping_interval=None)
    await ws.send(encode(Hello(v=1, token=token)))
    while not isinstance(decode_server(await ws.recv()), Welcome):
        pass
    return ws


async def connect_all(url: str, tokens: list[str], at_once: int = 100) -> list:
    seats = []
    for start in range(0, len(tokens), at_once):
        seats += await asyncio.gather(*(connect_seat(url, token) for token in tokens[start:start + at_once]))
    return seats


async def wait_for_text(ws, marker: str) -> float:
    """When ``ws`` read the frame holding ``marker`` (frames before it are skipped)."""
    while True:
        raw = await ws.recv()
        if marker in raw:
            return time.perf_counter()


async def fan_out(url: str, tokens: dict[str, str], clients: int, rounds: int) -> list[float]:
    from drill.seats.protocol import Control, Inject, encode

    role_tokens = [token for seat, token in tokens.items() if seat not in ("facilitator", "observer")][:clients]
    facilitator = await connect_seat(url, tokens["facilitator"])
    seats = await connect_all(url, role_tokens)
    await asyncio.sleep(1)  # the join storm's roster and participant events settle
    for ws in seats:
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 0.01)
            except (TimeoutError, asyncio.TimeoutError):
                break
    latencies: list[float] = []
    for n in range(rounds):
        marker = f"fan-out round {n:04d}"
        waits = [asyncio.create_task(wait_for_text(ws, marker)) for ws in seats]
        await asyncio.sleep(0)  # every reader waiting before the send
        sent = time.perf_counter()
        await facilitator.send(encode(Inject(id=f"r{n}", kind="chat", text=marker, to=[])))
        received = await asyncio.gather(*waits)
        latencies += [(at - sent) * 1000 for at in received]
    await facilitator.send(encode(Control(id="end", action="end")))
    for ws in [facilitator, *seats]:
        await ws.close()
    return latencies


class CountingProtocol:
    """What ``websockets.broadcast`` writes to: counts the bytes, sends nothing."""

    def __init__(self) -> None:
        from websockets.protocol import State

        self.state, self.written = State.OPEN, 0

    def send_text(self, data: bytes) -> None:
        self.written += len(data)


class CountingSocket:
    send_in_progress = None
    transport = None

    def __init__(self) -> None:
        self.protocol = CountingProtocol()

    def send_data(self) -> None:
        pass


def server_work(seats: int, rounds: int) -> list[float]:
    """Milliseconds the server spends on one ad-hoc inject to ``seats`` seats: the command (no store),
    the audience filter, encoding, and framing for every connection (the kernel's writes left out)."""
    from drill.library import load_builtin
    from drill.seats.protocol import Inject
    from drill.serve.connections import SeatConnection
    from drill.serve.drills import new_hosted_drill
    from drill.serve.host import DrillHost

    async def main() -> list[float]:
        scenario = load_builtin("checkout-outage")
        hosted = new_hosted_drill(scenario, seed=1, seats_per_role=math.ceil(seats / len(scenario.roles)))
        host = DrillHost(hosted)
        connections = []
        for seat in list(hosted.book.seats.values())[:seats + 1]:
            connection = SeatConnection(CountingSocket(), seat)
            host.connections.add(connection)
            connections.append(connection)
        facilitator = next(c for c in connections if c.seat.kind == "facilitator")
        timings = []
        for n in range(rounds):
            started = time.perf_counter()
            host.handle(facilitator, Inject(id=f"w{n}", kind="chat", text=f"server work {n}", to=[]))
            timings.append((time.perf_counter() - started) * 1000)
        host.roster.cancel()
        assert all(c.ws.protocol.written for c in connections), "a seat was given nothing"
        return timings

    return asyncio.run(main())


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def idle_memory(url: str, tokens: dict[str, str], count: int, pid: int) -> tuple[int, int]:
    role_tokens = [token for seat, token in tokens.items() if seat not in ("facilitator", "observer")][:count]
    before = rss_kib(pid)
    seats = await connect_all(url, role_tokens)
    await asyncio.sleep(2)
    after = rss_kib(pid)
    for ws in seats:
        await ws.close()
    return before, after, len(seats)


def start_server(seats: int, folder: Path) -> tuple[subprocess.Popen, str, dict[str, str]]:
    codes = folder / f"codes-{seats}.json"
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(seats), "--codes", str(codes)], cwd=ROOT)
    deadline = time.monotonic() + 120
    while not codes.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    written = json.loads(codes.read_text())
    return process, written["url"], written["tokens"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--codes", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    limit = raise_open_files(2 * max(args.clients, args.idle, args.serve or 0) + 256)
    if args.serve:
        serve(args.serve, args.codes)
        return
    print(f"open files allowed: {limit}")
    with tempfile.TemporaryDirectory() as folder:
        process, url, tokens = start_server(args.clients, Path(folder))
        try:
            latencies = asyncio.run(fan_out(url, tokens, args.clients, args.rounds))
        finally:
            process.terminate()
            process.wait()
        print(f"fan-out of one event to {args.clients} seats, {args.rounds} rounds ({len(latencies)} deliveries):")
        print(f"  p50 {statistics.median(latencies):.1f} ms   p99 {percentile(latencies, 0.99):.1f} ms   "
              f"max {max(latencies):.1f} ms   (goal: p99 under 50 ms)")
        for seats in sorted({args.clients, args.idle} - {0}):
            work = server_work(seats, args.rounds)
            print(f"server work for one event to {seats} seats, socket writes left out: "
                  f"median {statistics.median(work):.2f} ms, max {max(work):.2f} ms")
        if args.idle:
            process, url, tokens = start_server(args.idle, Path(folder))
            try:
                before, after, connected = asyncio.run(idle_memory(url, tokens, args.idle, process.pid))
            finally:
                process.terminate()
                process.wait()
            print(f"server memory with {connected} seats connected: {after / 1024:.1f} MiB resident "
                  f"({before / 1024:.1f} MiB before they joined: {(after - before) / connected:.1f} KiB a seat)")


if __name__ == "__main__":
    main()
