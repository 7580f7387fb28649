"""Evaluate the support scorers on the Check-COVID dev split.

    .venv/bin/python benchmarks/support_eval.py [--data PATH] [--thresholds] [--no-semantic]

For each scorer available (a plain TF-IDF cosine baseline written here, the
default :class:`claimcheck.support.score.LexicalScorer`, and the semantic scorer when
sentence-transformers and a model are installed) it prints:

(a) source assignment: for each SUPPORT or CONTRADICT claim, every abstract of
    the split (title + abstract) is scored; top-1 accuracy (a tie at the top
    counts as a fraction);
(b) related vs unrelated: AUROC of the score of a claim against its own
    abstract (positive) vs against each other abstract of the split (negative);
(c) SUPPORT vs CONTRADICT: AUROC of the score against the own abstract, with
    SUPPORT as positive (0.5 = the score cannot tell them apart);
and pairs scored per second. ``--thresholds`` also prints the score
percentiles that the label thresholds in ``claimcheck/support/score.py`` were read
from (own source vs other source, for title+abstract and title only).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.support.score import LexicalScorer, Scorer  # noqa: E402

SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT)
DEFAULT_DATA = SHARED / "eval" / "check_covid" / "dev.jsonl"
ScoreFn = Callable[[str, str, str | None], float]


def load(path: Path) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """The SUPPORT/CONTRADICT rows and the split's distinct sources (uid, title, abstract)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources: dict[str, tuple[str, str, str]] = {}
    for r in rows:
        sources.setdefault(
            r["source_cord_uid"], (r["source_cord_uid"], r["source_title"], r["source_abstract"])
        )
    judged = [r for r in rows if r["label"] in ("SUPPORT", "CONTRADICT") and r["label_scope"] == "abstract"]
    return judged, list(sources.values())


