"""Reference lists as PDF text and web pages print them: split, numbered, styled.

Each excerpt is short and written for its test; the patterns come from real
PDF-to-text conversions (numbers printed apart from their entries, page-range
ends on a line of their own, running heads inside the list, blank lines inside
entries and none between them).
"""

from __future__ import annotations

import claimcheck
from claimcheck.model import BlockKind
from claimcheck.read.article import parse_article
from claimcheck.read.authoryear import Linker, detect_style, find_author_year
from claimcheck.read.claims import extract_claims
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.read.references.split import noise_spans, split_reference_list


def _numbers(text: str) -> list[int | None]:
    return [n for n, *_ in split_reference_list(text)]


def _firsts(text: str) -> dict[int | None, str]:
    return {n: raw.split()[0] for n, raw, *_ in split_reference_list(text)}


# --- numbers printed apart from their entries ----------------------------------------------------


def test_numbers_printed_before_their_texts_are_paired_in_order() -> None:
    text = (
        "1.\n\n2.\n\n"
        "Kopilas V, Hasratian AM. Self-perceived mental health in lockdown. Front Psychol.\n"
        "2021;12:621633.\n"
        "European Education and Culture Executive Agency. The impact of the pandemic. 2022.\n"
        "3. Wang S, Chen L. Depression and anxiety after lockdown. Front Psychiatry 2022;13:1752.\n"
    )
    assert _numbers(text) == [1, 2, 3]
    assert _firsts(text) == {1: "Kopilas", 2: "European", 3: "3."}


def test_a_number_printed_after_its_text_takes_the_text_above() -> None:
    text = (
        "6. Mindell JA, Sadeh A. Parental behaviors and sleep outcomes in infants and toddlers: a cross-\n"
        "cultural comparison. Sleep Med. 2010;11:393-9.\n"
        "Owens JA, Mindell JA. Pediatric insomnia. Pediatr Clin North Am. 2011;58:555-69.\n"
        "7.\n"
        "8. Holst SC, Landolt HP. Sleep-wake neurochemistry. Sleep Med Clin. 2018;13:137-46.\n"
    )
    assert _numbers(text) == [6, 7, 8]
    assert _firsts(text)[7] == "Owens"


def test_a_text_before_the_first_number_takes_it() -> None:
    text = (
        "Freudenberger HJ. Staff burn-out. J Soc Issues 1974;30:159-65.\n"
        "1.\n"
        "2. Maslach C, Jackson SE. Maslach Burnout Inventory. Palo Alto: Consulting\n"
        "Psychologists Press; 1986.\n"
    )
    assert _numbers(text) == [1, 2]
    assert _firsts(text)[1] == "Freudenberger"


def test_a_note_before_the_first_number_is_not_an_entry() -> None:
    text = (
        "Papers of particular interest have been highlighted as: * Of importance\n"
        "1. Smith J. One. BMJ. 2020;1:2.\n2. Doe A. Two. BMJ. 2021;3:4.\n"
    )
    assert _numbers(text) == [1, 2]


# --- continuation lines that start with a number -------------------------------------------------


def test_the_end_of_a_page_range_is_not_an_entry_number() -> None:
    text = (
        "1. Tang L, Zhu R. Postpartum depression and social support. J Health Commun. 2016;21:1055-\n"
        "61.\n"
        "2. Ren Y, Ji B. Perceived social support and loneliness. Psychol Rep. 2019;24:827-\n"
        "856.\n"
        "3. Viseu J, Leal R. Economic stress and mental health. Psychiatry Res. 2018;268:5-\n"
        "4.\n"
        "4. Oexle N, Sheehan L. Social support after suicide loss. Crisis. 2020;41:65-9.\n"
    )
    assert _numbers(text) == [1, 2, 3, 4]
    entries = split_reference_list(text)
    assert entries[0][1].endswith("61.")
    assert entries[2][1].endswith("5-\n4.")


def test_a_doi_broken_at_its_dot_is_not_a_numbering() -> None:
    text = (
        "Cohen KA, Stiles-Shields C. Traditional and nontraditional mental health care. npj Digit Med.\n"
        "2021;4:10. doi: 10.\n"
        "10. 1038/s41746-019-0129-6\n"
        "Figueroa CA, Aguilera A. The need for a mental health technology revolution. Front Psychiatry.\n"
        "2020;11:523. doi: 10.\n"
        "10. 3389/fpsyt.2020.00523\n"
    )
    assert _numbers(text) == [None, None]


