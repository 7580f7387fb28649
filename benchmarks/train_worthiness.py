"""Train and cross-validate the citation-worthiness model (``claimcheck/data/worthiness.json``).

Run from the repository root (under a minute; needs the ``train`` extra, scikit-learn)::

    python benchmarks/train_worthiness.py            # 5-fold CV by article, then fit and write
    python benchmarks/train_worthiness.py --cv-only  # figures only

Data: every PLOS article of ``/work/shared/corpus/plos``: its ``citing_sentences`` (label 1)
and ``uncited_sentences_sample`` (label 0), read in the *masked* web text (markers removed, as
``score.py``'s masked row audits it) so the heading above each sentence, its place in its
paragraph and in the article are what the audit sees; plus the claims of
``/work/shared/eval/check_covid/dev.jsonl`` (health-news claims that cite a paper: label 1, no
context), added to every training fold and never tested on.

Cross-validation: 5 folds by article (``GroupKFold``: no article in both train and test). In each
fold the decision threshold is set on the training articles only (on inner out-of-fold scores,
so that the whole decision flags 15 % of their uncited sentences), and the test articles are
scored with the decision the audit makes (``judge``): the model's verdict, or a "research
report" cue, or any other cue in a sentence nothing marks as the authors' own
(``cue_overrides``), and never a question. Printed: AUROC of the model's score, recall of citing
sentences and false-positive rate on uncited ones, per fold and pooled.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from claimcheck.model import BlockKind  # noqa: E402
from claimcheck.read.article import parse_article  # noqa: E402
from claimcheck.read.claims import cue_kinds, is_question, split_sentences  # noqa: E402
from claimcheck.read.worthiness import MODEL_PATH, Context, cue_overrides, features, paragraph_cues  # noqa: E402

PLOS = Path("/work/shared/corpus/plos")
COVID = Path("/work/shared/eval/check_covid/dev.jsonl")
FPR_TARGET = 0.15
MIN_WORD_DF = 5
C = 0.1


def _mask_markers() -> Any:
    spec = importlib.util.spec_from_file_location("score", PLOS.parent / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.mask_markers


def plos_rows() -> list[dict[str, Any]]:
    """One row per truth sentence: text, label, article, context as the audit sees it."""
    mask = _mask_markers()
    rows = []
    for folder in sorted(p for p in PLOS.iterdir() if (p / "truth.json").is_file()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        masked, _ = mask((folder / "web.txt").read_text(encoding="utf-8"), truth["renders"]["web"]["markers"])
        article = parse_article(masked)
        places = []  # (block start, block end, heading, [sentence starts])
        heading = None
        for block in article.blocks:
            if block.kind is BlockKind.HEADING:
                heading = block.text
            elif block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                starts = [s for s, _ in split_sentences(block.text, block.start)]
                places.append((block.start, block.end, heading, starts, paragraph_cues(block.text)))
        for kind, label in (("citing_sentences", 1), ("uncited_sentences_sample", 0)):
            for s in truth[kind]:
                at = s["masked_start"]
                place = next((p for p in places if p[0] <= at < p[1]), None)
                context = Context(position=at / max(len(masked), 1))
                if place:
                    first = not place[3] or at <= place[3][0] + 2
                    context = Context(place[2], first, at / max(len(masked), 1), place[4])
                rows.append(
                    {
                        "text": s["text_without_markers"],
                        "label": label,
                        "group": folder.name,
                        "context": context,
                    }
                )
    return rows


def covid_rows() -> list[dict[str, Any]]:
    claims = {}
    for line in COVID.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            claims[row["claim"]] = row
    return [{"text": c, "label": 1, "group": "check-covid", "context": Context()} for c in claims]


def feats(row: dict[str, Any]) -> dict[str, float]:
    return features(row["text"], row["context"], cue_kinds(row["text"]))


def _vocab(rows: list[dict[str, Any]], fx: list[dict[str, float]]) -> set[str]:
    df: dict[str, int] = {}
    for f in fx:
        for name in f:
            df[name] = df.get(name, 0) + 1
    return {n for n, k in df.items() if not n.startswith("word") or k >= MIN_WORD_DF}


def fit(fx: list[dict[str, float]], y: np.ndarray) -> tuple[DictVectorizer, LogisticRegression]:
    keep = _vocab([], fx)
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if k in keep} for f in fx])
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(X, y)
    return vec, model


def scores(vec: DictVectorizer, model: LogisticRegression, fx: list[dict[str, float]]) -> np.ndarray:
    return model.decision_function(vec.transform(fx))


def overridden(rows: list[dict[str, Any]], fx: list[dict[str, float]]) -> np.ndarray:
    """Sentences the cue rules flag whatever the model says (``cue_overrides``)."""
    return np.array(
        [
            not is_question(r["text"]) and cue_overrides(f, cue_kinds(r["text"]))
            for r, f in zip(rows, fx, strict=True)
        ]
    )


def threshold(
    rows: list[dict[str, Any]], fx: list[dict[str, float]], y: np.ndarray, groups: list[str]
) -> float:
    """The cut on inner out-of-fold scores at which the whole decision (model or cue rules)
    flags FPR_TARGET of the uncited training sentences."""
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(4).split(fx, y, groups):
        vec, model = fit([fx[i] for i in tr], y[tr])
        oof[te] = scores(vec, model, [fx[i] for i in te])
    over = overridden(rows, fx)
    negatives = np.sort(oof[(y == 0) & ~over])
    budget = FPR_TARGET * int((y == 0).sum()) - int(((y == 0) & over).sum())
    k = max(0, min(len(negatives) - 1, len(negatives) - int(budget)))
    return float(negatives[k])


def decide(rows: list[dict[str, Any]], fx: list[dict[str, float]], z: np.ndarray, cut: float) -> np.ndarray:
    """The audit's decision (``judge``): the model or the cue rules; never a question."""
    questions = np.array([is_question(r["text"]) for r in rows])
    return ((z >= cut) & ~questions) | overridden(rows, fx)


