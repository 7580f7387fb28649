"""Unnumbered (author-year) reference lists as PDF text prints them: short excerpts written for the tests."""

from __future__ import annotations

from claimcheck.read.references.parse import parse_reference_list
from claimcheck.read.references.split import noise_spans


def _firsts(text: str, context: str | None = None) -> list[str | None]:
    return [r.first_author_family for r in parse_reference_list(text, context=context)]


# --- entries whose line above does not close ------------------------------------------------------


def test_an_entry_opens_after_a_url_broken_across_lines() -> None:
    text = (
        "Drug Agency (2018). Warnings for children. Retrieved from https://www.example.org/drugs/safety-\n"
        "information/children-being-treated\n"
        "\n"
        "Franklin JC, Ribeiro JD, Fox KR (2017). Risk factors for suicide. Psychol Bull, 143, 187.\n"
    )
    assert [r.raw.split()[0] for r in parse_reference_list(text)] == ["Drug", "Franklin"]


def test_an_entry_opens_after_a_line_ending_in_a_hyphen_or_a_slash() -> None:
    text = (
        "Meyer, J.D., Hayney, M.S., 2019. Differential reduction of markers via exercise or mindfulness-\n"
        "\n"
        "Parsons, C.E., Crane, C., 2017. Home practice in mindfulness therapy. Behav. Res. Ther. 95, 29–41.\n"
        "Agency for Veterans. (2019). Related diseases. Retrieved from https://\n"
        "www.example.gov/disability/related-diseases/\n"
        "Valdivieso M, Kujawa AM, & Baker LH (2012). Cancer survivors. Int J Med Sci, 9(2), 163.\n"
    )
    assert _firsts(text) == ["Meyer", "Parsons", "Veterans", "Valdivieso"]


def test_a_name_after_a_blank_line_opens_an_entry_below_a_complete_one_however_the_line_above_ends() -> None:
    text = (
        "Tekin, S., Burrows, K., & Lowe, S. R.\n(2023). Resources of disaster survivors.\n"
        "European Journal of Psychotraumatology,\ndoi:10.1080/\n20008066.2023.2211355\n\n14(2),\n\n"
        "Thompson, R., Lawrance, E. L., &\ntemperature and mental\nDarzi, A. (2023). Ambient\n"
        "health: A review. The Lancet Planetary Health, 7(7), e580–e589.\n\n"
        "Ungar, M., & Theron, L. (2020). Resilience. The Lancet Psychiatry, 7(5), 441–448.\n"
    )
    assert _firsts(text) == ["Tekin", "Thompson", "Ungar"]


def test_a_piece_of_an_entry_with_no_year_and_no_name_joins_the_entry_above() -> None:
    text = (
        "Bowen A, Duncan V, Peacock S, et al. (2013) Mood and anxiety problems in perinatal women in\n"
        "Australia, New Zealand, Canada,\n\nand the United States: A critical review. Transcultural\n"
        "Psychiatry 51: 93–111.\n\n"
        "Nations  Australians:  A  prospective,  non-randomised,  interventional  trial  of  the\n"
        "programme. The Lancet: Global Health 9: e651–e659.\n\n"
        "Christensen D, Davis G, Draper G, et al. (2014) Evidence for an algorithm. Soc Issues 49: 423–443.\n"
        "\nMind (n.d.). Depression: what it is, its signs and symptoms, and where to find help. A leaflet\n"
        "for people and their families. London: Mind.\n"
        "Weir K (2020) Elevating mental health on the world stage. Monitor on Psychology 51(1), 44.\n"
    )
    refs = parse_reference_list(text)
    assert [r.raw.split()[0] for r in refs] == ["Bowen", "Christensen", "Mind", "Weir"]


