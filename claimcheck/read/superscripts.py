"""Flattened superscripts: bare numbers read as markers only in an article that cites with them.

``column5``, ``Israel,12 which``, ``gene)23``, ``studied 2,3 and`` and ``al.15 and``
are citations in an article printed with flattened superscripts
(:func:`claimcheck.read.habit.learn_habit` says so) and names, values or labels
elsewhere. Each check takes the regular-expression match of the bare group and
the article's :class:`~claimcheck.read.habit.Habit`.
"""

from __future__ import annotations

import re

from claimcheck.read.habit import Habit
from claimcheck.read.markerwords import (
    NOT_SPACED_BEFORE,
    SPACED_NEXT,
    UNIT_WORDS,
    after_sentence_end,
    starts_sentence,
    word_before,
)

__all__ = ["HABIT_CHECKS", "check_glued_habit"]


def check_glued_habit(text: str, match: re.Match[str]) -> bool:
    """``al.15 and``: glued to sentence punctuation, whatever follows (the article cites so).

    Not after a mixed-case name (``pLKO.1``) unless a sentence starts after it.
    """
    punct = match.start() - 1
    if not after_sentence_end(text, punct):
        return False
    word = word_before(text, punct)
    return word[1:] == word[1:].lower() or starts_sentence(text, match.end())


def _check_word(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``column5``, ``follow-up7``, ``RefWorks91``: glued to a word of 3+ letters, not a name.

    Not ``CD4``, ``rBM14``, ``H2O``, ``5-HT2A``, ``SARS-CoV-2``, ``PhyML``, nor a
    word-number token printed twice (``Sox2``).
    """
    start = match.start()
    token = re.search(r"[\w-]+$", text[max(0, start - 40) : start])
    whole = token.group() if token else ""
    w = whole.split("-")[-1]
    if not w.isalpha() or len(w) < 3:
        return False  # H2O, 5-HT2A
    plain = w[1:] == w[1:].lower() and (w.islower() or len(w) > 3)  # column5, Felsenstein10, not Cdc2
    acronym = w.isupper() and len(w) >= 5  # GFATM36
    camel = w[0].isupper() and sum(c.islower() for c in w) >= 4 and len(w) >= 6  # RefWorks91, not CaFtr1
    if not (plain or acronym or camel):
        return False  # CD4, rBM14, SARS-CoV-2
    return (whole + match.group("n")) not in habit.names and w.lower() not in UNIT_WORDS


def _check_comma(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``Israel,12 which``, ``al.,37``, ``TPX2,53``: glued to a comma, semicolon or colon.

    After a digit only a group that cannot be thousands (``2019,12`` is, ``2,500`` is not).
    """
    if _enumerated(text, match.end()):
        return False
    if text[match.start() - 2 : match.start() - 1].isdigit():  # 9:1; 7:3 is a ratio, 2,500 a number
        return text[match.start() - 1] == "," and not re.match(r"\d{3}(?!\d)", match.group("n"))
    return True


def _enumerated(text: str, end: int) -> bool:
    """``1) WT, 2) S197A``: the number closes a bracket that was never opened."""
    if text[end : end + 1] != ")":
        return False
    head = text[max(0, end - 200) : end]
    return head.count("(") <= head.count(")")


def _check_closer(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``gene)23 whose``, ``deprivation”15.``: glued to a closing bracket or quote."""
    return True


def _check_spaced(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``studied 2,3 and``: after a space, between a content word and punctuation or a joining word.

    Not after a function, count, label or statistic word (``in 2 weeks``, ``Table 3``,
    ``aged 12``), nor before a word that is counted (``12 patients``).
    """
    start = match.start()
    before = text[start - 1 : start]
    if before.isalpha():
        word = word_before(text, start).lower()
        if len(word) < 2 or word in NOT_SPACED_BEFORE or word in habit.labels:
            return False
    elif before == "," and text[: start - 1].rstrip()[-1:].isdigit():
        return False  # "Figs 1, 2, 5": a list of numbers
    if _enumerated(text, match.end()):
        return False
    rest = text[match.end() : match.end() + 30]
    if re.match(r"[ ]*(?:,|and|or|to|&)[ ]*\d", rest):
        return False  # "genes 2 and 3", "points 1, 5, 9": numbers listed
    follow = re.match(r"[ ]*([^\W\d_]+|\S?)", rest)
    after = follow.group(1) if follow else ""
    return after == "" or (not after[0].isalnum() and after in ",.;:)—") or after.lower() in SPACED_NEXT


HABIT_CHECKS = {"word": _check_word, "comma": _check_comma, "closer": _check_closer, "spaced": _check_spaced}
