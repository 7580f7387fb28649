"""How often PDF-to-text pages interleave their two columns line by line: files and pages per half.

Run: ``python benchmarks/pdftext_interleaved.py [--half H] [--show N] [--style] [--shared DIR]``
(``H``: ``dev``, ``held-a``, ``held-b``; all three by default)

Some conversions in ``../shared/corpus/pdftext`` read a two-column page by height alone, so the
left and the right column come out on alternating lines and a word broken at a line end is
finished two lines down, not on the next line::

    are separated by a thin layer of white matter. Evidence from clin-
    salience network (Dandash et al., 2014; Karcher et al., 2019; Koch et al.,
    ical lesion studies suggest that the neural circuits originating from

A page is the text between form feeds. On each, every line ending in a word broken by a hyphen
(``clin-``) is looked up: it is *rejoined next* when the next non-blank line opens with the
rest of a word the same file uses elsewhere (``clin`` + ``ical`` = ``clinical``), *rejoined
skipped* when only the line after that does. A page is **interleaved** when it has at least
``MIN_SKIPPED`` skipped rejoins and more of them than next-line rejoins; continuous text has
almost none (a caption or running head dropped between two lines of a paragraph makes one).
A file counts when one of its pages is interleaved.

``--show N`` prints N skipped rejoins of each flagged file; ``--style`` audits the flagged
files and tallies the style claimcheck reads them in and whether they are coherent (the
``score.py`` rules). ``held-b`` is for measuring only: for it, only the totals print.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from corpus_eval import shared_dir
from pdftext_halves import halves

#: Least skipped rejoins for a page to count as interleaved.
MIN_SKIPPED = 2

_WORD = re.compile(r"[^\W\d_]{2,}")
_BROKEN = re.compile(r"\b([^\W\d_]{2,})[-\u2010\u2011\u00ad]$")
_REST = re.compile(r"[^\W\d_]+")


def vocabulary(text: str) -> set[str]:
    """The words (two letters or more, lower-cased) a text uses."""
    return {w.lower() for w in _WORD.findall(text)}


def rejoins(line: str, later: str, words: set[str]) -> bool:
    """``line`` ends in a word broken by a hyphen and ``later`` opens with its lower-case rest."""
    broken = _BROKEN.search(line.rstrip())
    rest = _REST.match(later.lstrip())
    if broken is None or rest is None or not rest.group().islower():
        return False
    return (broken.group(1) + rest.group()).lower() in words


def page_rejoins(page: str, words: set[str]) -> tuple[int, int]:
    """``(next, skipped)``: broken words the next non-blank line finishes; those only the one after does."""
    rows = [line for line in page.split("\n") if line.strip()]
    near = skipped = 0
    for i, line in enumerate(rows[:-1]):
        if rejoins(line, rows[i + 1], words):
            near += 1
        elif i + 2 < len(rows) and rejoins(line, rows[i + 2], words):
            skipped += 1
    return near, skipped


def interleaved_pages(text: str) -> list[int]:
    """The pages (0-based, split at form feeds) whose two columns alternate line by line."""
    words = vocabulary(text)
    found = []
    for number, page in enumerate(text.split("\f")):
        near, skipped = page_rejoins(page, words)
        if skipped >= MIN_SKIPPED and skipped > near:
            found.append(number)
    return found


def _examples(text: str, pages: list[int], show: int) -> list[str]:
    words, out = vocabulary(text), []
    for number in pages:
        rows = [line for line in text.split("\f")[number].split("\n") if line.strip()]
        for i, line in enumerate(rows[:-2]):
            if not rejoins(line, rows[i + 1], words) and rejoins(line, rows[i + 2], words):
                ends = (line.strip()[-50:], rows[i + 1].strip()[:50], rows[i + 2].strip()[:50])
                out.append(f"  page {number}: ..." + " | ".join(ends) + "...")
    return out[:show]


def _style(path: Path) -> str:
    """The style claimcheck reads the file in, and whether it is coherent by ``score.py``'s rules."""
    import claimcheck

    report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    codes = {f.code for f in report.findings}
    cited = {n for c in report.claims for n in c.citations}
    refs = len(report.references)
    if report.article.style == "numeric":
        ok = refs > 0 and cited == set(range(1, refs + 1)) and "citation-not-in-list" not in codes
    else:
        bad = {"citation-not-in-list", "ambiguous-citation", "reference-never-cited"}
        ok = refs > 0 and bool(cited) and not codes & bad
    return f"{report.article.style} {'coherent' if ok else 'not coherent'}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", action="append", choices=["dev", "held-a", "held-b"])
    ap.add_argument("--show", type=int, default=0, help="examples to print per flagged file")
    ap.add_argument("--style", action="store_true", help="audit flagged files: style and coherence")
    ap.add_argument("--shared")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        raise SystemExit("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED")
    for name, files in halves(shared / "corpus" / "pdftext").items():
        if name == "held" or (args.half and name not in args.half):
            continue
        blind = name == "held-b"
        pages = flagged_pages = 0
        flagged: list[Path] = []
        styles: Counter[str] = Counter()
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            pages += text.count("\f") + 1
            found = interleaved_pages(text)
            if not found:
                continue
            flagged_pages += len(found)
            flagged.append(path)
            if args.style:
                styles[style := _style(path)] += 1
            if not blind:
                print(f"{name:6} {path.name[:60]:60} pages {found}" + (f"  {style}" if args.style else ""))
                for line in _examples(text, found, args.show):
                    print(line)
        print(
            f"{name:6} files={len(files)} interleaved_files={len(flagged)} "
            f"pages={pages} interleaved_pages={flagged_pages}"
            + "".join(f"  {k}={v}" for k, v in sorted(styles.items()))
        )


if __name__ == "__main__":
    main()
