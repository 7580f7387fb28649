"""The words and text probes the marker finder judges a number by (see :mod:`claimcheck.read.markers`).

Word lists say what a number after a word is (``Table 3``, ``aged 12``, ``in
2 weeks``); the probes read the text around a candidate (the word before it,
the next character, whether a sentence ends or starts there).
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short forms that end in "." but end no sentence: "Fig. 3", "No.5", "pp. 12".
ABBREVIATIONS = words(
    "fig figs no nos p pp vol vols ch chap eq eqs sec sect ver v vs ref refs art para tab ex pt pts"
    " op cf approx ca st dr mr mrs ms prof inc ltd co corp gen e g i e"
)
# Nouns that label a number: "Step 1:", "stage (2)", "Table [3]".
LABEL_NOUNS = words(
    "step stage phase type table figure fig section chapter part level grade tip rule option reason"
    " group round dose version question item number page class point lesson equation eq"
)
# Their plurals and time words label or count before a colon: "Steps 1-3:", "week 2:".
LABEL_PLURALS = words(
    "steps stages phases types tables figures sections chapters parts levels grades tips rules options"
    " reasons groups rounds doses versions questions items numbers pages classes points lessons day days"
    " week weeks month months year years"
)
# Words that count what follows: "the top 5:", "the following 3:".
COUNT_WORDS = words(
    "top best worst following these those the all first last main key major only just about over"
    " under least most other few several and or to of in at by from with are is were was"
)
# Words before a statistic or a range of values: "n (12)", "aged (18-25)", "range [1, 5]".
STAT_WORDS = words("n df ci rr hr irr iqr sd se sem range ranging ranged between interval aged ages age old")
# Groups of people a range of ages follows: "young adults (18-25)" (but "older adults [1]" cites).
AGE_GROUPS = words("adults children adolescents teens teenagers youth people women men patients")
NOT_COLON = LABEL_NOUNS | LABEL_PLURALS | COUNT_WORDS | STAT_WORDS
# Words a bare number after a space is a count or a label of, not a citation: "in 2 weeks", "model 3".
NOT_SPACED_BEFORE = (
    LABEL_NOUNS
    | COUNT_WORDS
    | STAT_WORDS
    | AGE_GROUPS
    | words(
        "a an be been being has have had than approximately around nearly almost above below each every per"
        " some both no not total mean median about up down into onto upon via within without among amongst"
        " during until since after before while when where which who whose that this it its their our his her"
        " experiment experiments study studies trial trials model models sample samples patient participant"
        " subject case cases line lines panel box appendix file set run cohort wave visit session block"
        " condition scenario hypothesis aim criterion factor component cluster category region chromosome"
        " exon intron domain site position residue lane well plate strain clone mouse mice animal subjects"
        " january february march april may june july august september october november december"
        " jan feb mar apr jun jul aug sep sept oct nov dec chr fig figs table tables vs et al"
        " gene genes equation equations theorem lemma solution dimension peak node iteration generation"
        " day days week weeks month months year years hour hours"
    )
)
# Words a spaced superscript may stand before: "studied 2,3 and", "BEAST 21 in which".
SPACED_NEXT = words(
    "and or but which that who whose where while when was were is are has have had in on for to with"
    " by as at from also than the this these those it its we they he she there however although though"
    " using used showed show shows found suggested reported indicated demonstrated except"
)
# Words a glued number measures, not cites after: "days5" is not written, but "mg5" might be.
UNIT_WORDS = words("mg kg ml mmol nmol mol sec min hrs day days week weeks year years dose")
NOT_ENCLOSED = LABEL_NOUNS | STAT_WORDS
# Square brackets almost always cite: only document labels and statistics stop them
# ("Table [3]", "CI [1, 5]"), not ordinary nouns ("without an option [2]").
NOT_BRACKETED = words("table tables figure figures fig figs section chapter page")
WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")
STAT_BEFORE = "0123456789=<>≤≥±%/:×"
AFTER_OK = "\"'“‘([{"


def word_before(text: str, pos: int) -> str:
    match = WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return match.group(1) if match else ""


def next_char(text: str, pos: int) -> str:
    """The first non-space character from ``pos`` on (within 40), or ``""``."""
    return text[pos : pos + 40].lstrip()[:1]


def at_line_start(text: str, pos: int) -> bool:
    """Only spaces between the last line break (or the start) and ``pos``."""
    head = text[max(0, pos - 40) : pos].rstrip(" \t")
    return head.endswith("\n") or (not head and pos <= 40)


def starts_sentence(text: str, pos: int) -> bool:
    """The next non-space character can start a sentence: a capital, a quote, the end."""
    char = next_char(text, pos)
    return char == "" or char.isupper() or char in AFTER_OK


def after_sentence_end(text: str, punct: int) -> bool:
    """``text[punct]`` is ``.!?`` ending a sentence: not after a digit or an abbreviation."""
    before = text[punct - 1] if punct else ""
    if not before or before.isdigit() or before.isspace():
        return False
    return text[punct] != "." or word_before(text, punct).lower() not in ABBREVIATIONS
