"""Read an article's flattened superscripts together: plausibility, then first-citation order.

In an article printed with flattened superscripts (``adults.1``, ``column5``,
``studied 2,3 and``) any bare number may be a citation or prose. Each number
is judged twice:

1. **Locally.** The marker finder's rules (:func:`claimcheck.read.markers.find_markers`
   with the article's habit) read the plain cases; every other bare group whose
   numbers fit the reference list (``SIFT42``, ``Tracer 1.2.23``, ``reports, 26,27
   co-``) is a weaker candidate, scored by what stands before it
   (:func:`claimcheck.read.superscripts.weak_score`).
2. **Together.** Numeric articles number their references in order of first
   citation: each new number cited is the next one (or a list or range reaching
   it), and every entry is cited. :func:`decode` picks the set of candidates
   that maximises the sum of their local scores plus a bonus for each number a
   marker cites for the first time in order. A weak candidate that supplies the
   next expected number is then read as a marker; one whose number is far ahead
   of the numbers cited so far, or that only repeats a number in a doubtful
   place, is not.

The decoding is exact (dynamic programming over the highest number cited so far)
and takes time linear in the candidates times the reference count.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.model import Article, BlockKind, Marker
from claimcheck.read.habit import Habit
from claimcheck.read.markers import find_markers, parse_numbers
from claimcheck.read.superscripts import CANDIDATE, name_length, weak_score

__all__ = ["FIRST_CITATION_BONUS", "RULE_SCORE", "Candidate", "decode", "decode_article"]

#: The log-odds added for each reference number a marker cites for the first time, in order.
FIRST_CITATION_BONUS = 6.0
#: The local log-odds of a group the marker finder's rules read as a marker.
RULE_SCORE = 3.0
_CLAIM_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A bare group that may be a marker: its marker reading, its local log-odds, and whether
    the marker finder's rules read it (then it is kept, whatever it does to the order)."""

    marker: Marker
    score: float
    ruled: bool = False


def decode(candidates: Sequence[Candidate], bonus: float = FIRST_CITATION_BONUS) -> list[Candidate]:
    """The candidates read as markers: the most plausible reading in first-citation order.

    Candidates are taken in document order. A reading scores the sum of its
    markers' local scores plus ``bonus`` for each number cited above the highest
    number cited before it (so numbers first cited in order earn it, and a jump
    ahead forfeits it for every number skipped).

    >>> from claimcheck.model import Marker
    >>> def c(n, score): return Candidate(Marker(str(n), n, n + 1, (n,), "superscript"), score)
    >>> [x.marker.numbers for x in decode([c(1, 3.0), c(2, -2.0), c(9, -2.0), c(3, 3.0)])]
    [(1,), (2,), (3,)]
    """
    top = max((max(c.marker.numbers) for c in candidates), default=0)
    value = [0.0] + [float("-inf")] * top  # value[m]: best score with m the highest number cited
    steps: list[tuple[int, int, bool]] = []  # per candidate: (its highest number, best previous top, won)
    for cand in candidates:
        numbers = sorted(set(cand.marker.numbers))
        high = numbers[-1]
        best, best_from = float("-inf"), -1
        low = 0
        for j, number in enumerate(numbers):  # previous tops in [low, number) leave len - j numbers new
            if number > low:
                chunk = value[low:number]
                peak = max(chunk)
                if peak + bonus * (len(numbers) - j) > best:
                    best, best_from = peak + bonus * (len(numbers) - j), low + chunk.index(peak)
            low = number
        gain = max(cand.score, 0.0)
        if gain:
            value[high:] = [v + gain for v in value[high:]]
        introduced = best + cand.score
        won = introduced > value[high]
        if won:
            value[high] = introduced
        if cand.ruled:  # no reading leaves it out
            value[:high] = [float("-inf")] * high
        steps.append((high, best_from, won))
    state = max(range(len(value)), key=value.__getitem__)
    chosen: list[Candidate] = []
    for cand, (high, best_from, won) in zip(reversed(candidates), reversed(steps), strict=True):
        if state == high and won:
            chosen.append(cand)
            state = best_from
        elif state >= high and cand.score > 0:
            chosen.append(cand)
    chosen.reverse()
    return chosen


def candidates(text: str, offset: int, habit: Habit) -> list[Candidate]:
    """A block's candidates: the rules' markers, then every other bare group fitting the list."""
    ruled = find_markers(text, offset, habit=habit)
    out = [Candidate(m, RULE_SCORE, ruled=True) for m in ruled]
    taken = [(m.start - offset, m.end - offset) for m in ruled]
    for match in CANDIDATE.finditer(text):
        start, end = match.span("n")
        if "," in match.group("n"):  # "Sit1,33": 1 ends a name, 33 may cite
            start += name_length(text, start, habit)
        if any(s < end and start < e for s, e in taken):
            continue
        numbers = parse_numbers(text[start:end])
        score = weak_score(text, start, end)
        if numbers is None or score is None or not habit.fits(numbers):
            continue
        out.append(
            Candidate(Marker(text[start:end], offset + start, offset + end, numbers, "superscript"), score)
        )
    out.sort(key=lambda c: c.marker.start)
    return out


def decode_article(article: Article, habit: Habit) -> tuple[Marker, ...]:
    """A superscript article's markers in paragraphs and list items, read together (:func:`decode`)."""
    found: list[Candidate] = []
    for block in article.blocks:
        if block.kind in _CLAIM_KINDS:
            found += candidates(block.text, block.start, habit)
    chosen = decode(found)
    if habit.reference_count:
        chosen = _fill_holes(found, chosen, habit.reference_count)
    return tuple(c.marker for c in chosen)


def _fill_holes(found: list[Candidate], chosen: list[Candidate], count: int) -> list[Candidate]:
    """Numbers 1..count no chosen marker cites: each takes the likeliest candidate citing it in its place.

    Its place lies between the first citations of the numbers around it (the
    median of the three nearest cited below and of the three nearest above, so
    one number cited out of order, say in a table, does not shut it out). The
    candidate must be plausible enough to be read for one new number
    (``score + FIRST_CITATION_BONUS > 0``).
    """
    first: dict[int, int] = {}
    for cand in chosen:
        for k in cand.marker.numbers:
            first[k] = min(first.get(k, cand.marker.start), cand.marker.start)
    holes = [k for k in range(1, count + 1) if k not in first]
    if not holes:
        return chosen
    taken = {id(c) for c in chosen}
    spare = [c for c in found if id(c) not in taken and c.score + FIRST_CITATION_BONUS > 0]
    added: list[Candidate] = []
    for k in holes:
        if k in first:
            continue
        cited = sorted(first)
        at = bisect.bisect_left(cited, k)
        below = sorted(first[j] for j in cited[max(0, at - 3) : at])
        above = sorted(first[j] for j in cited[at : at + 3])
        lo = below[len(below) // 2] if below else -1
        hi = above[(len(above) - 1) // 2] if above else math.inf
        options = [
            c for c in spare if k in c.marker.numbers and lo < c.marker.start < hi and id(c) not in taken
        ]
        if options:
            best = max(options, key=lambda c: c.score)
            taken.add(id(best))
            added.append(best)
            for j in best.marker.numbers:
                first[j] = min(first.get(j, best.marker.start), best.marker.start)
    return sorted([*chosen, *added], key=lambda c: c.marker.start)
