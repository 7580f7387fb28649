"""Find citation markers in a block of body text.

A marker is kept only when its shape and its neighbours both say "citation";
a wrong marker is worse than a missed one. Styles, and when each is kept:

``trailing`` — ``depression. 1``, ``months. 1,2,3,4``
    After a sentence end and a space; the end of the text, a capital, a quote
    or a bracket follows (``in 2019. 2 patients`` is prose).
``glued`` / ``superscript`` — ``option.3 Continued``, ``anxiety.1–3``, ``SSRIs.2,4``
    A word, ``.!?`` and the numbers with no space, followed as above; not
    after an abbreviation (``Fig.3``, ``No.5``). Also ``<sup>1,2</sup>`` and
    Unicode superscripts (``risk.¹²``), but not after a unit (``m²``, ``cm³``)
    or a number (``10⁹``).
``colon`` — ``may include 5:``
    After a lower-case word that is not a label or a count word (``Step 1:``,
    ``the top 5:``), before ``:`` and a space or the end (``3:1``, ``5:30``
    are prose).
``bracket`` — ``[2]``, ``[1, 2]``, ``[3–5]``, ``[1][2]``; ``footnote`` — ``[^1]``
    Not a Markdown link (``[1](url)``), link or footnote definition
    (``[1]: url``, ``[^1]:`` opening a line), nor after a statistic word
    (``range [1, 5]``). A footnote before a colon cites (``include[^5]:``).
``paren`` — ``(1)``, ``(3, 7)``, ``(8–10)``
    At a clause end (``.,;:)`` or the end follows); not glued to a short token
    (``F(1, 38)``, ``t(38)``), not after a number, ``=``, a statistic or label
    word (``OR 2 (1-3)``, ``aged (18-25)``, ``stage (2)``), not inside an
    enumeration (``(1) first ... (2) second``), no range wider than 20.

Numbers are 1 to 999 with no decimal part; ranges (``-``, ``–``, ``—``) expand,
and a reversed range or one listing more than :data:`MAX_NUMBERS` numbers is
not a marker. So ``30%``, ``2.8 million``, ``1247 participants``, ``in 2019``,
``(2020)``, ``(n = 12)``, ``p < 0.05``, ``OR 2.1 (1.3-3.4)``, ``stages 1, 2 and
3`` and ``3 weeks`` are prose, not markers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from claimcheck.model import Marker

__all__ = ["MAX_NUMBERS", "find_markers", "fit_markers", "mask_markers"]

#: The most reference numbers one marker may cite once ranges are expanded.
MAX_NUMBERS = 50
# A parenthesised range wider than this reads as an age or value range: "(18-65)".
_MAX_PAREN_RANGE = 20

_NUM = r"[1-9]\d{0,2}(?!\d|[.,]\d{3}|\.\d)"
_DASH = "-‐‑‒–—"
_ITEM = rf"{_NUM}(?:[ ]?[{_DASH}][ ]?{_NUM})?"
_TIGHT = rf"{_NUM}(?:[{_DASH}]{_NUM})?(?:,{_NUM}(?:[{_DASH}]{_NUM})?)*"
_LOOSE = rf"{_ITEM}(?:[ ]?,[ ]?{_ITEM})*"
_ENCLOSED = rf"{_ITEM}(?:[ ]*[,;][ ]*{_ITEM})*"
_SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_CLOSERS = "\"'”’)]"
_CLOSE = re.escape(_CLOSERS)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("trailing", re.compile(rf"(?<=[.!?{_CLOSE}])[ ]{{1,3}}(?P<n>{_LOOSE})(?=\s|$)")),
    ("glued", re.compile(rf"(?<=[^\W\d_][.!?]|[{_CLOSE}%][.!?])(?P<n>{_TIGHT})(?=\s|$)")),
    ("colon", re.compile(rf"(?<=[^\W\d_]) (?P<n>{_LOOSE})(?=:(?:\s|$))")),
    ("bracket", re.compile(rf"(?<![!\]])\[[ ]*(?P<n>{_ENCLOSED})[ ]*\](?![(\[])")),
    # Brackets in a row, as pasted from Wikipedia: "[1][2]".
    ("chain", re.compile(rf"(?<![!\]])(?P<n>(?:\[[ ]*{_ENCLOSED}[ ]*\]){{2,}})(?![(\[])")),
    ("footnote", re.compile(rf"\[\^(?P<n>{_NUM})\]")),
    ("paren", re.compile(rf"\([ ]*(?P<n>{_ENCLOSED})[ ]*\)")),
    ("superscript", re.compile(rf"<sup>[ ]*(?P<n>{_ENCLOSED})[ ]*</sup>", re.IGNORECASE)),
    (
        "unicode",
        re.compile(rf"[¹²³⁴⁵⁶⁷⁸⁹][{_SUP_DIGITS}]{{0,2}}(?:[⁻,–-][¹²³⁴⁵⁶⁷⁸⁹][{_SUP_DIGITS}]{{0,2}})*"),
    ),
)
# Styles whose marker is the bare numbers, without the punctuation around them.
_BARE = frozenset({"trailing", "glued", "colon"})
_SUP_TABLE = str.maketrans(_SUP_DIGITS + "⁻", "0123456789-")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short forms that end in "." but end no sentence: "Fig. 3", "No.5", "pp. 12".
_ABBREVIATIONS = _words(
    "fig figs no nos p pp vol vols ch chap eq eqs sec sect ver v vs ref refs art para tab ex pt pts"
    " op cf approx ca st dr mr mrs ms prof inc ltd co corp gen e g i e"
)
# Nouns that label a number: "Step 1:", "stage (2)", "Table [3]".
_LABEL_NOUNS = _words(
    "step stage phase type table figure fig section chapter part level grade tip rule option reason"
    " group round dose version question item number page class point lesson equation eq"
)
# Their plurals and time words label or count before a colon: "Steps 1-3:", "week 2:".
_LABEL_PLURALS = _words(
    "steps stages phases types tables figures sections chapters parts levels grades tips rules options"
    " reasons groups rounds doses versions questions items numbers pages classes points lessons day days"
    " week weeks month months year years"
)
# Words that count what follows: "the top 5:", "the following 3:".
_COUNT_WORDS = _words(
    "top best worst following these those the all first last main key major only just about over"
    " under least most other few several and or to of in at by from with are is were was"
)
# Words before a statistic or a range of values: "n (12)", "aged (18-25)", "range [1, 5]".
_STAT_WORDS = _words(
    "n df ci rr hr irr iqr sd se sem range ranging ranged between interval aged ages age old"
)
# Groups of people a range of ages follows: "young adults (18-25)" (but "older adults [1]" cites).
_AGE_GROUPS = _words("adults children adolescents teens teenagers youth people women men patients")
_NOT_COLON = _LABEL_NOUNS | _LABEL_PLURALS | _COUNT_WORDS | _STAT_WORDS
_NOT_ENCLOSED = _LABEL_NOUNS | _STAT_WORDS
# Square brackets almost always cite: only document labels and statistics stop them
# ("Table [3]", "CI [1, 5]"), not ordinary nouns ("without an option [2]").
_NOT_BRACKETED = _STAT_WORDS | _words("table tables figure figures fig figs eq equation section chapter page")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")
# "(1) first": a parenthesised number or letter followed by a word starts an enumeration.
_ENUMERATION = re.compile(r"\((?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)[ ]+[^\W\d_]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s")
_STAT_BEFORE = "0123456789=<>≤≥±%/:×"
_AFTER_OK = "\"'“‘([{"


def find_markers(text: str, offset: int = 0) -> tuple[Marker, ...]:
    """Find the citation markers in ``text``, in order.

    Parameters
    ----------
    text
        A block of body text (not the reference list).
    offset
        The block's start in the article; marker spans are ``offset`` plus the
        index in ``text``.

    Returns
    -------
    tuple of Marker
        ``raw`` is exactly ``text[start - offset:end - offset]``; ``numbers``
        holds the cited numbers, ranges expanded.

    Examples
    --------
    >>> [(m.raw, m.numbers, m.style) for m in find_markers("It works.3 See [4-6]. Up 30%. 7")]
    [('3', (3,), 'glued'), ('[4-6]', (4, 5, 6), 'bracket'), ('7', (7,), 'trailing')]
    """
    context = _Context(text)
    found: list[Marker] = []
    for style, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            marker = _accept(style, match, context, offset)
            if marker is not None:
                found.append(marker)
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Marker] = []
    for marker in found:
        if not kept or marker.start >= kept[-1].end:
            kept.append(marker)
    return tuple(kept)


def mask_markers(text: str, markers: Iterable[Marker], offset: int = 0) -> str:
    """Return ``text`` with each marker's characters replaced by spaces.

    The result has the same length, so spans found in it index ``text``. A
    marker that does not fit (outside ``text``, overlapping an earlier one, or
    whose ``raw`` is not the text at its span) is left out, never an error;
    :func:`fit_markers` says which.

    Examples
    --------
    >>> text = "It works.3 Next one. 4"
    >>> mask_markers(text, find_markers(text))
    'It works.  Next one.  '
    """
    parts: list[str] = []
    pos = 0
    for marker in fit_markers(text, markers, offset)[0]:
        start, end = marker.start - offset, marker.end - offset
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def fit_markers(
    text: str, markers: Iterable[Marker], offset: int = 0
) -> tuple[tuple[Marker, ...], tuple[Marker, ...]]:
    """Split markers into those that fit ``text`` (at ``offset``) and those that do not.

    A marker fits when its span lies inside the text, its ``raw`` is the text
    there, and it does not overlap a marker kept before it (in start order).

    >>> kept, dropped = fit_markers("abc [1]", [Marker("[1]", 4, 7, (1,), "bracket"),
    ...                                       Marker("[9]", 10, 13, (9,), "bracket")])
    >>> [m.raw for m in kept], [m.raw for m in dropped]
    (['[1]'], ['[9]'])
    """
    kept: list[Marker] = []
    dropped: list[Marker] = []
    pos = 0
    for marker in sorted(markers, key=lambda m: (m.start, m.end)):
        start, end = marker.start - offset, marker.end - offset
        if start < pos or end > len(text) or start >= end or text[start:end] != marker.raw:
            dropped.append(marker)
            continue
        kept.append(marker)
        pos = end
    return tuple(kept), tuple(dropped)


class _Context:
    """Positions of enumerations and sentence breaks, for O(log n) look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.enumerations = [m.start() for m in _ENUMERATION.finditer(text)]
        self.breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]

    def in_enumeration(self, start: int, end: int) -> bool:
        """An enumeration item in the same sentence before ``start`` or just after ``end``."""
        i = bisect.bisect_left(self.enumerations, start)
        if i and not self._break_between(self.enumerations[i - 1], start):
            return True
        j = bisect.bisect_left(self.enumerations, end)
        return j < len(self.enumerations) and not self._break_between(end, self.enumerations[j])

    def _break_between(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.breaks, a)
        return i < len(self.breaks) and self.breaks[i] < b