def test_a_line_of_editors_continues_its_chapter_entry() -> None:
    text = (
        "Reis, H. T., & Gosling, S. D. (2010). Social psychological methods outside the laboratory. In S.\n"
        "Fiske, D. Gilbert, & G. Lindzey (Eds.), Handbook of social psychology (5th ed., Vol. 1,\n"
        "pp. 82–114). Hoboken, NJ: John Wiley & Sons.\n"
        "Rogers, C. (2006). Clients' experiences of the therapeutic relationship. In G. Proctor, M.\n"
        "Cooper, P. Sanders & B. Malcolm (Eds.), Politicizing the person-centred approach: An agenda\n"
        "for change (pp. 215–224). Ross-on-Wye: PCCS Books.\n"
        "Tagliamonte, S., & Baayen, R. H. (2012). Models, forests, and trees. Lang Var Change, 24, 135-178.\n"
    )
    assert _firsts(text) == ["Reis", "Rogers", "Tagliamonte"]


def test_the_line_after_the_names_and_the_year_is_the_title_not_an_entry() -> None:
    text = (
        "Eapen, M., Zald, D. H., Gatenby, J. C., Ding, Z., & Gore, J. C. (2011).\n"
        "Maternal HIV status and the anatomy of the midbrain dopaminergic system in adolescents\n"
        "exposed in utero. American Journal of Neuroradiology 32, 688–694.\n"
        "Ripley, B. (1992). Statistical aspects of neural networks. Invited lectures, Sandbjerg, 25-30\n"
        "April 1992).\n"
        "Goto, Y., & Grace, A. A. (2005). Dopaminergic modulation. Nature Neuroscience 8, 805–812.\n"
    )
    assert _firsts(text) == ["Eapen", "Ripley", "Goto"]


def test_a_group_author_with_its_year_in_brackets_opens_an_entry_even_last() -> None:
    text = (
        "Maldarelli, C., & Whitcomb, I. (2022). Mental wellness apps. Popular Science. Retrieved\n"
        "February 1, 2022, from https:// www. popsci. com/ scien ce/\nmental- health- apps- safety/\n\n"
        "Health Professional Shortage Areas (HPSAs).\n(2021). Kaiser Family Foundation. Retrieved\n"
        "February 1, 2022, from https:// www. kff. org/ other/\n\n"
        "Molloy, A., & Anderson, P. L. (2021). Engagement with mobile health. J Med Internet, 1, 2-3.\n"
        "Mental Health America. (2020). The state of mental health in America. Alexandria, VA: MHA.\n"
        "Mind. (2019, May 3). Depression. London: Mind.\n"
    )
    assert [r.raw.split()[0] for r in parse_reference_list(text)] == [
        "Maldarelli,",
        "Health",
        "Molloy,",
        "Mental",
        "Mind.",
    ]


def test_words_scattered_onto_lines_of_their_own_do_not_hide_the_next_entry() -> None:
    text = (
        "Berry, H. L., Bowen, K., & Kjellstrom, T. (2010). Climate\n"
        "change and mental health: A causal pathways framework.\n"
        "International Journal of Public Health, 55(2), 123–132.\n"
        "\n"
        "and mental\n"
        "\n"
        "Berry, H. L., Waite, T. D., Dear, K. B., Capon, A. G., &\n"
        "Murray, V. (2018). The case for systems thinking. Nature\n"
        "Climate Change, 8(4), 282–290.\n"
        "\n"
        "of\n"
        "\n"
        "Doherty, T. J., & Clayton, S. (2011). The psychological impacts\n"
        "of climate change. American Psychologist, 66(4), 265.\n"
    )
    refs = parse_reference_list(text)
    assert [(r.first_author_family, r.year) for r in refs] == [
        ("Berry", 2010),
        ("Berry", 2018),
        ("Doherty", 2011),
    ]


def test_an_author_list_wrapped_before_its_year_stays_one_entry() -> None:
    text = (
        "Smith, J., Jones, K., Brown, A., Green, B.,\n"
        "Lee, M., & White, P. (2019). A long author list. Journal of Tests, 1, 1–2.\n"
        "Taylor, R. (2020). One author. Journal of Tests, 2, 3–4.\n"
    )
    assert _firsts(text) == ["Smith", "Taylor"]


