"""Statistics in text: ``30%``, ``2.8 million``, ``1,247``, ``thirty percent``.

Pure functions. :func:`extract_statistics` finds the numbers a reader would
check against a source (percentages, scaled counts, counts of ten or more,
decimals), leaving out years, dates, and digits that belong to a name
(``COVID-19``, ``IL-6``, ``H1N1``). :func:`find_statistic` looks one of them up
among the numbers of a source text, forgiving formats (``30 %``, ``30.0%``,
``30 percent``, ``1247`` for ``1,247``) and the rounding a writer does
(``2.8 million`` for ``2,754,000``; ``about 30%`` for ``31%``).

>>> [s.raw for s in extract_statistics("Of the 1,247 participants, 30% (about 2.8 million) left in 2020.")]
['1,247', '30%', '2.8 million']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["Statistic", "extract_numbers", "extract_statistics", "find_statistic"]

_TENS = re.findall(r"\w+", "twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES = {
    w: i
    for i, w in enumerate(
        re.findall(
            r"\w+",
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen",
        )
    )
} | {w: 10 * i for i, w in enumerate(_TENS, 2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MONTHS = re.findall(
    r"\w+",
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december",
)
_APPROX = re.compile(
    r"(?:about|around|approximately|approx\.?|nearly|almost|roughly|some|up to|more than|over|"
    r"at least|less than|under|fewer than|close to|~|≈|>|<|≥|≤)\s*$",
    re.IGNORECASE,
)
_WORDNUM = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    rf"|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?)"
    r"(?P<suffix>\s?(?:%|per\s?cent(?:age points?)?\b|percentage points?\b)"
    r"|\s(?:thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
#: Integers below this are counts too small to check ("two doses", "3 groups").
MIN_COUNT = 10

# Tolerance for a hedged number ("about 30%"): a writer's rounding, no more.
APPROX_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True, repr=False)
class Statistic:
    """A number as written: its value, kind and precision.

    ``kind`` is ``percent``, ``count`` (an integer, scaled or not), ``decimal``
    or ``year``; ``step`` is the precision the writer used (``1`` for ``1247``,
    ``100000`` for ``2.8 million``, ``0.1`` for ``5.3%``); ``approx`` says a
    hedge word came before it (``about``, ``up to``, ``more than``).
    """

    raw: str
    value: float
    kind: str
    step: float
    start: int
    end: int
    approx: bool = False

    def __repr__(self) -> str:
        return f"<Statistic {self.raw!r} {self.kind} {self.value:g}>"


def extract_numbers(text: str) -> list[Statistic]:
    """Every number of ``text`` with its kind, including years and small counts.

    Digits glued to letters or joined to a word by a hyphen (``COVID-19``,
    ``2019-nCoV``, ``3D``) are names, not numbers, and are skipped, as are
    days of a date (``March 17``).

    >>> [(s.raw, s.kind) for s in extract_numbers("In 2020, 56.0% of 1,000 adults; COVID-19.")]
    [('2020', 'year'), ('56.0%', 'percent'), ('1,000', 'count')]
    """
    out: list[Statistic] = []
    for m in _NUMBER.finditer(text):
        num, suffix = m.group("num"), (m.group("suffix") or "").strip().lower()
        start, end = m.start(), m.end()
        if _glued(text, start, m.end("num"), suffix):
            continue
        value, step, is_word = _value(num)
        if value is None or (is_word and not suffix):
            continue
        before = text[max(0, start - 12) : start].lower()
        if not suffix and re.search(rf"\b(?:{'|'.join(_MONTHS)})\.?\s*$", before):
            continue
        if suffix.startswith(("%", "per", "percentage")):
            kind = "percent"
        elif suffix in _SCALES:
            value, step, kind = value * _SCALES[suffix], step * _SCALES[suffix], "count"
        elif "." in num:
            kind = "decimal"
        elif "," not in num and 1800 <= value <= 2099 and len(num) == 4:
            kind = "year"
        else:
            kind = "count"
        approx = bool(_APPROX.search(text[max(0, start - 14) : start]))
        out.append(Statistic(text[start:end].strip(), value, kind, step, start, end, approx))
    return out


def extract_statistics(text: str) -> list[Statistic]:
    """The numbers of ``text`` worth checking against a source.

    Percentages, scaled counts, decimals and counts of :data:`MIN_COUNT` or
    more; not years, not small counts.

    >>> [s.raw for s in extract_statistics("for up to 30% of patients, about 2.8 million people")]
    ['30%', '2.8 million']
    """
    return list(_statistics(text))


@lru_cache(maxsize=4096)
def _statistics(text: str) -> tuple[Statistic, ...]:
    """:func:`extract_statistics`, cached: a claim is compared with many sources."""
    return tuple(
        s
        for s in extract_numbers(text)
        if s.kind in ("percent", "decimal") or (s.kind == "count" and s.value >= MIN_COUNT)
    )


def find_statistic(stat: Statistic, candidates: Iterable[Statistic]) -> Statistic | None:
    """The first candidate that states the same number as ``stat``, or ``None``.

    A percentage matches only a percentage. A candidate matches when it rounds
    to ``stat`` at the precision ``stat`` was written with (``2.8 million``
    matches ``2,754,000``; ``30%`` matches ``29.7%``), or, when ``stat`` is
    hedged, when it is within :data:`APPROX_TOLERANCE` of it.

    >>> claim = extract_statistics("about 2.8 million people")[0]
    >>> find_statistic(claim, extract_numbers("2,754,000 adults had TRD"))
    <Statistic '2,754,000' count 2.754e+06>
    """
    for cand in candidates:
        if (stat.kind == "percent") != (cand.kind == "percent"):
            continue
        if _rounds_to(cand.value, stat.value, stat.step):
            return cand
        if stat.approx and abs(cand.value - stat.value) <= APPROX_TOLERANCE * abs(stat.value):
            return cand
    return None


def _rounds_to(value: float, target: float, step: float) -> bool:
    if step <= 0:
        return value == target
    return abs(value - target) <= step / 2 + 1e-9 * max(1.0, abs(target))


def _glued(text: str, start: int, num_end: int, suffix: str) -> bool:
    """True when the digits are part of a name: a letter or a word-hyphen touches them."""
    prev = text[start - 1] if start > 0 else " "
    if prev.isalpha() or prev in "_":
        return True
    if prev in "-‐–" and start >= 2 and text[start - 2].isalpha():
        return True
    nxt = text[num_end] if num_end < len(text) else " "
    if not suffix and (nxt.isalpha() or (nxt == "-" and text[num_end + 1 : num_end + 2].isalpha())):
        return not _is_plain_word_number(text, start, num_end)
    return False


def _is_plain_word_number(text: str, start: int, end: int) -> bool:
    return text[start:end].isalpha()


def _value(num: str) -> tuple[float | None, float, bool]:
    """The value of a numeral or number word, its precision step, and whether it was words."""
    low = num.lower()
    if low[0].isalpha():
        parts = re.split(r"[- ]", low)
        total = sum(_WORD_VALUES.get(p, 0) for p in parts)
        if len(parts) == 2 and not (_WORD_VALUES[parts[0]] >= 20 and _WORD_VALUES[parts[1]] < 10):
            return None, 1.0, True  # "two three" is not a number
        return float(total), 1.0, True
    digits = num.replace(",", "")
    dec = Decimal(digits)
    exponent = dec.as_tuple().exponent
    step = 10.0 ** int(exponent) if isinstance(exponent, int) else 1.0
    return float(dec), step, False
