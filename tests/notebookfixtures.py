"""Reports the notebook-view tests share: the seed, a bibliography checked against bundled records,
and an article that carries markup meant to run in a browser."""

from __future__ import annotations

import json
from pathlib import Path

import claimcheck

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "ketamine-at-home.txt"
BIBLIOGRAPHY = ROOT / "refs" / "bibliography-example.txt"
RECORDS = ROOT / "refs" / "crossref"

#: An article whose text tries to run script in whatever shows it.
INJECTED = (
    "<script>document.title='PWNED';"
    "document.body.insertAdjacentHTML('beforeend','<p id=\"pwned\">pwned</p>')</script>"
)
HOSTILE = f"""\
Ketamine cured 90% of patients {INJECTED} within a week. 1

An image <img src=x onerror="document.title='PWNED'"> reports that 2.8 million people improved. 2

References
1. Smith J. A <b>bold</b> title about ketamine. J Med. 2020;1:1-2. doi:10.1000/xyz123
2. Jones K. Improvement in 2.8 million people. Lancet. 2019;3:4-5. doi:10.1000/abc"onerror=x
"""


def bundled_records() -> list[dict[str, object]]:
    """The recorded Crossref bodies bundled in refs/crossref."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RECORDS.glob("*.json"))]


def seed_report() -> claimcheck.Report:
    return claimcheck.audit(SEED, offline=True, store=False)


def bibliography_report() -> claimcheck.Report:
    return claimcheck.audit(BIBLIOGRAPHY, resolver=claimcheck.MemoryResolver(bundled_records()))


def hostile_report() -> claimcheck.Report:
    return claimcheck.audit(HOSTILE, offline=True, store=False)


def handmade_report() -> claimcheck.Report:
    """A report built from values, not by the pipeline: its reprs stay put while the checks evolve."""
    from claimcheck.graph import build_graph
    from claimcheck.model import (
        Article,
        Block,
        BlockKind,
        Claim,
        Finding,
        Marker,
        Reference,
        Resolution,
        Severity,
        Status,
        Work,
    )

    text = "Ketamine eased depression in a week. 1\n\nMost patients relapsed.\n\n1. Smith J. Ketamine. 2020."
    article = Article(
        text,
        (
            Block(0, BlockKind.PARAGRAPH, text[:38], 0, 38),
            Block(1, BlockKind.PARAGRAPH, text[40:63], 40, 63),
            Block(2, BlockKind.REFERENCES, text[65:], 65, len(text)),
        ),
        references_span=(65, len(text)),
        source="handmade.txt",
    )
    marker = Marker("1", 37, 38, (1,), "trailing")
    claims = (
        Claim(1, text[:36], 0, 36, 0, BlockKind.PARAGRAPH, (marker,), (1,), check_worthy=True),
        Claim(2, text[40:63], 40, 63, 1, BlockKind.PARAGRAPH, check_worthy=True, reasons=("risk",)),
    )
    refs = (Reference(1, text[65:], 65, len(text), title="Ketamine", year=2020, doi="10.1000/k1"),)
    work = Work("10.1000/k1", title="Ketamine for depression: a trial")
    resolutions = {1: Resolution("10.1000/k1", Status.RESOLVED, work)}
    findings = (
        Finding("uncited-claim", Severity.WARNING, "Claim 2 cites nothing.", claim_id=2, start=40, end=63),
        Finding("reference-unchecked", Severity.INFO, "Reference 1 <b>x</b>.", reference_number=1),
    )
    return claimcheck.Report(
        article, claims, refs, findings, resolutions, build_graph(claims, refs, resolutions)
    )
