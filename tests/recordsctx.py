"""Test helper: an audit context built stage by stage for the record checks (no audit() needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakecrossref import MEDLINE_DIRS, load_records

from claimcheck.checks.base import AuditContext
from claimcheck.checks.records import RECORD_CHECKS
from claimcheck.graph import build_graph
from claimcheck.model import Finding
from claimcheck.read.article import parse_article
from claimcheck.read.claims import extract_claims
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.registry.pubmed import parse_medline
from claimcheck.registry.resolve import MemoryResolver, PmidResolver, Resolver, resolve_references
from claimcheck.verify.suggest import attach_suggestions, suggest_dois

CORPUS = Path(__file__).parent / "corpus_records"


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def memory_resolver(*, missing: str = "not_found") -> MemoryResolver:
    """Every recorded Crossref record in memory (the fake server's records)."""
    return MemoryResolver(load_records().messages.values(), missing=missing)


def medline_records() -> list[Any]:
    """Every recorded MEDLINE record of the fixtures."""
    out = []
    for folder in MEDLINE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            out += parse_medline(path.read_text(encoding="utf-8"))
    return out


def build_context(
    text: str,
    resolver: Resolver,
    *,
    searcher: Any = None,
    datacite: Resolver | None = None,
    pubmed: PmidResolver | None = None,
) -> AuditContext:
    """Article, claims, references, resolutions, graph and DOI suggestions, as audit() would make them."""
    article = parse_article(text)
    claims = extract_claims(article)
    assert article.references_span is not None
    refs = parse_reference_list(article.references_text, offset=article.references_span[0])
    resolutions = resolve_references(refs, resolver, datacite=datacite, pubmed=pubmed)
    graph = build_graph(claims, refs, resolutions)
    ctx = AuditContext(article, claims, refs, resolutions, graph)
    attach_suggestions(ctx, suggest_dois(refs, resolutions, resolver if searcher is None else searcher))
    return ctx


def run(ctx: AuditContext) -> list[Finding]:
    return [f for check in RECORD_CHECKS for f in check(ctx)]


def codes(findings: list[Finding]) -> list[tuple[str, int | None, str]]:
    """(code, reference number, severity or field), sorted: what a test compares."""
    out = []
    for f in findings:
        extra = f.detail.get("field") if f.code == "metadata-mismatch" else f.severity.value
        out.append((f.code, f.reference_number, str(extra)))
    return sorted(out)
