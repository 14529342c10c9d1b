"""A drill at the limits of the scenario format: how long it takes and how much memory it needs.

    python benchmarks/check_format_limits.py [--only NAME...] [--keep DIR]

The format's limits (``drill/scenario/limits.py``) promise that every scenario that
validates can be played to its end: under 10 s and 500 MB on a 2-core machine. This
generates scenarios at each limit, and one at all of them at once, checks that each
validates, and runs ``drill simulate FILE --no-store`` on it in a fresh process, silent
(``--no-responses``) and with a responses file at the responses limits. Each figure is
the wall time and the peak resident memory of that process (its own rusage, from
``os.wait4``). A scenario one step past each limit is checked to be refused.

Not a timed test: these machines are noisy, so run it when they are quiet and read the
figures against the budget.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drill.responses import load_responses  # noqa: E402
from drill.scenario import ScenarioError, load_scenario  # noqa: E402
from drill.scenario.limits import (  # noqa: E402
    MAX_ASK_CHANNELS,
    MAX_ASK_ROLES,
    MAX_ASKS,
    MAX_CHANNELS,
    MAX_DEBRIEF_QUESTIONS,
    MAX_DELIVERED_CHARS,
    MAX_DELIVERIES,
    MAX_DURATION,
    MAX_INJECTS,
    MAX_NAME_CHARS,
    MAX_OBJECTIVES,
    MAX_POST_TEMPLATES,
    MAX_REPEAT,
    MAX_RESPONSE_CHARS,
    MAX_RESPONSES,
    MAX_RESPONSES_CHARS,
    MAX_ROLES,
    MAX_SOURCE_BYTES,
    MAX_TEXT_CHARS,
)

BUDGET_SECONDS = 10.0
BUDGET_MB = 500

MESSAGES = [
    "We are investigating failed card payments for merchants in Europe since 14:05 UTC. Next update in 30 minutes.",
    "We're sorry: checkout is failing for about 2,300 merchants. We don't know the cause yet.",
    "Card payments are recovering; we are monitoring. Next update by 15:30 UTC.",
    "Acknowledged, I'm IC. Liaison, open the customer thread; comms, draft the status post.",
    "No comment at this time. It was probably our provider's fault, a minor blip for a handful of users.",
]
TYPES = ["social_post", "press_call", "alert", "chat", "ticket", "email", "exec_request", "fact_update", "note"]


class _Dumper(yaml.SafeDumper):
    """No anchors: a scenario may not use them."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(document: dict) -> str:
    """As YAML, with the innermost lists and mappings on one line and each inject or response on one
    (JSON is YAML's flow style), as scenarios are written."""
    head = {key: value for key, value in document.items() if key not in ("injects", "responses")}
    text = yaml.dump(head, Dumper=_Dumper, sort_keys=False, width=1 << 20, allow_unicode=True,
                     default_flow_style=None) if head else ""
    for key in ("injects", "responses"):
        if key in document:
            text += f"{key}:\n" + "".join(f"  - {json.dumps(item)}\n" for item in document[key])
    return text


def name_of(length: int, stem: str) -> str:
    return (stem + " " + "x" * length)[:length]


def base_document(roles: int = 6, channels: int = 4, duration: int = 2 * 3600, objectives: int = 2) -> dict:
    role_ids = ["comms", *(f"role{index}" for index in range(1, roles))]
    channel_ids = ["status_page", *(f"chan{index}" for index in range(1, channels))]
    return {
        "format": 1, "id": "limits", "title": "Limits", "duration": duration, "start": "14:00 UTC", "seed": 3,
        "org": {"name": "Acme Payments", "product": "Acme Pay", "handle": "@acmepay"},
        "personas": {"reporter": {"name": "{fake.name}", "outlet": "{fake.city} Herald"}},
        "roles": {role: {"name": role.title()} for role in role_ids},
        "channels": {channel: {"audience": "public" if index % 2 == 0 else "internal",
                               "name": "Status page" if index == 0 else channel}
                     for index, channel in enumerate(channel_ids)},
        "facts": {"phase": "investigating", "customers_affected": 1200, "regions": ["EU"], "services": ["checkout"]},
        "objectives": {"first-public": "Post a first public update on the status page within 15 minutes.",
                       "keep-cadence": {"text": "Update customers every 30 minutes.", "channel": "status_page"},
                       **{f"objective-{index}": f"Objective {index}." for index in range(2, objectives)}},
        "targets": {"acknowledge": "5m", "first_public_update": "15m", "update_cadence": "30m"},
        "public": {"from": "start"},
        "injects": [],
    }


