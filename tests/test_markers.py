"""Citation markers: every style found, every prose-number trap left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.model import Marker
from claimcheck.read.article import parse_article
from claimcheck.read.markers import MAX_NUMBERS, find_markers, fit_markers, mask_markers

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"


def found(text: str) -> list[tuple[str, tuple[int, ...], str]]:
    return [(m.raw, m.numbers, m.style) for m in find_markers(text)]


# (text, markers as (raw, numbers, style)) — one line per style or variant.
STYLES = [
    # trailing: after a sentence end and a space
    ("A clinic for depression. 1", [("1", (1,), "trailing")]),
    ("It fails with antidepressants. 2 In the US, it is rare.", [("2", (2,), "trailing")]),
    ("Patients go back every few months. 1,2,3,4", [("1,2,3,4", (1, 2, 3, 4), "trailing")]),
    ("Patients go back every few months. 1, 2, 3", [("1, 2, 3", (1, 2, 3), "trailing")]),
    ("It lasts a month. 4-6 Then it fades.", [("4-6", (4, 5, 6), "trailing")]),
    ('He called it "a miracle." 7 Others disagree.', [("7", (7,), "trailing")]),
    ("Rates rose by 30%. 3 In the US, too.", [("3", (3,), "trailing")]),
    ("Is it safe? 8", [("8", (8,), "trailing")]),
    # glued and flattened superscripts
    ("A viable treatment option.3 Continued research is crucial.", [("3", (3,), "glued")]),
    ("It eases anxiety.1–3 It also helps sleep.", [("1–3", (1, 2, 3), "superscript")]),
    ("It works better than SSRIs.2,4", [("2,4", (2, 4), "superscript")]),
    ("It was shown (in a trial).5 Next.", [("5", (5,), "glued")]),
    ("It works.<sup>1,2</sup> Next.", [("<sup>1,2</sup>", (1, 2), "superscript")]),
    ("It works.¹ Next.", [("¹", (1,), "superscript")]),
    ("Ketamine relieves pain² quickly.", [("²", (2,), "superscript")]),
    ("It works.¹⁻³ Next.", [("¹⁻³", (1, 2, 3), "superscript")]),
    # before a colon
    ("Potential side effects of ketamine may include 5:", [("5", (5,), "colon")]),
    ("Symptoms include 3,4: nausea and fever.", [("3,4", (3, 4), "colon")]),
    # brackets
    ("It works [2].", [("[2]", (2,), "bracket")]),
    ("It works [1, 2].", [("[1, 2]", (1, 2), "bracket")]),
    ("It works [3-5].", [("[3-5]", (3, 4, 5), "bracket")]),
    ("It works [3–5].", [("[3–5]", (3, 4, 5), "bracket")]),
    ("It works [3—5].", [("[3—5]", (3, 4, 5), "bracket")]),
    ("It works [1,3–5; 9].", [("[1,3–5; 9]", (1, 3, 4, 5, 9), "bracket")]),
    ("As shown in [12], it works.", [("[12]", (12,), "bracket")]),
    ("Ketamine has been used for over 50 years [4].", [("[4]", (4,), "bracket")]),
    ("It works.[^1] Again.", [("[^1]", (1,), "footnote")]),
    # parentheses
    ("It works (1).", [("(1)", (1,), "paren")]),
    ("It works (3, 7).", [("(3, 7)", (3, 7), "paren")]),
    ("It works (8–10).", [("(8–10)", (8, 9, 10), "paren")]),
    ("It is safe and effective (1, 2)", [("(1, 2)", (1, 2), "paren")]),
    ("It is safe, cheap (4), and quick.", [("(4)", (4,), "paren")]),
    ("It is safe. (4)", [("(4)", (4,), "paren")]),
    ("As shown in a recent study (3).", [("(3)", (3,), "paren")]),
    # several in one text
    (
        "It works.3 See [4-6]. Up 30%. 7",
        [("3", (3,), "glued"), ("[4-6]", (4, 5, 6), "bracket"), ("7", (7,), "trailing")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STYLES, ids=[t for t, _ in STYLES])
def test_every_style_is_found(text: str, expected: list[tuple[str, tuple[int, ...], str]]) -> None:
    assert found(text) == expected


# Prose numbers: none of these may become a marker.
TRAPS = [
    # percentages and decimals
    "For up to 30% of patients, it fails.",
    "Up to 30 % of patients. 30 % of them recover.",
    "About 2.8 million people lack treatment.",
    "The mean score was 4.2 on the scale.",
    "The score fell. 4.2 Points were lost.",
    # counts
    "Of the 1247 participants, only two left the study.",
    "Of the 1,247 participants, few left. 1,247 People enrolled.",
    "Only two of 12 patients improved.",
    "The trial ended. 12 patients had left.",
    # years and dates
    "In 2019, the guidance changed.",
    "A study (2020) found little.",
    "Accessed February 10, 2022.",
    "It was approved on February 10, 2022. 5 In",
    # statistics
    "The effect was significant, F(1, 38) = 4.2, p < 0.05.",
    "The difference held, t(38) = 2.1.",
    "The sample was small (n = 12).",
    "The result was robust (p < 0.05).",
    "Risk rose, 95% CI 1.2-3.4, in the group.",
    "The odds were higher, OR 2.1 (1.3-3.4).",
    "The odds were higher, OR 2 (1-3).",
    "It fits a χ2(2) model.",
    # enumerations
    "Patients were asked (1) first to rate pain and (2) second to rate mood.",
    "They had two goals: (1) reduce pain, and (2) sleep (3).",
    "Do two things. (1) Eat well. (2) Sleep.",
    "It is safe, (4) and cheap.",
    "Stages 1, 2 and 3 were reached.",
    "Eat well. 2. Sleep. 3. Move.",
    # doses and times
    "Patients got 0.5 mg/kg of ketamine.",
    "Effects last 3 weeks.",
    "It lasts a while. 3 weeks is typical.",
    "The clinic opens at 5:30 every day.",
    "Mix at a ratio of 3:1 with water.",
    # ages
    "Adults aged 18-65 took part.",
    "Young adults (18-25).",
    "Participants were ages (18-65).",
    "Participants were young people (18-25).",
    "Scores were 12 (3) at baseline.",
    "The mean age was 45 (12).",
    "Children ages 2 to 5: a special case.",
    "She was 45. 3 Children were hers.",
    # versions and sections
    "Use version 2.0 of the app.",
    "See section 4.2 for the dose.",
    "See section (3).",
    "See Fig. 3 Below.",
    "See No.5 On the list.",
    "Step 1: mix the powder.",
    "The top 5: sleep, food, water, light, air.",
    "Stage 2: the drug takes effect.",
    "It was stage (2) cancer.",
    "It was stage (2).",
    "See Table [3].",
    # brackets and parentheses that are not citations
    "Read [1](https://example.org) first.",
    "[2]: https://example.org",
    "Values fall in range [1, 5].",
    "The study (1) showed results.",
    # absurd ranges
    "It works [5-3].",
    "It works [1-80].",
    "It works (1-40).",
    # units and exponents written as superscripts
    "The room is 20 m² wide.",
    "It holds 5 cm³ of fluid.",
    "There were 10⁹ cells.",
    # glued to a lower-case continuation
    "It is safe.3 and cheap.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_prose_numbers_are_not_markers(text: str) -> None:
    assert found(text) == []


def test_spans_are_absolute_and_raw_is_exact() -> None:
    text = "It helps [2]. It works.3 Next one. 4,5"
    markers = find_markers(text, offset=100)
    padded = " " * 100 + text
    assert [(m.raw, m.start, m.end) for m in markers] == [
        ("[2]", 109, 112),
        ("3", 123, 124),
        ("4,5", 135, 138),
    ]
    assert all(padded[m.start : m.end] == m.raw for m in markers)


def test_range_limit() -> None:
    ok = f"It works [1-{MAX_NUMBERS}]."
    assert found(ok)[0][1] == tuple(range(1, MAX_NUMBERS + 1))
    assert found(f"It works [1-{MAX_NUMBERS + 1}].") == []


def test_mask_markers_blanks_only_marker_characters() -> None:
    text = "It works.3 Next one. [4] Last. 5"
    masked = mask_markers(text, find_markers(text))
    assert masked == "It works.  Next one.     Last.  "
    assert len(masked) == len(text)


def test_mask_markers_with_offset() -> None:
    text = "x option.3 Continued"
    assert mask_markers(text, find_markers(text, 50), offset=50) == "x option.  Continued"


def test_mask_markers_leaves_out_a_marker_from_elsewhere() -> None:
    outside = Marker("[1]", 10, 13, (1,), "bracket")
    wrong_text = Marker("[2]", 0, 3, (2,), "bracket")
    overlapping = [Marker("b [3]", 2, 7, (3,), "bracket"), Marker("[3]", 4, 7, (3,), "bracket")]
    assert mask_markers("abc", [outside, wrong_text]) == "abc"
    kept, dropped = fit_markers("a b [3]", overlapping)
    assert [m.raw for m in kept] == ["b [3]"]
    assert [m.raw for m in dropped] == ["[3]"]
    assert mask_markers("a b [3]", overlapping) == "a      "


def test_seed_body_has_exactly_the_seven_marker_groups() -> None:
    text = SEED.read_text(encoding="utf-8")
    article = parse_article(text)
    markers = [m for b in article.body_blocks for m in find_markers(b.text, b.start)]
    got = [(m.raw, m.numbers, m.style, text[m.start - 12 : m.start]) for m in markers]
    assert got == [
        ("1", (1,), "trailing", "depression. "),
        ("2", (2,), "trailing", "epressants. "),
        ("3", (3,), "glued", "ment option."),
        ("4", (4,), "trailing", "nt session. "),
        ("5", (5,), "colon", "may include "),
        ("6", (6,), "trailing", "depression. "),
        ("1,2,3,4", (1, 2, 3, 4), "trailing", "few months. "),
    ]
    assert all(text[m.start : m.end] == m.raw for m in markers)


def test_seed_reference_entries_are_not_in_the_body() -> None:
    article = parse_article(SEED.read_text(encoding="utf-8"))
    assert article.references_span is not None
    ref_start = article.references_span[0]
    assert all(b.end <= ref_start for b in article.body_blocks)


# --- short articles: markers found block by block, references left alone -----------------

BRACKET_ARTICLE = """# Vitamin D and Falls

