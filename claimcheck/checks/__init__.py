"""The checks: small functions that each yield findings.

A check takes the :class:`AuditContext` (everything the earlier stages made)
and yields :class:`~claimcheck.model.Finding` values. ``DEFAULT_CHECKS`` is a
plain tuple; pass your own to ``audit(checks=...)`` to drop or add one::

    import claimcheck
    from claimcheck.checks import DEFAULT_CHECKS, check_uncited_claims
    quiet = tuple(c for c in DEFAULT_CHECKS if c is not check_uncited_claims)
    report = claimcheck.audit("refs/ketamine-at-home.txt", checks=quiet, offline=True)

Every code a check can emit is listed in :data:`CODES` with its severity and
meaning; README's table of finding codes is kept in step with it by a test.

One module per family, each with its ``*_CODES`` and ``*_CHECKS``:

- ``citations``: numbering, identifiers, uncited claims, resolution status;
- ``input``: habits of scraped pages (bare links, lists printed twice);
- ``authoryear``: author-year citations (missing, unused, ambiguous entries);
- ``records``: the reference against its registered record, retractions, DOI suggestions;
- ``support``: whether each cited source backs its claim;
- ``fields``: reference-manager fields (Word) against the bibliography as printed.

Checks are the meeting point of the stages: they may import every stage below them (model,
read, registry, verify, support, graph); only the report and the API sit above them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from claimcheck.checks.authoryear import AUTHORYEAR_CHECKS, AUTHORYEAR_CODES
from claimcheck.checks.base import AuditContext, Check, CodeInfo, finding
from claimcheck.checks.citations import (
    CITATION_CHECKS,
    CITATION_CODES,
    check_citation_order,
    check_citations_in_list,
    check_duplicate_references,
    check_identifiers,
    check_never_cited,
    check_reference_list_present,
    check_reference_numbering,
    check_resolution,
    check_uncited_claims,
    check_unparsed_references,
)
from claimcheck.checks.fields import FIELD_CHECKS, FIELD_CODES
from claimcheck.checks.input import INPUT_CHECKS, INPUT_CODES
from claimcheck.checks.records import RECORD_CHECKS, RECORD_CODES
from claimcheck.checks.support import SUPPORT_CHECKS, SUPPORT_CODES
from claimcheck.model import Finding

#: Every finding code: its default severity and meaning (README's table is kept in step by a test).
CODES: Mapping[str, CodeInfo] = {
    **CITATION_CODES,
    **INPUT_CODES,
    **AUTHORYEAR_CODES,
    **RECORD_CODES,
    **SUPPORT_CODES,
    **FIELD_CODES,
}

#: The checks ``audit()`` runs, in order; replace or extend the tuple to change them.
DEFAULT_CHECKS: tuple[Check, ...] = (
    CITATION_CHECKS + INPUT_CHECKS + AUTHORYEAR_CHECKS + RECORD_CHECKS + SUPPORT_CHECKS + FIELD_CHECKS
)


def run_checks(ctx: AuditContext, checks: Iterable[Check] | None = None) -> list[Finding]:
    """Run every check (``DEFAULT_CHECKS`` when ``checks`` is None) and collect the findings, unsorted."""
    out: list[Finding] = []
    for check in DEFAULT_CHECKS if checks is None else checks:
        out.extend(check(ctx))
    return out


__all__ = [
    "AUTHORYEAR_CHECKS",
    "AUTHORYEAR_CODES",
    "CITATION_CHECKS",
    "CITATION_CODES",
    "CODES",
    "DEFAULT_CHECKS",
    "FIELD_CHECKS",
    "FIELD_CODES",
    "INPUT_CHECKS",
    "INPUT_CODES",
    "RECORD_CHECKS",
    "RECORD_CODES",
    "SUPPORT_CHECKS",
    "SUPPORT_CODES",
    "AuditContext",
    "Check",
    "CodeInfo",
    "check_citation_order",
    "check_citations_in_list",
    "check_duplicate_references",
    "check_identifiers",
    "check_never_cited",
    "check_reference_list_present",
    "check_reference_numbering",
    "check_resolution",
    "check_uncited_claims",
    "check_unparsed_references",
    "finding",
    "run_checks",
]
