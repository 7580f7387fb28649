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
    words,
)
from claimcheck.text.lazy import lazy_compile

__all__ = ["CANDIDATE", "HABIT_CHECKS", "check_glued_habit", "name_length", "weak_score"]


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
    if text[match.end() : match.end() + 1] == "\t":
        return False  # "Day number2<TAB>": a label in a table row
    return (whole + match.group("n")) not in habit.names and w.lower() not in UNIT_WORDS


def _check_comma(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``Israel,12 which``, ``al.,37``, ``TPX2,53``: glued to a comma, semicolon or colon.

    After a digit only a group that cannot be thousands (``2019,12`` is, ``2,500`` is not),
    and not the tail of a list (``19,20`` is one group).
    """
    if _enumerated(text, match.end()):
        return False
    if text[match.start() - 2 : match.start() - 1].isdigit():  # 9:1; 7:3 is a ratio, 2,500 a number
        head = re.search(r"\d+$", text[max(0, match.start() - 12) : match.start() - 1])
        named = head is not None and name_length(text, head.start() + max(0, match.start() - 12), habit) > 0
        if head is not None and habit.fits([int(head.group())]) and len(head.group()) < 4 and not named:
            return False  # "(MCMC) 19,20 method": one group, judged whole by claimcheck.read.sequence
        return text[match.start() - 1] == "," and not re.match(r"\d{3}(?!\d)", match.group("n"))
    return True


def name_length(text: str, start: int, habit: Habit) -> int:
    """``Sit1,33``: when the group's first number ends a name the article prints elsewhere
    (:attr:`Habit.names`, ``Sit1``), the length of that number and its comma; else 0."""
    word = re.search(r"[^\W\d_][\w-]*$", text[max(0, start - 40) : start])
    head = re.match(r"\d+,", text[start : start + 5])
    if word is None or head is None or word.group() + head.group()[:-1] not in habit.names:
        return 0
    return head.end()


def _enumerated(text: str, end: int) -> bool:
    """``1) WT, 2) S197A``: the number closes a bracket that was never opened (the nearest
    bracket before it, within 200 characters, is not an opening one: ``(e.g.,39–42)`` cites)."""
    if text[end : end + 1] != ")":
        return False
    head = text[max(0, end - 200) : end]
    return head.rfind("(") <= head.rfind(")")


def _check_closer(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``gene)23 whose``, ``deprivation”15.``: glued to a closing bracket or quote."""
    return True


def _check_spaced(text: str, match: re.Match[str], habit: Habit) -> bool:
    """``studied 2,3 and``: after a space, between a content word and punctuation or a joining word.

    Not after a function, count, label or statistic word (``in 2 weeks``, ``Table 3``,
    ``aged 12``), nor before a word that is counted (``12 patients``), a closing bracket
    (``(NS 1)``) or, after a comma, another comma (``genes, 43–46, all``): those are left to
    :mod:`claimcheck.read.sequence`, which reads them where they cite the next numbers.
    """
    start = match.start()
    before = text[start - 1 : start]
    if before.isalpha():
        word = word_before(text, start).lower()
        if len(word) < 2 or word in NOT_SPACED_BEFORE or word in habit.labels or word in _LABELS:
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
    if after == ")" or (after == "," and before in ",;"):
        return False  # "(NS 1)", "genes, 43–46, all": a name or a value; claimcheck.read.sequence judges
    return after == "" or (not after[0].isalnum() and after in ",.;:—") or after.lower() in SPACED_NEXT


HABIT_CHECKS = {"word": _check_word, "comma": _check_comma, "closer": _check_closer, "spaced": _check_spaced}


