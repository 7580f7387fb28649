"""The blind-reader benchmark's arithmetic, and its stored files (benchmarks/worthiness_blind_reader.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from worthiness_blind_reader import HERE, PER_CLASS, auroc, recall_at, roc_points


def test_auroc_counts_pairs_and_half_ties() -> None:
    # citing scores 3, 1; uncited 2, 1: pairs (3>2) (3>1) (1<2) (1=1) -> 2.5 of 4
    assert auroc([1, 1, 0, 0], [3, 1, 2, 1]) == pytest.approx(0.625)
    assert auroc([1, 0], [0, 1]) == 0.0


def test_roc_points_are_cuts_from_the_strictest() -> None:
    labels, scores = [1, 1, 0, 0], [3, 1, 2, 1]
    assert roc_points(labels, scores) == [(0.0, 0.0), (0.0, 0.5), (0.5, 0.5), (1.0, 1.0)]


def test_recall_at_reads_the_curve_linearly_between_cuts() -> None:
    points = [(0.0, 0.0), (0.1, 0.7), (0.3, 0.9), (1.0, 1.0)]
    assert recall_at(points, 0.2) == pytest.approx(0.8)
    assert recall_at(points, 0.1) == pytest.approx(0.7)
    assert recall_at(points, 1.0) == pytest.approx(1.0)
    assert recall_at([(0.0, 0.0), (0.0, 0.6), (1.0, 1.0)], 0.0) == pytest.approx(0.6)  # a vertical run


def test_stored_judgments_cover_every_blind_sentence_once() -> None:
    blind = json.loads((HERE / "sentences.json").read_text(encoding="utf-8"))
    judged = json.loads((HERE / "judgments.json").read_text(encoding="utf-8"))
    assert len(blind) == 2 * PER_CLASS
    assert sorted(j["id"] for j in judged) == sorted(b["id"] for b in blind)
    assert {j["score"] for j in judged} <= {0, 1, 2, 3}
    assert all("label" not in b for b in blind)  # blind: no label stored beside the sentence
