"""Citation markers as PDF text prints them: brackets and parentheses broken across lines or
wrapped to the start of a line.

Each excerpt is short and written for its test.
"""

from __future__ import annotations

import claimcheck
from claimcheck.read.claims import extract_claims
from claimcheck.read.markers import find_markers


def _cites(text: str) -> list[tuple[int, ...]]:
    return [m.numbers for m in find_markers(text)]


def test_a_bracket_broken_after_a_comma_or_a_dash_is_one_marker() -> None:
    assert _cites("after armed conflict [16, \n17]. According to") == [(16, 17)]
    assert _cites("and other countries [5, 53, 61–\n66]. A study") == [(5, 53, 61, 62, 63, 64, 65, 66)]


def test_a_parenthesis_broken_after_a_comma_is_one_marker() -> None:
    assert _cites("as shown before (3,\n4). Then") == [(3, 4)]


def test_an_interval_broken_across_lines_is_still_an_interval() -> None:
    assert _cites("values in the range [1,\n5] were kept") == []


def test_a_source_marked_as_of_importance_is_cited() -> None:
    assert _cites("Distel et al. [51••] analyzed twins") == [(51,)]
    assert _cites("and mood disorders [1, 2•, 3]. Then") == [(1, 2, 3)]


def test_a_blank_line_inside_brackets_is_no_marker() -> None:
    assert _cites("the list [1,\n\n2] was printed") == []


def _cited(text: str) -> set[int]:
    refs = "".join(f"{i}. Doe J{i}, Lee K. Title {i}. J Med. 2020;{i}:1-2.\n" for i in range(1, 41))
    article, references = claimcheck.parse(text=text + "\n\nReferences\n\n" + refs)
    return {n for c in extract_claims(article, references) for n in c.citations}


def test_a_bracket_wrapped_to_the_start_of_a_line_mid_sentence_cites() -> None:
    text = (
        "Exercise improves lung function and perfusion,\n"
        "[36] and it may help in other ways. Volumes were reduced\n"
        "[18] in two studies. For example, Zarit et al.\n"
        "[22] describe the burden.\n"
    )
    assert _cited(text) == {18, 22, 36}


def test_a_parenthesis_wrapped_mid_sentence_cites_when_the_sentence_goes_on() -> None:
    text = (
        "Rates rose in the decade (1). Others agreed (2). Trials agreed (3). So did cohorts (4).\n"
        "Loneliness was linked to suicide risk in older adults\n(12) in most cohorts.\n"
    )
    assert _cited(text) == {1, 2, 3, 4, 12}


def test_an_item_after_a_colon_or_a_sentence_end_stays_an_item() -> None:
    text = (
        "The scale has six subscales:\n"
        "(1) nonacceptance of emotional responses\n"
        "(2) difficulty with goals\n"
        "It was done.\n"
        "[3] Smith noted a rise.\n"
    )
    assert _cited(text) == set()


def test_a_bare_number_past_the_list_is_no_citation_where_the_article_cites_with_brackets() -> None:
    text = (
        "Centro Neurolesi, S.S. 113 Via Palermo, Messina. Pain is common [1]. It persists [2], [3].\n"
        "Therapy helps [4]. Relapse is frequent. 5 Other trials agree [6].\n"
    )
    refs = "".join(f"[{i}] Doe J{i}, Lee K. Title {i}. J Med. 2020;{i}:1-2.\n" for i in range(1, 7))
    article, references = claimcheck.parse(text=text + "\nReferences\n\n" + refs)
    cited = {n for c in extract_claims(article, references) for n in c.citations}
    assert cited == {1, 2, 3, 4, 5, 6}


def test_a_parenthesis_after_a_percentage_cites_at_a_clause_end_in_an_article_citing_so() -> None:
    text = (
        "Depression is common (1). It recurs (2). It is costly (3). It is treatable (4).\n"
        "Prevalence in adolescents is between 10-20% (5). Of 567 adolescents, 51.1% (29) of\n"
        "whom were male, most were treated (6).\n"
    )
    assert _cited(text) == {1, 2, 3, 4, 5, 6}


def test_a_pointer_before_the_numbers_is_part_of_the_marker() -> None:
    assert _cites("since results from the Dunedin study [e.g., 11], there") == [(11,)]
    assert _cites("twins were analyzed [see 51••] in") == [(51,)]


def test_a_bracket_going_on_in_lower_case_after_a_blank_line_cites() -> None:
    text = "The road to precision psychiatry is long.\n\n[9] has warned of the cost of imaging.\n"
    assert _cited(text) == {9}
