"""claimcheck.text.sentences yields the very tokens and sentence starts syntok does, faster."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from syntok import segmenter
from syntok.tokenizer import Tokenizer

from claimcheck.text.sentences import sentence_starts, tokens

# Written for the test: plain words, words with one closing mark, and every kind of chunk the
# fast path must leave to syntok (inner capitals, apostrophes, brackets, hyphens, dots, accents).
AWKWARD = [
    "Ketamine helps. It acts within hours, not days.",
    "The mRNA of iPhone users (n = 12) rose 3-fold; see Fig. 2a.",
    "It didn't work... then it did!  Really?",
    "Smith et al. (2020) found it. Dr. Lee agreed [3].",
    "Café naïve Œuvre ÉTUDE İstanbul ſtrong KELVIN",
    "well-known x\u200byz \u00a0 spaced\ttabbed\nline",
    "A) first. B) second. COVID-19 rates fell 20%.",
    "“Quoted.” ‘Single.’ (Nested (brackets) here.) Done",
    "e.g., i.e., U.S.A. vs. 1.5 mg/kg, 95% CI 2–4.",
    "  leading and trailing spaces  ",
    "Word,",
    "x.",
    "...",
    "",
    "AbC aBC ABc Ab1 1aB a1B A1b 1A 2020s 3rd",
    "First paragraph ends here.\n\nSecond one starts. It goes on",
]


def syntok_tokens(text: str, base_offset: int = 0) -> list[tuple[str, str, int]]:
    found = Tokenizer(replace_not_contraction=False).tokenize(text, base_offset)
    return [(t.spacing, t.value, t.offset) for t in found]


def ours(text: str, base_offset: int = 0) -> list[tuple[str, str, int]]:
    return [(t.spacing, t.value, t.offset) for t in tokens(text, base_offset)]


def syntok_starts(text: str) -> list[int]:
    return [sentence[0].offset for paragraph in segmenter.analyze(text) for sentence in paragraph if sentence]


@pytest.mark.parametrize("text", AWKWARD)
@pytest.mark.parametrize("base_offset", [0, 5])
def test_tokens_are_syntoks(text: str, base_offset: int) -> None:
    assert ours(text, base_offset) == syntok_tokens(text, base_offset)


@pytest.mark.parametrize("text", AWKWARD)
def test_sentence_starts_are_syntoks(text: str) -> None:
    assert sentence_starts(text) == syntok_starts(text)


WORDS = st.sampled_from(
    [
        "it",
        "works",
        "Rose",
        "COVID",
        "2020",
        "mRNA",
        "iPhone",
        "don't",
        "e.g.",
        "Fig.",
        "(a)",
        "3-fold",
        "...",
        ";",
        ",",
        ".",
    ]
)
CHARS = st.text(
    st.one_of(st.characters(max_codepoint=127), st.sampled_from("–’“”…\xa0\u200bµéİſ")), max_size=5
)
TEXT = st.lists(st.one_of(WORDS, CHARS), max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 3))
def test_tokens_agree_on_generated_text(text: str, base_offset: int) -> None:
    assert ours(text, base_offset) == syntok_tokens(text, base_offset)
    assert sentence_starts(text) == syntok_starts(text)
