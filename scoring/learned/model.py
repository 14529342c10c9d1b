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
from functools import cache, lru_cache
from typing import Any, Mapping, Sequence

from ..resources import data_text
from ..text import per_text
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
            weights = self._model.label_weights[self._label]
            positive = self.positive
            parts = [(w, f) for f in self._message.spans
                     if f != "<bias>" and (w := weights.get(f)) is not None and (w > 0) == positive]
            parts.sort(key=lambda p: -abs(p[0]))
            self._names = self._standing + tuple(f for _, f in parts[:6] if f not in self._standing)
        return self._names

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return _evidence(self._message, self.features) if self.positive else ()


class PhaseDecision:
    __slots__ = ("phase", "evidence")

    def __init__(self, phase: str | None, evidence: tuple[Evidence, ...]):
        self.phase = phase
        self.evidence = evidence


_WEIGHS_NOTHING = (None, None)  # a feature no label and no phase weighs


class DetectorModel:
    """Weights for every label, indexed by feature for one pass over a message.

    A label is positive when the weights of the message's features (``<bias>``
    among them) sum above zero, or when one of its standing rules fired.
    """

    def __init__(self, data: Mapping[str, Any]):
        self.labels: tuple[str, ...] = tuple(data["labels"])
        # Rules precise enough that a hit decides the label whatever the words around it.
        self.rules_stand = {label: tuple(spec.get("rules_stand", ())) for label, spec in data["labels"].items()}
        # label -> feature -> weight, as read (an int weight adds up, compares and sorts as its float would).
        self.label_weights: dict[str, Mapping[str, float]] = {
            label: spec["weights"] for label, spec in data["labels"].items()}
        # feature -> (its weight for each label, 0.0 for none; its weights for each phase), or None for
        # either if it has none; filled in as features are met.
        self._rows: dict[str, tuple[tuple[float, ...] | None, list[float] | None]] = {}
        phase = data["phase"]
        # With no phase rule in a message, its words alone must be this sure of a phase.
        self.words_alone_confidence = float(phase.get("words_alone_confidence", 0.0))
        self.phase_weights: Mapping[str, list[float]] = phase["weights"]

    def row(self, feature: str) -> tuple[tuple[float, ...] | None, list[float] | None]:
        """(``feature``'s weight for each label, by label number; its weight for each phase)."""
        found = self._rows.get(feature)
        if found is None:
            weights = tuple(label.get(feature, 0.0) for label in self.label_weights.values())
            found = (weights if any(feature in label for label in self.label_weights.values()) else None,
                     self.phase_weights.get(feature))
            if found == (None, None):
                found = _WEIGHS_NOTHING
            if len(self._rows) < 200_000:
                self._rows[feature] = found
        return found

    def sums(self, features: Features) -> tuple[list[float], list[float], list[tuple[str, list[float]]]]:
        """(each label's sum of weights, each phase's, the features that weigh a phase), in one pass.

        Sums run in text order, so that they are the same in every process. Adding 0.0 for a label a
        feature does not weigh changes no sum (at most the sign of a zero, and only ``> 0`` is asked).
        """
        rows = self._rows
        row_of = self.row
        used: list[tuple[str, list[float]]] = []
        if len(self.labels) != 10:
            totals = [0.0] * len(self.labels)
            p0 = p1 = p2 = p3 = p4 = 0.0
            for feature in features.spans:
                found = rows.get(feature) or row_of(feature)
                if found is _WEIGHS_NOTHING:
                    continue
                weights, phase = found
                if weights is not None:
                    for i, weight in enumerate(weights):
                        totals[i] += weight
                if phase is not None:
                    used.append((feature, phase))
                    w0, w1, w2, w3, w4 = phase  # one weight a phase, in PHASE_CLASSES order
                    p0 += w0
                    p1 += w1
                    p2 += w2
                    p3 += w3
                    p4 += w4
            return totals, [p0, p1, p2, p3, p4], used
        t0 = t1 = t2 = t3 = t4 = t5 = t6 = t7 = t8 = t9 = 0.0
        p0 = p1 = p2 = p3 = p4 = 0.0
        for feature in features.spans:
            found = rows.get(feature) or row_of(feature)
            if found is _WEIGHS_NOTHING:
                continue
            weights, phase = found
            if weights is not None:
                w0, w1, w2, w3, w4, w5, w6, w7, w8, w9 = weights
                t0 += w0
                t1 += w1
                t2 += w2
                t3 += w3
                t4 += w4
                t5 += w5
                t6 += w6
                t7 += w7
                t8 += w8
                t9 += w9
            if phase is not None:
                used.append((feature, phase))
                w0, w1, w2, w3, w4 = phase  # one weight a phase, in PHASE_CLASSES order
                p0 += w0
                p1 += w1
                p2 += w2
                p3 += w3
                p4 += w4
        return [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9], [p0, p1, p2, p3, p4], used

    def decide(self, whole: Features, said: Features | None = None,
               apologies: Sequence[Features] = (), said_totals: Sequence[float] | None = None) -> dict[str, Decision]:
        """Every label's verdict from ``said`` (the message less its apologies, see ``features.spoken``;
        ``whole`` itself if not given), from ``apologies`` (``said`` with one apology put back, see
        ``features.with_each_apology``) for what an apology can earn, and from any standing rule that
        fired anywhere. ``said_totals``: ``said``'s label sums, if already added up."""
        said = whole if said is None else said
        if said_totals is None:
            said_totals = self._totals(said)
        apology_totals: list[tuple[Features, list[float]]] = []  # read only if an apology may earn

        def earned_by_an_apology(i: int) -> Features | None:
            if apologies and not apology_totals:
                apology_totals.extend((reading, self._totals(reading)) for reading in apologies)
            return next((reading for reading, totals in apology_totals if totals[i] > 0), None)

        out: dict[str, Decision] = {}
        rules = whole.rules
        rules_stand = self.rules_stand
        for i, label in enumerate(self.labels):
            stand = rules_stand[label]
            standing = [rule for rule in stand if rule in rules] if stand else None
            if standing:
                out[label] = Decision(True, self, whole, label, tuple(standing))
            elif said_totals[i] > 0:
                out[label] = Decision(True, self, said, label, ())
            elif label in CREDITED_FROM_APOLOGIES and (credited := earned_by_an_apology(i)) is not None:
                out[label] = Decision(True, self, credited, label, ())
            else:
                out[label] = Decision(False, self, said, label, ())
        return out

    def _totals(self, features: Features) -> list[float]:
        """Each label's sum of weights, by label number."""
        return self.sums(features)[0]

    def decide_phase(self, features: Features, sums=None) -> PhaseDecision:
        """The phase ``features`` state; ``sums``: ``self.sums(features)``, if already added up."""
        rules = features.rules
        for rule in rules:
            if rule.startswith("rule:phase_label="):  # the writer's own label ("Identified: ...") stands
                return PhaseDecision(rule.split("=", 1)[1], rules[rule])
        _, totals, used = sums if sums is not None else self.sums(features)
        top = totals.index(max(totals))  # the first of the highest
        if not any(rule.startswith("rule:phase") for rule in rules):
            share = 1.0 / sum(math.exp(t - totals[top]) for t in totals)
            if share < self.words_alone_confidence:
                return PhaseDecision(None, ())
        if PHASE_CLASSES[top] == "none":
            return PhaseDecision(None, ())
        # What set the winner apart from the runner-up (the first of the highest of the others).
        runner = None
        for i, total in enumerate(totals):
            if i != top and (runner is None or total > totals[runner]):
                runner = i
        margin = [(weights[top] - weights[runner], feature) for feature, weights in used if feature != "<bias>"]
        margin.sort(reverse=True)
        return PhaseDecision(PHASE_CLASSES[top], _evidence(features, tuple(f for m, f in margin[:6] if m > 0)))