Vitamin D supplements reduce falls in older adults [1]. In one trial of 1,247 people aged 65-80,
falls dropped by 19% (95% CI 1.2-3.4) [2, 3]. Doses of 800 IU daily were used in 2019 [4–6].

## References

1. Bischoff-Ferrari HA, et al. BMJ. 2009;339:b3692. doi:10.1136/bmj.b3692
2. Doe J. A trial. J Med. 2019;3(2):10-20.
3. Roe K. Another. Lancet. 2020;1:1-2.
4. Poe E. Dosing. JAMA. 2018;5:5-6.
5. Moe F. More. BMJ. 2017;2:3-4.
6. Zoe G. Last. Lancet. 2016;7:8-9.
"""

PAREN_ARTICLE = """Sleep and Mood

Poor sleep predicts depression (1). Participants (n = 312) slept 6.5 hours on average, and
the effect held, F(1, 38) = 4.2, p < 0.05 (2, 3). Researchers asked them to (1) keep a diary
and (2) wear a tracker for 3 weeks. Short sleepers were more anxious (4–6).

Sources

(1) Smith A. Sleep. J Sleep Res. 2018;27:e1. doi:10.1111/jsr.1
(2) Jones B. Mood. Sleep. 2019;42:1-9.
"""

SUPERSCRIPT_ARTICLE = """Ketamine Today

