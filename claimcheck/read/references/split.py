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
* **Unnumbered lists**: a line starts an entry when the line above closed one
  (a full stop, a bracket, a number, a URL) and it opens like one: a name with
  initials (``Kane JC,``, ``Smith, J. A.``), an organisation (``World Health
  Organization.``), or, after a blank line, any capital. A line above ending in
  a comma or a hyphen never closes an entry.
* **Running heads and page numbers** inside the list (a line printed again and
  again on each page, ``15/18``, ``Page 11 of 12``, ``961``) are noise:
  :func:`noise_spans` finds them so the caller can blank them before parsing.

Each step is one pass over the lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from claimcheck.read.references.numbered import Shape, group_numbered
from claimcheck.text.words import PARTICLES

__all__ = ["markup_spans", "noise_spans", "opens_entry", "split_reference_list"]

_LINE_MARK = re.compile(
    # "2•." "8.•" "12••.": a review's marks of importance beside the number
    r"(?:\[(?P<b>\d{1,5})\]|\((?P<p>\d{1,5})\)|(?P<d>\d{1,5})[•*]{0,3}(?P<ds>[.)])[•*]{0,3}"
    r"|(?P<s>\d{1,4})(?=\s+[^\W\d_]|$))"
    r"(?=\s|[A-Z]|$)"
)
_PARTICLE = r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le|dos|das|ter|ten|d['’]|o['’])\s*)*"
# "Kane JC," "Smith, J. A." "Al-Harbi KS." "van Harmelen, A.-L." "Acharya Pandey R"
_AUTHOR_START = re.compile(
    # not a journal: "Am J Psychiatry", "Milbank Q. 2019 Sep;97"
    rf"^(?!(?:Am|Br|Int|Eur|Can|Aust|Clin|Scand|Ann|Arch|Indian|Asian|Afr|Jpn|Chin|Ir|Med|Psychol)\.?\s+J\b)"
    rf"(?!\S+\s+[A-Z]{{1,2}}\.?\s+\d{{4}}(?:\s+[A-Z][a-z]{{2}})?;)"
    rf"(?!In\s)"  # "In Mehl MR & Conner TS (Eds.)": a chapter's editors, inside its entry
    rf"[\W_]{{0,2}}{_PARTICLE}[A-Z][\w'’\-]+(?:(?: {{1,3}}|-)[A-Z][\w'’\-]+)?,?\s+"
    rf"(?:[A-Z]{{1,3}}\b|[A-Z]\.)(?!\s*:)"  # "Washington, DC:" is a place
    rf"|^[\W_]{{0,2}}{_PARTICLE}[A-Z][\w'’\-]+,\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?[,.]"
    rf"|^[A-Z][\w'’\-]+\s+et\s+al\b"
    # a compound surname with a particle inside: "Loret de Mola, C.", "Ruiz de Luna, C. A."
    rf"|^[A-Z][\w'’\-]+\s+(?:de|del|de\s+la|van|von|da|di|do|dos|das|ter)\s+[A-Z][\w'’\-]+,\s+[A-Z]\."
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ORG_WORDS = _words(
    "organization organisation association institute institutes centre center centers centres "
    "department ministry council agency society office board commission foundation committee "
    "services service nations bureau authority college academy group network alliance "
    "federation trust government programme program administration collaboration consortium "
    "statistics unicef who nice cdc nih nhs apa oecd union coalition"
)
_PARTICLE_START = re.compile(rf"{_PARTICLE}[A-Z][\w'’\-]+,?\s+(?:[A-Z]{{1,3}}\b|[A-Z]\.)")  # "de Witte, M.,"
# "WHO (2019).", "WHO, 2019.", "PAHO (2017) Health in the Americas"
_ACRONYM_START = re.compile(
    r"[A-Z]{2,8}[.,]?\s+(?:\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?[.,]|\((?:1[89]\d\d|20\d\d)[a-z]?\)\s+[A-Z])"
)
# A name with no initials, then its year: a group author or a website ("Stuff, 2022.", "Mind (2021).")
_NAME_DATE_START = re.compile(
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Published|Updated|Accessed|Retrieved)\b)"  # "April 1992)." ends a conference's dates
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3},?\s+\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?\.(?:\s|$)"
)
# A group author in APA's form, its year in brackets after it, maybe on the next line: "Mental Health
# America. (2021).", "Health Professional Shortage Areas (HPSAs). (2021, March 3)."
_GROUP_DATE = re.compile(
    r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|of|for|and|&|the|on|in)){0,10}"
    r"(?:\s*[(\[][A-Za-z]{2,10}[)\]])?\.?,?\s+\((?:1[89]\d\d|20\d\d)[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\)\."
)
# A line that ends inside a list of editors: "... the laboratory. In S." / "In G. Proctor, M."; the
# next line ("Fiske, D. Gilbert, & G. Lindzey (Eds.),") names editors, it opens no entry.
_EDITORS_OPEN = re.compile(r"\b[Ii]n:?(?:\s+(?:[A-Z]\.\s?-?)+(?:[A-Z][\w'’\-]+,?)?)*\s+(?:[A-Z]\.\s?-?)+$")
_CAPTION = re.compile(r"(?:Figure|Fig\.|Table|Supplementary|Appendix|Box)\s+[A-Z]?\d", re.IGNORECASE)
_ET_AL_START = re.compile(r"[A-Z][\w'’\-]+\s+et\s+al\b")
# A list bullet, with a wiki entry's back-links: "- ↑ [url](url)", "* ↑ 12.0 12.1 Smith J.", "- ^ a b".
_BULLET = re.compile(
    r"[-*•●▪◦‣·–]\s+(?:[↑^]\s*(?:(\d{1,4})\.\d+\b(?:\s+\d{1,4}\.\d+\b)*|(?:[a-z]\b\s*)+)?\s*)?"
    r"|[↑^]\s*(?:(?:\d{1,4}\.\d+\b\s*)+|(?:[a-z]\b\s*)+)?\s*"
)
_PAGE_NOISE = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|page\s+\d{1,4}|[ivxlc]{1,6}|\d{1,4}\s+of\s+\d{1,4}",
    re.IGNORECASE,
)
# An organisation's name runs to a full stop or a bracket: "World Health Organization. ", "NICE (2019)".
_ORG_HEAD = re.compile(r"([A-Z][^.,;:()\d]{3,120}?)(?:\.\s|\.$|\s\()")
_URL_END = re.compile(r"(?:https?://|www\.|doi\.org|\b10\.\d{4,9}/)\S*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)")
_RULE_LINE = re.compile(r"[|¦_=~\s]+")  # a table's border or a rule
_IDS = re.compile(r"\bdoi\b|https?://|www\.|\b10\.\d{4,9}/", re.IGNORECASE)
# An entry that already has its tail: pages, volume(issue), an identifier, an access date.
_COMPLETE = re.compile(
    r"\d\s*[-–]\s*\d|\d\s*\(\d+\)|;\s*\d|\bdoi\b|https?://|www\.|\b(?:accessed|retrieved|press|publishers?)\b",
    re.IGNORECASE,
)
_ORCID = re.compile(r"(?:https?://)?orcid\.org/\S*", re.IGNORECASE)
_UNDATED = re.compile(r"\bn\.\s?d\.|\bno date\b|\bin press\b|\bforthcoming\b", re.IGNORECASE)
_URL_START = re.compile(r"(?:https?://|www\.|doi\b|10\.\d{4,9}/)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool


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
    lines = _lines(text)
    counts = Counter(ln.text for ln in lines)
    heads: Counter[str] = Counter()
    if context:
        whole = Counter(line.strip() for line in context.splitlines())
        counts = Counter({key: max(n, whole.get(key, 0)) for key, n in counts.items()})
        heads = Counter(_head_key(line) for line in context.splitlines()) - Counter(
            _head_key(ln.text) for ln in lines
        )
        del heads[""]
    space_numbered = _style(lines) == "s"
    near = _printed_close_again(lines)
    out = []
    for ln in lines:
        repeated = counts[ln.text] >= 2 and len(ln.text) >= 4 and any(c.isalpha() for c in ln.text)
        dated_entry = _YEAR.search(ln.text) and _opens_entry(ln.text) and counts[ln.text] < 3
        # Two entries by the same authors (2008a, 2008b) print their lines twice, a few lines
        # apart, and their names on lines still open; a running head is printed a page apart
        # and is complete.
        dated_entry = dated_entry or (counts[ln.text] == 2 and (ln.text in near or _names_open(ln.text)))
        page_head = heads[_head_key(ln.text)] >= _PAGE_HEAD_REPEATS and not _opens_entry(ln.text)
        if (
            (repeated and _mark(ln.text) is None and not dated_entry)
            or page_head
            or (_PAGE_NOISE.fullmatch(ln.text) and not (space_numbered and ln.text.isdigit()))
        ):
            out.append((ln.start, ln.end))
        elif (
            (_spaced_out(ln.text) and _mark(ln.text) is None)
            or (len(ln.text) == 1 and ln.text.isalpha())
            or _RULE_LINE.fullmatch(ln.text)
        ):
            out.append((ln.start, ln.end))  # "A u t h o r M a n u s c r i p t", a margin note
    return out


_NEAR_LINES = 12  # fewer lines than a page holds


def _printed_close_again(lines: list[_Line]) -> set[str]:
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


def _head_key(line: str) -> str:
    """A line's first characters with its numbers blanked; "" for a short line."""
    folded = re.sub(r"\d+", "#", line.strip())
    return folded[:_PAGE_HEAD_CHARS] if len(folded) >= _PAGE_HEAD_CHARS else ""


def _names_open(text: str) -> bool:
    """A line of names that goes on below: ``Fusar-Poli, P., Howes, O. D., Valli, I.,``."""
    return _open(text) and bool(_PARTICLE_START.search(text)) and not _YEAR.search(text)


def _spaced_out(text: str) -> bool:
    """Letters printed one by one: ``A u t h o r M a n u s c r i p t``."""
    tokens = text.split()
    return len(tokens) >= 8 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens)


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
    lines = _lines(text)
    style = _style(lines)
    groups = _numbered(lines, style) if style else _unnumbered(lines)
    out = []
    for number, first, last in groups:
        start, end = lines[first].start, lines[last].end
        out.append((number, text[start:end], offset + start, offset + end))
    return out


