"""`drill serve SCENARIO`: host one drill for many seats, each joining with `drill join URL --token T`.

The server owns the drill, its clock and its recording; seats see only what
their role may see. The drill starts paused: the facilitator resumes it once the
room has joined. Ctrl+C stops the server; `drill serve --resume ID` continues the
drill where it stopped, and the tokens printed at its start still work.
"""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.cli.recording import add_store_arguments
from drill.cli.run import parse_speed
from drill.cli.seed_option import add_seed_argument
from drill.cli.start_option import add_start_time_argument

LOOPBACK_NAMES = ("localhost",)


def port_number(text: str, allow_zero: bool = True) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not (0 if allow_zero else 1) <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is {0 if allow_zero else 1} to 65535")
    return value


def web_port(text: str) -> int:
    return port_number(text, allow_zero=False)


def seat_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 20:
        raise argparse.ArgumentTypeError("1 to 20 seats")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help="a built-in scenario id or a YAML file (not with --resume)")
    parser.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                        help="address to listen on (default 127.0.0.1; beyond this machine needs TLS or --insecure)")
    parser.add_argument("--port", type=port_number, default=0, metavar="N",
                        help="port to listen on (default 0: a free one, printed)")
    add_seed_argument(parser)
    parser.add_argument("--speed", type=parse_speed, default=1.0, metavar="X",
                        help="scenario seconds per real second (default 1; the facilitator can change it)")
    add_start_time_argument(parser)
    add_store_arguments(parser)
    parser.add_argument("--codes-out", metavar="FILE",
                        help='write {"url", "drill", "tokens"} as JSON to FILE (readable by you only)')
    parser.add_argument("--tls-cert", metavar="FILE", help="TLS certificate (PEM): seats join with wss://")
    parser.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM)")
    parser.add_argument("--insecure", action="store_true",
                        help="allow listening beyond this machine without TLS (tokens cross the network in clear)")
    parser.add_argument("--resume", metavar="ID", help="serve a stored drill again, paused where it stopped")
    parser.add_argument("--new-tokens", action="store_true",
                        help="with --resume: revoke every seat's token and print new ones")
    parser.add_argument("--seats-per-role", type=seat_count, default=1, metavar="N",
                        help="seats for each role (default 1; a second comms seat is comms-2)")
    parser.add_argument("--observers", type=seat_count, default=1, metavar="N",
                        help="observer seats, for evaluators (default 1: observer; then observer-2...)")
    parser.add_argument("--web", type=web_port, metavar="PORT",
                        help="also serve `drill join` to browsers at http://127.0.0.1:PORT")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tls_context(cert: str, key: str):
    """The server's TLS context; ValueError with a one-line reason when the files do not load."""
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as error:
        raise ValueError(f"no such file: {error.filename}") from None
    except ssl.SSLError as error:
        raise ValueError(f"{cert} and {key} are not a PEM certificate and its key ({error.reason or error})") from None
    except OSError as error:
        raise ValueError(f"cannot read {error.filename or cert}: {error.strerror or error}") from None
    return context


def check_arguments(args: argparse.Namespace) -> str | None:
    """Why these options cannot serve a drill, else None (checked before anything starts)."""
    if args.resume and args.scenario:
        return "give a SCENARIO or --resume ID, not both"
    if not args.resume and not args.scenario:
        return "name a SCENARIO to serve (see `drill list`), or --resume ID"
    if args.resume and args.no_store:
        return "--resume reads the drill from the store: it cannot go with --no-store"
    if args.new_tokens and not args.resume:
        return "--new-tokens replaces a resumed drill's tokens: it goes with --resume ID"
    if bool(args.tls_cert) != bool(args.tls_key):
        return "--tls-cert and --tls-key go together"
    if not args.tls_cert and not args.insecure and not is_loopback(args.host):
        return (f"--host {args.host} listens beyond this machine, where tokens would cross the network in clear: "
                "give --tls-cert and --tls-key, or --insecure to accept that")
    if args.codes_out:
        from drill.cli.recording import out_dir_problem

        if Path(args.codes_out).is_dir():
            return f"--codes-out {args.codes_out} is a folder, not a file"
        problem = out_dir_problem(Path(args.codes_out).parent)
        if problem is not None:
            return f"--codes-out {args.codes_out}: {problem}"
    return None


