"""Build the support scorer's background document frequencies (``data/background_df.json.gz``).

Run from the repository root (about a minute; not part of CI)::

    python benchmarks/build_background_idf.py

Documents: every body paragraph of at least 20 words of the PLOS articles outside the fixed
held-out fifth (``plos_references.held_out``; ``support_eval.py --plos`` measures on that fifth),
title and abstract of the recorded PubMed records of ``/work/shared/registries/pubmed``, and the
titles of the PLOS references (one document each). Terms are the stems
:func:`claimcheck.support.terms.analyse` counts (abbreviations and their expansions included), so
the table speaks the scorer's language. Terms in fewer than 2 documents are left out (the scorer
treats a missing term as rare).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from plos_references import PLOS, article_dirs, held_out  # noqa: E402

from claimcheck.support.score import BACKGROUND_PATH  # noqa: E402
from claimcheck.support.terms import analyse  # noqa: E402

PUBMED = Path("/work/shared/registries/pubmed")


def pubmed_docs() -> list[str]:
    docs = []
    for path in sorted(PUBMED.glob("*.txt")):
        fields: dict[str, str] = {}
        key = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^[A-Z]{2,4}\s*- ", line):
                key, value = line.split("-", 1)
                key = key.strip()
                fields[key] = fields.get(key, "") + " " + value.strip()
            elif key and line.startswith("      "):
                fields[key] += " " + line.strip()
        text = " ".join(fields.get(k, "") for k in ("TI", "AB")).strip()
        if text:
            docs.append(text)
    return docs


def plos_docs() -> list[str]:
    docs = []
    for folder in article_dirs(PLOS):
        if held_out(folder.name):
            continue
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        web = (folder / "web.txt").read_text(encoding="utf-8")
        body = web[: truth["renders"]["web"]["references_start"]]
        docs += [p for p in re.split(r"\n\s*\n", body) if len(p.split()) >= 20]
        docs += [r["fields"]["title"] for r in truth["references"] if r.get("fields", {}).get("title")]
    return docs


def main() -> int:
    began = time.perf_counter()
    docs = plos_docs() + pubmed_docs()
    df: Counter[str] = Counter()
    for text in docs:
        df.update(set(analyse(text).counts))
    kept = {t: n for t, n in sorted(df.items()) if n >= 2}
    BACKGROUND_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "about": "Document frequencies of claimcheck.support.terms stems; built by "
        "benchmarks/build_background_idf.py from PLOS paragraphs and reference titles (held-out "
        "fifth excluded) and recorded PubMed abstracts.",
        "n_docs": len(docs),
        "df": kept,
    }
    with gzip.open(BACKGROUND_PATH, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, separators=(",", ":"))
    print(
        f"{len(docs)} documents, {len(kept)} terms (df >= 2) -> {BACKGROUND_PATH} "
        f"({BACKGROUND_PATH.stat().st_size / 1e3:.0f} kB) in {time.perf_counter() - began:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
