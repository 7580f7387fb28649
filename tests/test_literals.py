"""A guarded pattern finds exactly what the pattern finds: every match holds one of its strings."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.read import claims, worthiness_features
from claimcheck.read.guards import NEEDLES
from claimcheck.text.caseless import lower_twin
from claimcheck.text.literals import Guarded, guard, key, needles, required_literals

# Patterns written for the test, with the strings every match must hold.
CASES = [
    (r"\bet al\b", {"et al"}),
    (r"\b(?:was|were)\s+measured\b", {"measured"}),
    (r"\b(?:deaths?|mortality)\b", {"death", "deaths", "mortality"}),
    (r"\btumou?rs?\b", {"tumor", "tumors", "tumour", "tumours"}),
    (
        r"\b(?:risk|odds)\s+of\b|\bside[- ]effects?\b",
        {"risk", "odds", "side effect", "side effects", "side-effect", "side-effects"},
    ),
    (r"\d+ (?:in|out of) (?:every )?\d+", {" in ", " in every ", " out of ", " out of every "}),
    (r"(?:also\s+)?cause[sd]?", {"cause", "caused", "causes"}),
    (r"x{2}y", {"xxy"}),
    (r"(?:ab)+c", {"ab"}),
]
NONE = [r"(?:also\s+)*\d", r"\d+\s?\d", r"(?:foo)?\d", r"[^a]bc?", r"(?:a|\d)", r"(?i)cause"]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_required_literals(pattern: str, expected: set[str]) -> None:
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", NONE)
def test_no_literal_is_known(pattern: str) -> None:
    found = required_literals(re.compile(pattern))
    assert found is None or min(map(len, found)) < 2  # "[^a]bc?" holds "b": harmless


def test_case_insensitive_patterns_get_no_guard() -> None:
    assert required_literals(re.compile("cause", re.IGNORECASE)) is None
    assert not isinstance(guard(re.compile("caused by", re.IGNORECASE)), Guarded)


def test_short_or_many_strings_give_no_guard() -> None:
    assert not isinstance(guard(re.compile(r"\b(?:is|are)\b")), Guarded)
    assert not isinstance(guard(re.compile(r"\b(?:alpha|beta|gamma|delta|omega|sigma|kappa)\b")), Guarded)
    assert isinstance(guard(re.compile(r"\b(?:alpha|beta)\b")), Guarded)


def project_patterns() -> list[re.Pattern[str]]:
    """The cue and feature patterns as searched: lower-cased twins and case-sensitive originals."""
    found = [lower_twin(p) for _, p, _ in worthiness_features._ALL_PATTERNS + claims.CUES]
    found += [p for _, p, _ in worthiness_features._ALL_PATTERNS if not p.flags & re.IGNORECASE]
    return [p for p in found if p is not None]


def test_stored_needles_are_the_patterns_own() -> None:
    fresh = {key(p): n for p in project_patterns() if (n := needles(p)) is not None}
    table = "".join(f"    {k!r}: {v!r},\n" for k, v in sorted(fresh.items()))
    assert fresh == NEEDLES, f"claimcheck/read/guards.py is stale; its NEEDLES should read:\n{table}"
    searched = [*worthiness_features._TWINS, *worthiness_features._SEARCHED, *claims._CUE_TWINS]
    assert sum(isinstance(p, Guarded) for p in searched) == len(NEEDLES)


def test_a_changed_pattern_is_searched_unguarded() -> None:
    stored = {key(re.compile(r"\bet al\b")): ("et al",)}
    assert isinstance(guard(re.compile(r"\bet al\b"), stored), Guarded)
    assert not isinstance(guard(re.compile(r"\bet al\.?\b"), stored), Guarded)


STRINGS = sorted({n for p in project_patterns() for n in (required_literals(p) or ())})
PIECES = st.one_of(
    st.sampled_from(STRINGS),
    st.sampled_from(["has been", "were", "risk", "side", "effects", "12", " ", "-", "(", ")", ".", ","]),
    st.text(st.characters(max_codepoint=127), max_size=4),
)
TEXT = st.lists(PIECES, max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_every_match_holds_a_required_string(text: str) -> None:
    for pattern in project_patterns():
        guarded = guard(pattern)
        assert bool(guarded.search(text)) == bool(pattern.search(text)), pattern.pattern
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_guarded_cues_and_features_on_sentences() -> None:
    text = "Studies have shown it reduces the risk of death (Smith et al.), as described in."
    assert claims.cue_kinds(text) == {"research report", "efficacy", "risk"}
    feats, _ = worthiness_features.sentence_features(text)
    assert {"et al.", "harm", "dangling word"} <= set(feats)
    assert "method verb" not in feats
