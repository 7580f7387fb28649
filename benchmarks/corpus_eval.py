"""Reading-stage figures on the shared test corpora: ``score.py`` over the PLOS renders and PDF text.

Run: ``python benchmarks/corpus_eval.py [--limit N] [--shared DIR]``

Runs ``../shared/corpus/score.py`` (the corpus's own scorer; its docstring explains every
figure) with this checkout first on ``PYTHONPATH``: once over ``plos/`` with every render
(``web``, ``masked``, ``superscript``, ``html``), once over ``pdftext/``, and prints one row of
figures per render. The shared folder is ``../shared`` next to the repository root, or
``$CLAIMCHECK_SHARED``, or ``--shared``. A full run takes a few minutes; ``--limit N`` scores
the first N articles of each corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def shared_dir(given: str | None = None) -> Path | None:
    """The shared data folder: ``given``, ``$CLAIMCHECK_SHARED``, or ``../shared``; ``None`` if absent."""
    for candidate in (given, os.environ.get("CLAIMCHECK_SHARED"), str(ROOT.parent / "shared")):
        if candidate and (Path(candidate) / "corpus" / "score.py").is_file():
            return Path(candidate)
    return None


def run_score(shared: Path, corpus: str, limit: int | None = None) -> dict[str, Any]:
    """``score.py --json`` on ``shared/corpus/<corpus>``: its figures, one dict per render."""
    args = [sys.executable, str(shared / "corpus" / "score.py"), "--json"]
    args += ["--corpus", str(shared / "corpus" / corpus)]
    if limit is not None:
        args += ["--limit", str(limit)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    if done.stderr.strip():
        print(done.stderr.rstrip(), file=sys.stderr)
    figures: dict[str, Any] = json.loads(done.stdout)["figures"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N articles of each corpus")
    parser.add_argument("--shared", help="the shared data folder (default ../shared)")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        print("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED", file=sys.stderr)
        return 2
    for corpus in ("plos", "pdftext"):
        for name, figures in run_score(shared, corpus, args.limit).items():
            print(f"{name:12} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