def _lines(text: str) -> list[_Line]:
    out, pos, blank = [], 0, True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            out.append(_Line(start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(line)
    return out


def _mark(text: str) -> tuple[int, str, int] | None:
    """The line's entry marker: (number, kind, where the text after it starts)."""
    match = _LINE_MARK.match(text)
    if not match:
        return None
    for kind in ("b", "p", "d", "s"):
        value = match.group(kind)
        if value is not None:
            if kind == "d":
                kind = "d" + match.group("ds")
            rest = match.end()
            while rest < len(text) and text[rest].isspace():
                rest += 1
            if text[rest : rest + 1].isdigit():
                return None  # "10. 1038/s41746" is a DOI broken at its dot, "2. 3" a number
            return int(value), kind, rest
    return None  # pragma: no cover


def _style(lines: list[_Line]) -> str | None:
    """The kind of marker the list is numbered with, or ``None`` when it is not numbered."""
    seen: dict[str, set[int]] = {}
    for ln in lines:
        mark = _mark(ln.text)
        if mark and mark[0] < 1000 and not (mark[1] == "s" and mark[2] >= len(ln.text)):
            seen.setdefault(mark[1], set()).add(mark[0])
    if not seen:
        return None
    kind, numbers = max(seen.items(), key=lambda item: (len(item[1]), item[0] != "s"))
    first = next(i for i, ln in enumerate(lines) if (m := _mark(ln.text)) and m[1] == kind)
    if sum(1 for ln in lines[:first] if _YEAR.search(ln.text) and opens_entry(ln.text)) >= 5:
        return None  # an unnumbered list, then a numbered appendix or questionnaire after it
    if len(numbers) < 2 and len(lines) > 1:
        return None
    run = sum(1 for n in numbers if n - 1 in numbers or n == min(numbers))
    if run < 0.6 * len(numbers):
        return None  # "127. doi:10.1016/...", "312." here and there: page ends, not a numbering
    if kind == "s" and len(numbers) < 0.15 * len(lines):
        return None  # digits opening a few lines of an unnumbered list ("2019 guidelines")
    return kind


def _numbered(lines: list[_Line], style: str) -> list[tuple[int | None, int, int]]:
    """Group lines under the numbers of the list's own marker kind (see :mod:`.numbered`)."""
    shapes = []
    prev = ""  # the last line that is not a number printed alone
    for i, ln in enumerate(lines):
        mark = _mark(ln.text)
        window = " ".join(x.text for x in lines[max(0, i - 4) : i])
        score = _start_score(ln, prev, window)
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
                restarts=_opens_entry(ln.text[rest:]) and _closes(prev),
                opens=_opens(ln.text[rest:]),
                named=_opens_entry(ln.text[rest:]),
                score=score,
            )
        )
        if not alone:
            prev = ln.text
    return group_numbered(shapes, spaced=style == "s")