class TfidfCosine:
    """Plain TF-IDF cosine: lower-case word tokens, smoothed IDF fitted on the sources, l2 norm."""

    name = "tfidf"

    def __init__(self, sources: Sequence[str]) -> None:
        docs = [self._tokens(s) for s in sources]
        df: Counter[str] = Counter()
        for d in docs:
            df.update(set(d))
        n = len(docs)
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.default_idf = math.log(1 + n) + 1

    @staticmethod
    def _tokens(text: str) -> list[str]:
        return re.findall(r"\w\w+", text.lower())

    def _vector(self, text: str) -> dict[str, float]:
        tf = Counter(self._tokens(text))
        vec = {t: c * self.idf.get(t, self.default_idf) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def __call__(self, claim: str, title: str, abstract: str | None) -> float:
        a, b = self._vector(claim), self._vector(f"{title} {abstract or ''}")
        return sum(v * b.get(t, 0.0) for t, v in a.items())


def auroc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie group
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def evaluate(name: str, fn: ScoreFn, rows: list[dict], sources: list[tuple[str, str, str]]) -> dict:
    top1 = 0.0
    own_scores: list[float] = []
    other_scores: list[float] = []
    support, contradict = [], []
    pairs = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    for r in rows:
        scores = {uid: fn(r["claim"], title, abstract) for uid, title, abstract in sources}
        pairs += len(scores)
        own = scores[r["source_cord_uid"]]
        best = max(scores.values())
        if own == best:
            top1 += 1 / sum(1 for s in scores.values() if s == best)
        own_scores.append(own)
        other_scores.extend(s for uid, s in scores.items() if uid != r["source_cord_uid"])
        (support if r["label"] == "SUPPORT" else contradict).append(own)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {
        "name": name,
        "top1": top1 / len(rows),
        "auroc_related": auroc(own_scores, other_scores),
        "auroc_support": auroc(support, contradict),
        "pairs_per_s": pairs / elapsed if elapsed else float("inf"),
        "pairs_per_cpu_s": pairs / cpu if cpu else float("inf"),  # steadier on a shared machine
        "own": own_scores,
        "other": other_scores,
    }


def scorer_fn(scorer: Scorer, *, title_only: bool = False) -> ScoreFn:
    def fn(claim: str, title: str, abstract: str | None) -> float:
        return scorer.score(claim, title, None if title_only else abstract).score

    return fn


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def semantic_scorers(texts: list[str]) -> tuple[list[tuple[str, Scorer]], str]:
    """The semantic scorers (pure embeddings, and blended with the lexical score), warmed up."""
    try:
        from claimcheck.support.semantic import SemanticScorer

        pure, blend = SemanticScorer(lexical_weight=0.0), SemanticScorer()
    except ImportError as exc:
        return [], str(exc).splitlines()[0]
    for scorer in (pure, blend):
        scorer.warm(texts)
    return [
        (f"semantic ({pure.model_name})", pure),
        (f"semantic + lexical (weight {blend.lexical_weight})", blend),
    ], ""


def plos_title_ranking(*, all_articles: bool = False) -> None:
    """Top-1 of each PLOS citing sentence that cites one reference among all its article's titles.

    The "wrong number cited" signal behind ``better-matching-reference``. By default only the
    held-out fifth of the articles (``plos_references.held_out``), which the background IDF
    table was not built from; each scorer that is fitted is fitted on the article's titles.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from plos_references import PLOS, article_dirs, held_out

    plain, background = LexicalScorer(), LexicalScorer(background=True)
    makers: list[tuple[str, Callable[[list[str]], ScoreFn]]] = [
        ("tfidf (baseline, fitted on the titles)", lambda t: TfidfCosine(t)),
        ("lexical (unfitted)", lambda t: scorer_fn(plain)),
        ("lexical (fitted on the titles)", lambda t: scorer_fn(plain.fit(t))),
        ("lexical + background IDF (unfitted)", lambda t: scorer_fn(background)),
        ("lexical + background IDF (fitted; the audit)", lambda t: scorer_fn(background.fit(t))),
    ]
    hits = {name: 0.0 for name, _ in makers}
    n = articles = 0
    for folder in article_dirs(PLOS):
        if not all_articles and not held_out(folder.name):
            continue
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        titles = {r["number"]: r["fields"]["title"] for r in truth["references"] if r["fields"].get("title")}
        if len(titles) < 2:
            continue
        articles += 1
        order = sorted(titles)
        texts = [titles[k] for k in order]
        sentences = [
            s for s in truth["citing_sentences"] if len(set(s["numbers"])) == 1 and s["numbers"][0] in titles
        ]
        n += len(sentences)
        for name, make in makers:
            fn = make(texts)
            for s in sentences:
                scores = [fn(s["text_without_markers"], titles[k], None) for k in order]
                best = max(scores)
                own = scores[order.index(s["numbers"][0])]
                if own == best:
                    hits[name] += 1 / scores.count(best)
    which = "all" if all_articles else "held-out"
    print(f"PLOS title ranking: {n} sentences citing one reference, {articles} {which} articles")
    for name, _ in makers:
        print(f"  {name:48} top-1 {hits[name] / n:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--thresholds", action="store_true", help="print the percentiles behind the labels")
    parser.add_argument("--no-semantic", action="store_true", help="skip the semantic scorer")
    parser.add_argument("--plos", action="store_true", help="PLOS title ranking instead of Check-COVID")
    parser.add_argument(
        "--all", action="store_true", help="with --plos: all 79 articles, not the held-out 18"
    )
    args = parser.parse_args(argv)

    rows, sources = load(args.data)
    n_all = sum(1 for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip())
    print(
        f"data: {args.data} ({n_all} rows; {len(rows)} SUPPORT/CONTRADICT claims; {len(sources)} abstracts)"
    )
    texts = [f"{t}. {a}" for _, t, a in sources]
    lexical = LexicalScorer().fit(texts)
    if args.plos:
        plos_title_ranking(all_articles=args.all)
        return 0
    background = LexicalScorer(background=True)
    scorers: list[tuple[str, ScoreFn]] = [
        ("tfidf (baseline)", TfidfCosine(texts)),
        ("lexical (fitted on the sources)", scorer_fn(lexical)),
        ("lexical (unfitted)", scorer_fn(LexicalScorer())),
        ("lexical + background IDF (fitted; the audit)", scorer_fn(background.fit(texts))),
        ("lexical + background IDF (unfitted)", scorer_fn(background)),
    ]
    if not args.no_semantic:
        t0 = time.perf_counter()
        to_embed = list(dict.fromkeys(texts + [r["claim"] for r in rows] + [t for _, t, _ in sources]))
        semantic, why = semantic_scorers(to_embed)
        if semantic:
            print(
                f"semantic: model loaded and {len(to_embed)} texts embedded (per scorer) in "
                f"{time.perf_counter() - t0:.1f} s; pairs/s below excludes that"
            )
        else:
            print(f"semantic: skipped ({why})")
        scorers.extend((name, scorer_fn(s)) for name, s in semantic)
    print(
        f"{'scorer':44} {'(a) top-1':>10} {'(b) AUROC':>10} {'(c) S vs C':>11} {'pairs/s':>9} {'/CPU s':>7}"
    )
    for name, fn in scorers:
        res = evaluate(name, fn, rows, sources)
        print(
            f"{name:44} {res['top1']:10.3f} {res['auroc_related']:10.3f} "
            f"{res['auroc_support']:11.3f} {res['pairs_per_s']:9.0f} {res['pairs_per_cpu_s']:7.0f}"
        )
    print("(a) own abstract ranked first among all; (b) own vs other abstracts; (c) SUPPORT vs CONTRADICT.")
    if args.thresholds:
        print("label thresholds (unfitted lexical scorer, as the checks use it):")
        plain = LexicalScorer()
        for kind in ("abstract", "title"):
            own, other, labels = [], [], {"own": Counter(), "other": Counter()}
            for r in rows:
                for uid, title, abstract in sources:
                    a = plain.score(r["claim"], title, abstract if kind == "abstract" else None)
                    which = "own" if uid == r["source_cord_uid"] else "other"
                    (own if which == "own" else other).append(a.score)
                    labels[which][a.label] += 1
            print(
                f"  {kind:8} own: p5={percentile(own, 0.05):.3f} p10={percentile(own, 0.10):.3f} "
                f"median={percentile(own, 0.5):.3f} | other: median={percentile(other, 0.5):.3f} "
                f"p95={percentile(other, 0.95):.3f} p97.5={percentile(other, 0.975):.3f}"
            )
            for which in ("own", "other"):
                n = sum(labels[which].values())
                shares = ", ".join(f"{k} {v / n:.0%}" for k, v in sorted(labels[which].items()))
                print(f"  {'':8} labels vs {which} source: {shares}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
