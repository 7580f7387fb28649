"""A parsed reference against its registered work: field-level :class:`Discrepancy` values.

Pure: :func:`compare_reference` reads a :class:`~claimcheck.model.Reference`
and a :class:`~claimcheck.model.Work` (from Crossref, DataCite or PubMed) and
says, field by field, what the article prints that the record does not. What
is *not* an error is tolerated (see :mod:`claimcheck.verify.fieldmatch`): journal
abbreviations, online vs print year, elided pages, article numbers, name
particles, diacritics, transliteration, markup and case in registered titles,
a subtitle left out.

Severity separates "probably a different paper" from "a detail is off":

==============  ==========================================================
severity        when
==============  ==========================================================
``error``       the title disagrees strongly (similarity below 60 and the
                registered title is not in the entry either), or the first
                author disagrees and the title does not confirm the work
``warning``     the first author differs although the title matches; the
                title's wording differs (60 to 89); year, journal, volume,
                issue, pages; fewer authors than registered without "et al."
==============  ==========================================================

>>> import dataclasses
>>> from claimcheck.model import Author, Reference, Work
>>> ref = Reference(1, "...", authors=("Xu J",), title="Construction of a reference material panel",
...                 container="J Clin Pathol", year=2021, volume="74", pages="314-20")
>>> work = Work("10.1136/x", title="Construction of a reference material panel",
...             authors=(Author("Xu", "Jun"),), container="Journal of Clinical Pathology",
...             years=(2020, 2021), volume="74", pages="314-320")
>>> compare_reference(ref, work)
()
>>> compare_reference(dataclasses.replace(ref, year=2019), work)[0].explanation
'the article says 2019; the record gives 2020, 2021'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from claimcheck.model import Author, Reference, Severity, Work
from claimcheck.registry.works import full_title
from claimcheck.verify.fieldmatch import family_matches as _family_matches
from claimcheck.verify.fieldmatch import (
    fold,
    journal_matches,
    pages_match,
    title_key,
    title_similarity,
    volume_key,
)

__all__ = [
    "DIFFERENT_PAPER_FIELDS",
    "TITLE_DIFFERENT",
    "TITLE_SAME",
    "Discrepancy",
    "compare_reference",
    "first_author",
    "is_different_work",
    "record_containers",
    "record_titles",
    "title_in_entry",
]

#: A title similarity (0-100) at or above this is the same title.
TITLE_SAME = 90.0
#: Below this, the titles name different papers.
TITLE_DIFFERENT = 60.0
#: Fields whose ``error`` discrepancies mean "probably a different paper".
DIFFERENT_PAPER_FIELDS = frozenset({"title", "first_author"})


@dataclass(frozen=True, slots=True, repr=False)
class Discrepancy:
    """One field where the article and the registered record disagree.

    ``field`` is ``title``, ``first_author``, ``authors``, ``year``,
    ``container``, ``volume``, ``issue`` or ``pages``; ``article`` and
    ``record`` are the two values as printed and as registered.
    """

    field: str
    article: str
    record: str
    severity: Severity
    explanation: str

    def as_dict(self) -> dict[str, str]:
        """JSON-friendly form (for a finding's ``detail``)."""
        return {
            "field": self.field,
            "article": self.article,
            "record": self.record,
            "severity": self.severity.value,
            "explanation": self.explanation,
        }

    def __repr__(self) -> str:
        return f"<Discrepancy {self.severity.value} {self.field}: {self.article!r} vs {self.record!r}>"


def compare_reference(ref: Reference, work: Work) -> tuple[Discrepancy, ...]:
    """Every field where ``ref`` disagrees with ``work``, most telling first.

    Fields missing on either side are not compared: only what both give can
    disagree.

    Parameters
    ----------
    ref:
        The reference as parsed from the article.
    work:
        Its registered record.

    Returns
    -------
    tuple of Discrepancy
        Empty when everything both sides give agrees.

    Examples
    --------
    >>> from claimcheck.model import Reference, Work
    >>> w = Work("10.1/x", title="Ketamine for depression", years=(2020,), volume="5", pages="e12")
    >>> [d.field for d in compare_reference(Reference(1, "", title="Aspirin for pain", volume="6"), w)]
    ['title', 'volume']
    """
    key = (ref, id(work))  # the record itself, not an equal one: its registry message is not in its equality
    known = _COMPARED.get(key)
    if known is not None:
        return known[1]
    found = _compare(ref, work)
    if len(_COMPARED) >= _MAX_COMPARED:
        _COMPARED.clear()
    _COMPARED[key] = (work, found)  # holding the record keeps its id from being reused while it is a key
    return found


# DOI suggestion and the metadata check both compare each resolved entry with its record: once.
_COMPARED: dict[tuple[Reference, int], tuple[Work, tuple[Discrepancy, ...]]] = {}
_MAX_COMPARED = 1024


def _compare(ref: Reference, work: Work) -> tuple[Discrepancy, ...]:
    out: list[Discrepancy] = []
    title = _title(ref, work)
    title_confirms = title is None and _title_score(ref, work) >= TITLE_SAME
    if title is not None:
        out.append(title)
    out.extend(_authors(ref, work, title_confirms))
    for check in (_year, _container, _volume, _issue, _pages):
        found = check(ref, work)
        if found is not None:
            out.append(found)
    return tuple(out)


def is_different_work(discrepancies: Iterable[Discrepancy]) -> bool:
    """True when the discrepancies say the DOI names a different paper (a title or first-author error).

    >>> is_different_work([])
    False
    """
    return any(d.severity is Severity.ERROR and d.field in DIFFERENT_PAPER_FIELDS for d in discrepancies)


# -- what the record gives --------------------------------------------------------------------------


def record_titles(work: Work) -> list[str]:
    """Every registered title: main, main with subtitle, original-language and alternative titles."""
    raw = work.raw
    out = [work.title, full_title(work)]
    if work.agency == "crossref":
        out += _strings(raw.get("title")) + _strings(raw.get("original-title"))
    elif work.agency == "datacite":
        attrs = raw.get("attributes", raw)
        out += [t.get("title") for t in _list(attrs.get("titles")) if isinstance(t, Mapping)]
    elif work.agency == "pubmed":
        out += list(_strings(raw.get("TT")))
    return list(dict.fromkeys(t for t in out if isinstance(t, str) and t.strip()))


def record_containers(work: Work) -> list[str]:
    """Every registered name of the container: full, short, series, MEDLINE JT and TA."""
    raw = work.raw
    out = [work.container, work.short_container]
    if work.agency == "crossref":
        out += _strings(raw.get("container-title")) + _strings(raw.get("short-container-title"))
    return list(dict.fromkeys(c for c in out if isinstance(c, str) and c.strip()))


def first_author(work: Work) -> Author | None:
    """The registered first author (``sequence="first"``, else the first listed)."""
    for author in work.authors:
        if author.sequence == "first":
            return author
    return work.authors[0] if work.authors else None


def _author_name(author: Author) -> str:
    return author.family or author.name or author.given or ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in _list(value) if isinstance(v, str)]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