def _opens(text: str) -> bool:
    """Text after a number that may open an entry: not a link, not lower case but for a
    particle (``van Beugen S``)."""
    return not _URL_START.match(text) and (not text[:1].islower() or _opens_entry(text))


def _capital(text: str) -> bool:
    """Text that opens with a capital letter, not a link: ``Smith J``, not ``[PubMed`` or ``doi:``."""
    return text[:1].isupper() and not _URL_START.match(text)


def _start_score(ln: _Line, prev: str, window: str) -> float:
    """How much a line with no number of its own looks like the first line of an entry."""
    if not prev:
        return 10.0
    text = ln.text
    score = 0.0
    if _open(prev):
        score -= 4
    elif _closes(prev):
        score += 2 if prev[-1] in ".)]" or _URL_END.search(prev) else 1
    if _opens_entry(text):
        score += 3
    first = text[:1]
    if first.isupper() or first in "“\"'‘[(":
        score += 1
    elif first.islower():
        score -= 3
    elif first.isdigit():
        score -= 2
    if _URL_START.match(text) or _CAPTION.match(text):
        score -= 3
    if ln.blank_before:
        score += 0.5
    if _YEAR.search(window) and _COMPLETE.search(window):
        score += 1
    return score


def _unnumbered(lines: list[_Line]) -> list[tuple[int | None, int, int]]:
    groups: list[list[int]] = []
    bulleted = sum(1 for ln in lines if _BULLET.match(ln.text)) >= 0.5 * len(lines)
    for i, ln in enumerate(lines):
        entry = " ".join(x.text for x in lines[max(groups[-1][0], i - 8) : i]) if groups else ""
        if bulleted:
            new = not groups or _BULLET.match(ln.text) is not None
        else:
            whole = " ".join(x.text for x in lines[max(groups[-1][0], i - 40) : i]) if groups else ""
            # pieces of an entry strewn by the page layout ("Preventive Medicine," "S251–S256."
            # "47(3),") hold no entry's start: below them a dated entry opens as below a complete one
            strewn = bool(groups) and not _YEAR.search(whole) and not _PARTICLE_START.search(whole)
            new = (
                not groups
                or _starts(_with_scattered(lines, i), lines[i - 1].text, entry)
                or _dated_start(lines, i, whole, strewn=strewn)
                or _below_complete(lines[i], whole)
                or _group_start(lines, i, whole)
            )
        if new:
            groups.append([i, i])
        else:
            groups[-1][1] = i
    if not bulleted:
        opening = [_opens_entry(lines[a].text) for a, _ in groups]
        if len(groups) >= 5 and not opening[0] and sum(opening[1:]) >= 0.8 * (len(groups) - 1):
            groups = groups[1:]  # a note or a stray paragraph above a list of names
        return [(None, a, b) for a, b in _tidy(groups, lines)]
    out: list[tuple[int | None, int, int]] = []
    for a, b in groups:  # a wiki list is in order: its back-links, or the place in the list
        given = _backref_number(lines[a].text)
        out.append((given or ((out[-1][0] or 0) + 1 if out else 1), a, b))
    return out


