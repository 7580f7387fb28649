"""Author-year citations: ``(Smith et al., 2020)``, ``(Smith & Jones, 2019; Lee, 2021)``, ``Smith (2020)``.

Numbered articles cite ``[3]``; APA, Harvard and Chicago author-date articles
cite a surname and a year, and list their references alphabetically without
numbers. This module finds such citations, tells which style an article uses,
and links each citation to the entries it names, so the checks that work on
numbers work here too:

* :func:`find_author_year` finds parenthetical citations (each item of
  ``(e.g., Smith et al., 2020a; WHO, 2019, p. 4)`` apart) and narrative ones
  (``Smith and Jones (2019)``, ``Lee's (2021)``), with exact spans;
* :func:`detect_style` counts them against numeric markers, and looks at the
  list (a numbered list the text cites by number is numeric): ``"author-year"``
  or ``"numeric"``;
* :func:`number_references` numbers an unnumbered list in its printed order
  (:func:`with_style` does both for ``audit()``);
* :class:`Linker` links citations to entries by first author's surname and
  year (the second author, "et al." and the ``a``/``b`` letter narrow it down)
  and makes :class:`~claimcheck.model.Marker` values with ``style="author-year"``,
  a ``label`` (``Smith et al., 2020``) and the matching entries' numbers. A
  citation that matches no entry gets the next number after the list, so the
  graph shows it as cited but not listed; one that matches several entries
  carries all their numbers.

Examples
--------
>>> [(c.raw, c.label) for c in find_author_year("It works (Smith et al., 2020; Lee & Park, 2019b).")]
[('Smith et al., 2020', 'Smith et al., 2020'), ('Lee & Park, 2019b', 'Lee & Park, 2019b')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from claimcheck.model import Article, Block, BlockKind, Marker, Reference
from claimcheck.read.authoryear_entries import Entry, entry_keys, key, name_keys
from claimcheck.read.markers import find_markers

__all__ = [
    "AuthorYearCitation",
    "Linker",
    "Match",
    "detect_style",
    "find_author_year",
    "number_references",
    "parse_label",
    "with_style",
]

_YEAR = r"(?:1[6-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|in\s+press|forthcoming"
_YEARS = rf"(?:{_YEAR})(?:\s*,\s*(?:{_YEAR}|[a-z]\b))*"
_LOCATOR = r"(?:\s*[,:]\s*(?:(?:p|pp|para|chap|ch|fig|table)\.?\s*)?[\divxlc]+(?:\s*[-–]\s*[\divxlc]+)?)?"
_PAREN = re.compile(r"\(([^()]{4,2000})\)")  # a review's list of 27 studies runs long
_ITEM = re.compile(rf"^(?P<authors>[^\d;]+?),?\s+(?P<years>{_YEARS}){_LOCATOR}\s*$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:e\.\s?g\.,?|i\.\s?e\.,?|see(?:\s+also)?|cf\.|for\s+(?:a\s+)?(?:review|example)s?,?(?:\s+see)?"
    r"|as\s+(?:reviewed|cited|described|reported)\s+(?:in|by)|reviewed\s+in|but\s+see|also)\s+",
    re.IGNORECASE,
)
_PARTICLES = "van von de der den del della di da du la le dos das ter ten"
# Lower-case words before the first name of an item: "see for a recent meta-analysis", "adapted from".
_LOWER_LEAD = re.compile(rf"(?:[a-z][\w\-]*\.?,?\s+)+?(?=(?:(?:{'|'.join(_PARTICLES.split())})\s+)*[A-Z])")
# A comma after a year, then a name: the next work of a list set apart by commas.
_NEXT_ITEM = re.compile(
    rf"(?:(?<=\d{{4}})|(?<=\d{{4}}[a-z])),(?=\s*(?:(?:{'|'.join(_PARTICLES.split())})\s+)*[A-Z][a-z])"
)
_LABEL = re.compile(r"[A-Z][A-Z0-9\-]{2,}")  # "PREMISE", "PETRA", "DERS"
_NAME = rf"(?:(?:{'|'.join(_PARTICLES.split())})\s+)*[A-Z][\w'’\-]+"
_NARRATIVE = re.compile(
    rf"\b(?P<authors>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME}|,?\s+et\s+al\.?|\s+and\s+(?:colleagues|co-?workers))?)(?:['’]s)?"
    rf"\s+\((?P<years>{_YEARS}){_LOCATOR}\)"
)

# An organisation named in the sentence: capitalised words joined by "of", "for", "and", "on".
_ORG_NARRATIVE = re.compile(
    rf"\b(?P<authors>[A-Z][\w'’\-]+(?:\s+(?:(?:of|for|and|on|the|&)\s+)?[A-Z][\w'’\-]+)+)"
    rf"\s+\((?P<years>{_YEARS})\)"
)


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
    for match in _PAREN.finditer(text):
        pos = match.start(1)
        for part in match.group(1).split(";"):
            found += _items(part, offset + pos)
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
        while authors and authors[0].lower() in _LEADERS:  # "Finally, Sarmiento and Cardemil (2009)"
            authors = authors[1:]
            cut = raw.find(authors[0], len(raw.split(None, 1)[0])) if authors else -1
            if cut <= 0:
                authors = ()
                break
            raw, start = raw[cut:], start + cut
        before = text[max(0, start - offset - 12) : start - offset].split()[-1:]
        years = _years(match.group("years"))
        lone = len(authors) == 1 and not et_al and before and before[0].lower() in _NOT_BEFORE
        if len(authors) == 1 and re.fullmatch(r"[A-Z]{1,3}", authors[0]) and before and before[0].istitle():
            continue  # initials after a surname: "Ferrari S, Galeazzi GM (2023)" is an entry, not a citation
        if lone and all((key(authors[0]), y[:4]) in known for y in years):
            lone = False
        if authors and _names_ok(authors) and not lone:
            found.append(AuthorYearCitation(raw, start, end, authors, et_al, years, True))
    return tuple(sorted(found, key=lambda c: c.start))


def _items(part: str, start: int) -> list[AuthorYearCitation]:
    """The works one ``;``-separated part cites: one, or several set apart by commas.

    ``Asarnow et al., 2011, Esposito-Smythers 2011`` is two works.
    """
    whole = _item(part, start)
    if whole is not None:
        return [whole]
    out, pos = [], start
    for piece in _NEXT_ITEM.split(part):
        citation = _item(piece, pos)
        if citation is not None:
            out.append(citation)
        pos += len(piece) + 1
    return out


def _item(part: str, start: int) -> AuthorYearCitation | None:
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
    return citation


def _read_item(body: str, start: int) -> AuthorYearCitation | None:
    match = _ITEM.match(body)
    if not match:
        return None
    authors, et_al = _split_authors(match.group("authors"))
    if not authors or not _names_ok(authors):
        return None
    return AuthorYearCitation(
        body, start, start + len(body), authors, et_al, _years(match.group("years")), False
    )


def _split_authors(text: str) -> tuple[tuple[str, ...], bool]:
    text = " ".join(text.split()).strip(" ,")
    text = re.sub(r"\s*[\[(][A-Z]{2,8}[\])]", "", text)  # "World Health Organization [WHO]"
    text = re.sub(r"['’]s$", "", text)  # "Lee's (2021)"
    text = re.sub(r"\s+and\s+(?:colleagues|co-?workers)$", " et al.", text)  # "Walsh and coworkers (2018)"
    et_al = bool(re.search(r"\bet\s+al\.?$", text))
    text = re.sub(r",?\s*\bet\s+al\.?$", "", text).strip(" ,")
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
        if not words or len(words) > 8 or words[0].lower() in _NOT_NAMES:
            return False
        if not all(w[0].isupper() or w.lower() in _CONNECTORS for w in words if w[0].isalpha()):
            return False
        if not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
            return False
    return True


def _years(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in re.split(r"\s*,\s*", text.strip()):
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


# --- style ----------------------------------------------------------------------------------------


def detect_style(article: Article, references: Sequence[Reference] = ()) -> str:
    """``"numeric"`` or ``"author-year"``: how the article cites, from its text and its list.

    A numbered reference list whose numbers the text cites makes the article
    numeric, however many author-year mentions (``(Smith et al., 1965)``) it
    also has. Otherwise the article is author-year when author-year citations
    outnumber numeric markers two to one (numeric also for an article that
    cites nothing).
    """
    body = [b.text for b in article.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)]
    cited = sum(len(find_author_year(text)) for text in body)
    if not cited:
        return "numeric"
    refs = tuple(references)
    numbered = sum(r.number is not None for r in refs)
    dated = sum(r.year is not None for r in refs)  # entries, not a numbered questionnaire
    listed = len(refs) >= 3 and numbered >= 0.8 * len(refs) and dated >= 0.5 * len(refs)
    numeric = 0
    for text in body:  # markers are counted only until the answer is certain
        numeric += len(find_markers(text))
        if (numeric and listed) or 2 * numeric > cited:
            return "numeric"
    return "author-year"


def with_style(article: Article, references: Sequence[Reference]) -> tuple[Article, tuple[Reference, ...]]:
    """Set ``article.style``; an unnumbered list is numbered in printed order, in either style.

    Examples
    --------
    >>> from claimcheck.read.article import parse_article
    >>> article, refs = with_style(parse_article("It works (Lee, 2021)."), ())
    >>> article.style
    'author-year'
    """
    style = detect_style(article, references)
    return dataclasses.replace(article, style=style), number_references(references)


def number_references(references: Iterable[Reference]) -> tuple[Reference, ...]:
    """Number an unnumbered list in printed order (numbered entries keep their numbers)."""
    refs = tuple(references)
    if any(r.number is not None for r in refs):
        return refs
    return tuple(dataclasses.replace(r, number=i) for i, r in enumerate(refs, start=1))


# --- linking --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """The entries one cited work names: ``numbers`` and ``status``."""

    label: str
    numbers: tuple[int, ...]
    status: str  # "matched", "ambiguous" or "missing"
    near: tuple[int, ...] = ()  # for a missing one: entries of the same author, or the same year


class Linker:
    """Links an article's author-year citations to its reference list.

    Built once per audit: numbers for citations that match no entry are given
    out in reading order after the highest listed number. A citation that a
    page or column break cut in two (``(Maddern et al.,`` then, a paragraph on,
    ``2020)``) is read whole and marked where it starts. A citation names an
    entry by its first author's surname and the year; when no surname matches
    exactly, looser forms of the name are tried (:func:`name_keys`), but the
    year must always agree.

    Examples
    --------
    >>> from claimcheck.read.article import parse_article
    >>> from claimcheck.read.references.parse import parse_reference_list
    >>> art = parse_article("It works (Lee, 2021). It fails (Kim, 2020).")
    >>> refs = number_references(parse_reference_list("Lee, A. (2021). A trial. BMJ, 1, 2-3."))
    >>> [(m.label, m.numbers) for m in Linker(art, refs).markers(art.blocks[0].text)]
    [('Lee, 2021', (1,)), ('Kim, 2020', (2,))]
    """

    def __init__(self, article: Article, references: Sequence[Reference]) -> None:
        self.entries = [e for e in (entry_keys(r) for r in references) if e is not None]
        self._known = frozenset((k, e.year) for e in self.entries for k in (e.first, *e.aliases) if k)
        listed = max((e.number for e in self.entries), default=0)
        self._unlisted: dict[str, int] = {}
        self._tails = _tails(article.blocks)
        for block in article.blocks:
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                for citation in self._citations(block.text, block.start):
                    for label in citation.label.split("; "):
                        if self.match(label).status == "missing" and label not in self._unlisted:
                            self._unlisted[label] = listed + len(self._unlisted) + 1

    def _citations(self, text: str, offset: int) -> list[AuthorYearCitation]:
        """The block's citations; one cut off at the block's end is read on into the next block."""
        tail = self._tails.get(offset, "")
        found = find_author_year(f"{text} {tail}" if tail else text, offset, known=self._known)
        out = []
        for c in found:
            if c.start >= offset + len(text):
                continue
            if c.end > offset + len(text):
                raw = text[c.start - offset :].rstrip()
                c = dataclasses.replace(c, raw=raw, end=c.start + len(raw))
            out.append(c)
        return out

    def markers(self, text: str, offset: int = 0) -> tuple[Marker, ...]:
        """The block's author-year citations as markers with the numbers they link to."""
        out = []
        for citation in self._citations(text, offset):
            numbers: list[int] = []
            for label in citation.label.split("; "):
                found = self.match(label)
                numbers += found.numbers if found.numbers else [self._unlisted.get(label, 0)]
            numbers = [n for n in dict.fromkeys(numbers) if n]
            out.append(
                Marker(
                    citation.raw, citation.start, citation.end, tuple(numbers), "author-year", citation.label
                )
            )
        return tuple(out)

    def match(self, label: str) -> Match:
        """The entries one work (``Smith et al., 2020a``) names."""
        [(authors, et_al, year)] = parse_label(label)[:1]
        first = key(authors[0])
        base, suffix = (year[:4], year[4:]) if year[:4].isdigit() else (year, "")
        same_author = [e for e in self.entries if first and (first == e.first or first in e.aliases)]
        found = [e for e in same_author if e.year == base]
        if not found:  # "Van Tol" for "van Tol", "Akar" for "Akdemir Akar", "R Core Team" for "Team, R. C."
            dated = [e for e in self.entries if e.year == base]
            for name in name_keys(authors[0]):
                found = [e for e in dated if name in (e.first, *e.aliases, *e.loose)]
                if found:
                    break
        if not found:
            near = same_author or [e for e in self.entries if e.year == base]
            return Match(label, (), "missing", tuple(e.number for e in near))
        found = _narrow(found, lambda e: len(authors) > 1 and e.second == key(authors[1]))
        if suffix:
            found = _narrow(found, lambda e: e.suffix == suffix)
        elif len(found) > 1:
            want = 3 if et_al else len(authors)
            found = _narrow(found, lambda e: min(e.count, 3) == min(want, 3))
        numbers = tuple(e.number for e in found)
        return Match(label, numbers, "matched" if len(found) == 1 else "ambiguous")


def _narrow(entries: list[Entry], keep: object) -> list[Entry]:
    """The entries ``keep`` accepts, or all of them when it accepts none."""
    kept = [e for e in entries if keep(e)]  # type: ignore[operator]
    return kept or entries


# How far a cut citation may run: its start within the block's last characters, its end
# within the first characters of a block a few short ones (running heads, page numbers) on.
_CUT_REACH = 300
_SHORT_BLOCK = 100
_MAX_SKIPPED = 12


def _tails(blocks: Sequence[Block]) -> dict[int, str]:
    """For each prose block ending inside an open parenthesis, the text that closes it further on."""
    prose = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
    out: dict[int, str] = {}
    for i, block in enumerate(blocks):
        opened = block.text.rfind("(")
        if block.kind not in prose or opened < block.text.rfind(")") or len(block.text) - opened > _CUT_REACH:
            continue
        for later in blocks[i + 1 : i + 1 + _MAX_SKIPPED]:
            close = later.text.find(")", 0, _CUT_REACH)
            if later.kind in prose and close >= 0 and "(" not in later.text[:close]:
                out[block.start] = later.text[: close + 1]
                break
            if len(later.text) > _SHORT_BLOCK:
                break
    return out