def _accept(style: str, match: re.Match[str], ctx: _Context, offset: int) -> Marker | None:
    text = ctx.text
    if not _CHECKS[style](text, match):
        return None
    if style == "unicode":
        digits, style = match.group().translate(_SUP_TABLE), "superscript"
    elif style == "chain":
        digits, style = match.group("n").replace("][", ",").strip("[]"), "bracket"
    else:
        digits = match.group("n")
    start, end = match.span("n") if style in _BARE else match.span()
    if style == "paren" and (ctx.in_enumeration(start, end) or _widest_range(digits) > _MAX_PAREN_RANGE):
        return None
    numbers = _expand(digits)
    if numbers is None:
        return None
    if style == "glued" and len(numbers) > 1:
        style = "superscript"
    return Marker(text[start:end], offset + start, offset + end, numbers, style)


def _expand(digits: str) -> tuple[int, ...] | None:
    """``"1, 3-5"`` -> ``(1, 3, 4, 5)``; ``None`` for reversed, huge or thousands-like lists."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        return None  # 1,247 is a number
    numbers: list[int] = []
    for item in re.split(r"[ ]*[,;][ ]*", digits.strip()):
        bounds = [int(n) for n in re.split(rf"[ ]?[{_DASH}][ ]?", item)]
        low, high = bounds[0], bounds[-1]
        if high < low or high - low >= MAX_NUMBERS:
            return None
        numbers.extend(range(low, high + 1))
    return tuple(numbers) if len(numbers) <= MAX_NUMBERS else None


def _widest_range(digits: str) -> int:
    widths = [0]
    for item in re.split(r"[,;]", digits):
        bounds = [int(n) for n in re.findall(r"\d+", item)]
        widths.append(bounds[-1] - bounds[0])
    return max(widths)


def _word_before(text: str, pos: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return match.group(1) if match else ""


def _next_char(text: str, pos: int) -> str:
    """The first non-space character from ``pos`` on (within 40), or ``""``."""
    return text[pos : pos + 40].lstrip()[:1]


def _at_line_start(text: str, pos: int) -> bool:
    """Only spaces between the last line break (or the start) and ``pos``."""
    head = text[max(0, pos - 40) : pos].rstrip(" \t")
    return head.endswith("\n") or (not head and pos <= 40)


def _starts_sentence(text: str, pos: int) -> bool:
    """The next non-space character can start a sentence: a capital, a quote, the end."""
    char = _next_char(text, pos)
    return char == "" or char.isupper() or char in _AFTER_OK


def _after_sentence_end(text: str, punct: int) -> bool:
    """``text[punct]`` is ``.!?`` ending a sentence: not after a digit or an abbreviation."""
    before = text[punct - 1] if punct else ""
    if not before or before.isdigit() or before.isspace():
        return False
    return text[punct] != "." or _word_before(text, punct).lower() not in _ABBREVIATIONS


def _check_trailing(text: str, match: re.Match[str]) -> bool:
    punct = match.start()
    while punct > 0 and text[punct - 1] in _CLOSERS:
        punct -= 1
    punct -= 1
    if punct < 0 or text[punct] not in ".!?":
        return False
    return _after_sentence_end(text, punct) and _starts_sentence(text, match.end())


def _check_glued(text: str, match: re.Match[str]) -> bool:
    return _after_sentence_end(text, match.start() - 1) and _starts_sentence(text, match.end())


def _check_colon(text: str, match: re.Match[str]) -> bool:
    word = _word_before(text, match.start())
    return len(word) >= 3 and word[0].islower() and word.lower() not in _NOT_COLON


def _check_bracket(text: str, match: re.Match[str]) -> bool:
    if text[match.end() : match.end() + 1] == ":" and _at_line_start(text, match.start()):
        return False  # a Markdown link definition: "[1]: https://..."
    return _enclosed_after_word(text, match, _NOT_BRACKETED)


def _enclosed_after_word(text: str, match: re.Match[str], stop: frozenset[str] = _NOT_ENCLOSED) -> bool:
    """Not after a label or statistic word, nor a range after a group of people."""
    word = _word_before(text, match.start()).lower()
    if word in stop:
        return False
    return word not in _AGE_GROUPS or not any(dash in match.group("n") for dash in _DASH)


def _check_paren(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    window = text[max(0, start - 40) : start]
    before = window.rstrip()[-1:]
    if window[-1:].strip():  # glued to a token: F(1, 38), t(38), χ2(2)
        token = window.split()[-1]
        if len(token) < 4 or not token.isalpha():
            return False
    if before and before in _STAT_BEFORE:
        return False
    if not _enclosed_after_word(text, match):
        return False
    after = _next_char(text, match.end())
    return after == "" or after in ".,;:!?)]—–"


def _check_unicode(text: str, match: re.Match[str]) -> bool:
    """After punctuation or a word of 3+ letters; not ``m²``, ``cm³`` or ``10⁹``."""
    start = match.start()
    before = text[start - 1 : start]
    if before and before in ".,;:)]\"'”’":
        return True
    return before.isalpha() and len(_word_before(text, start)) >= 3


def _check_footnote(text: str, match: re.Match[str]) -> bool:
    """Not a footnote definition (``[^1]:`` opening a line); ``include[^5]:`` cites."""
    return not (text[match.end() : match.end() + 1] == ":" and _at_line_start(text, match.start()))


def _always(text: str, match: re.Match[str]) -> bool:
    return True


_CHECKS = {
    "trailing": _check_trailing,
    "glued": _check_glued,
    "colon": _check_colon,
    "bracket": _check_bracket,
    "chain": _check_bracket,
    "footnote": _check_footnote,
    "paren": _check_paren,
    "superscript": _always,
    "unicode": _check_unicode,
}
