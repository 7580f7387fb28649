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
import itertools
import re
from collections.abc import Iterable

from claimcheck.model import Marker
from claimcheck.read.habit import Habit, learn_habit
from claimcheck.read.markerwords import (
    AGE_GROUPS,
    NOT_BRACKETED,
    NOT_COLON,
    NOT_ENCLOSED,
    SPACED_NEXT,
    STAT_BEFORE,
    STAT_WORDS,
    after_sentence_end,
    at_line_start,
    next_char,
    starts_sentence,
    word_before,
)
from claimcheck.read.superscripts import HABIT_CHECKS, check_glued_habit
from claimcheck.text.lazy import lazy_compile

__all__ = ["MAX_NUMBERS", "find_markers", "fit_markers", "mask_markers", "parse_numbers"]

#: The most reference numbers one range of a marker may expand to ("[1-50]"); a list printed
#: number by number ("[1], [2], ... [120]") may be longer.
MAX_NUMBERS = 50
# A parenthesised range wider than this reads as an age or value range: "(18-65)".
_MAX_PAREN_RANGE = 20

_NUM = r"[1-9]\d{0,2}(?!\d|[.,]\d{3}|\.\d)"
_DASH = "-‐‑‒–—"
# Bare superscript groups may look like thousands ("101,102"): told apart after matching.
_NUM_BARE = r"[1-9]\d{0,2}(?!\d|\.\d)"
_BARE_GROUP = rf"{_NUM_BARE}(?:[{_DASH}]{_NUM_BARE})?(?:,{_NUM_BARE}(?:[{_DASH}]{_NUM_BARE})?)*"
_ITEM = rf"{_NUM}(?:[ ]?[{_DASH}][ ]?{_NUM})?"
_TIGHT = rf"{_NUM}(?:[{_DASH}]{_NUM})?(?:,{_NUM}(?:[{_DASH}]{_NUM})?)*"
_LOOSE = rf"{_ITEM}(?:[ ]?,[ ]?{_ITEM})*"
# Inside brackets "125,126" is a list; thousands are told apart after matching. PDF text may
# break the line after a comma or a dash: "[16,\n17]", "(61–\n66)". A review marks the
# sources of importance: "[8•]", "[12, 23••, 24]".
_WRAP = r"(?:[ ]*\n)?"
_MARKED = rf"{_NUM_BARE}•{{0,2}}"
_ITEM_BARE = rf"{_MARKED}(?:[ ]?[{_DASH}]{_WRAP}[ ]?{_MARKED})?"
_ENCLOSED = rf"{_ITEM_BARE}(?:[ ]*[,;]{_WRAP}[ ]*{_ITEM_BARE})*"
# A pointer before the numbers: "[e.g., 11]", "(see 11)", "[cf. 4]".
_SEE = r"(?:(?:e\.g\.|see|cf\.)[,]?[ ]+)?"
_SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_CLOSERS = "\"'”’)]"
_CLOSE = re.escape(_CLOSERS)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("trailing", re.compile(rf"(?<=[.!?{_CLOSE}])[ ]{{1,3}}(?P<n>{_LOOSE})(?=\s|$)")),
    (
        "glued",
        re.compile(rf"(?<=[^\W\d_][.!?]|[{_CLOSE}%][.!?])(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)]|$)"),
    ),
    ("colon", re.compile(rf"(?<=[^\W\d_]) (?P<n>{_LOOSE})(?=:(?:\s|$))")),
    ("bracket", re.compile(rf"(?<![!\]])\[[ ]*{_SEE}(?P<n>{_ENCLOSED})[ ]*\](?![(\[])")),
    # Brackets in a row: "[1][2]" (Wikipedia), "[2], [3]", "[2]–[7]" (a dash fills the range).
    (
        "chain",
        re.compile(
            rf"(?<![!\]])(?P<n>\[[ ]*{_ENCLOSED}[ ]*\]"
            rf"(?:[ ]?[{_DASH},;]?[ ]?\[[ ]*{_ENCLOSED}[ ]*\])+)(?![(\[])"
        ),
    ),
    ("footnote", re.compile(rf"\[\^(?P<n>{_NUM})\]")),
    ("paren", re.compile(rf"\([ ]*{_SEE}(?P<n>{_ENCLOSED})[ ]*\)")),
    # Flattened superscripts, read only in an article that cites that way (see claimcheck.read.habit):
    # glued to a word ("column5"), after a comma or a closing bracket or quote ("Israel,12",
    # "gene)23"), or after a space ("studied 2,3 and").
    ("word", lazy_compile(rf"(?<=[^\W\d_])(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)\]”’\"!?]|$)")),
    (
        "comma",
        lazy_compile(
            rf"(?:(?<=[^\W_][,;:])|(?<=[.)”’*%][,;:]))(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)]|$)"
        ),
    ),
    ("closer", lazy_compile(rf"(?<=[)”’\"])(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)]|$)")),
    (
        "spaced",
        lazy_compile(
            rf"(?:(?<=[^\W\d_])|(?<=[,;:)”’*])|(?<=\bal\.))[ ]"
            rf"(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[,.;:)—]|[ ]|\n|$)"
        ),
    ),
    ("superscript", re.compile(rf"<sup>[ ]*(?P<n>{_ENCLOSED})[ ]*</sup>", re.IGNORECASE)),
    (
        "unicode",
        re.compile(rf"[¹²³⁴⁵⁶⁷⁸⁹][{_SUP_DIGITS}]{{0,2}}(?:[⁻,–-][¹²³⁴⁵⁶⁷⁸⁹][{_SUP_DIGITS}]{{0,2}})*"),
    ),
)
# Styles whose marker is the bare numbers, without the punctuation around them.
_BARE = frozenset({"trailing", "glued", "colon", "word", "comma", "closer", "spaced"})
# Styles read only when the article's habit is flattened superscripts.
_HABIT_ONLY = frozenset({"word", "comma", "closer", "spaced"})
_SUP_TABLE = str.maketrans(_SUP_DIGITS + "⁻", "0123456789-")


