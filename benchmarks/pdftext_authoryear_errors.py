"""Why author-year PDF-text articles are not coherent: every miss of the dev half, classified.

Run: ``python benchmarks/pdftext_authoryear_errors.py [--half H] [--show N] [--only NAME]``
(``H``: ``dev``, ``held``, ``held-a``, ``held-b``, ``held-b1`` or ``held-b2``)

An author-year article is coherent (``score.py``'s ``author_year_coherent``) when every
citation matches one entry and every entry is cited. For each article of the half (even
file positions: ``dev``; odd: ``held``) that claimcheck calls author-year, this prints the
article's misses and then the distribution of their causes, judged from the text itself:

citations that match no entry (``citation-not-in-list``) or several (``ambiguous-citation``):
  year-differs        the list has the first author, but not with that year
  merged-entry        the name and year sit inside another entry, at a line start (two entries as one)
  author-misread      the name and year open an entry whose first author was read otherwise
  inside-entry        the name and year sit inside another entry, not at a line start
  lost-in-section     the name opens a line of the reference section, but no parsed entry has it with the year
  coauthor-only       the name is in the reference section only inside lines (another entry's co-author,
                      a word of a title): as far as the text shows, the cited work is not listed
  after-list          the name and year are in the text after the located list (list cut short)
  before-list         the name opens a line before the located list, its year within 200 characters:
                      a table of included studies (dev's mcdermott, hand-checked: those studies are
                      not in its list), a second list, or the list's start missed
  citation-misread    the citation's names look wrong (lower-case words, a label, too many words)
  not-in-list         nowhere in the list: an article inconsistency, or a non-citation
  ambiguous-lettered  several entries match, lettered 2020a, 2020b, and the citation has no letter
  ambiguous-letter-unread  the citation has a letter, the entries too, but it did not decide
  ambiguous-duplicate the entries that match open alike (one entry printed twice, or split in two)
  ambiguous-unlettered  several entries match and the list does not letter them
entries cited by nothing (``reference-never-cited``):
  junk-entry          no year or no author: a running head, a table row, a note
  year-differs        a citation names the first author with another year
  cited-form-missed   the first author's name is in the body within 80 characters of the year
  merged-entry        the entry holds a second entry (a line opening with a name and a year)
  name-in-body        the name is in the body, but not near the year
  never-mentioned     the name is nowhere in the body: uncited, or its name was misread

``--show N`` prints N examples per cause (text around each). Look at ``dev`` and ``held-a``
and ``held-b1`` when developing; ``held-b2`` (and ``held-b``, which holds it) is for measuring
only: for it, the script prints the totals alone (no article rows, no examples).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict

from corpus_eval import shared_dir
from pdftext_halves import halves

import claimcheck
from claimcheck.read.authoryear import parse_label

_MISS = ("citation-not-in-list", "ambiguous-citation")
_NEAR = ("citation-spelling-differs", "citation-year-differs")  # linked, with a warning
_LINE_OPEN = re.compile(r"\n\s*(?:[A-Z][\w'’\- ]{1,40}),\s+(?:[A-Z]\.|[A-Z]{1,3}\b)")


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only (``Schüttler`` -> ``schuttler``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9\n]+", " ", plain)


def _near(text: str, name: str, year: str, width: int = 80) -> bool:
    return any(
        year in text[m.start() : m.end() + width] for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )


def _ambiguous(year: str, candidates: list[int], report: claimcheck.Report) -> str:
    refs = [r for r in report.references if r.number in candidates]
    heads = {fold(r.raw[:60]) for r in refs}
    letters = {m.group(1) for r in refs if (m := re.search(rf"{year[:4]}([a-z])\b", r.raw))}
    if len(heads) < len(refs):
        return "ambiguous-duplicate"
    if len(letters) == len(refs):
        return "ambiguous-lettered" if len(year) == 4 else "ambiguous-letter-unread"
    return "ambiguous-unlettered"


def classify_citation(code: str, label: str, report: claimcheck.Report, candidates: list[int]) -> str:
    [(authors, _, year)] = parse_label(label)[:1]
    if code == "ambiguous-citation":
        return _ambiguous(year, candidates, report)
    name, base = fold(authors[0]).strip(), year[:4]
    words = authors[0].split()
    if (
        not words
        or len(words) > 5
        or any(w[:1].islower() for w in words if w not in ("van", "de", "der", "von"))
    ):
        return "citation-misread"
    refs = report.references
    firsts = {fold(r.first_author_family or "").strip(): r for r in refs}
    if name in firsts:
        return "year-differs"
    text = report.article.text
    span = report.article.references_span or (len(text), len(text))
    for r in refs:
        raw = fold(r.raw)
        if re.search(rf"\b{re.escape(name)}\b", raw) and base in raw:
            pos = raw.find(name)
            if pos < 30:
                return "author-misread"
            return "merged-entry" if "\n" in raw[max(0, pos - 6) : pos] else "inside-entry"
    section = fold(text[span[0] : span[1]])
    if name and re.search(rf"\b{re.escape(name)}\b", section):
        return (
            "lost-in-section"
            if re.search(rf"(?m)^ *(?:[0-9]{{1,4}} *)?{re.escape(name)}\b", section)
            else "coauthor-only"
        )
    after = fold(text[span[1] :])
    if name and _near(after, name, base, 400):
        return "after-list"
    before = fold(text[: span[0]])
    if name and any(
        base in before[m.end() : m.end() + 200]
        for m in re.finditer(rf"(?m)^ *(?:[0-9]{{1,4}} *)?{re.escape(name)}\b", before)
    ):
        return "before-list"
    return "not-in-list"


def classify_entry(
    ref: claimcheck.Reference, report: claimcheck.Report, cited_names: dict[str, set[str]]
) -> str:
    if ref.year is None or not ref.authors:
        return "junk-entry"
    name = fold(ref.first_author_family or "").strip()
    if name in cited_names and str(ref.year) not in cited_names[name]:
        return "year-differs"
    text = report.article.text
    span = report.article.references_span or (len(text), len(text))
    body = fold(text[: span[0]])
    if name and _near(body, name, str(ref.year)):
        return "cited-form-missed"
    if len(_LINE_OPEN.findall(ref.raw)) >= 1 and len(re.findall(r"\b(?:19|20)\d\d\b", ref.raw)) >= 2:
        return "merged-entry"
    if name and re.search(rf"\b{re.escape(name)}\b", body):
        return "name-in-body"
    return "never-mentioned"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--half", choices=["dev", "held", "held-a", "held-b", "held-b1", "held-b2"], default="dev"
    )
    ap.add_argument("--show", type=int, default=0, help="examples to print per cause")
    ap.add_argument("--only", help="only files whose name contains this")
    ap.add_argument("--shared")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        raise SystemExit("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED")
    files = halves(shared / "corpus" / "pdftext")[args.half]
    blind = args.half in ("held-b", "held-b2")
    if blind and (args.show or args.only):
        raise SystemExit(f"{args.half} is measured only: no --show, no --only")
    causes: Counter[str] = Counter()
    spread: Counter[str] = Counter()  # articles with each cause (a total, so shown for sealed halves too)
    examples: dict[str, list[str]] = defaultdict(list)
    articles = coherent = near_only = 0
    per_article: list[int] = []
    for path in files:
        if args.only and args.only not in path.name:
            continue
        article, _ = claimcheck.parse(str(path))
        if article.style != "author-year":
            continue
        report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
        articles += 1
        refs = {r.number: r for r in report.references}
        cited_names: dict[str, set[str]] = defaultdict(set)
        for claim in report.claims:
            for marker in claim.markers:
                for authors, _, year in parse_label(marker.label) if marker.label else ():
                    cited_names[fold(authors[0]).strip()].add(year[:4])
        mine: Counter[str] = Counter()
        text = report.article.text
        for f in report.findings:
            if f.code in _MISS:
                cause = classify_citation(
                    f.code, f.detail.get("cited", ""), report, f.detail.get("candidates", [])
                )
                where = text[max(0, (f.start or 0) - 50) : (f.end or 0) + 10]
                example = f"{path.name[:40]}: {f.detail.get('cited')!r} in {where!r}"
            elif f.code == "reference-never-cited" and f.reference_number in refs:
                ref = refs[f.reference_number]
                cause = "uncited:" + classify_entry(ref, report, cited_names)
                who = f"#{ref.number} {ref.first_author_family!r} {ref.year}"
                example = f"{path.name[:40]}: {who} {ref.raw[:140]!r}"
            else:
                continue
            cause = cause if cause.startswith("uncited:") else "citation:" + cause
            mine[cause] += 1
            examples[cause].append(example)
        cited = {n for c in report.claims for n in c.citations}
        ok = bool(report.references) and bool(cited) and not mine
        coherent += ok
        slips = sum(f.code in _NEAR for f in report.findings)
        near_only += ok and slips > 0
        mine.update("near:" + f.code for f in report.findings if f.code in _NEAR)
        causes.update(mine)
        spread.update(mine.keys())
        per_article.append(sum(v for k, v in mine.items() if not k.startswith("near:")))
        summary = ", ".join(f"{k} {v}" for k, v in sorted(mine.items())) or "coherent"
        if not blind:
            print(f"{path.name[:60]:60} refs={len(report.references):3} {summary}")
    print(f"\n{args.half}: {articles} author-year articles, {coherent} coherent")
    print(f"  of them {near_only} coherent only because score.py does not count the near-match warnings")
    print(f"  misses per article, fewest first: {sorted(per_article)}")
    causes = Counter({k: v for k, v in causes.items() if not k.startswith("near:")})
    total = sum(causes.values())
    for cause, n in causes.most_common():
        print(f"  {cause:34} {n:4}  ({n / total:.0%}) in {spread[cause]} articles")
        for example in examples[cause][: args.show]:
            print(f"      {example}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
