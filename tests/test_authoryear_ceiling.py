"""The author-year ceiling script sorts hand-checked articles and ranks reader causes rightly.

Built on a synthetic hand check (tests/fixtures/synthetic_authoryear_handcheck.json): dev has
6 articles, 1 coherent; a.md needs reader causes x and y, b.md x alone, c.md has an article miss,
d.md a reader and an unclear miss, f.md needs w and x; held-a has 4 articles: e.md needs y alone,
g.md w and z, h.md w and x. So w is needed by more articles than y but flips none alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from pdftext_authoryear_ceiling import article_verdicts, ceiling, main, reader_causes

SYNTHETIC = Path(__file__).resolve().parent / "fixtures" / "synthetic_authoryear_handcheck.json"
DATA = json.loads(SYNTHETIC.read_text(encoding="utf-8"))


def test_an_article_miss_is_never_and_an_unclear_one_is_not_fixable() -> None:
    assert article_verdicts(DATA["misses"]) == {
        "a.md": "fixable",
        "b.md": "fixable",
        "c.md": "never",
        "d.md": "unclear",
        "e.md": "fixable",
        "f.md": "fixable",
        "g.md": "fixable",
        "h.md": "fixable",
    }


def test_the_ceiling_counts_coherent_now_and_fixable_over_all_articles() -> None:
    dev = ceiling(DATA, ["dev"])
    assert (dev["articles"], dev["coherent_now"], dev["fixable"], dev["never"], dev["unclear"]) == (
        6,
        1,
        3,
        1,
        1,
    )
    assert dev["ceiling"] == pytest.approx(4 / 6)
    assert dev["ceiling_if_unclear_fixable"] == pytest.approx(5 / 6)
    both = ceiling(DATA, ["dev", "held-a"])
    assert both["ceiling"] == pytest.approx(7 / 10)


def test_reader_causes_rank_by_articles_flipped_alone_then_needing_then_misses() -> None:
    assert reader_causes(DATA["misses"]) == [
        ("x", 1, 4, 5),
        ("y", 1, 2, 2),
        ("w", 0, 3, 3),
        ("z", 0, 1, 2),
    ]


def test_main_prints_one_row_per_half_and_the_halves_together(capsys: pytest.CaptureFixture[str]) -> None:
    main([str(SYNTHETIC)])
    out = capsys.readouterr().out
    assert "dev+held-a" in out and "70% (80%)" in out
