"""The interleaved-columns detector of benchmarks/pdftext_interleaved.py, on short written excerpts.

A page whose two columns alternate line by line finishes its hyphen-broken words two lines
down; the same columns read in order finish them on the next line, and one stray line
dropped into a paragraph is not enough.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from pdftext_interleaved import interleaved_pages, rejoins

# The words the broken halves make, used whole on another page (as a real article would).
INTRO = "Workers and their families were supervised; participants filled in questionnaires.\n"
LEFT = [
    "Sleep loss is common among shift workers and their fami-",
    "lies, and it often goes untreated for years because work-",
    "ers rarely ask for help with it.",
]
RIGHT = [
    "Light therapy was offered to every participant in the",
    "morning; each session lasted thirty minutes and was super-",
    "vised by a nurse who recorded adherence.",
]
MORE = [
    "Adherence was high in both groups, and most partici-",
    "pants returned their sleep question-",
    "naires at every visit.",
]


def _page(rows: list[str]) -> str:
    return "\n".join(rows) + "\n"


def test_a_page_whose_columns_alternate_is_flagged() -> None:
    mixed = [line for pair in zip(LEFT, RIGHT, strict=True) for line in pair]
    assert interleaved_pages(INTRO + "\f" + _page(mixed)) == [1]
    # blank lines between the lines change nothing
    assert interleaved_pages(INTRO + "\f" + "\n\n".join(mixed)) == [1]


def test_the_same_columns_in_reading_order_are_not() -> None:
    assert interleaved_pages(INTRO + "\f" + _page(LEFT + RIGHT)) == []


def test_stray_lines_in_a_paragraph_are_not() -> None:
    # a caption dropped between two lines finishes one word two lines down ...
    one = [LEFT[0], "Figure 2. Hours slept per night.", LEFT[1][:-6]]
    assert interleaved_pages(INTRO + "\f" + _page(one)) == []
    # ... and two are outweighed by the words the page finishes on the next line
    two = [LEFT[0], "Figure 2.", LEFT[1], "Table 1.", LEFT[2], *RIGHT, *MORE]
    assert interleaved_pages(INTRO + "\f" + _page(two)) == []


def test_a_rejoin_needs_a_word_the_text_uses_and_a_lower_case_rest() -> None:
    assert rejoins("their fami-", "lies, and", {"families"})
    assert not rejoins("their fami-", "lies, and", {"family"})
    assert not rejoins("their fami-", "Lies, and", {"families"})
    assert not rejoins("Fusar-", "Poli et al.", {"fusarpoli"})
    assert not rejoins("from 2019-", "20 onwards", {"onwards"})
    assert rejoins("cognitive-behav-", "ioural therapy", {"behavioural"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_pages_that_exist(text: str) -> None:
    pages = interleaved_pages(text)
    assert pages == sorted(set(pages))
    assert all(0 <= p <= text.count("\f") for p in pages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.from_regex(r"[A-Za-z ,.]{0,40}[a-z.]", fullmatch=True), max_size=30))
def test_lines_that_break_no_word_are_never_flagged(rows: list[str]) -> None:
    assert interleaved_pages("\n".join(rows)) == []
