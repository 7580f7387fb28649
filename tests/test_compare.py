"""compare / fieldmatch / match / updates: pure tests on recorded records and inline references."""

from __future__ import annotations

import doctest
import json
from dataclasses import replace
from pathlib import Path

import pytest

import claimcheck.verify.compare
import claimcheck.verify.fieldmatch
import claimcheck.verify.match
import claimcheck.verify.updates
from claimcheck.model import Author, Reference, Severity, Work
from claimcheck.read.references.parse import parse_reference
from claimcheck.registry.pubmed import parse_medline
from claimcheck.registry.works import work_from_crossref, work_from_datacite, work_from_pubmed
from claimcheck.verify.compare import compare_reference, is_different_work
from claimcheck.verify.fieldmatch import (
    family_matches,
    journal_matches,
    page_range,
    pages_match,
    title_similarity,
)
from claimcheck.verify.match import validate_candidate
from claimcheck.verify.updates import work_updates

FIXTURES = Path(__file__).parent / "fixtures"


def crossref(name: str) -> Work:
    data = json.loads((FIXTURES / "crossref" / name).read_text(encoding="utf-8"))
    return work_from_crossref(data.get("message", data) if "message-type" in data else data)


def datacite(name: str) -> Work:
    return work_from_datacite(json.loads((FIXTURES / "registries" / "datacite" / name).read_text("utf-8")))


def medline(name: str) -> Work:
    (record,) = parse_medline((FIXTURES / "registries" / "pubmed" / name).read_text(encoding="utf-8"))
    return work_from_pubmed(record)


@pytest.mark.parametrize(
    "module",
    [
        claimcheck.verify.compare,
        claimcheck.verify.fieldmatch,
        claimcheck.verify.match,
        claimcheck.verify.updates,
    ],
)
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# -- tolerances: what is not an error ------------------------------------------------------------------


JCLINPATH = crossref("works/10.1136_jclinpath-2020-206745.json")
ESMO = crossref("works/10.1136_esmoopen-2020-000776.json")
SREP = crossref("works/10.1038_srep16696.json")


