"""``repair`` skips ftfy only where ftfy would change nothing; the skip keeps ftfy unloaded."""

from __future__ import annotations

import ftfy
import pytest

from claimcheck.text import fold as fold_module
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
ACCENTED = [  # Latin letters on their own: ftfy changes nothing, or only uncurls
    "M\u00fcller J, Jos\u00e9 A, Casta\u00f1o R. Caf\u00e9 au lait spots.",
    "\u017di\u017eek S, \u0141ukasz P, \u00d8rsted H, Cr\u00e9\u00e9e \u00e0 Paris.",
    "Na\u00efve patients\u2014It\u2019s caf\u00e9 & more",
    "S\u00c3O PAULO\tBirt-Hogg-Dub\u00e9\n",
    "Fungal 17\u03b2-hydroxysteroid dehydrogenase; TNF-\u03b1 and PPAR-\u03b3 in \u03b1\u03b2 T cells",
]
NOT_SKIPPED = [  # each caught by one clause of the guard; ftfy changes each
    "Casta\u00c3\u00b1o J. \u00e2\u0080\u0093 a title. 2020;1:1\u20132.",  # mojibake beside a dash
    "M\u00c3\u00bcller J",  # mojibake of "Müller": ¼ is no letter
    "Lani\u00c5\u00a1nik T, \u00c5\u00bdakelj M",  # mojibake of "Lanišnik", "Žakelj"
    "Fungal 17\u00ce\u00b2-HSD",  # mojibake of "17β"
    "\u039e\u2022\u039e\u00bb\u039e\u00bb\u039e\u00ac\u039e\u0384\u039e\u00b1",  # cp1253 mojibake: "Ελλάδα"
    "Cafe\u0301",  # decomposed: NFC composes it
    "\u0132ssel",  # a ligature: split
    "tab\there\u2013\r",  # a carriage return
    "Erd\u00c5\u2018s P",  # a letter touching a curly quote: mojibake of "Erdős"
    "\u201d\u00e9",  # a curly quote touching a letter: mojibake of Cyrillic "ӎ"
    "\u00df\u00c6",  # a capital after a non-ASCII letter: mojibake of NKo "߯"
    " \u0152\u00df",  # Œ: read as mojibake of Greek " Χ"
    "voil\u00c3 le travail",  # a no-break space read as a space after a lead byte
    "Tom &amp; Jerry\u20132020",  # an entity
]


@pytest.mark.parametrize("text", DASHED + CURLED + ACCENTED + NOT_SKIPPED)
def test_repair_agrees_with_ftfy(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)


@pytest.mark.parametrize("text", DASHED)
def test_dashed_ascii_is_returned_as_it_is(text: str) -> None:
    assert repair(text) is text


@pytest.mark.parametrize("text", ACCENTED)
def test_accented_names_skip_ftfy(text: str) -> None:
    assert not fold_module._NEEDS_FTFY.search(text)
    assert repair(text) == text.replace("\u2019", "'")


@pytest.mark.parametrize("text", NOT_SKIPPED)
def test_what_ftfy_changes_goes_to_ftfy(text: str) -> None:
    assert fold_module._NEEDS_FTFY.search(text)
    assert ftfy.fix_text(text) != text.translate(fold_module._UNCURL)


def test_mojibake_and_decomposed_letters_are_still_repaired() -> None:
    assert repair("M\u00c3\u00bcller J") == "M\u00fcller J"
    assert repair("Lani\u00c5\u00a1nik T, \u00c5\u00bdakelj M") == "Lani\u0161nik T, \u017dakelj M"
    assert repair("Cafe\u0301") == "Caf\u00e9"
    assert repair("voil\u00c3 le travail") == "voil\u00e0 le travail"


def test_accented_names_load_no_ftfy() -> None:
    straight = [t.replace("\u2019", "'") for t in ACCENTED]
    code = (
        "from claimcheck.text.fold import fold, repair\n"
        f"assert [repair(t) for t in {ACCENTED!r}] == {straight!r}\n"
        "assert fold('M\u00fcller J, Jos\u00e9 A') == 'muller j jose a'"
    )
    assert "ftfy" not in tops(modules_after(code))


def test_folding_page_ranges_and_plain_titles_loads_no_ftfy() -> None:
    code = (
        "from claimcheck.text.fold import fold\n"
        f"assert fold({DASHED[0]!r}) == 'smith j doe a a trial lancet 2020 12 3 45 67'\n"
        "assert fold('Ketamine for depression') == 'ketamine for depression'\n"
        f"assert fold({CURLED[0]!r}) == 'its 12 19'"
    )
    assert "ftfy" not in tops(modules_after(code))
    assert fold(NOT_SKIPPED[0]).startswith("castano j")