# "(1) first": a parenthesised number or letter followed by a word starts an enumeration.
_ENUMERATION = re.compile(r"\((?P<label>\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)(?:[ ]+(?P<word>[^\W\d_]+))?")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s")


def find_markers(text: str, offset: int = 0, *, habit: Habit | None = None) -> tuple[Marker, ...]:
    """Find the citation markers in ``text``, in order.

    Parameters
    ----------
    text
        A block of body text (not the reference list).
    offset
        The block's start in the article; marker spans are ``offset`` plus the
        index in ``text``.
    habit
        How the whole article cites (:func:`claimcheck.read.habit.learn_habit`
        over its body, with its reference count); learned from ``text`` alone
        when not given.

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
    context = _Context(text, habit if habit is not None else learn_habit([text]))
    found: list[Marker] = []
    for style, pattern in _PATTERNS:
        if style in _HABIT_ONLY and context.habit.family != "superscript":
            continue
        for match in pattern.finditer(text):
            marker = _accept(style, match, context, offset)
            if marker is not None and not _off_habit(marker, context.habit):
                found.append(marker)
    if context.habit.missing:
        found += _rescued(text, context.habit, offset)
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Marker] = []
    for marker in found:
        if not kept or marker.start >= kept[-1].end:
            kept.append(marker)
    return tuple(kept)


def _off_habit(marker: Marker, habit: Habit) -> bool:
    """A bare number in an article that cites with brackets or parentheses, citing past the end of
    its list (``S.S. 113 Via Palermo`` in an address): a value, not a citation."""
    return marker.style in _BARE and habit.family in ("bracket", "paren") and not habit.fits(marker.numbers)


# Second look, for numbers the article never cites otherwise: any bare group glued to a
# token ("SIFT42", "Tracer 1.2.23") or after a space, but never after a dash, a plus or a digit.
_RESCUE = (
    lazy_compile(rf"(?<=[^\s\d(\[{{\-+‐–—])(?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)\]]|$)"),
    lazy_compile(rf"(?<=[^\s\d(\[=<>±×/\-+–])[ ](?P<n>{_BARE_GROUP})(?![.,]\d)(?=[\s.,;:)]|$)"),
)


def _rescued(text: str, habit: Habit, offset: int) -> list[Marker]:
    """Bare groups citing only numbers nothing else cites (``habit.missing``): the coherent reading."""
    out = []
    for pattern in _RESCUE:
        for match in pattern.finditer(text):
            numbers = _expand(match.group("n"), rising=True)
            start, end = match.span("n")
            windows = [habit.missing.get(n) for n in numbers or ()]
            if numbers and all(w is not None and w[0] <= offset + start <= w[1] for w in windows):
                out.append(Marker(text[start:end], offset + start, offset + end, numbers, "superscript"))
    return out


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
    """The article's habit, and the enumeration items and sentence breaks of the text."""

    def __init__(self, text: str, habit: Habit) -> None:
        self.text = text
        self.habit = habit
        self.breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
        self.enumerated = self._enumeration_items()

    def _enumeration_items(self) -> frozenset[int]:
        """Starts of ``(1) ... (2) ...`` items: a run from 1 (or a, i) in one sentence.

        A run opens with an item followed by a word that starts an item, not a joining
        word (``(1) reduce``, not ``ketamine (1) and``); the next label in the same
        sentence continues it; it counts with two such heads.
        """
        starts: set[int] = set()
        run: list[tuple[int, int, str, bool]] = []  # (start, sentence, label, head)
        for m in _ENUMERATION.finditer(self.text):
            label = m.group("label")
            head = m.group("word") is not None and m.group("word").strip().lower() not in SPACED_NEXT
            item = (m.start(), bisect.bisect_left(self.breaks, m.start()), label, head)
            if run and item[1] == run[-1][1] and _follows(run[-1][2], label):
                run.append(item)
                continue
            if sum(h for *_, h in run) >= 2:
                starts.update(start for start, *_ in run)
            run = [item] if head and label in ("1", "a", "A", "i") else []
        if sum(h for *_, h in run) >= 2:
            starts.update(start for start, *_ in run)
        return frozenset(starts)


