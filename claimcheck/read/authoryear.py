"""Author-year citations: ``(Smith et al., 2020)``, ``(Smith & Jones, 2019; Lee, 2021)``, ``Smith (2020)``.

Numbered articles cite ``[3]``; APA, Harvard and Chicago author-date articles
cite a surname and a year, and list their references alphabetically without
numbers. This module finds such citations, tells which style an article uses,
and links each citation to the entries it names, so the checks that work on
numbers work here too:

* :func:`find_author_year` (from :mod:`~claimcheck.read.authoryear_forms`)
  finds parenthetical citations (each item of ``(e.g., Smith et al., 2020a;
  WHO, 2019, p. 4)`` apart) and narrative ones (``Smith and Jones (2019)``,
  ``Lee's (2021)``), with exact spans;
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
* :meth:`Linker.found_by_list` then starts from the list (as GROBID and CERMINE
  do): an entry no citation links to is linked where its first author's surname
  is closely followed by its year in a body sentence, a form PDF layout broke up
  (``Bakic and Ajdukovic\ninterpersonal and community\n(2021)``); such markers
  have ``style="author-year-list"`` (:mod:`~claimcheck.read.authoryear_mentions`).

Examples
--------
>>> [(c.raw, c.label) for c in find_author_year("It works (Smith et al., 2020; Lee & Park, 2019b).")]
[('Smith et al., 2020', 'Smith et al., 2020'), ('Lee & Park, 2019b', 'Lee & Park, 2019b')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck.model import Article, Block, BlockKind, Marker, Reference
from claimcheck.read.authoryear_entries import Entry, entry_keys, initials, key, name_keys
from claimcheck.read.authoryear_forms import AuthorYearCitation, find_author_year, parse_label
from claimcheck.read.authoryear_mentions import find_list_mentions
from claimcheck.read.authoryear_near import near_matches
from claimcheck.read.markers import find_markers
from claimcheck.read.references.recut import recut

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

    An author-year article's own unnumbered list is first re-cut where its
    citations that match no entry find one the list lost
    (:func:`~claimcheck.read.references.recut.recut`).

    Examples
    --------
    >>> from claimcheck.read.article import parse_article
    >>> article, refs = with_style(parse_article("It works (Lee, 2021)."), ())
    >>> article.style
    'author-year'
    """
    style = detect_style(article, references)
    article = dataclasses.replace(article, style=style)
    refs = number_references(references)
    if style == "author-year" and all(r.number is None for r in references):
        refs = _recut(article, refs)
    return article, refs


