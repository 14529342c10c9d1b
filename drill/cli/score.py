"""`drill score`: grade one message, or a batch of real past updates, as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from drill.cli.output import fail, print_problems
from drill.cli.start_option import add_start_time_argument, start_time_for
from drill.cli.terminal import json_text

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

# Channels to grade against when no scenario is named.
PRESET_CHANNELS = {
    "status_page": ("public", 1500),
    "social": ("public", 280),
    "press": ("public", None),
    "support_reply": ("public", 1200),
    "internal": ("internal", None),
    "exec_brief": ("internal", 1200),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT|-", help="the message, or - to read it from standard input")
    parser.add_argument("--channel", default="status_page", metavar="ID",
                        help=f"the channel it is posted on (default status_page; without --scenario one of: "
                             f"{', '.join(PRESET_CHANNELS)})")
    parser.add_argument("--scenario", metavar="S", help="grade against this scenario's channels and its facts at --at")
    parser.add_argument("--at", default="0", metavar="T", help="scenario time of the message, e.g. 20m (default 0)")
    add_start_time_argument(parser)
    parser.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    parser.add_argument("--jsonl", metavar="FILE",
                        help="grade one JSON object per line ({text, channel?, at?}; at may be seconds or an "
                             "ISO time) and write JSON lines to standard output")


def run(args: argparse.Namespace) -> int:
    if args.jsonl:  # a batch keeps the collector: with --scenario each line starts a drill engine
        return _run(args)
    from drill.report.collector import collector_paused

    with collector_paused():  # the scorer's modules, model and patterns live to the end, and grading makes no cycles
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from drill.durations import parse_duration

    scenario = None
    if args.scenario:  # a ScenarioError can come only from reading the scenario
        from drill.library import resolve_scenario
        from drill.scenario.problems import ScenarioError

        try:
            scenario = resolve_scenario(args.scenario)
        except ScenarioError as error:
            return print_problems(error)
        except ValueError as error:
            return fail(str(error), 2)
    try:
        at = parse_duration(args.at)
        start_time = start_time_for(args.start_time, scenario.start if scenario is not None else None)
    except ValueError as error:
        return fail(str(error), 2)
    if args.jsonl:
        from pathlib import Path  # only a batch reads a file

        return _grade_lines(Path(args.jsonl), scenario, args.channel)
    if args.text is None:
        return fail("give the message as an argument, or - to read it from standard input", 2)
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        return fail("the message is empty: give the text to grade", 2)
    try:
        context = _context(scenario, args.channel, at, start_time)
    except ValueError as error:
        return fail(str(error), 2)
    from scoring import grade_message

    grade = grade_message(text, context)
    if args.format == "table":
        print(_table(grade, context))
    else:
        print(json_text({"channel": context.channel.id, "at": at, **grade.to_dict()}, indent=2))
    return 0


def _context(scenario, channel_id: str, at: int, start_time: datetime | None):
    from scoring import ChannelInfo, MessageContext

    if scenario is None:
        if channel_id not in PRESET_CHANNELS:
            raise ValueError(f"unknown channel {channel_id!r} (one of: {', '.join(PRESET_CHANNELS)}, or name a --scenario)")
        audience, max_chars = PRESET_CHANNELS[channel_id]
        return MessageContext(channel=ChannelInfo(channel_id, audience, max_chars), at=float(at), start_time=start_time)
    from drill.engine import Advance, DrillEngine
    from drill.grading import channel_info

    if channel_id not in scenario.channels:
        raise ValueError(f"unknown channel {channel_id!r} (channels: {', '.join(scenario.channels)})")
    if at >= scenario.duration:
        raise ValueError(f"--at is past the end of the drill ({scenario.duration}s)")
    engine = DrillEngine.start(scenario, plugins=())  # a silent drill up to --at gives the facts then
    engine.handle(Advance(to=at))
    return MessageContext(channel=channel_info(scenario.channels[channel_id]), at=float(at),
                          facts=dict(engine.state.facts), org=dict(engine.state.org), start_time=start_time)


def _grade_lines(path: Path, scenario, default_channel: str) -> int:
    from scoring import grade_message

    try:
        handle = sys.stdin if str(path) == "-" else open(path, encoding="utf-8", errors="replace")
    except OSError as error:
        return fail(f"cannot read {path}: {error.strerror or error}")
    problems = 0
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError("each line must be a JSON object with a string 'text'")
                if not item["text"].strip():
                    raise ValueError("the message is empty: give the text to grade")
                at, start_time = _line_time(item.get("at", 0))
                context = _context(scenario, str(item.get("channel") or default_channel), at, start_time)
            except (ValueError, json.JSONDecodeError) as error:
                print(f"{path}:{number}:1: {error}", file=sys.stderr)
                problems += 1
                continue
            grade = grade_message(item["text"], context)
            out = {"line": number, "channel": context.channel.id, **grade.to_dict()}
            print(json_text(out))
    return 1 if problems else 0


def _line_time(value: Any) -> tuple[int, datetime | None]:
    """Seconds since T+0, or an ISO timestamp taken as T+0 itself (real updates carry wall times)."""
    if isinstance(value, str) and ("T" in value or "-" in value):
        return 0, _parse_time(value)
    from drill.durations import parse_duration

    return parse_duration(value), None


def _parse_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"cannot read {text!r} as an ISO date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _table(grade, context) -> str:
    from drill.durations import format_clock
    from drill.textsafe import printable

    lines = [f"score {grade.score:.1f}/100 on {context.channel.id} ({context.channel.audience})",
             f"phase: {grade.phase or 'not stated'}"]
    for promise in grade.promises:
        due = (f"due at {format_clock(promise.due_at)}" if promise.due_at is not None
               else "no due time: it names a clock time and the drill has no --start-time" if promise.minutes is None
               else "no due time")
        lines.append(f"promise: “{printable(promise.text)}” ({due})")
    lines.append("")
    width = max(len(c.id) for c in grade.criteria)
    for criterion in grade.criteria:
        mark = "✓" if criterion.passed is True else ("✗" if criterion.passed is False else "~")
        lines.append(f"{mark} {criterion.id:<{width}} {criterion.points:>5.1f}/{criterion.max:<4g} "
                     f"{printable(criterion.reason)}")
    return "\n".join(lines)
