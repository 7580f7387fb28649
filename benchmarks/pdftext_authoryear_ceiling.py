"""How coherent can author-year PDF-text articles honestly be? The ceiling, from a hand check.

Run: ``python benchmarks/pdftext_authoryear_ceiling.py [JSON]``
(default ``benchmarks/data/authoryear_handcheck.json``)

The JSON holds every miss of ``pdftext_authoryear_errors.py`` on the dev and held-a halves,
each judged by reading the article: ``article`` (the article's own inconsistency, which a correct
reader must report), ``reader`` (claimcheck misread the text) or ``unclear``. An article is
``fixable`` when all its misses are ``reader``, ``never`` when one is ``article``, ``unclear``
otherwise. Per half, and for the halves together, this prints the articles coherent now, fixable,
never and unclear, and the ceiling (coherent now + fixable) / articles, with the unclear ones
counted as fixable in brackets. Then the misses by verdict and the script's cause, and the
reader causes ranked by the fixable articles each would flip to coherent on its own (the only
cause left in them), then by the fixable articles that need it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parent / "data" / "authoryear_handcheck.json"


def article_verdicts(misses: list[dict[str, Any]]) -> dict[str, str]:
    """Each incoherent article: ``never`` (an article miss), ``fixable`` (all reader), else ``unclear``."""
    verdicts: dict[str, set[str]] = defaultdict(set)
    for miss in misses:
        verdicts[miss["file"]].add(miss["verdict"])
    return {
        name: "never" if "article" in seen else "fixable" if seen == {"reader"} else "unclear"
        for name, seen in verdicts.items()
    }


def ceiling(data: dict[str, Any], halves: list[str]) -> dict[str, Any]:
    """The counts and the ceiling over ``halves`` together."""
    misses = [m for m in data["misses"] if m["half"] in halves]
    kinds = Counter(article_verdicts(misses).values())
    n = sum(data["articles"][h]["author_year"] for h in halves)
    now = sum(data["articles"][h]["coherent_now"] for h in halves)
    return {
        "articles": n,
        "coherent_now": now,
        "fixable": kinds["fixable"],
        "never": kinds["never"],
        "unclear": kinds["unclear"],
        "ceiling": (now + kinds["fixable"]) / n,
        "ceiling_if_unclear_fixable": (now + kinds["fixable"] + kinds["unclear"]) / n,
    }


def reader_causes(misses: list[dict[str, Any]]) -> list[tuple[str, int, int, int]]:
    """(cause, articles flipped by it alone, fixable articles needing it, misses), best first."""
    fixable = {f for f, v in article_verdicts(misses).items() if v == "fixable"}
    per_file: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for miss in misses:
        if miss["verdict"] == "reader":
            count[miss["reader_cause"]] += 1
            per_file[miss["file"]].add(miss["reader_cause"])
    rows = []
    for cause in count:
        needing = [f for f in fixable if cause in per_file[f]]
        alone = sum(per_file[f] == {cause} for f in needing)
        rows.append((cause, alone, len(needing), count[cause]))
    return sorted(rows, key=lambda r: (-r[1], -r[2], -r[3], r[0]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", nargs="?", default=str(DEFAULT))
    args = ap.parse_args(argv)
    data = json.loads(Path(args.json).read_text(encoding="utf-8"))
    halves = list(data["articles"])
    print(f"{'half':14} articles  now  fixable  never  unclear  ceiling")
    for name, group in [(h, [h]) for h in halves] + [("+".join(halves), halves)]:
        c = ceiling(data, group)
        print(
            f"{name:14} {c['articles']:8} {c['coherent_now']:4} {c['fixable']:8} {c['never']:6} "
            f"{c['unclear']:8}  {c['ceiling']:.0%} ({c['ceiling_if_unclear_fixable']:.0%})"
        )
    misses = data["misses"]
    for name, verdict in sorted(article_verdicts(misses).items()):
        causes = sorted({m["reader_cause"] for m in misses if m["file"] == name and m["reader_cause"]})
        print(f"  {verdict:8} {name[:44]:44} reader: {', '.join(causes) or '-'}")
    print("\nmisses by verdict and the script's cause")
    by = Counter((m["verdict"], m["cause"]) for m in misses)
    for (verdict, cause), n in sorted(by.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        print(f"  {verdict:8} {cause:34} {n:4}")
    print("\nreader causes: articles flipped alone, fixable articles needing it, misses")
    for cause, alone, needing, n in reader_causes(misses):
        example = next(m for m in misses if m.get("reader_cause") == cause)
        print(f"  {cause:32} {alone:3} {needing:3} {n:4}   e.g. {example['file'][:30]}")


if __name__ == "__main__":
    main()
