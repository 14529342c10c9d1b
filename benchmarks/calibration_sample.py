"""Draw the messages to be labelled for the cross-writer calibration set.

Usage: calibration_sample.py [--data DIR] [--out DIR] [--per-org N] [--github N] [--batches N]
       calibration_sample.py --after-labelled PATH [PATH ...] [--data DIR] [--out DIR] [--per-org N] [--github N]

Deterministic: within each organisation, updates are ordered by
sha256("<company>:<incident_id>:<update_index>"); up to a third of each
organisation's quota comes from updates containing a hard-case keyword
(apologies, guesses, third parties, minimising words, promises), the rest from
the plain hash order, so rare labels get enough positives without the sample
being made of them. Writes ``worklist.jsonl`` (every message drawn) and
``batch-a.jsonl`` ... (whole writers, in order, one file per labeller): the
messages that ``docs/calibration/labels/status-a.jsonl`` ... ``status-d.jsonl`` label.

With ``--after-labelled`` (label files, or directories whose ``*.jsonl`` are read)
it draws a further batch instead: the messages those files already label (by
``id``) are set aside and each organisation's hash order is continued past them,
``--per-org`` more from every status-page organisation that has any left (and
``--github`` more of GitHub's, none unless asked), a third of each quota again
preferring hard cases. It writes only ``worklist.jsonl``, the one further batch:
``status-e.jsonl`` is ``--after-labelled status-a.jsonl ... status-d.jsonl --per-org 20``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
HARD_CASE = re.compile(
    r"apolog|sorry|regret|believe|likely|possibl|suspect|appears|expect|third[- ]party|provider|upstream|"
    r"vendor|customer|bot|traffic|brief|minor|small number|no action|workaround|next update|minutes|hour|"
    r"root cause|resolved|recover|monitor", re.IGNORECASE)


def digest(*parts: object) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def draw(rows: list[dict], quota: int, key) -> list[dict]:
    ordered = sorted(rows, key=key)
    hard = [r for r in ordered if HARD_CASE.search(r["body"])][: quota // 3]
    taken = {id(r) for r in hard}
    rest = [r for r in ordered if id(r) not in taken][: quota - len(hard)]
    return sorted(hard + rest, key=key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("calibration-sample"))
    parser.add_argument("--per-org", type=int, default=50)
    parser.add_argument("--github", type=int, default=None, help="default 130; 0 with --after-labelled")
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--after-labelled", type=Path, nargs="+", metavar="PATH",
                        help="continue past the messages these label files (or directories of them) label")
    args = parser.parse_args()
    if args.github is None:
        args.github = 0 if args.after_labelled else 130
    done = labelled_ids(args.after_labelled) if args.after_labelled else set()
    args.out.mkdir(parents=True, exist_ok=True)
    status = [json.loads(line) for line in (args.data / "statuspage-updates.jsonl").open(encoding="utf-8")]
    github = [json.loads(line) for line in (args.data / "github-status-updates.jsonl").open(encoding="utf-8")]
    picked: list[dict] = []
    for company in sorted({r["company"] for r in status}):
        rows = [r for r in status if r["company"] == company and message_id("statuspage", r) not in done]
        for r in draw(rows, args.per_org, lambda r: digest(r["company"], r["incident_id"], r["update_index"])):
            picked.append({"writer": company, "corpus": "statuspage", **_keep(r)})
    github = [r for r in github if message_id("github", r) not in done]
    for r in draw(github, args.github, lambda r: digest("GitHub", r["incident_id"], r["update_index"])):
        picked.append({"writer": "GitHub", "corpus": "github", **_keep(r)})
    for row in picked:
        row["id"] = message_id(row["corpus"], row)
    write_jsonl(args.out / "worklist.jsonl", picked)
    if args.after_labelled:
        print(f"{len(picked)} messages past the {len(done)} labelled -> {args.out}/worklist.jsonl")
        return
    writers = list(dict.fromkeys(row["writer"] for row in picked))
    per_batch = -(-len(writers) // args.batches)
    for k in range(args.batches):
        group = set(writers[k * per_batch:(k + 1) * per_batch])
        write_jsonl(args.out / f"batch-{chr(ord('a') + k)}.jsonl",
                    [{key: row[key] for key in BATCH_KEYS} for row in picked if row["writer"] in group])
    print(f"{len(picked)} messages -> {args.out}/worklist.jsonl and {args.batches} batches")


BATCH_KEYS = ("id", "writer", "corpus", "incident_id", "incident_name", "update_index", "n_updates", "status",
              "source", "body")


def message_id(corpus: str, row: dict) -> str:
    return f"{corpus}:{row['incident_id']}#{row['update_index']}"


def labelled_ids(paths: list[Path]) -> set[str]:
    """The ``id`` of every message the label files (or directories of them) hold, pairs' two sides included."""
    files = [f for p in paths for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    ids: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                ids.update(r["id"] for r in ([row["better"], row["worse"]] if "better" in row else [row]))
    return ids


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _keep(row: dict) -> dict:
    return {k: row[k] for k in ("incident_id", "incident_name", "update_index", "n_updates", "created_at",
                                "status", "body", "source")}


if __name__ == "__main__":
    main()
