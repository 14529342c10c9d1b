"""Import hygiene, packaged data and the real-corpus smoke test."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

from scoring import QUALITY_CRITERIA, QUALITY_WEIGHTS, ChannelInfo, MessageContext, grade_message
from scoring.resources import region_aliases, word_list
from scoring.weights import INTERNAL_CRITERIA
from scoring_cases import REPO, corpus_or_skip


def test_importing_scoring_pulls_in_no_app_or_ui_modules():
    code = ("import sys, scoring; scoring.grade_message('We are investigating.'); "
            "bad = [m for m in ('drill', 'textual', 'rich') if m in sys.modules]; "
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_weights_cover_every_criterion_and_sum_to_100():
    assert set(QUALITY_WEIGHTS) == set(QUALITY_CRITERIA)
    assert sum(QUALITY_WEIGHTS.values()) == 100
    assert set(INTERNAL_CRITERIA) <= set(QUALITY_CRITERIA)


def test_word_lists_load_and_every_data_file_is_documented():
    data = REPO / "scoring" / "data"
    readme = (data / "README.md").read_text(encoding="utf-8")
    for path in data.glob("*.txt"):
        assert path.name in readme
        assert word_list(path.name)
        assert "CC0" in path.read_text(encoding="utf-8").split("\n", 3)[1] + path.read_text(encoding="utf-8")[:300]
    assert region_aliases()["europe west"] == "eu-west"


def test_calibration_labels_reference_the_corpus():
    labels = [json.loads(l) for l in (REPO / "docs" / "calibration" / "labels.jsonl").read_text().splitlines()]
    assert len(labels) >= 150
    corpus = {(r["incident_id"], r["update_index"]): r["body"]
              for r in map(json.loads, corpus_or_skip().read_text(encoding="utf-8").splitlines())}
    for row in labels:
        assert corpus[(row["incident_id"], row["update_index"])] == row["body"]


def test_every_real_update_gets_a_plausible_grade():
    path = corpus_or_skip()
    channel = ChannelInfo("status_page", max_chars=1500)
    scores = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        start = datetime.fromisoformat(row["created_at"].replace("Z", "+00:00"))
        grade = grade_message(row["body"], MessageContext(channel=channel, start_time=start))
        scores.append(grade.score)
    scores.sort()
    assert 30 <= scores[len(scores) // 2] <= 95
    assert scores[0] >= 20 and scores[-1] <= 100
