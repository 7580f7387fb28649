"""Why numeric PDF-text articles are not coherent: every failure of one half, classified by cause.

Run: ``python benchmarks/pdftext_errors.py [--half dev|held|all] [--limit N] [--shared DIR] [-v]``

Reads each article of ``../shared/corpus/pdftext`` (the half as in ``pdftext_halves.py``: dev =
even positions, held = odd) with :func:`claimcheck.parse` and :func:`extract_claims` (no
registry, no checks: the numbers ``score.py`` judges come from these two), keeps the ones whose
citation style is numeric, and calls an article coherent as ``score.py`` does: its cited numbers
are exactly ``{1..N}`` (N references parsed) and every cited number is in the list. Each
incoherent article gets one primary cause, the first that applies:

* ``no-list``: no reference parsed.
* ``list-short``: the section's own line-start numbers run consecutively further than N (entries
  were lost or merged while splitting).
* ``list-long``: N is larger than the section's consecutive numbering (entries split too much).
* ``list-numbering``: the parsed numbers are not exactly 1..N (gaps, repeats, unnumbered).
* ``cited-beyond``: the list is 1..N, but numbers above N are cited (false markers).
* ``missed-markers``: the list is 1..N and nothing above N is cited, but list numbers are never
  cited (markers not found); split by the style of the markers that were found.

Also printed: how many articles show each symptom (several may hold), and with ``-v`` one line
per incoherent article (N, highest cited, the section's consecutive run, cited-but-missing,
never-cited, marker styles).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from corpus_eval import shared_dir
from pdftext_halves import halves

import claimcheck
from claimcheck.read.claims import extract_claims

_LINE_NUMBER = re.compile(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)]?)(?=\s|$)", re.MULTILINE)


def section_run(text: str) -> int:
    """How far the section's line-start numbers run consecutively from 1 (``1.``, ``[1]``, ``1``)."""
    seen = {int(next(g for g in m.groups() if g)) for m in _LINE_NUMBER.finditer(text)}
    k = 0
    while k + 1 in seen:
        k += 1
    return k


def _short(numbers: set[int], most: int = 8) -> str:
    items = sorted(numbers)
    text = ",".join(map(str, items[:most]))
    return text + (f",...(+{len(items) - most})" if len(items) > most else "")


def diagnose(path: Path) -> dict[str, object] | None:
    """The figures of one article, or ``None`` when it is not read as numeric."""
    article, refs = claimcheck.parse(path)
    if article.style != "numeric":
        return None
    claims = extract_claims(article, refs)
    cited = {n for c in claims for n in c.citations}
    numbers = [r.number for r in refs]
    listed = {n for n in numbers if n is not None}
    n = len(refs)
    coherent = n > 0 and cited == set(range(1, n + 1)) and cited <= listed
    span = article.references_span
    run = section_run(article.text[span[0] : span[1]]) if span else 0
    styles = Counter(m.style for c in claims for m in c.markers)
    clean_list = sorted(k for k in numbers if k is not None) == list(range(1, n + 1))
    if coherent:
        cause = "coherent"
    elif n == 0:
        cause = "no-list"
    elif run > n:
        cause = "list-short"
    elif run and n > run + 1 and not clean_list:
        cause = "list-long"
    elif not clean_list:
        cause = "list-numbering"
    elif max(cited, default=0) > n:
        cause = "cited-beyond"
    else:
        top = styles.most_common(1)[0][0] if styles else "none"
        cause = f"missed-markers ({top})"
    return {
        "name": path.name,
        "cause": cause,
        "n": n,
        "max_cited": max(cited, default=0),
        "run": run,
        "missing": cited - listed,
        "never": listed - cited,
        "styles": dict(styles),
        "section": span is not None,
        "clean_list": clean_list,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["dev", "held", "all"], default="dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--shared")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        raise SystemExit("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED")
    parts = halves(shared / "corpus" / "pdftext")
    files = sorted(parts["dev"] + parts["held"]) if args.half == "all" else parts[args.half]
    rows = [r for r in (diagnose(p) for p in files[: args.limit]) if r is not None]
    causes = Counter(str(r["cause"]) for r in rows)
    symptoms: Counter[str] = Counter()
    for r in rows:
        if r["cause"] == "coherent":
            continue
        symptoms["cited number missing from list"] += bool(r["missing"])
        symptoms["list number never cited"] += bool(r["never"])
        symptoms["max cited > N"] += int(str(r["max_cited"])) > int(str(r["n"]))
        symptoms["no references section"] += not r["section"]
        symptoms["parsed numbers not 1..N"] += not r["clean_list"]
        for style in r["styles"]:  # type: ignore[attr-defined]
            symptoms[f"has {style} markers"] += 1
    ok = causes["coherent"]
    print(f"{args.half}: {len(rows)} numeric, {ok} coherent ({ok / max(len(rows), 1):.3f})")
    print("primary causes:")
    for cause, count in causes.most_common():
        print(f"  {count:3d}  {cause}")
    print("symptoms of the incoherent ones (several may hold):")
    for name, count in symptoms.most_common():
        print(f"  {count:3d}  {name}")
    if args.verbose:
        for r in sorted(rows, key=lambda r: str(r["cause"])):
            if r["cause"] == "coherent":
                continue
            print(
                f"{r['cause']:24} {str(r['name'])[:48]:48} N={r['n']} maxcited={r['max_cited']} "
                f"run={r['run']}"
                f" missing={_short(r['missing'])} never={_short(r['never'])} "  # type: ignore[arg-type]
                f"styles={r['styles']}"
            )


if __name__ == "__main__":
    main()