def test_an_entry_may_open_with_a_lower_case_particle() -> None:
    text = (
        "Creswell, J.D., 2009. Mindfulness training. Psychosom. Med. 71, 1–2.\n"
        "\n"
        "de Witte, M., et al., 2022. Music therapy for stress reduction. Health Psychol. Rev. 16, 134–159.\n"
        "\n"
        "van der Does, F. H., & Giltay, E. (2023). Climate and mood. J Affect Disord, 3, 4–5.\n"
    )
    refs = parse_reference_list(text)
    assert len(refs) == 3
    assert refs[1].raw.startswith("de Witte") and refs[2].raw.startswith("van der Does")


# --- what is not an entry -------------------------------------------------------------------------


def test_a_dated_running_head_printed_on_every_page_is_not_an_entry() -> None:
    head = "Fam J Alex Va. Author manuscript; available in PMC 2023 September 15."
    text = (
        "Alpha, A. (2001). First study. Journal of Tests, 1, 1–2.\n"
        f"{head}\n"
        "Beta, B. (2002). Second study. Journal of Tests, 2, 3–4.\n"
        f"{head}\n"
        "Gamma, C. (2003). Third study. Journal of Tests, 3, 5–6.\n"
        f"{head}\n"
    )
    assert _firsts(text) == ["Alpha", "Beta", "Gamma"]


def test_the_end_of_a_publishers_name_on_its_own_line_is_not_an_entry() -> None:
    text = (
        "Alpha, A. (2001). Handbook of tests. Washington, DC: American\n"
        "\n"
        "Psychological Association.\n"
        "\n"
        "Beta, B. (2002). Second study. Journal of Tests, 2, 3–4.\n"
    )
    refs = parse_reference_list(text)
    assert [r.first_author_family for r in refs] == ["Alpha", "Beta"]
    assert "Psychological Association." in refs[0].raw


def test_a_table_printed_after_the_list_is_not_an_entry() -> None:
    text = (
        "Alpha, A. (2001). First study. Journal of Tests, 1, 1–2.\n"
        "Beta, B. (2002). Second study. Journal of Tests, 2, 3–4.\n"
        "\n"
        "Means, standard deviations and correlations.\n"
        "\n"
        "Table 1.\n"
        "\n"
        "Pillai et al., 2006\n"
        "\n"
        "Lautrette et al., 2007\n"
    )
    assert _firsts(text) == ["Alpha", "Beta"]


def test_a_numbered_questionnaire_after_an_unnumbered_list_does_not_number_it() -> None:
    entries = "".join(
        f"{name}, {initial}. ({year}). Study {k}. Journal of Tests, {k}, 1–2.\n"
        for k, (name, initial, year) in enumerate(
            [
                ("Alpha", "A", 2001),
                ("Beta", "B", 2002),
                ("Gamma", "C", 2003),
                ("Delta", "D", 2004),
                ("Eta", "E", 2005),
            ],
            start=1,
        )
    )
    items = "1. How down do you feel right now?\n2. How happy do you feel right now?\n3. How calm are you?\n"
    assert _firsts(entries + "\n" + items) == ["Alpha", "Beta", "Gamma", "Delta", "Eta"]


def test_an_entry_with_no_year_may_be_followed_by_one_opening_with_a_particle() -> None:
    text = (
        "Mind Foundation. (n.d.). Mindfulness at work. Retrieved from https://www.example.org/mind.\n"
        "de Witte, M., & Spruit, A. (2022). Music therapy for stress. Health Psychol. Rev. 16, 134–159.\n"
    )
    refs = parse_reference_list(text)
    assert [r.raw.split()[0] for r in refs] == ["Mind", "de"]


def test_an_editor_wrapped_onto_the_next_line_does_not_open_an_entry() -> None:
    text = (
        "Lee, K. (2019). A chapter on tests. In A. Brown &\n"
        "Green, B. (Eds.), Handbook of tests (pp. 1–20). Oxford: Press, 2019.\n"
        "Taylor, R. (2020). One author. Journal of Tests, 2, 3–4.\n"
    )
    assert _firsts(text) == ["Lee", "Taylor"]


