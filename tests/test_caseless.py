"""A case-insensitive pattern's lower-case twin finds exactly what the pattern finds in ASCII text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.read.claims import CUES, cue_kinds
from claimcheck.read.worthiness_features import PATTERNS, RESIDUE, features
from claimcheck.text.caseless import lower_twin, lowers_exactly

# (the case-sensitive residue patterns, "et al." and doubled punctuation, need no twin)
PATTERNS_USED = [p for _, p, _ in PATTERNS + RESIDUE if p.flags & re.IGNORECASE] + [p for _, p, _ in CUES]
VOCABULARY = (
    "We have BEEN SHOWN Previously studies 95 % CI p < 0.05 OR = 2 Fig 3 S1 mg Drugs RISK of "
    "Deaths million PER CENT If it reduces THE risk n = 12 SD 5-fold MORE according TO"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))
OTHERS = st.sampled_from("–—’“”≥≤±×°·…\xa0µéİſK")  # caseless, then cased
CHARS = st.text(st.one_of(st.characters(max_codepoint=127), OTHERS), max_size=6)
ASCII_TEXT = st.lists(st.one_of(WORDS, CHARS), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXT)
def test_twins_agree_with_their_patterns_where_lower_casing_is_exact(text: str) -> None:
    if not lowers_exactly(text):
        assert any(not c.isascii() and (c.lower() != c or c.upper() != c) for c in text)
        return
    for pattern in PATTERNS_USED:
        twin = lower_twin(pattern)
        if twin is not None:
            found = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in twin.finditer(text.lower())] == found


def test_most_patterns_have_a_twin() -> None:
    assert sum(lower_twin(p) is not None for p in PATTERNS_USED) >= len(PATTERNS_USED) - 2


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        (r"\d+ µg", re.IGNORECASE),  # µ has an upper case (Μ)
        (r"(?P<Name>x)", re.IGNORECASE),  # a group name must keep its case
        (r"\x41", re.IGNORECASE),  # a numeric escape
        (r"(?-i:A)b", re.IGNORECASE),  # inline flags
        (r"abc", 0),  # case matters
    ],
)
def test_no_twin_where_it_could_disagree(source: str, flags: int) -> None:
    assert lower_twin(re.compile(source, flags)) is None


def test_upper_case_letters_of_the_pattern_match_either_case() -> None:
    twin = lower_twin(re.compile(r"\bCI\b|[pP]\s*<\s*0?\.\d|\S+±", re.IGNORECASE))
    assert twin is not None
    assert twin.pattern == r"\bci\b|[pp]\s*<\s*0?\.\d|\S+±"
    assert [m.group() for m in twin.finditer("95% ci; P < .05".lower())] == ["ci", "p < .0"]


SENTENCES = [
    "Previous studies have shown that 30% of adults (95% CI 2-4) die of it.",
    "If it works, it REDUCES the risk of death; we measured it in Fig 2 (p < 0.05).",
    "According to the CDC, 1 in 5 Americans has been DIAGNOSED with a disorder.",
    "Previous studies – “large” ones – found ≥ 30 % of adults (95 % CI 2–4) at risk of death.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_features_and_cues_are_those_of_the_plain_patterns(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.read.claims as claims
    import claimcheck.read.worthiness_features as worthiness

    fast = (features(text), cue_kinds(text), list(claims._reasons(text)))
    assert fast[1] and len(fast[0]) > 5
    monkeypatch.setattr(worthiness, "_TWINS", (None,) * len(PATTERNS + RESIDUE))
    monkeypatch.setattr(claims, "_CUE_TWINS", (None,) * len(CUES))
    monkeypatch.setattr(claims, "_IF_TWIN", None)
    assert (features(text), cue_kinds(text), list(claims._reasons(text))) == fast
