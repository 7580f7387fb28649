"""Citation markers as PDF text prints them: brackets and parentheses broken across lines.

Each excerpt is short and written for its test.
"""

from __future__ import annotations

from claimcheck.read.markers import find_markers


def _cites(text: str) -> list[tuple[int, ...]]:
    return [m.numbers for m in find_markers(text)]


def test_a_bracket_broken_after_a_comma_or_a_dash_is_one_marker() -> None:
    assert _cites("after armed conflict [16, \n17]. According to") == [(16, 17)]
    assert _cites("and other countries [5, 53, 61–\n66]. A study") == [(5, 53, 61, 62, 63, 64, 65, 66)]


def test_a_parenthesis_broken_after_a_comma_is_one_marker() -> None:
    assert _cites("as shown before (3,\n4). Then") == [(3, 4)]


def test_an_interval_broken_across_lines_is_still_an_interval() -> None:
    assert _cites("values in the range [1,\n5] were kept") == []


def test_a_blank_line_inside_brackets_is_no_marker() -> None:
    assert _cites("the list [1,\n\n2] was printed") == []
