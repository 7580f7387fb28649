"""Offline audit speed and memory: the seed article, and the seed's body repeated to ~5 MB.

Run: ``python benchmarks/audit_benchmark.py [--megabytes 5]``

Everything runs offline (``OfflineResolver``), so the figures are the pure
pipeline: reading, claims and markers, references, graph, checks and support
scoring. Peak memory is Python's own allocations (tracemalloc), measured in a
second run so that tracing does not slow the timed one.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import claimcheck

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"


def big_article(megabytes: float) -> str:
    body, refs = SEED.read_text(encoding="utf-8").split("\n\n\n1. ", 1)
    copies = int(megabytes * 1_000_000) // len(body) + 1
    return "\n\n".join([body] * copies) + "\n\n\n1. " + refs


def measure(label: str, text: str) -> None:
    resolver = claimcheck.OfflineResolver()
    started, cpu = time.perf_counter(), time.process_time()
    report = claimcheck.audit(text, resolver=resolver)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    claimcheck.audit(text, resolver=resolver)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = len(text.encode("utf-8"))
    print(
        f"{label:24} {size / 1e6:8.2f} MB {len(report.claims):8d} claims {len(report.findings):6d} findings "
        f"{wall:8.2f} s wall {cpu:8.2f} s CPU {size / 1e6 / wall:6.2f} MB/s  peak {peak / 1e6:8.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the large article")
    args = parser.parse_args()
    print("offline audit (OfflineResolver): read, claims, references, graph, checks, support")
    measure("seed article", SEED.read_text(encoding="utf-8"))
    measure(f"seed body x ~{args.megabytes:g} MB", big_article(args.megabytes))


if __name__ == "__main__":
    main()