# --- running heads and page numbers ---------------------------------------------------------------


def test_running_heads_and_page_numbers_are_left_out_of_the_fields() -> None:
    text = (
        "1. Roth T, Coulouvrat C. Prevalence of insomnia in the America Insomnia Survey. Biol\n"
        "Koffel et al.: Increasing access to therapy\n"
        "961\n"
        "Psychiatry. 2011;69:592-600.\n"
        "2. Wickwire EM, Shaya FT. Health economics of insomnia treatments. Sleep Med Rev. 2016;30:72-82.\n"
        "Koffel et al.: Increasing access to therapy\n"
        "Page 2 of 9\n"
    )
    spans = noise_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Koffel et al.: Increasing access to therapy",
        "961",
        "Koffel et al.: Increasing access to therapy",
        "Page 2 of 9",
    ]
    first, second = parse_reference_list(text)
    assert (first.number, first.container, first.year, first.pages) == (1, "Biol Psychiatry", 2011, "592-600")
    assert "Koffel" in first.raw  # the printed entry keeps what was printed
    assert second.pages == "72-82"


def test_a_running_head_printed_once_in_the_list_is_known_from_the_article() -> None:
    head = "Almoabadi and Hanbazaza (2024), PeerJ, DOI 10.7717/peerj.18223"
    article = f"{head}\n\nBody text.\n\n{head}\n\nMore text.\n"
    section = (
        "Hussein M. 2020. Food and agricultural import regulations. Washington, D.C.: USDA.\n"
        f"{head}\n"
        "15/18\n"
        "Ibrahim M, Lawal A. 2021. Food additives among lecturers. Nigerian J Medicine 30(3):232-236.\n"
    )
    assert len(noise_spans(section)) == 1  # only "15/18" on its own
    assert len(noise_spans(section, article)) == 2
    refs = parse_reference_list(section, context=article)
    assert [r.first_author_family for r in refs] == ["Hussein", "Ibrahim"]


def test_letters_printed_down_the_margin_are_noise() -> None:
    text = "Smith J. One. BMJ. 2020;1:2.\n" + "\n".join("Author") + "\nDoe A. Two. BMJ. 2021;3:4.\n"
    assert [r.first_author_family for r in parse_reference_list(text)] == ["Smith", "Doe"]


# --- unnumbered entries: blank lines inside them, none between them --------------------------------


def test_unnumbered_entries_split_by_their_shape_not_by_blank_lines() -> None:
    text = (
        "Ali E, Kerpcarova T. 2019. Family buying behaviour: parents’\n\n"
        "perspective of children. Master's thesis, University of Kristianstad.\n\n"
        "Av A, Adeloye D, Ma A. 2015. Food additives and their health implications on children in\n\n"
        "Africa: a systematic review. The Research Journal of Health Sciences 3(1):1–12.\n"
        "Chazelas E, Deschasaux M, Srour B, Druesne-\n\n"
        "Pecollo N, Galan P. 2020. Food additives in 126,000 products. Scientific Reports 10:3980.\n"
        "Trasande L, Shaffer RM. 2018. Food additives and child health.\n\n"
        "Pediatrics 142(2):e20181410.\n"
        "Washington, DC: American Psychiatric Publishing; 2013.\n"
    )
    firsts = [raw.split()[0] for _, raw, *_ in split_reference_list(text)]
    assert firsts == ["Ali", "Av", "Chazelas", "Trasande"]


def test_organisations_start_entries_and_journals_do_not() -> None:
    text = (
        "Walsh CG, Ribeiro JD. Predicting suicide attempts in adolescents. Clinical\n"
        "Psychological Science, 6(3), 1–12.\n"
        "World Health Organization. Suicide worldwide in 2019. Geneva: WHO; 2021.\n"
        "Cogburn CD. Culture, race, and health: implications for racial inequities.\n"
        "Milbank Q. 2019 Sep;97(3):736–761.\n"
        "Zebrack B, Kayser K. Psychosocial care in oncology. Am J Psychiatry. 2010;1:2.\n"
        "Journal of the American Academy of Child & Adolescent Psychiatry, 53(10), 1082–1091.\n"
    )
    firsts = [raw.split()[0] for _, raw, *_ in split_reference_list(text)]
    assert firsts == ["Walsh", "World", "Cogburn", "Zebrack"]


# --- numbering by position, in either style --------------------------------------------------------