def test_an_entry_scattered_over_many_lines_still_ends_where_the_next_one_opens() -> None:
    text = (
        "Cheng, H. P., Wong, J. S. L., & Hong,\n"
        "J. Y. H. (2021). Impact of lockdown on glycae-\n"
        "in children and\n"
        "mic control and lifestyle changes\n"
        "\n"
        "adolescents with type 1 diabetes.\n"
        "https://doi.org/10.1007/\n"
        "Endocrine,\n"
        "s12020-021-02810-1\n"
        "\n"
        "499–506.\n"
        "\n"
        "73(3),\n"
        "\n"
        "Dearing, E., McCartney, K., & Taylor, B. A. (2001). Change\n"
        "in family income matters. Child Development, 72(6), 1779–1793.\n"
    )
    assert _firsts(text) == ["Cheng", "Dearing"]


def test_a_table_rule_inside_the_list_is_noise() -> None:
    text = "Kessler RC (2005) Prevalence. Arch Psych 62:617–627.\n|\nKochs E (1996) Ketamine. Anesth 85:1.\n"
    assert [text[s:e] for s, e in noise_spans(text)] == ["|"]


def test_a_chapters_editors_on_a_line_of_their_own_stay_in_its_entry() -> None:
    text = (
        "Hektner JM, Schmidt JA (2007). Experience sampling method. Sage.\n"
        "Shiffman S, Stone AA (2012). Ecological momentary assessment. Diary methods.\n"
        "In Mehl MR & Conner TS (Eds.), Handbook of research methods for studying daily life (pp.\n"
        "43–61). Guilford Press.\n"
        "Wichers M (2014). The dynamic nature of depression. Psychol Med, 44, 1349–1360.\n"
    )
    assert _firsts(text) == ["Hektner", "Shiffman", "Wichers"]


def test_an_entry_opens_after_a_blank_line_below_a_complete_entry_that_ends_oddly() -> None:
    text = (
        "American Psychiatric Association. Diagnostic and statistical manual of mental disorders. 4.\n"
        "\n"
        "Washington, DC: Author; 2000. text rev\n"
        "\n"
        "American Psychiatric Association. Diagnostic and statistical manual of mental disorders. 5.\n"
        "\n"
        "Washington, DC: American Psychiatric Publishing; 2013.\n"
    )
    assert [r.year for r in parse_reference_list(text)] == [2000, 2013]


def test_a_running_head_with_its_page_number_glued_on_is_noise() -> None:
    article = "".join(
        f"Body text of page {k}.\nBrain,Behavior,&Immunity-Health26(2022)10053{k}\n" for k in range(1, 6)
    )
    section = (
        "Creswell, J.D., 2009. Mindfulness training. Psychosom. Med. 71, 1–2.\n"
        "Brain,Behavior,&Immunity-Health26(2022)1005317\n"
        "Parsons, C.E., 2017. Home practice. Behav. Res. Ther. 95, 29–41.\n"
    )
    assert [section[s:e] for s, e in noise_spans(section, article + section)] == [
        "Brain,Behavior,&Immunity-Health26(2022)1005317"
    ]
    assert _firsts(section, context=article + section) == ["Creswell", "Parsons"]


def test_the_author_lines_of_two_entries_by_the_same_authors_are_not_running_heads() -> None:
    names = "Okafor, B., Lindqvist, M., Haddad, R., Moreau, C., Tanaka, Y.,\nPereira, L., Novak, D.,\n"
    tail = (
        "disorders: Results from the Pain and Mood Surveys. Pain, 2, 3–4.\nhttps://doi.org/10.1000/pain.2\n\n"
    )
    text = (
        "Abbott, C. (2015). One study. Journal of Tests, 1, 1–2.\n\n"
        f"{names}Quist, E., & Rahman, S. (2011a). The relation between pain and mental\n{tail}"
        f"{names}Quist, E., & Rahman, S. (2011b). The relation between pain and mental\n{tail}"
    )
    assert [(r.first_author_family, r.year) for r in parse_reference_list(text)] == [
        ("Abbott", 2015),
        ("Okafor", 2011),
        ("Okafor", 2011),
    ]


