"""Per-field accuracy and speed of ``claimcheck.read.references.parse.parse_reference``.

Run from the repository root::

    .venv/bin/python benchmarks/reference_parsing.py
    .venv/bin/python benchmarks/reference_parsing.py --failures title

Data: ``../shared/eval/anystyle_gold/dev.jsonl`` (AnyStyle's hand-labelled gold
references, dev split; see its README). Each row's ``string`` is parsed and the
result compared with the row's normalised gold ``fields``.

How fields are compared
-----------------------
- Text fields are normalised before comparing: Unicode NFKC, case folded, every
  character that is not a letter or digit treated as a space, spaces collapsed.
  So case, punctuation, quotes and dash style do not matter; words do.
- ``pages`` are also stripped of page marks (``p``, ``pp``, ``pages``) and
  spaces, so ``241- 253`` equals ``241-253`` and ``702 p`` equals ``702``.
- ``year`` compares integers; ``doi`` compares lower-cased DOIs.
- ``first author`` compares the first author's family name: ours from
  :func:`claimcheck.read.references.parse.family_name` on ``authors[0]``; the gold one from
  the gold author segment by a fixed rule (text before the first comma when
  that is one word, as in ``Birch, H.``; otherwise the first name up to a comma,
  ``;``, ``and``, ``&``, ``et`` or ``:``, then: the words before trailing
  initials ``Vates GE``, else a leading all-capitals word ``KAHAN Marcel``, else
  the last word ``D. J. Burr``). A second row shows the same comparison with
  the model's ``Reference.first_author_family`` property.
- ``title`` is scored twice: normalised exact match, and normalised fuzzy match
  (rapidfuzz ``ratio`` >= 90). ``container`` likewise.

Two scores per field: on the rows whose gold value is not null ("gold rows"),
and over all rows ("overall"), where a null gold value counts as correct only
when the parser also gives nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("claimcheck") is None:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from claimcheck.model import Reference  # noqa: E402
from claimcheck.read.references.parse import family_name, parse_reference  # noqa: E402

SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), Path("/work/shared")
)
DEFAULT_DATA = SHARED / "eval" / "anystyle_gold" / "dev.jsonl"
METHODS = ("rules", "crf", "combined")
TARGETS = ("first_author", "title", "container", "year", "volume", "pages")
FIELDS = (
    "year",
    "doi",
    "first_author",
    "first_author_model",
    "title",
    "title~",
    "container",
    "container~",
    "volume",
    "issue",
    "pages",
)


def norm(value: object) -> str:
    """Case-, punctuation- and space-insensitive form of a text value."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def norm_pages(value: object) -> str:
    words = [w for w in norm(value).split() if w not in ("p", "pp", "pages", "page")]
    return "-".join(words)


def gold_family(author: str | None) -> str | None:
    """The first author's family name in a gold author segment (rule in the module docstring)."""
    if not author:
        return None
    head = author.split(",", 1)[0].strip()
    if "," in author and len(head.split()) == 1:
        return head
    first = re.split(r",|;|:|\band\b|&|\bet\b", author, maxsplit=1)[0].strip(" .")
    words = first.split()
    if not words:
        return None
    k = len(words)
    while k > 1 and re.fullmatch(r"(?:[A-Z]\.?-?){1,3}|[A-Z]\.[A-Z]\.?", words[k - 1]):
        k -= 1
    if k < len(words):
        return " ".join(words[:k])
    if (
        len(words) > 1
        and words[0].isalpha()
        and words[0].isupper()
        and len(words[0]) > 3
        and not words[-1].isupper()
    ):
        return words[0]
    return words[-1]


def predicted(ref: Reference, field: str) -> Any:
    if field in ("first_author", "first_author_model"):
        if not ref.authors:
            return None
        return family_name(ref.authors[0]) if field == "first_author" else ref.first_author_family
    return getattr(ref, field.rstrip("~"))


def gold(fields: dict[str, Any], field: str) -> Any:
    if field in ("first_author", "first_author_model"):
        if "first_author" in fields:  # PLOS truth: the family name itself
            return fields["first_author"]
        return gold_family(fields.get("author"))
    return fields.get(field.rstrip("~"))