_NUM = r"[1-9]\d{0,2}(?!\d|\.\d)"
_GROUP = rf"{_NUM}(?:[-‐‑‒–—]{_NUM})?(?:,{_NUM}(?:[-‐‑‒–—]{_NUM})?)*"
#: Any bare group not inside a number, ending before a space or punctuation, or glued to the
#: capitalised word of a next sentence (``cancers.1With``): the candidates of
#: :mod:`claimcheck.read.sequence`, judged by :func:`weak_score`.
CANDIDATE = lazy_compile(rf"(?<!\d)(?P<n>{_GROUP})(?![.,]\d)(?:(?=[\s.,;:)\]”’\"!?—–]|$)|(?=[A-Z][a-z]))")
# Glued to these, digits are values, signs, labels or parts of a name: "−2", "n=12", "(3", "IL-6".
_NEVER_AFTER = "-‐‑‒–—+−=<>≤≥±×/^~∼#$£€([{_\u200a"
# A unit after a space makes the group a value: "15–48 μm/h", "12 mg", "3 h".
_UNIT = lazy_compile(
    r"[ ](?:[µμ]|[µμnmck]?[mgLlM]|[µμnm]?mol|[kM]b|bp|kDa|Da|[kMG]?Hz|[mk]?V|°C?|h|hr|hrs|min|s|ms|sec"
    r"|[kMGT]B|Gy|mmHg|[mk]?Pa|rpm|bpm)(?![^\W\d_])"
)
# Short forms that label the number after them ("v.3", "No.5", "Fig.2"), unlike "Ref.20" or "e.g.18".
_LABELS = words(
    "v ver vol vols no nos fig figs eq eqs p pp ch chap sec sect tab art para pt pts ex op table tables"
    " figure figures section sections chapter chapters page pages equation equations step steps stage"
    " stages phase phases version versions panel panels lane lanes file files appendix"
)
# An identifier before the full stop ("S1_2.2 Text" names a file section, not a sentence end).
_IDENTIFIER_STOP = lazy_compile(r"_[\w.]*\.$")
# A statistic's degrees of freedom or a value compared: "f1,14 = 3.13", "x2 < 0.05".
_STATISTIC = lazy_compile(r"[\s\u200a]*[=<>≤≥]")
#: Local log-odds that a bare group the rules do not read is a marker: ``WEAK_SCORE["intercept"]``
#: plus one weight for what stands before it and one for what follows. Fitted by logistic
#: regression on the candidates of the development half of the PLOS superscript render
#: (``python benchmarks/superscript_errors.py --fit``); the held-apart half only measures.
WEAK_SCORE: dict[str, float] = {
    "intercept": 0.22,
    "after:closer": 0.78,
    "after:comma": -0.73,
    "after:dash": 0.42,
    "after:glued-capital": 0.88,
    "after:line-end": -0.13,
    "after:other": -2.41,
    "after:space-capital": 0.24,
    "after:space-digit": -0.48,
    "after:space-lower": 0.05,
    "after:space-other": 0.17,
    "after:stop": 1.35,
    "before:glued-acronym": -2.78,
    "before:glued-closer": -0.54,
    "before:glued-comma": 0.31,
    "before:glued-digit-comma": 1.13,
    "before:glued-digit-stop": 1.28,
    "before:glued-mixed": -0.39,
    "before:glued-other": 0.03,
    "before:glued-stop": 3.06,
    "before:glued-token": -0.95,
    "before:glued-word": -0.79,
    "before:line-start": 0.65,
    "before:space-closer": -0.04,
    "before:space-comma": 0.06,
    "before:space-digit": 2.92,
    "before:space-other": -2.40,
    "before:space-stop": 0.89,
    "before:space-word": -1.41,
    "before:tab": -0.88,
    "shape:list": 2.74,
    "shape:range": -1.47,
    "shape:single": -2.02,
    "shape:thousands": 0.89,
}


def weak_score(text: str, start: int, end: int) -> float | None:
    """The local log-odds that the bare group ``text[start:end]`` cites, or ``None`` when it cannot.

    ``None`` for digits glued to a sign, a dash or an opening bracket (``−2``,
    ``n=12``, ``IL-6``, ``(3``), for a value with a unit (``12 mg``), for a
    decimal or a time (``0.58, 0.5``, ``08:35``: after a digit and ``.`` or ``:``
    only a group before a new sentence cites, as in ``Tracer 1.2.23 Given``),
    after an abbreviation (``v.3``, ``No.5``), for an enumeration label
    (``1) first``), and for a group glued to a following capital unless a
    sentence ends before it (``cancers.1With``).
    """
    found = weak_features(text, start, end)
    if found is None:
        return None
    return WEAK_SCORE["intercept"] + sum(WEAK_SCORE.get(name, 0.0) for name in found)


