"""What reads as a name and a year in an article and cites no work.

:func:`~claimcheck.read.authoryear_forms.find_author_year` reads a capitalised
name and a year as a citation; two kinds of them are not:

* a journal and its year before a volume, an issue and pages (``(J. of Att.
  Dis. 2023; 27(7) 645-657)``): an article's source line, its own in the
  abstract or a work's in a Vancouver-style aside (:func:`journal_parts`);
* a document's edition numbered in Roman numerals and dated (``DSM-III-R
  (1987)``), when the list has no entry by that name (:func:`unlisted_edition`).

A name and a year that cite a work the list lacks are still citations (the
article's own slip, which the audit reports); these rules go by the shape of
what is printed, not by the list alone.

Examples
--------
>>> sorted(journal_parts("J. Clin. Psy. 2020; 27(7) 645-657", "J. Clin. Psy. 2020; 27    645-657"))
[0]
>>> unlisted_edition("DSM-III-R", ("1987",), ()), unlisted_edition("Smith", ("1987",), ())
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from claimcheck.read.authoryear_entries import name_keys

__all__ = ["journal_parts", "unlisted_edition"]

# A volume, an issue and pages, or a volume and pages: "27(7) 645-657", "395: 1234-40", "12(3):e45".
_VOLUME_PAGES = re.compile(
    r"\s*\d{1,4}\s*(?:\([^()]{1,12}\)\s*[:,]?|:)\s*[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?\s*\.?\s*"
)
_ENDS_YEAR = re.compile(r"(?:1[6-9]\d\d|20\d\d)[a-z]?\s*$")
# A document's edition numbered in Roman numerals: "DSM-III-R", "DSM-IV-TR", "WAIS-IV". Arabic
# numbers ("DSM-5", "ICD-10") make no name already.
_EDITION = re.compile(r"[A-Z]{2,}-[IVX]{1,4}(?:-[A-Z]{1,2})?")


def journal_parts(printed: str, inner: str) -> frozenset[int]:
    """The ``;``-parts of a parenthesis that name a journal and its year: those that end in a year
    and are followed by a part that is a volume, an issue and pages.

    ``printed`` is the parenthesis's text as printed, ``inner`` the same with its inner
    parentheses blanked (the parts are cut where ``inner`` has its semicolons).
    """
    parts = inner.split(";")
    out, at = set(), 0
    for i, part in enumerate(parts[:-1]):
        after = at + len(part) + 1
        if _ENDS_YEAR.search(part) and _VOLUME_PAGES.fullmatch(printed[after : after + len(parts[i + 1])]):
            out.add(i)
        at = after
    return frozenset(out)


def unlisted_edition(name: str, years: Sequence[str], known: Container[tuple[str, str]]) -> bool:
    """A cited name that is a document's edition (``DSM-III-R``), with no entry of that name and year
    in the list (``known``: folded names and years)."""
    if not _EDITION.fullmatch(name):
        return False
    return not any((k, y[:4]) in known for k in name_keys(name) for y in years)
