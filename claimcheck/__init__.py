"""claimcheck: audit a health article's claims, citation markers and references.

One door in::

    import claimcheck
    report = claimcheck.audit("refs/ketamine-at-home.txt")
    report            # <Report 9 findings: 0 error, 3 warning, 6 info>
    report.findings   # each with code, severity, message, claim and reference

Every stage also stands alone: :func:`parse_article`, :func:`find_markers`,
:func:`extract_claims`, :func:`parse_reference`, :func:`check_doi`,
:class:`CrossrefResolver`, :func:`build_graph`, :data:`DEFAULT_CHECKS`.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

from claimcheck.settings import VERSION as __version__

# The names below load on first use (see __getattr__), so `import claimcheck` is quick.
if _typing.TYPE_CHECKING:
    from claimcheck.api import audit, parse
    from claimcheck.checks import CODES, DEFAULT_CHECKS, AuditContext
    from claimcheck.corpus import CorpusReport, audit_many
    from claimcheck.errors import (
        ClaimcheckError,
        ConfigurationError,
        InputError,
        StoreError,
        UnsupportedFormat,
    )
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
    from claimcheck.read.article import parse_article
    from claimcheck.read.claims import extract_claims
    from claimcheck.read.markers import find_markers
    from claimcheck.read.references.doi import check_doi, normalise_doi
    from claimcheck.read.references.files import read_reference_file
    from claimcheck.read.references.parse import parse_reference, parse_reference_list
    from claimcheck.registry.crossref import CrossrefResolver
    from claimcheck.registry.resolve import MemoryResolver, OfflineResolver, Resolver, resolve_references
    from claimcheck.registry.store import RecordStore
    from claimcheck.report.core import Report
    from claimcheck.support.score import LexicalScorer, Scorer, SupportAssessment, score_support
    from claimcheck.verify.compare import Discrepancy, compare_reference

#: Where each public name lives; it is imported the first time it is asked for.
_LAZY = {
    "Article": "claimcheck.model",
    "AuditContext": "claimcheck.checks",
    "Block": "claimcheck.model",
    "BlockKind": "claimcheck.model",
    "CODES": "claimcheck.checks",
    "CorpusReport": "claimcheck.corpus",
    "Claim": "claimcheck.model",
    "ClaimcheckError": "claimcheck.errors",
    "ConfigurationError": "claimcheck.errors",
    "CrossrefResolver": "claimcheck.registry.crossref",
    "DEFAULT_CHECKS": "claimcheck.checks",
    "Discrepancy": "claimcheck.verify.compare",
    "Finding": "claimcheck.model",
    "InputError": "claimcheck.errors",
    "LexicalScorer": "claimcheck.support.score",
    "Marker": "claimcheck.model",
    "MemoryResolver": "claimcheck.registry.resolve",
    "OfflineResolver": "claimcheck.registry.resolve",
    "RecordStore": "claimcheck.registry.store",
    "Reference": "claimcheck.model",
    "Report": "claimcheck.report.core",
    "Resolution": "claimcheck.model",
    "Resolver": "claimcheck.registry.resolve",
    "Scorer": "claimcheck.support.score",
    "Severity": "claimcheck.model",
    "Status": "claimcheck.model",
    "StoreError": "claimcheck.errors",
    "SupportAssessment": "claimcheck.support.score",
    "UnsupportedFormat": "claimcheck.errors",
    "Work": "claimcheck.model",
    "audit": "claimcheck.api",
    "audit_many": "claimcheck.corpus",
    "build_graph": "claimcheck.graph",
    "check_doi": "claimcheck.read.references.doi",
    "compare_reference": "claimcheck.verify.compare",
    "extract_claims": "claimcheck.read.claims",
    "find_markers": "claimcheck.read.markers",
    "normalise_doi": "claimcheck.read.references.doi",
    "parse": "claimcheck.api",
    "parse_article": "claimcheck.read.article",
    "parse_reference": "claimcheck.read.references.parse",
    "parse_reference_list": "claimcheck.read.references.parse",
    "read_reference_file": "claimcheck.read.references.files",
    "resolve_references": "claimcheck.registry.resolve",
    "score_support": "claimcheck.support.score",
}


def __getattr__(name: str) -> _typing.Any:
    """Import a public name's module on first use (PEP 562) and keep the value here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CODES",
    "DEFAULT_CHECKS",
    "Article",
    "AuditContext",
    "Block",
    "BlockKind",
    "Claim",
    "ClaimcheckError",
    "ConfigurationError",
    "CorpusReport",
    "CrossrefResolver",
    "Discrepancy",
    "Finding",
    "InputError",
    "LexicalScorer",
    "Marker",
    "MemoryResolver",
    "OfflineResolver",
    "RecordStore",
    "Reference",
    "Report",
    "Resolution",
    "Resolver",
    "Scorer",
    "Severity",
    "Status",
    "StoreError",
    "SupportAssessment",
    "UnsupportedFormat",
    "Work",
    "__version__",
    "audit",
    "audit_many",
    "build_graph",
    "check_doi",
    "compare_reference",
    "extract_claims",
    "find_markers",
    "normalise_doi",
    "parse",
    "parse_article",
    "parse_reference",
    "parse_reference_list",
    "read_reference_file",
    "resolve_references",
    "score_support",
]