def ref_for(work: Work, **fields: object) -> Reference:
    """A reference that cites ``work`` correctly, fields overridden."""
    first = work.authors[0]
    base = Reference(
        1,
        "1. (inline test reference)",
        authors=(f"{first.family} {''.join(p[0] for p in (first.given or 'X').split())}",),
        et_al=len(work.authors) > 1,
        title=work.title,
        container=work.short_container or work.container,
        year=work.years[-1] if work.years else None,
        volume=work.volume,
        issue=work.issue,
        pages=work.pages or work.article_number,
        doi=work.doi,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_a_correct_reference_has_no_discrepancy() -> None:
    for work in (JCLINPATH, ESMO, SREP):
        assert compare_reference(ref_for(work), work) == ()


def test_online_and_print_year_both_match() -> None:
    assert JCLINPATH.years == (2020, 2021)
    for year in (2020, 2021):
        assert compare_reference(ref_for(JCLINPATH, year=year), JCLINPATH) == ()
    (d,) = compare_reference(ref_for(JCLINPATH, year=2019), JCLINPATH)
    assert (d.field, d.article, d.record, d.severity) == ("year", "2019", "2020, 2021", Severity.WARNING)


def test_abbreviated_and_full_journal_names() -> None:
    for name in (
        "J Clin Pathol",
        "J. Clin. Pathol.",
        "Journal of Clinical Pathology",
        "JOURNAL OF CLINICAL PATHOLOGY",
    ):
        assert compare_reference(ref_for(JCLINPATH, container=name), JCLINPATH) == ()
    (d,) = compare_reference(ref_for(JCLINPATH, container="J Clin Oncol"), JCLINPATH)
    assert d.field == "container" and d.record == "Journal of Clinical Pathology"


@pytest.mark.parametrize(
    ("abbreviation", "full"),
    [
        ("J Affect Disord", "Journal of Affective Disorders"),
        ("N Engl J Med", "The New England Journal of Medicine"),
        ("Br J Psychiatry", "British Journal of Psychiatry"),
        (
            "Proc Natl Acad Sci U S A",
            "Proceedings of the National Academy of Sciences of the United States of America",
        ),
        ("Scand J Work Environ Health", "Scandinavian Journal of Work, Environment &amp; Health"),
        ("Ann Med Surg (Lond)", "Annals of medicine and surgery (2012)"),
        ("Can J Stat", "The Canadian journal of statistics = Revue canadienne de statistique"),
        ("Lancet", "The Lancet"),
        ("Urologe", "Der Urologe"),
        ("JAMA", "Journal of the American Medical Association"),
        ("BMJ", "British Medical Journal"),
        ("Med Sci (Paris)", "Medecine sciences : M/S"),
    ],
)
def test_journal_abbreviations(abbreviation: str, full: str) -> None:
    assert journal_matches(abbreviation, [full])


@pytest.mark.parametrize(
    ("article", "record"),
    [
        ("J Affect Disord", "Journal of Affective Neuroscience"),
        ("Am J Psychiatry", "American Journal of Physiology"),
        ("Int J Cancer", "International Journal of Oncology"),
        ("J Med Syst", "Journal of Medical Internet Research"),
        ("Lancet Oncol", "The Lancet"),
        ("JAMA", "Journal of Affective Disorders"),
    ],
)
def test_different_journals_do_not_match(article: str, record: str) -> None:
    assert not journal_matches(article, [record])


def test_medline_journal_pairs_all_match_and_never_cross() -> None:
    """Every recorded MEDLINE record's abbreviation (TA) matches its own full title (JT), no other."""
    pairs = set()
    for folder in (FIXTURES / "registries" / "pubmed", FIXTURES / "pubmed"):
        for path in folder.glob("*.txt"):
            for rec in parse_medline(path.read_text(encoding="utf-8")):
                if rec.journal and rec.journal_abbrev:
                    pairs.add((rec.journal_abbrev, rec.journal))
    assert len(pairs) >= 8
    for ta, jt in pairs:
        assert journal_matches(ta, [jt]), (ta, jt)
        others = [j for t, j in pairs if t != ta and j.lower() != jt.lower()]
        assert not any(journal_matches(ta, [j]) for j in others), ta


def test_elided_pages_and_article_numbers() -> None:
    assert page_range("156-9") == ("156", "159") and page_range("1156–62") == ("1156", "1162")
    assert pages_match("314-20", "314-320") is None
    assert pages_match("e000776", "e000776", "e000776") is None
    assert pages_match("16696", None, "16696") is None  # Sci Rep article number
    assert pages_match("e16696", None, "16696") is None
    assert pages_match("1-9", None, "16696") is None  # the PDF's own pages
    assert compare_reference(ref_for(SREP, pages="16696"), SREP) == ()
    assert compare_reference(ref_for(ESMO, pages="e000776"), ESMO) == ()
    (d,) = compare_reference(ref_for(JCLINPATH, pages="341-320"), JCLINPATH)
    assert d.field == "pages" and "341" in d.explanation


def test_names_particles_diacritics_hyphens_transliteration() -> None:
    assert family_matches("van Liere", "Liere") and family_matches("Van Liere", "van Liere")
    assert family_matches("Panek", "Pánek") and family_matches("Mueller", "Müller")
    assert family_matches("Castano-Vinyals", "CastaÃ±o-Vinyals")  # mojibake in the record
    assert family_matches("Castano Vinyals", "Castaño-Vinyals")
    assert family_matches("Grenier Ouimet", "Ouimet") and family_matches("Al-Harbi", "Al Harbi")
    assert family_matches("Stravopodis", "Στραβοπόδης") and family_matches("Ivanov", "Иванов")
    assert not family_matches("Smith", "Jones") and not family_matches("Lee", "Li")


def test_registered_title_markup_case_retracted_prefix_and_subtitle() -> None:
    wakefield = crossref("registries/compare_crossref_wakefield_retracted.json")
    assert wakefield.title is not None and wakefield.title.startswith("RETRACTED:")
    ref = ref_for(wakefield, title=wakefield.title.removeprefix("RETRACTED: ").lower())
    assert compare_reference(ref, wakefield) == ()
    collective = crossref("registries/audit_crossref_interleaved_collective.json")  # <i>ABO</i> markup
    title = (
        "Relationship between ABO blood group alleles and pancreatic cancer is modulated by secretor "
        "(FUT2) genotype"
    )
    assert title_similarity(title, [collective.title or ""]).score >= 90
    assert compare_reference(ref_for(collective, title=title), collective) == ()
    pediatric = crossref("works/10.1016_j.pediatrneurol.2015.06.002.json")
    assert (
        compare_reference(
            ref_for(pediatric, title="Delay in diagnosis of spinal muscular atrophy"), pediatric
        )
        == ()
    )
    mathml = Work("10.1/m", title="The <mml:math><mml:mi>β</mml:mi></mml:math>-blocker trial")
    assert title_similarity("The beta-blocker trial", [mathml.title or ""]).score >= 90


def test_record_that_omits_the_first_author_is_no_author_error() -> None:
    work = crossref("registries/names_crossref_first_author_omitted.json")
    printed = "Clavel-Chapelon F, van Liere MJ, Giubout C, et al."
    ref = ref_for(work, authors=tuple(printed.removesuffix(", et al.").split(", ")), et_al=True)
    assert [d.field for d in compare_reference(ref, work)] == []


# -- what is an error ---------------------------------------------------------------------------------


def test_a_different_papers_title_is_an_error() -> None:
    other = crossref("works/10.1371_journal.pone.0000030.json")
    found = compare_reference(ref_for(ESMO, title=other.title), ESMO)
    assert [(d.field, d.severity) for d in found] == [("title", Severity.ERROR)]
    assert found[0].article == other.title and found[0].record == ESMO.title
    assert is_different_work(found)


def test_wrong_first_author() -> None:
    ref = ref_for(JCLINPATH, authors=("Zhang W", "Qu S"))
    (d,) = compare_reference(ref, JCLINPATH)
    assert (d.field, d.article, d.record, d.severity) == ("first_author", "Zhang", "Xu", Severity.WARNING)
    # With nothing to confirm the work, a different first author means a different paper.
    (d,) = compare_reference(replace(ref, title=None), JCLINPATH)
    assert d.severity is Severity.ERROR and is_different_work([d])


def test_wrong_volume_issue_and_truncated_author_list() -> None:
    ref = ref_for(JCLINPATH, volume="47", issue="3", authors=("Xu J", "Qu S", "Sun N"), et_al=False)
    found = {d.field: d for d in compare_reference(ref, JCLINPATH)}
    assert set(found) == {"volume", "issue", "authors"}
    assert (found["volume"].article, found["volume"].record) == ("47", "74")
    assert found["authors"].record == "15 registered"
    assert all(d.severity is Severity.WARNING for d in found.values())


def test_datacite_and_pubmed_records_compare_the_same_way() -> None:
    arxiv = datacite("datacite_arxiv_preprint.json")
    ref = parse_reference(
        "8. Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv. 2017. "
        "doi:10.48550/arXiv.1706.03762"
    )
    assert compare_reference(ref, arxiv) == ()
    assert [d.field for d in compare_reference(replace(ref, year=2019), arxiv)] == ["year"]
    article = datacite("datacite_journal_article.json")
    assert (article.container, article.volume, article.issue, article.pages) == (
        "Design and Technology Education: An International Journal",
        "31",
        "2",
        "323-343",
    )
    donat = medline("pubmed_wrapped_title.txt")
    ref = parse_reference(
        "5. Donat-Vargas C, Kogevinas M, Benavente Y, et al. Lifetime exposure to brominated "
        "trihalomethanes in drinking water and swimming pool attendance are associated with chronic "
        "lymphocytic leukemia: a "
        "Multicase-Control Study in Spain (MCC-Spain). J Expo Sci Environ Epidemiol. 2024;34(1):47-57."
    )
    assert compare_reference(ref, donat) == ()
    assert [d.field for d in compare_reference(replace(ref, pages="74-57"), donat)] == ["pages"]


# -- retractions, concerns, corrections -------------------------------------------------------------------


def test_update_status_of_recorded_works() -> None:
    cases = {
        "registries/compare_crossref_wakefield_retracted.json": ("retracted", False),
        "registries/compare_crossref_wakefield_notice.json": ("none", True),
        "registries/crossref_reciprocal_retracted_paper.json": ("retracted", False),
        "registries/crossref_reciprocal_retraction_notice.json": ("none", True),
        "registries/compare_crossref_expression_of_concern.json": ("concern", False),
        "registries/compare_crossref_partial_retraction.json": ("partially-retracted", False),
        "works/10.1371_journal.pone.0033693.json": ("corrected", False),
        "works/10.1371_journal.ppat.1008184.json": ("none", False),  # new_version is no update
    }
    for name, (status, notice) in cases.items():
        u = work_updates(crossref(name))
        assert (u.status, u.is_notice) == (status, notice), name


def test_notices_are_merged_across_sources_and_dated() -> None:
    u = work_updates(crossref("registries/compare_crossref_expression_of_concern.json"))
    (n,) = u.notices
    assert (n.doi, n.date, n.sources) == (
        "10.1371/journal.pone.0256488",
        "2021-10-28",
        ("retraction-watch", "publisher"),
    )
    wakefield = work_updates(crossref("registries/compare_crossref_wakefield_retracted.json"))
    assert [(n.type, n.doi) for n in wakefield.of_status("retracted")] == [
        ("retraction", "10.1016/s0140-6736(10)60175-4")
    ]
    notice = work_updates(crossref("registries/compare_crossref_wakefield_notice.json"))
    assert [n.doi for n in notice.notice_of] == ["10.1016/s0140-6736(97)11096-0"]


def test_retracted_title_alone_counts() -> None:
    u = work_updates(Work("10.1/x", title="RETRACTED ARTICLE: A study of things"))
    assert u.status == "retracted" and u.notices[0].doi is None


def test_pubmed_flags_count() -> None:
    assert work_updates(medline("compare_pubmed_wakefield_retracted.txt")).status == "retracted"
    assert work_updates(medline("compare_pubmed_wakefield_notice.txt")).is_notice
    concern = work_updates(medline("pubmed_concern_only.txt"))
    assert concern.status == "concern" and concern.notices[0].doi == "10.1093/ageing/afy221"
    assert concern.notices[0].date == "2019-02-05"


# -- the validator ------------------------------------------------------------------------------------------


def test_validator_accepts_the_cited_work_and_refuses_neighbours() -> None:
    ref = parse_reference(
        "1. Xu J, Qu S, Sun N, et al. Construction of a reference material panel for detecting "
        "KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA. J Clin Pathol. 2021;74(5):314-320."
    )
    ok, evidence = validate_candidate(ref, JCLINPATH)
    assert ok and {"title", "first_author", "year", "volume", "pages"} <= set(evidence.agreeing)
    for other in (ESMO, SREP, crossref("works/10.1371_journal.pone.0000030.json")):
        assert not validate_candidate(ref, other)[0]
    assert not validate_candidate(replace(ref, year=2015), JCLINPATH)[0]  # years four apart
    assert validate_candidate(replace(ref, year=2022), JCLINPATH)[0]  # within one of the print year
    assert not validate_candidate(replace(ref, authors=("Zhang W",)), JCLINPATH)[0]


def test_validator_refuses_notices_and_title_only_evidence() -> None:
    notice = crossref("registries/compare_crossref_wakefield_notice.json")
    wakefield = crossref("registries/compare_crossref_wakefield_retracted.json")
    ref = parse_reference(
        "Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific "
        "colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-41."
    )
    assert validate_candidate(ref, wakefield)[0]
    ok, evidence = validate_candidate(ref, notice)
    assert not ok and "notice" in evidence.reason
    bare = Reference(
        1, "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder."
    )
    bare = replace(bare, title=bare.raw.rstrip("."))
    ok, evidence = validate_candidate(bare, wakefield)
    assert ok is False and evidence.reason == "only the title agrees"


def test_author_objects_without_family_names() -> None:
    work = Work("10.1/g", title="A guideline", authors=(Author(name="World Health Organization"),))
    ref = Reference(
        1, "World Health Organization. A guideline. 2020.", authors=("World Health Organization",)
    )
    assert [d.field for d in compare_reference(replace(ref, title="A guideline"), work)] == []


def test_subtitle_dropped_with_a_typo_and_notice_references() -> None:
    full = ["Delay in Diagnosis of Spinal Muscular Atrophy: A Systematic Literature Review"]
    assert title_similarity("Delay in diagnosis of psinal muscular atrophy", full).score >= 90
    notice = crossref("registries/crossref_reciprocal_retraction_notice.json")
    paper = crossref("registries/crossref_reciprocal_retracted_paper.json")
    cites_notice = parse_reference(
        "Mehra MR, Ruschitzka F, Patel AN. Retraction—Hydroxychloroquine or chloroquine with or without a "
        "macrolide for treatment of COVID-19: a multinational registry analysis. Lancet. "
        "2020;395(10240):1820."
    )
    assert validate_candidate(cites_notice, notice)[0]
    ok, evidence = validate_candidate(cites_notice, paper)
    assert not ok and evidence.reason == "the reference cites a notice; the hit is not one"
