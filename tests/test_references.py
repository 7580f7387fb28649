"""Reference lists: splitting into entries and parsing entries into fields."""

from __future__ import annotations

import doctest
import random
import string

import pytest
from bounds import returns_within

from claimcheck.model import Reference
from claimcheck.read.references import doi
from claimcheck.read.references import parse as references
from claimcheck.read.references.parse import (
    family_name,
    parse_reference,
    parse_reference_list,
    split_reference_list,
)
from claimcheck.text import names as refnames

# The numbered list at the end of refs/ketamine-at-home.txt, as printed (one line per entry).
SEED = "\n\n".join(
    [
        "1. Hassan K, Struthers WM, Sankarabhotla A, Davis P. Safety, effectiveness and tolerability of "
        "sublingual ketamine in depression and anxiety: A retrospective study of off-label, at-home use. "
        "Front Psychiatry. 2022;13. doi:10.3389/fpsyt.2022.992624",
        "2. Al-Harbi KS. Treatment-resistant depression: therapeutic trends, challenges, and future "
        "directions. Patient Prefer Adherence. 2012;6:369-388. doi:10.2147/PPA.S29716",
        "3. Zhdanava M, Pilon D, Ghelerter I, et al. The Prevalence and National Burden of "
        "Treatment-Resistant Depression and Major Depressive Disorder in the United States. "
        "J Clin Psychiatry. 2021;82(2). doi:10.4088/JCP.20m13699",
        "4. Mandal S, Sinha VK, Goyal N. Efficacy of ketamine therapy in the treatment of depression. "
        "Indian J Psychiatry. 2019;61(5):480-485. doi:10.4103/psychiatry.IndianJPsychiatry_484_18",
        "5. Ketamine. Accessed February 10, 2022.",
        "6. Hull TD, Malgaroli M, Gazzaley A, et al. At-home, sublingual ketamine telehealth is a safe and "
        "effective treatment for moderate to severe anxiety and depression: Findings from a large, "
        "prospective, open-label effectiveness trial. J Affect Disord. 2022;314:59-67. "
        "doi:10.1016/j.jad.2022.07.004",
    ]
)


def fields(ref: Reference) -> dict[str, object]:
    keys = ("number", "authors", "et_al", "title", "container", "year", "volume", "issue", "pages", "doi")
    return {k: getattr(ref, k) for k in keys}


@pytest.fixture(scope="module")
def seed() -> tuple[Reference, ...]:
    return parse_reference_list(SEED, offset=1000)


def test_seed_splits_into_six_numbered_entries(seed: tuple[Reference, ...]) -> None:
    assert [r.number for r in seed] == [1, 2, 3, 4, 5, 6]
    for ref in seed:
        assert SEED[ref.start - 1000 : ref.end - 1000] == ref.raw
        assert ref.raw.startswith(f"{ref.number}. ")
        assert ref.problems == ()


def test_seed_1(seed: tuple[Reference, ...]) -> None:
    assert fields(seed[0]) == {
        "number": 1,
        "authors": ("Hassan K", "Struthers WM", "Sankarabhotla A", "Davis P"),
        "et_al": False,
        "title": "Safety, effectiveness and tolerability of sublingual ketamine in depression and anxiety: "
        "A retrospective study of off-label, at-home use",
        "container": "Front Psychiatry",
        "year": 2022,
        "volume": "13",
        "issue": None,
        "pages": None,
        "doi": "10.3389/fpsyt.2022.992624",
    }
    assert seed[0].doi_raw == "doi:10.3389/fpsyt.2022.992624"
    assert seed[0].first_author_family == "Hassan"


def test_seed_2(seed: tuple[Reference, ...]) -> None:
    assert fields(seed[1]) == {
        "number": 2,
        "authors": ("Al-Harbi KS",),
        "et_al": False,
        "title": "Treatment-resistant depression: therapeutic trends, challenges, and future directions",
        "container": "Patient Prefer Adherence",
        "year": 2012,
        "volume": "6",
        "issue": None,
        "pages": "369-388",
        "doi": "10.2147/ppa.s29716",
    }


def test_seed_3(seed: tuple[Reference, ...]) -> None:
    assert fields(seed[2]) == {
        "number": 3,
        "authors": ("Zhdanava M", "Pilon D", "Ghelerter I"),
        "et_al": True,
        "title": "The Prevalence and National Burden of Treatment-Resistant Depression and Major Depressive "
        "Disorder in the United States",
        "container": "J Clin Psychiatry",
        "year": 2021,
        "volume": "82",
        "issue": "2",
        "pages": None,
        "doi": "10.4088/jcp.20m13699",
    }