def _recut(article: Article, refs: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """The article's own unnumbered list, re-cut where citations that match no entry say one opens
    (:func:`~claimcheck.read.references.recut.recut`)."""
    span = article.references_span
    if span is None or article.references_source or not refs:
        return refs
    if any(not span[0] <= r.start <= r.end <= span[1] for r in refs):
        return refs  # not read from this text
    linker = Linker(article, refs, near=False)  # a lost entry comes before a near one
    if not linker.unlisted:
        return refs
    cited: set[int] = set()
    names: dict[str, str] = {}  # label -> the surname of its first author
    for label in linker.labels:
        cited.update(linker.match(label).numbers)
        [(authors, _, _)] = parse_label(label)[:1]
        names[label] = _CITED_INITIALS.match(authors[0]).group(2)  # type: ignore[union-attr]
    missing = [(names[label], parse_label(label)[0][2]) for label in linker.unlisted]
    order = {r.number: i for i, r in enumerate(refs)}
    at = {order[n] for n in cited if n in order}
    recut_refs = recut(refs, article.text, missing, at, span=span, names=set(names.values()))
    if len(recut_refs) == len(refs) and all(a is b for a, b in zip(recut_refs, refs, strict=True)):
        return refs
    return tuple(dataclasses.replace(r, number=i) for i, r in enumerate(recut_refs, start=1))


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
    status: str  # "matched", "ambiguous", "missing", or "respelled" / "redated" (a near match)
    near: tuple[int, ...] = ()  # for a missing one: entries of the same author, or the same year


class Linker:
    """Links an article's author-year citations to its reference list.

    Built once per audit: numbers for citations that match no entry are given
    out in reading order after the highest listed number. A citation that a
    page or column break cut in two (``(Maddern et al.,`` then, a paragraph on,
    ``2020)``) is read whole and marked where it starts. A citation names an
    entry by its first author's surname and the year; when no surname matches
    exactly, looser forms of the name are tried (:func:`name_keys`), but the
    year must always agree. Only then, with ``near`` (the default), may a citation
    name an entry almost: a surname spelled otherwise, or the year of the author's
    one uncited entry given otherwise (:mod:`~claimcheck.read.authoryear_near`).

    Examples
    --------
    >>> from claimcheck.read.article import parse_article
    >>> from claimcheck.read.references.parse import parse_reference_list
    >>> art = parse_article("It works (Lee, 2021). It fails (Kim, 2020).")
    >>> refs = number_references(parse_reference_list("Lee, A. (2021). A trial. BMJ, 1, 2-3."))
    >>> [(m.label, m.numbers) for m in Linker(art, refs).markers(art.blocks[0].text)]
    [('Lee, 2021', (1,)), ('Kim, 2020', (2,))]
    """

    def __init__(self, article: Article, references: Sequence[Reference], *, near: bool = True) -> None:
        self.entries = [e for e in (entry_keys(r) for r in references) if e is not None]
        self._known = frozenset((k, e.year) for e in self.entries for k in (e.first, *e.aliases) if k)
        listed = max((e.number for e in self.entries), default=0)
        self._unlisted: dict[str, int] = {}
        self._tails, self._heads = _cuts(article.blocks)
        labels: dict[str, None] = {}
        self._article, self._references = article, tuple(references)
        self._taken: list[tuple[int, int]] = []  # the citations' spans
        self._linked: set[int] = set()  # the entries they link to
        self._found: tuple[Marker, ...] | None = None
        self._near: dict[str, tuple[str, int]] = {}
        for block in article.blocks:
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                for citation in self._citations(block.text, block.start):
                    self._taken.append((citation.start, citation.end))
                    for label in citation.label.split("; "):
                        labels[label] = None
                        self._linked.update(self.match(label).numbers)
        missing = [label for label in labels if self.match(label).status == "missing"]
        self._near = near_matches(missing, self.entries, self._linked) if near else {}
        self._linked.update(number for _, number in self._near.values())
        for label in missing:
            if label not in self._near:
                self._unlisted[label] = listed + len(self._unlisted) + 1
        self.labels = tuple(labels)  # every cited work's label, once, in reading order

    @property
    def unlisted(self) -> tuple[str, ...]:
        """The labels of cited works that match no entry, in reading order."""
        return tuple(self._unlisted)

    def found_by_list(self) -> tuple[Marker, ...]:
        """Citations the list finds: an uncited entry's surname closely followed by its year
        where no citation form was read (see :mod:`~claimcheck.read.authoryear_mentions`)."""
        if self._found is None:
            span = self._article.references_span
            self._found = find_list_mentions(
                self._article.blocks,
                self.entries,
                self._references,
                self._linked,
                self._taken,
                before=span[0] if span else None,
            )
        return self._found

    def _citations(self, text: str, offset: int) -> list[AuthorYearCitation]:
        """The block's citations; one cut off at the block's end is read on into the next block.

        A block that goes on with a parenthesis an earlier block opened (``et al., 2005; Henry
        & Jones, 2011)``) is read after that opening, and keeps the citations that start in it.
        """
        tail, head = self._tails.get(offset, ""), self._heads.get(offset, "")
        if head:
            text, offset = f"{head} {text}", offset - len(head) - 1
        found = find_author_year(f"{text} {tail}" if tail else text, offset, known=self._known)
        out = []
        for c in found:
            if c.start >= offset + len(text) or c.start < offset + len(head) + bool(head):
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
        end = offset + len(text)
        listed = [m for m in self.found_by_list() if offset <= m.start and m.end <= end]
        return tuple(sorted(out + listed, key=lambda m: m.start) if listed else out)

    def match(self, label: str) -> Match:
        """The entries one work (``Smith et al., 2020a``) names.

        A work that names no entry exactly may name one almost (:mod:`~claimcheck.read.authoryear_near`):
        its status is then ``"respelled"`` or ``"redated"``, with that entry's number.
        """
        if label in self._near:
            status, number = self._near[label]
            return Match(label, (number,), status, (number,))
        [(authors, et_al, year)] = parse_label(label)[:1]
        # "J. Smith et al., 2020": APA gives initials when two first authors share a surname
        given, name = _CITED_INITIALS.match(authors[0]).groups()  # type: ignore[union-attr]
        first = key(name)
        base, suffix = (year[:4], year[4:]) if year[:4].isdigit() else (year, "")
        same_author = [e for e in self.entries if first and (first == e.first or first in e.aliases)]
        found = [e for e in same_author if e.year == base]
        if not found:  # "Van Tol" for "van Tol", "Akar" for "Akdemir Akar", "R Core Team" for "Team, R. C."
            dated = [e for e in self.entries if e.year == base]
            for loose in name_keys(name):
                found = [e for e in dated if loose in (e.first, *e.aliases, *e.loose)]
                if found:
                    break
        if not found:
            near = same_author or [e for e in self.entries if e.year == base]
            return Match(label, (), "missing", tuple(e.number for e in near))
        if given:
            found = _narrow(found, lambda e: e.initials.startswith(initials(given)))
        found = _narrow(found, lambda e: len(authors) > 1 and e.second == key(authors[1]))
        if suffix:
            found = _narrow(found, lambda e: e.suffix == suffix)
        elif len(found) > 1:
            want = 3 if et_al else len(authors)
            found = _narrow(found, lambda e: min(e.count, 3) == min(want, 3))
        numbers = tuple(e.number for e in found)
        return Match(label, numbers, "matched" if len(found) == 1 else "ambiguous")


_CITED_INITIALS = re.compile(r"((?:[A-Z]\.\s?-?)*)\s*(.*)", re.DOTALL)


def _narrow(entries: list[Entry], keep: object) -> list[Entry]:
    """The entries ``keep`` accepts, or all of them when it accepts none."""
    kept = [e for e in entries if keep(e)]  # type: ignore[operator]
    return kept or entries


# How far a cut citation may run: its start within the block's last characters, its end
# within the first characters of a block a few short ones (running heads, page numbers) on.
_CUT_REACH = 300
_SHORT_BLOCK = 100
_MAX_SKIPPED = 12


def _cuts(blocks: Sequence[Block]) -> tuple[dict[int, str], dict[int, str]]:
    """Parentheses a block break cut: by block start, the text that closes each one further on
    (the tail), and for the block that closes it, the text that opened it (the head)."""
    prose = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
    out: dict[int, str] = {}
    heads: dict[int, str] = {}
    for i, block in enumerate(blocks):
        opened = block.text.rfind("(")
        if block.kind not in prose or opened < block.text.rfind(")") or len(block.text) - opened > _CUT_REACH:
            continue
        for later in blocks[i + 1 : i + 1 + _MAX_SKIPPED]:
            close = later.text.find(")", 0, _CUT_REACH)
            if later.kind in prose and close >= 0 and "(" not in later.text[:close]:
                out[block.start] = later.text[: close + 1]
                heads[later.start] = block.text[opened:]
                break
            if len(later.text) > _SHORT_BLOCK:
                break
    return out, heads
