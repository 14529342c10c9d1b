"""The detector models add their weights up in one pass; the verdicts are what a label-by-label sum gives."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.learned.features import extract, spoken
from scoring.learned.model import PHASE_CLASSES, shipped_model

ROOT = Path(__file__).resolve().parents[2]


def _messages() -> list[str]:
    texts = []
    for path in sorted((ROOT / "docs" / "calibration").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            texts.extend(row[k] for k in ("body", "text") if isinstance(row.get(k), str))
    return texts


def _label_sums(model, features) -> list[float]:
    """Each label's weights over the features it weighs, in text order: the sums as first written."""
    totals = [0.0] * len(model.labels)
    for feature in features.spans:
        for i, weights in enumerate(model.label_weights.values()):
            if feature in weights:
                totals[i] += float(weights[feature])
    return totals


def _phase_sums(model, features) -> list[float]:
    totals = [0.0] * len(PHASE_CLASSES)
    for feature in features.spans:
        weights = model.phase_weights.get(feature)
        if weights is not None:
            for i, w in enumerate(weights):
                totals[i] += float(w)
    return totals


def test_sums_in_one_pass_decide_as_the_sums_label_by_label():
    model = shipped_model()
    texts = _messages()
    assert len(texts) > 500
    for text in texts:
        for features in (extract(text), spoken(text)):
            labels, phases, used = model.sums(features)
            assert [t > 0 for t in labels] == [t > 0 for t in _label_sums(model, features)]
            assert phases == _phase_sums(model, features)  # the very same additions, in the same order
            assert [f for f, _ in used] == [f for f in features.spans if f in model.phase_weights]
