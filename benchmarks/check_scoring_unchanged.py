"""Check that message grades are byte-for-byte what an earlier version of the scorer gave.

    python benchmarks/check_scoring_unchanged.py --write FILE     # record the grades
    python benchmarks/check_scoring_unchanged.py --compare FILE   # grade again, compare with FILE
    python benchmarks/check_scoring_unchanged.py --before REV     # REV's scorer against this one

Every message of both real corpora (GitHub's updates and the eleven other
organisations'), the hand-labelled calibration messages, the scenarios'
example responses and the strings of the tests is graded in every
context below: the benchmark's own, each channel kind the scorer knows
(status page, social, press, support reply, internal chat, executive brief),
facts that contradict, a large impact, a confirmed cause, organisation terms
and an incident's earlier updates as history. Some variants of the corpus
messages (upper case, two updates run together, a cut in mid-sentence, curly
quotes) are graded in a few of them. Each line written is
``{"case": ..., "grade": MessageGrade.to_dict()}``; a case names its source,
its context and its text (by digest), so that grades recorded before a test
gained a string still compare with grades made after.

``--before REV`` takes ``scoring/`` from git revision REV into a temporary
folder, records its grades there in a subprocess, and compares: the same
inputs, graded by both scorers in one run.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO.parent / "shared" / "data"
CORPORA = [DATA_DIR / "statuspage-updates.jsonl", DATA_DIR / "github-status-updates.jsonl"]


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _test_strings() -> list[str]:
    """String constants of the scoring tests that read like messages."""
    found: list[str] = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if 12 <= len(value) <= 5000 and " " in value and not value.startswith(("import ", "from ")):
                    found.append(value)
    return sorted(set(found))


def _scenario_texts() -> list[str]:
    import yaml

    texts: list[str] = []
    for path in sorted((REPO / "scenarios").glob("*.responses.yaml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or ():
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                texts.append(item["text"])
    return texts


def _calibration_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "docs" / "calibration").rglob("*.jsonl")):
        for row in _rows(path):
            for key in ("body", "text", "before", "after"):
                if isinstance(row.get(key), str):
                    texts.append(row[key])
    return texts


def _variants(texts: list[str]) -> list[str]:
    out = []
    for i, text in enumerate(texts):
        kind = i % 4
        if kind == 0:
            out.append(text.upper())
        elif kind == 1:
            out.append(text + " " + texts[(i + 1) % len(texts)])
        elif kind == 2:
            out.append(text[: max(1, len(text) * 2 // 3)])
        else:
            out.append(text.replace("'", "\u2019").replace('"', "\u201c").replace(" - ", " \u2014 "))
    return out


def _contexts():
    from scoring import ChannelInfo, MessageContext, PriorMessage

    start = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)
    earlier = (PriorMessage(ChannelInfo("social", max_chars=280), 300.0,
                            "We are investigating failed payments for about 2,000 customers."),)
    bench = MessageContext(channel=ChannelInfo("status_page", max_chars=1500), at=900.0,
                           facts={"phase": "identified", "customers_affected": 2000, "regions": ["eu-west"]},
                           earlier=earlier, start_time=start)
    large = {"phase": "investigating", "customers_affected": 50_000, "regions": ["us-east", "Acme North"],
             "aliases": {"Acme North": "eu-west"}, "services": ["checkout", "login", "API"],
             "cause": "a database failover", "data_exposed": False, "severity": "major"}
    resolved = {"phase": "resolved", "customers_affected": 120, "regions": ["EU"], "data_exposed": True,
                "cause": "an expired TLS certificate"}
    org = {"internal_terms": ["Hermes", "blue-green", "Project Atlas"]}
    return {
        "bench": bench,
        "default": MessageContext(),
        "status_page": MessageContext(channel=ChannelInfo("status_page", "public", 1500), at=60.0),
        "social": MessageContext(channel=ChannelInfo("social", "public", 280), at=1800.0, facts=large, org=org,
                                 start_time=start),
        "twitter_named": MessageContext(channel=ChannelInfo("updates", "public", None, "Twitter / X"), at=0.0),
        "press": MessageContext(channel=ChannelInfo("press", "public", None), at=7200.0, facts=resolved,
                                start_time=datetime(2024, 3, 10, 6, 30)),
        "support_reply": MessageContext(channel=ChannelInfo("support_reply", "public", 1200), at=300.0,
                                        facts={"phase": "monitoring", "customers_affected": 400}),
        "internal": MessageContext(channel=ChannelInfo("internal", "internal", None), at=120.0, facts=large,
                                   earlier=earlier, start_time=start),
        "exec_brief": MessageContext(channel=ChannelInfo("exec_brief", "internal", 1200), at=2400.0,
                                     facts=resolved, org=org),
    }


def _history_contexts(rows: list[dict]):
    """Each update of an incident graded with the incident's earlier updates as what was said before."""
    from scoring import ChannelInfo, MessageContext, PriorMessage

    channel = ChannelInfo("status_page", "public", 1500, "Status page")
    by_incident: dict[str, list[dict]] = {}
    for row in rows:
        by_incident.setdefault(str(row.get("incident_id")), []).append(row)
    for incident, updates in by_incident.items():
        updates.sort(key=lambda r: r.get("update_index") or 0)
        earlier: list = []
        for n, row in enumerate(updates):
            yield (f"history:{incident}:{n}", row["body"],
                   MessageContext(channel=channel, at=600.0 * n, earlier=tuple(earlier),
                                  facts={"phase": "monitoring"}))
            earlier.append(PriorMessage(channel if n % 2 else ChannelInfo("social", max_chars=280), 600.0 * n,
                                        row["body"]))


