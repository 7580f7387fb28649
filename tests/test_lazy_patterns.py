"""A lazily compiled pattern answers as the compiled pattern does, and compiles once, on first use."""

from __future__ import annotations

import re

import pytest

from claimcheck.read.markers import find_markers
from claimcheck.text.lazy import lazy_compile

TEXTS = ["", "Seen in 1999, 2004a and 2020.", "no year here", "1999-2001\n2010"]
PATTERNS = [
    (r"\b(?P<year>(?:19|20)\d\d)([a-z])?\b", 0),
    (r"^\d+", re.MULTILINE),
    (r"YEAR|and", re.IGNORECASE),
]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, flags: int) -> None:
    lazy, compiled = lazy_compile(source, flags), re.compile(source, flags)
    for text in TEXTS:
        assert lazy.findall(text) == compiled.findall(text)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy.sub("#", text) == compiled.sub("#", text)
        assert lazy.split(text) == compiled.split(text)
        assert bool(lazy.search(text)) == bool(compiled.search(text))
        assert bool(lazy.match(text)) == bool(compiled.match(text))
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, compiled.groups)


def test_it_compiles_once_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    lazy = lazy_compile(r"\d+")
    assert calls == []
    assert lazy.findall("1 and 22") == ["1", "22"]
    assert lazy.search("x 3").group() == "3"
    assert lazy.sub("", "a1b2") == "ab"
    assert calls == [r"\d+"]


def test_only_its_methods_are_offered() -> None:
    lazy = lazy_compile("a")
    with pytest.raises(AttributeError):
        lazy.scanner  # noqa: B018  (not offered: the pattern's own methods and attributes only)
    assert repr(lazy) == "lazy_compile('a', 0)"


def test_lazily_compiled_marker_patterns_still_read_flattened_superscripts() -> None:
    text = "Ketamine relieves depression1 within hours,2,3 and the effect fades.4 It recurs5 (data)6."
    found = [(m.numbers, m.style) for m in find_markers(text)]
    styles = ["superscript", "superscript", "glued", "superscript", "superscript"]
    assert found == list(zip([(1,), (2, 3), (4,), (5,), (6,)], styles, strict=True))
