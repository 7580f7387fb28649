"""PDF-text coherence on two fixed halves of ``../shared/corpus/pdftext``: development and held apart.

Run: ``python benchmarks/pdftext_halves.py [--limit N] [--shared DIR]``

The 200 conversions sorted by file name are split by position: even positions (0, 2, 4, ...)
are the development half the reference-list reader was tuned on; odd positions are held
apart and only measured. The held half is split again by the SHA-1 of each file name (even
last byte: ``held-a``, odd: ``held-b``): held-a may be read for causes, held-b only measured.
Session 8 unsealed half of held-b, split by the SHA-1's second-to-last byte: ``held-b1``
(even) may now be read for causes; ``held-b2`` (odd) is the part still only measured.
Each half is linked into a temporary folder and scored by the
corpus's own ``score.py`` (crashes, numeric and author-year coherence, seconds per article),
so the two rows can be set beside each other. ``--limit N`` scores the first N of each half.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from pathlib import Path

from corpus_eval import run_score, shared_dir


def _even(path: Path, byte: int = -1) -> bool:
    return hashlib.sha1(path.name.encode()).digest()[byte] % 2 == 0


def halves(folder: Path) -> dict[str, list[Path]]:
    """The corpus files sorted by name: even positions ("dev") and odd ones ("held").

    ``held`` is split again by the SHA-1 of the file name: ``held-a`` (even last byte) may be
    read for causes; ``held-b`` (odd) was only ever measured until session 8, which split it
    by the SHA-1's second-to-last byte: ``held-b1`` (even) is read for causes, ``held-b2`` is
    only measured.
    """
    files = sorted(p for p in folder.glob("*.md") if p.name != "SOURCES.md")
    held = files[1::2]
    return {
        "dev": files[0::2],
        "held": held,
        "held-a": [p for p in held if _even(p)],
        "held-b": [p for p in held if not _even(p)],
        "held-b1": [p for p in held if not _even(p) and _even(p, -2)],
        "held-b2": [p for p in held if not _even(p) and not _even(p, -2)],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--shared")
    ap.add_argument(
        "--half", action="append", help="only these halves (dev, held, held-a, held-b, held-b1 or held-b2)"
    )
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        raise SystemExit("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED")
    for name, files in halves(shared / "corpus" / "pdftext").items():
        if args.half and name not in args.half:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus" / name
            corpus.mkdir(parents=True)
            for path in files[: args.limit]:
                os.symlink(path, corpus / path.name)
            (Path(tmp) / "corpus" / "score.py").symlink_to(shared / "corpus" / "score.py")
            figures = run_score(Path(tmp), name)
        row = figures.get("pdftext", figures)
        print(f"{name:6} " + "  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
