"""A reference section's lines, and the shapes by which a line opens, closes or numbers an entry.

Shared by :mod:`claimcheck.read.references.split` (numbered lists),
:mod:`claimcheck.read.references.unnumbered` (lists of names and years) and
:mod:`claimcheck.read.references.noise` (running heads, page numbers, bullets).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["opens_entry"]

_LINE_MARK = re.compile(
    # "2•." "8.•" "12••.": a review's marks of importance beside the number
    r"(?:\[(?P<b>\d{1,5})\]|\((?P<p>\d{1,5})\)|(?P<d>\d{1,5})[•*]{0,3}(?P<ds>[.)])[•*]{0,3}"
    r"|(?P<s>\d{1,4})(?=\s+[^\W\d_]|$))"
    r"(?=\s|[A-Z]|$)"
)
PARTICLE = r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le|dos|das|ter|ten|d['’]|o['’])\s*)*"

# "Kane JC," "Smith, J. A." "Al-Harbi KS." "van Harmelen, A.-L." "Acharya Pandey R"
AUTHOR_START = re.compile(
    # not a journal: "Am J Psychiatry", "Milbank Q. 2019 Sep;97"
    rf"^(?!(?:Am|Br|Int|Eur|Can|Aust|Clin|Scand|Ann|Arch|Indian|Asian|Afr|Jpn|Chin|Ir|Med|Psychol)\.?\s+J\b)"
    rf"(?!\S+\s+[A-Z]{{1,2}}\.?\s+\d{{4}}(?:\s+[A-Z][a-z]{{2}})?;)"
    rf"(?!In\s)"  # "In Mehl MR & Conner TS (Eds.)": a chapter's editors, inside its entry
    rf"[\W_]{{0,2}}{PARTICLE}[A-Z][\w'’\-]+(?:(?: {{1,3}}|-)[A-Z][\w'’\-]+)?,?\s+"
    rf"(?:[A-Z]{{1,3}}\b|[A-Z]\.)(?!\s*:)"  # "Washington, DC:" is a place
    rf"|^[\W_]{{0,2}}{PARTICLE}[A-Z][\w'’\-]+,\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?[,.]"
    rf"|^[A-Z][\w'’\-]+\s+et\s+al\b"
    # a compound surname with a particle inside: "Loret de Mola, C.", "Ruiz de Luna, C. A."
    rf"|^[A-Z][\w'’\-]+\s+(?:de|del|de\s+la|van|von|da|di|do|dos|das|ter)\s+[A-Z][\w'’\-]+,\s+[A-Z]\."
)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ORG_WORDS = word_set(
    "organization organisation association institute institutes centre center centers centres "
    "department ministry council agency society office board commission foundation committee "
    "services service nations bureau authority college academy group network alliance "
    "federation trust government programme program administration collaboration consortium "
    "statistics unicef who nice cdc nih nhs apa oecd union coalition"
)

PARTICLE_START = re.compile(rf"{PARTICLE}[A-Z][\w'’\-]+,?\s+(?:[A-Z]{{1,3}}\b|[A-Z]\.)")  # "de Witte, M.,"
# "WHO (2019).", "WHO, 2019.", "PAHO (2017) Health in the Americas"
_ACRONYM_START = re.compile(
    r"[A-Z]{2,8}[.,]?\s+(?:\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?[.,]|\((?:1[89]\d\d|20\d\d)[a-z]?\)\s+[A-Z])"
)

CAPTION = re.compile(r"(?:Figure|Fig\.|Table|Supplementary|Appendix|Box)\s+[A-Z]?\d", re.IGNORECASE)
ET_AL_START = re.compile(r"[A-Z][\w'’\-]+\s+et\s+al\b")
# A list bullet, with a wiki entry's back-links: "- ↑ [url](url)", "* ↑ 12.0 12.1 Smith J.", "- ^ a b".
BULLET = re.compile(
    r"[-*•●▪◦‣·–]\s+(?:[↑^]\s*(?:(\d{1,4})\.\d+\b(?:\s+\d{1,4}\.\d+\b)*|(?:[a-z]\b\s*)+)?\s*)?"
    r"|[↑^]\s*(?:(?:\d{1,4}\.\d+\b\s*)+|(?:[a-z]\b\s*)+)?\s*"
)

# An organisation's name runs to a full stop or a bracket: "World Health Organization. ", "NICE (2019)".
_ORG_HEAD = re.compile(r"([A-Z][^.,;:()\d]{3,120}?)(?:\.\s|\.$|\s\()")
URL_END = re.compile(r"(?:https?://|www\.|doi\.org|\b10\.\d{4,9}/)\S*$", re.IGNORECASE)
YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)")

# An entry that already has its tail: pages, volume(issue), an identifier, an access date.
COMPLETE = re.compile(
    r"\d\s*[-–]\s*\d|\d\s*\(\d+\)|;\s*\d|\bdoi\b|https?://|www\.|\b(?:accessed|retrieved|press|publishers?)\b",
    re.IGNORECASE,
)

URL_START = re.compile(r"(?:https?://|www\.|doi\b|10\.\d{4,9}/)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    blank_before: bool


def read_lines(text: str) -> list[Line]:
    out, pos, blank = [], 0, True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            out.append(Line(start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(line)
    return out


def line_mark(text: str) -> tuple[int, str, int] | None:
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


def numbering_style(lines: list[Line]) -> str | None:
    """The kind of marker the list is numbered with, or ``None`` when it is not numbered."""
    seen: dict[str, set[int]] = {}
    for ln in lines:
        mark = line_mark(ln.text)
        if mark and mark[0] < 1000 and not (mark[1] == "s" and mark[2] >= len(ln.text)):
            seen.setdefault(mark[1], set()).add(mark[0])
    if not seen:
        return None
    kind, numbers = max(seen.items(), key=lambda item: (len(item[1]), item[0] != "s"))
    first = next(i for i, ln in enumerate(lines) if (m := line_mark(ln.text)) and m[1] == kind)
    if sum(1 for ln in lines[:first] if YEAR.search(ln.text) and opens_entry(ln.text)) >= 5:
        return None  # an unnumbered list, then a numbered appendix or questionnaire after it
    if len(numbers) < 2 and len(lines) > 1:
        return None
    run = sum(1 for n in numbers if n - 1 in numbers or n == min(numbers))
    if run < 0.6 * len(numbers):
        return None  # "127. doi:10.1016/...", "312." here and there: page ends, not a numbering
    if kind == "s" and len(numbers) < 0.15 * len(lines):
        return None  # digits opening a few lines of an unnumbered list ("2019 guidelines")
    return kind


def closes_entry(prev: str) -> bool:
    """Whether a line ends the way an entry ends."""
    if not prev:
        return True
    last = prev[-1]
    if last in '.)]!?”"»' or last.isdigit():
        return True
    return bool(URL_END.search(prev))


def ends_open(prev: str) -> bool:
    """A line that cannot end an entry: it ends with a comma, a hyphen, ``and``, ``&``."""
    return (bool(prev) and prev[-1] in ",;-–&(:/") or prev.rsplit(" ", 1)[-1].lower() in (
        "and",
        "of",
        "in",
        "the",
        "&",
    )


def opens_entry(text: str) -> bool:
    """Whether a line opens like a reference entry: names with initials, or an organisation.

    ``Smith et al. found`` opens many sentences of prose, so it is not enough here.

    Examples
    --------
    >>> opens_entry("Kane JC, Luitel NP. Mental health."), opens_entry("Smith et al. found it")
    (True, False)
    """
    return not ET_AL_START.match(text) and opens_like_entry(text)


def opens_like_entry(text: str) -> bool:
    """A name with initials (accents aside: ``Şar V``), ``Smith et al.``, an organisation (``SAMHSA``)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if AUTHOR_START.match(text) or _ACRONYM_START.match(text):
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
