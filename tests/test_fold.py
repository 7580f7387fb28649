"""``repair`` skips ftfy only where ftfy would change nothing; the skip keeps ftfy unloaded."""

from __future__ import annotations

import ftfy
import pytest

from claimcheck.text.fold import fold, repair
from tests.test_lazy_import import modules_after, tops

DASHED = [
    "Smith J, Doe A. A trial. Lancet. 2020;12(3):45\u201367.",
    "Effects\u2014good and bad\u2014of ketamine",
    "\u2013",
]
CURLED = [  # curly quotes beside ASCII and dashes: ftfy only uncurls them
    "It\u2019s 12\u201319",
    "\u2018Ketamine\u2019 and \u201cdepression\u201d\u2014a review",
    "Parkinson\u2019s\u2019\u2019 \u201d\u201c",
]
NOT_SKIPPED = [
    "Casta\u00c3\u00b1o J. \u00e2\u0080\u0093 a title. 2020;1:1\u20132.",  # mojibake beside a dash
    "Tom &amp; Jerry\u20132020",  # an entity
    "It\u2019s caf\u00e9",  # a curly quote beside another letter
    "tab\there\u2013",  # a control character
]


@pytest.mark.parametrize("text", DASHED + CURLED + NOT_SKIPPED)
def test_repair_agrees_with_ftfy(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)


@pytest.mark.parametrize("text", DASHED)
def test_dashed_ascii_is_returned_as_it_is(text: str) -> None:
    assert repair(text) is text


def test_folding_page_ranges_and_plain_titles_loads_no_ftfy() -> None:
    code = (
        "from claimcheck.text.fold import fold\n"
        f"assert fold({DASHED[0]!r}) == 'smith j doe a a trial lancet 2020 12 3 45 67'\n"
        "assert fold('Ketamine for depression') == 'ketamine for depression'\n"
        f"assert fold({CURLED[0]!r}) == 'its 12 19'"
    )
    assert "ftfy" not in tops(modules_after(code))
    assert fold(NOT_SKIPPED[0]).startswith("castano j")
