"""PDF-text reference lists rebuilt by their own numbering.

Each excerpt is short and written for its test; the layouts come from real
PDF-to-text conversions: numbers printed alone, out of order or in the middle
of another entry, with the texts they own somewhere in the stretch around them.
"""

from __future__ import annotations

import claimcheck
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.read.references.split import opens_entry, split_reference_list


def _entries(text: str) -> dict[int | None, str]:
    return {n: " ".join(raw.split()) for n, raw, *_ in split_reference_list(text)}


def test_lone_numbers_inside_an_entry_take_the_entry_starts_around_them() -> None:
    text = (
        "4. Ames B, Coe D. Fatigue in cancer survivors. J Clin Oncol 2001, 19:3385-3391.\n"
        "Tate VS, Rook K. Daily living in later life. J Clin Epidemiol 1998, 51:315-321.\n"
        "6. Gold DP: A user's guide to the health questionnaire. Windsor, UK:\n\n"
        "5.\n\n7.\n\n"
        "NFER-Nelson; 1991.\n"
        "Tuck MA, Hoek JE: Screening for distress in practice. Cancer 2008, 113:870-878.\n"
        "8. Wade L, Swan J: Measuring cognitive function. J Support Oncol 2009, 7:32-39.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [4, 5, 6, 7, 8]
    assert entries[5].startswith("Tate VS")
    assert entries[6].startswith("6. Gold DP") and "NFER-Nelson; 1991." in entries[6]
    assert entries[7].startswith("Tuck MA")


def test_lone_numbers_out_of_order_are_owed_the_texts_in_order() -> None:
    text = (
        "2. Mason KC, Lyon JR. Hyperaldosteronism presenting as\n\n"
        "3.\n\n4.\n\n6.\n\n5.\n\n"
        "depression. J Clin Psychiatry. 1979;40:358-9.\n"
        "Kahn KA, Weir ME. Conn's syndrome and depression. Am J\n"
        "Psychiatry. 2005;162:1226.\n"
        "Sono N, Fell F. Psychological aspects of aldosteronism.\n"
        "Psychother Psychosom. 2006;75:327-30.\n"
        "Lind TY, Hed RM. Panic attacks in hyperaldosteronism. Innov Clin\n"
        "Neurosci. 2019;16:19-21.\n"
        "Kaye H, Ito H. Reliability of the panic and agoraphobia scale. Anxiety\n"
        "Disord Res. 2017;9:17-32.\n"
        "7. Hall N, Jez D. Aldosterone and anxiety-like behavior. Horm Behav. 2008;54:90-7.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [2, 3, 4, 5, 6, 7]
    assert [entries[n].split()[0] for n in (3, 4, 5, 6)] == ["Kahn", "Sono", "Lind", "Kaye"]
    assert entries[2].endswith("1979;40:358-9.")


def test_a_lone_number_before_a_doi_line_owes_the_author_line_after_it() -> None:
    text = (
        "6. Moss J: Amnesia between identities. Cogn Neuropsychiatry. 2017, 22:315-30.\n\n"
        "7.\n\n"
        "10.1080/13546805.2017.1327848\n"
        "Şar V, Dorn MJ: Revisiting the etiology of dissociation: a\n"
        "biopsychosocial perspective. Psychol Res Behav Manag. 2017, 10:137-46.\n"
        "8. Gill PM: Dissociative identity disorder. Psychiatry. 2009, 6:24-9.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [6, 7, 8]
    assert entries[6].endswith("10.1080/13546805.2017.1327848")
    assert entries[7].startswith("Şar V")


def test_names_with_accented_capitals_open_entries() -> None:
    assert opens_entry("Şar V, Dorn MJ. Dissociation. 2017.")
    assert opens_entry("Ólafsdóttir J, Ström K. Sleep. 2019.")
    assert not opens_entry("Études on sleep are many.")


def test_a_wrapped_doi_opening_with_a_number_is_not_the_entry_of_that_number() -> None:
    text = (
        "12. Rob P, Four L. Mental health service use and adequacy in Canada. Soc Psychiatry\n"
        "Psychiatr Epidemiol. 2011 Apr; 46\n"
        "30. https://doi.org/10.1007/s00127-010-0186-2\n"
        "13.\n"
        "Fern A, Haro J. Adequacy of care in six European countries. Br J Psychiatry. 2007;\n"
        "190:172-3.\n"
        "14. Young AS, Klap R. The quality of care for depressive disorders. Arch Gen Psychiatry.\n"
        "2001; 58:55-61.\n"
        "29. Ruiz D, Ko E. Anxiety in primary care. Fam Pract. 2010;27:1-7.\n"
        "30. Peng Q, Li W. Treatment adequacy. BMC Psychiatry. 2019;19:1-9.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [12, 13, 14, 29, 30]
    assert "s00127-010-0186-2" in entries[12]
    assert entries[13].startswith("Fern A")
    assert entries[30].startswith("30. Peng Q")


def test_an_entry_whose_number_was_lost_between_two_numbers_gets_it() -> None:
    text = (
        "8. National Research Council: Handling missing data in clinical trials.\n"
        "Washington DC: National Academies Press; 2010.\n"
        "Fitz GM, Laird NM, Ware JH: Applied longitudinal analysis. Hoboken NJ: Wiley; 2011.\n"
        "10. White IR, Horton NJ: Strategy for intention to treat analysis. BMJ 2011,\n"
        "342:d40.\n"
        "11. Ries AL, Bauld GS: Pulmonary rehabilitation guidelines. Chest 2007, 131:4S-42S.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [8, 9, 10, 11]
    assert entries[9].startswith("Fitz GM")


def test_a_number_skipped_with_no_entry_start_to_give_it_stays_skipped() -> None:
    text = (
        "8. National Research Council: Handling missing data in clinical trials. Washington\n"
        "DC: National Academies Press; 2010.\n"
        "10. White IR, Horton NJ: Strategy for intention to treat analysis. BMJ 2011,\n"
        "342:d40.\n"
        "11. Ries AL, Bauld GS: Pulmonary rehabilitation guidelines. Chest 2007, 131:4S-42S.\n"
    )
    assert sorted(_entries(text)) == [8, 10, 11]


def test_an_entry_with_a_url_printed_letter_by_letter_is_not_noise() -> None:
    text = (
        "25. Sun W, Zhang H. Low back pain in nurses. J Back Musculoskelet Rehabil. 2021;34:343-53.\n"
        "26. Ordinal Logit Analysis 2016. Available from: h t t p s : / / s p s s a u . c o m\n"
        "27. Yu JY, He YL. Missing value imputation. J Tsinghua Univ. 2023;63:740-53.\n"
    )
    refs = parse_reference_list(text)
    assert [r.number for r in refs] == [25, 26, 27]
    assert refs[1].raw.startswith("26. Ordinal")


def test_numbers_marked_as_of_importance_are_the_list_numbering() -> None:
    text = (
        "1. Lenz MF, Lane MC. Personality disorders in the survey. Biol Psychiatry. 2007; 62:553-64.\n"
        "2•. Trull TJ, Jahng S. Revised personality disorder diagnoses. J Pers Disord. 2010; 24:412-26.\n"
        "This article gives the most recent data on personality disorders.\n"
        "3. Widiger TA, Trull TJ. Borderline disorders. New York: Plenum; 1993. p. 371-94.\n"
        "4.•• Dick DM. Gene-environment interaction in traits. Annu Rev Clin Psychol. 2011; 7:383-409.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [1, 2, 3, 4]
    assert entries[2].endswith("personality disorders.")


def test_a_numbered_line_under_a_broken_page_range_is_its_end_not_an_entry() -> None:
    text = (
        "10. Viv G, Diss C. Outcome for children before and after 48 months. J Autism Dev Disord.\n"
        "2016:1-9.\n"
        "11. Weth AM, Guth W. Parent implemented intervention for toddlers. Pediatrics. 2014; 134:1001-\n"
        "13. [PubMed: 25367544]\n"
        "12. Rogers SJ, Vis L. Autism treatment in the first year of life. London: Routledge (2018). p. 3-\n"
        "26.\n"
        "13. Van Gemert-Pijnen JEWC, Peters O, editors. Improving eHealth. The Hague: Eleven (2013).\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [10, 11, 12, 13]
    assert entries[11].endswith("[PubMed: 25367544]")
    assert entries[12].endswith("p. 3- 26.")


def test_a_number_lost_above_the_first_numbered_line_is_given_when_lone_numbers_are_owed_there() -> None:
    text = (
        "1.\n"
        "Pola GV, Salum GA. Annual research review: prevalence of mental disorders in children.\n"
        "J Child Psychol Psychiatry. 2015;56:345-65.\n"
        "Ravens U, Kaman A. Mental health of children in the first wave of the pandemic.\n"
        "Bundesgesundheitsblatt. 2021;64:1512-21.\n"
        "3. World Health Organization. Mental health atlas. Geneva: WHO; 2022.\n"
        "4. Euro C, Youth W. Youth policies in Europe. Brussels: EACEA; 2022.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [1, 2, 3, 4]
    assert entries[2].startswith("Ravens U")


def test_an_entry_opening_with_a_particle_is_an_entry_off_the_rising_run() -> None:
    text = (  # two columns read across: 1, 2, 5, 6, 7, then 3, 4
        "1 Khan LE, Mora MA. Cognitive therapy in psoriasis. Iran J Dermatol 2020;23:1-8.\n"
        "2 Dalton P, Kins L. Mindfulness for psoriasis: a randomized trial. Mindfulness 2019;10:288-300.\n"
        "5 Keys C, Nelson PA. Message framing in psoriasis. Psychol Health Med 2018;23:763-78.\n"
        "6 Keys C, Griff CE. Choice architecture in healthcare. BMC Health Serv Res 2015;15:215.\n"
        "7 Pias S, Mari E. Biofeedback in psoriatic patients. Acta Derm Venereol 2016;96:91-5.\n"
        "3 van Beugen S, Ferw M. Internet-based treatment for psoriasis. Psychother Psychosom 2016;85:2-7.\n"
        "4 Ford BA, Nelson P. Mindfulness-based therapy for psoriasis. Br J Dermatol 2015;172:823-5.\n"
    )
    entries = _entries(text)
    assert sorted(entries) == [1, 2, 3, 4, 5, 6, 7]
    assert entries[3].startswith("3 van Beugen S")
    assert "Internet-based" not in entries[7]


def test_a_lower_case_word_alone_is_not_the_reference_heading() -> None:
    text = (
        "Pain relief was partial [1]. Stimulation helped some [2].\n\n"
        "References\n\n"
        "[1] Dersh J, Polatin PB. Chronic pain and psychopathology. Psychosom Med 2002;64:773-86.\n"
        "[2] North RB. The glass is half full. Pain Forum 1999;8:195-7.\n"
        "[3] Turner JA, Loeser JD. Spinal cord stimulation for chronic low\n\n"
        "literature\n\n"
        "back pain: a systematic synthesis. Neurosurgery 1995;37:1088-96.\n"
        "[4] Beck AT, Steer RA. Beck depression inventory. San Antonio: Psychological Corporation; 1996.\n"
    )
    _, refs = claimcheck.parse(text=text)
    assert [r.number for r in refs] == [1, 2, 3, 4]


def test_numbers_far_ahead_with_names_after_them_are_entries_when_their_neighbours_are_printed() -> None:
    late = (
        "52. Simich L, Hamilton H. Mental distress among newcomers. Transcult Psychiatry 2006;43:418-44.\n"
        "53. Montgomery E, Fold A. Discrimination and adaptation. Eur J Public Health 2008;18:156-61.\n"
    )
    early = "".join(
        f"{i}. Aut{i} K, Lee M. Refugee health {i}. Transcult Psychiatry 2006;{i}:1-9.\n"
        for i in range(1, 13)
    )
    text = early[: early.index("11.")] + late + early[early.index("11.") :]
    text += "".join(
        f"{i}. Aut{i} K, Lee M. Migrant care {i}. Can J Psychiatry 2007;{i}:1-9.\n" for i in range(13, 52)
    )
    entries = _entries(text)
    assert sorted(n for n in entries if n is not None) == list(range(1, 54))
    assert entries[52].startswith("52. Simich L") and entries[10].startswith("10. Aut10 K")


def test_a_stray_number_far_ahead_with_no_neighbour_stays_text() -> None:
    text = (
        "1. Beiser M. Refugee resettlement. Transcult Psychiatry 2006;43:56-71.\n"
        "2. Montgomery E. Organized violence and refugees. Soc Sci Med 2008;67:1596-603.\n"
        "88. Stewart DE, Gagnon A. Postpartum depression in migrants. CMAJ 2008;178:1-9.\n"
        "3. Ahmad F, Shik A. Health promotion among immigrant women. Women Health 2004;40:21-40.\n"
    )
    assert sorted(n for n in _entries(text) if n is not None) == [1, 2, 3]
