"""Linear detector models over words and rules, trained offline and shipped as JSON.

Each binary label (impact, next_update, blame, ...) is a logistic model: the
sum of the weights of the features a message has, against a threshold. The
phase is one such model per phase (plus "none"), the highest sum wins. The
weights live in ``scoring/data/detectors.json``, written by
``benchmarks/train_detectors.py`` from the hand-labelled calibration set;
nothing is downloaded or trained at run time.

A verdict always names what decided it: the features with the largest
contributions, each with the words of the message it came from.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Mapping

from ..text import sentence_spans
from ..types import Evidence
from .features import Features, extract

MODEL_FILE = "detectors.json"
PHASE_CLASSES = ("investigating", "identified", "monitoring", "resolved", "none")


@dataclass(frozen=True)
class Decision:
    """One label's verdict: positive or not, how sure, and the words that decided it."""

    positive: bool
    probability: float
    evidence: tuple[Evidence, ...]
    features: tuple[str, ...]  # the strongest features on the winning side


@dataclass(frozen=True)
class PhaseDecision:
    phase: str | None
    probabilities: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    features: tuple[str, ...]


class DetectorModel:
    """Weights for every label, indexed by feature for one pass over a message."""

    def __init__(self, data: Mapping[str, Any]):
        self.labels: tuple[str, ...] = tuple(data["labels"])
        self.bias = {label: float(spec["bias"]) for label, spec in data["labels"].items()}
        self.cut = {label: _logit(float(spec.get("threshold", 0.5))) for label, spec in data["labels"].items()}
        # Rules precise enough that a hit decides the label whatever the words around it.
        self.rules_stand = {label: tuple(spec.get("rules_stand", ())) for label, spec in data["labels"].items()}
        self.by_feature: dict[str, list[tuple[str, float]]] = {}
        for label, spec in data["labels"].items():
            for feature, weight in spec["weights"].items():
                self.by_feature.setdefault(feature, []).append((label, float(weight)))
        phase = data.get("phase") or {"bias": [0.0] * len(PHASE_CLASSES), "weights": {}}
        self.phase_bias = [float(b) for b in phase["bias"]]
        self.phase_weights: dict[str, list[float]] = {f: [float(x) for x in w] for f, w in phase["weights"].items()}
        self.meta = data.get("meta", {})

    def scores(self, features: Features) -> dict[str, list[tuple[float, str]]]:
        """Per label, every present feature's contribution."""
        contributions: dict[str, list[tuple[float, str]]] = {label: [] for label in self.labels}
        for feature in features.spans:
            for label, weight in self.by_feature.get(feature, ()):
                contributions[label].append((weight, feature))
        return contributions

    def decide(self, features: Features) -> dict[str, Decision]:
        out: dict[str, Decision] = {}
        for label, parts in self.scores(features).items():
            total = self.bias[label] + sum(w for w, _ in parts)
            standing = tuple(rule for rule in self.rules_stand[label] if rule in features.rules)
            positive = total > self.cut[label] or bool(standing)
            side = sorted((p for p in parts if (p[0] > 0) == positive and p[1] != "<bias>"),
                          key=lambda p: -abs(p[0]))[:6]
            names = standing + tuple(name for _, name in side if name not in standing)
            out[label] = Decision(positive, _sigmoid(total), _evidence(features, names) if positive else (), names)
        return out

    def decide_phase(self, features: Features) -> PhaseDecision:
        totals = list(self.phase_bias)
        parts: list[list[tuple[float, str]]] = [[] for _ in PHASE_CLASSES]
        # An apology states no phase: its words are left out of the phase reading.
        quiet = _apology_sentences(features)
        for feature, span in features.spans.items():
            if quiet and any(s <= span[0] < e for s, e in quiet) and not feature.startswith("rule:phase"):
                continue
            weights = self.phase_weights.get(feature)
            if weights is None:
                continue
            for i, w in enumerate(weights):
                totals[i] += w
                parts[i].append((w, feature))
        top = max(range(len(PHASE_CLASSES)), key=lambda i: (totals[i], -i))
        peak = max(totals)
        exp = [math.exp(t - peak) for t in totals]
        norm = sum(exp)
        probabilities = {c: round(e / norm, 4) for c, e in zip(PHASE_CLASSES, exp)}
        # What set the winner apart from the runner-up.
        runner = max((i for i in range(len(PHASE_CLASSES)) if i != top), key=lambda i: totals[i])
        margin = {name: w for w, name in parts[top]}
        for w, name in parts[runner]:
            margin[name] = margin.get(name, 0.0) - w
        names = tuple(n for n, w in sorted(margin.items(), key=lambda kv: -kv[1])[:6] if w > 0 and n != "<bias>")
        phase = PHASE_CLASSES[top]
        if phase == "none":
            return PhaseDecision(None, probabilities, (), names)
        return PhaseDecision(phase, probabilities, _evidence(features, names), names)


def _apology_sentences(features: Features) -> list[tuple[int, int]]:
    spans = features.rules.get("rule:apology")
    if not spans:
        return []
    sentences = sentence_spans(features.text)
    return [(s, e) for s, e in sentences if any(s <= a.start < e for a in spans)]


# Words too common to quote as the reason for a verdict.
_UNQUOTABLE = frozenset("<s> <num> <time> <url> the a an and or of to in on for at is are was were be been has have "
                        "we our it this that with as by from".split())


def _quotable(name: str) -> bool:
    return name.startswith("rule:") or any(t not in _UNQUOTABLE for t in name.split())


def _evidence(features: Features, names: tuple[str, ...]) -> tuple[Evidence, ...]:
    """Spans for the deciding features, strongest first: a rule's own span, else the words themselves."""
    found: list[Evidence] = []
    ordered = sorted(names, key=lambda n: not n.startswith("rule:"))  # a rule's span reads best
    for name in ordered:
        rule = features.rules.get(name)
        span = (rule[0].start, rule[0].end) if rule else features.spans.get(name)
        if not span or span[1] <= span[0] or not _quotable(name):
            continue
        if any(e.start <= span[0] and span[1] <= e.end for e in found):
            continue  # already quoted inside a wider span
        found.append(Evidence(span[0], span[1], features.text[span[0]:span[1]]))
    return tuple(found[:3])


def _sigmoid(z: float) -> float:
    if z >= 0:
        return round(1.0 / (1.0 + math.exp(-z)), 4)
    e = math.exp(z)
    return round(e / (1.0 + e), 4)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@cache
def shipped_model() -> DetectorModel:
    raw = resources.files("scoring").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return DetectorModel(json.loads(raw))


@dataclass(frozen=True)
class Reading:
    """Everything the models read in one message."""

    features: Features
    labels: Mapping[str, Decision]
    phase: PhaseDecision


@lru_cache(maxsize=1024)
def read(text: str) -> Reading:
    """The shipped models' verdicts on ``text`` (cached: several checks ask)."""
    model = shipped_model()
    features = extract(text)
    return Reading(features, model.decide(features), model.decide_phase(features))