def _follows(a: str, b: str) -> bool:
    """``b`` is the label after ``a``: 1 then 2, a then b, i then ii."""
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    if a.lower() in romans and b.lower() in romans and romans.index(b.lower()) == romans.index(a.lower()) + 1:
        return True
    return len(a) == len(b) == 1 and a.isalpha() and ord(b) == ord(a) + 1


def _accept(style: str, match: re.Match[str], ctx: _Context, offset: int) -> Marker | None:
    text, habit = ctx.text, ctx.habit
    family = habit.family
    # Weak shapes are read by the article's habit, and must then fit the reference list.
    weak = (
        style in _HABIT_ONLY or (family == "superscript" and style == "glued") or family == "paren" == style
    )
    if style == "paren" and family in ("bracket", "superscript"):
        return None  # an article citing otherwise: "(4)" is a count or an equation
    if style == "colon" and family == "superscript":
        return None  # "include 5:" is judged as any spaced group is, by the article's habit
    if style in _HABIT_ONLY:
        ok = HABIT_CHECKS[style](text, match, habit)
    elif weak:
        ok = _check_paren_habit(text, match) if style == "paren" else check_glued_habit(text, match)
    else:
        ok = _CHECKS[style](text, match)
    if not ok:
        return None
    if style == "unicode":
        digits, style = match.group().translate(_SUP_TABLE), "superscript"
    elif style == "chain":
        digits, style = _chain_digits(match.group("n")), "bracket"
    else:
        digits = match.group("n")
    start, end = match.span("n") if style in _BARE else match.span()
    if style == "paren" and (match.start() in ctx.enumerated or _widest_range(digits) > _MAX_PAREN_RANGE):
        return None
    numbers = _expand(digits, rising=weak or style in ("bracket", "superscript"))
    if numbers is None or (weak and not habit.fits(numbers)):
        return None
    if style in _HABIT_ONLY or (style == "glued" and len(numbers) > 1):
        style = "superscript"
    return Marker(text[start:end], offset + start, offset + end, numbers, style)


def _chain_digits(raw: str) -> str:
    """``[2]–[7]`` -> ``2–7``; ``[1][2]``, ``[1], [3]`` -> ``1,2``, ``1,3``."""
    joined = re.sub(rf"\][ ]?[{_DASH}][ ]?\[", "–", raw)
    return re.sub(r"\][ ]?[,;]?[ ]?\[", ",", joined).strip("[] ")


def parse_numbers(digits: str) -> tuple[int, ...] | None:
    """A bare group's numbers (``"3,5-7"`` -> ``(3, 5, 6, 7)``); ``None`` for a reversed or huge range.

    >>> parse_numbers("101,102"), parse_numbers("7-3")
    ((101, 102), None)
    """
    return _expand(digits, rising=True)


def _expand(digits: str, *, rising: bool = False) -> tuple[int, ...] | None:
    """``"1, 3-5"`` -> ``(1, 3, 4, 5)``; ``None`` for reversed, huge or thousands-like lists.

    With ``rising``, a thousands-like list whose numbers rise (``101,102``) is a list.
    """
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        parts = [int(n) for n in digits.split(",")]
        if not rising or any(b <= a for a, b in itertools.pairwise(parts)):
            return None  # 1,247 is a number
    numbers: list[int] = []
    for item in re.split(r"[ ]*[,;][ ]*", digits.replace("•", "").strip()):
        bounds = [int(n) for n in re.split(rf"[ ]?[{_DASH}][ ]?", item)]
        low, high = bounds[0], bounds[-1]
        if high < low or high - low >= MAX_NUMBERS:
            return None
        numbers.extend(range(low, high + 1))
    return tuple(numbers)


