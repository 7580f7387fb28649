"""An author-year list re-cut where its unmatched citations say an entry opens: short excerpts written
for the tests."""

from __future__ import annotations

import itertools

import claimcheck
from claimcheck.model import Reference
from claimcheck.read.references.parse import parse_reference
from claimcheck.read.references.recut import recut


def _entries(text: str, *cuts: int) -> tuple[Reference, ...]:
    """The text read as the entries between ``cuts`` (as a splitter that missed some would)."""
    edges = [0, *cuts, len(text)]
    return tuple(parse_reference(text[a:b], start=a) for a, b in itertools.pairwise(edges))


def _firsts(refs: tuple[Reference, ...]) -> list[tuple[str | None, int | None]]:
    return [(r.first_author_family, r.year) for r in refs]


def test_an_entry_holding_a_cited_name_and_year_at_a_line_start_is_split_there() -> None:
    text = (
        "Abel, A. (2018). One trial of a therapy in\n"
        "Lee, K., & Park, J. (2020). A study of care. Lancet, 3, 4-5.\n"
    )
    refs = recut(_entries(text), text, [("Lee", "2020")], cited={0})
    assert _firsts(refs) == [("Abel", 2018), ("Lee", 2020)]
    assert [text[r.start : r.end] for r in refs] == [r.raw for r in refs]


def test_accented_names_are_found_and_cut_at_the_printed_offsets() -> None:
    # The openings are looked for in the text by base letters, made once per list: Müller is
    # found for the citation's Müller (and Muller), and the cut lands where the text has it.
    text = (
        "Ångström, A. (2018). One trial of a thérapie in\n"
        "Müller, K., & Park, J. (2020). A study of care. Lancet, 3, 4-5.\n"
    )
    for cited_as in ("Müller", "Muller"):
        refs = recut(_entries(text), text, [(cited_as, "2020")], cited={0})
        assert _firsts(refs) == [("Ångström", 2018), ("Müller", 2020)]
        assert [text[r.start : r.end] for r in refs] == [r.raw for r in refs]


def test_an_accented_entry_outside_every_entry_is_read_from_its_line() -> None:
    text = (
        "Ångström, A. (2018). One trial. J Child Psychol, 1, 2-3.\n\n"
        "Öztürk, K. (2020). A lost study. Lancet, 3, 4-5.\n\n"
        "Çelik, B. (2019). Two trials. BMJ, 5, 6-7.\n"
    )
    lost, last = text.index("Öztürk"), text.index("Çelik")
    kept = (parse_reference(text[:lost], start=0), parse_reference(text[last:], start=last))
    refs = recut(kept, text, [("Ozturk", "2020")], cited={0, 1}, span=(0, len(text)))
    assert [r.raw for r in refs][1] == "Öztürk, K. (2020). A lost study. Lancet, 3, 4-5."


def test_the_last_author_line_of_a_cited_entry_is_not_split_off() -> None:
    # "Murray, V. (2018)." opens a line, but the entry above it has no year of its own:
    # the line ends Berry's author list, and Berry's entry is cited as read.
    text = "Berry, H. L., Waite, T. D., &\nMurray, V. (2018). The case for climate. J Health, 63, 1.\n"
    refs = recut(_entries(text), text, [("Murray", "2018")], cited={0})
    assert _firsts(refs) == [("Berry", 2018)]


def test_a_head_of_names_parted_from_its_rest_goes_when_the_entry_is_cited_by_nothing() -> None:
    text = (
        "Storch E, Caporino N, Morgan J, Rojas A,\n\n"
        "Ingersoll B, Shannon K, Berger N (2017).\nSelf-directed telehealth. J Med Internet Res, 19, e248.\n"
    )
    refs = recut(_entries(text), text, [("Ingersoll", "2017")], cited=())
    assert _firsts(refs) == [("Ingersoll", 2017)]


