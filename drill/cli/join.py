"""`drill join URL [--token T] [--name NAME]`: take one seat of a drill that `drill serve` hosts.

The token decides the seat (the facilitator's, a role's or an observer's). Without
--token the app asks for it on screen, as a browser seat must. What was typed and not
yet acknowledged by the server is kept on disk and sent again when the same seat joins
again from this machine.
"""

from __future__ import annotations

import argparse
import os
from urllib.parse import urlsplit

from drill.cli.output import fail

TOKEN_ENV_VAR = "DRILL_TOKEN"  # so a token need not appear in the process list


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL",
                        help="the server's address, as `drill serve` printed it (ws://, or wss:// with TLS; "
                             "a certificate of your own is trusted through $SSL_CERT_FILE)")
    parser.add_argument("--token", metavar="T",
                        help=f"this seat's token (default: ${TOKEN_ENV_VAR}, else asked for on screen)")
    parser.add_argument("--name", default="", metavar="NAME", help="your name, as the facilitator's roster shows it")


def run(args: argparse.Namespace) -> int:
    from drill.seats.protocol import MAX_NAME_CHARS

    url = args.url.strip()
    problem = check_url(url)
    if problem is not None:
        return fail(problem)
    if len(args.name) > MAX_NAME_CHARS:
        return fail(f"--name must be at most {MAX_NAME_CHARS} characters")
    token = args.token or os.environ.get(TOKEN_ENV_VAR) or None

    from drill.join.app import make_seat_app  # Textual only from here on

    app = make_seat_app(url, token, name=args.name.strip())
    app.run()
    status = app.link
    if status.state == "stopped" and status.detail and app.live is None:
        return fail(status.detail)  # never welcomed: say why on the terminal too
    return app.return_code or 0


def check_url(url: str) -> str | None:
    """Why ``url`` is not a drill server's address, or None."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return f"not a server address: {error}"
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        return f"not a server address: {url!r} (expected ws://HOST:PORT or wss://HOST:PORT)"
    return None