def cross_validate(rows: list[dict[str, Any]], extra: list[dict[str, Any]]) -> None:
    fx = [feats(r) for r in rows]
    fx_extra = [feats(r) for r in extra]
    y = np.array([r["label"] for r in rows])
    groups = [r["group"] for r in rows]
    pooled_z = np.zeros(len(rows))
    pooled_d = np.zeros(len(rows), dtype=bool)
    print(f"{'fold':<6}{'articles':>9}{'citing':>8}{'uncited':>8}{'AUROC':>8}{'recall':>8}{'FPR':>8}")
    for k, (tr, te) in enumerate(GroupKFold(5).split(fx, y, groups), 1):
        train_fx = [fx[i] for i in tr] + fx_extra
        train_y = np.concatenate([y[tr], np.ones(len(extra), dtype=int)])
        train_groups = [groups[i] for i in tr] + ["check-covid"] * len(extra)
        cut = threshold([rows[i] for i in tr] + extra, train_fx, train_y, train_groups)
        vec, model = fit(train_fx, train_y)
        z = scores(vec, model, [fx[i] for i in te])
        d = decide([rows[i] for i in te], [fx[i] for i in te], z, cut)
        pooled_z[te], pooled_d[te] = z, d
        yt = y[te]
        print(
            f"{k:<6}{len({groups[i] for i in te}):>9}{int(yt.sum()):>8}{int((1 - yt).sum()):>8}"
            f"{roc_auc_score(yt, z):>8.3f}{d[yt == 1].mean():>8.3f}{d[yt == 0].mean():>8.3f}"
        )
    print(
        f"{'all':<6}{len(set(groups)):>9}{int(y.sum()):>8}{int((1 - y).sum()):>8}"
        f"{roc_auc_score(y, pooled_z):>8.3f}{pooled_d[y == 1].mean():>8.3f}{pooled_d[y == 0].mean():>8.3f}"
    )


def export(rows: list[dict[str, Any]], extra: list[dict[str, Any]], path: Path) -> None:
    fx = [feats(r) for r in rows + extra]
    y = np.array([r["label"] for r in rows + extra])
    groups = [r["group"] for r in rows + extra]
    cut = threshold(rows + extra, fx, y, groups)
    vec, model = fit(fx, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    bias = float(model.intercept_[0])
    data = {
        "about": "Citation-worthiness logistic regression; trained by benchmarks/train_worthiness.py on PLOS "
        "citing/uncited sentences (/work/shared/corpus/plos) and Check-COVID claims.",
        "bias": round(bias, 4),
        # judge() compares the probability; the cut is on the decision function.
        "threshold": round(1.0 / (1.0 + float(np.exp(-cut))), 6),
        "weights": dict(sorted(weights.items())),
    }
    path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:12]
    print(f"wrote {path} ({len(weights)} weights, {path.stat().st_size / 1e3:.0f} kB); top: {top}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    rows, extra = plos_rows(), covid_rows()
    print(
        f"{len(rows)} PLOS sentences ({sum(r['label'] for r in rows)} citing), "
        f"{len(extra)} Check-COVID claims"
    )
    cross_validate(rows, extra)
    if not args.cv_only:
        export(rows, extra, args.out)
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
