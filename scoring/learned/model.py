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


class Decision:
    """One label's verdict: positive or not, how sure, and (worked out when asked) the words that decided it."""

    __slots__ = ("positive", "probability", "_message", "_why", "_names")

    def __init__(self, positive: bool, probability: float, message: Features, why):
        self.positive = positive
        self.probability = probability
        self._message = message
        self._why = why  # () -> names of the deciding features, strongest first
        self._names: tuple[str, ...] | None = None

    @property
    def features(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = self._why()
        return self._names

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return _evidence(self._message, self.features) if self.positive else ()


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
        # With no phase rule in a message, its words alone must be this sure of a phase.
        self.words_alone_confidence = float(phase.get("words_alone_confidence", 0.0))
        self.phase_weights: dict[str, list[float]] = {f: [float(x) for x in w] for f, w in phase["weights"].items()}
        self.meta = data.get("meta", {})

    def decide(self, features: Features) -> dict[str, Decision]:
        totals = dict(self.bias)
        by_feature = self.by_feature
        for feature in features.spans:  # in text order, so float sums are the same in every process
            hits = by_feature.get(feature)
            if hits:
                for label, weight in hits:
                    totals[label] += weight
        out: dict[str, Decision] = {}
        for label, total in totals.items():
            standing = tuple(rule for rule in self.rules_stand[label] if rule in features.rules)
            positive = total > self.cut[label] or bool(standing)
            out[label] = Decision(positive, _sigmoid(total), features,
                                  self._explainer(features, label, positive, standing))
        return out

    def _explainer(self, features: Features, label: str, positive: bool, standing: tuple[str, ...]):
        def why() -> tuple[str, ...]:
            parts = [(w, f) for f in features.spans if f != "<bias>"
                     for lab, w in self.by_feature.get(f, ()) if lab == label and (w > 0) == positive]
            parts.sort(key=lambda p: -abs(p[0]))
            return standing + tuple(name for _, name in parts[:6] if name not in standing)
        return why

    def decide_phase(self, features: Features) -> PhaseDecision:
        totals = list(self.phase_bias)
        used: list[str] = []
        weights_of = self.phase_weights
        for feature in phase_features(features):
            weights = weights_of.get(feature)
            if weights is None:
                continue
            used.append(feature)
            for i, w in enumerate(weights):
                totals[i] += w
        top = max(range(len(PHASE_CLASSES)), key=lambda i: (totals[i], -i))
        stated = next((PHASE_CLASSES.index(f.split("=", 1)[1]) for f in features.rules
                       if f.startswith("rule:phase_label=")), None)
        if stated is not None:
            top = stated  # the writer's own label ("Identified: ...") stands
        peak = max(totals)
        exp = [math.exp(t - peak) for t in totals]
        norm = sum(exp)
        probabilities = {c: round(e / norm, 4) for c, e in zip(PHASE_CLASSES, exp)}
        if stated is None and exp[top] / norm < self.words_alone_confidence \
                and not any(f.startswith("rule:phase") for f in features.rules):
            top = PHASE_CLASSES.index("none")
        phase = PHASE_CLASSES[top]
        if phase == "none":
            return PhaseDecision(None, probabilities, (), ())
        if stated is not None:
            label = f"rule:phase_label={phase}"
            return PhaseDecision(phase, probabilities, features.rules[label], (label,))
        # What set the winner apart from the runner-up.
        runner = max((i for i in range(len(PHASE_CLASSES)) if i != top), key=lambda i: totals[i])
        margin = sorted(((weights_of[f][top] - weights_of[f][runner], f) for f in used if f != "<bias>"), reverse=True)
        names = tuple(f for m, f in margin[:6] if m > 0)
        return PhaseDecision(phase, probabilities, _evidence(features, names), names)


def phase_features(features: Features) -> list[str]:
    """The features the phase is read from: an apology states no phase, so its sentences' words are left out."""
    quiet = _apology_sentences(features)
    if not quiet:
        return list(features.spans)
    return [f for f, span in features.spans.items()
            if f.startswith("rule:phase") or not any(s <= span[0] < e for s, e in quiet)]


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
