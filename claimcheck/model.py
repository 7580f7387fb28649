"""Frozen values shared by every stage of the audit.

Every parsed item remembers where it came from: its raw text and its character
span in the article (``start``/``end``, half-open, indexes into
``Article.text``). Change a value with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How much a finding matters to an editor."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sort key, most severe first."""
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Return the severity named by ``value`` (case-insensitive)."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r}; use one of {names}") from None


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class BlockKind(str, enum.Enum):
    """What a block of the article is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    REFERENCES = "references"


class Status(str, enum.Enum):
    """The one definite state a reference ends the audit in.

    Only ``RESOLVED`` and ``NOT_FOUND`` are answers from a registry. ``UNCHECKED``
    means the question could not be asked (offline, rate-limited, server error,
    timeout); it is never shown as wrong, nor as fine.
    """

    RESOLVED = "resolved"
    NOT_FOUND = "not_found"
    INVALID_DOI = "invalid_doi"
    NO_IDENTIFIER = "no_identifier"
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True, repr=False)
class Block:
    """A heading, paragraph, list item or the reference section of an article."""

    index: int
    kind: BlockKind
    text: str
    start: int
    end: int

    def __repr__(self) -> str:
        return f"<Block {self.index} {self.kind.value} {self.start}:{self.end} {clip(self.text)!r}>"


@dataclass(frozen=True, slots=True, repr=False)
class Article:
    """An article's text split into blocks, with the reference section found.

    ``blocks`` cover the body; the reference section, when one was found, is the
    last block with kind ``REFERENCES`` and its span is ``references_span``.
    """

    text: str
    blocks: tuple[Block, ...]
    references_span: tuple[int, int] | None = None
    source: str | None = None
    format: str = "text"
    #: How the text cites: ``"numeric"`` (``[1]``, ``text.1``) or ``"author-year"``
    #: (``(Smith et al., 2020)``); see :func:`claimcheck.read.authoryear.detect_style`.
    style: str = "numeric"
    #: Where the reference list came from when not from the article itself
    #: (a reference file's path), and that file's format (``bibtex``, ``ris``, ...).
    references_source: str | None = None
    references_format: str | None = None
    #: The span of a second printing of the reference list, ignored (scraped pages).
    repeated_references_span: tuple[int, int] | None = None
    #: The citation markers, exactly, when the source links each citation to its entry
    #: (JATS ``<xref>``, Word citation fields, PDF superscripts); ``None``: found in the text.
    markers: tuple[Marker, ...] | None = None
    #: What was read and how, for the report: ``"Word document, 14 Zotero citations"``.
    reading: str | None = None
    #: The bibliography as printed, when the reference list came from elsewhere in the
    #: same file (reference-manager fields): compared entry by entry with the list.
    printed_references: tuple[Reference, ...] = ()
    #: What reading did that an editor should know: a decoding guessed, bytes replaced,
    #: a part that could not be read (the report's source notes).
    notes: tuple[str, ...] = ()

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        """Blocks before the reference section."""
        return tuple(b for b in self.blocks if b.kind is not BlockKind.REFERENCES)

    @property
    def references_text(self) -> str:
        """The reference section's text, or ``""`` when none was found."""
        if self.references_span is None:
            return ""
        start, end = self.references_span
        return self.text[start:end]

    def __repr__(self) -> str:
        refs = "with" if self.references_span else "without"
        style = "" if self.style == "numeric" else f" {self.style}"
        return (
            f"<Article {self.format}{style} {len(self.text)} chars, {len(self.blocks)} blocks, "
            f"{refs} references>"
        )


@dataclass(frozen=True, slots=True, repr=False)
class Marker:
    """A citation marker as printed: ``[3-5]``, ``option.3``, ``1,2,3,4``.

    ``numbers`` holds the reference numbers it cites, ranges expanded, in the
    order printed. ``style`` names the form it took (``bracket``, ``paren``,
    ``superscript``, ``trailing``, ``glued``, ``colon``, ``author-year``, ...).
    An author-year citation (``Smith et al., 2020``) also has a ``label``, its
    normal form, and ``numbers`` holds the list positions of the entries it
    names (see :mod:`claimcheck.read.authoryear`); one of style ``author-year-list``
    was found from the reference list: an uncited entry's surname and year, in no
    citation form the reader knows (:mod:`claimcheck.read.authoryear_mentions`).
    """

    raw: str
    start: int
    end: int
    numbers: tuple[int, ...]
    style: str
    label: str | None = None

    def __repr__(self) -> str:
        label = f" {self.label!r}" if self.label else ""
        return f"<Marker {self.raw!r} {self.start}:{self.end}{label} -> {list(self.numbers)}>"


class CitationOrigin(str, enum.Enum):
    """How a claim came by its citations."""

    MARKER = "marker"  # a marker in the sentence itself
    INHERITED = "inherited"  # a list item under a cited lead-in (``may include 5:``)
    CARRIED = "carried"  # a sentence continuing a cited one