def test_an_undated_entry_of_the_cited_name_and_an_uncited_entry_of_the_year_are_rejoined() -> None:
    text = (
        "Himle, M., Freitag, M., Walther, M., &\nWoods, D. (2012). A pilot trial. Behav Res Ther, 50, 565.\n"
    )
    cut = text.index("Woods")
    refs = recut(_entries(text, cut), text, [("Himle", "2012")], cited=())
    assert _firsts(refs) == [("Himle", 2012)]
    assert refs[0].raw == text.strip()


def test_the_rejoin_leaves_an_entry_some_citation_names() -> None:
    text = (
        "Himle, M., Freitag, M., Walther, M., &\nWoods, D. (2012). A pilot trial. Behav Res Ther, 50, 565.\n"
    )
    cut = text.index("Woods")
    refs = recut(_entries(text, cut), text, [("Himle", "2012")], cited={1})
    assert _firsts(refs) == [("Himle", None), ("Woods", 2012)]


def test_a_cited_entry_outside_every_entry_of_the_section_is_read() -> None:
    text = (
        "Abel, A. (2018). One trial. J Child Psychol, 1, 2-3.\n\n"
        "de Vries, K. (2020). A lost study. Lancet, 3, 4-5.\n\n"
        "Cole, B. (2019). Two trials. BMJ, 5, 6-7.\n"
    )
    lost = text.index("de Vries")
    kept = (
        parse_reference(text[:lost], start=0),
        parse_reference(text[text.index("Cole") :], start=text.index("Cole")),
    )
    refs = recut(kept, text, [("De Vries", "2020")], cited={0, 1}, span=(0, len(text)))
    assert _firsts(refs) == [("Abel", 2018), ("de Vries", 2020), ("Cole", 2019)]
    assert refs[1].raw == "de Vries, K. (2020). A lost study. Lancet, 3, 4-5."


def test_a_list_every_citation_matches_is_left_as_it_is() -> None:
    text = "Abel, A. (2018). One trial in\nLee, K. (2020). A study. Lancet, 3, 4-5.\n"
    refs = _entries(text)
    assert recut(refs, text, [], cited={0}) == refs
    assert recut(refs, text, [("Lee", "2021")], cited={0}) == refs  # the year must agree too


def test_audit_reads_the_entry_a_citation_finds_inside_a_merged_one() -> None:
    article = (
        "Intro\n\nTraining helps (Abel, 2018). Parents deliver it (Ingersoll et al., 2017).\n\n"
        "References\n\n"
        "Abel, A. (2018). One trial. J Child Psychol, 1, 2-3.\n"
        "Storch E, Caporino N, Morgan J, Rojas A,\n\n"
        "Ingersoll B, Shannon K, Berger N (2017).\nSelf-directed telehealth. J Med Internet Res, 19, e248.\n"
    )
    article_, refs = claimcheck.parse(text=article)
    assert article_.style == "author-year"
    assert [(r.number, r.first_author_family, r.year) for r in refs] == [
        (1, "Abel", 2018),
        (2, "Ingersoll", 2017),
    ]


# --- a first line of names the page layout moved away from its entry -------------------------------

_MOVED = (
    "Abel, A. (2018). One trial. J Child Psychol, 1, 2-3.\n"
    "Himle M, Freitag M, Walther M, Franklin S, Ely L,\n\n"
    "children and adolescents. J Am Acad Child Psy, 47, 1468-1483.\n"
    "Cole, B. (2019). Two trials. BMJ, 5, 6-7.\n"
    "Woods D (2012). A randomised pilot trial. Behav Res Ther, 50, 565-570.\n"
)


def _moved_entries() -> tuple[Reference, ...]:
    starts = [0, _MOVED.index("Himle"), _MOVED.index("Cole"), _MOVED.index("Woods")]
    return _entries(_MOVED, *starts[1:])


