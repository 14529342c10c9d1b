"""Browser seats: ``drill join`` served to a browser by textual-serve, on loopback only.

textual-serve starts one ``drill join`` process per browser tab; each asks for its
token on screen and joins the drill server like any terminal seat. Put a TLS
proxy in front to reach it from elsewhere.
"""

from __future__ import annotations

import shlex
import sys

WEB_HOST = "127.0.0.1"


def join_command(url: str) -> str:
    return " ".join(shlex.quote(part) for part in (sys.executable, "-m", "drill.cli.main", "join", url))


async def start_web(url: str, port: int, title: str):
    """Serve ``drill join URL`` to browsers at http://127.0.0.1:PORT; the runner to clean up. Raises OSError."""
    from aiohttp import web
    from textual_serve.server import Server

    server = Server(join_command(url), host=WEB_HOST, port=port, title=title)
    app = await server._make_app()  # its own serve() would run a second event loop
    app.on_startup.clear()  # it only prints a banner
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, WEB_HOST, port)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner
