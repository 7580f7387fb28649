"""A blind reader's citation-worthiness on 300 PLOS sentences: what the labels allow.

Run from the repository root (needs ``../shared``; seconds)::

    python benchmarks/worthiness_blind_reader.py           # score the stored judgments
    python benchmarks/worthiness_blind_reader.py --check   # and check the sample is the seeded one
    python benchmarks/worthiness_blind_reader.py --model   # and the model, out of fold, on the same 300

Issue 15 asks the worthiness model for recall >= 0.75 of citing sentences at a false-positive
rate <= 0.15 on uncited ones (markers removed). Before reading the model's shortfall as the
model's fault, this measures what the data allows a careful reader. The sample: 150 citing and
150 uncited sentences drawn with seed ``SEED`` from every PLOS ``truth.json``
(``citing_sentences``, ``uncited_sentences_sample``; ``text_without_markers``), shuffled, and
stored in ``data/worthiness_blind/sentences.json`` with the article title and section only,
no label. ``judgments.json`` holds a score per sentence, 0 (clearly needs no source) to 3
(clearly needs one), written by a language-model helper in session 6 (2026-12-02) that was
given only ``sentences.json`` and told not to open the corpus: a blind reader, not a human
editor, and not a model claimcheck could ship (it needs a large language model at run time).

Printed: AUROC of the scores against the truth, recall and false-positive rate at each cut,
the recall at FPR 0.15 read off the curve (linear between the two cuts around it), and 95 %
bootstrap intervals (2,000 resamples of the 300 sentences, seed 0). ``--model`` scores the same
sentences with the shipped kind of model, out of fold: ``train_worthiness.py``'s 5 folds by
article, each sentence scored by the model fitted without its article (about two minutes; needs
the ``train`` extra); a sentence is the audit's claim of its article and label that shares the
most words with it (at least half).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

from corpus_eval import shared_dir

HERE = Path(__file__).resolve().parent / "data" / "worthiness_blind"
SEED = 20261202
PER_CLASS = 150
BUDGET = 0.15


def truth_sentences(plos: Path) -> list[tuple[str, str, str | None, str, int]]:
    """(slug, title, section, text, label) for every labelled sentence, in folder order."""
    rows = []
    for path in sorted(plos.glob("*/truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        for label, key in ((1, "citing_sentences"), (0, "uncited_sentences_sample")):
            for s in truth[key]:
                rows.append(
                    (truth["slug"], truth["title"], s.get("section"), s["text_without_markers"], label)
                )
    return rows


def draw(rows: list[tuple[str, str, str | None, str, int]]) -> list[tuple[str, str, str | None, str, int]]:
    """The seeded sample: ``PER_CLASS`` of each label, shuffled."""
    rng = random.Random(SEED)
    sample = rng.sample([r for r in rows if r[4] == 1], PER_CLASS)
    sample += rng.sample([r for r in rows if r[4] == 0], PER_CLASS)
    rng.shuffle(sample)
    return sample


def roc_points(labels: list[int], scores: list[float]) -> list[tuple[float, float]]:
    """(FPR, recall) at every cut ``score >= t``, from the strictest, starting at (0, 0)."""
    pos = sum(labels)
    neg = len(labels) - pos
    points = [(0.0, 0.0)]
    for cut in sorted(set(scores), reverse=True):
        tp = sum(1 for y, s in zip(labels, scores, strict=True) if y == 1 and s >= cut)
        fp = sum(1 for y, s in zip(labels, scores, strict=True) if y == 0 and s >= cut)
        points.append((fp / neg, tp / pos))
    return points


def auroc(labels: list[int], scores: list[float]) -> float:
    """Probability that a citing sentence outscores an uncited one (ties count half)."""
    pos = [s for y, s in zip(labels, scores, strict=True) if y == 1]
    neg = [s for y, s in zip(labels, scores, strict=True) if y == 0]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def recall_at(points: list[tuple[float, float]], budget: float) -> float:
    """Recall at false-positive rate ``budget``, linear between the cuts around it."""
    best = 0.0
    for (f0, r0), (f1, r1) in itertools.pairwise(points):
        if f1 <= budget:
            best = r1  # a cut within the budget (the highest of a vertical run, too)
        elif f0 <= budget:
            return r0 + (r1 - r0) * (budget - f0) / (f1 - f0)
    return best


def _words(text: str) -> set[str]:
    return set(text.lower().split())


def model_scores(sample: list[tuple[str, str, str | None, str, int]]) -> list[float | None]:
    """The worthiness model's out-of-fold score of each sampled sentence (``None``: no claim matched)."""
    import numpy as np
    from train_worthiness import covid_rows, fit, folds, plos_rows, scores

    rows, extra = plos_rows(), covid_rows()
    y = np.array([r["label"] for r in rows])
    oof = np.zeros(len(rows))
    for tr, te in folds(rows):
        vec, model = fit(
            [rows[i]["feats"] for i in tr] + [r["feats"] for r in extra],
            np.concatenate([y[tr], np.ones(len(extra), dtype=int)]),
        )
        oof[te] = scores(vec, model, [rows[i]["feats"] for i in te])
    out: list[float | None] = []
    for slug, _, _, text, label in sample:
        words = _words(text)
        best, overlap = None, 0.5
        for i, r in enumerate(rows):
            if r["group"] == slug and r["label"] == label:
                both = _words(r["text"])
                share = len(words & both) / (len(words | both) or 1)
                if share >= overlap:
                    best, overlap = i, share
        out.append(None if best is None else float(oof[best]))
    return out


