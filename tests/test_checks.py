"""The checks on hand-built claims and references: no parsing, no network."""

from __future__ import annotations

import dataclasses

import pytest

from claimcheck.checks import CITATION_CHECKS as DEFAULT_CHECKS
from claimcheck.checks import CODES, AuditContext, run_checks
from claimcheck.graph import build_graph
from claimcheck.model import (
    Article,
    BlockKind,
    Claim,
    Marker,
    Reference,
    Resolution,
    Severity,
    Status,
    Work,
)

ARTICLE = Article(text="x" * 2000, blocks=())


def claim(cid: int, *numbers: int, worthy: bool = True, at: int | None = None) -> Claim:
    start = at if at is not None else cid * 100
    markers = (
        (Marker(",".join(map(str, numbers)), start + 50, start + 51, numbers, "bracket"),) if numbers else ()
    )
    return Claim(
        cid,
        f"claim {cid}",
        start,
        start + 50,
        cid,
        BlockKind.PARAGRAPH,
        markers=markers,
        citations=numbers,
        check_worthy=worthy,
        reasons=("statistic",) if worthy else (),
    )


def ref(
    number: int,
    *,
    doi: str | None = None,
    title: str | None = None,
    year: int | None = 2020,
    url: str | None = None,
    doi_raw: str | None = None,
    problems: tuple[str, ...] = (),
) -> Reference:
    return Reference(
        number,
        f"{number}. Author A. {title or 'Title ' + str(number)}. J. {year}.",
        start=1000 + number * 10,
        end=1005 + number * 10,
        authors=("Author A",),
        title=title or f"A distinct title number {number}",
        year=year,
        doi=doi,
        doi_raw=doi_raw or doi,
        url=url,
        problems=problems,
    )


def run(claims, refs, resolutions=None, checks=DEFAULT_CHECKS):
    G = build_graph(claims, refs, resolutions)
    return run_checks(AuditContext(ARTICLE, tuple(claims), tuple(refs), resolutions or {}, G), checks)


def codes(findings) -> list[tuple[str, int | None, int | None]]:
    return sorted((f.code, f.claim_id, f.reference_number) for f in findings)


def doi_ref(n: int) -> Reference:
    return ref(n, doi=f"10.1000/ref{n}")


def test_clean_article_has_no_findings():
    claims = [claim(1, 1), claim(2, 2), claim(3, worthy=False)]
    assert run(claims, [doi_ref(1), doi_ref(2)]) == []


def test_citation_not_in_list_points_at_the_marker():
    [f] = run([claim(1, 1), claim(2, 3)], [doi_ref(1), doi_ref(2)], checks=[DEFAULT_CHECKS[1]])
    assert (f.code, f.claim_id, f.reference_number, f.severity) == (
        "citation-not-in-list",
        2,
        3,
        Severity.ERROR,
    )
    assert (f.start, f.end) == (250, 251)


def test_never_cited_and_not_in_list_together():
    found = run([claim(1, 1), claim(2, 3)], [doi_ref(1), doi_ref(2)])
    assert codes(found) == [("citation-not-in-list", 2, 3), ("reference-never-cited", None, 2)]


def test_citation_out_of_order_names_the_skipped_number():
    found = run([claim(1, 1), claim(2, 3), claim(3, 2)], [doi_ref(1), doi_ref(2), doi_ref(3)])
    assert codes(found) == [("citation-out-of-order", 2, 3)]
    assert found[0].detail["not_yet_cited"] == [2]


def test_repeated_citations_are_not_out_of_order():
    found = run([claim(1, 1, 2), claim(2, 1), claim(3, 3)], [doi_ref(1), doi_ref(2), doi_ref(3)])
    assert found == []


def test_duplicate_reference_by_doi_and_by_title():
    refs = [
        ref(1, doi="10.1000/a"),
        ref(2, doi="10.1000/a", title="Another title entirely for the same DOI"),
        ref(3, title="Ketamine for treatment-resistant depression: a review", url="http://x"),
        ref(4, title="Ketamine for treatment resistant depression - a review.", url="http://y"),
    ]
    found = run([claim(1, 1, 2, 3, 4)], refs)
    assert codes(found) == [("duplicate-reference", None, 2), ("duplicate-reference", None, 4)]
    assert [f.detail["duplicate_of"] for f in found] == [1, 3]


def test_same_title_different_year_is_not_a_duplicate():
    refs = [
        ref(1, title="Ketamine for depression: a review", url="u", year=2019),
        ref(2, title="Ketamine for depression: a review", url="v", year=2021),
    ]
    assert run([claim(1, 1, 2)], refs) == []