def run(args: argparse.Namespace) -> int:
    problem = check_arguments(args)
    if problem is not None:
        return fail(problem, 2)
    tls = None
    if args.tls_cert:
        try:
            tls = tls_context(args.tls_cert, args.tls_key)
        except ValueError as error:
            return fail(f"TLS: {error}", 2)
    from drill.store import StoreError

    try:
        hosted = _hosted_drill(args)
    except StoreError as error:
        return fail(str(error))
    except _Refused as refused:
        return refused.status

    import asyncio

    from drill.serve.running import serve_until_done

    store = hosted.live.recorder.store if hosted.recorder is not None else None
    try:
        status = asyncio.run(serve_until_done(
            hosted, host=args.host, port=args.port, tls=tls, speed=args.speed,
            codes_out=Path(args.codes_out) if args.codes_out else None, web_port=args.web))
        return status if status is not None else finish(hosted)
    finally:
        if store is not None:
            store.close()


class _Refused(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def _hosted_drill(args: argparse.Namespace):
    """The drill to serve, new or resumed. Raises StoreError, or _Refused once the reason is printed."""
    from drill.cli.store_options import open_store

    if args.resume:
        from drill.serve.drills import resumed_hosted_drill

        store = open_store(args, create=False, live=True)
        try:
            hosted = resumed_hosted_drill(store, args.resume, seats_per_role=args.seats_per_role,
                                          observers=args.observers, new_tokens=args.new_tokens)
            _checked(hosted.live.scenario)
        except BaseException:
            store.close()
            raise
        return hosted
    from drill.library import resolve_scenario, scenario_file_of
    from drill.scenario.problems import ScenarioError
    from drill.serve.drills import new_hosted_drill
    from drill.session_clock import start_time_for

    try:
        scenario = resolve_scenario(args.scenario)
    except ScenarioError as error:
        raise _Refused(print_problems(error)) from None
    _checked(scenario)
    store = None if args.no_store else open_store(args, live=True)

    def scenario_text() -> tuple[str, str]:
        file = scenario_file_of(scenario)
        return file.text.decode("utf-8"), file.name

    try:
        hosted = new_hosted_drill(scenario, seed=args.seed, start_time=start_time_for(args.start_time, scenario.start),
                                  store=store, scenario_text=scenario_text, seats_per_role=args.seats_per_role,
                                  observers=args.observers, team=args.team)
    except BaseException:
        if store is not None:
            store.close()
        raise
    return hosted


def _checked(scenario) -> None:
    """Refuse a scenario whose roles the seats cannot tell apart from the observer seat."""
    from drill.seats.protocol import SEAT_OBSERVER

    if SEAT_OBSERVER in scenario.roles:
        raise _Refused(fail(f"the scenario has a role named {SEAT_OBSERVER!r}, which the observer seat needs; "
                            "rename the role to serve it", 2))


def finish(hosted) -> int:
    """The drill's last word: its score stored when it ended, and how to go on."""
    from drill.cli.recording import finish_recording

    live, recorder = hosted.live, hosted.recorder
    report = None
    if live.ended and recorder is not None:
        from drill.session import report_for

        report = report_for(live.engine)
    line = finish_recording(recorder, report) if recorder is not None else None
    if live.ended:
        print(f"drill {hosted.drill_id} has ended" + (f"; {line}" if line else ""), flush=True)
        if recorder is not None and recorder.drill_id is not None:
            print(f"`drill report {hosted.drill_id} --out DIR` writes its report", flush=True)
    else:
        print(f"stopped at T+{live.clock // 60}:{live.clock % 60:02d}" + (f"; {line}" if line else ""), flush=True)
    if live.store_error is not None:
        return fail(f"the drill store failed: {live.store_error}")
    return 0