def test_an_acronym_with_a_bracketed_year_and_no_full_stop_opens_an_entry() -> None:
    text = (
        "Ibarra MA and Soto L (2018) Training for research. The Lancet 5(8), 612–613. https://doi.org/10.1016/S2215-\n"
        "0366(18)30097-X\n"
        "\n"
        "OPSR (2017) Health in the region. Washington, DC: Regional Office.\n"
        "Quispe V and Rolon M (2014) Global health. Oxford: Oxford University Press.\n"
    )
    assert [(r.raw.split()[0], r.year) for r in parse_reference_list(text)] == [
        ("Ibarra", 2018),
        ("OPSR", 2017),
        ("Quispe", 2014),
    ]


def test_the_date_after_names_the_reader_could_not_finish_is_the_year() -> None:
    # the author list stops early (a compound name, a garbled one); later numbers look like years
    harvard = (
        "Ruiz de Luna, C., Berg, C., Costa, J.A., 2021. Mood in mothers. Rev. Psiq. 43, 337–338. "
        "doi: 10.1590/1516-4 4 46-2020-1628 ."
    )
    vancouver_apa = (
        "Adebayo V, Lindgren S, Omor-\nbo O and UnÜber J (2018) A commission on global health. "
        "The Lancet 392(10157),\n1553–1598."
    )
    title_case = (
        "Bramer, E.; Freeland, E.; Richter, M. One Health: The Impacts of Nature. Front. Psychol.\n"
        "2019, 10, 1611."
    )
    entries = "\n\n".join((harvard, vancouver_apa, title_case))
    assert [r.year for r in parse_reference_list(entries)] == [2021, 2018, 2019]


def test_pieces_of_an_entry_strewn_by_the_layout_do_not_swallow_the_next_entry() -> None:
    text = (
        "Wren, P. A. (2014). Upstream prevention of adolescent suicide. American\n"
        "doi:10.1016/\n"
        "j.amepre.2014.05.039.\n"
        "\n"
        "Journal of Prevention,\n"
        "\n"
        "S251–S256.\n"
        "\n"
        "47(3),\n"
        "\n"
        "Yao, A. J., Garcia, M., & Miles, A.\n"
        "(2020). Self-regulation in youth. Child Health, 25(3), 127–134.\n"
    )
    refs = parse_reference_list(text)
    assert [(r.first_author_family, r.year) for r in refs] == [("Wren", 2014), ("Yao", 2020)]
    assert "S251–S256" in refs[0].raw


def test_a_name_with_no_initials_and_its_year_opens_an_entry_below_a_closed_one() -> None:
    text = (
        "Salo, H., Kefi, H., Gharbi, H., 2021. Stress in health-care workers. Front. Psychiatry 12, 1–11.\n"
        "Herald, 2022. Time for paid parental leave [WWW Document]. Herald. URL https://www.example.nz/\n"
        "parental-leave\n"
    )
    assert [(r.raw.split(",")[0], r.year) for r in parse_reference_list(text)] == [
        ("Salo", 2021),
        ("Herald", 2022),
    ]


def test_an_author_list_whose_first_name_is_not_read_still_holds_its_next_line() -> None:
    text = (
        "Lind, K., Dom, N., 2021. Pregnancy in the shadow of the unknown. Women Birth 3, 1–9.\n\n"
        "Ruiz de Luna, C., Berg, C., Martins, R.C., Costa, M.X.,\n"
        "Del-Pino, B., Pearce, R., 2021. Mood in mothers. Rev. Psiq. 43, 337–338.\n"
        "Matsu, M., Hori, H., 2020. Well-being of pregnant women. Front. Psych. 11, 2–9.\n"
    )
    assert [r.raw[:4] for r in parse_reference_list(text)] == ["Lind", "Ruiz", "Mats"]