def test_seed_4(seed: tuple[Reference, ...]) -> None:
    assert fields(seed[3]) == {
        "number": 4,
        "authors": ("Mandal S", "Sinha VK", "Goyal N"),
        "et_al": False,
        "title": "Efficacy of ketamine therapy in the treatment of depression",
        "container": "Indian J Psychiatry",
        "year": 2019,
        "volume": "61",
        "issue": "5",
        "pages": "480-485",
        "doi": "10.4103/psychiatry.indianjpsychiatry_484_18",
    }


def test_seed_5_title_only_with_access_date(seed: tuple[Reference, ...]) -> None:
    ref = seed[4]
    assert fields(ref) == {
        "number": 5,
        "authors": (),
        "et_al": False,
        "title": "Ketamine",
        "container": None,
        "year": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
    }
    assert ref.accessed == "February 10, 2022"
    assert not ref.has_identifier
    assert ref.problems == ()


def test_seed_6(seed: tuple[Reference, ...]) -> None:
    assert fields(seed[5]) == {
        "number": 6,
        "authors": ("Hull TD", "Malgaroli M", "Gazzaley A"),
        "et_al": True,
        "title": "At-home, sublingual ketamine telehealth is a safe and effective treatment for moderate to "
        "severe anxiety and depression: Findings from a large, prospective, open-label effectiveness trial",
        "container": "J Affect Disord",
        "year": 2022,
        "volume": "314",
        "issue": None,
        "pages": "59-67",
        "doi": "10.1016/j.jad.2022.07.004",
    }


# --- splitting -----------------------------------------------------------------------------------


def test_split_bracket_markers_without_blank_lines() -> None:
    text = "[1] Smith J. One. Lancet. 2020;1:2.\n[2] Doe A. Two. BMJ. 2021;3:4.\n"
    assert split_reference_list(text) == [
        (1, "[1] Smith J. One. Lancet. 2020;1:2.", 0, 35),
        (2, "[2] Doe A. Two. BMJ. 2021;3:4.", 36, 66),
    ]


def test_split_paren_markers_and_entries_over_several_lines() -> None:
    text = "1) Smith J. A long title that\n   goes on. Lancet.\n   2020;1:2.\n2) Doe A. Two. BMJ. 2021;3:4."
    entries = split_reference_list(text, offset=50)
    assert [(n, raw) for n, raw, _, _ in entries] == [
        (1, "1) Smith J. A long title that\n   goes on. Lancet.\n   2020;1:2."),
        (2, "2) Doe A. Two. BMJ. 2021;3:4."),
    ]
    assert [(s, e) for _, _, s, e in entries] == [(50, 112), (113, 142)]
    assert all(text[s - 50 : e - 50] == raw for _, raw, s, e in entries)
    ref = parse_reference_list(text)[0]
    assert (ref.title, ref.container, ref.year, ref.pages) == (
        "A long title that goes on",
        "Lancet",
        2020,
        "2",
    )


def test_split_number_and_space_markers() -> None:
    text = "13 Ringholz, G. M. et al. Prevalence. Neurology 65, 586-590 (2005).\n14 O'Rourke, J. G. Mice. N."
    assert [n for n, _, _, _ in split_reference_list(text)] == [13, 14]


def test_split_continuation_line_starting_with_a_number_is_not_an_entry() -> None:
    text = "1. Smith J. Title. Lancet.\n2020;1:2.\n2. Doe A. Two. BMJ. 2021;3:4."
    assert [n for n, _, _, _ in split_reference_list(text)] == [1, 2]


def test_split_keeps_repeated_and_out_of_order_numbers() -> None:
    text = "1. Smith J. One. BMJ. 2020;1:2.\n4. Doe A. Two. BMJ. 2021;3:4.\n4. Roe B. Three.\n3. Poe C. Four."
    assert [n for n, _, _, _ in split_reference_list(text)] == [1, 4, 4, 3]


def test_split_unnumbered_lines() -> None:
    text = "Smith, J. (2020). One. Journal, 1, 2.\nDoe, A. (2021). Two. Journal, 3, 4.\n"
    assert [(n, raw) for n, raw, _, _ in split_reference_list(text)] == [
        (None, "Smith, J. (2020). One. Journal, 1, 2."),
        (None, "Doe, A. (2021). Two. Journal, 3, 4."),
    ]


