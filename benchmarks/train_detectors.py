"""Train the message detectors on the hand-labelled calibration set, and measure them honestly.

Usage:
  train_detectors.py                 leave-one-writer-out evaluation, then train on everything
                                     and write scoring/data/detectors.json
  train_detectors.py --evaluate-only the evaluation alone (nothing written)
  train_detectors.py --report PATH   where the evaluation's Markdown goes (docs/calibration.md)

Leave-one-writer-out: for each writer (each status-page organisation, GitHub,
and each organisation that issued a statement) the models are trained on
every other writer's messages and scored on the one left out, so every figure
is a figure on words the models never saw from that writer. Needs NumPy
(training only: the shipped models are plain JSON read by pure Python).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scoring.learned.features import Features, extract, spoken, with_each_apology  # noqa: E402
from scoring.learned.model import PHASE_CLASSES, DetectorModel  # noqa: E402

LABEL_DIR = REPO / "docs" / "calibration" / "labels"
MODEL_PATH = REPO / "scoring" / "data" / "detectors.json"
REPORT_PATH = REPO / "docs" / "calibration.md"
# With no phase rule in a message, its words alone must be this sure of a phase.
WORDS_ALONE_CONFIDENCE = 0.5
BINARY_LABELS = ("impact", "next_update", "action", "apology", "speculation", "eta", "blame", "minimising",
                 "responsibility", "make_good")
TARGETS = {"phase": 0.90, "impact": 0.90, "next_update": 0.90, "action": 0.90, "apology": 0.90,
           "blame": 0.85, "minimising": 0.85, "speculation": 0.80, "eta": 0.80}
MIN_POSITIVES_FOR_TARGET = 10
# A word feature is kept only if it occurs in this many messages from this many
# writers of the training fold: one writer's house phrases do not become evidence.
MIN_DOCS, MIN_WRITERS = 3, 2
L2_WORDS, L2_RULES = 2.0, 1.0
# The hand-written rules start trusted: each label's own rules begin at a weight
# that carries a verdict on its own, and the data has to argue them down. With
# a dozen positives of a label, that prior is most of what the model knows.
RULE_PRIOR = 4.0
BIAS_PRIOR = -2.0
OWN_RULES = {
    "impact": ("rule:impact_who", "rule:impact_how_many", "rule:impact_where", "rule:impact_consequence",
               "rule:impact_since", "rule:impact_symptom"),
    "next_update": ("rule:update_commitment", "rule:timed_promise"),
    "action": ("rule:action", "rule:follow_link"),
    "apology": ("rule:apology", "rule:non_apology"),
    "speculation": ("rule:speculation",),
    "eta": ("rule:eta",),
    "blame": ("rule:blame",),
    "minimising": ("rule:minimising",),
    "responsibility": ("rule:responsibility",),
    "make_good": ("rule:make_good",),
}
# Rules whose hit decides their label even where the words around it pull the model the
# other way: the precise ones (0.9 or more on the labelled set), so that adding a blaming
# sentence never reads as less blame. The speculation rule is not precise, but
# no_speculation reads it itself (a hedge is a guess unless the facts confirm it), so the
# figure measures what the grade does.
STANDING_RULES = {"rule:update_commitment", "rule:timed_promise", "rule:apology", "rule:non_apology", "rule:eta",
                  "rule:blame", "rule:minimising", "rule:responsibility", "rule:follow_link", "rule:action",
                  "rule:speculation"}
RULES_STAND = {label: tuple(r for r in rules if r in STANDING_RULES) for label, rules in OWN_RULES.items()}
PHASE_RULES = {phase: (f"rule:phase={phase}", f"rule:phase_label={phase}") for phase in PHASE_CLASSES[:4]}
STEPS, LEARNING_RATE = 250, 0.15


def load_messages(label_dir: Path = LABEL_DIR) -> list[dict]:
    rows: list[dict] = []
    for path in sorted(label_dir.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            row = json.loads(line)
            if "better" in row:  # a judged pair: two statements
                rows.extend([row["better"], row["worse"]])
            else:
                rows.append(row)
    unique: dict[str, dict] = {}
    for row in rows:
        unique.setdefault(row["id"], row)
    return list(unique.values())


def writer_group(row: dict) -> str:
    return row["writer"]


def corpus_of(row: dict) -> str:
    return row.get("corpus", "statements")


class FeatureTable:
    """Every labelled message's features, extracted once: whole, and less its apologies, as the
    shipped code reads them."""

    def __init__(self, rows: list[dict]):
        self.whole: dict[str, Features] = {r["id"]: extract(r["body"]) for r in rows}
        self.said: dict[str, Features] = {r["id"]: spoken(r["body"]) for r in rows}
        self.apologies: dict[str, tuple[Features, ...]] = {r["id"]: with_each_apology(r["body"]) for r in rows}
        self.whole_names = {i: frozenset(m.spans) for i, m in self.whole.items()}
        self.said_names = {i: frozenset(m.spans) for i, m in self.said.items()}


class Design:
    """Feature vocabulary of one training fold and its matrices."""

    def __init__(self, train: list[dict], feats: dict[str, frozenset[str]]):
        """``feats``: message id -> the names of its features."""
        docs: Counter = Counter()
        writers: dict[str, set[str]] = defaultdict(set)
        for row in train:
            for f in feats[row["id"]]:
                docs[f] += 1
                writers[f].add(writer_group(row))
        self.vocab = sorted(f for f in docs if f.startswith("rule:") or f == "<bias>"
                            or (docs[f] >= MIN_DOCS and len(writers[f]) >= MIN_WRITERS))
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.penalty = np.array([0.0 if f == "<bias>" else L2_RULES if f.startswith("rule:") else L2_WORDS
                                 for f in self.vocab])

    def prior(self, rules_by_class: dict[int, tuple[str, ...]], classes: int) -> np.ndarray:
        """Starting weights: each class's own rules trusted, a bias against every non-default class."""
        prior = np.zeros((len(self.vocab), classes))
        for cls, rules in rules_by_class.items():
            for rule in rules:
                i = self.index.get(rule)
                if i is not None:
                    prior[i, cls] = RULE_PRIOR
            if rules:
                prior[self.index["<bias>"], cls] = BIAS_PRIOR
        return prior

    def matrix(self, rows: list[dict], feats: dict[str, frozenset[str]]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.vocab)))
        for r, row in enumerate(rows):
            for f in feats[row["id"]]:
                i = self.index.get(f)
                if i is not None:
                    x[r, i] = 1.0
        return x


