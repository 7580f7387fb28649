"""Where a reference list ends: the back matter PDF text prints after its last entry.

A PDF's text runs on after the reference list: figure captions and legends
(``Fig. 1.``, ``Table 2``), a box, an appendix, the authors' biographies
(``About the Author``), highlights, key points, funding and contribution notes, the
publisher's notes.
Read as part of the list, they become entries of their own or are glued onto the
last one. :func:`list_end` finds where the list stops: at the first such line
below which no entry opens. A caption or heading printed between entries (a
figure placed on a page of the list) is followed by more entries, so it does not
end the list.
"""

from __future__ import annotations

import re
import unicodedata

from claimcheck.read.references.entry_shapes import (
    CAPTION,
    YEAR,
    Line,
    line_mark,
    numbering_style,
    opens_entry,
    read_lines,
)
from claimcheck.read.references.noise import blank, noise_spans

__all__ = ["list_end"]

# Back matter's headings, alone on their line or before a colon: "About the Author", "Authors'
# Biographies", "Key points:", "Highlights", "Figure legends", "Conflict of Interest: The authors ...".
_HEADINGS = (
    r"(?:about\s+the\s+authors?|(?:the\s+)?authors?['’]?s?\s+biograph(?:y|ies)|biograph(?:y|ies)"
    r"|(?:biographical\s+)?notes\s+on\s+contributors|highlights|key\s+points|appendi(?:x|ces)(?:\s+[A-Z\d])?"
    r"|acknowledge?ments?|figure\s+legends?|figures?|tables?|supplementa(?:l|ry)\s+(?:material|information|data)"
    r"|supporting\s+information|authors?['’]?\s+contributions?"
    r"|(?:declaration\s+of\s+)?(?:conflicts?|competing)\s+(?:of\s+)?interests?|funding(?:\s+sources?)?"
    r"|abbreviations|correspondence(?:\s+to)?)"
)
_BACK_HEADING = re.compile(rf"{_HEADINGS}(?:\W{{0,2}}$|\s*:\s)", re.IGNORECASE)
# A publisher's notes printed below the list: "Publisher's Note Springer Nature remains neutral",
# "Disclaimer/Publisher's Note:", "Submit your next manuscript to ...", "Publish your work in this
# journal", "Cite this article as:", "How to cite this article:", "Copyright © 2021", "© 2019 by the authors".
_PUBLISHER_NOTE = re.compile(
    r"(?:publisher['’]s\s+note|disclaimer\s*/|submit\s+your\s+(?:next\s+)?manuscript"
    r"|publish\s+your\s+work\s+in\s+this\s+journal|cite\s+this\s+(?:article\s+)?as\s*:"
    r"|how\s+to\s+cite\s+this\s+article|copyright\s*:?\s*(?:©|\(c\)|\d{4})|©)",
    re.IGNORECASE,
)

# How many lines below a line may hold its entry's year: names run over two or three lines.
_NAME_LINES = 3


def list_end(text: str, context: str | None = None) -> int:
    """Offset in ``text`` (a reference section) where the list ends; ``len(text)`` when nothing follows it.

    The list ends at the first caption (:data:`~.entry_shapes.CAPTION`), back-matter
    heading (``About the Author``, ``Highlights``, ``Conflict of Interest:``) or publisher's
    note (``Publisher's Note``, ``Copyright ©``) below which no line opens an entry: in an
    unnumbered list, a name with initials (or an organisation) with a year in its first lines;
    in a numbered one, the next number of the list. Running heads and page numbers
    (:func:`~.noise.noise_spans`; ``context``, the whole article, helps tell them) are read
    past.

    Examples
    --------
    >>> text = "Doe, J. (2020). A trial. J Med, 1, 2.\\nLee, A. (2021). B. J, 3, 4.\\n"
    >>> text += "About the Author\\nJane Doe is a student of psychology."
    >>> text[list_end(text):]
    'About the Author\\nJane Doe is a student of psychology.'
    >>> text = "Doe, J. (2020). A trial.\\nTable 1\\nLee, A. (2021). B. J, 3, 4."
    >>> list_end(text) == len(text)
    True
    """
    lines = read_lines(blank(text, noise_spans(text, context)))
    if not lines:
        return len(text)
    style = numbering_style(lines)
    opens = _numbered_starts(lines, style) if style else _dated_starts(lines)
    if True not in opens:
        return len(text)
    first = opens.index(True)
    end = len(text)
    for i in range(len(lines) - 1, first, -1):
        if opens[i]:
            break
        if _back_matter(lines[i].text):
            end = lines[i].start
    return end


def _back_matter(text: str) -> bool:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # "Conﬂict of Interest": a ligature
    return bool(CAPTION.match(text) or _BACK_HEADING.match(text) or _PUBLISHER_NOTE.match(text))


def _dated_starts(lines: list[Line]) -> list[bool]:
    """Lines that open like an entry, names with initials or an organisation, with a year within a few
    lines (``Jones et al., 2012`` opens a table's row, not an entry)."""
    out = []
    for i, ln in enumerate(lines):
        if _back_matter(ln.text) or not opens_entry(ln.text):
            out.append(False)
            continue
        head = " ".join(x.text for x in lines[i : i + _NAME_LINES])
        out.append(bool(YEAR.search(head)))
    return out


def _numbered_starts(lines: list[Line], style: str) -> list[bool]:
    """Lines numbered as the list is, each number printed for the first time: PDF text loses
    numbers and prints two columns' numbers in turn (``31.`` ``52.`` ``32.`` ``53.``), so the
    order says little. A number printed again (a table's ``1.``) opens nothing, nor does a
    year (``2022.``): no list runs to a thousand (as in :func:`~.entry_shapes.numbering_style`)."""
    out = []
    seen: set[int] = set()
    for ln in lines:
        mark = line_mark(ln.text)
        number = mark[0] if mark is not None and mark[1] == style else None
        out.append(number is not None and number < _MAX_NUMBER and number not in seen)
        if number is not None:
            seen.add(number)
    return out


_MAX_NUMBER = 1000
