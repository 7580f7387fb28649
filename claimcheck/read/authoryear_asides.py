"""A journal's source line in parentheses: a name and a year that cite no work.

:func:`~claimcheck.read.authoryear_forms.find_author_year` reads a capitalised
name and a year as a citation. A journal and its year before a volume, an
issue and pages (``(Lancet 2020; 395: 1234-40)``, ``(Clinical Psychology 2021;
14(2) 101-119)``) is an article's source line, its own under the abstract or a
work's in a Vancouver-style aside (:func:`journal_parts`), whether or not the
journal's name is abbreviated (abbreviations alone are no name already). The
works beside it in the same parenthesis are still read.

Examples
--------
>>> sorted(journal_parts("Lancet 2020; 27(7) 645-657", "Lancet 2020; 27    645-657"))
[0]
>>> sorted(journal_parts("Lee, 2019; 2020", "Lee, 2019; 2020"))
[]
"""

from __future__ import annotations

import re

__all__ = ["journal_parts"]

# A volume, an issue and pages, or a volume and pages: "27(7) 645-657", "395: 1234-40", "12(3):e45".
_VOLUME_PAGES = re.compile(
    r"\s*\d{1,4}\s*(?:\([^()]{1,12}\)\s*[:,]?|:)\s*[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?\s*\.?\s*"
)
_ENDS_YEAR = re.compile(r"(?:1[6-9]\d\d|20\d\d)[a-z]?\s*$")


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
