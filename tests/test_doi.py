"""DOIs: finding them in text, normalising them, and explaining near-misses."""

from __future__ import annotations

import pytest
from bounds import returns_within

from claimcheck.read.references.doi import DoiCheck, check_doi, find_dois, normalise_doi


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.3389/fpsyt.2022.992624", "10.3389/fpsyt.2022.992624"),
        ("doi:10.2147/PPA.S29716", "10.2147/ppa.s29716"),
        ("DOI: 10.2147/PPA.S29716", "10.2147/ppa.s29716"),
        ("DOI 10.2147/PPA.S29716", "10.2147/ppa.s29716"),
        ("https://doi.org/10.4088/JCP.20m13699", "10.4088/jcp.20m13699"),
        ("http://dx.doi.org/10.4088/JCP.20m13699", "10.4088/jcp.20m13699"),
        ("doi.org/10.4088/JCP.20m13699", "10.4088/jcp.20m13699"),
        ("  10.1000/abc  ", "10.1000/abc"),
        ("10.1000%2Fabc", "10.1000/abc"),
        ("DOI:10.1000/ABC.", "10.1000/abc"),
        ("10.1000/abc,", "10.1000/abc"),
        ("10.1000/abc;", "10.1000/abc"),
        ("(10.1000/abc)", None),  # the opening bracket is not a prefix
        ("10.1000/abc)", "10.1000/abc"),
        ("10.1000/abc]", "10.1000/abc"),
        ("10.1016/S0140-6736(20)30183-5", "10.1016/s0140-6736(20)30183-5"),
        ("10.1016/S0140-6736(20)30183-5).", "10.1016/s0140-6736(20)30183-5"),
        ("10.1000.5/sub.registrant", "10.1000.5/sub.registrant"),
        ("10.123456789/nine", "10.123456789/nine"),
        ("10.100/too-short", None),
        ("10.1234567890/too-long", None),
        ("10.1000/", None),
        ("10.1016.j.jad.2022.07.004", None),
        ("11.1000/abc", None),
        ("", None),
    ],
)
def test_normalise_doi(raw: str, expected: str | None) -> None:
    assert normalise_doi(raw) == expected


def test_find_dois_with_prefixes_and_spans() -> None:
    text = "See doi:10.1000/ABC. Then https://doi.org/10.1000%2Fxyz, or DOI 10.2147/PPA.S29716 here."
    assert find_dois(text) == [
        ("doi:10.1000/ABC", 4, 19),
        ("https://doi.org/10.1000%2Fxyz", 26, 55),
        ("DOI 10.2147/PPA.S29716", 60, 82),
    ]


def test_find_dois_keeps_balanced_brackets_and_drops_the_closing_one() -> None:
    text = "(see 10.1016/S0140-6736(20)30183-5)."
    [(raw, start, end)] = find_dois(text)
    assert raw == "10.1016/S0140-6736(20)30183-5"
    assert text[start:end] == raw


def test_a_doi_ending_in_a_balanced_bracket_keeps_it() -> None:
    assert normalise_doi("10.1000/xyz(2)") == "10.1000/xyz(2)"
    assert normalise_doi("10.1000/xyz[2]") == "10.1000/xyz[2]"
    text = "(see doi:10.1000/xyz(2))."
    [(raw, start, end)] = find_dois(text)
    assert raw == "doi:10.1000/xyz(2)" and text[start:end] == raw


def test_find_dois_reports_labelled_near_misses() -> None:
    assert find_dois("Journal. 2020. doi: 1016/j.jad.2022.07.004") == [
        ("doi: 1016/j.jad.2022.07.004", 15, 42)
    ]


def test_find_dois_bare_in_publisher_url() -> None:
    assert find_dois("https://onlinelibrary.wiley.com/doi/10.1002/jcp.1234") == [("10.1002/jcp.1234", 36, 52)]


def test_find_dois_none() -> None:
    assert find_dois("No identifier here, only 10.5 mg and 2010/11.") == []


def test_check_valid_doi_is_ok() -> None:
    check = check_doi("doi:10.2147/PPA.S29716")
    assert check == DoiCheck("doi:10.2147/PPA.S29716", "10.2147/ppa.s29716", None, None)
    assert check.ok


