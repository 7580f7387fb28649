"""A reference section cut into entries, as web pages and PDF-to-text conversions print it.

:func:`split_reference_list` reads the section line by line. Blank lines are
hints only: PDF text puts them inside entries and leaves them out between
entries. What decides is the shape of each line:

* **Numbered lists** (``1.``, ``[1]``, ``1)``, ``(1)``, ``1 ``): a line whose
  marker is of the list's own kind and whose number fits the numbering so far
  starts an entry. A number that does not fit (``856.`` closing a page range
  ``24:827–``, ``2016 Jan``) continues the entry above. Numbers printed apart
  from their texts (``1.`` ``2.`` alone, then the two texts; or a text, then its
  ``1.``) are owed that many entry starts in the stretch between the numbered
  lines around them (:mod:`claimcheck.read.references.numbered`).
* **Unnumbered lists** (:mod:`claimcheck.read.references.unnumbered`): a
  line starts an entry when the line above closed one (a full stop, a bracket,
  a number, a URL) and it opens like one: a name with initials (``Kane JC,``,
  ``Smith, J. A.``), an organisation (``World Health Organization.``), or,
  after a blank line, any capital. A line above ending in a comma or a hyphen
  never closes an entry.
* **Running heads and page numbers** inside the list (a line printed again and
  again on each page, ``15/18``, ``Page 11 of 12``, ``961``) are noise:
  :func:`noise_spans` finds them so the caller can blank them before parsing
  (:mod:`claimcheck.read.references.noise`).

Each step is one pass over the lines.
"""

from __future__ import annotations

from claimcheck.read.references.entry_shapes import (
    CAPTION,
    COMPLETE,
    URL_END,
    URL_START,
    YEAR,
    Line,
    closes_entry,
    ends_open,
    line_mark,
    numbering_style,
    opens_entry,
    opens_like_entry,
    read_lines,
)
from claimcheck.read.references.noise import markup_spans, noise_spans
from claimcheck.read.references.numbered import Shape, group_numbered
from claimcheck.read.references.unnumbered import group_unnumbered

__all__ = ["markup_spans", "noise_spans", "opens_entry", "split_reference_list"]


def split_reference_list(text: str, offset: int = 0) -> list[tuple[int | None, str, int, int]]:
    """Split a reference section into entries.

    Returns
    -------
    list of (number, raw, start, end)
        In printed order; ``raw`` is ``text[start - offset:end - offset]``,
        the marker included; ``number`` is ``None`` in an unnumbered list.

    Examples
    --------
    >>> split_reference_list("1. Smith J. A title.\\n   Lancet. 2020;1:2.\\n2. Doe A. B. 2021.")
    [(1, '1. Smith J. A title.\\n   Lancet. 2020;1:2.', 0, 41), (2, '2. Doe A. B. 2021.', 42, 60)]
    >>> apart = "1.\\n2.\\nSmith J. One. BMJ. 2020;1:2.\\nDoe A. Two. BMJ. 2021;3:4."
    >>> [n for n, *_ in split_reference_list(apart)]
    [1, 2]
    """
    lines = read_lines(text)
    style = numbering_style(lines)
    groups = _numbered(lines, style) if style else group_unnumbered(lines)
    out = []
    for number, first, last in groups:
        start, end = lines[first].start, lines[last].end
        out.append((number, text[start:end], offset + start, offset + end))
    return out


def _numbered(lines: list[Line], style: str) -> list[tuple[int | None, int, int]]:
    """Group lines under the numbers of the list's own marker kind (see :mod:`.numbered`)."""
    shapes = []
    prev = ""  # the last line that is not a number printed alone
    dated = [bool(YEAR.search(ln.text)) for ln in lines]
    complete = [bool(COMPLETE.search(ln.text)) for ln in lines]
    for i, ln in enumerate(lines):
        mark = line_mark(ln.text)
        score = _start_score(ln, prev, _ended_above(lines, i, dated, complete))
        if not (mark and mark[1] == style):
            shapes.append(Shape(None, score=score))
            prev = ln.text
            continue
        number, _, rest = mark
        alone = rest >= len(ln.text)
        shapes.append(
            Shape(
                number,
                alone=alone,
                # "24:827–" then "856." or "93. [PubMed: 25367544]": a page range's end
                after_dash=prev[-1:] != "" and prev[-1:] in "-–—" and not _capital(ln.text[rest:]),
                restarts=opens_like_entry(ln.text[rest:]) and closes_entry(prev),
                opens=_opens(ln.text[rest:]),
                named=opens_like_entry(ln.text[rest:]),
                score=score,
            )
        )
        if not alone:
            prev = ln.text
    return group_numbered(shapes, spaced=style == "s")


def _opens(text: str) -> bool:
    """Text after a number that may open an entry: not a link, not lower case but for a
    particle (``van Beugen S``)."""
    return not URL_START.match(text) and (not text[:1].islower() or opens_like_entry(text))


def _capital(text: str) -> bool:
    """Text that opens with a capital letter, not a link: ``Smith J``, not ``[PubMed`` or ``doi:``."""
    return text[:1].isupper() and not URL_START.match(text)


_ABOVE = 4  # lines


def _ended_above(lines: list[Line], i: int, dated: list[bool], complete: list[bool]) -> bool:
    """Whether the lines just above line ``i``, joined by spaces, hold a year (:data:`YEAR`) and
    an entry's tail (:data:`COMPLETE`): an entry has ended above, so this line may open the next.

    ``dated`` and ``complete`` say which lines match alone. A year holds no space, and at a
    join a space stands where a line's start or end stood (no word character either way, for
    ``\\b``), so the joined lines hold a year if and only if one line does; a tail may run
    across a join (``2020;`` and ``12``), so when no line holds one alone the joined lines are
    searched.
    """
    above = slice(max(0, i - _ABOVE), i)
    if not any(dated[above]):
        return False
    return any(complete[above]) or bool(COMPLETE.search(" ".join(x.text for x in lines[above])))


def _start_score(ln: Line, prev: str, ended_above: bool) -> float:
    """How much a line with no number of its own looks like the first line of an entry."""
    if not prev:
        return 10.0
    text = ln.text
    score = 0.0
    if ends_open(prev):
        score -= 4
    elif closes_entry(prev):
        score += 2 if prev[-1] in ".)]" or URL_END.search(prev) else 1
    if opens_like_entry(text):
        score += 3
    first = text[:1]
    if first.isupper() or first in "“\"'‘[(":
        score += 1
    elif first.islower():
        score -= 3
    elif first.isdigit():
        score -= 2
    if URL_START.match(text) or CAPTION.match(text):
        score -= 3
    if ln.blank_before:
        score += 0.5
    if ended_above:
        score += 1
    return score
