"""Citation and reference-list checks: numbering, identifiers, uncited claims, resolution status."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from claimcheck import graph as g
from claimcheck.checks.base import AuditContext, Check, CodeInfo, finding, register_codes
from claimcheck.model import Claim, Finding, Reference, Severity, Status, clip

CITATION_CODES: Mapping[str, CodeInfo] = {
    "citation-not-in-list": CodeInfo(
        Severity.ERROR, "A claim cites a reference number that has no entry in the reference list."
    ),
    "reference-never-cited": CodeInfo(
        Severity.WARNING, "An entry of the reference list is never cited in the text."
    ),
    "citation-out-of-order": CodeInfo(
        Severity.WARNING,
        "References are not numbered in the order they are first cited (Vancouver/AMA rule).",
    ),
    "duplicate-reference": CodeInfo(
        Severity.WARNING, "Two entries of the reference list describe the same work (same DOI or title)."
    ),
    "duplicate-reference-number": CodeInfo(
        Severity.ERROR, "Two entries of the reference list carry the same number."
    ),
    "reference-numbering-gap": CodeInfo(
        Severity.WARNING, "The reference list skips a number (1, 2, 4: where is 3?)."
    ),
    "uncited-claim": CodeInfo(
        Severity.WARNING,
        "A check-worthy sentence (a statistic, 'research shows', an efficacy or risk claim) cites nothing.",
    ),
    "reference-without-identifier": CodeInfo(
        Severity.WARNING,
        "A reference has no DOI, PMID, PMCID, URL or ISBN, so nobody can find or verify it.",
    ),
    "invalid-doi": CodeInfo(
        Severity.ERROR,
        "A reference's DOI is not a syntactically valid DOI (a repair is suggested if obvious).",
    ),
    "reference-unparsed": CodeInfo(
        Severity.WARNING, "A reference entry could not be parsed into author, title and year."
    ),
    "no-reference-list": CodeInfo(
        Severity.WARNING, "The article cites sources but no reference list was found."
    ),
    "doi-not-found": CodeInfo(
        Severity.ERROR,
        "The registry answered that this DOI does not exist (a definite answer, not an outage).",
    ),
    "doi-registered-elsewhere": CodeInfo(
        Severity.INFO, "The DOI exists but is registered with another agency (DataCite, mEDRA, ...)."
    ),
    "reference-unchecked": CodeInfo(
        Severity.INFO,
        "The reference's DOI could not be checked (offline, rate-limited, server error); "
        "this is neither right nor wrong.",
    ),
}
register_codes(CITATION_CODES)


def _ref_where(ref: Reference) -> dict[str, Any]:
    return {"reference_number": ref.number, "start": ref.start, "end": ref.end}


def _claim_where(claim: Claim) -> dict[str, Any]:
    return {"claim_id": claim.id, "start": claim.start, "end": claim.end}


def check_citations_in_list(ctx: AuditContext) -> Iterator[Finding]:
    """``citation-not-in-list``: one finding per claim citing a number with no entry.

    Author-year articles are left to ``claimcheck.checks.authoryear``, which
    names the missing entry in words.
    """
    if ctx.article.style == "author-year":
        return
    has_list = any(r.number is not None for r in ctx.references)
    for ref_node in g.unlisted_citations(ctx.graph):
        number = ctx.graph.nodes[ref_node]["number"]
        for claim_node in g.citing_claims(ctx.graph, ref_node):
            claim = ctx.claim(claim_node)
            why = "the reference list has no entry" if has_list else "the article has no reference list"
            marker = _marker_for(claim, number)
            where = _claim_where(claim)
            if marker is not None:
                where.update(start=marker.start, end=marker.end)
            yield finding(
                "citation-not-in-list",
                f"Claim {claim.id} cites [{number}], but {why} {number}.",
                reference_number=number,
                detail={"cited": number},
                **where,
            )


def _marker_for(claim: Claim, number: int) -> Any:
    return next((m for m in claim.markers if number in m.numbers), None)


def check_never_cited(ctx: AuditContext) -> Iterator[Finding]:
    """``reference-never-cited``: listed entries no claim cites (a graph query)."""
    for ref_node in g.uncited_references(ctx.graph):
        ref = ctx.reference(ctx.graph.nodes[ref_node]["number"])
        if ref is None:
            continue
        yield finding(
            "reference-never-cited",
            f"Reference {ref.number} is listed but never cited in the text.",
            **_ref_where(ref),
        )


def check_citation_order(ctx: AuditContext) -> Iterator[Finding]:
    """``citation-out-of-order``: a number first cited before a lower listed number.

    Walks the printed markers in reading order; a listed number met for the first
    time while a lower listed number is still uncited breaks the Vancouver rule.
    Inherited and carried citations repeat earlier numbers and are not counted.
    Numbers with no entry are left to ``citation-not-in-list``.
    """
    if ctx.article.style == "author-year":
        return  # author-year lists are alphabetical: numbering order means nothing
    listed = sorted({r.number for r in ctx.references if r.number is not None})
    if not listed:
        return
    listed_set = set(listed)
    # Only numbers cited somewhere can be "skipped": an entry never cited is
    # reference-never-cited, and must not make every later number look out of order.
    cited = {n for c in ctx.claims for m in c.markers for n in m.numbers}
    seen: set[int] = set()
    for claim in ctx.claims:
        for marker in claim.markers:
            for number in marker.numbers:
                if number not in listed_set or number in seen:
                    continue
                skipped = [n for n in listed if n < number and n not in seen and n in cited]
                seen.add(number)
                if skipped:
                    yield finding(
                        "citation-out-of-order",
                        f"Reference {number} is first cited (claim {claim.id}) before reference "
                        f"{_numbers(skipped)}; references should be numbered in order of first citation.",
                        reference_number=number,
                        claim_id=claim.id,
                        start=marker.start,
                        end=marker.end,
                        detail={"cited": number, "not_yet_cited": skipped},
                    )


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:5]) + (" ..." if len(numbers) > 5 else "")


def check_reference_numbering(ctx: AuditContext) -> Iterator[Finding]:
    """``duplicate-reference-number`` and ``reference-numbering-gap``."""
    numbered = [r for r in ctx.references if r.number is not None]
    first: dict[int, Reference] = {}
    for ref in numbered:
        assert ref.number is not None
        if ref.number in first:
            yield finding(
                "duplicate-reference-number",
                f"Two entries are numbered {ref.number}; citations of [{ref.number}] are ambiguous.",
                **_ref_where(ref),
            )
        first.setdefault(ref.number, ref)
    if not first:
        return
    expected = set(range(1, max(first) + 1))
    missing = sorted(expected - set(first))
    if missing:
        after = max(first)
        yield finding(
            "reference-numbering-gap",
            f"The reference list skips {_numbers(missing)} (it runs to {after}).",
            detail={"missing": missing},
        )


@lru_cache(maxsize=4096)  # asked twice per pair of references: n² calls for n titles
def _title_key(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def check_duplicate_references(ctx: AuditContext) -> Iterator[Finding]:
    """``duplicate-reference``: two entries with the same DOI, or near-identical title and year.

    Linear in the list: each entry's keys are computed once, and only entries
    sharing a DOI, or a year and title length and first title word (the block),
    are compared, never every pair.
    """
    refs = [r for r in ctx.references if r.number is not None]
    by_doi: dict[str, Reference] = {}
    blocks: dict[tuple[Any, ...], list[tuple[Reference, str]]] = {}
    for a in refs:
        why, earlier = None, None
        if a.doi and a.doi in by_doi:
            earlier = by_doi[a.doi]
            why = f"same DOI {a.doi}"
        title = _title_key(a.title)
        block_keys = _blocks(a, title)
        if why is None and len(title) >= 20:
            for key in block_keys:
                for b, b_title in blocks.get(key, ()):
                    if not (a.doi and b.doi) and _same_title(title, b_title):
                        earlier, why = b, "same title and year"
                        break
                if why:
                    break
        if why and earlier is not None:
            yield finding(
                "duplicate-reference",
                f"References {earlier.number} and {a.number} describe the same work ({why}).",
                detail={"duplicate_of": earlier.number},
                **_ref_where(a),
            )
        if a.doi:
            by_doi.setdefault(a.doi, a)
        if len(title) >= 20:
            for key in block_keys[:2]:
                blocks.setdefault(key, []).append((a, title))


def _blocks(ref: Reference, title: str) -> list[tuple[Any, ...]]:
    """Keys an entry is filed under (the first two) and looked up by (all six).

    Year and the title's numbers must match exactly (as :func:`_same_work`
    requires). Titles at ratio ≥ 95 differ in length by under 11 %, so their
    length bands (powers of 1.12) are equal or adjacent; so few edits seldom
    touch both the first and the last 12 characters, so one of those is shared.
    """
    base = (ref.year, tuple(re.findall(r"\d+", title)))
    band = int(math.log(max(len(title), 1)) / math.log(1.12))
    ends = (("head", title[:12]), ("tail", title[-12:]))
    own = [(*base, *end, band) for end in ends]
    near = [(*base, *end, b) for end in ends for b in (band - 1, band + 1)]
    return own + near


def _same_work(a: Reference, b: Reference) -> str | None:
    """Why two entries describe the same work (same DOI; same title and year), or ``None``."""
    if a.doi and a.doi == b.doi:
        return f"same DOI {a.doi}"
    ta, tb = _title_key(a.title), _title_key(b.title)
    if len(ta) < 20 or len(tb) < 20 or (a.doi and b.doi):
        return None
    if a.year != b.year or re.findall(r"\d+", ta) != re.findall(r"\d+", tb):
        return None  # "Part 1" and "Part 2" are different works
    return "same title and year" if _same_title(ta, tb) else None


def _same_title(ta: str, tb: str) -> bool:
    return fuzz.ratio(ta, tb) >= 95


def check_identifiers(ctx: AuditContext) -> Iterator[Finding]:
    """``reference-without-identifier`` and ``invalid-doi``."""
    for ref in ctx.references:
        if ref.doi_raw and not ref.doi:
            fix = f" Did you mean {ref.doi_suggestion}?" if ref.doi_suggestion else ""
            why = f": {ref.doi_problem}" if ref.doi_problem else ""
            yield finding(
                "invalid-doi",
                f"Reference {ref.number} has an invalid DOI '{ref.doi_raw}'{why}.{fix}",
                detail={"doi": ref.doi_raw, "problem": ref.doi_problem, "suggestion": ref.doi_suggestion},
                **_ref_where(ref),
            )
        elif not ref.has_identifier:
            yield finding(
                "reference-without-identifier",
                f"Reference {ref.number} ('{clip(ref.raw, 60)}') has no DOI, PMID, URL or ISBN; "
                "add one so readers and editors can find the source.",
                **_ref_where(ref),
            )


def check_unparsed_references(ctx: AuditContext) -> Iterator[Finding]:
    """``reference-unparsed``: entries the parser could not make sense of."""
    for ref in ctx.references:
        if ref.problems:
            yield finding(
                "reference-unparsed",
                f"Reference {ref.number} could not be fully parsed: {'; '.join(ref.problems)}.",
                detail={"problems": list(ref.problems)},
                **_ref_where(ref),
            )


def check_reference_list_present(ctx: AuditContext) -> Iterator[Finding]:
    """``no-reference-list``: citations in the text but no list to resolve them."""
    cited = any(c.citations for c in ctx.claims)
    if cited and not ctx.references:
        yield finding(
            "no-reference-list",
            "The article cites numbered sources but no reference list was found; "
            "pass the list with references=... (or --references) if it is in another file.",
        )


def check_uncited_claims(ctx: AuditContext) -> Iterator[Finding]:
    """``uncited-claim``: check-worthy claims with no citation (a graph query)."""
    for node in g.uncited_claims(ctx.graph):
        claim = ctx.claim(node)
        why = ", ".join(claim.reasons) if claim.reasons else "a factual claim"
        yield finding(
            "uncited-claim",
            f"Claim {claim.id} cites no source but makes a check-worthy claim ({why}): "
            f"'{clip(claim.text, 60)}'",
            detail={"reasons": list(claim.reasons)},
            **_claim_where(claim),
        )


def check_resolution(ctx: AuditContext) -> Iterator[Finding]:
    """``doi-not-found``, ``doi-registered-elsewhere`` and ``reference-unchecked``.

    Only a definite answer gives ``doi-not-found``; an outage gives the info
    ``reference-unchecked`` with the reason, never an error.
    """
    for ref in ctx.references:
        res = ctx.resolutions.get(ref.number) if ref.number is not None else None
        if res is None or not ref.doi:
            continue
        if res.status is Status.NOT_FOUND:
            yield finding(
                "doi-not-found",
                f"Reference {ref.number}: DOI {ref.doi} is not registered "
                "(the registry answered 'not found').",
                detail={"doi": ref.doi},
                **_ref_where(ref),
            )
        elif (
            res.status is Status.RESOLVED and res.agency and res.agency.lower() not in {"crossref", "pubmed"}
        ):
            agency = _agency(res.agency)
            yield finding(
                "doi-registered-elsewhere",
                f"Reference {ref.number}: DOI {ref.doi} is registered with {agency}, not Crossref; "
                f"its {agency} record was compared.",
                detail={"doi": ref.doi, "agency": res.agency},
                **_ref_where(ref),
            )
        elif res.status is Status.UNCHECKED and res.agency and res.agency.lower() != "crossref":
            yield finding(
                "doi-registered-elsewhere",
                f"Reference {ref.number}: DOI {ref.doi} is registered with {_agency(res.agency)}, "
                "not Crossref; its metadata was not compared.",
                detail={"doi": ref.doi, "agency": res.agency},
                **_ref_where(ref),
            )
        elif res.status is Status.UNCHECKED:
            yield finding(
                "reference-unchecked",
                f"Reference {ref.number}: DOI {ref.doi} could not be checked "
                f"({res.reason or 'unknown reason'}).",
                detail={"doi": ref.doi, "reason": res.reason},
                **_ref_where(ref),
            )


CITATION_CHECKS: tuple[Check, ...] = (
    check_reference_list_present,
    check_citations_in_list,
    check_never_cited,
    check_citation_order,
    check_reference_numbering,
    check_duplicate_references,
    check_identifiers,
    check_unparsed_references,
    check_uncited_claims,
    check_resolution,
)


_AGENCY_NAMES = {"datacite": "DataCite", "medra": "mEDRA", "jalc": "JaLC", "kisti": "KISTI", "cnki": "CNKI"}


def _agency(agency: str) -> str:
    return _AGENCY_NAMES.get(agency.lower(), agency)
