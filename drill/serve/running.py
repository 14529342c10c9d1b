"""`drill serve` from listening to its last line: the join lines, the codes file, browser seats, a clean stop.

Ctrl+C (or SIGTERM) stops the server with every seat told it is going away; the
drill stays in the store, paused, for ``drill serve --resume ID``. When the drill
ends, its score is stored and the server exits.
"""

from __future__ import annotations

import asyncio
import errno
import signal
import ssl
import sys
from pathlib import Path

from drill.serve.codes import join_lines, join_url, write_codes
from drill.serve.host import DrillHost, HostedDrill, report_problem
from drill.serve.server import LINGER_SECONDS, DrillServer


async def serve_until_done(hosted: HostedDrill, *, host: str, port: int, tls: ssl.SSLContext | None,
                           speed: float, codes_out: Path | None = None, web_port: int | None = None) -> int | None:
    """Serve until the drill ends or a signal stops it (None), or the exit status of a failure, said."""
    asyncio.get_running_loop().set_exception_handler(_one_line)
    drill_host = DrillHost(hosted, speed=speed)

    def ended() -> None:
        print(f"drill {hosted.drill_id} has ended; seats that come back are told so for "
              f"{LINGER_SECONDS:g} s, then the server stops", flush=True)

    server = DrillServer(drill_host, on_end=ended)
    try:
        port = await server.start(host, port, tls)
    except OSError as error:
        return _fail(listen_problem(error, host, port))
    url = join_url(reachable_name(host), port, tls is not None)
    web = None
    try:
        if web_port is not None:
            from drill.serve.web import start_web

            try:
                web = await start_web(url, web_port, hosted.live.scenario.title)
            except OSError as error:
                await server.stop()
                return _fail(listen_problem(error, "127.0.0.1", web_port, "--web"))
        if codes_out is not None and hosted.tokens:
            try:
                write_codes(codes_out, url, hosted.drill_id, hosted.tokens)
            except OSError as error:
                await server.stop()
                return _fail(f"--codes-out {codes_out}: {error.strerror or error}")
        _announce(hosted, url, web_port)
        _stop_on_signals(server)
        await server.wait()
    finally:
        if web is not None:
            await web.cleanup()
    return None


def _announce(hosted: HostedDrill, url: str, web_port: int | None) -> None:
    live = hosted.live
    state = "paused" if not live.ended else "ended"
    print(f"serving drill {hosted.drill_id} ({live.scenario.title}) on {url}, {state} at "
          f"T+{live.clock // 60}:{live.clock % 60:02d}; the facilitator resumes it", flush=True)
    if hosted.tokens:
        for line in join_lines(url, hosted.tokens):
            print(line, flush=True)
    else:
        print(f"the seats' tokens printed when drill {hosted.drill_id} was first served still work "
              "(--new-tokens replaces them)", flush=True)
    if web_port is not None:
        print(f"browser seats: http://127.0.0.1:{web_port} (asks for the token)", flush=True)
    print("Ctrl+C stops the server; the drill stays stored, to serve again with "
          f"`drill serve --resume {hosted.drill_id}`" if hosted.recorder is not None else
          "Ctrl+C stops the server (--no-store: the drill is not kept)", flush=True)


def _one_line(loop, context: dict) -> None:
    """A failure nothing waited for (a callback, a task), said on one line rather than as a traceback."""
    error = context.get("exception")
    report_problem(f"{context.get('message', 'unexpected failure')}"
                   + (f": {type(error).__name__}: {error}" if error is not None else ""))


def _stop_on_signals(server: DrillServer) -> None:
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, lambda: asyncio.ensure_future(server.stop()))
        except (NotImplementedError, RuntimeError):  # not on this platform: Ctrl+C interrupts as usual
            pass


def _fail(message: str) -> int:
    print(f"drill: error: {message}", file=sys.stderr, flush=True)
    return 1


def listen_problem(error: OSError, host: str, port: int, option: str = "--port") -> str:
    """An OSError from listening, as a person reads it."""
    if error.errno == errno.EADDRINUSE:
        free = " (0 picks a free one)" if option == "--port" else ""
        return f"port {port} on {host} is in use; choose another with {option}{free}"
    if error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or "Name or service not known" in str(error):
        return f"cannot listen on {host}: it is not an address of this machine"
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need privileges)"
    return f"cannot listen on {host} port {port}: {error.strerror or error}"


def reachable_name(host: str) -> str:
    """The name seats use to reach ``host``: this machine's name when it listens on every address."""
    import ipaddress
    import socket

    try:
        every = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        every = host == ""
    return socket.gethostname() if every else host
