"""Author-year citations as PDF text prints them, linked to their entries: excerpts written for the tests."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.read.article import parse_article
from claimcheck.read.authoryear import Linker, find_author_year, number_references
from claimcheck.read.references.parse import parse_reference, parse_reference_list
from claimcheck.registry.resolve import OfflineResolver

_CODES = {"citation-not-in-list", "ambiguous-citation", "reference-never-cited"}


def _labels(text: str, **kw: object) -> list[str]:
    return [c.label for c in find_author_year(text, **kw)]  # type: ignore[arg-type]


def _audit(body: str, entries: str) -> claimcheck.Report:
    return claimcheck.audit(f"{body}\n\nReferences\n\n{entries}", resolver=OfflineResolver())


def _misses(report: claimcheck.Report) -> list[tuple[str, object]]:
    return sorted(
        (f.code, f.detail.get("cited") or f.reference_number) for f in report.findings if f.code in _CODES
    )


# --- citation forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Reward (see for a recent meta-analysis Sescousse et al., 2013).", ["Sescousse et al., 2013"]),
        (
            "A map (adapted and modified from Kelley, 2004; Lisman and Grace, 2005).",
            ["Kelley, 2004", "Lisman & Grace, 2005"],
        ),
        (
            "Youths (e.g. Asarnow et al., 2011, Esposito-Smythers 2011; King et al., 2019a).",
            ["Asarnow et al., 2011", "Esposito-Smythers, 2011", "King et al., 2019a"],
        ),
        (
            "Models (PREMISE, Burger et al., 2021; PETRA, Riese et al., 2021).",
            ["Burger et al., 2021", "Riese et al., 2021"],
        ),
        ("A recent article by Walsh and coworkers (2018) shows it.", ["Walsh et al., 2018"]),
        (
            "Grief fell (a subscale of the Grief Inventory [Marwit & Meuser, 2002]) by [1] 3 months.",
            ["Marwit & Meuser, 2002"],
        ),
        ("Smith and colleagues (2019) found it.", ["Smith et al., 2019"]),
        ("Nothing here (van der Does et al., 2023; data not shown).", ["van der Does et al., 2023"]),
        (
            "In the first wave (May-July 2020) and the second (July-December 2020) (Winter-Hart, 2021).",
            ["Winter-Hart, 2021"],
        ),
        (
            "A framework (Global Association of Applied Nursing and International Union of\n"
            "Clinical Science, 2016) and a code (Smith Jones Brown Green White Black Grey Lee Park, 2019).",
            ["Global Association of Applied Nursing and International Union of Clinical Science, 2016"],
        ),
    ],
)
def test_citation_forms(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_lone_name_after_in_is_a_citation_only_when_the_list_has_it() -> None:
    text = "Abuse was linked with self-harm in Russell (2019). It appeared in Nature (2019)."
    assert _labels(text) == []
    assert _labels(text, known={("russell", "2019")}) == ["Russell, 2019"]


def test_a_journal_line_or_an_edition_label_is_no_citation_unless_the_list_has_it() -> None:
    assert _labels("Late diagnosis in women. (J. of Att. Dis. 2023; 27(7) 645-657)") == []
    text = "In the years between DSM-III-R (1987) and DSM-IV (1994), as J. Smith (1995) saw."
    assert _labels(text) == ["J. Smith, 1995"]
    assert _labels(text, known={("dsmiv", "1994")}) == ["DSM-IV, 1994", "J. Smith, 1995"]


def test_initials_after_a_surname_are_not_a_narrative_citation() -> None:
    assert _labels("Cite this article: Marchi M, Ferrari S, Galeazzi GM (2023). Post-traumatic stress.") == []
    assert _labels("CITATION\nLin K, Zhao L-Y, Huang X-B\nand Qiu J-L (2025) Bibliometric analysis.") == []
    assert _labels("The guideline by WHO (2019) says so.") == ["WHO, 2019"]


# --- a citation cut by a page or a paragraph break ------------------------------------------------


def test_a_citation_cut_by_a_blank_line_is_read_whole_and_marked_where_it_starts() -> None:
    body = "It is common (Coxon et al., 2018). Most women report pain (Maddern et al.,\n\n2020). It lasts."
    entries = (
        "Coxon, L., Horne, A. W., & Vincent, K. (2018). Pathophysiology of pain. Pain, 9, 1-2.\n\n"
        "Maddern, J., Grundy, L., & Castro, J. (2020). Pain in endometriosis. Front Neurosci, 14, 1-2."
    )
    report = _audit(body, entries)
    assert _misses(report) == []
    [marker] = [m for c in report.claims for m in c.markers if m.raw.startswith("Maddern")]
    assert marker.label == "Maddern et al., 2020" and marker.numbers == (2,)
    assert report.article.text[marker.start : marker.end] == marker.raw == "Maddern et al.,"


def test_the_works_after_a_cut_inside_a_parenthesis_are_read_in_the_block_that_closes_it() -> None:
    body = (
        "Women with ADHD are often diagnosed late (Lynn, 2019). Self-esteem was low in every study"
        " (Bartlett\n\net al., 2005; Henry & Jones, 2011; Lynn, 2019). It improved after diagnosis."
    )
    entries = (
        "Bartlett, R., Rowe, T., & Shattell, M. (2005). Perspectives on ADHD. Ment Health, 26, 1-2.\n\n"
        "Henry, E., & Jones, S. (2011). Experiences of women with ADHD. J Atten Disord, 15, 3-4.\n\n"
        "Lynn, K. (2019). A life with ADHD. Doctoral dissertation, Walden University, 5-6."
    )
    report = _audit(body, entries)
    assert _misses(report) == []
    [marker] = [m for c in report.claims for m in c.markers if m.label == "Henry & Jones, 2011"]
    assert report.article.text[marker.start : marker.end] == "Henry & Jones, 2011"
    closing = next(b for b in report.article.blocks if b.text.startswith("et al."))
    markers = Linker(report.article, report.references).markers(closing.text, closing.start)
    assert [m.label for m in markers] == ["Henry & Jones, 2011", "Lynn, 2019"]


def test_a_citation_cut_by_a_running_head_is_read_whole() -> None:
    body = (
        "The checklist is widely used (Weathers et al., 1993). "
        "Validity was shown by others (Dobie et al., 2002; Walker, Newman,\n\n"
        "West J Nurs Res. Author manuscript; available in PMC 2018 June 04.\n\n"
        "Page 7\n\n"
        "Katon, 2002). The scale is short."
    )
    entries = (
        "Dobie DJ, Kivlahan DR, Maynard C (2002). Screening for PTSD. Arch Intern Med, 162, 1-2.\n\n"
        "Walker EA, Newman E, Katon W (2002). Validation of the checklist. Gen Hosp Psychiatry, 24, 3-4.\n\n"
        "Weathers FW, Litz BT, Herman DS (1993). The PTSD checklist. Paper presented at ISTSS, San Antonio."
    )
    report = _audit(body, entries)
    assert _misses(report) == []
    assert {n for c in report.claims for n in c.citations} == {1, 2, 3}


# --- matching: tolerant of how a name is printed, strict on the year -------------------------------


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        (
            "(Van Tol et al., 2010)",
            "van Tol, M. J., Demenescu, L. R., & Aleman, A. (2010). Regional volume. Arch Psych, 67, 1.",
        ),
        (
            "(Akar et al., 2015)",
            "Akdemir Akar S, Kara S, Agambayev S (2015) Nonlinear analysis of EEG. Comput Biol Med 1:2-3.",
        ),
        (
            "(R Core Team, 2017)",
            "Team, R. C. (2017). R: A language and environment for statistical computing. Vienna.",
        ),
        (
            "(US Food and Drug Administration, 2018)",
            "Food and Drug Administration (2018). Suicidality in children. Retrieved from https://www.example.gov/x",
        ),
        (
            "(Society of Critical Care Medicine, 2012)",
            "Society of Critical Care Medicine. History of critical care. 2012. Retrieved from http://www.example.org/h",
        ),
        (
            "(Esquire, 2021)",
            "The reluctant guide to starting therapy. (2021, December 30). Esquire. https://www.example.com/guide",
        ),
        (
            "(IUPsyS, 2008)",
            "International Union of Psychological Science (2008) The universal declaration of principles.",
        ),
        (
            "(Mental Health Care Health Professional Shortage Areas, 2021)",
            "Mental Health Care Health Professional Shortage Areas (HPSAs). (2021). Kaiser Foundation.",
        ),
        (
            "(HPSAs, 2021)",
            "Health Professional Shortage Areas (HPSAs). (2021). Kaiser Family Foundation. https://www.kff.org/x",
        ),
        (
            "(DfE, 2019)",
            "Department for Education (2019). Mental health and behaviour in schools. London: HMSO.",
        ),
        (
            "(Schüttler et al., 1987)",
            "Schuttler J, Stanski DR, White PF (1987) Pharmacodynamic modeling. J Pharmacokinet 15:241-262.",
        ),
    ],
)
def test_a_citation_finds_its_entry_however_the_name_is_printed(cited: str, entry: str) -> None:
    assert _misses(_audit(f"It is so {cited}.", entry)) == []


def test_a_looser_name_never_matches_another_year() -> None:
    entry = "Akdemir Akar S, Kara S, Agambayev S (2015) Nonlinear analysis of EEG. Comput Biol Med 1:2-3."
    assert _misses(_audit("It is so (Akar et al., 2016).", entry)) == [
        ("citation-not-in-list", "Akar et al., 2016"),
        ("reference-never-cited", 1),
    ]


def test_an_acronym_with_small_letters_is_no_surname_of_capitals() -> None:
    entry = "Legal Board (2019). Rules on consent to treatment. London: The Board."
    assert _misses(_audit("It is so (LeBlanc, 2019).", entry)) == [
        ("citation-not-in-list", "LeBlanc, 2019"),
        ("reference-never-cited", 1),
    ]


def test_a_place_a_remark_names_before_the_authors_is_no_author_when_the_list_has_the_next_name() -> None:
    text = "Trials (usual care in Norway, Mehlum et al., 2019; e.g., in the UK, Smith, 2018)."
    both = {("mehlum", "2019"), ("smith", "2018")}
    assert _labels(text, known=both) == ["Mehlum et al., 2019", "Smith, 2018"]
    assert _labels(text, known={("smith", "2018")}) == ["Norway, Mehlum, et al., 2019", "Smith, 2018"]
    [cited] = find_author_year(text, known={("mehlum", "2019")})[:1]
    assert text[cited.start : cited.end] == cited.raw == "Mehlum et al., 2019"


def test_two_authors_and_et_al_of_the_same_year_link_to_their_own_entries() -> None:
    art = parse_article("One (Lee and Park, 2018). Two (Lee et al., 2018). Three (Lee, Park, & Kim, 2018).")
    refs = number_references(
        parse_reference_list(
            "Lee, J., & Park, S. (2018). A pair. J Tests, 1, 1-2.\n"
            "Lee, J., Kim, H., Cho, Y., & Yoon, D. (2018). A team. J Tests, 2, 3-4.\n"
        )
    )
    linker = Linker(art, refs)
    assert [(m.label, m.numbers) for m in linker.markers(art.blocks[0].text)] == [
        ("Lee & Park, 2018", (1,)),
        ("Lee et al., 2018", (2,)),
        ("Lee & Park & Kim, 2018", (1,)),
    ]


# --- entries as PDF text prints them ---------------------------------------------------------------


def test_an_accent_printed_apart_and_a_name_hyphenated_across_lines_do_not_end_the_author_list() -> None:
    ref = parse_reference(
        "Page MJ, McKenzie JE, Grimshaw JM, Hr \u0301objartsson A, Lalu MM, Mayo-\n"
        "Wilson E, Whiting P and Moher D (2021) The PRISMA 2020 statement: an updated guide. BMJ 372, n71."
    )
    assert ref.year == 2021
    assert "Hrobjartsson A" in ref.authors and "Mayo-Wilson E" in ref.authors


def test_an_acronym_opens_an_entry() -> None:
    text = (
        "Russell A, Heron J (2019). Pathways to self-harm. Journal of Child Psychology and\n"
        "Psychiatry.\n"
        "SAMHSA (2014). Concept of trauma and guidance. Rockville, MD: HHS.\n"
    )
    assert [r.raw.split()[0] for r in parse_reference_list(text)] == ["Russell", "SAMHSA"]


def test_a_name_broken_after_its_particle_stays_in_its_entry() -> None:
    text = (
        "Kessler RC, Chiu WT (2005) Prevalence of disorders. Arch Gen Psychiatry 62:617–627.\n"
        "|\n"
        "Kochs  E,  Scharein  E,  Bromm  B,  Schulte  am\n"
        "Esch  J  (1996)  Analgesic  efficacy  of  low-dose  ketamine. Anesthesiology 85:304–314.\n"
        "De  Pascalis  V,  Cozzuto  G  (2013) Relations among EEG-alpha asymmetry. Biol Psychol 94:198–209.\n"
    )
    assert [r.raw.split()[0] for r in parse_reference_list(text)] == ["Kessler", "Kochs", "De"]


def test_an_organisation_named_in_the_sentence_is_a_citation_when_the_list_has_it() -> None:
    text = (
        "Groups follow the White House Office of Management and Budget (2022), as Smith and Jones (2020) did."
    )
    assert _labels(text) == ["Management & Budget, 2022", "Smith & Jones, 2020"]
    known = {("officeofmanagementandbudget", "2022"), ("jones", "2020")}
    assert _labels(text, known=known) == [
        "White House Office of Management and Budget, 2022",
        "Smith & Jones, 2020",
    ]
    body = (
        "Groups follow the White House Office of Management and Budget (2022). Rates rose (Han et al., 2022)."
    )
    entries = (
        "Han B, Einstein E, Jones C, 2022. Racial disparities in overdose. JAMA Psychiatry 79, 1-2.\n\n"
        "Office of Management and Budget, 2022. Statistical programs and standards. Available at: https://x.gov/omb"
    )
    assert _misses(_audit(body, entries)) == []