def weak_features(text: str, start: int, end: int) -> tuple[str, ...] | None:
    """What stands before and after a bare group, and its shape (``"before:glued-acronym"``,
    ``"after:space-lower"``, ``"shape:range"``); ``None`` when it cannot cite (see :func:`weak_score`)."""
    before = text[start - 1] if start else "\n"
    if before in _NEVER_AFTER or _UNIT.match(text, end):
        return None
    kind, after = _before_class(text, start, before), _after_class(text, end)
    if after == "glued-capital" and text[:start].rstrip(" ")[-1:] not in ".!?":
        return None
    if kind == "glued-digit-colon" or (
        kind == "glued-digit-stop"
        and (
            after not in ("space-capital", "line-end")
            or _IDENTIFIER_STOP.search(text[max(0, start - 30) : start])
        )
    ):
        return None
    if kind in ("glued-stop", "space-stop", "space-word") and word_before(text, start).lower() in _LABELS:
        return None
    group = text[start:end]
    if _enumerated(text, end) or _STATISTIC.match(text, end):
        return None
    shape = "list" if "," in group else "single" if group.isdigit() else "range"
    shape = "thousands" if _thousands(group) else shape
    return f"before:{kind}", f"after:{after}", f"shape:{shape}"


def _thousands(group: str) -> bool:
    """``10,300``: printed like a count in thousands, not two nearby numbers (``101,102``)."""
    if not re.fullmatch(r"\d{1,3},\d{3}", group):
        return False
    low, high = (int(n) for n in group.split(","))
    return not 0 < high - low <= 20


def _before_class(text: str, start: int, before: str) -> str:
    if before == "\t":
        return "tab"
    if before in " \n":
        head = text[max(0, start - 40) : start].rstrip(" ")
        prev = head[-1:]
        if not prev or prev == "\n":
            return "line-start"
        if prev.isalpha():
            return "space-word"
        if prev.isdigit():
            return "space-digit"
        if prev in ".!?":
            return "space-stop"
        if prev in ",;:":
            return "space-comma"
        return "space-closer" if prev in ")]\"'”’" else "space-other"
    prev = text[start - 2 : start - 1]
    if before.isalpha():
        token = re.search(r"[\w-]+$", text[max(0, start - 40) : start])
        whole = token.group() if token else before
        if any(c.isdigit() for c in whole) or "-" in whole:
            return "glued-token"
        letters = "".join(c for c in whole if c.isalpha())
        if letters.isupper():
            return "glued-acronym"
        return "glued-word" if letters[1:] == letters[1:].lower() else "glued-mixed"
    if before in ".!?":
        return "glued-digit-stop" if prev.isdigit() else "glued-stop"
    if before in ",;:":
        if prev.isdigit():
            return "glued-digit-colon" if before == ":" else "glued-digit-comma"
        return "glued-comma"
    return "glued-closer" if before in ")]\"'”’" else "glued-other"


def _after_class(text: str, end: int) -> str:
    rest = text[end : end + 3]
    first = rest[:1]
    if not first or first == "\n":
        return "line-end"
    if first.isalpha():
        return "glued-capital"
    if first == " ":
        nxt = text[end : end + 40].lstrip(" ")[:1]
        if not nxt or nxt == "\n":
            return "line-end"
        if nxt.islower():
            return "space-lower"
        if nxt.isupper():
            return "space-capital"
        return "space-digit" if nxt.isdigit() else "space-other"
    if first in ".!?":
        return "stop"
    if first in ",;:":
        return "comma"
    if first in ")]\"'”’":
        return "closer"
    return "dash" if first in "–—" else "other"