# A surname alone on its line, and initials alone on the next: "Cohen," / "J." / "(1988). Title".
_LONE_SURNAME = re.compile(rf"{_PARTICLE}[A-Z][\w'’\-]+,")
_LONE_INITIALS = re.compile(r"(?:[A-Z]\.\s?-?){1,3}[,&]?")


def _with_scattered(lines: list[_Line], i: int) -> _Line:
    """The line, with the initials a justified line scattered onto the next line put back."""
    ln = lines[i]
    if (
        i + 1 < len(lines)
        and _LONE_SURNAME.fullmatch(ln.text)
        and _LONE_INITIALS.fullmatch(lines[i + 1].text)
    ):
        return _Line(ln.start, ln.end, f"{ln.text} {lines[i + 1].text}", ln.blank_before)
    return ln


def _tidy(groups: list[list[int]], lines: list[_Line]) -> list[list[int]]:
    """An unnumbered list without fragments: short undated pieces join the entry above; what trails
    or leads and is no entry goes.

    ``Psychological Association.`` or ``Associates, Inc.`` on a line of its own
    is the end of a publisher's name, not an entry; a table, its caption or a
    publisher's note printed after the last entry (``Means, standard
    deviations...``, ``Pillai et al., 2006``) is not an entry either.
    """
    out: list[list[int]] = []
    for a, b in groups:
        text = " ".join(ln.text for ln in lines[a : b + 1])
        short = b - a <= 1 or (b - a <= 4 and not _opens_entry(text))  # or strewn pieces: "47(3),"
        undated = not _YEAR.search(text) and not _IDS.search(text)
        # a piece of an entry the page layout cut off from its names: no year, no name opens it
        piece = undated and not _opens_entry(text) and not _UNDATED.search(text)
        if out and ((short and len(text) <= 100 and undated) or piece):
            out[-1][1] = b
        else:
            out.append([a, b])
    while len(out) > 1 and not _entry_like(" ".join(ln.text for ln in lines[out[-1][0] : out[-1][1] + 1])):
        out.pop()
    # Notes the page layout put under the heading (funding, "ORCID iDs", an author's name and
    # ORCID link) hold no year and no identifier of a work, and open no entry or hold an ORCID.
    while len(out) > 1:
        text = " ".join(ln.text for ln in lines[out[0][0] : out[0][1] + 1])
        if (
            _YEAR.search(_ORCID.sub(" ", text))
            or _entry_like(text)
            or (_opens_entry(text) and not _ORCID.search(text))
        ):
            break
        out.pop(0)
    return out


