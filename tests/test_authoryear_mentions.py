"""Citations the reference list finds: an uncited entry's surname closely followed by its year.

Each excerpt is written for the test: the forms PDF text breaks (a column's words inside a
narrative citation, a group author split by a line from the next column), forms no reader
knows, and the mentions that must stay unlinked (another year, another sentence, a range, a
date, two entries alike, a caption, an entry already cited).
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.model import Block, BlockKind, Marker
from claimcheck.read.article import parse_article
from claimcheck.read.authoryear import Linker, number_references
from claimcheck.read.authoryear_entries import entry_keys
from claimcheck.read.authoryear_mentions import LIST_STYLE, find_list_mentions
from claimcheck.read.claims import extract_claims
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.registry.resolve import OfflineResolver

LIST = """\
Bakic, H., & Ajdukovic, D. (2021). Resilience after natural disasters. European Journal of \
Psychotraumatology, 12(1), 1891733.

Kosinski, M. (2023). Theory of mind may have emerged in large language models. ArXiv, 2302.02083.

Lee, A., & Kim, B. (2020). A trial of ketamine. BMJ, 1, 2-3.

Lee, A., & Park, C. (2020). Another trial of ketamine. BMJ, 2, 4-5.

May, R. (2020). Sleep in winter. Sleep, 3, 5-6.

National Collaborating Center for Mental Health (2009). Borderline personality disorder: \
the NICE guideline. London: The British Psychological Society.

Smith, J. (2019a). Costs of care. Health Affairs, 38, 1-9.

Smith, J. (2019b). Costs of clinics. Health Affairs, 38, 10-19.

