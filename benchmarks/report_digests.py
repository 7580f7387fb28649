"""Digests of every corpus report: proof that a speed change left every answer alone.

Run from the project root::

    python benchmarks/report_digests.py --out before.tsv     # on the tree before a change
    python benchmarks/report_digests.py --compare before.tsv # on the tree after it

Audits, as ``score.py`` does (``claimcheck.audit(path, offline=True, store=False,
progress=False)``), every PLOS article of ``<shared>/corpus/plos`` in its three renders
(``web.txt``, ``superscript.txt``, ``page.html``) and its masked web text (score.py's
``mask_markers`` of the truth markers), and every pdftext file, and prints one line per
file: the SHA-1 of the report's JSON (``Report.to_json()``) with the audited file's
path (which differs per run for the masked texts) replaced by ``<path>``. ``--compare``
prints each file whose digest differs and exits 1 when any does. ``--limit N`` takes the
first N articles of each corpus (a quick check; the full run is about 520 audits, 3-5
minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import claimcheck

ROOT = Path(__file__).resolve().parent.parent
RENDERS = ("web.txt", "superscript.txt", "page.html")


def _shared() -> Path:
    env = os.environ.get("CLAIMCHECK_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "corpus" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(path: Path) -> str:
    """SHA-1 of the audit's JSON with the file's path replaced, or the exception's type."""
    try:
        report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    except Exception as exc:  # a crash is an answer too: it must not change either
        return f"crash:{type(exc).__name__}"
    text = report.to_json(indent=None).replace(json.dumps(str(path))[1:-1], "<path>")
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def digests(shared: Path, limit: int | None) -> dict[str, str]:
    score = _score_module(shared)
    out: dict[str, str] = {}
    plos = sorted(p for p in (shared / "corpus" / "plos").iterdir() if p.is_dir())[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        for article in plos:
            for render in RENDERS:
                out[f"plos/{article.name}/{render}"] = digest(article / render)
            truth = json.loads((article / "truth.json").read_text(encoding="utf-8"))
            text = (article / "web.txt").read_text(encoding="utf-8")
            masked, _ = score.mask_markers(text, truth["renders"]["web"]["markers"])
            masked_path = Path(tmp) / f"{article.name}.txt"
            masked_path.write_text(masked, encoding="utf-8", newline="\n")
            out[f"plos/{article.name}/masked"] = digest(masked_path)
        for path in sorted((shared / "corpus" / "pdftext").glob("*.md"))[:limit]:
            out[f"pdftext/{path.name}"] = digest(path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the digests to this TSV file")
    ap.add_argument("--compare", type=Path, help="compare with a TSV written by --out")
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each corpus")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    found = digests(_shared(), args.limit)
    print(f"claimcheck {claimcheck.__file__}: {len(found)} reports in {time.perf_counter() - started:.0f} s")
    if args.out:
        args.out.write_text("".join(f"{k}\t{v}\n" for k, v in found.items()), encoding="utf-8")
        print(f"written to {args.out}")
    if args.compare:
        before = dict(line.split("\t") for line in args.compare.read_text(encoding="utf-8").splitlines())
        changed = [k for k in found if k in before and before[k] != found[k]]
        missing = [k for k in before if k not in found]
        for k in changed:
            print(f"differs: {k}")
        print(f"{len(changed)} of {len(found)} reports differ; {len(missing)} of the old list not run")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
