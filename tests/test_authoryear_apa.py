"""APA and Harvard citation forms that tell works apart: excerpts written for the tests."""

from __future__ import annotations

import claimcheck
from claimcheck.read.authoryear import find_author_year
from claimcheck.registry.resolve import OfflineResolver

_CODES = {"citation-not-in-list", "ambiguous-citation", "reference-never-cited"}


def _labels(text: str) -> list[str]:
    return [c.label for c in find_author_year(text)]


def _misses(body: str, entries: str) -> list[tuple[str, object]]:
    report = claimcheck.audit(f"{body}\n\nReferences\n\n{entries}", resolver=OfflineResolver())
    return sorted(
        (f.code, f.detail.get("cited") or f.reference_number) for f in report.findings if f.code in _CODES
    )


# Two works that both shorten to "Okafor et al., 2019".
_TWO_OKAFORS = (
    "Okafor, N., Lindqvist, P., & Haddad, R. (2019). Sleep and mood in nurses. Sleep Med, 4, 1-9.\n\n"
    "Okafor, N., Brennan, T., & Sato, K. (2019). Night shifts and anxiety. J Nurs, 7, 10-19."
)


def test_an_et_al_citation_keeps_the_second_author_it_names() -> None:
    text = "Mood fell (Okafor, Lindqvist, et al., 2019). Okafor, Brennan, et al. (2019) saw anxiety."
    assert _labels(text) == ["Okafor, Lindqvist, et al., 2019", "Okafor, Brennan, et al., 2019"]


def test_the_second_author_tells_two_et_al_works_apart() -> None:
    body = "Mood fell (Okafor, Lindqvist, et al., 2019). Okafor, Brennan, et al. (2019) saw anxiety."
    assert _misses(body, _TWO_OKAFORS) == []


def test_et_al_alone_still_names_both_works() -> None:
    body = "Mood fell (Okafor et al., 2019). Anxiety rose (Okafor, Brennan, et al., 2019)."
    assert _misses(body, _TWO_OKAFORS) == [("ambiguous-citation", "Okafor et al., 2019")]
