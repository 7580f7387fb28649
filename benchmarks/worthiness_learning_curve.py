"""Citation-worthiness learning curve: does more labelled data close the gap to the target?

Run from the repository root (needs ``../shared`` and the ``train`` extra; about 3 minutes)::

    python benchmarks/worthiness_learning_curve.py [--repeats 3]

Issue 15 asks for recall >= 0.75 of citing sentences at a false-positive rate <= 0.15,
in 5-fold cross-validation by article. ``train_worthiness.py`` reaches AUROC 0.833. This
script asks whether the shortfall is a shortage of data. It uses the same 5 folds by article
and the same features and model (``train_worthiness.fit``). For each test fold, the model is
trained on a share of that fold's training articles (1/8, 1/4, 1/2, all; the articles drawn
with a seeded generator, ``--repeats`` draws for each share below 1). The Check-COVID claims
are always added, as in the shipped model. Every sentence is scored out of fold.

Printed per share: training articles per fold, pooled AUROC, and the recall read off the
pooled ROC at FPR 0.15 (mean over draws, min-max in brackets). Then the least-squares slope
of AUROC per doubling of the training articles (and each step's own), and how many doublings that slope would
need to reach the AUROC at which a binormal ROC of equal variances gives recall 0.75 at
FPR 0.15 (d' = z(0.75) + z(0.85), AUROC = Phi(d' / sqrt 2) = 0.887). This is an
extrapolation of a straight line in log data, so it is a rough figure, not a forecast.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from statistics import NormalDist

import numpy as np
from sklearn.metrics import roc_auc_score
from train_worthiness import covid_rows, fit, folds, plos_rows, roc_recall, scores

SHARES = (0.125, 0.25, 0.5, 1.0)
SEED = 20261203


def needed_auroc(recall: float = 0.75, fpr: float = 0.15) -> float:
    """The AUROC of the equal-variance binormal ROC through (fpr, recall)."""
    z = NormalDist()
    d = z.inv_cdf(recall) + z.inv_cdf(1 - fpr)
    return z.cdf(d / math.sqrt(2))


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ``ys`` on ``xs``.

    >>> round(slope([1.0, 2.0, 3.0], [0.5, 0.6, 0.7]), 6)
    0.1
    """
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (v - my) for x, v in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=3, help="draws of articles per share below 1")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    rows, extra = plos_rows(), covid_rows()
    y = np.array([r["label"] for r in rows])
    split = folds(rows)
    print(
        f"{len(rows)} PLOS sentences ({int(y.sum())} citing) from {len({r['group'] for r in rows})} articles"
    )
    print(f"{'share':>6}{'articles/fold':>15}{'AUROC':>16}{'recall@0.15':>22}")
    xs: list[float] = []
    aucs: list[float] = []
    for share in SHARES:
        draws = 1 if share == 1.0 else args.repeats
        auc_d, rec_d, sizes = [], [], []
        for d in range(draws):
            rng = random.Random(f"{SEED}-{share}-{d}")
            z = np.zeros(len(rows))
            for tr, te in split:
                articles = sorted({rows[i]["group"] for i in tr})
                keep = set(rng.sample(articles, max(2, round(share * len(articles)))))
                sizes.append(len(keep))
                train = [rows[i] for i in tr if rows[i]["group"] in keep] + extra
                train_y = np.array([r["label"] for r in train])
                vec, model = fit([r["feats"] for r in train], train_y)
                z[te] = scores(vec, model, [rows[i]["feats"] for i in te])
            auc_d.append(float(roc_auc_score(y, z)))
            rec_d.append(roc_recall(y, z, 0.15))
        n = sum(sizes) / len(sizes)
        xs.append(math.log2(n))
        aucs.append(sum(auc_d) / len(auc_d))
        print(
            f"{share:>6.3f}{n:>15.1f}{aucs[-1]:>8.3f} ({min(auc_d):.3f}-{max(auc_d):.3f})"
            f"{sum(rec_d) / len(rec_d):>8.3f} ({min(rec_d):.3f}-{max(rec_d):.3f})"
        )
    per_doubling = slope(xs, aucs)
    goal = needed_auroc()
    steps = ", ".join(
        f"{(b - a) / (xb - xa):+.4f}" for a, b, xa, xb in zip(aucs, aucs[1:], xs, xs[1:], strict=False)
    )
    print(f"AUROC per doubling of training articles: {per_doubling:+.4f} (step by step: {steps})")
    if per_doubling > 0:
        doublings = (goal - aucs[-1]) / per_doubling
        print(
            f"AUROC needed for recall 0.75 at FPR 0.15 (binormal): {goal:.3f}; at this slope "
            f"about {doublings:.1f} more doublings, {2**doublings:.0f}x the labelled articles"
        )
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