def add_injects(document: dict, deliveries: int, asks: int, text: str, every: int, many: bool = False) -> None:
    """``deliveries`` deliveries (the first ``asks`` injects asking, one delivery each), as injects of up to
    MAX_REPEAT repeats each.

    ``many``: every inject goes to every role, and every tenth ask names as many roles and channels as it may.
    """
    roles, channels = list(document["roles"]), list(document["channels"])
    made = index = 0
    while made < deliveries:
        count = min(MAX_REPEAT, deliveries - made, (document["duration"] - 60) // every)
        asking = index < asks
        if asking:
            count = 1  # an inject opens one ask however often it repeats: each ask is an inject of its own
        inject = {"id": f"i{index}", "at": index % 60, "type": TYPES[index % len(TYPES)],
                  "from": "{persona.reporter.name}, {persona.reporter.outlet}" if index % 2 else "Monitoring",
                  "text": text}
        if many:
            inject["to"] = roles
        if count > 1:
            inject["repeat"] = {"every": every, "count": count}
        if asking:  # with ``many``, every tenth ask names all it may: 2,000 such asks would not fit in a file
            wide = many and index % 10 == 0
            inject["expects"] = {"role": roles[:MAX_ASK_ROLES] if wide else roles[0],
                                 "channel": channels[:MAX_ASK_CHANNELS] if wide else channels[0], "within": "5m"}
        if index % 3 == 0:
            inject["facts"] = {"customers_affected": 1000 + index, "phase": ["investigating", "identified"][index % 2]}
        document["injects"].append(inject)
        made += count
        index += 1


def filled_to_the_limit(make) -> dict:
    """``make(n)`` for the largest ``n`` whose scenario still validates (the delivered-text limit)."""
    low, high = 0, MAX_TEXT_CHARS
    while low < high:
        middle = (low + high + 1) // 2
        try:
            load_scenario(dump(make(middle)), "probe.yaml")
            low = middle
        except ScenarioError:
            high = middle - 1
    return make(low)


def responses_document(document: dict, count: int, text_chars: int | None = None) -> dict:
    """``count`` responses spread over the drill, from comms on the first two channels."""
    duration = document["duration"]
    items = []
    for index in range(count):
        text = MESSAGES[index % len(MESSAGES)]
        if text_chars is not None:
            text = (text + " ") * (text_chars // (len(text) + 1))
        items.append({"at": 60 + index * (duration - 120) // max(1, count), "role": "comms",
                      "channel": "status_page" if index % 2 == 0 else list(document["channels"])[1], "text": text})
    return {"responses": items}


def longest_responses(document: dict) -> dict:
    """As many responses as a file may hold, as long as all of them together may be."""
    return responses_document(document, MAX_RESPONSES, MAX_RESPONSES_CHARS // MAX_RESPONSES)


def at_every_limit() -> tuple[dict, dict]:
    """Every limit at once: the longest drill, the most deliveries and asks, the most text, the most responses."""

    def make(filler: int) -> dict:
        document = base_document(roles=MAX_ROLES, channels=MAX_CHANNELS, duration=MAX_DURATION, objectives=MAX_OBJECTIVES)
        document["org"].update(name=name_of(MAX_NAME_CHARS, "Acme Payments"), product=name_of(MAX_NAME_CHARS, "Acme Pay"),
                               handle=name_of(MAX_NAME_CHARS, "@acmepay").replace(" ", "_"))
        post = "{org.handle} still down and not a word. {minutes} now, nothing on {status} for {quiet}."
        document["public"]["templates"] = {mood: [post] * MAX_POST_TEMPLATES for mood in ("angry", "asking", "neutral", "positive")}
        document["org"]["filler"] = "y" * filler
        add_injects(document, MAX_DELIVERIES, MAX_ASKS, "Errors at {org.product}: {org.filler}", every=60, many=True)
        return document

    document = filled_to_the_limit(make)
    return document, longest_responses(document)


def longest_texts() -> tuple[dict, dict]:
    """Texts at their longest: as many 20,000-character deliveries as the delivered-text limit allows,
    and responses at their longest, as many as fit in a file."""
    document = base_document(duration=MAX_DURATION)
    document["org"]["long"] = "z" * (MAX_TEXT_CHARS - 100)
    deliveries = MAX_DELIVERED_CHARS // MAX_TEXT_CHARS - 2
    add_injects(document, deliveries, deliveries // 2, "{org.long}", every=300)
    return document, responses_document(document, MAX_RESPONSES_CHARS // MAX_RESPONSE_CHARS, MAX_RESPONSE_CHARS)


def press_and_social() -> tuple[dict, dict]:
    """The public at its busiest: every ask a press call (a story follows each), every other
    delivery a social post, its own posts at their longest, and responses on every channel."""
    def make(filler: int) -> dict:
        document = base_document(roles=MAX_ROLES, channels=MAX_CHANNELS, duration=MAX_DURATION, objectives=MAX_OBJECTIVES)
        post = "{org.handle} not a word. {minutes} now, nothing on {status} for {quiet}, {outlet} asked. " + "y" * filler
        document["public"]["templates"] = {mood: [post] * MAX_POST_TEMPLATES for mood in ("angry", "asking", "neutral", "positive")}
        add_injects(document, MAX_DELIVERIES, MAX_ASKS, "Is {org.handle} down? Can you confirm how many are affected?",
                    every=40, many=True)
        for inject in document["injects"]:
            inject["type"] = "press_call" if "expects" in inject else "social_post"
        return document

    document = filled_to_the_limit(make)
    return document, longest_responses(document)


def largest_file() -> tuple[dict, dict]:
    """A scenario file at its largest: distinct injects, each with its own text, up to MAX_SOURCE_BYTES."""
    document = base_document(roles=MAX_ROLES, channels=MAX_CHANNELS, duration=MAX_DURATION, objectives=MAX_OBJECTIVES)
    document["debrief"] = [f"Question {index}: what slowed the first public update?" for index in range(MAX_DEBRIEF_QUESTIONS)]
    roles = list(document["roles"])
    for index in range(MAX_INJECTS):
        inject = {"id": f"i{index}", "at": index * (MAX_DURATION - 60) // MAX_INJECTS, "type": TYPES[index % len(TYPES)],
                  "text": f"Report {index}."}
        if index % 10 == 0:
            inject.update({"from": "{fake.name}", "to": [roles[index % len(roles)]]})
        if index < MAX_ASKS:
            inject["expects"] = {"role": "comms", "within": "10m"}
        document["injects"].append(inject)
    spare = (MAX_SOURCE_BYTES - 1000 - len(dump(document).encode())) // MAX_INJECTS  # what each text may grow by
    for inject in document["injects"]:
        inject["text"] += " More to follow." * (max(0, spare) // 16)
    return document, longest_responses(document)


def _with(document: dict, deliveries: int, asks: int, many: bool = False) -> tuple[dict, None]:
    add_injects(document, deliveries, asks, "Errors are up at {org.product}: {fact.customers_affected} affected.",
                every=60, many=many)
    return document, None


CASES = {
    "duration": lambda: (base_document(duration=MAX_DURATION) | {"injects": [{"id": "a", "at": 0, "type": "alert", "text": "Errors."}]},
                         None),
    "deliveries": lambda: _with(base_document(duration=MAX_DURATION), MAX_DELIVERIES, 0),
    "asks": lambda: _with(base_document(roles=MAX_ROLES, channels=MAX_CHANNELS, duration=MAX_DURATION), MAX_ASKS, MAX_ASKS,
                          many=True),
    "texts": longest_texts,
    "everything": at_every_limit,
    "press": press_and_social,
    "file": largest_file,
}


def measure(argv: list[str]) -> tuple[float, float, float, int]:
    """Wall time (s), CPU time (s), peak resident memory (MB) and exit status of one fresh process.

    On a loaded machine the wall time counts the waits for a core too; the CPU time does not.
    """
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(process.stderr.read().decode()[-2000:], file=sys.stderr)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def check_refused_past_limits() -> list[str]:
    """One step past each limit is refused, at a line and column."""
    past = {
        "duration": lambda d: d.update(duration=MAX_DURATION + 1),
        "deliveries": lambda d: add_injects(d, MAX_DELIVERIES + 1, 0, "x", every=60),
        "asks": lambda d: add_injects(d, MAX_ASKS + 1, MAX_ASKS + 1, "x", every=60),
        "roles": lambda d: d["roles"].update({f"extra{index}": {"name": "R"} for index in range(MAX_ROLES)}),
        "text": lambda d: d["org"].update(big="{org.name}" * (MAX_TEXT_CHARS // 13 + 1)),
    }
    failures = []
    for name, change in past.items():
        document = base_document(duration=3600)
        document["injects"] = [{"id": "a", "at": 0, "type": "alert", "text": "Errors."}]
        change(document)
        try:
            load_scenario(dump(document), f"past-{name}.yaml")
        except ScenarioError as error:
            print(f"  past the {name} limit: refused: {error.problems[0]}"[:200])
            continue
        failures.append(name)
        print(f"  past the {name} limit: ACCEPTED")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="the cases to run (default: all)")
    parser.add_argument("--keep", metavar="DIR", help="write the generated files here and keep them")
    args = parser.parse_args()
    drill = [sys.executable, "-c", "import sys; from drill.cli.main import main; sys.exit(main())"]
    over = check_refused_past_limits()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="drill-limits-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'case':<12} {'file':>9} {'validate':>9} {'run':<17} {'wall':>7} {'cpu':>7} {'peak':>8}")
    for name in args.only or CASES:
        document, responses = CASES[name]()
        scenario_path = folder / f"{name}.yaml"
        scenario_path.write_text(dump(document))
        started = time.perf_counter()
        scenario = load_scenario(scenario_path.read_bytes(), str(scenario_path))
        validate = time.perf_counter() - started
        runs = [("silent", ["--no-responses"])]
        if responses is not None:
            responses_path = folder / f"{name}.responses.yaml"
            responses_path.write_text(dump(responses))
            loaded = load_responses(responses_path.read_bytes(), scenario, str(responses_path))
            runs.append((f"{len(loaded):,} responses", ["--responses", str(responses_path)]))
        size = scenario_path.stat().st_size
        for label, options in runs:
            argv = [*drill, "simulate", str(scenario_path), *options, "--no-store", "--out", str(folder / f"{name}-report")]
            elapsed, cpu, peak, status = measure(argv)
            verdict = "" if status == 0 and elapsed < BUDGET_SECONDS and peak < BUDGET_MB else "  OVER BUDGET" if status == 0 else f"  FAILED ({status})"
            print(f"{name:<12} {size / 1000:>7.0f}kB {validate:>8.2f}s {label:<17} {elapsed:>6.2f}s {cpu:>6.2f}s {peak:>6.0f}MB{verdict}")
            sys.stdout.flush()
    print(f"budget: {BUDGET_SECONDS:.0f} s and {BUDGET_MB} MB a drill; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
