"""Flattened superscripts read together (claimcheck.read.sequence): each bare number by its local
plausibility and by first-citation order. Every excerpt is written for the test."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.model import Marker
from claimcheck.read.claims import extract_claims
from claimcheck.read.sequence import Candidate, decode
from claimcheck.read.superscripts import weak_score


def _references(n: int) -> str:
    return "\n".join(f"{i}. Doe J. Trial number {i}. J Med. 2020;{i}:1-2." for i in range(1, n + 1))


def markers(body: str, n: int) -> list[tuple[str, tuple[int, ...]]]:
    """The markers of an article with this body and an n-entry reference list."""
    article, refs = claimcheck.parse(io.StringIO(f"{body}\n\nReferences\n\n{_references(n)}\n"))
    return [(m.raw, m.numbers) for c in extract_claims(article, refs) for m in c.markers]


# Opens every excerpt: an article that cites with flattened superscripts.
LEAD = "Ketamine eases depression in adults.1 It also works in teens.2 "


def test_a_doubtful_group_that_cites_the_next_numbers_is_a_marker() -> None:
    """After a bracket and a space, "3,4" is doubtful; as the next numbers in order it cites."""
    body = LEAD + "Doses came from a Monte Carlo (MCMC) 3,4 method and a trial.5"
    assert markers(body, 5) == [("1", (1,)), ("2", (2,)), ("3,4", (3, 4)), ("5", (5,))]


def test_the_same_doubtful_number_is_read_only_where_it_comes_first() -> None:
    first = LEAD + "Doses came from a Monte Carlo (MCMC) 3 method and a trial.4"
    assert markers(first, 4)[2:] == [("3", (3,)), ("4", (4,))]
    again = LEAD + "Doses were pooled.3 Later a Monte Carlo (MCMC) 3 method was run.4"
    article, refs = claimcheck.parse(io.StringIO(f"{again}\n\nReferences\n\n{_references(4)}\n"))
    cites = {c.text: c.citations for c in extract_claims(article, refs)}
    assert cites["Doses were pooled."] == (3,)
    assert cites["Later a Monte Carlo (MCMC) 3 method was run."] == (4,)


def test_a_marker_after_a_version_number_before_a_new_sentence() -> None:
    body = LEAD + "Mixing was checked with Tracer 1.2.3 Given enough samples, runs were pooled.4"
    assert markers(body, 4)[2:] == [("3", (3,)), ("4", (4,))]
    # a decimal before a lower-case word is a value
    assert ("3", (3,)) not in markers(body.replace("Given", "given"), 4)


def test_a_marker_glued_to_the_next_sentence() -> None:
    body = LEAD + "Vulvar cancer is rare.3With over 5000 cases a year, it matters.4Surgery is the rule.5"
    assert markers(body, 5)[2:] == [("3", (3,)), ("4", (4,)), ("5", (5,))]


def test_a_number_first_cited_out_of_order_fills_its_hole() -> None:
    """1 is never cited before 2: the doubtful "1" between 2 and 3 is its place."""
    body = "Models were reviewed.2 Most used Monte Carlo (MCMC) 1 methods.3 Others did not.4"
    assert markers(body, 4) == [("2", (2,)), ("1", (1,)), ("3", (3,)), ("4", (4,))]
    # not where it would follow the first citations of 3 and 4
    late = "Models were reviewed.2 Most used this.3 Others did not.4 Monte Carlo (MCMC) 1 methods."
    assert markers(late, 4) == [("2", (2,)), ("3", (3,)), ("4", (4,))]


def test_values_times_and_decimals_are_never_markers_even_when_next() -> None:
    body = LEAD + "Cells moved 3–5 μm/h in gels, at 08:03 hours, at points (0.3, 0.4), f3,4 = 2.10 in all.3"
    assert markers(body, 5) == [("1", (1,)), ("2", (2,)), ("3", (3,))]
    assert weak_score("moved 3–5 μm/h", 6, 9) is None
    assert weak_score("at 08:03 hours", 6, 8) is None
    assert weak_score("(0.3, 0.4)", 3, 4) is None
    assert weak_score("at 17.5 Gy", 6, 7) is None  # a unit after the value
    assert weak_score("see S1_2.2 Text", 9, 10) is None  # a file section, not a sentence end
    assert weak_score("Tracer 1.2.2 Given", 11, 12) is not None


def test_a_number_after_a_document_label_is_a_label() -> None:
    body = LEAD + "Maps are compared in Figures 3–4, S9 of the supplement.3"
    assert markers(body, 4) == [("1", (1,)), ("2", (2,)), ("3", (3,))]


def test_a_name_printed_again_and_again_is_not_a_marker() -> None:
    """Island3 three times, "Island" never alone: a name, not a citation of 3."""
    body = (
        "Phages were sequenced.1,2,3 Island3 has a long tail. The Island3 genome is small. "
        "Unlike Island3, the others grow fast.4"
    )
    assert markers(body, 4) == [("1,2,3", (1, 2, 3)), ("4", (4,))]


def _c(n: int, score: float, at: int) -> Candidate:
    return Candidate(Marker(str(n), at, at + len(str(n)), (n,), "superscript"), score)


def test_decode_reads_next_numbers_and_plausible_repeats_only() -> None:
    found = [_c(1, 3.0, 0), _c(2, -3.0, 10), _c(1, -2.0, 20), _c(1, 1.0, 30), _c(3, 3.0, 40)]
    assert [(c.marker.start, c.marker.numbers) for c in decode(found)] == [
        (0, (1,)),
        (10, (2,)),
        (30, (1,)),
        (40, (3,)),
    ]


def test_decode_does_not_jump_ahead_of_numbers_cited_later() -> None:
    """A plausible 9 before 2..8 are first cited would forfeit their first-citation bonus."""
    found = [_c(1, 3.0, 0), _c(9, 1.0, 5)] + [_c(k, 3.0, 10 * k) for k in range(2, 10)]
    assert 5 not in [c.marker.start for c in decode(found)]
    assert [c.marker.numbers[0] for c in decode(found)] == list(range(1, 10))


def test_a_spaced_number_before_a_closing_bracket_cites_only_where_it_comes_next() -> None:
    named = LEAD + "The viral protein (NS 1) was studied.3 It binds DNA.4"
    assert markers(named, 4) == [("1", (1,)), ("2", (2,)), ("3", (3,)), ("4", (4,))]
    cited = LEAD + "It is lacking (as in the species studied 3). It grows.4"
    assert markers(cited, 4) == [("1", (1,)), ("2", (2,)), ("3", (3,)), ("4", (4,))]


def test_a_word_number_in_a_table_cell_and_a_numbered_label_are_not_markers() -> None:
    body = (
        LEAD
        + "Results differed in the second experiment 1: the dose mattered.3"
        + "\n\nDay number2\tyes\tno\n\nIt grows.4"
    )
    assert markers(body, 4) == [("1", (1,)), ("2", (2,)), ("3", (3,)), ("4", (4,))]


def test_a_name_printed_elsewhere_keeps_its_digit_and_the_rest_cites() -> None:
    """Sit1 is a gene printed alone too: in "Sit1,3" only 3 cites; "Sit1, which" cites nothing."""
    body = (
        LEAD
        + "The iron transporter Sit1 binds siderophores. It works with Sit1,3 in yeast."
        + " Sit1, which binds, is small.4"
    )
    assert markers(body, 4) == [("1", (1,)), ("2", (2,)), ("3", (3,)), ("4", (4,))]


_PIECES = [
    *["It works", " helps", "column", "Sit", "F", "CD", "Tracer", " v", "(MCMC)", "e.g."],
    *[".", ",", ";", ":", " ", " ", "\n\n", "\t", "(", ")", "_", "=", "–", "%"],
    *["1", "2", "3", "8", "12", "1,", "1,3", "2–4", "1.2.", "0.5", "08:", " μm", " Gy", "With", "The"],
]


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=50).map("".join))
def test_any_superscript_body_reads_without_error_into_markers_that_fit(body: str) -> None:
    article, refs = claimcheck.parse(io.StringIO(f"{LEAD}{body}\n\nReferences\n\n{_references(8)}\n"))
    end = 0
    for claim in extract_claims(article, refs):
        for m in claim.markers:
            assert article.text[m.start : m.end] == m.raw and m.start >= end
            assert m.numbers and min(m.numbers) >= 1
            end = m.end


def test_a_group_closing_an_opened_bracket_cites_after_an_enumeration() -> None:
    """ "1) mix, 2) heat" are items; "(e.g.,3–4)" closes the bracket it opened and cites."""
    body = LEAD + "Three steps were used: 1) mix, 2) heat. Methods were reviewed (e.g.,3–4), then applied.5"
    assert markers(body, 5) == [("1", (1,)), ("2", (2,)), ("3–4", (3, 4)), ("5", (5,))]
