"""The shipped citation-worthiness model: it loads, and judges fixed sentences as trained."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.model import Reference
from claimcheck.read import worthiness
from claimcheck.read.article import parse_article
from claimcheck.read.claims import cue_kinds, extract_claims
from claimcheck.read.titlematch import TitleIndex
from claimcheck.read.worthiness import Context, features, judge, judge_paragraph, section_family
from claimcheck.text.wordguards import text_words

INTRO = Context("Introduction", False, 0.1)
RESULTS = Context("Results", False, 0.5)


def test_shipped_model_loads_and_is_small() -> None:
    data = json.loads(worthiness.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < data["threshold"] < 1.0
    # without the reference list the score lacks its strongest clue: a lower cut
    assert 0.0 < data["threshold_without_references"] < data["threshold"]
    assert data["weights"]["title overlap"] > 0 and data["weights"]["own work"] < 0
    assert 100 < len(data["weights"]) < 50_000
    assert worthiness.MODEL_PATH.stat().st_size < 1_000_000


def test_evidential_passive_needs_a_source_anywhere() -> None:
    own = judge("We found that ketamine reduced symptoms.", RESULTS)
    for context in (INTRO, RESULTS):
        verdict = judge("Ketamine has been shown to reduce symptoms.", context)
        assert verdict.needs_source
        assert verdict.probability > own.probability + 0.4


def test_generic_statement_about_a_drug_needs_a_source_in_the_introduction() -> None:
    text = "Pharmacologically, ketamine is classified as an NMDA receptor antagonist."
    assert cue_kinds(text) == set()  # no cue: the model alone decides
    intro, results = judge(text, INTRO), judge(text, RESULTS)
    assert intro.needs_source and not results.needs_source
    assert intro.probability > results.probability
    assert "model: names a drug, disease, gene or receptor" in intro.reasons


def test_first_person_results_do_not_need_a_source() -> None:
    verdict = judge("We found that ketamine reduced symptoms in 12 of 20 patients (Fig 2).", RESULTS)
    assert not verdict.needs_source
    assert verdict.probability < 0.4


def test_research_report_cue_overrides_the_model() -> None:
    text = "Research shows that sleep matters."
    verdict = judge(text, RESULTS, cue_kinds(text))
    assert verdict.needs_source


def test_reasons_are_readable() -> None:
    verdict = judge("Ketamine has been shown to reduce symptoms in most patients.", INTRO)
    assert verdict.reasons and all(r.startswith("model: ") for r in verdict.reasons)
    assert not any("'and'" in r or "'the'" in r or "cue" in r for r in verdict.reasons)


def test_features_name_what_an_editor_sees() -> None:
    got = features("We measured 5 mg/kg doses (Fig 2).", RESULTS)
    assert {"own work", "figure or table", "number with unit", "section: results"} <= set(got)
    assert section_family("Materials and Methods") == "methods"
    assert section_family(None) is None


@pytest.mark.parametrize("heading", ["Introduction", "Results"])
def test_claims_see_the_heading_above_them(heading: str) -> None:
    text = (
        f"Title\n\n{heading}\n\nKetamine is old. "
        "Pharmacologically, ketamine is classified as an NMDA receptor antagonist.\n\n"
        + "Other words follow here. "
        * 100
    )
    claim = extract_claims(parse_article(text))[1]
    assert claim.text.startswith("Pharmacologically")
    assert claim.check_worthy is (heading == "Introduction")


def test_questions_are_never_check_worthy() -> None:
    (claim,) = extract_claims(parse_article("Has ketamine been shown to reduce symptoms?"))
    assert claim.check_worthy is False and claim.reasons == ()


def _article(title: str) -> str:
    filler = "".join(f"The weather on day {k} was mild and the sky was clear.\n\n" for k in range(30))
    return (
        "Ketamine notes\n\nIntroduction\n\nKetamine is an old anaesthetic. "
        "Plasma concentrations are increased by CYP3A4 inhibitors.\n\n"
        + filler
        + f"References\n\n1. Peltoniemi MA, Saari TI. {title}. Clin Pharmacokinet. 2016;55(9):1059-77.\n"
    )


def _plasma_claim(title: str) -> claimcheck.Claim:
    article, refs = claimcheck.parse(text=_article(title))
    return next(c for c in extract_claims(article, refs) if c.text.startswith("Plasma"))


def test_a_sentence_restating_a_reference_title_needs_a_source() -> None:
    claim = _plasma_claim("Ketamine plasma concentrations rise with CYP3A4 inhibitors")
    assert claim.check_worthy and not claim.citations
    assert claim.reasons[0] == (
        "model: shares rare words with the title of reference 1 "
        "('concentrations', 'CYP3A4', 'inhibitors', 'Plasma')"
    )
    # the same sentence, the reference list about something else: nothing points at a source
    assert not _plasma_claim("A history of anaesthesia in the twentieth century").check_worthy


def test_title_overlap_weighs_words_by_their_rarity_in_the_article() -> None:
    refs = [
        Reference(1, "", title="Ketamine in depression"),
        Reference(2, "", title="Esketamine in depression"),
    ]
    body = ["Ketamine helps.", "Ketamine is old.", "Ketamine again.", "Esketamine is new."]
    index = TitleIndex(refs, body)
    ketamine, esketamine = index.match("Ketamine works."), index.match("Esketamine works.")
    assert 0 < ketamine.score < esketamine.score  # the article's topic word points at little
    assert (ketamine.number, esketamine.number, esketamine.shared) == (1, 2, ("Esketamine",))
    short = TitleIndex([*refs, Reference(3, "", title="Esketamine")], body).match("Esketamine works.")
    assert short.number == 3 and short.score > esketamine.score  # a long title does not win by length
    assert index.match("Nothing shared here.").number is None
    assert index.match("As Peltoniemi showed.").author is None  # no such author listed


def test_what_a_removed_citation_leaves_counts() -> None:
    plain = features("Sleep matters for mood.", INTRO)
    assert not {"emptied brackets", "dangling word", "et al."} & set(plain)
    assert "emptied brackets" in features("Sleep matters for mood (e.g.,).", INTRO)
    assert "dangling word" in features("Sleep matters for mood, as reported in.", INTRO)
    assert "et al." in features("Sleep matters for mood, as Smith et al. showed.", INTRO)


def test_a_sentence_is_read_with_its_paragraph() -> None:
    text = "Sleep is regulated by adenosine."
    alone = judge_paragraph([text], [RESULTS], [()])[0]
    ours = judge_paragraph(
        [text, "We measured it in 20 mice (Fig 2).", "We saw no change (Fig 3)."], [RESULTS] * 3, [(), (), ()]
    )[0]
    assert ours.probability < alone.probability
    assert "paragraph share: own work" in features(
        text, Context("Results", paragraph={"paragraph share: own work": 1})
    )


def test_only_whole_word_patterns_are_read_from_words() -> None:
    from claimcheck.read.worthiness_features import _whole_words

    words = [r"\b(?:deaths?|harm\w*|tumou?rs?|analy[sz]ed)\b", r"\b(?:antibod\w+|common(?:ly)?)\b"]
    others = [
        r"\b(?:was|were)\s+measured\b",  # two words
        r"\b(?:we)|x(?:y)\b",  # the second alternative lacks its \b
        r"\b(?:e\.g|i\.e)\b",  # a dot is no word character
        r"\b(?:risk.)\b",  # nor is any character
        r"\b(?:[^a]x)\b",  # a negated class
        r"\b(?:\d+)\b",
    ]
    assert all(_whole_words(re.compile(p)) is not None for p in words)
    assert all(_whole_words(re.compile(p)) is None for p in others)
    assert _whole_words(re.compile(words[0], re.ASCII)) is None  # its words are not the text's \w runs


LOWER_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["risk", "risks", "deaths", "is", "was", "may", "while", "most", "virus", "antibod"]),
        st.sampled_from(["therapy", "commonly", "_", "-", " ", ".", "1", "é", "ß", "s", "es", "ing"]),
        st.text(st.characters(max_codepoint=300).filter(lambda c: c.lower() == c), max_size=3),
    ),
    max_size=16,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LOWER_TEXT)
def test_whole_word_twins_are_found_exactly_by_the_text_s_words(low: str) -> None:
    from claimcheck.read.worthiness_features import _WORD_TWINS, _word_hits

    hits = frozenset().union(*map(_word_hits, text_words(low)))
    assert {name for name, twin in _WORD_TWINS.items() if twin.search(low)} == hits