def test_a_moved_first_line_of_names_is_put_back_on_the_one_uncited_entry_of_the_year() -> None:
    refs = recut(_moved_entries(), _MOVED, [("Himle", "2012")], cited={0, 2}, names={"Abel", "Cole", "Himle"})
    assert _firsts(refs) == [("Abel", 2018), ("Cole", 2019), ("Himle", 2012)]
    assert refs[2].authors[:2] == ("Himle M", "Freitag M") and "Woods D" in refs[2].authors
    assert refs[2].raw.startswith("Woods D (2012).")  # the entry keeps its printed span


def test_the_moved_line_is_not_put_on_an_entry_whose_author_is_cited() -> None:
    refs = recut(
        _moved_entries(), _MOVED, [("Himle", "2012")], cited={0, 2}, names={"Abel", "Cole", "Himle", "Woods"}
    )
    assert ("Himle", 2012) not in _firsts(refs)


def test_the_moved_line_is_not_put_back_when_two_entries_of_the_year_could_take_it() -> None:
    text = _MOVED + "Zeller K (2012). Another study. Psychol Med, 3, 1-9.\n"
    refs = _entries(text, text.index("Himle"), text.index("Cole"), text.index("Woods"), text.index("Zeller"))
    refs = recut(refs, text, [("Himle", "2012")], cited={0, 2}, names={"Abel", "Cole", "Himle"})
    assert ("Himle", 2012) not in _firsts(refs)


# --- a moved line of names whose rest opens with the year, inside another entry ---------------------

_PARTED = (
    "Abel, A., 2018. One trial. J. Child Psychol. 1, 2-3.\n"
    "Iorio, M., Spalletta, G., 2013. White matter seg-\n\n"
    "Kemp, F.Y., Wang, L., Alpert, K.I., et al.,\n\n"
    "mentation: a new method. Front. Aging Neurosci. 5, 1-9.\n"
    "Li, Z., Chen, Z., 2018. Afferent in-\n"
    "nervation of the core. Front. Neuroanat. 12, 3-4.\n\n"
    "2014. Basal ganglia and thalamic morphology. Psychiatry Res. 223, 75-83.\n"
    "Young, R.C., 1978. A rating scale. Br. J. Psychiatry 133, 429-435.\n"
)


def _parted(text: str) -> tuple[Reference, ...]:
    starts = [text.index(name) for name in ("Iorio", "Li,", "Young")]
    return recut(
        _entries(text, *starts),
        text,
        [("Kemp", "2014")],
        cited={0, 1, 2, 3},
        names={"Abel", "Iorio", "Kemp", "Li", "Young"},
    )


def test_a_moved_line_of_names_is_put_on_the_line_that_opens_with_its_year() -> None:
    refs = _parted(_PARTED)
    assert _firsts(refs) == [("Abel", 2018), ("Iorio", 2013), ("Li", 2018), ("Kemp", 2014), ("Young", 1978)]
    assert refs[3].raw.startswith("2014. Basal") and refs[3].authors[:2] == ("Kemp, F.Y.", "Wang, L.")
    assert refs[2].raw.endswith("12, 3-4.")  # the entry that held the rest keeps what is its own
    assert refs[1].year == 2013 and "mentation" in refs[1].raw  # the moved line's host is left whole


def test_a_line_opening_with_the_year_below_an_open_line_of_names_is_no_moved_rest() -> None:
    # "Kemp, ...," then "2014." is an entry's own author list going on: the line is not taken
    text = _PARTED.replace(
        "Front. Neuroanat. 12, 3-4.\n\n2014.", "Front. Neuroanat. 12, 3-4.\nLee, A.,\n2014."
    )
    assert ("Kemp", 2014) not in _firsts(_parted(text))


def test_no_rest_is_taken_when_two_lines_open_with_the_year() -> None:
    text = _PARTED + "\n2014. Another piece of a title. Lancet 3, 4-5.\n"
    assert ("Kemp", 2014) not in _firsts(_parted(text))
