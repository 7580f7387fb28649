"""Is a search hit the work a reference cites? A pure validator, silent when unsure.

A bibliographic search (Crossref's ``query.bibliographic``) always returns
*something*; its top hit alone is right about 87% of the time on real
reference strings. :func:`validate_candidate` accepts a hit only when the
reference's own fields confirm it, the way Crossref's search-and-validate
matcher does:

- the **title** agrees (similarity 90 or more with the parsed title, or the
  registered title, four words or more, found whole in the entry);
- at least one more field agrees: first author, year (exactly, or within one
  for online/print), volume, first page, journal;
- nothing contradicts it: a year off by more than one, a different first
  author, both volume and first page different, a clearly different title.

Without a usable title, the first author, year, volume and first page must
all agree. Notices (corrections, retractions), peer reviews and figure
components are never suggested for an ordinary reference.

>>> from claimcheck.model import Author, Reference, Work
>>> ref = Reference(1, "Lin CW, Kalb SJ, Yeh WS. Delay in diagnosis of spinal muscular atrophy: "
...                 "a systematic literature review. Pediatr Neurol. 2015;53(4):293-300.",
...                 authors=("Lin CW", "Kalb SJ", "Yeh WS"), year=2015, volume="53", pages="293-300",
...                 title="Delay in diagnosis of spinal muscular atrophy: a systematic literature review")
>>> work = Work("10.1016/j.pediatrneurol.2015.06.002", authors=(Author("Lin", "Chia-Wei"),),
...             title="Delay in Diagnosis of Spinal Muscular Atrophy: A Systematic Literature Review",
...             years=(2015,), volume="53", pages="293-300")
>>> accepted, evidence = validate_candidate(ref, work)
>>> accepted, evidence.agreeing
(True, ('title', 'first_author', 'year', 'volume', 'pages'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Reference, Work
from claimcheck.verify.compare import (
    TITLE_DIFFERENT,
    TITLE_SAME,
    first_author,
    record_containers,
    record_titles,
    title_in_entry,
)
from claimcheck.verify.fieldmatch import (
    family_matches,
    fold,
    journal_matches,
    page_range,
    title_similarity,
    volume_key,
)

__all__ = ["Evidence", "is_notice_title", "validate_candidate"]

_NOTICE_TITLE = re.compile(
    r"^\s*(?:retraction(?:\s+notice)?|notice\s+of\s+retraction|correction|corrigendum|erratum|"
    r"expression\s+of\s+concern|editorial\s+expression\s+of\s+concern|withdrawal|removal|addendum)\b"
    r"\s*(?:to|for|of|on)?\s*[:\-–—.]?",
    re.IGNORECASE,
)
_SKIPPED_TYPES = frozenset({"peer-review", "component", "grant"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a candidate was checked on: each field ``True`` (agrees), ``False`` (disagrees) or ``None``.

    ``title`` is the similarity (0-100) of the best title evidence; ``year``
    is ``"same"``, ``"within one"``, ``"different"`` or ``None``.
    """

    title: float
    first_author: bool | None
    year: str | None
    volume: bool | None
    pages: bool | None
    container: bool | None
    reason: str

    @property
    def agreeing(self) -> tuple[str, ...]:
        """The fields that agree, in a fixed order."""
        out = ["title"] if self.title >= TITLE_SAME else []
        out += [f for f in ("first_author",) if self.first_author]
        out += ["year"] if self.year == "same" else []
        out += [
            f for f, v in (("volume", self.volume), ("pages", self.pages), ("container", self.container)) if v
        ]
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (for a finding's ``detail``)."""
        return {
            "title_similarity": round(self.title, 1),
            "first_author": self.first_author,
            "year": self.year,
            "volume": self.volume,
            "pages": self.pages,
            "container": self.container,
            "agreeing": list(self.agreeing),
            "reason": self.reason,
        }


def is_notice_title(title: str | None) -> bool:
    """True for titles of notices: ``Retraction—...``, ``Correction: ...``, ``Expression of concern ...``.

    >>> is_notice_title("Retraction—Ileal-lymphoid-nodular hyperplasia"), is_notice_title("Correct dosing")
    (True, False)
    """
    return bool(title) and bool(_NOTICE_TITLE.match(title or ""))


def validate_candidate(ref: Reference, work: Work) -> tuple[bool, Evidence]:
    """Accept ``work`` as the work ``ref`` cites only when the reference's fields confirm it.

    Parameters
    ----------
    ref:
        The reference as parsed (``raw`` is used when a field was not parsed).
    work:
        A search hit.

    Returns
    -------
    (accepted, evidence)
        ``evidence.reason`` says why it was accepted or refused.
    """
    titles = record_titles(work)
    parsed = title_similarity(ref.title, titles).score if ref.title and titles else None
    in_entry = title_in_entry(ref.raw, titles) if titles else 0.0
    title = max(parsed or 0.0, in_entry)
    evidence = Evidence(
        title=title,
        first_author=_first_author(ref, work),
        year=_year(ref, work),
        volume=_same(ref.volume, work.volume, volume_key),
        pages=_pages(ref, work),
        container=journal_matches(ref.container, record_containers(work))
        if ref.container and record_containers(work)
        else None,
        reason="",
    )
    accepted, reason = _decide(ref, work, evidence, parsed)
    return accepted, _with_reason(evidence, reason)


def _decide(ref: Reference, work: Work, ev: Evidence, parsed: float | None) -> tuple[bool, str]:
    if work.type in _SKIPPED_TYPES:
        return False, f"a {work.type} record is not suggested for a reference"
    if is_notice_title(work.title) != _cites_notice(ref):
        if is_notice_title(work.title):
            return False, "the hit is a notice (correction, retraction), not the cited work"
        return False, "the reference cites a notice; the hit is not one"
    if parsed is not None and parsed < TITLE_DIFFERENT and ev.title < TITLE_SAME:
        return False, f"the titles differ (similarity {ev.title:.0f})"
    if ev.year == "different":
        return False, "the years differ by more than one"
    if ev.first_author is False:
        return False, "the first authors differ"
    if ev.volume is False and ev.pages is False:
        return False, "both volume and first page differ"
    more = [f for f in ev.agreeing if f != "title"]
    if ev.title >= TITLE_SAME and more:
        return True, f"title and {', '.join(m.replace('_', ' ') for m in more)} agree"
    if ev.title < TITLE_SAME and {"first_author", "year", "volume", "pages"} <= set(more):
        return True, "first author, year, volume and first page agree"
    if ev.title >= TITLE_SAME:
        return False, "only the title agrees"
    return False, f"not enough agreeing fields ({', '.join(m.replace('_', ' ') for m in more) or 'none'})"


def _cites_notice(ref: Reference) -> bool:
    """The entry cites a notice: its title, or a sentence of it, starts like one."""
    if is_notice_title(ref.title):
        return True
    return any(is_notice_title(part) for part in re.split(r"(?<=[.;])\s+", ref.raw)[1:4])


def _with_reason(ev: Evidence, reason: str) -> Evidence:
    return Evidence(ev.title, ev.first_author, ev.year, ev.volume, ev.pages, ev.container, reason)


def _first_author(ref: Reference, work: Work) -> bool | None:
    first = first_author(work)
    name = (first.family or first.name or first.given) if first else None
    if not name:
        return None
    family = ref.first_author_family
    if family:
        return family_matches(family, name) or (
            len(ref.authors) > 1 and family_matches(ref.authors[1].split(",")[0], name)
        )
    key = fold(name)
    return True if key and re.search(rf"\b{re.escape(key)}\b", fold(ref.raw)) else None


def _year(ref: Reference, work: Work) -> str | None:
    if not work.years:
        return None
    years = [ref.year] if ref.year else [int(y) for y in _YEAR.findall(ref.raw)]
    if not years:
        return None
    gap = min(abs(y - w) for y in years for w in work.years)
    return "same" if gap == 0 else "within one" if gap == 1 else "different"


def _same(a: str | None, b: str | None, key: Any) -> bool | None:
    if not a or not b:
        return None
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    na, nb = re.search(r"\d+", ka), re.search(r"\d+", kb)
    return bool(na and nb and int(na.group()) == int(nb.group()))


def _pages(ref: Reference, work: Work) -> bool | None:
    if not ref.pages or not (work.pages or work.article_number):
        return None
    first = page_range(ref.pages)[0].removeprefix("e")
    known = [page_range(work.pages)[0]] if work.pages else []
    known += [page_range(n)[0] for n in (work.article_number or "").split(",") if n.strip()]
    return any(first == k.removeprefix("e") for k in known if k)
