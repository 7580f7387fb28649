"""Wiki and scraped-page habits: [citation needed], bare links, one source twice, lists printed twice.

tests/fixtures/formats/wiki-ketamine.html is a page made for these tests in the shape of a
Wikipedia article: skip link, navigation, table of contents, infobox, hatnote, [edit] links,
<sup class="reference">[1]</sup> markers, a [citation needed] tag, a reflist of bare links with
^ back-links, a navbox, categories and a footer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.checks import DEFAULT_CHECKS
from claimcheck.checks.input import INPUT_CHECKS, INPUT_CODES, is_bare_link
from claimcheck.model import Reference
from claimcheck.registry.resolve import OfflineResolver

CHECKS = tuple(dict.fromkeys([*DEFAULT_CHECKS, *INPUT_CHECKS]))

WIKI = (Path(__file__).resolve().parent / "fixtures" / "formats" / "wiki-ketamine.html").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def wiki() -> claimcheck.Report:
    return claimcheck.audit(WIKI, resolver=OfflineResolver(), checks=CHECKS)


def test_wiki_chrome_is_dropped(wiki):
    text = wiki.article.text
    for chrome in (
        "Jump to content",
        "Main page",
        "Contents",
        "bioavailable",
        "For the band",
        "[edit]",
        "navboxes",
        "Categories",
        "Creative Commons",
        "^",
    ):
        assert chrome not in text, chrome
    assert [c.citations for c in wiki.claims] == [(1,), (2, 3), (), ()]


def test_citation_needed_is_an_uncited_claim_the_page_admits(wiki):
    [finding] = wiki.filter(code="uncited-claim")
    claim = next(c for c in wiki.claims if c.id == finding.claim_id)
    assert claim.text == "About 30% of users report dissociation."  # the tag stays with it, like a marker
    assert "the page itself says citation needed" in finding.message
    assert claim.reasons[-1] == "citation needed: the page itself says citation needed"


def test_citation_needed_alone_makes_a_sentence_check_worthy():
    report = claimcheck.audit(
        "Ketamine was first made in 1962.[citation needed] It is on the WHO list.", resolver=OfflineResolver()
    )
    [finding] = report.filter(code="uncited-claim")
    assert finding.claim_id == 1 and report.claims[1].check_worthy is False


def test_bare_links_and_the_same_source_under_two_numbers(wiki):
    bare = {f.reference_number: f.severity.value for f in wiki.filter(code="reference-bare-link")}
    assert bare == {1: "warning", 2: "info"}  # the PubMed link can still be checked
    assert wiki.references[1].pmid == "10686270"
    [dup] = wiki.filter(code="duplicate-reference")
    assert (dup.reference_number, dup.detail["duplicate_of"]) == (3, 1)
    assert "same link" in dup.message


def test_same_pubmed_record_in_a_text_list():
    text = (
        "It works. 1 It lasts. 2\n\nReferences\n\n"
        "1. Berman RM. Antidepressant effects of ketamine. Biol Psychiatry. 2000;47:351-4. PMID: 10686270\n"
        "2. Berman RM, et al. Ketamine in depressed patients. https://pubmed.ncbi.nlm.nih.gov/10686270/\n"
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    [dup] = report.filter(code="duplicate-reference")
    assert dup.reference_number == 2 and "PubMed record" in dup.message


def test_a_text_list_printed_twice_is_read_once():
    entries = (
        "1. Doe J. A trial of ketamine. J Med. 2020;1:2-3.\n"
        "2. Roe K. Another trial of ketamine. BMJ. 2021;2:4-5.\n"
    )
    text = f"It works. 1 It lasts. 2\n\nReferences\n\n{entries}{entries}"
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    assert [r.number for r in report.references] == [1, 2]
    codes = {f.code for f in report.findings}
    assert "reference-list-repeated" in codes
    assert not codes & {"duplicate-reference-number", "duplicate-reference"}
    [repeated] = report.filter(code="reference-list-repeated")
    assert report.article.text[repeated.start : repeated.end] == entries.strip()
    assert repeated.severity is INPUT_CODES["reference-list-repeated"].severity


def test_a_list_with_one_entry_repeated_is_not_a_list_printed_twice():
    text = (
        "It works. 1 It lasts. 2\n\n1. Doe J. A randomised trial of ketamine at home. J Med. 2020;1:2-3.\n"
        "2. Doe J. A randomised trial of ketamine at home. J Med. 2020;1:2-3.\n"
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), checks=CHECKS)
    assert report.filter(code="duplicate-reference") and not report.filter(code="reference-list-repeated")


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("1. https://www.cdc.gov/depression/", True),
        ("2. Available at: https://www.who.int/x", True),
        ("[3] www.nimh.nih.gov", True),
        ("4. CDC. Depression basics. 2020. https://www.cdc.gov/depression/", False),
        ("5. Doe J. A trial. J Med. 2020;1:2.", False),
    ],
)
def test_is_bare_link(raw, bare):
    assert is_bare_link(Reference(1, raw)) is bare
