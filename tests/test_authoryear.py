"""Author-year citations: found, linked by surname and year, and checked like numbers."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.checks import DEFAULT_CHECKS, check_citation_order, check_citations_in_list
from claimcheck.checks.authoryear import AUTHORYEAR_CHECKS, AUTHORYEAR_CODES
from claimcheck.read.article import parse_article
from claimcheck.read.authoryear import Linker, detect_style, find_author_year, number_references
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.registry.resolve import OfflineResolver

# Numeric checks whose numbers mean nothing in an author-year article: they are to skip such
# articles (Article.style), and AUTHORYEAR_CHECKS says what they would have said, in words.
CHECKS = tuple(
    dict.fromkeys(
        [c for c in DEFAULT_CHECKS if c not in (check_citation_order, check_citations_in_list)]
        + list(AUTHORYEAR_CHECKS)
    )
)
CITATION_CODES = {
    "citation-not-in-list",
    "reference-never-cited",
    "ambiguous-citation",
    "citation-out-of-order",
    "uncited-claim",
    "duplicate-reference-number",
    "reference-numbering-gap",
    "no-reference-list",
    "reference-unparsed",
}

ARTICLE = """Ketamine at Home

Ketamine relieves depression within hours (Berman et al., 2000; Zarate et al., 2006). Taken at home, \
sublingual ketamine was safe for 1247 people (Hull et al., 2022). Smith (2020) found that at-home use \
lowered costs. Dizziness was common, as Lee and Park (2019) reported.

References

Berman, R. M., Cappiello, A., & Anand, A. (2000). Antidepressant effects of ketamine in depressed \
patients. Biological Psychiatry, 47(4), 351-354. https://doi.org/10.1016/S0006-3223(99)00230-9

Hull, T. D., Malgaroli, M., & Gazzaley, A. (2022). At-home, sublingual ketamine telehealth is a safe \
and effective treatment. Journal of Affective Disorders, 314, 59-67. https://doi.org/10.1016/j.jad.2022.07.004

Murrough, J. W. (2013). Antidepressant efficacy of ketamine in treatment-resistant major depression. \
American Journal of Psychiatry, 170(10), 1134-1142. https://doi.org/10.1176/appi.ajp.2013.13030392

Smith, J. (2020). Costs of ketamine clinics. Health Affairs, 39, 1-9. https://doi.org/10.1000/costs.1

Smith, K. (2020). Ketamine at home: a cost study. Psychiatric Services, 71, 10-12. \
https://doi.org/10.1000/costs.2