Ungar, M., & Theron, L. (2020). Resilience and mental health. Lancet Psychiatry, 7, 441-448.
"""
NUMBER = {
    "bakic": 1,
    "kosinski": 2,
    "lee-kim": 3,
    "lee-park": 4,
    "may": 5,
    "nccmh": 6,
    "smith-a": 7,
    "smith-b": 8,
    "ungar": 9,
}


def _found(body: str) -> list[tuple[str, tuple[int, ...]]]:
    """The mentions the list finds in the body: (printed, entries)."""
    return [(m.raw, m.numbers) for m in _markers(body)]


def _markers(body: str) -> tuple[Marker, ...]:
    refs = number_references(parse_reference_list(LIST))
    return Linker(parse_article(body), refs).found_by_list()


def test_the_excerpt_list_reads_as_written():
    refs = number_references(parse_reference_list(LIST))
    assert [(r.number, r.first_author_family, r.year) for r in refs] == [
        (1, "Bakic", 2021),
        (2, "Kosinski", 2023),
        (3, "Lee", 2020),
        (4, "Lee", 2020),
        (5, "May", 2020),
        (6, "Health", 2009),
        (7, "Smith", 2019),
        (8, "Smith", 2019),
        (9, "Ungar", 2020),
    ]


@pytest.mark.parametrize(
    ("body", "printed", "entry"),
    [
        # a column's words inside a narrative citation
        (
            "In this issue, Bakic and Ajdukovic\ninterpersonal and community\n(2021)\nresources helped.",
            "Bakic and Ajdukovic\ninterpersonal and community\n(2021)",
            "bakic",
        ),
        # a group author split by a line of the next column
        (
            "It was a priority (Ungar & Theron, 2020; National\na priority\n"
            "Collaborating Center for Mental Health, 2009). Then it changed.",
            "Health, 2009",
            "nccmh",
        ),
        # a form no reader knows: the work named by its author and its date
        (
            "For example, Kosinski posted in February 2023 a preprint on it.",
            "Kosinski posted in February 2023",
            "kosinski",
        ),
        # the second author tells two alike entries apart
        (
            "As Lee and Park wrote in their 2020 trial, it helps.",
            "Lee and Park wrote in their 2020",
            "lee-park",
        ),
        # a lettered entry with its letter
        ("Smith's earlier study (2019b) saw it.", "Smith's earlier study (2019b)", "smith-b"),
        # an edition's semicolon inside the parenthesis, no name after it
        ("The criteria of DSM-III are Smith's (3rd ed.; 2019a).", "Smith's (3rd ed.; 2019a)", "smith-a"),
    ],
)
def test_a_mention_of_an_uncited_entry_is_linked(body, printed, entry):
    assert _found(body) == [(printed, (NUMBER[entry],))]


@pytest.mark.parametrize(
    "body",
    [
        "Kosinski's 2021 talk came first.",  # the name with another year
        "Kosinski spoke first (Ungar & Theron, 2020), and in 2023 others did.",  # a year between
        "Kosinski spoke first. In 2023 others did.",  # another sentence
        "Kosinski spoke first. 2023 was later.",  # another sentence, opening with the year
        "Kosinski ran it from 2023–2024 in Oslo.",  # a range of years
        "Kosinski scored 2023.5 points.",  # part of a longer number
        "Kosinski wrote in the 2023s.",  # no year: a decade
        "Kosinski's 2023Q1 report came first.",  # no year: a quarter
        "Kosinski; Lee, 2023.",  # a semicolon before another name
        "In May 2020 the ward closed.",  # a date, not May (2020)
        "As Lee wrote in 2020, it helps.",  # two Lee 2020 entries, nothing tells which
        "Smith's earlier study (2019) saw it.",  # the list letters Smith 2019: the letter is needed
        "kosinski posted in 2023 a preprint.",  # no capital: no name
        "Kosinski's cohort of 2023 participants came first.",  # a count of people, not a year
        "Table 2. Kosinski 2023 and Bakic 2021 compared.",  # a caption
        # far: more than REACH characters on
        "Kosinski posted it in the past, long before anyone else had even thought of the question, in 2023.",
    ],
)
def test_no_mention_is_invented(body):
    assert _found(body) == []


def test_a_cited_entry_gets_no_second_link_and_a_cited_year_is_not_taken():
    # Kosinski 2023 is cited in form: its loose mention adds nothing. Bakic's name is followed
    # by Ungar's citation: that year belongs to the citation.
    body = "It helps (Kosinski, 2023). Kosinski posted it in 2023. Bakic saw (Ungar & Theron, 2021)."
    assert _found(body) == []


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("Bakic and Ajdukovic\nof the community\n(2021)", "Bakic & Ajdukovic, 2021"),
        (
            "It was (Ungar & Theron, 2020; National\na priority\n"
            "Collaborating Center for Mental Health, 2009).",
            "National Collaborating Center for Mental Health, 2009",
        ),
        ("Smith's earlier study (2019b) saw it.", "Smith, 2019b"),
        ("Kosinski wrote it in 2023.", "Kosinski, 2023"),
    ],
)
def test_a_found_mention_is_labelled_as_its_entry_is_cited(body, label):
    assert [m.label for m in _markers(body)] == [label]


def test_a_mention_naming_a_cited_entry_adds_nothing_though_its_surname_and_year_are_uncited_elsewhere():
    # Lee & Kim 2020 is cited; Lee & Park 2020 is not: "Lee and Kim ... 2020" is Lee & Kim's
    body = "It helps (Lee & Kim, 2020). As Lee and Kim wrote in 2020, it works."
    assert _found(body) == []


def test_two_entries_claiming_one_year_link_neither():
    body = "As Kosinski and May wrote (2020), it helps."  # May 2020 exists, Kosinski 2020 not: one link
    assert _found(body) == [("May wrote (2020)", (NUMBER["may"],))]
    refs = number_references(parse_reference_list(LIST + "\nKosinski, M. (2020). Early work. ArXiv, 1.\n"))
    linker = Linker(parse_article(body), refs)
    assert linker.found_by_list() == ()


def test_only_the_body_before_the_reference_section_is_read():
    refs = number_references(parse_reference_list(LIST))
    entries = [e for e in map(entry_keys, refs) if e is not None]
    one, two = "Kosinski posted in 2023 a preprint.", "Bakic and Ajdukovic (2021) saw it."
    blocks = [
        Block(0, BlockKind.PARAGRAPH, one, 0, len(one)),
        Block(1, BlockKind.REFERENCES, two, 40, 40 + len(two)),
        Block(2, BlockKind.PARAGRAPH, two, 80, 80 + len(two)),  # after the section's start
    ]
    found = find_list_mentions(blocks, entries, refs, linked=(), before=40)
    assert [(m.start, m.numbers) for m in found] == [(0, (NUMBER["kosinski"],))]


def test_the_claim_gets_the_citation_and_a_note_and_the_entry_is_no_longer_uncited():
    text = (
        "Resilience matters (Ungar & Theron, 2020). In this issue, Bakic and Ajdukovic\n"
        "interpersonal and community\n(2021)\nresources helped families.\n\nReferences\n\n"
        "Bakic, H., & Ajdukovic, D. (2021). Resilience after natural disasters. European Journal of "
        "Psychotraumatology, 12(1), 1891733.\n\n"
        "Ungar, M., & Theron, L. (2020). Resilience and mental health. Lancet Psychiatry, 7, 441-448.\n"
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), progress=False)
    assert report.article.style == "author-year"
    claim = next(c for c in report.claims if c.text.startswith("In this issue"))
    [marker] = claim.markers
    assert (marker.style, marker.label, marker.numbers) == (LIST_STYLE, "Bakic & Ajdukovic, 2021", (1,))
    assert claim.citations == (1,)
    assert "found from the reference list" in claim.notes[0]
    assert not report.filter(code="reference-never-cited")
    assert not report.filter(code="citation-not-in-list")


def test_a_list_printed_with_numbers_finds_nothing_when_the_text_lost_its_numbers():
    # a numeric article whose markers were lost reads as author-year (one narrative citation)
    text = (
        "Resilience matters, as Ungar and Theron (2020) said. In this issue, Bakic and Ajdukovic "
        "showed in 2021 that it helps.\n\nReferences\n\n"
        "1. Ungar M, Theron L. Resilience and mental health. Lancet Psychiatry. 2020;7:441-8.\n\n"
        "2. Bakic H, Ajdukovic D. Resilience after natural disasters. Eur J Psychotraumatol. 2021;12:1.\n"
    )
    article, refs = claimcheck.parse(io.StringIO(text))
    assert article.style == "author-year"
    assert Linker(article, refs).found_by_list() == ()
    unnumbered = text.replace("1. Ungar", "Ungar").replace("2. Bakic", "Bakic")
    article, refs = claimcheck.parse(io.StringIO(unnumbered))
    assert [m.label for m in Linker(article, refs).found_by_list()] == ["Bakic & Ajdukovic, 2021"]


def test_numeric_articles_are_not_touched():
    text = (
        "Resilience matters [1]. In this issue, Bakic and Ajdukovic (2021) saw it.\n\nReferences\n\n"
        "1. Ungar M, Theron L. Resilience and mental health. Lancet Psychiatry. 2020;7:441-8.\n\n"
        "2. Bakic H, Ajdukovic D. Resilience after natural disasters. Eur J Psychotraumatol. 2021;12:1.\n"
    )
    report = claimcheck.audit(text, resolver=OfflineResolver(), progress=False)
    assert report.article.style == "numeric"
    assert [m.style for c in report.claims for m in c.markers] == ["bracket"]
    assert [f.code for f in report.findings if f.code == "reference-never-cited"] == ["reference-never-cited"]
    assert all(m.style != LIST_STYLE for c in report.claims for m in c.markers)


# --- property: whatever the body, what the list finds lies inside the text and links one entry ---

_NAMES = [
    "Kosinski",
    "Bakic",
    "Lee",
    "May",
    "Health",
    "National",
    "Smith's",
    "kosinski",
    "It helps",
    "Table 1.",
]
_BETWEEN = [
    " ",
    " posted in ",
    " and Ajdukovic\n(",
    " and Park, ",
    " and Kim (",
    " et al. (",
    "; Lee, ",
    ". In ",
    ", ",
]
_YEARS = ["2019a", "2019", "2020", "2021", "2023", "2009", "2023–2024", "2023.5", "2023s"]
_AFTER = [")", ".", ", ", " ", "\n", "\n\n", "; ", "). "]
_PHRASES = st.tuples(*(st.sampled_from(p) for p in (_NAMES, _BETWEEN, _YEARS, _AFTER))).map("".join)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PHRASES, min_size=1, max_size=12).map("".join))
def test_list_mentions_stay_inside_the_text_and_link_uncited_entries(body: str) -> None:
    text = f"It helps (Ungar & Theron, 2020; Kosinski, 2023). {body}\n\nReferences\n\n{LIST}"
    article, refs = claimcheck.parse(io.StringIO(text))
    if article.style != "author-year":
        return
    linker = Linker(article, refs)
    found = linker.found_by_list()
    claims = extract_claims(article, refs)
    formed = {n for c in claims for m in c.markers if m.style != LIST_STYLE for n in m.numbers}
    end = article.references_span[0] if article.references_span else len(article.text)
    previous = 0
    for m in found:
        assert previous <= m.start < m.end <= end
        assert article.text[m.start : m.end] == m.raw
        assert len(m.numbers) == 1 and m.numbers[0] not in formed
        previous = m.end
    in_claims = [m for c in claims for m in c.markers if m.style == LIST_STYLE]
    assert set(in_claims) <= set(found)
