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

from claimcheck.api import audit, parse
from claimcheck.checks import CODES, DEFAULT_CHECKS, AuditContext
from claimcheck.corpus import CorpusReport, audit_many
from claimcheck.errors import ClaimcheckError, ConfigurationError, InputError, StoreError, UnsupportedFormat
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
from claimcheck.settings import VERSION as __version__
from claimcheck.support.score import LexicalScorer, Scorer, SupportAssessment, score_support
from claimcheck.verify.compare import Discrepancy, compare_reference

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