def same(field: str, want: Any, got: Any) -> bool:
    if want is None or got is None:
        return want is None and (got is None or got == "")
    if field == "year":
        return int(want) == int(got)
    if field == "doi":
        return str(want).lower() == str(got).lower()
    if field == "pages":
        return norm_pages(want) == norm_pages(got)
    if field.endswith("~"):
        return fuzz.ratio(norm(want), norm(got)) >= 90
    return norm(want) == norm(got)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {f: (lambda w, g, f=f: same(f, w, g)) for f in FIELDS}


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(rows: list[dict[str, Any]], refs: list[Reference]) -> dict[str, tuple[int, int, int, int]]:
    """field -> (correct on gold rows, gold rows, correct overall, rows)."""
    out = {}
    for field in FIELDS:
        good_gold = n_gold = good_all = 0
        for row, ref in zip(rows, refs, strict=True):
            want, got = gold(row["fields"], field), predicted(ref, field)
            ok = COMPARE[field](want, got)
            good_all += ok
            if want is not None:
                n_gold += 1
                good_gold += ok
        out[field] = (good_gold, n_gold, good_all, len(rows))
    return out


def speed(strings: list[str], seconds: float = 1.0, method: str = "combined") -> float:
    """Entries parsed per second (whole passes over ``strings`` for about ``seconds``)."""
    done, began = 0, time.perf_counter()
    while True:
        for text in strings:
            parse_reference(text, method=method)
        done += len(strings)
        elapsed = time.perf_counter() - began
        if elapsed >= seconds:
            return done / elapsed


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def print_table(path: Path, scores: dict[str, tuple[int, int, int, int]], rate: float) -> None:
    print(f"reference parsing on {path.name} ({next(iter(scores.values()))[3]} rows)")
    print(f"{'field':<20} {'gold rows':>16} {'overall':>16}")
    for field, (gg, ng, ga, na) in scores.items():
        print(f"{field:<20} {gg:>4}/{ng:<4} {pct(gg, ng)} {ga:>4}/{na:<4} {pct(ga, na)}")
    print(f"speed: {rate:,.0f} references/s")


def print_failures(rows: list[dict[str, Any]], refs: list[Reference], field: str) -> None:
    for row, ref in zip(rows, refs, strict=True):
        want, got = gold(row["fields"], field), predicted(ref, field)
        if not COMPARE[field](want, got):
            print(f"{row['id']}\n  text: {row['string']}\n  gold: {want!r}\n  ours: {got!r}")


def plos_rows() -> list[dict[str, Any]]:
    """The held-out PLOS entries (both printed styles) as rows like the AnyStyle ones."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from plos_references import entries, gold_fields

    rows = []
    for slug, render, number, text, ref in entries(heldout=True):
        fields = gold_fields(ref)
        rows.append({"id": f"{slug}#{number} {render}", "string": text, "fields": fields, "plos": True})
    return rows


def summary(datasets: dict[str, list[dict[str, Any]]]) -> None:
    """The six target fields (gold rows) for every method on every data set."""
    for name, rows in datasets.items():
        print(f"\n{name} ({len(rows)} entries): share of gold rows right")
        print(f"{'field':<14}" + "".join(f"{m:>10}" for m in METHODS))
        results = {m: score(rows, [parse_reference(r["string"], method=m) for r in rows]) for m in METHODS}
        for field in (*TARGETS, "issue"):
            cells = "".join(f"{pct(results[m][field][0], results[m][field][1]):>10}" for m in METHODS)
            print(f"{field:<14}{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL file with string and fields")
    parser.add_argument("--plos", action="store_true", help="use the held-out PLOS entries instead of --data")
    parser.add_argument("--method", choices=METHODS, default="combined", help="for the table and --failures")
    parser.add_argument("--failures", choices=FIELDS, help="print the rows where FIELD is wrong")
    parser.add_argument("--seconds", type=float, default=1.0, help="how long to time parsing")
    parser.add_argument("--summary", action="store_true", help="rules vs CRF vs combined on dev and PLOS")
    args = parser.parse_args(argv)
    if args.summary:
        summary({"AnyStyle dev": load(args.data), "PLOS held-out": plos_rows()})
        return 0
    rows = plos_rows() if args.plos else load(args.data)
    refs = [parse_reference(row["string"], method=args.method) for row in rows]
    if args.failures:
        print_failures(rows, refs, args.failures)
        return 0
    rate = speed([row["string"] for row in rows], args.seconds, args.method)
    print_table(Path("plos-held-out") if args.plos else args.data, score(rows, refs), rate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
