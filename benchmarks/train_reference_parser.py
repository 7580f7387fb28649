"""Train the reference-entry CRF shipped as ``claimcheck/data/reference_crf.bin``.

Run from the repository root (3-5 minutes on two shared cores; not part of CI)::

    python benchmarks/train_reference_parser.py

Training data, never the data the benchmark measures on:

- ``/work/shared/eval/anystyle_train/train.jsonl``: 2,660 labelled strings (AnyStyle's own
  training files, BSD), with everything close to ``anystyle_gold`` removed by its curators;
- the reference lists of the PLOS articles of ``/work/shared/corpus/plos`` that are *not* in the
  fixed held-out fifth (``plos_references.held_out``), in both printed styles, labelled by aligning
  the true fields of ``truth.json`` with the printed entry (``plos_references.labelled``).

AnyStyle's tags are folded into the labels the parser reads: ``journal`` and ``container-title``
become ``container``; ``translator``, ``director`` and ``producer`` become ``editor``; the rare
tags (``genre``, ``edition``, ``isbn``, ``medium``, ``source``, ``collection-title``) become ``note``.
Features come from :func:`claimcheck.read.references.crf.entry_features`, the same function the
parser calls at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pycrfsuite  # noqa: E402
from plos_references import labelled  # noqa: E402

from claimcheck.read.references.crf import MODEL_PATH, entry_features, tokens  # noqa: E402

ANYSTYLE_TRAIN = Path("/work/shared/eval/anystyle_train/train.jsonl")
FOLD = {
    "journal": "container",
    "container-title": "container",
    "translator": "editor",
    "director": "editor",
    "producer": "editor",
    "genre": "note",
    "edition": "note",
    "isbn": "note",
    "medium": "note",
    "source": "note",
    "collection-title": "note",
}


def anystyle_sequences(path: Path = ANYSTYLE_TRAIN) -> list[tuple[str, list[str]]]:
    """``(string, token labels)`` from AnyStyle's segments (joined by single spaces)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text, labels = "", []
        for tag, segment in row["segments"]:
            if text:
                text += " "
            text += segment
            labels += [FOLD.get(tag, tag)] * len(tokens(segment))
        if len(tokens(text)) == len(labels):
            out.append((text, labels))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (keeps the model small)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--no-plos", action="store_true", help="train on AnyStyle's strings only")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    data = anystyle_sequences()
    n_any = len(data)
    if not args.no_plos:
        data += list(labelled(heldout=False))
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, labels in data:
        trainer.append(entry_features(text), labels)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(
        f"trained on {n_any} AnyStyle strings + {len(data) - n_any} PLOS entries "
        f"in {time.perf_counter() - began:.0f} s -> {args.out} ({size / 1e6:.2f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
