"""claimcheck.text.sentences yields the very tokens and sentence starts syntok does, faster."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from syntok import segmenter
from syntok.tokenizer import Tokenizer

from claimcheck.text.sentences import _SPACE, sentence_starts, tokens

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus_eval import shared_dir

SHARED = shared_dir()

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
    # brackets syntok will not skip (left open; long, holding a sentence), where it may split
    "It rose (see the unclosed bracket here. Then it fell",
    "It rose (Smith found it. This ran on, long enough to pass seventy characters.) Then it fell.",
    "We saw it [Smith found it. This ran on, long enough to pass seventy characters.] Then it fell.",
    "We saw it {Smith found it. This ran on, long enough to pass seventy characters.} Then it fell.",
    "So it goes (Inner thing. ) The end",
    "(A bracketed opener of some length) The sentence goes on. (Short.) Next (one",
    "It was no. 5 in May. 3 of them. He met J. R. R. Tolkien at 3.5 p.m. on Jan. 5. Then? Yes!",
    "Levels rose; then fell. See refs. [1, 2]. Values were 1.2. 3.4 and 5.6. The end.",
]


def syntok_tokens(text: str, base_offset: int = 0) -> list[tuple[str, str, int]]:
    found = Tokenizer(replace_not_contraction=False).tokenize(text, base_offset)
    return [(t.spacing, t.value, t.offset) for t in found]


def ours(text: str, base_offset: int = 0) -> list[tuple[str, str, int]]:
    return [(t.spacing, t.value, t.offset) for t in tokens(text, base_offset)]


def syntok_starts(text: str) -> list[int]:
    return [sentence[0].offset for paragraph in segmenter.analyze(text) for sentence in paragraph if sentence]


def test_chunks_split_where_syntoks_do_on_every_code_point() -> None:
    ours_space = re.compile(f"[{_SPACE}]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(ours_space.match(char)) == (Tokenizer._spaces.match(char) is None), hex(code)


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


def _corpus_texts() -> list[Path]:
    """Some corpus renders: the web and superscript text of eight PLOS articles and five pdftext files."""
    if SHARED is None:
        return []
    plos = sorted(p for p in (SHARED / "corpus" / "plos").iterdir() if (p / "web.txt").is_file())[:8]
    pdftext = sorted((SHARED / "corpus" / "pdftext").glob("*.md"))[:5]
    return [p / name for p in plos for name in ("web.txt", "superscript.txt")] + pdftext


@pytest.mark.skipif(SHARED is None, reason="the shared corpus (../shared) is absent")
@pytest.mark.parametrize("path", _corpus_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tokens_and_sentence_starts_are_syntoks_on_corpus_renders(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ours(text) == syntok_tokens(text)
    assert sentence_starts(text) == syntok_starts(text)
