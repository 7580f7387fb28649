"""What each citation finding says: message, detail and span, on hand-built claims and references.

``test_checks.py`` pins which findings appear; this pins what they tell the reader, so a
wrong number, a lost span or a garbled message fails here.
"""

from __future__ import annotations

import dataclasses

from test_checks import ARTICLE, claim, codes, doi_ref, ref, run

from claimcheck.checks import AuditContext, run_checks
from claimcheck.checks.citations import (
    check_citation_order,
    check_citations_in_list,
    check_duplicate_references,
    check_identifiers,
    check_never_cited,
    check_reference_numbering,
    check_resolution,
)
from claimcheck.graph import build_graph
from claimcheck.model import Reference, Resolution, Status


def said(found):
    return [(f.code, f.message, f.detail, f.start, f.end) for f in found]


def test_a_number_with_no_entry_is_named_with_its_marker():
    found = run([claim(1, 1), claim(2, 3)], [doi_ref(1), doi_ref(2)], checks=[check_citations_in_list])
    assert said(found) == [
        (
            "citation-not-in-list",
            "Claim 2 cites [3], but the reference list has no entry 3.",
            {"cited": 3},
            250,
            251,
        )
    ]
    assert (found[0].claim_id, found[0].reference_number) == (2, 3)


def test_an_article_without_a_list_says_so():
    unnumbered = dataclasses.replace(ref(1), number=None)
    found = run([claim(1, 4)], [unnumbered], checks=[check_citations_in_list])
    assert [f.message for f in found] == ["Claim 1 cites [4], but the article has no reference list 4."]


def test_author_year_articles_are_left_to_their_own_checks():
    claims, refs = [claim(1, 3), claim(2, 2)], [doi_ref(1), doi_ref(2)]
    G = build_graph(claims, refs, {})
    article = dataclasses.replace(ARTICLE, style="author-year")
    ctx = AuditContext(article, tuple(claims), tuple(refs), {}, G)
    assert run_checks(ctx, [check_citations_in_list, check_citation_order]) == []
    numeric = AuditContext(ARTICLE, tuple(claims), tuple(refs), {}, G)
    assert codes(run_checks(numeric, [check_citations_in_list, check_citation_order])) == [
        ("citation-not-in-list", 1, 3)
    ]


def test_every_never_cited_entry_is_reported():
    found = run([claim(1, 1)], [doi_ref(1), doi_ref(2), doi_ref(3)], checks=[check_never_cited])
    assert [f.message for f in found] == [
        "Reference 2 is listed but never cited in the text.",
        "Reference 3 is listed but never cited in the text.",
    ]


def test_out_of_order_names_both_numbers_and_points_at_the_marker():
    refs = [doi_ref(n) for n in (1, 2, 3)]
    # claim 2 cites 1 again and then 3 for the first time: the repeat does not hide the 3
    found = run([claim(1, 1), claim(2, 1, 3), claim(3, 2)], refs, checks=[check_citation_order])
    assert said(found) == [
        (
            "citation-out-of-order",
            "Reference 3 is first cited (claim 2) before reference 2; references should be numbered "
            "in order of first citation.",
            {"cited": 3, "not_yet_cited": [2]},
            250,
            251,
        )
    ]


def test_numbering_messages_list_at_most_five_missing_numbers():
    def gap(*numbers: int) -> list:
        return said(run([], [doi_ref(n) for n in numbers], checks=[check_reference_numbering]))

    assert gap(1, 7) == [
        (
            "reference-numbering-gap",
            "The reference list skips 2, 3, 4, 5, 6 (it runs to 7).",
            {"missing": [2, 3, 4, 5, 6]},
            None,
            None,
        )
    ]
    assert gap(1, 8)[0][1] == "The reference list skips 2, 3, 4, 5, 6 ... (it runs to 8)."
    assert gap(1, 8)[0][2] == {"missing": [2, 3, 4, 5, 6, 7]}
    assert gap(2, 3)[0][1] == "The reference list skips 1 (it runs to 3)."  # a list must start at 1
    assert gap(1, 2) == []