def test_an_unnumbered_list_is_numbered_by_position_in_a_numeric_article() -> None:
    text = (
        "Ketamine helps.[1] It is safe.[2]\n\n"
        "References\n\n"
        "Hassan K, Struthers WM. Sublingual ketamine in depression. Front Psychiatry. 2022;13:1-9.\n"
        "Al-Harbi KS. Treatment-resistant depression. Patient Prefer Adherence. 2012;6:369-388.\n"
    )
    article, refs = claimcheck.parse(text)
    assert article.style == "numeric"
    assert [(r.number, r.first_author_family) for r in refs] == [(1, "Hassan"), (2, "Al-Harbi")]


# --- style per article, mixed allowed --------------------------------------------------------------


_MIXED = (
    "Early work on mood (Smith et al., 1965; Jones, 1970; Brown, 1971) and on sleep (Green et al., 1972;"
    " White, 1975; Black et al., 1977) shaped the field [1]. Later trials (Gray, 1980; Stone et al., 1982;"
    " Wood, 1985; Hill et al., 1988; Lake, 1990; Ford et al., 1992) disagreed [2].\n\n"
    "References\n\n"
    "1. Doe J. A review of mood research. BMJ. 2020;1:2-3.\n"
    "2. Roe A. Trials of sleep and mood. Lancet. 2021;3:4-5.\n"
    "3. Poe B. Forty years of mood trials. JAMA. 2019;5:6-7.\n"
)


def test_a_numeric_article_with_a_dozen_author_year_mentions_stays_numeric() -> None:
    article, refs = claimcheck.parse(_MIXED)
    assert detect_style(article) == "author-year"  # the mentions alone would say so
    assert detect_style(article, refs) == "numeric"  # the numbered list it cites by number says otherwise
    assert article.style == "numeric"
    claims = extract_claims(article, refs)
    assert sorted({n for c in claims for n in c.citations}) == [1, 2]


def test_author_year_mentions_live_beside_numeric_markers() -> None:
    article, refs = claimcheck.parse(_MIXED)
    # the mentions are still found and left unlinked in a numeric article
    assert len(Linker(article, refs).markers(article.blocks[0].text)) == 12


# --- author-year: each citation form links to its own entry ---------------------------------------


def test_lee_and_park_and_lee_et_al_are_two_entries_each_linked() -> None:
    for entries in (
        "Lee J, Park S. 2018. Sleep loss and mood in students. Journal of Sleep 4(2):10-20.\n"
        "Lee J, Cho H, Han M. 2018. Sleep and mood over ten years. Journal of Sleep 4(3):30-40.\n",
        "Lee, J., & Park, S. (2018). Sleep loss and mood in students. Journal of Sleep, 4(2), 10-20.\n"
        "Lee, J., Cho, H., & Han, M. (2018). Sleep and mood over ten years. Journal of Sleep, 4(3), 30-40.\n",
    ):
        text = (
            "Sleep loss predicts low mood (Lee and Park, 2018). Longer follow-up confirmed it "
            "(Lee et al., 2018).\n\nReferences\n\n" + entries
        )
        article, refs = claimcheck.parse(text)
        assert article.style == "author-year"
        assert [r.number for r in refs] == [1, 2]
        claims = extract_claims(article, refs)
        assert [c.citations for c in claims] == [(1,), (2,)]


def test_a_sentence_opener_is_not_an_author() -> None:
    text = "Finally, Sarmiento and Cardemil (2009) found it. However, Auerbach et al. (2005) did not."
    found = find_author_year(text)
    assert [(c.label, text[c.start : c.end]) for c in found] == [
        ("Sarmiento & Cardemil, 2009", "Sarmiento and Cardemil (2009)"),
        ("Auerbach et al., 2005", "Auerbach et al. (2005)"),
    ]


def test_a_long_parenthesis_of_citations_is_read() -> None:
    names = "; ".join(f"Author{chr(65 + i)} et al., {2000 + i}" for i in range(20))
    assert len(find_author_year(f"Twenty studies were included ({names}).")) == 20


# --- headings in PDF text -------------------------------------------------------------------------


def test_a_wrapped_title_case_line_inside_a_sentence_is_not_a_heading() -> None:
    text = (
        "Methods\n\n"
        "The work is licensed under the\n\n"
        "Creative Commons Attribution License\n\n"
        ", which permits use in any medium. Screening found cases of\n\n"
        "Major Depressive Disorder\n\n"
        "in adults.\n"
    )
    article = parse_article(text, format="markdown")
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Methods"]


# --- wiki reference lists of bullets ---------------------------------------------------------------


