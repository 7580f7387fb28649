"""``score.py``'s masked row, cross-validated: each article audited by a model that never saw it.

Run from the repository root (about four minutes; needs the ``train`` extra, scikit-learn)::

    python benchmarks/worthiness_masked_cv.py

``python /work/shared/corpus/score.py --render web`` prints the masked row with the shipped
model, which was trained on those very articles, so that row is in-sample. Here the articles
are split into the same 5 folds by article as ``benchmarks/train_worthiness.py`` uses; for each
fold a model is trained on the other four (threshold set on them, as there) and written to a
temporary file, the audit is pointed at it, and ``score.py``'s own ``score_masked`` audits the
fold's masked articles. Printed: per fold and pooled, masked_recall (citing sentences that get
an ``uncited-claim`` finding) and masked_fp (uncited sentences that do).
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from claimcheck.read import worthiness  # noqa: E402


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    began = time.perf_counter()
    train = _load("train_worthiness", ROOT / "benchmarks" / "train_worthiness.py")
    score = _load("score", train.PLOS.parent / "score.py")
    rows, extra = train.plos_rows(), train.covid_rows()
    y = np.array([r["label"] for r in rows])
    groups = [r["group"] for r in rows]
    total: Counter[str] = Counter()
    print(f"{'fold':<6}{'articles':>9}{'citing':>8}{'uncited':>8}{'recall':>8}{'FP':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for k, (tr, te) in enumerate(GroupKFold(5).split(rows, y, groups), 1):
            path = Path(tmp) / f"fold{k}.json"
            train.export([rows[i] for i in tr], extra, path)
            worthiness.MODEL_PATH = path
            worthiness._model.cache_clear()
            dirs = [str(train.PLOS / g) for g in sorted({groups[i] for i in te})]
            st = score.score_masked(dirs)
            total.update(st)
            print(
                f"{k:<6}{len(dirs):>9}{st['citing']:>8}{st['uncited']:>8}"
                f"{st['citing_hit'] / st['citing']:>8.3f}{st['uncited_hit'] / st['uncited']:>8.3f}"
            )
    print(
        f"masked (5-fold CV by article): n={total['n']} crash={total['crash']} "
        f"misaligned={total['misaligned']} "
        f"masked_recall={total['citing_hit'] / total['citing']:.3f} "
        f"masked_fp={total['uncited_hit'] / total['uncited']:.3f}"
    )
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