Zarate, C. A., Singh, J. B., & Carlson, P. J. (2006). A randomized trial of an N-methyl-D-aspartate \
antagonist in treatment-resistant major depression. Archives of General Psychiatry, 63(8), 856-864. \
https://doi.org/10.1001/archpsyc.63.8.856
"""


@pytest.fixture(scope="module")
def report() -> claimcheck.Report:
    return claimcheck.audit(ARTICLE, resolver=OfflineResolver(), checks=CHECKS)


def _claim(report, start):
    return next(c for c in report.claims if c.text.startswith(start))


def test_style_is_detected_and_the_list_numbered_in_order(report):
    assert report.article.style == "author-year"
    assert [(r.number, r.first_author_family) for r in report.references] == [
        (1, "Berman"),
        (2, "Hull"),
        (3, "Murrough"),
        (4, "Smith"),
        (5, "Smith"),
        (6, "Zarate"),
    ]


def test_citations_link_to_entries(report):
    first = _claim(report, "Ketamine relieves")
    assert [(m.label, m.numbers, m.style) for m in first.markers] == [
        ("Berman et al., 2000", (1,), "author-year"),
        ("Zarate et al., 2006", (6,), "author-year"),
    ]
    assert first.citations == (1, 6)
    assert _claim(report, "Taken at home").citations == (2,)
    assert _claim(report, "Smith (2020)").citations == (4, 5)  # ambiguous: both candidates
    assert _claim(report, "Dizziness").citations == (7,)  # no entry: the next number, not listed
    assert report.graph.nodes["ref:7"]["listed"] is False


def test_exactly_the_missing_unused_and_ambiguous_findings(report):
    found = sorted(
        (f.code, f.claim_id, f.reference_number) for f in report.findings if f.code in CITATION_CODES
    )
    smith = _claim(report, "Smith (2020)").id
    lee = _claim(report, "Dizziness").id
    assert found == [
        ("ambiguous-citation", smith, None),
        ("citation-not-in-list", lee, 7),
        ("reference-never-cited", None, 3),
    ]
    [missing] = report.filter(code="citation-not-in-list")
    assert missing.message.startswith(
        f"Claim {lee} cites (Lee & Park, 2019), but the reference list has no entry"
    )
    assert report.article.text[missing.start : missing.end] == "Lee and Park (2019)"
    [ambiguous] = report.filter(code="ambiguous-citation")
    assert "references 4 (Smith 2020) and 5 (Smith 2020)" in ambiguous.message
    assert "label them 2020a and 2020b" in ambiguous.message
    assert ambiguous.severity is AUTHORYEAR_CODES["ambiguous-citation"].severity


def test_year_letters_resolve_the_pair():
    text = (
        ARTICLE.replace("Smith (2020) found", "Smith (2020b) found")
        .replace("Smith, J. (2020).", "Smith, J. (2020a).")
        .replace("Smith, K. (2020).", "Smith, K. (2020b).")
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    assert _claim(report, "Smith (2020b)").citations == (5,)
    assert not report.filter(code="ambiguous-citation")
    assert [f.reference_number for f in report.filter(code="reference-never-cited")] == [3, 4]


def test_letters_in_the_list_but_not_in_the_text_are_still_ambiguous():
    text = ARTICLE.replace("Smith, J. (2020).", "Smith, J. (2020a).").replace(
        "Smith, K. (2020).", "Smith, K. (2020b)."
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    [ambiguous] = report.filter(code="ambiguous-citation")
    assert "cite 2020a or 2020b" in ambiguous.message


def test_missing_entry_names_what_the_list_has():
    # five years off: no slip of the year (test_authoryear_near), a work missing from the list
    text = ARTICLE.replace("(Hull et al., 2022)", "(Hull et al., 2017)")
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    hull = next(f for f in report.filter(code="citation-not-in-list") if "Hull" in f.message)
    assert "no entry by Hull from 2017. The list has Hull 2022." in hull.message


def test_a_year_one_off_for_the_authors_uncited_entry_is_a_slip_not_a_missing_work():
    text = ARTICLE.replace("(Hull et al., 2022)", "(Hull et al., 2021)")
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    assert not [f for f in report.filter(code="citation-not-in-list") if "Hull" in f.message]
    [hull] = report.filter(code="citation-year-differs")
    assert "(Hull et al., 2021)" in hull.message and "Hull 2022" in hull.message


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("It works (Smith et al., 2020).", ["Smith et al., 2020"]),
        ("(Smith & Jones, 2019; Lee, 2021)", ["Smith & Jones, 2019", "Lee, 2021"]),
        ("Smith et al. (2020) found it.", ["Smith et al., 2020"]),
        ("Smith and Jones (2019) found it.", ["Smith & Jones, 2019"]),
        ("(e.g., Smith, 2020a, b; see also Lee 2021, p. 4)", ["Smith, 2020a; Smith, 2020b", "Lee, 2021"]),
        ("(World Health Organization [WHO], 2019)", ["World Health Organization, 2019"]),
        (
            "(Centers for Disease Control and Prevention, 2021)",
            ["Centers for Disease Control and Prevention, 2021"],
        ),
        ("van der Berg et al. (2018) said so.", ["van der Berg et al., 2018"]),
        ("Müller’s (2019) trial.", ["Müller, 2019"]),
        ("(Smith, n.d.)", ["Smith, n.d."]),
        ("In (2020) we saw it.", []),
        ("Published in March (2020).", []),
        ("as the Lancet (2020) reported", []),
        ("(n = 12, 2020)", []),
        ("aged (18-25) or [3] or (3)", []),
    ],
)
def test_find_author_year(text, labels):
    found = find_author_year(text)
    assert [c.label for c in found] == labels
    assert all(text[c.start : c.end] == c.raw for c in found)


def test_numeric_articles_stay_numeric():
    seed = claimcheck.parse("refs/ketamine-at-home.txt")[0]
    assert seed.style == "numeric"
    assert detect_style(parse_article("Smith et al. (2020) found it [1]. Also [2] and [3].")) == "numeric"
    assert detect_style(parse_article("It works (Lee, 2021).")) == "author-year"


def test_organisations_match_by_name_or_acronym():
    refs = number_references(
        parse_reference_list(
            "World Health Organization. (2019). Depression fact sheet. https://www.who.int/news\n\n"
            "Centers for Disease Control and Prevention (CDC). (2021). Ketamine. https://www.cdc.gov/k"
        )
    )
    article = parse_article("A (WHO, 2019). B (World Health Organization, 2019). C (CDC, 2021).")
    linker = Linker(article, refs)
    assert [
        linker.match(label).numbers for label in ("WHO, 2019", "World Health Organization, 2019", "CDC, 2021")
    ] == [
        (1,),
        (1,),
        (2,),
    ]


def test_style_and_counts_are_kept_on_the_report(report):
    from claimcheck.read.load import source_summary

    source = source_summary(report.article, report.claims, report.references)
    assert (source["origin"], source["format"], source["style"]) == ("<string>", "text", "author-year")
    assert source["references_from"] == "article"
    assert source["counts"]["references"] == 6 and source["counts"]["markers"] == 5


def test_a_long_organisation_name_with_a_comma_inside_matches_its_acronym():
    refs = number_references(
        parse_reference_list(
            "United Nations Educational, Scientific and Cultural Organization (2020) Towards access to\n"
            "higher education. Paris: UNESCO.\n\n"
            "Miller, A. B. (2019). A person. Journal of Tests, 1, 1–2."
        )
    )
    article = parse_article("A (UNESCO, 2020). B (Miller, 2019). C (MAB, 2019).")
    linker = Linker(article, refs)
    assert [linker.match(label).numbers for label in ("UNESCO, 2020", "Miller, 2019", "MAB, 2019")] == [
        (1,),
        (2,),
        (),
    ]
