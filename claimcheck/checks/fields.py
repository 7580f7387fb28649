"""Reference-manager fields against the bibliography as printed.

When a Word document cites with Zotero, Mendeley or EndNote fields, the
reference list comes from the fields' items (:mod:`claimcheck.read.docx`) and
the bibliography as printed is kept in ``Article.printed_references``. They
should say the same; when they do not, someone edited the printed list by hand
or it was not refreshed, and what the reader sees is not what was cited:

* ``reference-field-mismatch`` — a cited item and its printed entry differ in
  title, year, first author or DOI; or a cited item has no printed entry; or a
  printed entry belongs to no cited item.

Entries are paired by number when the printed list is numbered, else each
item with the printed entry most like it.

Examples
--------
>>> from claimcheck.model import Article, Reference
>>> item = Reference(1, "x", authors=("Doe J",), title="A randomised trial of ketamine", year=2020)
>>> printed = Reference(1, "1. Doe J. A cohort study of ketamine. 2020.", authors=("Doe J",),
...                     title="A cohort study of ketamine", year=2020)
>>> ctx = AuditContext(Article("", (), printed_references=(printed,)), (), (item,))
>>> [(f.code, f.reference_number, f.detail["differs"]) for f in check_field_mismatch(ctx)]
[('reference-field-mismatch', 1, ['title'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from rapidfuzz import fuzz

from claimcheck.checks.base import AuditContext, Check, CodeInfo
from claimcheck.model import Finding, Reference, Severity, clip

__all__ = ["FIELD_CHECKS", "FIELD_CODES", "check_field_mismatch", "differences"]

FIELD_CODES: Mapping[str, CodeInfo] = {
    "reference-field-mismatch": CodeInfo(
        Severity.WARNING,
        "A reference manager's cited item and the printed bibliography disagree (an entry edited by hand "
        "or a stale list): title, year, first author or DOI, or an entry on one side only.",
    ),
}

# The rapidfuzz ratio of normalised titles at or above which two titles are one (case, punctuation aside).
_TITLE_SAME = 97
_PAIR_MIN = 55  # below this, an unnumbered printed entry is no item's


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").lower()).split())


def differences(item: Reference, printed: Reference) -> list[str]:
    """The fields in which a cited item and its printed entry disagree (only fields both give).

    The printed entry is read by the reference parser, which can misplace a boundary; so
    a field the item gives also counts as printed when the entry's text holds it whole
    (the title followed by its closing punctuation, the year, the first author's name).
    """
    out = []
    raw = " ".join(printed.raw.lower().split())
    title, shown = _norm(item.title), _norm(printed.title) or _norm(printed.raw)
    if title and shown and fuzz.ratio(title, shown) < _TITLE_SAME and not _printed_whole(item.title, raw):
        out.append("title")
    if item.year and printed.year and item.year != printed.year and not re.search(rf"\b{item.year}\b", raw):
        out.append("year")
    a, b = item.first_author_family, printed.first_author_family
    if a and b and _norm(a) != _norm(b) and _norm(a) not in _norm(raw)[:80]:
        out.append("first author")
    if item.doi and printed.doi and item.doi.lower() != printed.doi.lower():
        out.append("DOI")
    return out


def _printed_whole(title: str | None, raw: str) -> bool:
    text = " ".join((title or "").lower().split()).rstrip(".?!")
    at = raw.find(text) if text else -1
    return at >= 0 and raw[at + len(text) : at + len(text) + 1] in ("", ".", "?", "!", ",")


def _what(field: str, item: Reference, printed: Reference) -> str:
    """``year: printed 2018, item 2019``; the title only by name (the message quotes both)."""
    values = {
        "year": (printed.year, item.year),
        "first author": (printed.first_author_family, item.first_author_family),
        "DOI": (printed.doi, item.doi),
    }
    if field not in values:
        return f"{field} differs"
    shown, cited = values[field]
    return f"{field}: printed {shown}, item {cited}"


def _likeness(item: Reference, printed: Reference) -> float:
    return float(fuzz.token_set_ratio(_norm(item.title), _norm(printed.raw)))


def _pairs(
    items: Sequence[Reference], printed: Sequence[Reference]
) -> list[tuple[Reference | None, Reference | None]]:
    numbered = {p.number: p for p in printed if p.number is not None}
    if len(numbered) == len(printed):
        pairs: list[tuple[Reference | None, Reference | None]] = [
            (i, numbered.pop(i.number, None) if i.number is not None else None) for i in items
        ]
        return pairs + [(None, p) for p in numbered.values()]
    left = list(printed)
    pairs = []
    for item in items:
        best = max(left, key=lambda p: _likeness(item, p), default=None)
        if best is not None and _likeness(item, best) >= _PAIR_MIN:
            left.remove(best)
            pairs.append((item, best))
        else:
            pairs.append((item, None))
    return pairs + [(None, p) for p in left]


def check_field_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """Each cited item against its printed bibliography entry."""
    printed = ctx.article.printed_references
    if not printed:
        return
    source = ctx.article.references_source or "citation fields"
    info = FIELD_CODES["reference-field-mismatch"]
    for item, entry in _pairs(ctx.references, printed):
        if item is not None and entry is not None:
            differs = differences(item, entry)
            if not differs:
                continue
            message = (
                f"Reference {item.number}: the printed bibliography says {clip(entry.raw, 90)!r}, but the "
                f"cited item ({source}) is {clip(item.title or item.raw, 70)!r} "
                f"({'; '.join(_what(k, item, entry) for k in differs)}); refresh the bibliography from "
                "the reference manager"
            )
            detail = {
                "differs": differs,
                "printed": entry.raw,
                "item": {
                    "title": item.title,
                    "year": item.year,
                    "doi": item.doi,
                    "first_author": item.first_author_family,
                },
            }
            yield Finding(
                "reference-field-mismatch",
                info.severity,
                message,
                reference_number=item.number,
                start=entry.start,
                end=entry.end,
                detail=detail,
            )
        elif item is not None:
            yield Finding(
                "reference-field-mismatch",
                info.severity,
                f"Reference {item.number} ({clip(item.title or item.raw, 70)!r}) is cited through {source} "
                "but has no entry in the printed bibliography; refresh the bibliography",
                reference_number=item.number,
                detail={"differs": ["missing from the printed bibliography"]},
            )
        elif entry is not None:
            yield Finding(
                "reference-field-mismatch",
                info.severity,
                f"The printed bibliography entry {clip(entry.raw, 90)!r} matches no item cited "
                f"through {source}; "
                "it was added by hand or its citation was deleted",
                start=entry.start,
                end=entry.end,
                detail={"differs": ["not a cited item"], "printed": entry.raw},
            )


FIELD_CHECKS: tuple[Check, ...] = (check_field_mismatch,)
