"""Checks for author-year articles: citations with no entry, and citations that name two entries.

In an author-year article (``Article.style == "author-year"``) each citation
is linked to entries by surname and year (:mod:`claimcheck.read.authoryear`), so
``reference-never-cited`` works as for numbers. What numbers cannot say is
said here, in the article's own terms:

* ``citation-not-in-list`` — ``(Lee, 2021)`` names no entry (the list has no
  Lee from 2021); the message names what the list has instead (Lee 2020, or
  other 2021 entries), if anything;
* ``ambiguous-citation`` — ``(Smith, 2020)`` names two entries; the list
  needs ``2020a`` and ``2020b`` (and the text must say which);
* ``citation-spelling-differs`` and ``citation-year-differs`` — ``(Olivier,
  2021)`` for the list's Ollivier 2021, ``(Haliwa, 2020)`` for its Haliwa 2021,
  which nothing else cites (:mod:`~claimcheck.read.authoryear_near`): linked,
  with a warning that names both forms.

Numeric checks that make no sense here (``citation-out-of-order``; the
numeric wording of ``citation-not-in-list``) should skip author-year articles.

Examples
--------
>>> import claimcheck
>>> from claimcheck.registry.resolve import OfflineResolver
>>> text = ("It helps (Smith, 2020). It harms (Lee, 2021).\\n\\nReferences\\n\\n"
...         "Smith, J. (2020). A trial of ketamine. BMJ, 1, 2-3.\\n\\n"
...         "Smith, K. (2020). Another trial of ketamine. BMJ, 2, 4-5.\\n")
>>> report = claimcheck.audit(text, resolver=OfflineResolver(), checks=AUTHORYEAR_CHECKS)
>>> sorted(f.code for f in report.findings)
['ambiguous-citation', 'citation-not-in-list']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from claimcheck.checks.base import AuditContext, Check, CodeInfo, register_codes
from claimcheck.checks.citations import CITATION_CODES
from claimcheck.model import Claim, Finding, Marker, Reference, Severity
from claimcheck.read.authoryear import Linker, Match, parse_label

__all__ = ["AUTHORYEAR_CHECKS", "AUTHORYEAR_CODES", "check_author_year_citations"]

AUTHORYEAR_CODES: Mapping[str, CodeInfo] = {
    "ambiguous-citation": CodeInfo(
        Severity.ERROR,
        "An author-year citation matches two entries (two Smith 2020 entries need 2020a and 2020b).",
    ),
    "citation-spelling-differs": CodeInfo(
        Severity.WARNING,
        "An author-year citation spells the first author otherwise than its one near entry "
        "(Olivier 2021 cited, Ollivier 2021 listed).",
    ),
    "citation-year-differs": CodeInfo(
        Severity.WARNING,
        "An author-year citation gives another year than the one uncited entry of that author "
        "(Haliwa 2020 cited, Haliwa 2021 listed).",
    ),
}
register_codes(AUTHORYEAR_CODES)


def _finding(code: str, message: str, **where: Any) -> Finding:
    info = AUTHORYEAR_CODES.get(code) or CITATION_CODES[code]
    return Finding(code=code, severity=info.severity, message=message, **where)


def check_author_year_citations(ctx: AuditContext) -> Iterator[Finding]:
    """``citation-not-in-list``, ``ambiguous-citation`` and the near matches' warnings (author-year)."""
    if ctx.article.style != "author-year":
        return
    linker = Linker(ctx.article, ctx.references)
    refs = {r.number: r for r in ctx.references if r.number is not None}
    for claim in ctx.claims:
        seen: set[str] = set()
        for marker in claim.markers:
            if marker.style != "author-year" or not marker.label:
                continue
            for label in marker.label.split("; "):
                if label in seen:
                    continue
                seen.add(label)
                match = linker.match(label)
                if match.status == "missing":
                    yield _missing(claim, marker, match, refs)
                elif match.status == "ambiguous":
                    yield _ambiguous(claim, marker, match, refs)
                elif match.status in ("respelled", "redated"):
                    yield _near(claim, marker, match, refs)


def _where(claim: Claim, marker: Marker) -> dict[str, Any]:
    return {"claim_id": claim.id, "start": marker.start, "end": marker.end}


def _missing(claim: Claim, marker: Marker, match: Match, refs: Mapping[int, Reference]) -> Finding:
    [(authors, _, year)] = parse_label(match.label)[:1]
    unlisted = next((n for n in marker.numbers if n not in refs), None)
    near = [_describe(refs[n]) for n in match.near if n in refs][:3]
    hint = f" The list has {', '.join(near)}." if near else ""
    return _finding(
        "citation-not-in-list",
        f"Claim {claim.id} cites ({match.label}), but the reference list has no entry by "
        f"{authors[0]} from {year}.{hint}",
        reference_number=unlisted,
        detail={"cited": match.label, "near": list(match.near)},
        **_where(claim, marker),
    )


def _ambiguous(claim: Claim, marker: Marker, match: Match, refs: Mapping[int, Reference]) -> Finding:
    entries = [refs[n] for n in match.numbers if n in refs]
    described = " and ".join(f"{n} ({_describe(r)})" for n, r in zip(match.numbers, entries, strict=False))
    [(_, _, year)] = parse_label(match.label)[:1]
    base = year[:4]
    lettered = all(_suffix(r) for r in entries)
    fix = (
        f"cite {' or '.join(base + _suffix(r) for r in entries)} so readers know which"
        if lettered
        else f"label them {base}a and {base}b in the list and in the text"
    )
    return _finding(
        "ambiguous-citation",
        f"Claim {claim.id} cites ({match.label}), which matches references {described}; {fix}.",
        detail={"cited": match.label, "candidates": list(match.numbers)},
        **_where(claim, marker),
    )


def _near(claim: Claim, marker: Marker, match: Match, refs: Mapping[int, Reference]) -> Finding:
    [(authors, _, year)] = parse_label(match.label)[:1]
    [number] = match.numbers
    listed = _describe(refs[number]) if number in refs else f"reference {number}"
    if match.status == "respelled":
        code = "citation-spelling-differs"
        why = f"no entry is by {authors[0]}, but reference {number} ({listed}) is spelled almost alike"
    else:
        code = "citation-year-differs"
        why = (
            f"no entry by {authors[0]} is from {year}, but reference {number} ({listed}) is cited "
            "nowhere else"
        )
    return _finding(
        code,
        f"Claim {claim.id} cites ({match.label}): {why}. It is linked to reference {number}; "
        "correct the citation or the entry so they agree.",
        reference_number=number,
        detail={"cited": match.label, "listed": listed},
        **_where(claim, marker),
    )


def _suffix(ref: Reference) -> str:
    found = re.search(rf"\b{ref.year}([a-z])\b", ref.raw) if ref.year else None
    return found.group(1) if found else ""


def _describe(ref: Reference) -> str:
    name = ref.first_author_family or "an entry"
    year = f"{ref.year}{_suffix(ref)}" if ref.year else "n.d."
    return f"{name} {year}"


AUTHORYEAR_CHECKS: tuple[Check, ...] = (check_author_year_citations,)
