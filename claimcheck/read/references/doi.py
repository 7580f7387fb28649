"""Find, clean, normalise and syntax-check DOIs, with no network.

A DOI is ``10.`` + a registrant code of 4 to 9 digits (optionally with
``.``-separated sub-codes) + ``/`` + a suffix of printable characters. DOIs are
case-insensitive, so the normal form is lower case, without any ``doi:`` or
``https://doi.org/`` prefix, percent-decoded, and without the sentence
punctuation that often follows it in print.

- :func:`find_dois` finds DOI-looking strings in running text.
- :func:`normalise_doi` turns one printed DOI into its normal form, or ``None``.
- :func:`check_doi` explains what is wrong with a printed DOI and, when the
  repair is clearly determined, suggests one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

__all__ = ["DoiCheck", "check_doi", "find_dois", "normalise_doi"]

# One prefix: a resolver URL (any scheme, dx. or not) or a "doi:" / "DOI " label.
_PREFIX = r"(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi\s{0,3}:\s{0,3}|doi\s{1,3})"
_PREFIX_RE = re.compile(_PREFIX, re.IGNORECASE)
_PREFIXES_RE = re.compile(rf"(?:{_PREFIX}\s*)+", re.IGNORECASE)
# A well-formed candidate, prefixes optional; the suffix stops at whitespace and quotes.
_CANDIDATE_RE = re.compile(
    rf"(?:{_PREFIX}){{0,3}}10\.\d{{4,9}}(?:\.\d+){{0,5}}(?:/|%2f)[^\s\"'<>\u201c\u201d]+",
    re.IGNORECASE,
)
# A labelled candidate that may be malformed: "doi: 1016/j.x", "DOI 10,1016/x".
_LABELLED_RE = re.compile(
    rf"(?<![\w/]){_PREFIX}(?:\d|[Il|][0O])[^\s\"'<>]*",
    re.IGNORECASE,
)
_VALID_RE = re.compile(r"10\.\d{4,9}(?:\.\d+)*/[!-~\u00a0-\uffff]+")
_TRAILING = ".,;:"
_WEB_TAILS = (".pdf", "/full", "/abstract", "/pdf", "/epdf", "/fulltext", "/meta", "/full.pdf")


@dataclass(frozen=True, slots=True, repr=False)
class DoiCheck:
    """The verdict on one printed DOI.

    ``doi`` is the normal form when the printed DOI is syntactically valid
    (after removing prefixes, whitespace at the ends and trailing punctuation).
    ``problem`` explains, for an editor, what is wrong with what was printed;
    it may be set even when ``doi`` is (a doubled prefix, a ``.pdf`` tail).
    ``suggestion`` is a repaired DOI, given only when the repair is clear.
    """

    raw: str
    doi: str | None
    problem: str | None = None
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        """True when the DOI is valid and nothing about it needs fixing."""
        return self.doi is not None and self.problem is None

    def __repr__(self) -> str:
        state = "ok" if self.ok else (self.problem or "invalid")
        return f"<DoiCheck {self.raw!r} {state}>"


def find_dois(text: str) -> list[tuple[str, int, int]]:
    """Find DOI-looking strings in ``text``.

    Parameters
    ----------
    text
        Any text: a reference entry, a paragraph, a whole article.

    Returns
    -------
    list of (raw, start, end)
        Each candidate as printed, its prefix (``doi:``, ``https://doi.org/``)
        included and sentence punctuation after it excluded, with its span.
        Malformed candidates that follow a ``doi`` label are included too, so
        that :func:`check_doi` can explain them.

    Examples
    --------
    >>> find_dois("See doi:10.1000/ABC. Then https://doi.org/10.1000%2Fxyz")
    [('doi:10.1000/ABC', 4, 19), ('https://doi.org/10.1000%2Fxyz', 26, 55)]
    """
    spans = []
    for rank, pattern in enumerate((_CANDIDATE_RE, _LABELLED_RE)):
        for match in pattern.finditer(text):
            end = match.start() + len(_trim(match.group()))
            if end > match.start():
                spans.append((match.start(), rank, end))
    spans.sort()
    found: list[tuple[str, int, int]] = []
    for start, _, end in spans:
        if not found or start >= found[-1][2]:
            found.append((text[start:end], start, end))
    return found


def normalise_doi(raw: str) -> str | None:
    """Return the normal form of a printed DOI, or ``None`` if it is not valid.

    Strips whitespace at the ends, any number of ``doi:`` / ``https://doi.org/``
    prefixes, percent-encoding and trailing punctuation (``.``, ``,``, ``;``,
    ``:`` and unbalanced ``)`` or ``]``), then lower-cases.

    Examples
    --------
    >>> normalise_doi("DOI: 10.2147/PPA.S29716.")
    '10.2147/ppa.s29716'
    >>> normalise_doi("https://doi.org/10.1000%2Fabc") is None
    False
    >>> normalise_doi("10.1016.j.jad.2022.07.004") is None
    True
    """
    doi = _clean(raw)
    return doi if _VALID_RE.fullmatch(doi) else None


def check_doi(raw: str) -> DoiCheck:
    """Check one printed DOI and explain what is wrong with it.

    Parameters
    ----------
    raw
        The DOI as printed, with or without a prefix.

    Returns
    -------
    DoiCheck
        ``doi`` set when valid; ``problem`` and ``suggestion`` for near-misses
        such as a dot where the slash belongs, spaces inside, a comma for the
        first dot, a missing ``10.``, a doubled prefix or a ``.pdf`` tail.

    Examples
    --------
    >>> check_doi("10.1016.j.jad.2022.07.004").suggestion
    '10.1016/j.jad.2022.07.004'
    >>> check_doi("doi:10.2147/PPA.S29716").ok
    True
    """
    doi = normalise_doi(raw)
    if doi is not None:
        problem, suggestion = _cosmetic_problem(raw, doi)
        return DoiCheck(raw, doi, problem, suggestion)
    cleaned = _clean(raw)
    if not cleaned:
        return DoiCheck(raw, None, "No DOI is given after the label.")
    for repair in _REPAIRS:
        fixed = repair(cleaned)
        if fixed is not None and normalise_doi(fixed[0]) is not None:
            return DoiCheck(raw, None, fixed[1], normalise_doi(fixed[0]))
    return DoiCheck(raw, None, _why_invalid(cleaned))


def _trim(candidate: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from the end."""
    excess = {
        ")": candidate.count(")") - candidate.count("("),
        "]": candidate.count("]") - candidate.count("["),
    }
    end = len(candidate)
    while end:
        last = candidate[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in excess and excess[last] > 0:
            excess[last] -= 1
            end -= 1
        else:
            break
    return candidate[:end]


def _strip_prefixes(text: str) -> tuple[str, int]:
    """Remove leading prefixes; return the rest and how many were removed."""
    match = _PREFIXES_RE.match(text)
    if not match:
        return text, 0
    return text[match.end() :], len(_PREFIX_RE.findall(match.group()))


def _clean(raw: str) -> str:
    text = raw.strip()
    text, _ = _strip_prefixes(text)
    if "%" in text:
        text = unquote(text)
    return _trim(text.strip()).lower()


def _cosmetic_problem(raw: str, doi: str) -> tuple[str | None, str | None]:
    """Defects of a syntactically valid DOI worth an editor's attention."""
    _, prefixes = _strip_prefixes(raw.strip())
    urls = len(re.findall(r"doi\.org/", raw, re.IGNORECASE))
    if urls > 1 or (prefixes > 1 and urls == 0):
        return "The DOI prefix is printed twice.", doi
    for tail in _WEB_TAILS:
        if doi.endswith(tail) and len(doi) > len(tail) and doi[: -len(tail)].count("/"):
            stem = doi[: -len(tail)]
            if normalise_doi(stem):
                return f"The DOI ends in {tail!r}, which usually belongs to a web address.", stem
    return None, None


def _dot_for_slash(doi: str) -> tuple[str, str] | None:
    match = re.match(r"10\.(\d{4,9})\.(?=[^\d\s])", doi)
    if not match or "/" in doi:
        return None
    fixed = doi[: match.end() - 1] + "/" + doi[match.end() :]
    return fixed, "The DOI has a dot where the slash after the registrant code belongs."


def _missing_slash(doi: str) -> tuple[str, str] | None:
    match = re.match(r"10\.\d{4,9}(?=[a-z])", doi)
    if not match or "/" in doi:
        return None
    return doi[: match.end()] + "/" + doi[match.end() :], "The DOI lacks the slash after the registrant code."


def _spaces(doi: str) -> tuple[str, str] | None:
    if not re.search(r"\s", doi):
        return None
    return re.sub(r"\s+", "", doi), "The DOI contains spaces."


def _comma_for_dot(doi: str) -> tuple[str, str] | None:
    if not re.match(r"10\s*,\s*\d{4,9}", doi):
        return None
    return re.sub(r"^10\s*,\s*", "10.", doi), "The DOI has a comma where the dot after '10' belongs."


def _letter_for_digit(doi: str) -> tuple[str, str] | None:
    if not re.match(r"[1il|][0o]\.\d{4,9}", doi) or doi.startswith("10."):
        return None
    return "10" + doi[2:], "The DOI starts with a letter where the digits '10' belong."


def _missing_ten(doi: str) -> tuple[str, str] | None:
    if not re.match(r"\d{4,9}(?:\.\d+)*/\S", doi) or doi.startswith("10."):
        return None
    return "10." + doi, "The DOI lacks its leading '10.'."


_REPAIRS: tuple[Callable[[str], tuple[str, str] | None], ...] = (
    _spaces,
    _comma_for_dot,
    _letter_for_digit,
    _dot_for_slash,
    _missing_slash,
    _missing_ten,
)


def _why_invalid(doi: str) -> str:
    if not doi.startswith("10."):
        return f"{doi!r} is not a DOI: a DOI starts with '10.'."
    if not re.match(r"10\.\d{4,9}(?:\.\d+)*(?:/|$)", doi):
        return f"{doi!r} is not a DOI: the registrant code after '10.' must be 4 to 9 digits."
    if "/" not in doi:
        return f"{doi!r} is not a DOI: the '/' between registrant code and suffix is missing."
    return f"{doi!r} is not a DOI: the suffix after '/' is empty or has unprintable characters."