def cases():
    """(case id, text, context) for every grade checked, in a fixed order.

    A case id names the source, the context and the text (by digest, and which occurrence of it in
    that source), so that a text added to a test elsewhere leaves every other case's id as it was.
    """
    contexts = _contexts()
    sources: dict[str, list[str]] = {}
    rows_by_corpus = {path.name: _rows(path) for path in CORPORA}
    for name, rows in rows_by_corpus.items():
        sources[name] = [row["body"] for row in rows]
    sources["calibration"] = _calibration_texts()
    sources["scenarios"] = _scenario_texts()
    sources["tests"] = _test_strings()
    corpus_texts = [t for name in rows_by_corpus for t in sources[name]]
    sources["variant"] = _variants(corpus_texts)
    for source, texts in sources.items():
        names = ("bench", "internal", "social") if source == "variant" else contexts
        for name in names:
            for key, text in _keyed(texts):
                yield f"{source}:{name}:{key}", text, contexts[name]
    for rows in rows_by_corpus.values():
        yield from _history_contexts(rows)


def _keyed(texts: list[str]):
    seen: dict[str, int] = {}
    for text in texts:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        yield f"{digest}.{seen[digest]}", text


def write(path: Path) -> int:
    from scoring import grade_message

    count = 0
    began = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        for case, text, context in cases():
            grade = grade_message(text, context).to_dict()
            out.write(json.dumps({"case": case, "grade": grade}, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count:,} grades written to {path} in {time.perf_counter() - began:.1f}s", file=sys.stderr)
    return count


def _read(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {json.loads(line)["case"]: line.rstrip("\n") for line in fh if line.strip()}


def compare(expected_path: Path, actual_path: Path) -> int:
    """Every case graded in both files must have the same line; cases in one only are counted, not compared."""
    expected, actual = _read(expected_path), _read(actual_path)
    both = [case for case in actual if case in expected]
    differ = [case for case in both if expected[case] != actual[case]]
    for case in differ[:5]:
        print(f"- {expected[case][:2000]}\n+ {actual[case][:2000]}\n")
    only = len(expected) - len(both), len(actual) - len(both)
    if only != (0, 0):
        print(f"not compared (their text is in one run only): {only[0]:,} expected, {only[1]:,} new")
    if differ:
        print(f"{len(differ):,} of {len(both):,} grades differ")
        return 1
    digest = hashlib.sha256("\n".join(actual[case] for case in both).encode()).hexdigest()[:16]
    print(f"identical: {len(both):,} grades (sha256 {digest})")
    return 0


def grades_of_revision(rev: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "scoring"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": folder, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run([sys.executable, __file__, "--write", str(out), "--scoring-from", folder], check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--compare", type=Path, metavar="FILE")
    group.add_argument("--before", metavar="REV")
    parser.add_argument("--scoring-from", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.scoring_from or REPO))
    import scoring

    expected_home = (args.scoring_from or REPO) / "scoring"
    if Path(scoring.__file__).resolve().parent != expected_home.resolve():
        raise SystemExit(f"scoring imported from {scoring.__file__}, not {expected_home}")
    if args.write:
        write(args.write)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        actual = Path(folder) / "actual.jsonl"
        expected = args.compare
        if args.before:
            expected = Path(folder) / "expected.jsonl"
            grades_of_revision(args.before, expected)
        write(actual)
        return compare(expected, actual)


if __name__ == "__main__":
    raise SystemExit(main())