def test_split_unnumbered_paragraphs() -> None:
    text = "Smith, J. (2020). One.\nJournal, 1, 2.\n\nDoe, A. (2021). Two.\nJournal, 3, 4.\n"
    assert [raw for _, raw, _, _ in split_reference_list(text)] == [
        "Smith, J. (2020). One.\nJournal, 1, 2.",
        "Doe, A. (2021). Two.\nJournal, 3, 4.",
    ]


def test_split_empty() -> None:
    assert split_reference_list("  \n\n ") == []
    assert parse_reference_list("") == ()


# --- numbers and spans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("[7] Doe A. Trial results. J. 2020;1:2.", 7),
        ("7) Doe A. Trial results.", 7),
        ("7. Doe A. Trial results.", 7),
    ],
)
def test_number_taken_from_marker(text: str, number: int) -> None:
    ref = parse_reference(text)
    assert ref.number == number
    assert ref.authors == ("Doe A",)


def test_given_number_wins_and_span_skips_whitespace() -> None:
    ref = parse_reference("  3. Doe A. Title. J. 2020;1:2.\n", number=9, start=100)
    assert ref.number == 9
    assert (ref.start, ref.end) == (102, 131)
    assert ref.raw == "3. Doe A. Title. J. 2020;1:2."


# --- styles --------------------------------------------------------------------------------------


def test_apa() -> None:
    ref = parse_reference(
        "Smith, J. A., & Lee, K. (2020). Sleep and memory: A review. Journal of Sleep, 12(3), 45–67. "
        "https://doi.org/10.1000/xyz123"
    )
    assert fields(ref) | {"url": ref.url} == {
        "number": None,
        "authors": ("Smith, J. A.", "Lee, K."),
        "et_al": False,
        "title": "Sleep and memory: A review",
        "container": "Journal of Sleep",
        "year": 2020,
        "volume": "12",
        "issue": "3",
        "pages": "45–67",
        "doi": "10.1000/xyz123",
        "url": None,
    }


def test_harvard_with_organisation_author() -> None:
    ref = parse_reference(
        "UNHCR, 2015. “Women on the Run: First-hand accounts.” Washington DC: UNHCR. "
        "Available at http://www.unhcr.org/5630f24c6.html"
    )
    assert (ref.authors, ref.year, ref.title, ref.container) == (
        ("UNHCR",),
        2015,
        "Women on the Run: First-hand accounts",
        None,
    )
    assert ref.url == "http://www.unhcr.org/5630f24c6.html"


def test_ieee_quoted_title() -> None:
    ref = parse_reference(
        '[4] L. Sha, R. Rajkumar, and J. Lehoczky, "Priority Inheritance Protocols", '
        "IEEE Transactions on Computers, Vol. 39, No. 9, 1990, pp. 1175-1185."
    )
    assert fields(ref) == {
        "number": 4,
        "authors": ("L. Sha", "R. Rajkumar", "J. Lehoczky"),
        "et_al": False,
        "title": "Priority Inheritance Protocols",
        "container": "IEEE Transactions on Computers",
        "year": 1990,
        "volume": "39",
        "issue": "9",
        "pages": "1175-1185",
        "doi": None,
    }


def test_chicago_journal() -> None:
    ref = parse_reference(
        "Wells, Christopher. “Word of Love: The Itinerary of 1 Corinthians.” Anglican Theological Review 93, "
        "no. 4 (Fall 2011): 581–598."
    )
    assert (ref.authors, ref.title, ref.container, ref.year, ref.volume, ref.issue, ref.pages) == (
        ("Wells, Christopher",),
        "Word of Love: The Itinerary of 1 Corinthians",
        "Anglican Theological Review",
        2011,
        "93",
        "4",
        "581–598",
    )


def test_mla_chapter_in_edited_book() -> None:
    ref = parse_reference(
        "Müller, Anja. “Childhood in the Renaissance.” Childhood in the English Renaissance. "
        "Ed. Anja Müller. Trier: WVT, 2013. 1-12."
    )
    assert (ref.title, ref.container, ref.year, ref.pages) == (
        "Childhood in the Renaissance",
        "Childhood in the English Renaissance",
        2013,
        "1-12",
    )


def test_cs_proceedings() -> None:
    ref = parse_reference(
        "Murthy, S. K., Kasif, S., & Beigel, R. (1993). Randomized induction of oblique decision trees. "
        "In Proceedings of the Eleventh National Conference on Artificial Intelligence, pp. 322-327. "
        "MIT Press."
    )
    assert ref.container == "Proceedings of the Eleventh National Conference on Artificial Intelligence"
    assert (ref.year, ref.pages, ref.authors[-1]) == (1993, "322-327", "Beigel, R.")


