"""The corpus scorer runs on a small slice of every render and of the PDF text without a crash.

Figures are not asserted here (they live in benchmarks/corpus_eval.py and README); a crash is.
Skips when the shared corpus (``../shared`` next to the repository root, or
``$CLAIMCHECK_SHARED``) is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus_eval import run_score, shared_dir

SHARED = shared_dir()
pytestmark = pytest.mark.skipif(SHARED is None, reason="the shared corpus (../shared) is absent")


@pytest.mark.parametrize("corpus", ["plos", "pdftext"])
def test_score_runs_without_a_crash(corpus: str) -> None:
    assert SHARED is not None
    figures = run_score(SHARED, corpus, limit=3)
    expected = {"web", "masked", "superscript", "html"} if corpus == "plos" else {"pdftext"}
    assert set(figures) == expected
    for name, row in figures.items():
        assert row["n"] == 3, name
        assert row["crash"] == 0, f"{name}: {row['crash']} audits raised"