def test_a_doubled_number_is_named_once_per_extra_entry():
    refs = [doi_ref(1), ref(1, title="Another entry numbered one"), doi_ref(2)]
    found = run([], refs, checks=[check_reference_numbering])
    assert said(found) == [
        (
            "duplicate-reference-number",
            "Two entries are numbered 1; citations of [1] are ambiguous.",
            {},
            1010,
            1015,
        )
    ]


def test_duplicate_entries_by_title_need_long_titles_and_no_two_dois():
    title = "Ketamine for treatment-resistant depression: a review"

    def dup(a: Reference, b: Reference) -> list[str]:
        return [f.message for f in run([], [a, b], checks=[check_duplicate_references])]

    assert dup(ref(1, title=title, url="u"), ref(2, title=title.upper() + ".", url="v")) == [
        "References 1 and 2 describe the same work (same title and year)."
    ]
    # accents and case are folded: Café = cafe
    assert dup(
        ref(1, title="Café au lait spots in children: a review"),
        ref(2, title="Cafe au lait spots in children, a review"),
    )
    short = "Ketamine: a review"  # under 20 letters: too short to call two entries the same
    assert dup(ref(1, title=short, url="u"), ref(2, title=short, url="v")) == []
    # two different DOIs are two works, however alike the titles
    assert dup(ref(1, title=title, doi="10.1/a"), ref(2, title=title, doi="10.1/b")) == []
    # one DOI and a title twin is still a duplicate
    assert dup(ref(1, title=title, doi="10.1/a"), ref(2, title=title, url="v"))
    # 94/100 similar is not the same title
    assert (
        dup(
            ref(1, title="Ketamine for depression in adults at home", url="u"),
            ref(2, title="Ketamine for depression in elders at home", url="v"),
        )
        == []
    )


def test_invalid_doi_says_what_is_wrong_and_the_fix():
    bad = dataclasses.replace(
        ref(3),
        doi_raw="10.1000.abc",
        doi_problem="a dot where the slash belongs",
        doi_suggestion="10.1000/abc",
    )
    plain = dataclasses.replace(ref(4), doi_raw="nonsense")
    found = run([], [bad, plain], checks=[check_identifiers])
    assert said(found) == [
        (
            "invalid-doi",
            "Reference 3 has an invalid DOI '10.1000.abc': a dot where the slash belongs. "
            "Did you mean 10.1000/abc?",
            {"doi": "10.1000.abc", "problem": "a dot where the slash belongs", "suggestion": "10.1000/abc"},
            1030,
            1035,
        ),
        (
            "invalid-doi",
            "Reference 4 has an invalid DOI 'nonsense'.",
            {"doi": "nonsense", "problem": None, "suggestion": None},
            1040,
            1045,
        ),
    ]


def test_an_entry_without_identifier_is_quoted():
    found = run([], [ref(5)], checks=[check_identifiers])
    assert [f.message for f in found] == [
        "Reference 5 ('5. Author A. Title 5. J. 2020.') has no DOI, PMID, URL or ISBN; "
        "add one so readers and editors can find the source."
    ]
    long = run(
        [],
        [ref(6, title="A title that runs on past the sixty characters of a quote")],
        checks=[check_identifiers],
    )
    # the quote is cut to 60 characters, the last one an ellipsis
    assert long[0].message.startswith(
        "Reference 6 ('6. Author A. A title that runs on past the sixty characters…') "
    )


def test_another_agency_is_named_as_it_spells_itself():
    refs = [doi_ref(1), doi_ref(2), doi_ref(3)]
    res = {
        1: Resolution("10.1000/ref1", Status.RESOLVED, agency="DATACITE"),
        2: Resolution("10.1000/ref2", Status.UNCHECKED, agency="medra"),
        3: Resolution("10.1000/ref3", Status.RESOLVED, agency="Airiti"),
    }
    found = run([claim(1, 1, 2, 3)], refs, res, checks=[check_resolution])
    assert [f.message for f in found] == [
        "Reference 1: DOI 10.1000/ref1 is registered with DataCite, not Crossref; "
        "its DataCite record was compared.",
        "Reference 2: DOI 10.1000/ref2 is registered with mEDRA, not Crossref; "
        "its metadata was not compared.",
        "Reference 3: DOI 10.1000/ref3 is registered with Airiti, not Crossref; "
        "its Airiti record was compared.",
    ]