def test_book_with_publisher_has_no_container() -> None:
    ref = parse_reference("[2] R. H. Bube, Photovoltaic Materials, Imperial College Press, 1998.")
    assert (ref.authors, ref.title, ref.container, ref.year) == (
        ("R. H. Bube",),
        "Photovoltaic Materials",
        None,
        1998,
    )


def test_physics_style_without_title() -> None:
    ref = parse_reference("W. Vogelsang, Nucl. Phys. B 475, 47 (1996)")
    assert (ref.title, ref.container, ref.volume, ref.pages, ref.year) == (
        None,
        "Nucl. Phys. B",
        "475",
        "47",
        1996,
    )
    assert ref.problems == ()


def test_identifiers() -> None:
    ref = parse_reference(
        "Doe A. A trial. Lancet. 2020;395(10223):497-506. PMID: 31986264; PMCID: PMC7159299. "
        "ISBN 978-0-12-345678-9. https://www.thelancet.com/x Accessed March 3, 2021."
    )
    assert (ref.pmid, ref.pmcid, ref.isbn, ref.url, ref.accessed) == (
        "31986264",
        "PMC7159299",
        "978-0-12-345678-9",
        "https://www.thelancet.com/x",
        "March 3, 2021",
    )
    assert (ref.container, ref.volume, ref.issue, ref.pages) == ("Lancet", "395", "10223", "497-506")


def test_invalid_doi_is_kept_with_problem_and_suggestion() -> None:
    ref = parse_reference(
        "6. Hull TD. A trial. J Affect Disord. 2022;314:59-67. doi:10.1016.j.jad.2022.07.004"
    )
    assert ref.doi is None
    assert ref.doi_raw == "doi:10.1016.j.jad.2022.07.004"
    assert ref.doi_suggestion == "10.1016/j.jad.2022.07.004"
    assert ref.doi_problem is not None and "slash" in ref.doi_problem
    assert ref.has_identifier
    assert ref.pages == "59-67"


# --- problems and hostile input ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["%%% ### @@@", "Id, at 2.2", "—", "12."])
def test_unparseable_line_becomes_a_problem_value(text: str) -> None:
    ref = parse_reference(text)
    assert ref.raw == text
    assert ref.problems != ()


def test_unparseable_entry_in_a_list_does_not_stop_the_others() -> None:
    refs = parse_reference_list("1. %%% ### @@@\n2. Doe A. A trial. Lancet. 2020;1:2.")
    assert [bool(r.problems) for r in refs] == [True, False]
    assert refs[1].container == "Lancet"


def test_one_megabyte_of_garbage_returns() -> None:
    rng = random.Random(7)
    garbage = "".join(rng.choice(string.printable) for _ in range(1_000_000))
    with returns_within():
        ref = parse_reference(garbage)
        entries = parse_reference_list(garbage)
    assert ref.raw == garbage.strip()
    assert entries and all(e.raw and e.raw in garbage for e in entries)


@pytest.mark.parametrize(
    "unit",
    ["A. ", "Smith, A., ", "“a” and ", "doi:", "(2001). ", "May ", "vol. ", "de ", "[", "1-2, ", "ABCD "],
)
def test_repeated_patterns_stay_linear(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    with returns_within():  # a backtracking pattern would take hours on 200 kB
        ref = parse_reference(text)
        entries = parse_reference_list(text)
    # no numbered line: the whole text is one entry, kept as it was given
    assert ref.raw == text.strip() and ref.number is None
    assert [e.raw for e in entries] == [text.strip()]


def test_random_reference_like_text_never_raises() -> None:
    rng = random.Random(11)
    words = [
        "Smith",
        "J.",
        "A",
        "and",
        ",",
        "2001",
        "(",
        ")",
        "Journal",
        "12(3)",
        "45-67",
        "doi:10.1000/x",
        "“",
        "”",
    ]
    words += [
        ".",
        "In:",
        "vol.",
        "pp.",
        "et al.",
        ";",
        ":",
        "eds.",
        "1.",
        "[2]",
        "Press",
        "&",
        "http://x.y/z",
    ]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 25)))
        ref = parse_reference(text)
        assert ref.raw == text.strip()


