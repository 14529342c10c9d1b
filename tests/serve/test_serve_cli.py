"""`drill serve` refuses what it cannot do with one clear line, never a traceback; TLS and browser seats work."""

import asyncio
import re
import shutil
import signal
import socket
import ssl
import subprocess

import pytest
from serve_harness import WAIT, hosted_drill, join, run, served, start_server

from drill.cli.main import main
from drill.cli.serve import tls_context
from drill.serve.host import DrillHost
from drill.serve.server import DrillServer
from drill.store import Store


def serve(capsys, *argv):
    status = main(["serve", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


@pytest.mark.parametrize("argv, expected", [
    ((), "name a SCENARIO"),
    (("checkout-outage", "--resume", "abc"), "not both"),
    (("--resume", "abc", "--no-store"), "cannot go with --no-store"),
    (("checkout-outage", "--new-tokens", "--no-store"), "goes with --resume ID"),
    (("checkout-outage", "--no-store", "--codes-out", "/proc/no/codes.json"), "--codes-out /proc/no/codes.json: "),
    (("checkout-outage", "--host", "0.0.0.0", "--no-store"), "give --tls-cert and --tls-key, or --insecure"),
    (("checkout-outage", "--tls-cert", "cert.pem", "--no-store"), "go together"),
    (("checkout-outage", "--tls-cert", "missing.pem", "--tls-key", "missing.key", "--no-store"), "no such file"),
])
def test_options_that_cannot_serve_are_refused(capsys, tmp_path, monkeypatch, argv, expected):
    monkeypatch.chdir(tmp_path)
    status, _, err = serve(capsys, *argv)
    assert status == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_files_that_are_not_a_certificate_are_refused(capsys, tmp_path):
    (tmp_path / "cert.pem").write_text("not a certificate")
    (tmp_path / "key.pem").write_text("not a key")
    status, _, err = serve(capsys, "checkout-outage", "--no-store", "--tls-cert", str(tmp_path / "cert.pem"),
                           "--tls-key", str(tmp_path / "key.pem"))
    assert status == 2 and "TLS:" in err and "not a PEM certificate" in err


def test_an_unknown_drill_is_refused(capsys, tmp_path):
    Store(tmp_path / "drill.db").close()
    status, _, err = serve(capsys, "--resume", "nope42", "--db", str(tmp_path / "drill.db"))
    assert status == 1 and "no drill 'nope42'" in err


def test_an_unknown_scenario_is_refused(capsys):
    status, _, err = serve(capsys, "no-such-scenario", "--no-store")
    assert status == 1 and "no-such-scenario" in err


def test_a_port_in_use_is_refused(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, _, err = serve(capsys, "checkout-outage", "--no-store", "--port", str(port))
    assert status == 1 and f"port {port} on 127.0.0.1 is in use" in err


@pytest.fixture
def certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_seats_join_over_tls(certificate):
    cert, key = certificate

    async def main_():
        hosted = hosted_drill()
        server = DrillServer(DrillHost(hosted), linger=0)
        port = await server.start("127.0.0.1", 0, tls_context(str(cert), str(key)))
        try:
            client = ssl.create_default_context(cafile=str(cert))
            from websockets.asyncio.client import connect

            from drill.seats.protocol import Hello, decode_server, encode

            async with connect(f"wss://127.0.0.1:{port}", ssl=client) as ws:
                await ws.send(encode(Hello(v=1, token=hosted.tokens["comms"])))
                return decode_server(await ws.recv())
        finally:
            await server.stop()

    welcome = run(main_())
    assert welcome.seat.seat == "comms"


def test_browser_seats_are_served_on_loopback():
    async def main_():
        from aiohttp import ClientSession

        from drill.serve.web import start_web

        async with served() as drill:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            runner = await start_web(drill.url, port, "Checkout payments failing")
            try:
                async with ClientSession() as session:
                    async with session.get(f"http://127.0.0.1:{port}/") as response:
                        return response.status, await response.text()
            finally:
                await runner.cleanup()

    status, page = run(main_())
    assert status == 200 and "Checkout payments failing" in page


def test_serve_help_loads_neither_websockets_nor_textual():
    from test_hygiene import imported_after

    modules = imported_after("""
from drill.cli.main import main
try:
    main(["serve", "--help"])
except SystemExit:
    pass
""")
    assert not {"websockets", "textual", "faker", "textual_serve", "aiohttp", "msgspec"} & modules


def test_drill_serve_prints_a_join_line_per_seat_and_stops_on_ctrl_c():
    async def main_():
        printed = []
        process, drill_id, url = await start_server("checkout-outage", "--no-store", "--seats-per-role", "2",
                                                    lines=printed)
        try:
            while not printed[-1].startswith("Ctrl+C"):
                printed.append((await asyncio.wait_for(process.stdout.readline(), WAIT)).decode())
            comms = await join(url, next(line for line in printed if line.endswith("# comms-2\n")).split()[4])
            process.send_signal(signal.SIGINT)
            closed = await comms.closed_with()
            out, err = await process.communicate()
            return printed, url, closed, process.returncode, out.decode(), err.decode()
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()

    printed, url, (code, _), status, out, err = run(main_())
    joins = [line for line in printed if line.startswith("drill join")]
    assert len(joins) == 1 + 6 * 2 + 1
    assert re.fullmatch(rf"drill join {re.escape(url)} --token [\w-]{{32}}  # comms-2\n",
                        next(line for line in joins if line.endswith("comms-2\n")))
    assert code == 1001 and status == 0 and "stopped at T+0:00" in out and err == ""


def test_the_server_never_loads_the_terminal_ui():
    from test_hygiene import imported_after

    modules = imported_after("""
import asyncio
from drill.library import load_builtin
from drill.serve.drills import new_hosted_drill
from drill.serve.host import DrillHost
from drill.serve.server import DrillServer

async def main():
    server = DrillServer(DrillHost(new_hosted_drill(load_builtin("checkout-outage"))), linger=0)
    await server.start("127.0.0.1", 0)
    await server.stop()

asyncio.run(main())
""")
    assert not [name for name in modules if name.split(".")[0] in ("textual", "textual_serve", "aiohttp", "rich")]
    assert "drill.tui" not in modules


def test_a_web_port_in_use_is_refused(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, _, err = serve(capsys, "checkout-outage", "--no-store", "--web", str(port))
    assert status == 1 and f"port {port} on 127.0.0.1 is in use; choose another with --web" in err