def test_check_trailing_dot_is_cleaned_without_complaint() -> None:
    check = check_doi("DOI:10.1000/ABC.")
    assert (check.doi, check.problem, check.suggestion) == ("10.1000/abc", None, None)


@pytest.mark.parametrize(
    ("raw", "suggestion", "problem_words"),
    [
        ("10.1016.j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "dot where the slash"),
        ("doi:10.1016/j.jad. 2022.07.004", "10.1016/j.jad.2022.07.004", "spaces"),
        ("10.1016 /j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "spaces"),
        ("10,1016/j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "comma"),
        ("doi: 1016/j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "leading '10.'"),
        ("1O.1016/j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "letter"),
        ("10.1016j.jad.2022.07.004", "10.1016/j.jad.2022.07.004", "lacks the slash"),
    ],
)
def test_check_invalid_near_misses_get_a_suggestion(raw: str, suggestion: str, problem_words: str) -> None:
    check = check_doi(raw)
    assert check.doi is None
    assert check.suggestion == suggestion
    assert check.problem is not None and problem_words in check.problem
    assert not check.ok


@pytest.mark.parametrize(
    ("raw", "problem_words"),
    [
        ("https://doi.org/https://doi.org/10.1000/abc", "printed twice"),
        ("doi:doi:10.1000/abc", "printed twice"),
    ],
)
def test_check_doubled_prefix_is_valid_but_flagged(raw: str, problem_words: str) -> None:
    check = check_doi(raw)
    assert check.doi == "10.1000/abc"
    assert check.suggestion == "10.1000/abc"
    assert check.problem is not None and problem_words in check.problem
    assert not check.ok


def test_check_pdf_tail_is_flagged_not_stripped() -> None:
    check = check_doi("https://doi.org/10.1000/abc.pdf")
    assert check.doi == "10.1000/abc.pdf"  # syntactically valid: the DOI itself is kept
    assert check.suggestion == "10.1000/abc"
    assert check.problem is not None and ".pdf" in check.problem


def test_check_prefix_and_label_together_are_fine() -> None:
    assert check_doi("doi: https://doi.org/10.1000/x").ok


@pytest.mark.parametrize(
    ("raw", "problem_words"),
    [
        ("10.100/abc", "4 to 9 digits"),
        ("10.1000/", "suffix"),
        ("doi:", "No DOI"),
        ("PMC123456", "starts with '10.'"),
        ("10.1000.5", "'/'"),
    ],
)
def test_check_hopeless_dois_explain_without_suggesting(raw: str, problem_words: str) -> None:
    check = check_doi(raw)
    assert check.doi is None
    assert check.suggestion is None
    assert check.problem is not None and problem_words in check.problem


def test_ambiguous_dot_is_not_repaired() -> None:
    # "10.1000.5.abc" could be sub-registrant 5 or suffix "5.abc": no suggestion.
    assert check_doi("10.1000.5.abc").suggestion is None


@pytest.mark.parametrize(
    ("text", "found", "doi", "problem"),
    [
        ("doi:" * 100_000, [], None, "No DOI is given after the label."),
        ("10.1234." * 50_000, [], None, "10.1234.10.1234."),
        ("10.1000/a" + ")" * 200_000, [("10.1000/a", 0, 9)], "10.1000/a", None),
    ],
    ids=["labels", "dotted-prefixes", "closing-brackets"],
)
def test_find_dois_is_linear_on_hostile_input(
    text: str, found: list[tuple[str, int, int]], doi: str | None, problem: str | None
) -> None:
    with returns_within():  # a backtracking pattern would take hours on 200 kB
        assert find_dois(text) == found
        check = check_doi(text[:50_000])
    assert check.doi == doi
    assert (check.problem is None) if problem is None else (problem in (check.problem or ""))


def test_repr_says_ok_or_the_problem() -> None:
    assert repr(check_doi("10.1000/abc")) == "<DoiCheck '10.1000/abc' ok>"
    assert repr(check_doi("10.1000.abc")) == (
        "<DoiCheck '10.1000.abc' The DOI has a dot where the slash after the registrant code belongs.>"
    )
    assert repr(DoiCheck("x", None)) == "<DoiCheck 'x' invalid>"
