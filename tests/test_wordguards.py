"""A word-guarded pattern finds exactly what the pattern finds: every match meets its conditions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.read import claims, worthiness_features
from claimcheck.read.guards import WORDS
from claimcheck.text.caseless import lower_twin
from claimcheck.text.literals import Guarded, key
from claimcheck.text.wordguards import WORD, WordGuarded, required_words, text_words, word_guard

# Patterns written for the test, with each alternative's conditions: (words, strings) each.
CASES = [
    (r"\b(?:was|were)\s+measured\b", (((("was", "were"), ()), (("measured",), ())),)),
    # a word after an optional group that ends in a space, then before \s
    (r"\bhas\s+(?:also\s+)?been\s", (((("has",), ()), (("been",), ())),)),
    # glued to a digit or to \w* on one side: looked for as a string
    (r"\bfig\s*\d|\w*cyte\b", ((((), ("fig",)),), (((), ("cyte",)),))),
    (r"\bfig\d", ((((), ("fig",)),),)),
    # a run of literal items is one condition: "percent" is a word, "per cent" a string
    (r"\bper ?cent\b|±", (((("percent",), ("per cent",)),), (((), ("±",)),))),
    # a class of non-word characters bounds a word, one of letters does not
    (r"\bp[a-c]", ((((), ("pa", "pb", "pc")),),)),
    (r"\bab[xy]+", ((((), ("ab",)),),)),
    (r"\bp\s*[<=>]", (((("p",), ()), ((), ("<", "=", ">"))),)),
    (r"\b(?:e\.g\.|in|see)\s*[.,)]", (((("in", "see"), ("e.g.",)), ((), (")", ",", "."))),)),
    # the prefix the parser moves out of the alternatives ("\bab|\bcd" is \b(?:ab|cd))
    (r"\bab\b|\bcd\b", (((("ab",), ()),), ((("cd",), ()),))),
    (r"^ab\b", (((("ab",), ()),),)),
    (r"ab\b", ((((), ("ab",)),),)),
]
# no condition: no fixed string, one alternative without one, inline flags
NONE = [r"\d+\s?\d", r"(?:foo)?\d|bar", r"\w+", r"(?i)\bcause\b"]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_required_words(pattern: str, expected: tuple) -> None:
    assert required_words(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", NONE)
def test_no_condition_is_known(pattern: str) -> None:
    assert required_words(re.compile(pattern)) is None


def test_case_insensitive_patterns_get_no_word_guard() -> None:
    assert required_words(re.compile(r"\bcause\b", re.IGNORECASE)) is None
    assert required_words(re.compile(r"\bcause\b", re.ASCII)) is None


def guarded_twins() -> list[re.Pattern[str]]:
    """The lower-cased twins the cue and feature patterns search behind a word guard."""
    found = [
        lower_twin(p)
        for (name, p, _), twin in zip(
            worthiness_features._ALL_PATTERNS, worthiness_features._TWINS, strict=True
        )
        if name not in worthiness_features._WORD_TWINS and not isinstance(twin, Guarded)
    ]
    found += [
        lower_twin(p)
        for (_, p, _), t in zip(claims.CUES, claims._CUE_TWINS, strict=True)
        if not isinstance(t, Guarded)
    ]
    return [p for p in found if p is not None]


def test_stored_words_are_the_patterns_own() -> None:
    fresh = {key(p): w for p in guarded_twins() if (w := required_words(p)) is not None}
    table = "".join(f"    {k!r}: {v!r},\n" for k, v in sorted(fresh.items()))
    assert fresh == WORDS, f"claimcheck/read/guards.py is stale; its WORDS should read:\n{table}"
    searched = [*worthiness_features._NEEDS, *claims._CUE_NEEDS]
    assert sum(isinstance(g, WordGuarded) for g in searched) == len(WORDS)


def test_a_changed_pattern_gets_no_word_guard() -> None:
    stored = {key(re.compile(r"\bab\b")): ((((), ("ab",)),),)}
    assert word_guard(re.compile(r"\bab\b"), stored) is not None
    assert word_guard(re.compile(r"\bab\b|x"), stored) is None


PATTERNS = [re.compile(p) for p, _ in CASES] + guarded_twins()
STRINGS = sorted(
    {
        s
        for p in PATTERNS
        for alternative in required_words(p) or ()
        for c in alternative
        for part in c
        for s in part
    }
)
PIECES = st.one_of(
    st.sampled_from(STRINGS),
    st.sampled_from(["has been", "were", "a", "x", "12", "3", " ", "-", "(", ")", ".", ",", "_", "é"]),
    st.text(st.characters(max_codepoint=255), max_size=4),
)
TEXT = st.lists(PIECES, max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_every_match_meets_its_conditions(text: str) -> None:
    words = set(WORD.findall(text))
    for pattern in PATTERNS:
        guarded = word_guard(pattern)
        if guarded is None:
            continue
        assert bool(guarded.search(text, words)) == bool(pattern.search(text)), (pattern.pattern, text)
        assert [m.span() for m in guarded.finditer(text, words)] == [m.span() for m in pattern.finditer(text)]


def test_words_glued_to_others_are_not_whole() -> None:
    guarded = word_guard(re.compile(r"\w*cyte\b|\bfig\s*\d"))
    assert guarded is not None
    for text in ["a leukocyte count", "see fig3", "see fig 3"]:
        assert guarded.search(text, text_words(text)), text


def test_word_guarded_cues_and_features_on_sentences() -> None:
    text = "Previous studies have shown that 12 patients (p < 0.05) improved; these were measured."
    assert claims.cue_kinds(text) == {"research report", "statistic", "efficacy"}
    feats, _ = worthiness_features.sentence_features(text)
    assert {"earlier work", "test statistic", "method verb"} <= set(feats)
    assert "own work" not in feats