Ketamine eases depression within hours.1 It also lowers suicidal thinking.2,3 Effects fade after
about 2 weeks.4–6 Side effects may include 7:

• Dissociation
• Raised blood pressure

Doses of 0.5 mg/kg over 40 minutes are typical. 8
"""


@pytest.mark.parametrize(
    ("text", "fmt", "refs_start", "expected"),
    [
        (
            BRACKET_ARTICLE,
            "markdown",
            "1. Bischoff-Ferrari HA",
            [("[1]", (1,)), ("[2, 3]", (2, 3)), ("[4–6]", (4, 5, 6))],
        ),
        # "p < 0.05 (2, 3)" is missed on purpose: after a number, "(2, 3)" may be a statistic.
        (PAREN_ARTICLE, "text", "(1) Smith A.", [("(1)", (1,)), ("(4–6)", (4, 5, 6))]),
        (
            SUPERSCRIPT_ARTICLE,
            "text",
            None,
            [("1", (1,)), ("2,3", (2, 3)), ("4–6", (4, 5, 6)), ("7", (7,)), ("8", (8,))],
        ),
    ],
    ids=["bracket", "paren", "superscript"],
)
def test_short_articles(
    text: str, fmt: str, refs_start: str | None, expected: list[tuple[str, tuple[int, ...]]]
) -> None:
    article = parse_article(text, format=fmt)
    if refs_start is None:
        assert article.references_span is None
    else:
        assert article.references_text.startswith(refs_start)
    markers = [m for b in article.body_blocks for m in find_markers(b.text, b.start)]
    assert [(m.raw, m.numbers) for m in markers] == expected
    assert all(text[m.start : m.end] == m.raw for m in markers)


def test_square_brackets_after_an_ordinary_noun_cite():
    text = "In the US, that leaves about 2.8 million people without an option [2]. See Table [3]."
    assert [(m.raw, m.numbers) for m in find_markers(text)] == [("[2]", (2,))]