# -- the fields ----------------------------------------------------------------------------------------


def _title_score(ref: Reference, work: Work) -> float:
    """The article's title against the record's, or the record's title found in the entry text."""
    titles = record_titles(work)
    if not titles:
        return 0.0
    score = title_similarity(ref.title, titles).score if ref.title else 0.0
    return max(score, title_in_entry(ref.raw, titles))


def title_in_entry(raw: str, titles: Sequence[str]) -> float:
    """How fully a registered title (of four words or more) appears in the entry as printed."""
    entry = fold(raw)
    best = 0.0
    for title in titles:
        key = title_key(title)
        if len(key.split()) >= 4 and entry:
            best = max(best, float(fuzz.partial_ratio(key, entry)))
    return best


def _title(ref: Reference, work: Work) -> Discrepancy | None:
    titles = record_titles(work)
    if not ref.title or not titles:
        return None
    match = title_similarity(ref.title, titles)
    if match.score >= TITLE_SAME or title_in_entry(ref.raw, titles) >= 95:
        return None
    record = match.record or titles[0]
    if match.score < TITLE_DIFFERENT:
        return Discrepancy(
            "title",
            ref.title,
            record,
            Severity.ERROR,
            f"the titles differ (similarity {match.score:.0f}/100): probably a different paper",
        )
    return Discrepancy(
        "title",
        ref.title,
        record,
        Severity.WARNING,
        f"the title's wording differs from the record (similarity {match.score:.0f}/100)",
    )