def test_duplicate_number_and_gap():
    refs = [doi_ref(1), doi_ref(1), doi_ref(2), doi_ref(4)]
    found = run([claim(1, 1, 2, 4)], refs)
    assert codes(found) == [
        ("duplicate-reference", None, 1),
        ("duplicate-reference-number", None, 1),
        ("reference-numbering-gap", None, None),
    ]


def test_identifier_findings():
    bad = dataclasses.replace(
        ref(2, doi_raw="10.1016.j.jad.2022.07.004"),
        doi=None,
        doi_suggestion="10.1016/j.jad.2022.07.004",
        doi_problem="a dot where the slash belongs",
    )
    found = run([claim(1, 1, 2, 3)], [ref(1), bad, ref(3, url="https://example.org")])
    assert codes(found) == [("invalid-doi", None, 2), ("reference-without-identifier", None, 1)]
    invalid = next(f for f in found if f.code == "invalid-doi")
    assert "Did you mean 10.1016/j.jad.2022.07.004?" in invalid.message


def test_uncited_claim_only_for_check_worthy_sentences():
    found = run([claim(1, 1), claim(2), claim(3, worthy=False)], [doi_ref(1)])
    assert codes(found) == [("uncited-claim", 2, None)]


def test_no_reference_list():
    found = run([claim(1, 1)], [])
    assert codes(found) == [("citation-not-in-list", 1, 1), ("no-reference-list", None, None)]


def test_unparsed_reference_is_a_finding():
    found = run([claim(1, 1)], [ref(1, url="u", problems=("no year found",))])
    assert codes(found) == [("reference-unparsed", None, 1)]


@pytest.mark.parametrize(
    ("status", "reason", "agency", "expected"),
    [
        (Status.NOT_FOUND, None, None, "doi-not-found"),
        (Status.UNCHECKED, "offline", None, "reference-unchecked"),
        (Status.UNCHECKED, "rate-limited", None, "reference-unchecked"),
        (Status.UNCHECKED, "registered with DataCite", "DataCite", "doi-registered-elsewhere"),
        (Status.RESOLVED, None, "crossref", None),
    ],
)
def test_resolution_findings(status, reason, agency, expected):
    work = Work("10.1000/ref1", title="T") if status is Status.RESOLVED else None
    res = {1: Resolution("10.1000/ref1", status, work=work, reason=reason, agency=agency)}
    found = run([claim(1, 1)], [doi_ref(1)], res)
    assert [f.code for f in found] == ([expected] if expected else [])


def test_unchecked_is_never_an_error_or_a_pass():
    res = {1: Resolution("10.1000/ref1", Status.UNCHECKED, reason="offline")}
    [f] = run([claim(1, 1)], [doi_ref(1)], res)
    assert f.severity is Severity.INFO
    assert "could not be checked (offline)" in f.message


def test_every_default_check_emits_only_registered_codes():
    refs = [ref(1), ref(1), ref(3, doi_raw="bad"), doi_ref(4)]
    res = {4: Resolution("10.1000/ref4", Status.NOT_FOUND)}
    found = run([claim(1, 4, 9), claim(2), claim(3, 1)], refs, res)
    # worked out by hand: 9 has no entry, 4 comes before the cited 1, 2 is missing from the
    # numbering, 3 is never cited and its DOI is bad, the two 1s are the same entry twice
    assert codes(found) == [
        ("citation-not-in-list", 1, 9),
        ("citation-out-of-order", 1, 4),
        ("doi-not-found", None, 4),
        ("duplicate-reference", None, 1),
        ("duplicate-reference-number", None, 1),
        ("invalid-doi", None, 3),
        ("reference-never-cited", None, 3),
        ("reference-numbering-gap", None, None),
        ("reference-without-identifier", None, 1),
        ("reference-without-identifier", None, 1),
        ("uncited-claim", 2, None),
    ]
    assert {f.code for f in found} <= set(CODES)
    assert all(f.severity is CODES[f.code].severity for f in found)


def test_a_number_missing_from_the_list_is_not_also_out_of_order():
    # [9] has no entry: that is citation-not-in-list, and it must not be read as "9 cited
    # before the still uncited 2"
    found = run([claim(1, 1), claim(2, 9), claim(3, 2)], [doi_ref(1), doi_ref(2)])
    assert codes(found) == [("citation-not-in-list", 2, 9)]


def test_a_never_cited_entry_does_not_make_later_numbers_out_of_order():
    found = run([claim(1, 1), claim(2, 3), claim(3, 4)], [doi_ref(1), doi_ref(2), doi_ref(3), doi_ref(4)])
    assert codes(found) == [("reference-never-cited", None, 2)]
