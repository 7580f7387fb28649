"""Word, PDF and JATS readers on the PLOS corpus: one command, printing figures.

    python benchmarks/formats_eval.py [--pdf N] [--pdf-skip K] [--no-jats]

JATS: each of the 79 PLOS ``source.xml`` files is read (``claimcheck.parse``, told by
content) and its claims extracted; the report's markers (distinct spans over all claims,
in reading order) are compared with the truth's marker groups (``renders.html.markers``)
as sequences of cited-number tuples: recall and precision are the longest common
subsequence over the truth's and the report's lengths (a group counts only when its
numbers are exactly right). The truth leaves table rows out of some articles (a seeded
choice of the corpus build, ``table_rows_included``); the reader is asked to do the same
(``read_jats(tables=...)``). Reference count exact, and DOIs: of the truth's entries
with a DOI, the share whose same-numbered entry carries it; extra DOIs counted apart.

PDF: the first N articles (sorted by slug; default 20) are set in two columns with real
superscripts and a running head by ``tests/pdfbuild.py`` (reportlab), read back with
``claimcheck.read.pdf`` and scored the same way against ``renders.superscript.markers``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import claimcheck  # noqa: E402
from claimcheck.read.claims import extract_claims  # noqa: E402
from claimcheck.read.jats import read_jats  # noqa: E402

PLOS = Path("/work/shared/corpus/plos")
RENDERS = {"web": "web.txt", "superscript": "superscript.txt"}


def lcs(a: list, b: list) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def claim_markers(article, refs) -> list[tuple[int, ...]]:
    seen = {}
    for claim in extract_claims(article, refs):
        for m in claim.markers:
            seen.setdefault((m.start, m.end), m)
    return [tuple(seen[k].numbers) for k in sorted(seen)]


def score(rows: list[tuple[list, list, int, int]]) -> str:
    truth = sum(len(w) for w, _, _, _ in rows)
    mine = sum(len(g) for _, g, _, _ in rows)
    common = sum(lcs(w, g) for w, g, _, _ in rows)
    exact = sum(n == want for _, _, n, want in rows)
    return (
        f"n={len(rows)} marker_recall={common / max(truth, 1):.3f} "
        f"marker_precision={common / max(mine, 1):.3f} "
        f"refcount_exact={exact / max(len(rows), 1):.3f}"
    )


def jats_figures(dirs: list[Path]) -> str:
    rows, doi_n, doi_ok, extra = [], 0, 0, 0
    t = time.perf_counter()
    for d in dirs:
        truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
        xml = (d / "source.xml").read_text(encoding="utf-8")
        article, refs = read_jats(xml, tables=truth["table_rows_included"])
        want = [tuple(m["numbers"]) for m in truth["renders"]["html"]["markers"]]
        rows.append((want, claim_markers(article, refs), len(refs), truth["reference_count"]))
        dois = {r.number: (r.doi or "").lower() for r in refs}
        for r in truth["references"]:
            if r["doi"]:
                doi_n += 1
                doi_ok += dois.get(r["number"]) == r["doi"]
            else:
                extra += bool(dois.get(r["number"]))
    seconds = (time.perf_counter() - t) / max(len(dirs), 1)
    dois = f"doi_recall={doi_ok / max(doi_n, 1):.3f} extra_dois={extra}"
    return f"jats  {score(rows)} {dois} s_per_article={seconds:.2f}"


def pdf_figures(dirs: list[Path]) -> str:
    from pdfbuild import plos_pdf

    from claimcheck.read.pdf import read_pdf

    rows = []
    t = time.perf_counter()
    for d in dirs:
        data, truth = plos_pdf(d.name)
        article, refs = read_pdf(data)
        want = [tuple(m["numbers"]) for m in truth["renders"]["superscript"]["markers"]]
        rows.append((want, claim_markers(article, refs), len(refs), truth["reference_count"]))
    seconds = (time.perf_counter() - t) / max(len(rows), 1)
    return f"pdf   {score(rows)} articles={dirs[0].name}..{dirs[-1].name} s_per_article={seconds:.2f}"


def field_check_figures(dirs: list[Path], render: str) -> str:
    """``reference-field-mismatch`` on real entries: each structured truth entry (the field item)
    against the same entry as printed in the render (no difference expected), then against that
    printed entry edited by hand: its year changed, a title word added, its first author renamed."""
    import dataclasses

    from claimcheck.checks.fields import differences
    from claimcheck.model import Reference
    from claimcheck.read.references.parse import parse_reference

    same = flagged_same = 0
    edits = {"year": [0, 0], "title": [0, 0], "first author": [0, 0]}
    for d in dirs:
        truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
        _, refs = claimcheck.parse(str(d / RENDERS[render]))
        printed = {r.number: r for r in refs}
        for entry in truth["references"]:
            f, shown = entry["fields"], printed.get(entry["number"])
            if not entry["structured"] or shown is None:
                continue
            family = (f["authors"] or [None])[0]
            item = Reference(
                entry["number"],
                "",
                authors=(f"{family} X",) if family else (),
                title=f["title"],
                year=f["year"],
                doi=entry["doi"],
            )
            same += 1
            flagged_same += bool(differences(item, shown))
            for kind, edited in _edits(shown.raw, item).items():
                reparsed = parse_reference(edited, number=shown.number)
                edits[kind][0] += 1
                edits[kind][1] += kind in differences(item, dataclasses.replace(reparsed, raw=edited))
    rates = " ".join(f"{k.replace(' ', '_')}_found={v[1] / max(v[0], 1):.3f}" for k, v in edits.items())
    return f"fields[{render}] pairs={same} false_difference={flagged_same / max(same, 1):.4f} {rates}"


def _edits(raw: str, item) -> dict[str, str]:
    out = {}
    if item.year and str(item.year) in raw:
        out["year"] = raw.replace(str(item.year), str(item.year - 3))
    if item.title and item.title.rstrip(".?!") in raw:
        title = item.title.rstrip(".?!")
        out["title"] = raw.replace(title, title + " in older adults", 1)
    family = item.first_author_family
    if family and family in raw[:60] and family != "Okafor":
        out["first author"] = raw.replace(family, "Okafor", 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", type=int, default=20, help="how many articles to set as PDFs (0: none)")
    ap.add_argument("--pdf-skip", type=int, default=0, help="start the PDFs after this many articles")
    ap.add_argument("--no-jats", action="store_true", help="skip the JATS figures")
    args = ap.parse_args()
    dirs = sorted(d for d in PLOS.iterdir() if (d / "truth.json").is_file())
    if not args.no_jats:
        print(jats_figures(dirs), flush=True)
    if not args.no_jats:
        for render in ("superscript", "web"):
            print(field_check_figures(dirs, render), flush=True)
    if args.pdf:
        print(pdf_figures(dirs[args.pdf_skip : args.pdf_skip + args.pdf]), flush=True)


if __name__ == "__main__":
    main()
