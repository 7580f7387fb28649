"""Regression tests for the citation-marker patterns of issue 11, each on a short excerpt written
for the test: flattened superscripts read by the article's habit, ranges across brackets,
parenthetical markers in every position real papers print them, enumerations that must look like
one, and names and values that are never markers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.read import habit
from claimcheck.read.claims import extract_claims
from claimcheck.read.habit import learn_habit


def _references(n: int) -> str:
    return "\n".join(f"{i}. Doe J. Trial number {i}. J Med. 2020;{i}:1-2." for i in range(1, n + 1))


def markers(body: str, n: int = 40) -> list[tuple[str, tuple[int, ...]]]:
    """The markers of an article with this body and an n-entry reference list."""
    article, refs = claimcheck.parse(io.StringIO(f"{body}\n\nReferences\n\n{_references(n)}\n"))
    return [(m.raw, m.numbers) for c in extract_claims(article, refs) for m in c.markers]


# An article that cites with flattened superscripts throughout.
SUPERSCRIPT = (
    "Ketamine eases depression in adults.1 It also works in teens2 and in older adults.3,4\n\n"
    "Doses were studied 5,6 and compared with placebo.7 The effect.8–10 In a later trial,11 "
    "the response lasted.12"
)
# One that cites with brackets.
BRACKETED = "Ketamine eases depression [1]. It also works in teens [2] and in older adults [3], [4]."
PAREN_LEAD = "Earlier work supports this (1). Other trials agree (2). More data exist (3, 4).\n\n"


def test_the_habit_is_learned_from_the_whole_body() -> None:
    assert learn_habit([SUPERSCRIPT], 12).family == "superscript"
    assert learn_habit([BRACKETED], 4).family == "bracket"
    assert learn_habit([PAREN_LEAD], 4).family == "paren"
    assert learn_habit(["No citations here at all, only 3 numbers and 12 more."], 4).family is None


def test_flattened_superscripts_after_words_punctuation_and_spaces() -> None:
    assert markers(SUPERSCRIPT, 12) == [
        ("1", (1,)),
        ("2", (2,)),
        ("3,4", (3, 4)),
        ("5,6", (5, 6)),
        ("7", (7,)),
        ("8–10", (8, 9, 10)),
        ("11", (11,)),
        ("12", (12,)),
    ]


def test_glued_digits_cite_only_in_an_article_that_cites_that_way() -> None:
    sentence = " The water column5 was mixed."
    assert ("5", (5,)) in markers(SUPERSCRIPT + sentence, 12)
    assert markers(BRACKETED + sentence, 5) == [("[1]", (1,)), ("[2]", (2,)), ("[3], [4]", (3, 4))]


def test_gene_and_chemical_names_are_not_markers_in_a_superscript_article() -> None:
    names = " CD4 counts, H2O, COVID-19, SARS-CoV-2 and 5-HT2A receptors were measured.13"
    found = markers(SUPERSCRIPT + names, 13)
    assert found[-1] == ("13", (13,))
    assert [raw for raw, _ in found] == ["1", "2", "3,4", "5,6", "7", "8–10", "11", "12", "13"]


def test_a_name_printed_twice_is_not_a_marker() -> None:
    body = SUPERSCRIPT + " Sox2 rose, and Sox2 fell.13"
    assert [raw for raw, _ in markers(body, 13)][-1] == "13"
    assert ("2", (2,)) in markers(body, 13)  # "teens2" still cites


def test_a_name_printed_thrice_is_a_name_unless_its_word_stands_alone() -> None:
    """Island3 three times is a name; PhyML3 is not, since the tool is also named bare (PhyML)."""
    island = "Island3 has a tail. The Island3 genome is small. Unlike Island3, others grow."
    assert "Island3" in learn_habit([island], 4).names
    tool = "PhyML3 ran. Then PhyML3 stopped. We ran PhyML3 again."
    assert "PhyML3" not in learn_habit([tool, "Trees were built with PhyML."], 4).names
    assert "PhyML3" in learn_habit([tool], 4).names


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("ab Éé12-_,.;)\n"), max_size=30))
def test_habit_patterns_find_what_they_found_without_their_look_behind(text: str) -> None:
    for pattern in (habit.TOKEN, habit._LABELLED):
        plain = re.compile(pattern.pattern.removeprefix(habit._AFTER_NO_LETTER))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_numbers_beyond_the_reference_list_are_not_bare_markers() -> None:
    assert ("40", (40,)) not in markers(SUPERSCRIPT + " It lasted about 40 days in trial40 and more.", 12)


def test_ranges_across_brackets_expand() -> None:
    assert markers("It works [2]–[7]. It helps [1], [8]–[10], [12].", 12) == [
        ("[2]–[7]", (2, 3, 4, 5, 6, 7)),
        ("[1], [8]–[10], [12]", (1, 8, 9, 10, 12)),
    ]


def test_a_bracketed_range_after_patients_cites() -> None:
    assert markers("It was studied in patients [11–14]. Young adults [1] agree.", 14) == [
        ("[11–14]", (11, 12, 13, 14)),
        ("[1]", (1,)),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We compared ketamine (5) and esketamine (6) in adults.", [("(5)", (5,)), ("(6)", (6,))]),
        ("Ketamine (1) and esketamine (2) in adults differ.", [("(1)", (1,)), ("(2)", (2,))]),
        ("Groups were compared with the Mann–Whitney test (29) for skewed data.", [("(29)", (29,))]),
        ("The first trial was published in 2015 (7).", [("(7)", (7,))]),
        ("Symptoms were rated on the MADRS-10 (39) in all arms.", [("(39)", (39,))]),
        (
            "Response was higher than in the placebo arm (15–17) of earlier trials.",
            [("(15–17)", (15, 16, 17))],
        ),
        ("Patients called it “a lifeline”(2).", [("(2)", (2,))]),
        ("Mood was screened with the (PHQ-9)(29).", [("(29)", (29,))]),
    ],
)
def test_parenthetical_markers_wherever_papers_print_them(
    sentence: str, expected: list[tuple[str, tuple[int, ...]]]
) -> None:
    assert markers(PAREN_LEAD + sentence)[3:] == expected


def test_an_enumeration_must_look_like_one() -> None:
    found = markers(PAREN_LEAD + "We measured (1) mood and (2) sleep, as in earlier reports (7).")
    assert found[3:] == [("(7)", (7,))]


def test_a_roman_enumeration_does_not_suppress_markers() -> None:
    found = markers(PAREN_LEAD + "Outcomes were (i) mood and (ii) sleep, as reported before (8).")
    assert found[3:] == [("(8)", (8,))]


def test_a_lone_number_and_word_does_not_suppress_markers() -> None:
    found = markers(PAREN_LEAD + "Ketamine (5) improved mood within hours (6), and (7) others agree.")
    assert found[3:] == [("(5)", (5,)), ("(6)", (6,)), ("(7)", (7,))]


def test_parentheses_are_counts_in_an_article_that_cites_with_brackets() -> None:
    body = "Lemurs (4) and lorises (5) were sampled [1]. Tarsiers (2) too [2]. Apes (9) last [3]."
    assert markers(body, 9) == [("[1]", (1,)), ("[2]", (2,)), ("[3]", (3,))]


JEKYLL_POST = """---
layout: post
title: "Ketamine at home"
---
Ketamine eases depression within hours.<sup>1</sup> It also lowers suicidal thinking.<sup>2</sup>

