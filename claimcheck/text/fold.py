"""Comparison keys for printed text: one folding that every stage compares with.

Mojibake repaired (:mod:`ftfy`), markup and entities removed, lone Greek letters spelled out,
everything transliterated to ASCII (:mod:`anyascii`), case and punctuation folded.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from anyascii import anyascii

__all__ = ["fold", "repair"]

_UNCURL = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})  # as ftfy uncurls them
# Letters of Latin-1 Supplement and Latin Extended-A that ftfy leaves alone on their own: not
# Ĳ ĳ ŉ (ligatures it splits), Œ œ (it reads Œß, œà as mojibake of Greek); and Greek Α-Ω α-ω
# (17β, TNF-α), without the accented capitals (Ά Έ Ώ) that Windows-1253 mojibake reads as.
_LETTERS = "".join(
    c
    for c in map(chr, [*range(0xC0, 0x180), *range(0x391, 0x3AA), *range(0x3B1, 0x3CA)])
    if c.isalpha() and c not in "\u0132\u0133\u0149\u0152\u0153"
)
_UPPER = "".join(c for c in _LETTERS if c.isupper())
_PUNCT = "\u2013\u2014\u2018\u2019\u201c\u201d"  # en, em dash; curly quotes
_NEEDS_FTFY = re.compile(
    rf"[^\t\n -~{_LETTERS}{_PUNCT}]"  # outside the alphabet: control, symbols, other scripts, marks
    rf"|[{_LETTERS}][{_PUNCT}]|[{_PUNCT}][{_LETTERS}]"  # a letter touching a dash or curly quote
    rf"|[^\x00-\x7f][{_UPPER}]"  # a capital letter after a non-ASCII character
    r"|[\u00c2\u00c3\u00ce\u00d0][^\x00-\x1f!-\x7f]"  # Â Ã Î Ð before a space or non-ASCII character
    r"|&[#0-9A-Za-z]"  # an entity could start
)
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi",
    "ψ": "psi", "ω": "omega",
}  # fmt: skip
# A lone Greek letter (17β, TNF-α) is spelled out; Greek words (names) are transliterated.
_GREEK_RE = re.compile(rf"(?<![\u0370-\u03ff])(?:{'|'.join(_GREEK)})(?![\u0370-\u03ff])")
_APOSTROPHES = re.compile(r"['’`´]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def repair(text: str) -> str:
    """:func:`ftfy.fix_text`, loaded only when needed.

    Text that ftfy would return as it is, or only with its curly quotes straightened, is
    returned so without loading ftfy. With its defaults, ftfy changes text by: unescaping
    entities (``&`` then a name or ``#`` and ``;``), repairing mojibake (only where its
    badness pattern in ``ftfy/badness.py`` matches), then C1 and other control characters,
    ligatures, full-width forms, curly quotes, ``\\r`` and other line breaks, surrogates,
    terminal escapes, and NFC normalisation. None applies to text made only of printable
    ASCII, tab, newline, en and em dashes, curly quotes, the letters of Latin-1 Supplement
    and Latin Extended-A other than Ĳ ĳ ŉ Œ œ, and Greek Α-Ω α-ω (all NFC), where no letter
    touches a dash or quote, no capital letter follows a non-ASCII character, no ``Â Ã Î Ð``
    precedes a space or a non-ASCII character, and no ``&`` precedes a letter, digit or ``#``:
    over that alphabet, each way the badness pattern can match needs one of those. Mis-decoded
    UTF-8 itself is a lead letter (``Ã``, ``Å``, ``â``) followed by continuation characters,
    which read as symbols, punctuation or ``Š š Ž ž Ÿ Œ œ`` in Latin-1 and Windows-1252.

    Checked against ftfy 6.3.1: the plain ASCII part on 20,813 lines of the shared corpus,
    17,995 with dashes, 7,932 with curly quotes (earlier guards); the whole guard on the
    278,132 lines and JSON strings of the shared corpus, crossref and registry bodies and the
    tests it lets through (5,357 of them with such letters), on the 83,308 of the 113,569 pairs
    of characters of the alphabet, and on 148,438 of 400,000 random strings of the alphabet
    and mojibake-prone characters (``Ã ``, ``Å¡``, ``&amp;``, ``e\\u0301``, ``Ά``): no difference.

    >>> repair("Casta\u00c3\u00b1o"), repair("Plain ASCII"), repair("J Med. 2020;1:12\u201319.")
    ('Castaño', 'Plain ASCII', 'J Med. 2020;1:12–19.')
    >>> repair("Parkinson\u2019s disease\u2014a review"), repair("M\u00fcller J, Jos\u00e9 A")
    ("Parkinson's disease—a review", 'Müller J, José A')
    """
    if text.isascii() and text.isprintable() and "&" not in text:
        return text
    if not _NEEDS_FTFY.search(text):
        straight = text.translate(_UNCURL)
        return text if straight == text else straight
    import ftfy

    return ftfy.fix_text(text)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text as a comparison key: repaired, unmarked, ASCII, lower case, punctuation as spaces.

    >>> fold("Ionescu-TÃ®rgoviÅŸte"), fold("<i>17β</i>-HSD &amp; Müller's")
    ('ionescu tirgoviste', '17beta hsd and mullers')
    """
    text = repair(html.unescape(_TAG.sub(" ", text)))
    text = _GREEK_RE.sub(lambda m: _GREEK[m.group()], text)
    text = anyascii(text).lower().replace("&", " and ")
    text = _APOSTROPHES.sub("", text)  # Parkinson's -> parkinsons, not "parkinson s"
    return " ".join(_NOT_ALNUM.sub(" ", text).split())
