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


def test_every_registered_title_is_read_whatever_the_registry():
    from claimcheck.verify.compare import record_containers, record_titles

    crossref = Work("10.1/c", title="Main", raw={"title": ["Main", "Second"], "original-title": ["Original"]})
    assert record_titles(crossref) == ["Main", "Second", "Original"]
    datacite = Work(
        "10.1/d", title="Main", agency="datacite", raw={"attributes": {"titles": [{"title": "Alt"}]}}
    )
    assert record_titles(datacite) == ["Main", "Alt"]
    bare = Work("10.1/d", title="Main", agency="datacite", raw={"titles": [{"title": "Alt"}, "junk"]})
    assert record_titles(bare) == ["Main", "Alt"]  # an attributes dict given on its own
    pubmed = Work("10.1/p", title="[Dog breeds and behaviour].", agency="pubmed", raw={"TT": "Races canines"})
    assert record_titles(pubmed) == ["[Dog breeds and behaviour].", "Races canines"]
    journal = Work(
        "10.1/j",
        container="The Lancet",
        raw={"container-title": ["The Lancet", "Lancet (London)"], "short-container-title": ["Lancet"]},
    )
    assert record_containers(journal) == ["The Lancet", "Lancet (London)", "Lancet"]


def test_title_similarity_names_the_variant_that_matched():
    from claimcheck.verify.fieldmatch import title_similarity

    title = "Ketamine at home for adults with depression"
    exact = title_similarity(title, ["Other", title])
    assert (exact.score, exact.how, exact.record) == (100.0, "exact", title)
    longer = f"{title}: a trial"
    sub = title_similarity(title, ["Other", longer])
    assert (sub.score, sub.how, sub.record) == (100.0, "subtitle omitted", longer)
    none = title_similarity(title, ["", "   "])
    assert (none.score, none.record) == (0.0, None)


def test_a_first_author_who_is_the_records_second_is_an_ordering_slip():
    work = Work("10.1/a", title=TITLE, authors=(Author("Smith", "Ann"), Author("Jones", "Bob")))
    assert compare_reference(ref(title=TITLE, authors=("Jones B",), et_al=True), work) == ()


def test_another_first_author_without_the_title_is_probably_another_paper():
    work = Work("10.1/a", title=TITLE, authors=(Author("Smith", "Ann"),))
    found = by_field(compare_reference(ref(authors=("Brown C",)), work))
    assert found["first_author"] == (
        "Brown",
        "Smith",
        Severity.ERROR,
        "the first author differs and the title does not confirm the work: probably a different paper",
    )


def test_one_author_of_three_without_et_al_is_named():
    work = Work("10.1/a", title=TITLE, authors=tuple(Author(f) for f in ("Smith", "Jones", "Brown")))
    found = by_field(compare_reference(ref(title=TITLE, authors=("Smith A",)), work))
    assert found["authors"][3] == "the article lists 1 of the 3 registered authors without 'et al.'"


def test_issues_compare_only_plain_numbers():
    work = Work("10.1/i", title=TITLE, issue="4")
    found = by_field(compare_reference(ref(title=TITLE, issue="3"), work))
    assert found["issue"] == ("3", "4", Severity.WARNING, "issue 3; the record says 4")
    assert compare_reference(ref(title=TITLE, issue="Suppl 2"), work) == ()
    assert compare_reference(ref(title=TITLE, issue="3"), Work("10.1/i", title=TITLE, issue="3-4")) == ()


def test_pages_against_pages_or_an_article_number():
    paged = Work("10.1/p", title=TITLE, pages="156-159")
    found = by_field(compare_reference(ref(title=TITLE, pages="160-9"), paged))
    assert found["pages"] == ("160-9", "156-159", Severity.WARNING, "first page 160, the record says 156")
    numbered = Work("10.1/n", title=TITLE, article_number="e1234")
    found = by_field(compare_reference(ref(title=TITLE, pages="15-20"), numbered))
    assert found["pages"] == (
        "15-20",
        "e1234",
        Severity.WARNING,
        "pages 15-20, the record's article number is e1234",
    )
    assert compare_reference(ref(title=TITLE, pages="1-10"), numbered) == ()  # the PDF's own page numbers
    assert compare_reference(ref(title=TITLE, pages="pp. 156-159"), paged) == ()


def test_family_names_with_one_letter_changed():
    from claimcheck.verify.fieldmatch import family_matches, name_key

    assert family_matches("Schmidt", "Schmitt")  # 86/100 alike, long enough to tolerate
    assert not family_matches("Lee", "Lei")  # too short to tolerate a changed letter
    assert name_key("van der Berg") == "berg" and name_key("van der") == "vander"  # particles only: kept


def test_a_discrepancy_shows_both_values_in_its_repr():
    d = Discrepancy("year", "2019", "2020", Severity.WARNING, "the article says 2019; the record gives 2020")
    assert repr(d) == "<Discrepancy warning year: '2019' vs '2020'>"