def _entry_like(text: str) -> bool:
    """Whether an entry of an unnumbered list reads as one: a name or an identifier, and a year."""
    if _IDS.search(_ORCID.sub(" ", text)):  # an ORCID names a person, not a work
        return True
    return bool(_YEAR.search(text)) and (opens_entry(text) or bool(_GROUP_DATE.match(text)))


# Lower-case words a list of names may hold: particles, "and", "et al.", an organisation's "of".
_NAME_WORDS = PARTICLES | _words("am y and et al for of the on in")


def _dated_start(lines: list[_Line], i: int, entry: str, *, strewn: bool = False) -> bool:
    """A line that opens an entry by its shape alone, however the line above ends.

    PDF text breaks entries at page and column ends, in the middle of a URL or
    a hyphenated word, and scatters words of a justified line onto lines of
    their own. A line still opens an entry when the entry above already has
    its year, the line opens with a name and initials, and names alone run
    from it to a year (``Berry, H. L., Waite, T. D., &`` / ``Murray, V. (2018).``).
    ``strewn``: the "entry" above is pieces with no year and no name with initials, not an entry.
    """
    if (
        not (strewn or _YEAR.search(entry))
        or not _opens_entry(lines[i].text)
        or _ET_AL_START.match(lines[i].text)
    ):
        return False
    head = " ".join(ln.text for ln in lines[i : i + 3])[:400]
    year = _YEAR.search(head)
    if year is None:
        return False
    words = re.findall(r"[^\W\d_][\w'’]*|\d+", head[: year.start()])
    return all(w[0].isupper() or w in _NAME_WORDS for w in words)


def _below_complete(ln: _Line, entry: str) -> bool:
    """A name with initials after a blank line, below an entry that has its year and its tail.

    The page layout strews words of an entry's last lines (``14(2),`` ``Journal``) after
    it, so the line above may end open; the entry above is complete all the same.
    """
    plain = unicodedata.normalize("NFKD", ln.text).encode("ascii", "ignore").decode()
    return (
        ln.blank_before
        and bool(_AUTHOR_START.match(plain))
        and bool(_YEAR.search(entry))
        and bool(_COMPLETE.search(entry))
    )


_ENDS_DATED = re.compile(r"\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?[.,:]?$")


def _untitled(entry: str) -> bool:
    """An entry that so far holds names and then its year, and nothing after: its title is to come."""
    end = _ENDS_DATED.search(entry)
    if end is None or not _opens_entry(entry) or _YEAR.search(entry[: end.start()]):
        return False
    words = re.findall(r"[^\W\d_][\w'’]*", entry[: end.start()])
    return all(w[0].isupper() or w in _NAME_WORDS for w in words)