def _widest_range(digits: str) -> int:
    widths = [0]
    for item in re.split(r"[,;]", digits):
        bounds = [int(n) for n in re.findall(r"\d+", item)]
        widths.append(bounds[-1] - bounds[0])
    return max(widths)


def _check_trailing(text: str, match: re.Match[str]) -> bool:
    punct = match.start()
    while punct > 0 and text[punct - 1] in _CLOSERS:
        punct -= 1
    punct -= 1
    if punct < 0 or text[punct] not in ".!?":
        return False
    return after_sentence_end(text, punct) and starts_sentence(text, match.end())


def _check_glued(text: str, match: re.Match[str]) -> bool:
    return after_sentence_end(text, match.start() - 1) and starts_sentence(text, match.end())


def _check_colon(text: str, match: re.Match[str]) -> bool:
    word = word_before(text, match.start())
    return len(word) >= 3 and word[0].islower() and word.lower() not in NOT_COLON


def _check_bracket(text: str, match: re.Match[str]) -> bool:
    if text[match.end() : match.end() + 1] == ":" and at_line_start(text, match.start()):
        return False  # a Markdown link definition: "[1]: https://..."
    word = word_before(text, match.start()).lower()
    if word in STAT_WORDS and re.fullmatch(r"\d+\s*,\s*\d+", match.group("n").strip()):
        return False  # an interval: "range [1, 5]", "CI [0.2, 0.9]"
    return word not in NOT_BRACKETED  # "patients [11–14]", "Steel equation [18]", "range [30]" cite


def _enclosed_after_word(text: str, match: re.Match[str], stop: frozenset[str] = NOT_ENCLOSED) -> bool:
    """Not after a label or statistic word, nor a range after a group of people."""
    word = word_before(text, match.start()).lower()
    if word in stop:
        return False
    return word not in AGE_GROUPS or not any(dash in match.group("n") for dash in _DASH)


def _check_paren_habit(text: str, match: re.Match[str]) -> bool:
    """In an article citing ``(1)``: after a word, a number, a year, a quote or a bracket, whatever follows.

    Not glued to a short token (``F(1, 38)``), not after a statistic or label
    word or ``=``, nor after a value (``OR 2 (1-3)``, ``p < 0.05 (2, 3)``); after ``%`` only at a
    clause end (``up to 40% (27).``).
    """
    start = match.start()
    window = text[max(0, start - 40) : start]
    if window[-1:].strip() and window[-1] not in _CLOSERS:
        token = window.split()[-1]
        if len(token) < 4 or not token.isalpha():
            return False
    before = window.rstrip()[-1:]
    if before == "%":  # "10–20% (1)." cites at a clause end; "51.1% (272) of whom" counts
        return next_char(text, match.end()) in (".", ",", ";", "")
    if before and before in STAT_BEFORE.replace("0123456789", "").replace(":", ""):
        return False
    if before.isdigit():  # after a year or a named score ("2015 (1)", "MADRS-10 (39)"), not a value
        token = window.split()[-1]
        if not (re.fullmatch(r"(?:19|20)\d\d", token) or re.search(r"[^\W\d_]", token)):
            return False
    return word_before(text, start).lower() not in NOT_ENCLOSED


def _check_paren(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    window = text[max(0, start - 40) : start]
    before = window.rstrip()[-1:]
    if window[-1:].strip():  # glued to a token: F(1, 38), t(38), χ2(2)
        token = window.split()[-1]
        if len(token) < 4 or not token.isalpha():
            return False
    if before and before in STAT_BEFORE:
        return False
    if not _enclosed_after_word(text, match):
        return False
    after = next_char(text, match.end())
    return after == "" or after in ".,;:!?)]—–"


def _check_unicode(text: str, match: re.Match[str]) -> bool:
    """After punctuation or a word of 3+ letters; not ``m²``, ``cm³`` or ``10⁹``."""
    start = match.start()
    before = text[start - 1 : start]
    if before and before in ".,;:)]\"'”’":
        return True
    return before.isalpha() and len(word_before(text, start)) >= 3


def _check_footnote(text: str, match: re.Match[str]) -> bool:
    """Not a footnote definition (``[^1]:`` opening a line); ``include[^5]:`` cites."""
    return not (text[match.end() : match.end() + 1] == ":" and at_line_start(text, match.start()))


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
