"""Checks of each reference against its registered record: fields, retractions, DOI suggestions.

Every check reads the :class:`~claimcheck.checks.base.AuditContext` and yields
:class:`~claimcheck.model.Finding` values. Only a definite answer (a
``resolved`` reference with its registered work) can produce a "wrong" finding;
``unchecked`` references produce nothing here.

- :func:`check_metadata`: ``metadata-mismatch``, one finding per field that
  differs (:func:`claimcheck.verify.compare.compare_reference`), severity ``error``
  when the DOI probably names a different paper, ``warning`` for a detail;
- :func:`check_updates`: ``retracted-source``, ``partially-retracted-source``,
  ``expression-of-concern``, ``corrected-source`` (:func:`claimcheck.verify.updates.work_updates`),
  each naming the notice's DOI and date; a notice cited on purpose is none of these;
- :func:`check_doi_suggestions`: ``doi-suggested`` and ``doi-probably-wrong``
  from the audit's :mod:`claimcheck.verify.suggest` stage; ``pmid-not-found`` for a
  PMID PubMed has no record of.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from claimcheck.checks.base import AuditContext, Check, CodeInfo, register_codes
from claimcheck.model import Finding, Reference, Resolution, Severity, Status, Work
from claimcheck.verify.compare import compare_reference, is_different_work
from claimcheck.verify.suggest import suggestions_for
from claimcheck.verify.updates import Notice, work_updates

__all__ = [
    "RECORD_CHECKS",
    "RECORD_CODES",
    "check_doi_suggestions",
    "check_metadata",
    "check_updates",
]

RECORD_CODES: dict[str, CodeInfo] = {
    "metadata-mismatch": CodeInfo(
        Severity.WARNING,
        "A reference's title, authors, year, journal, volume, issue or pages differ from its registered "
        "record (error when the DOI probably names a different paper, warning for a detail).",
    ),
    "retracted-source": CodeInfo(
        Severity.ERROR, "The cited work has been retracted (the notice's DOI and date are given)."
    ),
    "partially-retracted-source": CodeInfo(
        Severity.WARNING, "Part of the cited work has been retracted; check the cited part still stands."
    ),
    "expression-of-concern": CodeInfo(
        Severity.WARNING, "The publisher has issued an expression of concern about the cited work."
    ),
    "corrected-source": CodeInfo(
        Severity.INFO, "The cited work has a correction (erratum); check the cited finding is unaffected."
    ),
    "doi-suggested": CodeInfo(
        Severity.INFO,
        "A registered DOI matches a reference that has none (or a broken one); the evidence is given.",
    ),
    "doi-probably-wrong": CodeInfo(
        Severity.ERROR,
        "The reference's DOI names a different paper, and a search found the DOI of the one it describes.",
    ),
    "pmid-not-found": CodeInfo(Severity.WARNING, "PubMed has no record with the reference's PMID."),
}
register_codes(RECORD_CODES)

_FIELD_NAMES = {
    "title": "title",
    "first_author": "first author",
    "authors": "author list",
    "year": "year",
    "container": "journal",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
}
_AGENCY = {"crossref": "Crossref", "datacite": "DataCite", "pubmed": "PubMed"}


def _where(ref: Reference) -> dict[str, Any]:
    return {"reference_number": ref.number, "start": ref.start, "end": ref.end}


def _resolved(ctx: AuditContext) -> Iterator[tuple[Reference, Resolution, Work]]:
    for ref in ctx.references:
        res = ctx.resolutions.get(ref.number) if ref.number is not None else None
        if res is not None and res.status is Status.RESOLVED and res.work is not None:
            yield ref, res, res.work


def _label(work: Work) -> str:
    agency = _AGENCY.get(work.agency, work.agency)
    if work.agency == "pubmed":
        return f"PubMed record PMID {work.raw.get('PMID', '?')}"
    return f"{agency} record {work.doi}"


def check_metadata(ctx: AuditContext) -> Iterator[Finding]:
    """``metadata-mismatch``: one finding per field where the entry and its record disagree."""
    for ref, _res, work in _resolved(ctx):
        found = compare_reference(ref, work)
        different = is_different_work(found)
        for d in found:
            what = _FIELD_NAMES.get(d.field, d.field)
            lead = "probably a different paper: " if different and d.severity is Severity.ERROR else ""
            yield Finding(
                code="metadata-mismatch",
                severity=d.severity,
                message=f"Reference {ref.number}: {lead}the {what} does not match the {_label(work)}: "
                f"the article says '{d.article}', the record says '{d.record}'{_because(d)}.",
                detail={
                    "doi": work.doi or None,
                    "agency": work.agency,
                    "different_paper": different,
                    **d.as_dict(),
                },
                **_where(ref),
            )


def _because(d: Any) -> str:
    """The explanation, unless it only restates the two values (``year 2013; the record gives 2015``)."""
    restates = any(str(v) and str(v) in d.explanation for v in (d.article, d.record))
    return "" if restates or not d.explanation else f" ({d.explanation})"


_UPDATE_CODES = {
    "retracted": "retracted-source",
    "partially-retracted": "partially-retracted-source",
    "concern": "expression-of-concern",
    "corrected": "corrected-source",
}
_UPDATE_WORDS = {
    "retracted": "was retracted",
    "partially-retracted": "was partly retracted",
    "concern": "is the subject of an expression of concern",
    "corrected": "was corrected",
}


def check_updates(ctx: AuditContext) -> Iterator[Finding]:
    """``retracted-source``, ``partially-retracted-source``, ``expression-of-concern``, ``corrected-source``.

    One finding per status (the notices listed in ``detail``), most serious first.
    """
    for ref, _res, work in _resolved(ctx):
        updates = work_updates(work)
        if updates.is_notice:
            continue  # a notice cited on purpose: the work it updates is what was retracted
        for status, code in _UPDATE_CODES.items():
            notices = updates.of_status(status)
            if not notices:
                continue
            yield Finding(
                code=code,
                severity=RECORD_CODES[code].severity,
                message=f"Reference {ref.number}: the cited work ({_label(work)}) {_UPDATE_WORDS[status]}: "
                f"{'; '.join(_notice_text(n) for n in notices)}.",
                detail={"doi": work.doi or None, "notices": [n.as_dict() for n in notices]},
                **_where(ref),
            )


def _notice_text(n: Notice) -> str:
    what = n.label if n.doi is None and n.label else f"notice {n.doi}" if n.doi else "notice"
    when = f" of {n.date}" if n.date else ""
    who = f" (source: {', '.join(n.sources)})" if n.sources else ""
    return f"{what}{when}{who}"


def check_doi_suggestions(ctx: AuditContext) -> Iterator[Finding]:
    """``doi-suggested``, ``doi-probably-wrong`` and ``pmid-not-found``."""
    suggestions = suggestions_for(ctx)
    for ref in ctx.references:
        if ref.number is None:
            continue
        res = ctx.resolutions.get(ref.number)
        if res is not None and res.status is Status.NOT_FOUND and res.agency == "pubmed" and ref.pmid:
            yield Finding(
                code="pmid-not-found",
                severity=RECORD_CODES["pmid-not-found"].severity,
                message=f"Reference {ref.number}: PubMed has no record PMID {ref.pmid}.",
                detail={"pmid": ref.pmid},
                **_where(ref),
            )
        s = suggestions.get(ref.number)
        if s is not None:
            yield _suggestion_finding(ref, s)


def _suggestion_finding(ref: Reference, s: Any) -> Finding:
    title = s.work.title or "untitled"
    why = s.evidence.reason if s.evidence is not None else "PubMed lists it"
    detail: Mapping[str, Any] = {
        "doi": s.doi,
        "reason": s.reason,
        "replaces": s.replaces,
        "title": s.work.title,
        "score": s.score,
        "evidence": s.evidence.as_dict() if s.evidence is not None else None,
    }
    if s.reason == "different-paper":
        return Finding(
            code="doi-probably-wrong",
            severity=RECORD_CODES["doi-probably-wrong"].severity,
            message=f"Reference {ref.number}: DOI {s.replaces} names a different paper; the entry matches "
            f"{s.doi} ('{title}'; {why}).",
            detail=detail,
            **_where(ref),
        )
    lead = {
        "no-doi": "has no DOI",
        "invalid-doi": f"prints an invalid DOI ({s.replaces})",
        "doi-not-found": f"prints a DOI that is not registered ({s.replaces})",
        "pubmed": f"has no DOI; its PubMed record (PMID {ref.pmid}) gives one",
    }.get(s.reason, "has no usable DOI")
    return Finding(
        code="doi-suggested",
        severity=RECORD_CODES["doi-suggested"].severity,
        message=f"Reference {ref.number} {lead}: {s.doi} matches it ('{title}'; {why}).",
        detail=detail,
        **_where(ref),
    )


#: The record checks, in the order ``audit()`` should run them.
RECORD_CHECKS: tuple[Check, ...] = (check_metadata, check_updates, check_doi_suggestions)