## References

<ol>
<li>Doe J. A trial of <sup>11</sup>C-ketamine. J Med. 2020;1:2-3. <a href="https://doi.org/10.1000/xyz">doi</a></li>
<li>Roe K. Suicidal thinking. Lancet. 2021;2:4-5.</li>
</ol>
"""


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_jekyll_post_with_html_inside_is_read_as_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"post{suffix}"
    path.write_text(JEKYLL_POST, encoding="utf-8")
    article, refs = claimcheck.parse(path)
    assert article.format == "html"
    assert article.reading is not None
    assert "dense in block tags" in article.reading and "YAML front matter skipped" in article.reading
    assert [(r.number, r.doi) for r in refs] == [(1, "10.1000/xyz"), (2, None)]
    citations = [c.citations for c in extract_claims(article, refs)]
    assert citations == [(1,), (2,)]  # "<sup>11</sup>C" in an entry cites nothing
    assert "layout" not in article.text


def test_front_matter_is_blanked_in_plain_text() -> None:
    text = (
        "+++\ntitle = 'Ketamine'\n+++\nKetamine helps adults [1].\n\n1. Doe J. A trial. J Med. 2020;1:2-3.\n"
    )
    article, refs = claimcheck.parse(io.StringIO(text))
    assert article.format == "text" and article.reading == "TOML front matter skipped"
    assert len(article.text) == len(text) and "title" not in article.text
    assert [c.citations for c in extract_claims(article, refs)] == [(1,)]


def test_a_tag_or_two_in_prose_does_not_make_html() -> None:
    article, _ = claimcheck.parse(io.StringIO("Use <br> for a line break, <p> for a paragraph. 1\n"))
    assert article.format == "text" and article.reading is None


def test_the_coherent_reading_cites_every_entry_in_first_citation_order() -> None:
    """SIFT4 is the only citation of 4, between the first citations of 3 and 5: it cites.
    CD4 later, after 5 was first cited, stays a name."""
    body = (
        "Scores came from PolyPhen.1 Others used MutationTaster2 and Condel.3 "
        "Some used SIFT4 as well.5 Later, CD4 counts rose in the study.6"
    )
    article, refs = claimcheck.parse(io.StringIO(f"{body}\n\nReferences\n\n{_references(6)}\n"))
    cites = {c.text: c.citations for c in extract_claims(article, refs)}
    assert cites["Some used SIFT4 as well."] == (4, 5)
    assert cites["Later, CD4 counts rose in the study."] == (6,)
    assert [n for _, ns in markers(body.replace("SIFT4", "SIFT"), 6) for n in ns] == [1, 2, 3, 5, 6]