_WIKI = (
    "# Ketamine\n\n"
    "Ketamine works fast.[1] It may help pain.[2] Relapse is common.[3]\n\n"
    "## References\n\n"
    "- ↑ [https://example.org/ketamine-review](https://example.org/ketamine-review)\n"
    "- ↑ 2.0 2.1 Smith J. Ketamine for depression. Lancet. 2020;1:2-3.\n"
    "- ↑ Doe A. Another trial of ketamine. BMJ. 2021;3:4-5.\n"
)


def test_wiki_bullets_get_numbers_in_a_numeric_article() -> None:
    report = claimcheck.audit(_WIKI, offline=True, store=False, progress=False)
    assert report.article.style == "numeric"
    assert [(r.number, r.first_author_family) for r in report.references] == [
        (1, None),
        (2, "Smith"),
        (3, "Doe"),
    ]
    assert report.references[0].url == "https://example.org/ketamine-review"
    assert not report.filter(code="citation-not-in-list")


def test_wiki_back_links_are_markup_and_give_the_number() -> None:
    text = "* ↑ 12.0 12.1 Smith J. A trial. BMJ. 2020;1:2.\n* ↑ Doe A. Two. BMJ. 2021;3:4.\n"
    entries = split_reference_list(text)
    assert [n for n, *_ in entries] == [12, 13]
    [first, _] = parse_reference_list(text)
    assert (first.number, first.authors, first.title) == (12, ("Smith J",), "A trial")


# --- a bibliography with no heading -----------------------------------------------------------------


def test_an_unnumbered_bibliography_with_no_heading_is_found_by_its_entries() -> None:
    text = (
        "Ketamine at Home\n\n"
        "Ketamine lowered scores in a trial (Kane et al., 2018). Others agree (Smith and Jones, 2020).\n"
        "A registry study disagreed (Lee, 2019).\n\n"
        "Kane JC, Luitel NP, Jordans MJD. Mental health after the Nepal earthquakes. Epidemiol Psychiatr\n"
        "Sci. 2018;27(3):301-10. doi:10.1017/S2045796017000142\n"
        "Lee A. A registry study of ketamine. J Affect Disord. 2019;250:1-9.\n"
        "Smith J, Jones K. Ketamine at home: a cohort. BMJ Open. 2020;10:e000001.\n"
    )
    article, refs = claimcheck.parse(text)
    assert article.references_text.startswith("Kane JC")
    assert [(r.number, r.first_author_family) for r in refs] == [(1, "Kane"), (2, "Lee"), (3, "Smith")]
    claims = extract_claims(article, refs)
    assert sorted({n for c in claims for n in c.citations}) == [1, 2, 3]


def test_prose_about_studies_is_not_a_bibliography() -> None:
    text = (
        "Ketamine at Home\n\n"
        "Smith et al. (2019) found that 40% improved. Doe et al. (2020) saw less, in J Affect Disord.\n"
        "Lee et al. (2021) reported relapse within 2 weeks in BMJ Open, vol. 10.\n"
        "Kim et al. (2022) found the same in Lancet Psychiatry, 2022.\n"
        "Park et al. (2023) saw it too in JAMA Psychiatry, 2023.\n"
    )
    article, _ = claimcheck.parse(text)
    assert article.references_span is None


def test_an_organisation_written_with_and_or_with_an_ampersand_is_one_author() -> None:
    text = (
        "Workplaces changed (Department of Health and Human Services, 2020). Further, Purcell et al. "
        "(2021) agree.\n\nReferences\n\n"
        "Department of Health & Human Services. (2020). Guidance on preparing workplaces. HHS.\n"
        "Purcell, R., Gwyther, K., & Rice, S. M. (2021). Mental health in sport. Sports Med, 5(1), 1-10.\n"
    )
    article, refs = claimcheck.parse(text)
    claims = extract_claims(article, refs)
    assert [c.citations for c in claims] == [(1,), (2,)]


def test_a_caption_after_the_list_and_a_note_before_it_are_not_entries() -> None:
    names = ["Agyapong", "Basu", "Benevolenza", "Clayton", "Doherty"]
    entries = "".join(
        f"{n}, B., & Lee, K. (2019). A study of {n}. Journal of Health, 1(2), 3-4.\n" for n in names
    )
    text = (
        "the data underlying this article will be shared on request to the authors of the study.\n\n"
        + entries
        + "\nFigure 1. Conceptual model of the mediation tested in the study.\n"
    )
    assert [raw.split(",")[0] for _, raw, *_ in split_reference_list(text)] == names
