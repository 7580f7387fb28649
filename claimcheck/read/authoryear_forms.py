"""Author-year citations as printed: ``(Smith et al., 2020)``, ``(Lee & Park, 2019)``, ``Smith (2020)``.

:func:`find_author_year` finds parenthetical citations (each item of
``(e.g., Smith et al., 2020a; WHO, 2019, p. 4)`` apart) and narrative ones
(``Smith and Jones (2019)``, ``Lee's (2021)``), with exact spans;
:func:`parse_label` reads a citation's normal form (``Smith et al., 2020``)
back into names, et al. and year. Linking them to entries is
:mod:`claimcheck.read.authoryear`'s work.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from claimcheck.read.authoryear_asides import journal_parts
from claimcheck.read.authoryear_entries import key, name_keys

__all__ = ["AuthorYearCitation", "find_author_year", "parse_label"]

# A capital that opens a name, accented too: "Özdemir", "Ávila", "Łukasz", "Şahin".
_UP = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_YEAR = r"(?:1[6-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|in\s+press|forthcoming"
_YEARS = rf"(?:{_YEAR})(?:\s*[,;]\s*(?:{_YEAR}|[a-z]\b))*"  # "2018, 2019", "2018a, b"; "(2018; 2019)"
_LOCATOR = r"(?:\s*[,:]\s*(?:(?:p|pp|para|chap|ch|fig|table)\.?\s*)?[\divxlc]+(?:\s*[-–]\s*[\divxlc]+)?)?"
# A review's list of 27 studies runs long. Square brackets too: APA cites in brackets inside
# parentheses ("(the grief inventory [Marwit & Meuser, 2002])"), some journals everywhere.
_PAREN = re.compile(r"\(([^()]{0,2000})\)")
_BRACKET = re.compile(r"\[([^()\[\]]{4,300})\]")
# A work: names, years and a page; then, set apart, a remark in lower case ("for a review").
_ITEM = re.compile(
    rf"^(?P<authors>[^\d;]+?)(?:,\s*|\s+)(?P<cite>(?P<years>{_YEARS}){_LOCATOR})(?-i:,?\s+[a-z][^{_UP}\d;]*)?\s*$",
    re.IGNORECASE,
)
_YEARS_ONLY = re.compile(rf"^\s*(?P<cite>(?P<years>{_YEARS}){_LOCATOR})\s*$", re.IGNORECASE)
# Two works joined by words after a year: "Smith, 2018, reviewed in Lee, 2020", "Smith, 2018 and Lee,
# 2020"; "Smith, 2018, as cited in Lee, 2020" (a secondary source: APA lists only the work read, Lee).
_JOINED = re.compile(
    r"(?:(?<=\d{4})|(?<=\d{4}[a-z])|(?<=press)),?\s+"
    r"(?:(?P<secondary>(?:as\s+)?(?:cited|quoted)\s+(?:in|by))|reviewed\s+(?:in|by)|see(?:\s+also)?|and)\s+"
    rf"(?=[{_UP}])"
)
_PREFIX = re.compile(
    r"^(?:e\.\s?g\.,?|i\.\s?e\.,?|see(?:\s+also)?|c\.?f\.|for\s+(?:a\s+)?(?:review|example)s?,?(?:\s+see)?"
    r"|as\s+(?:reviewed|cited|described|reported)\s+(?:in|by)|reviewed\s+in|but\s+see|also)\s+",
    re.IGNORECASE,
)
_PARTICLES = "van von de der den del della di da du la le dos das ter ten"
# Lower-case words before the first name of an item: "see for a recent meta-analysis", "adapted from".
_LOWER_LEAD = re.compile(rf"(?:[a-z][\w\-]*\.?,?\s+)+?(?=(?:(?:{'|'.join(_PARTICLES.split())})\s+)*[{_UP}])")
# A comma after a year, then a name: the next work of a list set apart by commas.
_NEXT_ITEM = re.compile(
    rf"(?:(?<=\d{{4}})|(?<=\d{{4}}[a-z])),(?=\s*(?:(?:{'|'.join(_PARTICLES.split())})\s+)*[{_UP}][a-z])"
)
_LABEL = re.compile(r"[A-Z][A-Z0-9\-]{2,}")  # "PREMISE", "PETRA", "DERS"
# A surname: particles, also capitalised at a sentence's start ("Van Dijk et al."); a name that
# a line break hyphenates ("Kahne-\nman") is read whole.
_NAME = (
    rf"(?:(?:{'|'.join(w for p in _PARTICLES.split() for w in (p, p.capitalize()))})\s+)*"
    rf"[{_UP}][\w'’\-]+(?:(?<=-)\n[ \t]*[a-z][\w'’\-]*)?"
)
_ONE_NAME = re.compile(rf"{_NAME}\s*,?\s*(?:(?:and|&)\s+)?")
_NARRATIVE = re.compile(
    rf"\b(?P<authors>(?:[A-Z]\.\s?-?)*{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME}|,?\s+et\s*al\.?,?|\s+and\s+(?:colleagues|co-?workers))?)(?:['’]s)?"
    rf"\s+\((?P<years>{_YEARS}){_LOCATOR}\)"
)

# An organisation named in the sentence: capitalised words joined by "of", "for", "and", "on".
_ORG_NARRATIVE = re.compile(
    rf"\b(?P<authors>[{_UP}][\w'’\-]+(?:\s+(?:(?:of|for|and|on|the|&)\s+)?[{_UP}][\w'’\-]+)+)"
    rf"\s+\((?P<years>{_YEARS})\)"
)


_EDITION = re.compile(r"[A-Z]{2,}(?:-[A-Z]+)+")  # "DSM-III-R", "DSM-IV-TR"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A lone name after these is a title or a journal: "the Lancet (2020)", "in Nature (2019)".
_NOT_BEFORE = frozenset(("the", "in", "of", "journal", "a", "an"))
_CONNECTORS = frozenset(f"and & et al al. of for the on in y {_PARTICLES}".split())
# Capitalised words that are not names before "(2020)": "In (2020)", "Table (2019)".
_NOT_NAMES = _words(
    "in on at by for from to of the a an this that these those since until during after before as and"
    " or but if when while where with without january february march april may june july august"
    " september october november december spring summer autumn fall winter table figure fig study"
    " trial review report survey phase step stage version update act law guideline guidelines"
    " edition volume chapter section part appendix covid sars"
)


# Sentence openers that a narrative citation's name list may catch: "However, Lee et al. (2020)".
_LEADERS = _words(
    "however finally moreover furthermore additionally similarly notably thus therefore indeed also although"
    " recently previously specifically consistently interestingly importantly conversely likewise"
    " nevertheless nonetheless accordingly subsequently hence yet still instead meanwhile overall first"
    " second third lastly later earlier because whereas while in for by further similarly then"
    " here there when since though"
)


@dataclass(frozen=True, slots=True)
class AuthorYearCitation:
    """One cited work as printed: names, years, and the exact span."""

    raw: str
    start: int
    end: int
    authors: tuple[str, ...]  # surnames or an organisation, as printed
    et_al: bool
    years: tuple[str, ...]  # "2020", "2020a", "n.d."
    narrative: bool

    @property
    def label(self) -> str:
        """The normal form: ``Smith et al., 2020``; ``; ``-joined for several years.

        An et-al citation that names more than the first author keeps them
        (``Smith, Jones, et al., 2020``): APA tells two works that would both
        shorten to ``Smith et al., 2020`` apart that way.
        """
        names = self.authors[0] if len(self.authors) == 1 else " & ".join(self.authors)
        if self.et_al:
            names = f"{', '.join(self.authors)}{',' if len(self.authors) > 1 else ''} et al."
        return "; ".join(f"{names}, {year}" for year in self.years)


def find_author_year(
    text: str, offset: int = 0, *, known: Container[tuple[str, str]] = ()
) -> tuple[AuthorYearCitation, ...]:
    """Find author-year citations in a block of text, in order (spans offset by ``offset``).

    ``known`` holds (folded surname, year) pairs of the reference list: a lone
    name after "in" or "the" (``in Russell (2019)``), otherwise read as a
    journal or a title (``in Nature (2019)``), is a citation when the list has it.

    Examples
    --------
    >>> [c.label for c in find_author_year("Smith and Jones (2019) and Lee’s (2021, p. 4) work.")]
    ['Smith & Jones, 2019', 'Lee, 2021']
    >>> find_author_year("Published in March (2020) and in Table 2 (2019).")
    ()
    """
    found: list[AuthorYearCitation] = []
    for pos, inner in _paren_groups(text):
        group = offset + pos
        journal = journal_parts(text[pos : pos + len(inner)], inner)  # "(Lancet 2020; 395: 1234-40)"
        for i, part in enumerate(inner.split(";")):
            if i in journal:
                pos += len(part) + 1
                continue
            items = _items(part, offset + pos, known)
            year = _YEARS_ONLY.match(part)  # "(Smith et al., 2018; 2019)": the same names, another year
            if not items and year and found and found[-1].start >= group:
                last, lead = found[-1], len(part) - len(part.lstrip())
                raw = part[lead : lead + year.end("cite")]
                years = _years(year.group("years"))
                start = offset + pos + lead
                items = [
                    AuthorYearCitation(raw, start, start + len(raw), last.authors, last.et_al, years, False)
                ]
            found += items
            pos += len(part) + 1
    taken = [(c.start, c.end) for c in found]
    if known:  # "the White House Office of Management and Budget (2022)": an organisation the list has
        for match in _ORG_NARRATIVE.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            name, years = " ".join(match.group("authors").split()), _years(match.group("years"))
            words = name.split()
            organisation = any(w in ("of", "for", "on", "the") for w in words) or (
                len(words) >= 3 and not any(w in ("and", "&") for w in words)
            )
            if (
                organisation
                and not any(s < end and start < e for s, e in taken)
                and any((k, years[0][:4]) in known for k in name_keys(name))
            ):
                found.append(AuthorYearCitation(match.group(), start, end, (name,), False, years, True))
                taken.append((start, end))
    for match in _NARRATIVE.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        authors, et_al = _split_authors(match.group("authors"))
        raw, start = match.group(), offset + match.start()
        years = _years(match.group("years"))
        # A word that opens the sentence ("Finally, Sarmiento and Cardemil (2009)"), or one the list
        # does not have, set off by a comma before a name it has ("In this Issue, Agyapong et al.
        # (2022)"), is no author.
        while len(authors) > 1:
            cut = _ONE_NAME.match(raw)
            unlisted = cut is not None and "," in cut.group() and _unlisted(authors, years[0], known)
            if cut is None or not (authors[0].lower() in _LEADERS or unlisted):
                break
            authors, raw, start = authors[1:], raw[cut.end() :], start + cut.end()
        if authors and authors[0].lower() in _LEADERS:
            authors = ()
        before = text[max(0, start - offset - 12) : start - offset].split()[-1:]
        lone = len(authors) == 1 and not et_al and before and before[0].lower() in _NOT_BEFORE
        # an edition's label dates a period: "between DSM-III-R (1987) and DSM-IV (1994)"
        lone = lone or (len(authors) == 1 and not et_al and bool(_EDITION.fullmatch(authors[0])))
        if (
            len(authors) == 1
            and re.fullmatch(r"[A-Z]{1,3}|[A-Z](?:-[A-Z])+", authors[0])
            and before
            and before[0].istitle()
        ):
            continue  # initials after a surname: "Galeazzi GM (2023)", "Yue J-L (2025)" open an entry
        if lone and all((key(authors[0]), y[:4]) in known for y in years):
            lone = False
        if authors and _names_ok(authors) and not lone:
            found.append(AuthorYearCitation(raw, start, end, authors, et_al, years, True))
    return tuple(sorted(found, key=lambda c: c.start))


def _paren_groups(text: str) -> list[tuple[int, str]]:
    """Each parenthesis's start and text, inner ones first, with what they enclose blanked; and
    each square bracket's.

    ``(Patient Health Questionnaire (PHQ-9); Kroenke et al., 2001)`` is read
    as ``PHQ-9`` and then as ``Patient Health Questionnaire         ;
    Kroenke et al., 2001``, so a label in parentheses does not hide the
    citation around it. Offsets stay those of ``text``.
    """
    out: list[tuple[int, str]] = []
    work = text
    for _ in range(3):  # three levels deep at most
        groups = list(_PAREN.finditer(work))
        out += [(m.start(1), m.group(1)) for m in groups if len(m.group(1)) >= 4]
        if not groups:
            break
        for m in groups:
            work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]
    out += [(m.start(1), m.group(1)) for m in _BRACKET.finditer(text)]  # not blanked: "[WHO]" stays
    return sorted(out)


def _unlisted(authors: Sequence[str], year: str, known: Container[tuple[str, str]]) -> bool:
    """The list has a later name of ``authors`` with ``year``, but not the first."""
    return (
        bool(known)
        and (key(authors[0]), year[:4]) not in known
        and any((key(name), year[:4]) in known for name in authors[1:])
    )


def _items(part: str, start: int, known: Container[tuple[str, str]] = ()) -> list[AuthorYearCitation]:
    """The works one ``;``-separated part cites: one, or several set apart by commas.

    ``Asarnow et al., 2011, Esposito-Smythers 2011`` is two works. Works may
    be joined by words (``Smith, 2018, reviewed in Lee, 2020``). In
    ``Smith, 2018, as cited in Lee, 2020`` the work read is Lee's; Smith's
    counts only when the list has it (APA lists the source read, not the one
    it quotes).
    """
    joined = _JOINED.search(part)
    if joined:
        first = _items(part[: joined.start()], start, known)
        if joined.group("secondary"):
            first = [c for c in first if all((key(c.authors[0]), y[:4]) in known for y in c.years)]
        return first + _items(part[joined.end() :], start + joined.end(), known)
    whole = _item(part, start, known)
    if whole is not None:
        return [whole]
    out, pos = [], start
    for piece in _NEXT_ITEM.split(part):
        citation = _item(piece, pos, known)
        if citation is not None:
            out.append(citation)
        pos += len(piece) + 1
    return out


def _item(part: str, start: int, known: Container[tuple[str, str]] = ()) -> AuthorYearCitation | None:
    lead = len(part) - len(part.lstrip())
    body = part.strip()
    prefix = _PREFIX.match(body)
    if prefix:
        lead += prefix.end()
        body = body[prefix.end() :]
    citation = _read_item(body, start + lead)
    words = _LOWER_LEAD.match(body)  # "see for a recent meta-analysis Sescousse et al., 2013"
    if citation is None and words:
        citation = _read_item(body[words.end() :], start + lead + words.end())
        # a place or a group the remark names before the authors: "usual care in Norway, Mehlum
        # et al., 2019", when the list has Mehlum's work of that year and not Norway's
        while citation and _unlisted(citation.authors, citation.years[0], known):
            cut = _ONE_NAME.match(citation.raw)
            if cut is None or "," not in cut.group():
                break
            raw, authors = citation.raw[cut.end() :], citation.authors[1:]
            at = citation.start + cut.end()
            et_al, years = citation.et_al, citation.years
            citation = AuthorYearCitation(raw, at, at + len(raw), authors, et_al, years, False)
    return citation


def _read_item(body: str, start: int) -> AuthorYearCitation | None:
    match = _ITEM.match(body)
    if not match:
        return None
    authors, et_al = _split_authors(match.group("authors"))
    if not authors or not _names_ok(authors):
        return None
    raw = body[: match.end("cite")]
    return AuthorYearCitation(
        raw, start, start + len(raw), authors, et_al, _years(match.group("years")), False
    )


def _split_authors(text: str) -> tuple[tuple[str, ...], bool]:
    text = re.sub(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])", "", text)  # "Kahne-\nman": a line break's hyphen
    text = " ".join(text.split()).strip(" ,")
    text = re.sub(r"\s*[\[(][A-Z]{2,8}[\])]", "", text)  # "World Health Organization [WHO]"
    text = re.sub(r"['’]s$", "", text)  # "Lee's (2021)"
    text = re.sub(r"\s+and\s+(?:colleagues|co-?workers)$", " et al.", text)  # "Walsh and coworkers (2018)"
    et_al = bool(re.search(r"\bet\s*al\.?$", text))
    text = re.sub(r",?\s*\bet\s*al\.?$", "", text).strip(" ,")
    if re.search(
        r"\b(?:of|for|the|on)\b", text
    ):  # an organisation: "Centers for Disease Control and Prevention"
        return (text,), et_al
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:&|and)?\s*|\s+(?:&|and)\s+", text) if p.strip()]
    if len(parts) > 1 and _LABEL.fullmatch(parts[0]) and not all(p.isupper() for p in parts):
        parts = parts[1:]  # a study's or a tool's name before its authors: "PREMISE, Burger et al."
    return tuple(parts), et_al


def _names_ok(authors: Sequence[str]) -> bool:
    for name in authors:
        words = name.split()
        # an organisation's name runs longer: "International Association of Applied Psychology and
        # International Union of Psychological Science"
        most = 16 if "of" in words or "for" in words else 8
        if not words or len(words) > most or words[0].lower() in _NOT_NAMES:
            return False
        if all(part in _NOT_NAMES for part in words[0].lower().split("-")):
            return False  # "(May-July 2020)", "(Spring-Summer 2021)": a span of months, not a name
        if not all(w[0].isupper() or w.lower() in _CONNECTORS for w in words if w[0].isalpha()):
            return False
        if not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
            return False
        if not any(w[:1].isupper() and not (w.endswith(".") and len(w) <= 5) for w in words):
            return False  # abbreviations only: "J. of Att. Dis." (a journal's line), not a name
    return True


def _years(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in re.split(r"\s*[,;]\s*", text.strip()):
        if len(part) == 1 and out and out[-1][:4].isdigit():
            out.append(out[-1][:4] + part)  # "2020a, b"
        else:
            out.append("n.d." if part.lower().startswith("n") else re.sub(r"\s+", " ", part.lower()))
    return tuple(out)


def parse_label(label: str) -> list[tuple[tuple[str, ...], bool, str]]:
    """``"Smith & Jones, 2019; Smith, Lee, et al., 2020"`` -> ``[(('Smith', 'Jones'), False, '2019'), ...]``.

    >>> parse_label("Smith, Lee, et al., 2020; Smith et al., 2021")
    [(('Smith', 'Lee'), True, '2020'), (('Smith',), True, '2021')]
    """
    out = []
    for item in label.split("; "):
        names, _, year = item.rpartition(", ")
        et_al = names.endswith(" et al.")
        names = names.removesuffix(" et al.")
        if re.search(r"\b(?:of|for|the|on)\b", names):
            authors: tuple[str, ...] = (names,)
        elif et_al:  # "Smith, Jones," of "Smith, Jones, et al."
            authors = tuple(n.strip() for n in names.rstrip(",").split(","))
        else:
            authors = tuple(names.split(" & "))
        out.append((authors, et_al, year))
    return out
