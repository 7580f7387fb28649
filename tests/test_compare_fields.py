"""compare_reference field by field on hand-built references and works: what each discrepancy says.

``test_compare.py`` runs recorded registry records; these small cases pin the rules in
between: a title whose wording differs (warning) against a different paper (error), which
registered title is quoted, authors in another order, organisations, author counts, volumes.
"""

from __future__ import annotations

from claimcheck.model import Author, Reference, Severity, Work
from claimcheck.verify.compare import Discrepancy, compare_reference

TITLE = "Oral ketamine for treatment resistant depression in clinics"


def ref(**fields: object) -> Reference:
    fields.setdefault("raw", "1. An entry.")
    raw = fields.pop("raw")
    return Reference(1, raw, **fields)  # type: ignore[arg-type]


def by_field(found: tuple[Discrepancy, ...]) -> dict[str, tuple[str, str, Severity, str]]:
    return {d.field: (d.article, d.record, d.severity, d.explanation) for d in found}


def test_a_title_worded_differently_is_a_warning_quoting_the_closest_registered_title():
    work = Work(
        "10.1/t", title="A cohort study", raw={"title": ["A cohort study"], "original-title": [TITLE]}
    )
    printed = "Sublingual ketamine for treatment resistant depression at home"  # similarity 79
    found = by_field(compare_reference(ref(title=printed), work))
    assert found["title"] == (
        printed,
        TITLE,  # the registered variant that matched best, not the first one
        Severity.WARNING,
        "the title's wording differs from the record (similarity 79/100)",
    )


def test_a_different_title_is_an_error():
    work = Work("10.1/t", title=TITLE)
    printed = "Vitamin D and bone density in older women"
    (d,) = [d for d in compare_reference(ref(title=printed), work) if d.field == "title"]
    assert (d.severity, d.record) == (Severity.ERROR, TITLE)
    assert d.explanation.startswith("the titles differ (similarity ") and d.explanation.endswith(
        "/100): probably a different paper"
    )


def test_a_registered_title_printed_in_the_entry_is_not_a_discrepancy():
    # the parser took the wrong part for the title, but the registered title is right there
    work = Work("10.1/t", title=TITLE)
    raw = f"1. Doe J. {TITLE}. J Psych. 2020."
    assert compare_reference(ref(raw=raw, title="J Psych"), work) == ()


def test_a_discrepancy_as_json():
    d = Discrepancy("year", "2019", "2020", Severity.WARNING, "the article says 2019; the record gives 2020")
    assert d.as_dict() == {
        "field": "year",
        "article": "2019",
        "record": "2020",
        "severity": "warning",
        "explanation": "the article says 2019; the record gives 2020",
    }


def test_authors_in_another_order():
    smith, jones = Author("Smith", "Ann"), Author("Jones", "Bob")
    work = Work("10.1/a", title=TITLE, authors=(smith, jones))
    # the article's first author is the record's second: an ordering slip, not another paper
    assert compare_reference(ref(title=TITLE, authors=("Jones B", "Smith A")), work) == ()
    # the record leaves out the article's first author
    assert compare_reference(ref(title=TITLE, authors=("Brown C", "Smith A"), et_al=True), work) == ()
    # another first author, the title confirming the work: a warning naming both
    found = by_field(compare_reference(ref(title=TITLE, authors=("Brown C",), et_al=True), work))
    assert found["first_author"] == (
        "Brown",
        "Smith",
        Severity.WARNING,
        "the first author differs, though the title matches the record",
    )
    nameless = Work("10.1/n", title=TITLE, authors=(Author(given="Ann"),))
    found = by_field(compare_reference(ref(title=TITLE, authors=("Brown C",)), nameless))
    assert found["first_author"][1] == "Ann"  # a record with a given name only is still compared


def test_fewer_authors_than_registered_without_et_al():
    work = Work("10.1/a", title=TITLE, authors=tuple(Author(f) for f in ("Smith", "Jones", "Brown")))
    found = by_field(compare_reference(ref(title=TITLE, authors=("Smith A", "Jones B")), work))
    assert found["authors"] == (
        "2 listed",
        "3 registered",
        Severity.WARNING,
        "the article lists 2 of the 3 registered authors without 'et al.'",
    )
    assert compare_reference(ref(title=TITLE, authors=("Smith A", "Jones B"), et_al=True), work) == ()


def test_volumes_compare_by_their_first_number():
    work = Work("10.1/v", title=TITLE, volume="12")
    assert compare_reference(ref(title=TITLE, volume="12 Suppl"), work) == ()
    assert compare_reference(ref(title=TITLE, volume="012"), work) == ()
    found = by_field(compare_reference(ref(title=TITLE, volume="7"), work))
    assert found["volume"] == ("7", "12", Severity.WARNING, "volume 7; the record says 12")
    roman = Work("10.1/v", title=TITLE, volume="ii")
    assert by_field(compare_reference(ref(title=TITLE, volume="iv"), roman))["volume"][:2] == ("iv", "ii")