@dataclass(frozen=True, slots=True, repr=False)
class Claim:
    """A sentence of the body, with the reference numbers it cites.

    ``citations`` are unique, in order of first appearance, and include numbers
    inherited from a cited lead-in (then ``origin`` is ``INHERITED`` and
    ``inherited_from`` names the lead-in claim). ``check_worthy`` says whether an
    editor would want a source for it; ``reasons`` says why.
    """

    id: int
    text: str
    start: int
    end: int
    block_index: int
    kind: BlockKind
    markers: tuple[Marker, ...] = ()
    citations: tuple[int, ...] = ()
    origin: CitationOrigin | None = None
    inherited_from: int | None = None
    check_worthy: bool = False
    reasons: tuple[str, ...] = ()
    #: What reading the sentence left out, e.g. a marker whose span did not fit the text, or a
    #: citation found only from the reference list (``author-year-list``).
    notes: tuple[str, ...] = ()

    @property
    def node_id(self) -> str:
        """The claim's node id in the graph."""
        return f"claim:{self.id}"

    def __repr__(self) -> str:
        cites = f" cites {list(self.citations)}" if self.citations else ""
        return f"<Claim {self.id}{cites} {clip(self.text)!r}>"


@dataclass(frozen=True, slots=True, repr=False)
class Reference:
    """One entry of the reference list, parsed into fields.

    ``raw`` is the entry as printed and ``start``/``end`` its span in the article
    (or in the reference file). ``doi`` is the normalised DOI when the printed one
    is syntactically valid; otherwise ``doi`` is ``None``, ``doi_raw`` keeps what
    was printed, ``doi_problem`` says what is wrong and ``doi_suggestion`` may
    offer a repair. ``problems`` lists what could not be parsed.
    """

    number: int | None
    raw: str
    start: int = 0
    end: int = 0
    authors: tuple[str, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    doi_raw: str | None = None
    doi_problem: str | None = None
    doi_suggestion: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    isbn: str | None = None
    accessed: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def node_id(self) -> str:
        """The reference's node id in the graph."""
        return f"ref:{self.number}"

    @property
    def first_author_family(self) -> str | None:
        """The first author's family name (``Hassan`` of ``Hassan K``, ``Burr`` of ``D. J. Burr``)."""
        if not self.authors:
            return None
        from claimcheck.text.names import family_name  # the parser's reading of a name, in one place

        return family_name(self.authors[0])

    @property
    def has_identifier(self) -> bool:
        """True when the entry carries a DOI (valid or not), PMID, PMCID, URL or ISBN."""
        return any((self.doi, self.doi_raw, self.pmid, self.pmcid, self.url, self.isbn))

    def __repr__(self) -> str:
        ident = f" doi:{self.doi}" if self.doi else ""
        return f"<Reference {self.number}{ident} {clip(self.title or self.raw)!r}>"


@dataclass(frozen=True, slots=True)
class Author:
    """A registered author: family and given name, or an organisation's name."""

    family: str | None = None
    given: str | None = None
    name: str | None = None  # organisations
    sequence: str | None = None  # "first" / "additional"


@dataclass(frozen=True, slots=True)
class Update:
    """A notice that updates a work: a retraction, correction or expression of concern."""

    type: str  # "retraction", "correction", "expression_of_concern", ...
    doi: str | None
    date: str | None = None  # ISO date when known
    source: str | None = None  # "publisher", "retraction-watch", ...
    label: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class Work:
    """A registered work, as a registry describes it.

    ``raw`` keeps the registry's message untouched so a later stage can read
    more of it. ``years`` holds every year the record gives (print, online,
    issued), so a reference citing either matches.
    """

    doi: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    container: str | None = None
    short_container: str | None = None
    years: tuple[int, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    type: str | None = None
    publisher: str | None = None
    abstract: str | None = None
    updated_by: tuple[Update, ...] = ()
    update_to: tuple[Update, ...] = ()
    agency: str = "crossref"
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def year(self) -> int | None:
        """The earliest year the record gives."""
        return min(self.years) if self.years else None

    @property
    def node_id(self) -> str:
        """The work's node id in the graph."""
        return f"doi:{self.doi}"

    def __repr__(self) -> str:
        return f"<Work doi:{self.doi} {clip(self.title or '')!r}>"


@dataclass(frozen=True, slots=True, repr=False)
class Resolution:
    """The answer for one DOI: always one of these, never a bare ``None``.

    ``status`` is ``RESOLVED`` (with ``work``), ``NOT_FOUND`` (a definite answer:
    the registry has no such DOI), or ``UNCHECKED`` with ``reason`` saying why the
    question could not be answered (``offline``, ``rate-limited``,
    ``server error``, ``timeout``, ...). ``agency`` names the registration agency
    when known (a DataCite DOI is not "not found").
    """

    doi: str
    status: Status
    work: Work | None = None
    reason: str | None = None
    agency: str | None = None
    fetched_at: str | None = None
    from_store: bool = False

    def __repr__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"<Resolution doi:{self.doi} {self.status.value}{why}>"


@dataclass(frozen=True, slots=True, repr=False)
class Finding:
    """Something an editor should look at.

    ``code`` is a stable kebab-case slug (see ``claimcheck.checks.CODES``).
    ``claim_id`` and/or ``reference_number`` say what it concerns; ``start`` and
    ``end`` point at the exact words in the article when known. ``detail`` holds
    JSON-friendly extras (what the article says, what the record says, ...).
    """

    code: str
    severity: Severity
    message: str
    claim_id: int | None = None
    reference_number: int | None = None
    start: int | None = None
    end: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __repr__(self) -> str:
        where = []
        if self.claim_id is not None:
            where.append(f"claim {self.claim_id}")
        if self.reference_number is not None:
            where.append(f"ref {self.reference_number}")
        at = f" ({', '.join(where)})" if where else ""
        return f"<Finding {self.severity.value} {self.code}{at}>"


def clip(text: str | None, width: int = 48) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis (for reprs and messages).

    >>> clip("Ketamine   is an effective\\ntreatment", 20)
    'Ketamine is an effe…'
    """
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
