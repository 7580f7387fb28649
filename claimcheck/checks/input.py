"""Checks for scraped and wiki pages: bare links, one source under two numbers, a list printed twice.

* ``reference-bare-link`` — an entry that is only a web address. Readers
  cannot tell what it is, and nothing is left when the link breaks (a DOI or
  PubMed link can still be checked, so that one is only info);
* ``duplicate-reference`` — two entries link the same page (``http``/``https``,
  ``www.``, a final slash and tracking parameters aside) or the same PubMed
  record; pairs the DOI-and-title check already reports are left to it;
* ``reference-list-repeated`` — the page prints its reference list twice;
  the copy (``Article.repeated_references_span``) was not read.

``[citation needed]`` tags need no check of their own: the sentence is
check-worthy (:data:`claimcheck.read.claims.NEEDED_TAG`), so ``uncited-claim``
reports it with the reason "the page itself says citation needed".

Examples
--------
>>> from claimcheck.model import Article, Reference
>>> ctx = AuditContext(Article("", ()), (), (Reference(1, "1. https://www.cdc.gov/a/", url="https://www.cdc.gov/a/"),
...                                          Reference(2, "2. http://cdc.gov/a", url="http://cdc.gov/a")))
>>> [(f.code, f.reference_number) for c in INPUT_CHECKS for f in c(ctx)]
[('reference-bare-link', 1), ('reference-bare-link', 2), ('duplicate-reference', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from claimcheck.checks.base import AuditContext, Check, CodeInfo, register_codes
from claimcheck.checks.citations import CITATION_CODES, _same_work
from claimcheck.model import Finding, Reference, Severity
from claimcheck.read.references.links import same_link_key

__all__ = [
    "INPUT_CHECKS",
    "INPUT_CODES",
    "check_bare_links",
    "check_repeated_list",
    "check_same_links",
    "is_bare_link",
]

INPUT_CODES: Mapping[str, CodeInfo] = {
    "reference-bare-link": CodeInfo(
        Severity.WARNING,
        "A reference is only a web address: no author, title or date to tell what it is if the link breaks.",
    ),
    "reference-list-repeated": CodeInfo(
        Severity.INFO, "The page prints its reference list twice; the second copy was not read."
    ),
}
register_codes(INPUT_CODES)

_NUMBER = re.compile(r"^\s*(?:\[\^?\d{1,4}\]:?|\(\d{1,4}\)|\d{1,4}[.)]|\^)\s*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_FILLER = re.compile(
    r"\b(?:available|at|from|online|retrieved|accessed|link|url|source|web|website|page|here|full text"
    r"|pubmed|pmc|doi)\b|\[[a-z ]*\]",
    re.IGNORECASE,
)


def _finding(code: str, message: str, *, severity: Severity | None = None, **where: Any) -> Finding:
    info = INPUT_CODES.get(code) or CITATION_CODES[code]
    return Finding(code=code, severity=severity or info.severity, message=message, **where)


def _ref_where(ref: Reference) -> dict[str, Any]:
    return {"reference_number": ref.number, "start": ref.start, "end": ref.end}


def is_bare_link(ref: Reference) -> bool:
    """True when the entry is a web address and nothing a reader could go on.

    >>> is_bare_link(Reference(1, "1. https://www.cdc.gov/depression/"))
    True
    >>> is_bare_link(Reference(1, "1. CDC. Depression. 2020. https://www.cdc.gov/depression/"))
    False
    """
    text = _NUMBER.sub("", ref.raw, count=1)
    if not _URL.search(text) and not ref.url:
        return False
    rest = _FILLER.sub(" ", _URL.sub(" ", text))
    return sum(ch.isalpha() for ch in rest) < 3 and not re.search(r"\b(?:1[89]|20)\d\d\b", rest)


def check_bare_links(ctx: AuditContext) -> Iterator[Finding]:
    """``reference-bare-link``: warning, or info when the link carries a DOI or PubMed id."""
    for ref in ctx.references:
        if not is_bare_link(ref):
            continue
        link = ref.url or (_URL.search(ref.raw) or [""])[0]
        checkable = ref.doi or ref.pmid or ref.pmcid
        then = " Its identifier can still be checked." if checkable else ""
        yield _finding(
            "reference-bare-link",
            f"Reference {ref.number} is a bare link ({link}); add the author, title, publisher and date "
            f"so readers know what it is and can find it if the link breaks.{then}",
            severity=Severity.INFO if checkable else None,
            detail={"url": link},
            **_ref_where(ref),
        )


def check_same_links(ctx: AuditContext) -> Iterator[Finding]:
    """``duplicate-reference``: two entries link the same page or PubMed record."""
    first: dict[str, Reference] = {}
    for ref in ctx.references:
        if ref.number is None:
            continue
        for key in _keys(ref):
            other = first.get(key)
            if other is None:
                first[key] = ref
            elif other.number != ref.number and not _same_work(ref, other):
                yield _finding(
                    "duplicate-reference",
                    f"References {other.number} and {ref.number} are the same source "
                    f"(same {'PubMed record' if key.startswith('pmid:') else 'link'}); cite one number.",
                    detail={"duplicate_of": other.number},
                    **_ref_where(ref),
                )
                break


def _keys(ref: Reference) -> list[str]:
    keys = [f"pmid:{ref.pmid}"] if ref.pmid else []
    if ref.url and not ref.doi:
        keys.append(same_link_key(ref.url))
    return keys


def check_repeated_list(ctx: AuditContext) -> Iterator[Finding]:
    """``reference-list-repeated``: the page printed the list twice."""
    span = ctx.article.repeated_references_span
    if span is None:
        return
    yield _finding(
        "reference-list-repeated",
        f"The reference list is printed twice (again at characters {span[0]}-{span[1]}); "
        "only the first copy was read.",
        start=span[0],
        end=span[1],
    )


INPUT_CHECKS: tuple[Check, ...] = (check_bare_links, check_same_links, check_repeated_list)