# Words too common to quote as the reason for a verdict.
_UNQUOTABLE = frozenset("<s> <num> <time> <url> the a an and or of to in on for at is are was were be been has have "
                        "we our it this that with as by from".split())


@lru_cache(maxsize=8192)  # feature names recur from message to message
def _quotable(name: str) -> bool:
    return name.startswith("rule:") or any(t not in _UNQUOTABLE for t in name.split())


def _evidence(features: Features, names: tuple[str, ...]) -> tuple[Evidence, ...]:
    """Spans for the deciding features, strongest first: a rule's own span, else the words themselves."""
    found: list[Evidence] = []
    rule_names = [name for name in names if name.startswith("rule:")]  # a rule's span reads best
    ordered = rule_names + [name for name in names if not name.startswith("rule:")] if rule_names else names
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
    return DetectorModel(json.loads(data_text(MODEL_FILE)))


class Reading:
    """Everything the models read in one message."""

    __slots__ = ("features", "labels", "phase")

    def __init__(self, features: Features, labels: Mapping[str, Decision], phase: PhaseDecision):
        self.features = features
        self.labels = labels
        self.phase = phase

    def rules(self, name: str) -> tuple[Evidence, ...]:
        """What rule ``name`` found anywhere in the message."""
        return self.features.rules.get(f"rule:{name}", ())


@per_text(1024)
def read(text: str) -> Reading:
    """The shipped models' verdicts on ``text`` (cached: several checks ask)."""
    model = shipped_model()
    whole, said = extract(text), spoken(text)
    sums = model.sums(said)
    return Reading(whole, model.decide(whole, said, with_each_apology(text), sums[0]), model.decide_phase(said, sums))
