"""Import hygiene, packaged data and the real-corpus smoke test."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest

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


LABEL_KEYS = {"id", "writer", "corpus", "kind", "source", "body", "phase", "impact", "next_update", "action",
              "apology", "apology_formulaic", "speculation", "eta", "blame", "minimising", "responsibility",
              "make_good", "note"}


def labelled_rows():
    rows = []
    for path in sorted((REPO / "docs" / "calibration" / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.extend([row["better"], row["worse"]] if "better" in row else [row])
    return rows


def test_every_cross_writer_label_row_is_complete():
    rows = labelled_rows()
    assert len(rows) >= 720
    for row in rows:
        assert LABEL_KEYS <= set(row), row["id"]
        assert row["phase"] in {None, "investigating", "identified", "monitoring", "resolved"}, row["id"]
        assert row["body"].strip() and row["source"].strip(), row["id"]


FIRST_DRAW = ("status-a.jsonl", "status-b.jsonl", "status-c.jsonl", "status-d.jsonl")
# Each later batch continues every organisation's order past all the batches before it.
LATER_DRAWS = (("status-e.jsonl", 20),)


def test_the_status_labels_are_the_drawn_sample_with_the_corpus_text(tmp_path):
    corpus = corpus_or_skip()
    data = corpus.parent
    if not (data / "statuspage-updates.jsonl").exists():
        pytest.skip("the other organisations' corpus is not beside the checkout")
    script = REPO / "benchmarks" / "calibration_sample.py"
    labels = REPO / "docs" / "calibration" / "labels"

    def drawn(out, *extra):
        subprocess.run([sys.executable, str(script), "--data", str(data), "--out", str(out), *extra], check=True,
                       capture_output=True, timeout=120)
        return {json.loads(line)["id"]: json.loads(line)["body"]
                for line in (out / "worklist.jsonl").read_text(encoding="utf-8").splitlines()}

    def labelled(names):
        rows = [json.loads(line) for name in names
                for line in (labels / name).read_text(encoding="utf-8").splitlines()]
        return {r["id"]: r["body"] for r in rows}

    everything = drawn(tmp_path / "first")
    assert labelled(FIRST_DRAW) == everything
    before = list(FIRST_DRAW)
    for name, per_org in LATER_DRAWS:
        batch = drawn(tmp_path / name, "--after-labelled", *(str(labels / n) for n in before),
                      "--per-org", str(per_org))
        assert labelled([name]) == batch
        assert not set(batch) & set(everything)
        everything.update(batch)
        before.append(name)
    assert {r["id"]: r["body"] for r in labelled_rows() if r["corpus"] in {"statuspage", "github"}} == everything