def _group_start(lines: list[_Line], i: int, entry: str) -> bool:
    """A group author and its year (:data:`_GROUP_DATE`) below a line that closes an entry, or
    after a blank line below a complete one (a URL broken with spaces ends ``apps- safety/``)."""
    prev = lines[i - 1].text
    below = _closes(prev) and not _EDITORS_OPEN.search(prev) and not _untitled(entry)
    if not (below or (lines[i].blank_before and _YEAR.search(entry) and _COMPLETE.search(entry))):
        return False
    return bool(_GROUP_DATE.match(" ".join(ln.text for ln in lines[i : i + 2])))


def _backref_number(text: str) -> int | None:
    """The number a wiki entry's back-links give (``↑ 12.0 12.1``), or ``None``."""
    match = _BULLET.match(text)
    return int(match.group(1)) if match and match.group(1) else None


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Bullets and wiki back-links opening entries (``- ↑ 12.0 12.1``, ``* ^ a b``): markup, not fields.

    Examples
    --------
    >>> text = "- ↑ 2.0 2.1 Doe J. A trial. 2020.\\n- ↑ Roe A. B. 2021."
    >>> [text[s:e] for s, e in markup_spans(text)]
    ['- ↑ 2.0 2.1 ', '- ↑ ']
    """
    out = []
    for ln in _lines(text):
        match = _BULLET.match(ln.text)
        if match:
            out.append((ln.start, ln.start + match.end()))
    return out


def _closes(prev: str) -> bool:
    """Whether a line ends the way an entry ends."""
    if not prev:
        return True
    last = prev[-1]
    if last in '.)]!?”"»' or last.isdigit():
        return True
    return bool(_URL_END.search(prev))


def _open(prev: str) -> bool:
    """A line that cannot end an entry: it ends with a comma, a hyphen, ``and``, ``&``."""
    return (bool(prev) and prev[-1] in ",;-–&(:/") or prev.rsplit(" ", 1)[-1].lower() in (
        "and",
        "of",
        "in",
        "the",
        "&",
    )


def _starts(ln: _Line, prev: str, entry: str = "") -> bool:
    """Whether an unnumbered line starts a new entry after the line ``prev`` (of ``entry``)."""
    if not prev:
        return True
    if (
        _open(prev)
        or _EDITORS_OPEN.search(prev)
        or (not ln.text[:1].isupper() and ln.text[:1] not in "“\"'‘[(" and not _PARTICLE_START.match(ln.text))
    ):
        return False
    if _CAPTION.match(ln.text):
        return False  # a figure or table printed after the list goes with the last entry, not as one
    if _untitled(entry):
        return False  # "Eapen, M., ... Gore, J. C. (2011)." then "Using High-Resolution MR Imaging ..."
    if _closes(prev) and (_opens_entry(ln.text) or _NAME_DATE_START.match(ln.text)):
        return True
    # After a blank line, below an entry that has its year and its tail, a line that opens like an
    # entry opens one even if the line above ends oddly ("Washington, DC: Author; 2000. text rev").
    return (
        ln.blank_before
        and (_closes(prev) or _opens_entry(ln.text))
        and bool(_YEAR.search(entry))
        and bool(_COMPLETE.search(entry))
    )


def opens_entry(text: str) -> bool:
    """Whether a line opens like a reference entry: names with initials, or an organisation.

    ``Smith et al. found`` opens many sentences of prose, so it is not enough here.

    Examples
    --------
    >>> opens_entry("Kane JC, Luitel NP. Mental health."), opens_entry("Smith et al. found it")
    (True, False)
    """
    return not _ET_AL_START.match(text) and _opens_entry(text)


def _opens_entry(text: str) -> bool:
    """A name with initials (accents aside: ``Şar V``), ``Smith et al.``, an organisation (``SAMHSA``)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if _AUTHOR_START.match(text) or _ACRONYM_START.match(text):
        return True
    head = _ORG_HEAD.match(text)
    if not head:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", head.group(1))
    if not 2 <= len(words) <= 12:
        return False
    return any(w.lower() in _ORG_WORDS for w in words) and all(
        w[0].isupper() or w in ("and", "of", "for", "the", "on", "in", "&") for w in words
    )