def test_single_vancouver_author_before_a_title_with_and() -> None:
    ref = parse_reference("1. Author A. Sleep and mood in adolescents. J Sleep Res. 2020;1:1-2.")
    assert (ref.authors, ref.title, ref.container) == (
        ("Author A",),
        "Sleep and mood in adolescents",
        "J Sleep Res",
    )


def test_direct_name_with_middle_initial_before_a_comma() -> None:
    ref = parse_reference(
        "Joseph A. Schumpeter, Capitalism, Socialism and Democracy (London: Routledge, 1992)."
    )
    assert (ref.authors, ref.title, ref.year) == (
        ("Joseph A. Schumpeter",),
        "Capitalism, Socialism and Democracy",
        1992,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Smith, J., Jr., & Lee, K. (2020). Title here. Journal, 1(2), 3-4.",
            (("Smith, J., Jr.", "Lee, K."), "Title here", "Journal", 2020, "1", "2", "3-4"),
        ),
        (
            "King ML Jr, Doe A. A dream. Lancet. 1963;1:1-2.",
            (("King ML Jr", "Doe A"), "A dream", "Lancet", 1963, "1", None, "1-2"),
        ),
        (
            "Jones A. Trial. Lancet. 2012 Jan;6(1):12-20.",
            (("Jones A",), "Trial", "Lancet", 2012, "6", "1", "12-20"),
        ),
        (
            "Smith, J. and Jones, K. (2001) 'Patients' views on care', Journal of Care, 12(3), pp. 45-67.",
            (
                ("Smith, J.", "Jones, K."),
                "Patients' views on care",
                "Journal of Care",
                2001,
                "12",
                "3",
                "45-67",
            ),
        ),
        (
            "Smith J. Chapter title. In: Doe A, ed. Book Title. 3rd ed. New York: Pub; 2010:45-67.",
            (("Smith J",), "Chapter title", "Book Title", 2010, None, None, "45-67"),
        ),
        (
            "Doe A. A cohort. JAMA. Published online March 3, 2021. doi:10.1001/jama.2021.1",
            (("Doe A",), "A cohort", "JAMA", 2021, None, None, None),
        ),
        (
            "Müller, H. (Hrsg.): Titel der Sammlung. In: Zeitschrift für Geschichte 12 (2003), S. 45–67.",
            (("Müller, H.",), "Titel der Sammlung", "Zeitschrift für Geschichte", 2003, "12", None, "45–67"),
        ),
        (
            '[1] A. Author, "Signal processing," in Proc. IEEE Conf. Signals, 2001, pp. 1–5.',
            (("A. Author",), "Signal processing", "Proc. IEEE Conf. Signals", 2001, None, None, "1–5"),
        ),
    ],
)
def test_more_styles(text: str, expected: tuple[object, ...]) -> None:
    ref = parse_reference(text)
    assert (ref.authors, ref.title, ref.container, ref.year, ref.volume, ref.issue, ref.pages) == expected


@pytest.mark.parametrize("module", [doi, refnames, references])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "family"),
    [
        ("Hassan K", "Hassan"),
        ("Al-Harbi KS", "Al-Harbi"),
        ("Birch, H.", "Birch"),
        ("D. J. Burr", "Burr"),
        ("AM Trinkoff", "Trinkoff"),
        ("Ruth Shapira", "Shapira"),
        ("KAHAN Marcel", "KAHAN"),
        ("Ben AW DE JONG", "DE JONG"),
        ("Neal R. M.", "Neal"),
        ("UNHCR", "UNHCR"),
        ("", None),
    ],
)
def test_family_name(author: str, family: str | None) -> None:
    assert family_name(author) == family


def test_a_year_after_names_left_unread_and_before_a_quoted_title_is_the_date() -> None:
    # author manuscripts print "Names. 2013 ‘Title’, Journal, 59: 191."; a given name in full stops the
    # name reader, and a range of years in the title ("1670-1750") must not be taken for the date
    ref = parse_reference(
        "Brandt Ole K., and Moreau Lise. 2013 ‘Kin and child survival in early Quebec (1670-1750)’, "
        "Biodemography Soc Biol, 59: 191."
    )
    assert ref.year == 2013


def test_superscript_digits_after_a_footnote_entry_are_no_year() -> None:
    # "²³²³" is digits to str.isdigit but not to int(): the numeric tail must not read it as a year
    from claimcheck.read.references.locate import year_of

    assert year_of("²³²³") is None and year_of("2019") == 2019
    from claimcheck.read.references.parse import parse_reference

    assert parse_reference("Doe J. 2019.”²³²³").year == 2019