def test_a_compound_surname_with_a_particle_inside_opens_an_entry() -> None:
    text = (
        "Lind, K., Dom, N., 2021. Pregnancy in the shadow of the unknown. Women Birth 3, 1–9.\n"
        "Ruiz de Luna, C., Berg, C., 2021. Mood in mothers. Rev. Psiq. 43, 337–338.\n"
        "Matsu, M., Hori, H., 2020. Well-being of pregnant women. Front. Psych. 11, 2–9.\n"
    )
    assert [r.raw[:4] for r in parse_reference_list(text)] == ["Lind", "Ruiz", "Mats"]


def test_a_first_line_of_names_two_entries_share_is_not_a_running_head() -> None:
    names = "Fuentes-Paz, P., Hoyle, O. D., Allard, P., Broom, M., Valle, I., Asher, M.-C.,\n"
    text = (
        "Fornby, A., & Bull, E. T. (2013). Dysconnectivity. JAMA Psychiatry, 70(11), 1143–1151.\n\n"
        f"{names}Grant, P. M., & Magee, P. K. (2010). Frontostriatal interactions. Arch Gen Psychiatry,\n"
        "67(7), 683–691.\n\n"
        f"{names}Monroe, A. J., Grant, P. M., & Magee, P. (2011). Prefrontal activation. Brain, 134, 1–9.\n"
    )
    assert [(r.first_author_family, r.year) for r in parse_reference_list(text)] == [
        ("Fornby", 2013),
        ("Fuentes-Paz", 2010),
        ("Fuentes-Paz", 2011),
    ]


def test_notes_and_orcid_links_above_the_first_entry_are_not_entries() -> None:
    text = (
        "The author(s) declared no potential conflicts of interest.\n\n"
        "Funding\n\n"
        "The author(s) received no financial support for this article.\n\n"
        "ORCID iDs\n\n"
        "Dana E. Attwood\n\n"
        " https://orcid.org/0000-0002-8258-2213\n\n"
        "Erin A. Clay\n\n"
        " https://orcid.org/0000-0002-0470-1598\n\n"
        "American Psychiatric Association. (2013). Diagnostic manual (5th ed.). https://\n"
        "doi.org/10.1176/appi.books.9780890425787\n\n"
        "Bartlett, L. M., & Mackay, F. (2005). Self-esteem in women. J Atten Disord, 9, 1–2.\n"
    )
    assert [r.raw[:8] for r in parse_reference_list(text)] == ["American", "Bartlett"]
    group = "United Nations Educational, Scientific and Cultural Organization (2020) Higher education.\n\n"
    last = "Bartlett, L. M., & Mackay, F. (2005). Self-esteem in women. J Atten Disord, 9, 1–2.\n"
    assert [r.year for r in parse_reference_list(group + last)] == [2020, 2005]  # a dated first entry stays


def test_a_surname_and_its_initials_scattered_onto_lines_of_their_own_open_an_entry() -> None:
    text = (
        "Cochran Group (2014). Review manager [computer pro-\n\n"
        "gram]. version 5.3. Copenhagen: The Nordic Centre.\n\n"
        "Cowan,\n\n"
        "J.\n\n"
        "(1988). Statistical power analysis\n\n"
        "for the behavioral\n\n"
        "sciences.\n\n"
        "New York, NY: Routledge.\n\n"
        "Courtland, D. B., & Flam, M. F. (2015). Adapted therapy. J Nerv Ment Dis, 203(7), 537–544.\n"
    )
    assert [(r.first_author_family, r.year) for r in parse_reference_list(text)] == [
        ("Group", 2014),
        ("Cowan", 1988),
        ("Courtland", 2015),
    ]


def test_a_union_or_a_coalition_named_before_its_year_opens_an_entry() -> None:
    text = (
        "National Centre for Mental Health (2009). Borderline personality disorder. Leicester: BPS.\n\n"
        "International Union of Clinical Science (2008) The universal declaration of principles.\n\n"
        "Global Coalition for Child Health (2015) A report on child health. Geneva: GCCH.\n"
    )
    assert [r.year for r in parse_reference_list(text)] == [2009, 2008, 2015]
