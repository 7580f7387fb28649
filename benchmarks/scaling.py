"""Does audit time grow linearly? References 1,000 → 16,000 and marker-dense text 1 → 8 MB.

Run: ``python benchmarks/scaling.py [--quick] [--budget SECONDS] [--family references|markers]``

Two families of synthetic articles, each size double the last, audited
offline (``OfflineResolver``: the pure pipeline, no network):

* ``references``: a short body citing every entry once, then N numbered
  entries (author, title, journal, year, volume, pages; every tenth with a
  DOI). Quadratic work anywhere (duplicate check, numbering, markers to
  entries) shows here.
* ``markers``: one paragraph-free line of "Claim [1]. Claim [2,3]. ..." about
  N MB long, citing a 50-entry list: the marker, claim and support stages on
  text that is nearly all markers.

For each step it prints CPU seconds and the ratio to the step before; linear
growth gives about 2.0 per doubling, quadratic about 4.0. The script fails
(exit 1) when a ratio exceeds 2.3. ``--budget`` stops a family once one step
takes longer than that many CPU seconds (used to measure the old, quadratic
code without waiting an hour); the ratio is still printed for the steps run.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import claimcheck

_WORDS = [
    "ketamine",
    "depression",
    "trial",
    "randomized",
    "placebo",
    "cohort",
    "outcome",
    "dose",
    "efficacy",
    "safety",
    "adults",
    "children",
    "anxiety",
    "therapy",
    "clinical",
    "review",
    "meta",
    "analysis",
    "response",
    "remission",
    "infusion",
    "nasal",
    "spray",
    "esketamine",
    "suicidal",
    "ideation",
    "emergency",
    "primary",
    "care",
    "follow",
    "up",
    "months",
    "weeks",
    "baseline",
    "score",
    "scale",
]
_JOURNALS = ("J Clin Psychiatry", "Lancet", "BMJ", "JAMA Psychiatry", "Am J Psychiatry", "Nat Med")


def _title(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 8)
    return " ".join(words).capitalize()


def references_article(n: int, seed: int = 13) -> str:
    """A body citing each of ``n`` entries once, ten to a paragraph, then the numbered list."""
    rng = random.Random(seed)
    paragraphs = []
    for start in range(1, n + 1, 10):
        sentences = [
            f"{_title(rng)} was reported in this study.{k}" for k in range(start, min(start + 10, n + 1))
        ]
        paragraphs.append(" ".join(sentences))
    entries = []
    for k in range(1, n + 1):
        surname = rng.choice(("Smith", "Garcia", "Nguyen", "Okafor", "Müller", "Kowalski"))
        doi = f" doi:10.1000/bench.{k}" if k % 10 == 0 else ""
        entries.append(
            f"{k}. {surname} {rng.choice('ABCDEFGH')}, {rng.choice(('Lee', 'Khan', 'Ito'))} J. "
            f"{_title(rng)} number {k}. {rng.choice(_JOURNALS)}. {2000 + k % 24};{k % 90 + 1}({k % 12 + 1}):"
            f"{k % 900 + 1}-{k % 900 + 9}.{doi}"
        )
    return "\n\n".join(paragraphs) + "\n\nReferences\n\n" + "\n".join(entries) + "\n"


def marker_article(megabytes: float, seed: int = 13) -> str:
    """One line of short claims, each with a bracketed marker, about ``megabytes`` long, then 50 entries."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        a = rng.randint(1, 50)
        marker = f"[{a}]" if rng.random() < 0.6 else f"[{a},{min(a + 2, 50)}]"
        part = f"{rng.choice(_WORDS).capitalize()} helps {rng.choice(_WORDS)} {marker}. "
        parts.append(part)
        size += len(part)
    entries = "\n".join(
        f"{k}. Smith J. {_title(rng)} {k}. {rng.choice(_JOURNALS)}. 2020;{k}:1-9." for k in range(1, 51)
    )
    return "".join(parts) + "\n\nReferences\n\n" + entries + "\n"


def _cpu(text: str) -> tuple[float, int]:
    resolver = claimcheck.OfflineResolver()
    started = time.process_time()
    report = claimcheck.audit(text, resolver=resolver, pubmed=False)
    return time.process_time() - started, len(report.references)


def run(label: str, sizes: list[float], make, unit: str, budget: float) -> list[float]:  # type: ignore[no-untyped-def]
    ratios: list[float] = []
    previous = None
    print(f"{label}:")
    for size in sizes:
        text = make(size)
        cpu, n_refs = _cpu(text)
        ratio = cpu / previous if previous else None
        if ratio is not None:
            ratios.append(ratio)
        shown = f"{ratio:5.2f}" if ratio is not None else "    -"
        print(
            f"  {size:>8g} {unit:10} {len(text) / 1e6:7.2f} MB {n_refs:6d} refs "
            f"{cpu:8.2f} s CPU  ratio {shown}",
            flush=True,
        )
        previous = cpu
        if cpu > budget:
            print(f"  (stopped: a step took more than {budget:g} s CPU)")
            break
    return ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (500-4,000 refs, 0.25-2 MB)")
    parser.add_argument("--budget", type=float, default=120.0, help="stop a family after a step this slow")
    parser.add_argument("--family", choices=("references", "markers", "both"), default="both")
    args = parser.parse_args()
    _cpu(references_article(50))  # warm-up: lazy imports and models load here, not in the first step
    refs = [500, 1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 16000]
    megs = [0.25, 0.5, 1, 2] if args.quick else [1, 2, 4, 8]
    ratios: list[float] = []
    if args.family in ("references", "both"):
        sizes = [float(n) for n in refs]
        ratios += run("references", sizes, lambda n: references_article(int(n)), "refs", args.budget)
    if args.family in ("markers", "both"):
        ratios += run("marker-dense text", megs, marker_article, "MB", args.budget)
    worst = max(ratios) if ratios else 0.0
    print(f"worst ratio per doubling: {worst:.2f} (linear ≈ 2.0, quadratic ≈ 4.0; limit 2.3)")
    return 0 if worst <= 2.3 else 1


if __name__ == "__main__":
    sys.exit(main())
