"""APA and Harvard citation forms that tell works apart: excerpts written for the tests."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.read.authoryear import find_author_year
from claimcheck.registry.resolve import OfflineResolver

_CODES = {"citation-not-in-list", "ambiguous-citation", "reference-never-cited"}


def _labels(text: str) -> list[str]:
    return [c.label for c in find_author_year(text)]


def _misses(body: str, entries: str) -> list[tuple[str, object]]:
    report = claimcheck.audit(f"{body}\n\nReferences\n\n{entries}", resolver=OfflineResolver())
    return sorted(
        (f.code, f.detail.get("cited") or f.reference_number) for f in report.findings if f.code in _CODES
    )


# Two works that both shorten to "Okafor et al., 2019".
_TWO_OKAFORS = (
    "Okafor, N., Lindqvist, P., & Haddad, R. (2019). Sleep and mood in nurses. Sleep Med, 4, 1-9.\n\n"
    "Okafor, N., Brennan, T., & Sato, K. (2019). Night shifts and anxiety. J Nurs, 7, 10-19."
)


def test_an_et_al_citation_keeps_the_second_author_it_names() -> None:
    text = "Mood fell (Okafor, Lindqvist, et al., 2019). Okafor, Brennan, et al. (2019) saw anxiety."
    assert _labels(text) == ["Okafor, Lindqvist, et al., 2019", "Okafor, Brennan, et al., 2019"]


def test_the_second_author_tells_two_et_al_works_apart() -> None:
    body = "Mood fell (Okafor, Lindqvist, et al., 2019). Okafor, Brennan, et al. (2019) saw anxiety."
    assert _misses(body, _TWO_OKAFORS) == []


def test_et_al_alone_still_names_both_works() -> None:
    body = "Mood fell (Okafor et al., 2019). Anxiety rose (Okafor, Brennan, et al., 2019)."
    assert _misses(body, _TWO_OKAFORS) == [("ambiguous-citation", "Okafor et al., 2019")]


# --- forms that hid a citation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a label in parentheses inside the citation's own
        ("Mood (Patient Health Questionnaire (PHQ-9); Kroenke et al., 2001).", ["Kroenke et al., 2001"]),
        ("It held (Osei et al., 2018 (Study 2); Lund, 2019).", ["Osei et al., 2018", "Lund, 2019"]),
        # a remark after the year (APA: "see Koehler, 2016, for more detail")
        ("Sleep matters (see Koehler, 2016, for a review).", ["Koehler, 2016"]),
        ("Sleep matters (Lund, 2019; see Osei, 2021 for a meta-analysis).", ["Lund, 2019", "Osei, 2021"]),
        ("It was 'calm' (Lund, 2019, p. 4, emphasis added).", ["Lund, 2019"]),
        # another year of the same authors after a semicolon
        ("It held (Osei et al., 2018; 2019).", ["Osei et al., 2018", "Osei et al., 2019"]),
        ("Osei et al. (2018; 2019) saw it.", ["Osei et al., 2018; Osei et al., 2019"]),
        # works joined by words
        ("It held (Lund, 2019, reviewed in Osei, 2021).", ["Lund, 2019", "Osei, 2021"]),
        ("It held (Lund, 2019 and Osei, 2021).", ["Lund, 2019", "Osei, 2021"]),
        # names as PDF text prints them
        ("Van Dijk et al. (2019) saw it.", ["Van Dijk et al., 2019"]),
        (
            "Kahne-\nman et al. (2011) saw it (Tver-\nsky et al., 1974).",
            ["Kahneman et al., 2011", "Tversky et al., 1974"],
        ),
        ("Osei et al., (2018) saw it (Lund et al.,2019).", ["Osei et al., 2018", "Lund et al., 2019"]),
        # "et al." run together, "cf." with two stops
        ("Seen (Posner et al. 2016; Sandman etal. 2015).", ["Posner et al., 2016", "Sandman et al., 2015"]),
        ("Sandman etal. (2015) saw it, not the metal (2015).", ["Sandman et al., 2015"]),
        ("It is older (c.f. Hrdy 2000; MacLean 1990).", ["Hrdy, 2000", "MacLean, 1990"]),
    ],
)
def test_citation_forms_that_were_missed(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_secondary_source_counts_the_work_read() -> None:
    body = "Traits are stable (Allport, 1937, as cited in Nicholson, 2003)."
    nicholson = "Nicholson, I. (2003). Inventing personality. American Psychological Association."
    assert _misses(body, nicholson) == []
    allport = "Allport, G. W. (1937). Personality: A psychological interpretation. Holt."
    assert _misses(body, f"{allport}\n\n{nicholson}") == []
    assert _misses("Traits are stable (Allport, 1937).", nicholson) == [
        ("citation-not-in-list", "Allport, 1937"),
        ("reference-never-cited", 1),
    ]


def test_a_capitalised_word_set_off_before_a_listed_name_is_not_an_author() -> None:
    text = "In this Special Issue, Mensah et al. (2022) found it."
    assert _labels(text) == ["Issue, Mensah, et al., 2022"]
    assert [c.label for c in find_author_year(text, known={("mensah", "2022")})] == ["Mensah et al., 2022"]


# --- names a group author may use; a person has no acronym ----------------------------------------


def test_a_persons_initials_do_not_pass_for_a_short_surname() -> None:
    body = "Sleep fell (Ma et al., 2020). Mood fell (Miller et al., 2020)."
    entries = (
        "Ma, X., Li, Y., & Wu, Z. (2020). Sleep in students. Sleep Med, 1, 1-9.\n\n"
        "Miller, A., Brown, B., & Clark, C. (2020). Mood in nurses. J Nurs, 2, 3-9."
    )
    assert _misses(body, entries) == []
    vancouver = (
        "Ma X, Li Y, Wu Z. Sleep in students. Sleep Med. 2020;1:1-9.\n\n"
        "Miller A, Brown B, Clark C. Mood in nurses. J Nurs. 2020;2:3-9."
    )
    assert _misses(body, vancouver) == []


def test_an_acronym_in_a_title_is_not_a_name_of_the_entry() -> None:
    body = "Mood was screened (PHQ, 2019). Anxiety fell (WHO, 2019)."
    entries = (
        "Osei, K. (2019). Validity of the Patient Health Questionnaire (PHQ). J Affect Disord, 1, 1-9.\n\n"
        "World Health Organization (WHO). (2019). Mental health atlas. Geneva."
    )
    assert _misses(body, entries) == [("citation-not-in-list", "PHQ, 2019"), ("reference-never-cited", 1)]


def test_a_work_in_press_is_cited_in_press() -> None:
    body = "Sleep fell (Lund, in press). Lund (in press) saw it."
    assert _misses(body, "Lund, K. (in press). Sleep in nurses. Journal of Sleep Research.") == []


# --- initials tell two first authors of one surname apart (APA 7, 8.20) ---------------------------

_TWO_WANGS = (
    "Wang, Y., Osei, K., & Lund, P. (2020). Sleep in students. Sleep Med, 1, 1-9.\n\n"
    "Wang, X.-L., Brennan, T., & Sato, K. (2020). Mood in nurses. J Nurs, 2, 3-9."
)


def test_initials_tell_two_first_authors_of_one_surname_apart() -> None:
    body = "Sleep fell (Y. Wang et al., 2020). X.-L. Wang et al. (2020) saw mood fall."
    assert _misses(body, _TWO_WANGS) == []
    vancouver = (
        "Wang Y, Osei K, Lund P. Sleep in students. Sleep Med. 2020;1:1-9.\n\n"
        "Wang XL, Brennan T, Sato K. Mood in nurses. J Nurs. 2020;2:3-9."
    )
    assert _misses("Sleep fell (X. L. Wang et al., 2020). Y. Wang et al. (2020) agreed.", vancouver) == []


def test_without_initials_the_two_stay_ambiguous() -> None:
    body = "Sleep fell (Wang et al., 2020). X.-L. Wang et al. (2020) saw mood fall."
    assert _misses(body, _TWO_WANGS) == [("ambiguous-citation", "Wang et al., 2020")]


def test_names_that_open_with_an_accented_capital() -> None:
    body = "Sleep fell (Lund, 2019, Özdemir et al., 2020). Ávila and Şahin (2018) agreed."
    entries = (
        "Ávila, M., & Şahin, E. (2018). Sleep in Spain. Sueño, 1, 1-9.\n\n"
        "Lund, K. (2019). Sleep in nurses. J Sleep, 2, 3-9.\n\n"
        "Özdemir, A., Kaya, B., & Yılmaz, C. (2020). Sleep in Turkey. Uyku, 3, 4-9."
    )
    assert _labels(body) == ["Lund, 2019", "Özdemir et al., 2020", "Ávila & Şahin, 2018"]
    assert _misses(body, entries) == []


def test_a_group_author_led_by_an_acronym_is_cited_by_its_shortened_rest() -> None:
    body = "Care in the first years matters (NICHD ECCRN, 1999). The agency warned (US FDA, 2021)."
    entries = (
        "NICHD Early Child Care Research Network. 1999. Child care and mother-child interaction. "
        "Dev Psychol, 35, 1399-1413.\n\n"
        "US Food and Drug Administration. (2021). Drug safety communication. Silver Spring, MD."
    )
    assert _misses(body, entries) == []
    # a citation shortened otherwise names neither
    shortened = _misses("Care matters (NICHD CCRN, 1999).", entries)
    assert shortened[0] == ("citation-not-in-list", "NICHD CCRN, 1999")