def report(name: str, labels: list[int], scores: list[float]) -> None:
    """AUROC, every cut, recall at the budget and bootstrap intervals of one scorer."""
    points = roc_points(labels, scores)
    print(f"{name}, {len(labels)} sentences ({sum(labels)} citing): AUROC {auroc(labels, scores):.3f}")
    if len(points) <= 12:
        for fpr, rec in points[1:-1]:
            print(f"  cut: recall {rec:.3f} at FPR {fpr:.3f}")
    print(f"  recall at FPR {BUDGET}: {recall_at(points, BUDGET):.3f} (target 0.75)")
    rng = random.Random(0)
    boot_auc, boot_rec = [], []
    for _ in range(2000):
        idx = [rng.randrange(len(labels)) for _ in labels]
        ys, ss = [labels[i] for i in idx], [scores[i] for i in idx]
        if 0 < sum(ys) < len(ys):
            boot_auc.append(auroc(ys, ss))
            boot_rec.append(recall_at(roc_points(ys, ss), BUDGET))
    for what, vals in (("AUROC", boot_auc), (f"recall at FPR {BUDGET}", boot_rec)):
        vals.sort()
        lo, hi = vals[int(0.025 * len(vals))], vals[int(0.975 * len(vals)) - 1]
        print(f"  95 % bootstrap interval, {what}: {lo:.3f}-{hi:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared data folder (default: ../shared)")
    parser.add_argument("--check", action="store_true", help="check the stored sample is the seeded one")
    parser.add_argument("--model", action="store_true", help="also score the model out of fold")
    args = parser.parse_args()
    shared = shared_dir(args.shared)
    if shared is None:
        print("no ../shared: nothing to score against", file=sys.stderr)
        return 2
    sample = draw(truth_sentences(shared / "corpus" / "plos"))
    blind = json.loads((HERE / "sentences.json").read_text(encoding="utf-8"))
    if args.check:
        stored = [(b["article_title"], b["section"], b["sentence"]) for b in blind]
        if stored != [(r[1], r[2], r[3]) for r in sample]:
            print("sentences.json is not the seeded sample", file=sys.stderr)
            return 1
        print(f"sentences.json is the seeded sample ({len(stored)} sentences, seed {SEED})")
    judged = {j["id"]: float(j["score"]) for j in json.loads((HERE / "judgments.json").read_text())}
    labels = [r[4] for r in sample]
    scores = [judged[b["id"]] for b in blind]
    report("blind reader", labels, scores)
    if args.model:
        model = model_scores(sample)
        kept = [k for k, z in enumerate(model) if z is not None]
        print(f"model matched {len(kept)} of {len(model)} sentences; both on those:")
        report("  blind reader", [labels[k] for k in kept], [scores[k] for k in kept])
        report("  model (out of fold)", [labels[k] for k in kept], [float(model[k] or 0.0) for k in kept])
    return 0


if __name__ == "__main__":
    sys.exit(main())