def adam(gradient, start: np.ndarray) -> np.ndarray:
    """Full-batch Adam from ``start``; ``gradient(w)`` gives the loss gradient at ``w``."""
    w = start.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, STEPS + 1):
        grad = gradient(w)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= LEARNING_RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int, penalty: np.ndarray, weights: np.ndarray,
                prior: np.ndarray) -> np.ndarray:
    """Multinomial logistic regression, L2 towards ``prior`` per feature. Weights shape: (features, classes)."""
    n = x.shape[0]
    target = np.eye(classes)[y]

    def gradient(w: np.ndarray) -> np.ndarray:
        z = x @ w
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        return x.T @ ((p - target) * weights[:, None]) / n + penalty[:, None] * (w - prior) / n

    return adam(gradient, prior)


def balanced(y: np.ndarray, classes: int) -> np.ndarray:
    """Example weights that give rare classes more say, capped so a handful cannot dominate."""
    counts = np.bincount(y, minlength=classes).astype(float)
    per_class = np.where(counts > 0, len(y) / (classes * np.maximum(counts, 1)), 0.0)
    per_class = np.clip(per_class, 0.5, 4.0)
    return per_class[y]


def fit_binary(x: np.ndarray, y: np.ndarray, penalty: np.ndarray, weights: np.ndarray,
               prior: np.ndarray) -> np.ndarray:
    """One logistic regression per column of ``y``, all in one pass; L2 towards ``prior``."""
    n = x.shape[0]

    def gradient(w: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        return x.T @ ((p - y) * weights) / n + penalty[:, None] * (w - prior) / n

    return adam(gradient, prior)


def train(rows: list[dict], table: FeatureTable) -> dict:
    """The models in the form ``scoring.learned.model.DetectorModel`` reads."""
    design = Design(rows, table.whole_names)
    y = np.array([[float(bool(row[label])) for label in BINARY_LABELS] for row in rows])
    weights = np.stack([balanced(y[:, j].astype(int), 2) for j in range(len(BINARY_LABELS))], axis=1)
    prior = np.zeros((len(design.vocab), len(BINARY_LABELS)))
    for j, label in enumerate(BINARY_LABELS):
        prior[:, j] = design.prior({1: OWN_RULES[label]}, 2)[:, 1]
    w = np.zeros_like(prior)
    # The apology is learned from whole messages (the rest have none); every other label from what a
    # message says besides sorry, as it is mostly read.
    for names, columns in ((table.whole_names, [j for j, lab in enumerate(BINARY_LABELS) if lab == "apology"]),
                           (table.said_names, [j for j, lab in enumerate(BINARY_LABELS) if lab != "apology"])):
        x = design.matrix(rows, names)
        w[:, columns] = fit_binary(x, y[:, columns], design.penalty, weights[:, columns], prior[:, columns])
    labels: dict[str, dict] = {}
    for j, label in enumerate(BINARY_LABELS):
        learned = _sparse(design.vocab, w[:, j]) if y[:, j].any() else {"<bias>": -10.0}  # never seen: never said
        labels[label] = {"weights": learned, "rules_stand": list(RULES_STAND.get(label, ()))}
    y_phase = np.array([PHASE_CLASSES.index(row["phase"] or "none") for row in rows])
    prior = design.prior({i: PHASE_RULES.get(c, ()) for i, c in enumerate(PHASE_CLASSES)}, len(PHASE_CLASSES))
    x = design.matrix(rows, table.said_names)
    w = fit_softmax(x, y_phase, len(PHASE_CLASSES), design.penalty, balanced(y_phase, len(PHASE_CLASSES)), prior)
    kept = {f: [round(float(v), 3) for v in w[i]] for i, f in enumerate(design.vocab)
            if np.abs(w[i]).max() >= MIN_WEIGHT or f == "<bias>"}
    return {"labels": labels, "phase": {"weights": kept, "words_alone_confidence": WORDS_ALONE_CONFIDENCE}}


# Weights smaller than this change no verdict worth the bytes and the load time.
MIN_WEIGHT = 0.05


def _sparse(vocab: list[str], weights: np.ndarray) -> dict[str, float]:
    return {f: round(float(w), 3) for f, w in zip(vocab, weights) if abs(w) >= MIN_WEIGHT or f == "<bias>"}


def predict(model: DetectorModel, whole: Features, said: Features, apologies: tuple[Features, ...] = ()) -> dict:
    """What the shipped code would say with these weights: the same object grades at run time."""
    out: dict = {label: decision.positive for label, decision in model.decide(whole, said, apologies).items()}
    out["phase"] = model.decide_phase(said).phase
    return out


def leave_one_writer_out(rows: list[dict], table: FeatureTable, statement_folds: int = 0) -> dict[str, dict]:
    """Predictions for every message from models that never saw its writer.

    ``statement_folds`` > 0 leaves the statement writers out in that many groups
    instead of one by one (still never training on a held-out writer): a quicker
    check while working, not the published figure.
    """
    predictions: dict[str, dict] = {}

    def fold_of(row: dict) -> str:
        if statement_folds and corpus_of(row) == "statements":
            return f"statements-{int(hashlib.sha256(row['writer'].encode()).hexdigest(), 16) % statement_folds}"
        return writer_group(row)

    writers = sorted({fold_of(r) for r in rows})
    for k, writer in enumerate(writers, 1):
        held = [r for r in rows if fold_of(r) == writer]
        rest = [r for r in rows if fold_of(r) != writer]
        model = DetectorModel(train(rest, table))
        for row in held:
            predictions[row["id"]] = predict(model, table.whole[row["id"]], table.said[row["id"]],
                                             table.apologies[row["id"]])
        print(f"\r  left out {k}/{len(writers)} writers", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return predictions


def scores(rows: list[dict], predictions: dict[str, dict]) -> dict:
    out: dict = {"n": len(rows)}
    hits = sum(predictions[r["id"]]["phase"] == (r["phase"] or None) for r in rows)
    out["phase"] = hits / len(rows) if rows else 0.0
    for label in BINARY_LABELS:
        tp = sum(bool(r[label]) and predictions[r["id"]][label] for r in rows)
        fp = sum(not r[label] and predictions[r["id"]][label] for r in rows)
        fn = sum(bool(r[label]) and not predictions[r["id"]][label] for r in rows)
        p = tp / (tp + fp) if tp + fp else None
        rc = tp / (tp + fn) if tp + fn else None
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
        out[label] = {"tp": tp, "fp": fp, "fn": fn, "positives": tp + fn, "precision": p, "recall": rc, "f1": f1}
    return out


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def render(rows: list[dict], predictions: dict[str, dict], seconds: float) -> str:
    corpora = defaultdict(list)
    for r in rows:
        corpora[corpus_of(r)].append(r)
    pooled = scores(rows, predictions)
    lines = ["# Calibration of the message detectors", "",
             "Generated by `benchmarks/train_detectors.py`; do not edit by hand.", "",
             f"Labelled set: {len(rows)} messages in `docs/calibration/labels/`, each labelled by a person "
             "reading it (definitions in `docs/calibration/labelling.md`) before any detector was run on it. "
             "Every figure below is **leave-one-writer-out**: the models that judged a message were trained "
             "without any message from its writer.", ""]
    lines += ["## Per corpus", "", "| corpus | n | writers | labelled by |", "|---|---|---|---|"]
    for corpus, crow in sorted(corpora.items()):
        lines.append(f"| {corpus} | {len(crow)} | {len({writer_group(r) for r in crow})} | the drill team, by reading |")
    lines += per_corpus_table(corpora, predictions)
    lines += ["", "## Pooled over every left-out writer", ""]
    lines += ["| detector | positives | precision | recall | F1 | target |", "|---|---|---|---|---|---|"]
    lines.append(f"| phase (agreement) | {len(rows)} | | | {pooled['phase']:.3f} | ≥ {TARGETS['phase']:.2f} |")
    for label in BINARY_LABELS:
        m = pooled[label]
        target = TARGETS.get(label)
        shown = f"≥ {target:.2f}" if target and m["positives"] >= MIN_POSITIVES_FOR_TARGET else (
            f"({m['positives']} positives: too few)" if target else "")
        lines.append(f"| {label} | {m['positives']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | "
                     f"{_fmt(m['f1'])} | {shown} |")
    confusion = Counter((r["phase"] or "none", predictions[r["id"]]["phase"] or "none") for r in rows)
    lines += ["", "Phase confusion, left-out predictions (rows: the label; columns: what was read):", "",
              "| label | " + " | ".join(PHASE_CLASSES) + " |", "|---|" + "---|" * len(PHASE_CLASSES)]
    for truth in PHASE_CLASSES:
        lines.append(f"| {truth} | " + " | ".join(str(confusion[(truth, read)]) for read in PHASE_CLASSES) + " |")
    lines += ["", "## Per writer left out", "",
              "Phase agreement, then F1 (positives) for each detector; – where the writer has no positive and "
              "no false alarm. The statements come from many writers with a few messages each, so they are "
              "shown pooled (each writer still left out in turn); the table by statement writer follows.", ""]
    lines += per_writer_table(rows, predictions, pooled_statements=True)
    lines += ["", "### Statement writers one by one", ""]
    lines += per_writer_table([r for r in rows if corpus_of(r) == "statements"], predictions, pooled_statements=False)
    lines += [""]
    lines += ["## Disagreements (left-out predictions)", ""]
    for label in ("phase",) + BINARY_LABELS:
        wrong = [r for r in rows if (predictions[r["id"]]["phase"] != (r["phase"] or None)) if label == "phase"] \
            if label == "phase" else [r for r in rows if bool(r[label]) != predictions[r["id"]][label]]
        lines.append(f"### {label} ({len(wrong)})")
        lines.append("")
        for r in wrong[:40]:
            said = predictions[r["id"]][label]
            if label == "phase":
                what = f"labelled {r['phase']}, read {said}"
            else:
                what = "missed" if r[label] else "false alarm"
            lines.append(f"- `{r['id']}` ({r['writer']}) {what}: {_excerpt(r['body'])}")
        if len(wrong) > 40:
            lines.append(f"- ... and {len(wrong) - 40} more")
        lines.append("")
    lines.append(f"Evaluation took {seconds:.0f} s.")
    return "\n".join(lines) + "\n"


def per_corpus_table(corpora: dict[str, list[dict]], predictions: dict[str, dict]) -> list[str]:
    """Each detector's precision, recall and F1 on each corpus (every writer in it left out in turn)."""
    names = sorted(corpora)
    per = {corpus: scores(corpora[corpus], predictions) for corpus in names}
    lines = ["", "Precision / recall / F1 (positives) by corpus, each message judged by models trained without "
             "its writer:", "", "| detector | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines.append("| phase (agreement) | " + " | ".join(f"{per[c]['phase']:.3f}" for c in names) + " |")
    for label in BINARY_LABELS:
        cells = []
        for corpus in names:
            m = per[corpus][label]
            cells.append("–" if m["f1"] is None else
                         f"{_fmt(m['precision'])} / {_fmt(m['recall'])} / {_fmt(m['f1'])} ({m['positives']})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def per_writer_table(rows: list[dict], predictions: dict[str, dict], pooled_statements: bool) -> list[str]:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        if pooled_statements and corpus_of(r) == "statements":
            groups[("statements", "statements")].append(r)
        else:
            groups[(corpus_of(r), writer_group(r))].append(r)
    header = ["writer", "corpus", "n", "phase"] + list(BINARY_LABELS)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    phases: list[float] = []
    f1s: dict[str, list[float]] = defaultdict(list)
    for (corpus, writer), wrows in sorted(groups.items()):
        s = scores(wrows, predictions)
        name = f"{len({writer_group(r) for r in wrows})} writers, pooled" if writer == "statements" else writer
        cells = [name, corpus, str(len(wrows)), f"{s['phase']:.2f}"]
        if writer != "statements":
            phases.append(s["phase"])
        for label in BINARY_LABELS:
            m = s[label]
            if m["f1"] is not None and writer != "statements":
                f1s[label].append(m["f1"])
            cells.append("–" if m["f1"] is None else f"{m['f1']:.2f} ({m['positives']})")
        lines.append("| " + " | ".join(cells) + " |")
    if pooled_statements:
        mean = ["**mean over the status-page writers**", "", "", f"{np.mean(phases):.2f}"]
        mean += [f"{np.mean(f1s[label]):.2f}" if f1s[label] else "–" for label in BINARY_LABELS]
        lines.append("| " + " | ".join(mean) + " |")
    return lines


def _excerpt(body: str, size: int = 140) -> str:
    flat = " ".join(body.split())
    flat = flat.replace("|", "/").replace("`", "'")
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate-only", action="store_true")
    parser.add_argument("--no-evaluate", action="store_true", help="train and write the model only")
    parser.add_argument("--report", type=Path, default=REPORT_PATH)
    parser.add_argument("--labels", type=Path, default=LABEL_DIR)
    parser.add_argument("--quick", type=int, default=0, metavar="N",
                        help="leave statement writers out in N groups (a quicker check; not the published figures)")
    args = parser.parse_args()
    rows = load_messages(args.labels)
    table = FeatureTable(rows)
    print(f"{len(rows)} labelled messages from {len({writer_group(r) for r in rows})} writers", file=sys.stderr)
    if not args.no_evaluate:
        started = time.perf_counter()
        predictions = leave_one_writer_out(rows, table, args.quick)
        report = render(rows, predictions, time.perf_counter() - started)
        args.report.write_text(report, encoding="utf-8")
        pooled = scores(rows, predictions)
        print(f"phase {pooled['phase']:.3f}")
        for label in BINARY_LABELS:
            m = pooled[label]
            print(f"{label:15} pos {m['positives']:4}  P {_fmt(m['precision'])}  R {_fmt(m['recall'])}  F1 {_fmt(m['f1'])}")
        print(f"report -> {args.report}", file=sys.stderr)
    if args.evaluate_only:
        return
    model = train(rows, table)
    MODEL_PATH.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"model -> {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
