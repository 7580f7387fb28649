"""PDF-text coherence on two fixed halves of ``../shared/corpus/pdftext``: development and held apart.

Run: ``python benchmarks/pdftext_halves.py [--limit N] [--shared DIR]``

The 200 conversions sorted by file name are split by position: even positions (0, 2, 4, ...)
are the development half the reference-list reader was tuned on; odd positions are held
apart and only measured. Each half is linked into a temporary folder and scored by the
corpus's own ``score.py`` (crashes, numeric and author-year coherence, seconds per article),
so the two rows can be set beside each other. ``--limit N`` scores the first N of each half.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from corpus_eval import run_score, shared_dir


def halves(folder: Path) -> dict[str, list[Path]]:
    """The corpus files sorted by name: even positions ("dev") and odd ones ("held")."""
    files = sorted(p for p in folder.glob("*.md") if p.name != "SOURCES.md")
    return {"dev": files[0::2], "held": files[1::2]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--shared")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        raise SystemExit("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED")
    for name, files in halves(shared / "corpus" / "pdftext").items():
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus" / name
            corpus.mkdir(parents=True)
            for path in files[: args.limit]:
                os.symlink(path, corpus / path.name)
            (Path(tmp) / "corpus" / "score.py").symlink_to(shared / "corpus" / "score.py")
            figures = run_score(Path(tmp), name)
        row = figures.get("pdftext", figures)
        print(f"{name:5} " + "  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
