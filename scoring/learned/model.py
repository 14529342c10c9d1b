"""Linear detector models over words and rules, trained offline and shipped as JSON.

Each binary label (impact, next_update, blame, ...) is a logistic model: the
sum of the weights of the features a message has, positive above zero. The
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
from typing import Any, Mapping, Sequence

from ..types import Evidence
from .features import Features, extract, spoken, with_each_apology

MODEL_FILE = "detectors.json"
PHASE_CLASSES = ("investigating", "identified", "monitoring", "resolved", "none")
# An apology's own words may earn what they say ("we apologise to the 2,300 merchants whose
# payments failed" names the impact, "this was our mistake" owns it), so these labels are
# positive if either the whole message or the message less its apologies says so. Every
# other label, and the phase, is read from the message less its apologies (a rule hit
# anywhere still counts: "sorry for the tiny hiccup, lol" minimises). Saying sorry can
# add credit; its words alone never add a fault or take credit away.
CREDITED_FROM_APOLOGIES = frozenset({"apology", "impact", "next_update", "action", "responsibility", "make_good"})


class Decision:
    """One label's verdict, and (worked out only when asked) the words that decided it."""

    __slots__ = ("positive", "_model", "_message", "_label", "_standing", "_names")

    def __init__(self, positive: bool, model: DetectorModel, message: Features, label: str,
                 standing: tuple[str, ...]):
        self.positive = positive
        self._model, self._message, self._label, self._standing = model, message, label, standing
        self._names: tuple[str, ...] | None = None

    @property
    def features(self) -> tuple[str, ...]:
        """The deciding features, strongest first: a standing rule, then the largest weights on the winning side."""
        if self._names is None:
            by_feature = self._model.by_feature
            parts = [(w, f) for f in self._message.spans if f != "<bias>"
                     for label, w in by_feature.get(f, ()) if label == self._label and (w > 0) == self.positive]
            parts.sort(key=lambda p: -abs(p[0]))
            self._names = self._standing + tuple(f for _, f in parts[:6] if f not in self._standing)
        return self._names

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return _evidence(self._message, self.features) if self.positive else ()


@dataclass(frozen=True)
class PhaseDecision:
    phase: str | None
    evidence: tuple[Evidence, ...]


class DetectorModel:
    """Weights for every label, indexed by feature for one pass over a message.

    A label is positive when the weights of the message's features (``<bias>``
    among them) sum above zero, or when one of its standing rules fired.
    """

    def __init__(self, data: Mapping[str, Any]):
        self.labels: tuple[str, ...] = tuple(data["labels"])
        # Rules precise enough that a hit decides the label whatever the words around it.
        self.rules_stand = {label: tuple(spec.get("rules_stand", ())) for label, spec in data["labels"].items()}
        self.by_feature: dict[str, list[tuple[str, float]]] = {}
        for label, spec in data["labels"].items():
            for feature, weight in spec["weights"].items():
                self.by_feature.setdefault(feature, []).append((label, float(weight)))
        phase = data["phase"]
        # With no phase rule in a message, its words alone must be this sure of a phase.
        self.words_alone_confidence = float(phase.get("words_alone_confidence", 0.0))
        self.phase_weights: dict[str, list[float]] = {f: [float(x) for x in w] for f, w in phase["weights"].items()}

    def decide(self, whole: Features, said: Features | None = None,
               apologies: Sequence[Features] = ()) -> dict[str, Decision]:
        """Every label's verdict from ``said`` (the message less its apologies, see ``features.spoken``;
        ``whole`` itself if not given), from ``apologies`` (``said`` with one apology put back, see
        ``features.with_each_apology``) for what an apology can earn, and from any standing rule that
        fired anywhere."""
        said = whole if said is None else said
        said_totals = self._totals(said)
        apology_totals: list[tuple[Features, dict[str, float]]] = []  # read only if an apology may earn

        def earned_by_an_apology(label: str) -> Features | None:
            if apologies and not apology_totals:
                apology_totals.extend((reading, self._totals(reading)) for reading in apologies)
            return next((reading for reading, totals in apology_totals if totals[label] > 0), None)

        out: dict[str, Decision] = {}
        for label in self.labels:
            standing = tuple(rule for rule in self.rules_stand[label] if rule in whole.rules)
            if standing:
                out[label] = Decision(True, self, whole, label, standing)
            elif said_totals[label] > 0:
                out[label] = Decision(True, self, said, label, ())
            elif label in CREDITED_FROM_APOLOGIES and (credited := earned_by_an_apology(label)) is not None:
                out[label] = Decision(True, self, credited, label, ())
            else:
                out[label] = Decision(False, self, said, label, ())
        return out

    def _totals(self, features: Features) -> dict[str, float]:
        totals = dict.fromkeys(self.labels, 0.0)
        by_feature = self.by_feature
        for feature in features.spans:  # in text order, so float sums are the same in every process
            hits = by_feature.get(feature)
            if hits:
                for label, weight in hits:
                    totals[label] += weight
        return totals

    def decide_phase(self, features: Features) -> PhaseDecision:
        for rule in features.rules:
            if rule.startswith("rule:phase_label="):  # the writer's own label ("Identified: ...") stands
                return PhaseDecision(rule.split("=", 1)[1], features.rules[rule])
        totals = [0.0] * len(PHASE_CLASSES)
        used: list[str] = []
        weights_of = self.phase_weights
        for feature in features.spans:
            weights = weights_of.get(feature)
            if weights is not None:
                used.append(feature)
                for i, w in enumerate(weights):
                    totals[i] += w
        top = max(range(len(PHASE_CLASSES)), key=lambda i: (totals[i], -i))
        if not any(f.startswith("rule:phase") for f in features.rules):
            share = 1.0 / sum(math.exp(t - totals[top]) for t in totals)
            if share < self.words_alone_confidence:
                return PhaseDecision(None, ())
        if PHASE_CLASSES[top] == "none":
            return PhaseDecision(None, ())
        # What set the winner apart from the runner-up.
        runner = max((i for i in range(len(PHASE_CLASSES)) if i != top), key=lambda i: totals[i])
        margin = sorted(((weights_of[f][top] - weights_of[f][runner], f) for f in used if f != "<bias>"), reverse=True)
        return PhaseDecision(PHASE_CLASSES[top], _evidence(features, tuple(f for m, f in margin[:6] if m > 0)))


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

    def rules(self, name: str) -> tuple[Evidence, ...]:
        """What rule ``name`` found anywhere in the message."""
        return self.features.rules.get(f"rule:{name}", ())


@lru_cache(maxsize=1024)
def read(text: str) -> Reading:
    """The shipped models' verdicts on ``text`` (cached: several checks ask)."""
    model = shipped_model()
    whole, said = extract(text), spoken(text)
    return Reading(whole, model.decide(whole, said, with_each_apology(text)), model.decide_phase(said))