def _authors(ref: Reference, work: Work, title_confirms: bool) -> list[Discrepancy]:
    family = ref.first_author_family
    first = first_author(work)
    if not family or first is None or not _author_name(first):
        return []
    registered = _author_name(first)
    out = []
    if not _family_matches(family, registered) and not _org_matches(family, registered):
        second = work.authors[1] if len(work.authors) > 1 else None
        if len(ref.authors) > 1 and _family_matches(_family_of(ref.authors[1]), registered):
            return []  # the record leaves out the article's first author: a record defect
        if second is None or not _family_matches(family, _author_name(second)):
            severity = Severity.WARNING if title_confirms else Severity.ERROR
            why = (
                "the first author differs, though the title matches the record"
                if title_confirms
                else "the first author differs and the title does not confirm the work: "
                "probably a different paper"
            )
            out.append(Discrepancy("first_author", family, registered, severity, why))
            return out
    n, m = len(ref.authors), len(work.authors)
    if not ref.et_al and 0 < n < m:
        out.append(
            Discrepancy(
                "authors",
                f"{n} listed",
                f"{m} registered",
                Severity.WARNING,
                f"the article lists {n} of the {m} registered authors without 'et al.'",
            )
        )
    return out


def _family_of(printed: str) -> str:
    return Reference(None, "", authors=(printed,)).first_author_family or printed


def _org_matches(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and fuzz.token_sort_ratio(fa, fb) >= 90


def _year(ref: Reference, work: Work) -> Discrepancy | None:
    if ref.year is None or not work.years or ref.year in work.years:
        return None
    record = ", ".join(str(y) for y in work.years)
    return Discrepancy(
        "year",
        str(ref.year),
        record,
        Severity.WARNING,
        f"the article says {ref.year}; the record gives {record}",
    )


def _container(ref: Reference, work: Work) -> Discrepancy | None:
    names = record_containers(work)
    if not ref.container or not names:
        return None
    if journal_matches(ref.container, names):
        return None
    if any(fuzz.token_sort_ratio(fold(ref.container), fold(n)) >= 92 for n in names):
        return None
    if work.publisher and fold(ref.container) == fold(work.publisher):
        return None
    return Discrepancy(
        "container",
        ref.container,
        names[0],
        Severity.WARNING,
        "the journal (or book) is not the registered one, nor an abbreviation of it",
    )


def _first_number(text: str) -> str | None:
    m = re.search(r"\d+", text)
    return str(int(m.group())) if m else None


def _volume(ref: Reference, work: Work) -> Discrepancy | None:
    if not ref.volume or not work.volume:
        return None
    a, b = volume_key(ref.volume), volume_key(work.volume)
    if a == b or (_first_number(a) is not None and _first_number(a) == _first_number(b)):
        return None
    return Discrepancy(
        "volume",
        ref.volume,
        work.volume,
        Severity.WARNING,
        f"volume {ref.volume}; the record says {work.volume}",
    )


def _issue(ref: Reference, work: Work) -> Discrepancy | None:
    if not ref.issue or not work.issue:
        return None
    a, b = volume_key(ref.issue), volume_key(work.issue)
    if a == b or not (a.isdigit() and b.isdigit()):
        return None  # supplements, combined issues and the like are not compared
    return Discrepancy(
        "issue", ref.issue, work.issue, Severity.WARNING, f"issue {ref.issue}; the record says {work.issue}"
    )


def _pages(ref: Reference, work: Work) -> Discrepancy | None:
    if not ref.pages or not (work.pages or work.article_number):
        return None
    why = pages_match(ref.pages, work.pages, work.article_number)
    if why is None:
        return None
    record = work.pages or work.article_number or ""
    return Discrepancy("pages", ref.pages, record, Severity.WARNING, why)
