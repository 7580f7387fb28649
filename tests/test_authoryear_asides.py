"""A name and a year that cite no work: a journal's source line (authoryear_asides), a dated edition.

Excerpts written for the tests.
"""

from __future__ import annotations

import claimcheck
from claimcheck.read.authoryear import find_author_year
from claimcheck.registry.resolve import OfflineResolver

_CODES = {"citation-not-in-list", "ambiguous-citation", "reference-never-cited"}
_ENTRIES = (
    "Lee, A., & Park, B. (2019). Late diagnosis in adults. Journal of Care, 4(2), 10-19.\n\n"
    "Smith, J. (2001). Rating scales for attention. Child Development, 72(1), 1-9.\n"
)


def _labels(text: str) -> list[str]:
    return [c.label for c in find_author_year(text)]


def _misses(body: str, entries: str = _ENTRIES) -> list[tuple[str, object]]:
    report = claimcheck.audit(f"{body}\n\nReferences\n\n{entries}", resolver=OfflineResolver())
    return sorted(
        (f.code, f.detail.get("cited") or f.reference_number) for f in report.findings if f.code in _CODES
    )


def test_a_journal_year_volume_and_pages_in_parentheses_is_a_source_line_not_a_citation() -> None:
    assert _labels("and what late diagnosis implies. (Clinical Psychology 2021; 14(2) 101-119)") == []
    assert _labels("as a trial showed (Lancet 2020; 395: 1234-40).") == []
    # the works beside it are still read, and a year list is no volume
    assert _labels("(Lee & Park, 2019; European Psychiatry 2020; 12(3) 45-50)") == ["Lee & Park, 2019"]
    assert _labels("(Lee & Park, 2019; 2020)") == ["Lee & Park, 2019", "Lee & Park, 2020"]


def test_an_article_with_its_own_source_line_is_coherent_and_an_unlisted_work_is_still_missing() -> None:
    body = (
        "Women are diagnosed late (Lee & Park, 2019). Rating scales miss them (Smith, 2001).\n"
        "We review the evidence. (Clinical Psychology 2021; 14(2) 101-119)"
    )
    assert _misses(body) == []
    assert _misses(body + "\n\nOthers agree (Cho, 2018).") == [("citation-not-in-list", "Cho, 2018")]


def test_a_dated_edition_of_a_manual_is_no_citation_in_an_audit_unless_the_list_has_it() -> None:
    body = (
        "Studies grew between the manuals (DSM) DSM-III-R (1987) and DSM-IV-TR (2000), "
        "and women were few (Lee & Park, 2019; Smith, 2001)."
    )
    assert _misses(body) == []
    listed = _ENTRIES + "\nDSM-III-R. (1987). Diagnostic and statistical manual. Washington, DC: APA.\n"
    assert _misses(body, listed) == []
    # a person's name and a year the list lacks is still the article's slip
    assert _misses(body + " Kim (1987) disagreed.") == [("citation-not-in-list", "Kim, 1987")]
