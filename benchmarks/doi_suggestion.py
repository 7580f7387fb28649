"""DOI suggestion (search, then validate): what can be measured offline, and what cannot.

Run from the repository root::

    .venv/bin/python benchmarks/doi_suggestion.py

Four measurements, each saying what it is:

1. ``crossref_refmatch`` dev split (``../shared/eval/crossref_refmatch/dev.jsonl``, 71 real
   reference strings with a person-verified DOI or none). The dataset holds the top hit of
   Crossref's search (SBM) and its score, but no metadata of any candidate, and none of its
   gold or top-hit DOIs is among our recorded records: the validator cannot be run on its
   candidates offline. Measured: how well the strings parse (what the validator has to go
   on); the score-only baseline (top hit accepted when its score >= 64) recomputed; and
   false suggestions when each string is searched among our ~100 recorded records (none of
   which is its target, so every suggestion made there is wrong).
2. Synthetic references (labelled so) rendered from the recorded Crossref records in four
   styles (AMA with abbreviated journal, APA, Vancouver with elided pages, a noisy one with a
   typo, the subtitle dropped and the year off by one), searched among the recorded records
   with ``MemoryResolver.search`` and validated: precision and recall when the target is in
   the pool, and false suggestions when it is left out (leave-one-out: the nearest other
   record is the hard negative).
3. The validator alone on real strings: ``../shared/eval/anystyle_gold/dev.jsonl`` strings
   parsed and checked against a pseudo-record built from their own gold fields (a positive)
   and against every other row's pseudo-record (negatives). Also the rate of
   ``metadata-mismatch`` discrepancies raised when a string is compared with its own gold
   record (false alarms caused by parsing).
4. Nothing here reaches the network.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("claimcheck") is None:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fakecrossref import load_records  # noqa: E402

from claimcheck.model import Author, Reference, Resolution, Status, Work  # noqa: E402
from claimcheck.read.references.parse import parse_reference  # noqa: E402
from claimcheck.registry.resolve import MemoryResolver, SearchResult  # noqa: E402
from claimcheck.registry.works import work_from_crossref  # noqa: E402
from claimcheck.verify.compare import compare_reference  # noqa: E402
from claimcheck.verify.fieldmatch import strip_retracted  # noqa: E402
from claimcheck.verify.match import is_notice_title, validate_candidate  # noqa: E402
from claimcheck.verify.suggest import suggest_dois  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
REFMATCH = SHARED / "crossref_refmatch" / "dev.jsonl"
ANYSTYLE = SHARED / "anystyle_gold" / "dev.jsonl"
SBM_THRESHOLD = 64.0  # the reference-matching-evaluation repository's best simple threshold


@dataclass
class Tally:
    """Suggestions counted against a known answer."""

    positives: int = 0  # items whose target is findable
    correct: int = 0
    wrong: int = 0  # suggestions of another DOI (on positives or negatives)
    negatives: int = 0  # items whose target is not findable

    def add(self, suggested: str | None, target: str | None) -> None:
        if target is not None:
            self.positives += 1
        else:
            self.negatives += 1
        if suggested is None:
            return
        if target is not None and suggested.lower() == target.lower():
            self.correct += 1
        else:
            self.wrong += 1

    def line(self) -> str:
        made = self.correct + self.wrong
        p = self.correct / made if made else float("nan")
        r = self.correct / self.positives if self.positives else float("nan")
        f = 2 * p * r / (p + r) if made and self.correct else 0.0
        return (
            f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
            f"({self.correct} right, {self.wrong} wrong, {self.positives} findable, {self.negatives} not)"
        )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def suggestion_for(ref: Reference, searcher: Any) -> str | None:
    ref = Reference(1, ref.raw, **{k: getattr(ref, k) for k in _FIELDS})
    found = suggest_dois([ref], {1: Resolution("", Status.NO_IDENTIFIER)}, searcher)
    return found[1].doi if 1 in found else None


_FIELDS = ("authors", "et_al", "title", "container", "year", "volume", "issue", "pages")


# -- 1. crossref_refmatch ----------------------------------------------------------------------------------


def refmatch(pool: MemoryResolver, pool_dois: set[str]) -> None:
    rows = read_jsonl(REFMATCH)
    print(
        f"\n1. crossref_refmatch dev: {len(rows)} real reference strings, "
        f"{sum(r['has_gold_doi'] for r in rows)} with a DOI"
    )
    refs = [parse_reference(r["string"]) for r in rows]
    have = {
        "year": sum(r.year is not None for r in refs),
        "title (3+ words)": sum(len((r.title or "").split()) >= 3 for r in refs),
        "first author": sum(bool(r.first_author_family) for r in refs),
        "volume": sum(bool(r.volume) for r in refs),
        "pages": sum(bool(r.pages) for r in refs),
    }
    print("   parsed: " + ", ".join(f"{k} {v}/{len(rows)}" for k, v in have.items()))
    sbm = Tally()
    for r in rows:
        hit = r["baseline_sbm"]
        sbm.add(hit["doi"] if hit["doi"] and hit["score"] >= SBM_THRESHOLD else None, r["gold_doi"])
    print(f"   SBM top hit, score >= {SBM_THRESHOLD:g} (from the file): {sbm.line()}")
    overlap = sum(
        1 for r in rows for d in (r["gold_doi"], r["baseline_sbm"]["doi"]) if d and d.lower() in pool_dois
    )
    print(f"   gold or SBM DOIs among our {len(pool_dois)} recorded records: {overlap}")
    print(
        "   NOT MEASURABLE offline: our search-and-validate precision/recall on this set "
        "(no candidate metadata)."
    )
    wrong = sum(suggestion_for(ref, pool) is not None for ref in refs)
    print(
        f"   searched among the recorded records (no target there): {wrong} false suggestions "
        f"in {len(rows)} strings"
    )


# -- 2. synthetic references from recorded works ---------------------------------------------------


def initials(author: Author) -> str:
    return "".join(p[0] for p in re.split(r"[\s.\-]+", author.given or "") if p) or "X"


def render(work: Work, style: str) -> str:
    """A reference to ``work`` in one citation style (synthetic text, for this benchmark only)."""
    names = [a for a in work.authors if a.family][:6]
    title = work.title or ""
    journal = work.short_container or work.container or ""
    year = work.years[-1]
    pages = work.pages or work.article_number or ""
    if style == "ama":
        people = ", ".join(f"{a.family} {initials(a)}" for a in names[:3]) + (
            ", et al" if len(names) > 3 else ""
        )
        return f"{people}. {title}. {journal}. {year};{work.volume or ''}({work.issue or ''}):{pages}."
    if style == "apa":
        people = ", ".join(f"{a.family}, {'. '.join(initials(a))}." for a in names[:5])
        return f"{people} ({work.years[0]}). {title}. {work.container}, {work.volume}({work.issue}), {pages}."
    if style == "vancouver":
        m = re.match(r"(\d+)-(\d+)$", pages)
        if m and len(m.group(1)) == len(m.group(2)):
            a, b = m.groups()
            i = next((k for k in range(len(a)) if a[k] != b[k]), len(a) - 1)
            pages = f"{a}-{b[i:]}"
        people = ", ".join(f"{a.family} {initials(a)}" for a in names[:6])
        return f"{people}. {title}. {journal} {year};{work.volume}:{pages}."
    # noisy: subtitle dropped, lower case, one letter swapped, year one off, no volume
    main = strip_retracted(title).split(":")[0].lower()
    k = len(main) // 2
    main = main[:k] + main[k + 1 : k + 2] + main[k : k + 1] + main[k + 2 :]
    first = names[0]
    return f"{first.family} {initials(first)}, et al. {main}. {journal}. {work.years[0] + 1};{pages}."


class Without:
    """A searcher over the pool that never returns one DOI (leave-one-out negatives)."""

    def __init__(self, pool: MemoryResolver, doi: str) -> None:
        self.pool, self.doi = pool, doi

    def search(self, text: str, rows: int = 5) -> SearchResult:
        result = self.pool.search(text, rows + 1)
        kept = [(w, s) for w, s in zip(result.works, result.scores, strict=True) if w.doi != self.doi][:rows]
        return SearchResult("ok", tuple(w for w, _ in kept), tuple(s for _, s in kept))


def synthetic(pool: MemoryResolver, works: Iterable[Work]) -> None:
    usable = [
        w
        for w in works
        if w.type == "journal-article" and w.title and w.years and any(a.family for a in w.authors)
    ]
    print(
        f"\n2. SYNTHETIC references rendered from {len(usable)} recorded journal articles, "
        "searched in the pool"
    )
    total_in, total_out = Tally(), Tally()
    for style in ("ama", "apa", "vancouver", "noisy"):
        inside, outside = Tally(), Tally()
        for work in usable:
            if style == "noisy" and is_notice_title(work.title):
                continue  # "Correction: <title>" without its subtitle is just "correction"
            ref = parse_reference(render(work, style))
            got = suggestion_for(ref, pool)
            inside.add(got, work.doi)
            total_in.add(got, work.doi)
            got = suggestion_for(ref, Without(pool, work.doi))
            outside.add(got, None)
            total_out.add(got, None)
        print(f"   {style:9s} target in pool: {inside.line()}")
        print(f"   {'':9s} target left out: {outside.wrong} false suggestions in {outside.negatives}")
    both = Tally(total_in.positives, total_in.correct, total_in.wrong + total_out.wrong, total_out.negatives)
    print(f"   all styles, both halves: {both.line()}")


# -- 3. the validator on real strings against pseudo-records ---------------------------------------


def pseudo_record(row: dict[str, Any], i: int) -> Work | None:
    f = row["fields"]
    if not f["title"] or not f["year"] or not f["author"]:
        return None
    family = Reference(None, "", authors=(f["author"],)).first_author_family or f["author"]
    family = re.split(r"\s*(?:,|;| and | & )\s*", family)[0]
    return Work(
        f"pseudo/{i}",
        title=f["title"],
        authors=(Author(family=family),),
        container=f["container"],
        years=(int(f["year"]),),
        volume=f["volume"],
        issue=f["issue"],
        pages=f["pages"],
        type="journal-article",
    )


def validator(rows: list[dict[str, Any]]) -> None:
    records = [(row, pseudo_record(row, i)) for i, row in enumerate(rows)]
    usable = [(parse_reference(row["string"]), work) for row, work in records if work is not None]
    print(
        f"\n3. Validator on {len(usable)} real anystyle_gold strings vs PSEUDO-records "
        "from their own gold fields"
    )
    accepted = sum(validate_candidate(ref, work)[0] for ref, work in usable)
    print(
        f"   own record accepted (recall of the validator): {accepted}/{len(usable)} "
        f"= {accepted / len(usable):.3f}"
    )
    false = pairs = 0
    for i, (ref, _) in enumerate(usable):
        for j, (_, other) in enumerate(usable):
            if i != j:
                pairs += 1
                false += validate_candidate(ref, other)[0]
    print(f"   another row's record accepted: {false} of {pairs} pairs")
    alarms = [compare_reference(ref, work) for ref, work in usable]
    errors = sum(any(d.severity.value == "error" for d in found) for found in alarms)
    any_found = sum(bool(found) for found in alarms)
    print(
        f"   compare with own record: {any_found}/{len(usable)} strings get some discrepancy, "
        f"{errors} an error (parse-induced false alarms; the gold fields are as printed)"
    )


def main() -> None:
    start = time.perf_counter()
    messages = load_records().messages.values()
    pool = MemoryResolver(messages)
    works = [work_from_crossref(m) for m in messages]
    print(f"DOI suggestion benchmark (offline). Pool: {len(pool)} recorded Crossref records.")
    refmatch(pool, {w.doi for w in works})
    synthetic(pool, works)
    validator(read_jsonl(ANYSTYLE))
    print(f"\n({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
