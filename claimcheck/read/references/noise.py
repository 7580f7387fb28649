"""What a reference section prints that is no part of an entry: running heads, page numbers, bullets.

:func:`noise_spans` and :func:`markup_spans` find their spans so the caller
can blank them before the entries are parsed.
"""

from __future__ import annotations

import re
from collections import Counter

from claimcheck.read.references.entry_shapes import (
    BULLET,
    PARTICLE_START,
    YEAR,
    Line,
    ends_open,
    line_mark,
    numbering_style,
    opens_like_entry,
    read_lines,
)

__all__ = ["blank", "markup_spans", "noise_spans"]

_PAGE_NOISE = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|page\s+\d{1,4}|[ivxlc]{1,6}|\d{1,4}\s+of\s+\d{1,4}",
    re.IGNORECASE,
)

_RULE_LINE = re.compile(r"[|¦_=~\s]+")  # a table's border or a rule


def noise_spans(text: str, context: str | None = None) -> list[tuple[int, int]]:
    """Spans of running heads and page numbers in a reference section.

    A line is a running head when it is printed twice or more (in ``text``, or
    once in it and again in ``context``, the whole article) and is not an
    entry's dated first line or a line printed again within a few lines (two entries
    by the same authors, 2008a and 2008b) (printed three times or more, it is a running head
    however it opens: ``Fam J Alex Va. Author manuscript; available in PMC 2023``),
    or when its first characters, numbers aside, open lines on three other pages
    (a running head with the page number glued on);
    a page number is a line such as ``961``, ``15/18``,
    ``Page 11 of 12`` or ``xii`` in a list whose entries are not numbered that way.

    Examples
    --------
    >>> text = "1. Doe J. A. J. 2020;1:2.\\nLee et al.: Trial\\n961\\n"
    >>> text += "2. Roe A. B. J. 2021;3:4.\\nLee et al.: Trial\\n"
    >>> [text[s:e] for s, e in noise_spans(text)]
    ['Lee et al.: Trial', '961', 'Lee et al.: Trial']
    """
    lines = read_lines(text)
    counts = Counter(ln.text for ln in lines)
    keys = _head_keys([ln.text for ln in lines])
    heads: Counter[str] = Counter()
    if context:
        printed = context.splitlines()
        whole = Counter(line.strip() for line in printed)
        counts = Counter({line: max(n, whole.get(line, 0)) for line, n in counts.items()})
        heads = Counter(_head_keys(printed)) - Counter(keys)
        del heads[""]
    space_numbered = numbering_style(lines) == "s"
    near = _printed_close_again(lines)
    out = []
    for ln, key in zip(lines, keys, strict=True):
        repeated = counts[ln.text] >= 2 and len(ln.text) >= 4 and any(c.isalpha() for c in ln.text)
        dated_entry = YEAR.search(ln.text) and opens_like_entry(ln.text) and counts[ln.text] < 3
        # Two entries by the same authors (2008a, 2008b) print their lines twice, a few lines
        # apart, and their names on lines still open; a running head is printed a page apart
        # and is complete.
        dated_entry = dated_entry or (counts[ln.text] == 2 and (ln.text in near or _names_open(ln.text)))
        page_head = heads[key] >= _PAGE_HEAD_REPEATS and not opens_like_entry(ln.text)
        if (
            (repeated and line_mark(ln.text) is None and not dated_entry)
            or page_head
            or (_PAGE_NOISE.fullmatch(ln.text) and not (space_numbered and ln.text.isdigit()))
        ):
            out.append((ln.start, ln.end))
        elif (
            (_spaced_out(ln.text) and line_mark(ln.text) is None)
            or (len(ln.text) == 1 and ln.text.isalpha())
            or _RULE_LINE.fullmatch(ln.text)
        ):
            out.append((ln.start, ln.end))  # "A u t h o r M a n u s c r i p t", a margin note
    return out


_NEAR_LINES = 12  # fewer lines than a page holds


def _printed_close_again(lines: list[Line]) -> set[str]:
    """Lines printed again, with a neighbour, within a few lines: what two entries by the same
    authors share (their author lines, a title's first line, a DOI printed for both)."""
    texts = [ln.text for ln in lines]
    last: dict[str, int] = {}
    out = set()
    for i, text in enumerate(texts):
        p = last.get(text, -_NEAR_LINES)
        last[text] = i
        if i - p >= _NEAR_LINES:
            continue
        after = i + 1 < len(texts) and texts[i + 1] == texts[p + 1]
        before = p > 0 and texts[i - 1] == texts[p - 1] and i - 1 != p
        if after or before:
            out.add(text)
    return out


# A running head whose page number changes: "Brain,Behavior,&Immunity-Health26(2022)1005317" is
# printed on page after page of the article with other numbers, so its first characters, digits
# aside, open this many lines outside the list.
_PAGE_HEAD_REPEATS = 3
_PAGE_HEAD_CHARS = 24


_DIGITS = re.compile(r"\d+")


def _head_keys(lines: list[str]) -> list[str]:
    """Each line's first characters with its numbers blanked; "" for a short line.

    The numbers are blanked in one pass over all the lines joined: a number never holds a
    line break, so each line comes out as if blanked alone. A line shorter than the key
    needs no blanking (a run of digits becomes one ``#``, so it stays short).

    >>> _head_keys(["  Brain,Behavior,&Immunity-Health26(2022)1005317", "Page 12", ""])
    ['Brain,Behavior,&Immunity', '', '']
    """
    keys = [""] * len(lines)
    long = [i for i, line in enumerate(lines) if len(line) >= _PAGE_HEAD_CHARS]
    if not long:
        return keys
    folded = _DIGITS.sub("#", "\n".join([lines[i] for i in long])).split("\n")
    for i, line in zip(long, folded, strict=True):
        line = line.strip()
        if len(line) >= _PAGE_HEAD_CHARS:
            keys[i] = line[:_PAGE_HEAD_CHARS]
    return keys


def _names_open(text: str) -> bool:
    """A line of names that goes on below: ``Fusar-Poli, P., Howes, O. D., Valli, I.,``."""
    return ends_open(text) and bool(PARTICLE_START.search(text)) and not YEAR.search(text)


def _spaced_out(text: str) -> bool:
    """Letters printed one by one: ``A u t h o r M a n u s c r i p t``."""
    tokens = text.split()
    return len(tokens) >= 8 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Bullets and wiki back-links opening entries (``- ↑ 12.0 12.1``, ``* ^ a b``): markup, not fields.

    Examples
    --------
    >>> text = "- ↑ 2.0 2.1 Doe J. A trial. 2020.\\n- ↑ Roe A. B. 2021."
    >>> [text[s:e] for s, e in markup_spans(text)]
    ['- ↑ 2.0 2.1 ', '- ↑ ']
    """
    out = []
    for ln in read_lines(text):
        match = BULLET.match(ln.text)
        if match:
            out.append((ln.start, ln.start + match.end()))
    return out


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (sorted, disjoint) span replaced by spaces; offsets of the rest stay put.

    >>> blank("a [1] b", [(2, 5)])
    'a     b'
    """
    pieces, pos = [], 0
    for s, e in spans:
        pieces += [text[pos:s], " " * (e - s)]
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)
