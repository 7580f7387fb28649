"""The names and years an author-year citation may use for one reference entry.

:func:`entry_keys` reads an entry as an author-year citation would name it: the
first author's surname folded to plain letters (``Schüttler`` -> ``schuttler``,
``van der Does`` -> ``vanderdoes``), the second author, how many authors, the
year and its letter (``2020a``), and other names the citation may use: an
organisation's name or its acronym (``Centers for Disease Control and
Prevention (CDC)``, ``Society of Critical Care Medicine. History...``), the
first printed word, where a work with no author appeared (``Esquire``), the
surname without its particles (``Does``) or the last word of a compound surname
(``Akdemir Akar`` -> ``Akar``).

:func:`name_keys` gives the same kinds of names for a cited name, so that
``Van Tol``, ``R Core Team`` (listed as ``Team, R. C.``) and ``US Food and Drug
Administration`` (listed as ``Food and Drug Administration``) find their entries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from claimcheck.model import Reference
from claimcheck.text.lazy import lazy_compile
from claimcheck.text.names import family_name
from claimcheck.text.words import PARTICLES

__all__ = ["Entry", "entry_keys", "initials", "key", "name_keys"]


def key(name: str) -> str:
    """A name folded for matching: ASCII letters only, lower case (``Müller-Lyer`` -> ``mullerlyer``)."""
    text = (
        unicodedata.normalize("NFKD", name.replace("&", " and ")).encode("ascii", "ignore").decode().lower()
    )
    return re.sub(r"[^a-z]", "", text)


# An initial or a run of initials after a surname: "Smith J", "Smith, J. A.", "Lee KB".
_INITIALS = re.compile(r"(?:\s|,)(?:[A-Z]\.?[\s-]?){1,3}(?=[\s,.;&]|$)")


def _acronym(name: str) -> str:
    """A group author's acronym (``World Health Organization`` -> ``who``); ``""`` for a person.

    A person's name (a comma, or initials: ``Miller, A.``, ``Miller A``) has
    none: its letters (``ma``) would pass for a short surname (``Ma``). A long
    name with a comma inside is an organisation's (``United Nations Educational,
    Scientific and Cultural Organization`` -> ``unesco``).
    """
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) < 2 or ("," in name and len(words) < 4) or _INITIALS.search(name):
        return ""
    return "".join(w[0] for w in words).lower()


@dataclass(frozen=True, slots=True)
class Entry:
    """One reference entry as author-year citations name it."""

    number: int
    first: str
    second: str | None
    count: int
    year: str  # "2020", "n.d." or "in press"
    suffix: str
    aliases: frozenset[str]  # other exact names: an organisation, its acronym, the first printed word
    loose: frozenset[str] = frozenset()  # looser names: without particles, a compound's last word
    initials: str = ""  # the first author's, upper case: "YL" for "Wang, Yi-Lin", "Wang YL", "Wang, Y.-L."


# An acronym in brackets after a group author's name, small letters allowed: "(CDC)", "(HPSAs)", "[DfE]".
_BRACKETED = lazy_compile(r"\s*[(\[](?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,9}[)\]]")
_FIRST_WORD = lazy_compile(
    r"\s*(?:\[?\d{1,4}[.)\]]\s*)?((?:(?:van|von|de|der|den|del|di|da|du|le|la)\s+)*[A-Z][\w'’-]+)"
)
_ORG = lazy_compile(r"\s*(?:\[?\d{1,4}[.)\]]\s*)?([A-Z][^.,;:()\d]{3,100}?)\.\s")
_AFTER_DATE = lazy_compile(r"\((?:1[6-9]|20)\d\d[^()]{0,30}\)\.?\s+([A-Z][^.()]{1,80}?)\.")
_IN_PRESS = lazy_compile(r"[(\s]in\s+press\b", re.IGNORECASE)
_LEAD = lazy_compile(r"\s*(?:\[?\d{1,4}[.)\]]\s*)?([^\d()]{2,120}?)[\s.,]*\(?(?:1[6-9]\d\d|20\d\d)")


def entry_keys(ref: Reference) -> Entry | None:
    """The entry as citations name it, or ``None`` for an unnumbered one."""
    if ref.number is None:
        return None
    first = ref.first_author_family or ""
    second = family_name(ref.authors[1]) if len(ref.authors) > 1 else None
    year = str(ref.year) if ref.year else "n.d."
    if not ref.year and _IN_PRESS.search(ref.raw):  # "Lee, K. (in press)." is cited (Lee, in press)
        year = "in press"
    suffix = re.search(rf"\b{year}([a-z])\b", ref.raw) if ref.year else None
    names = [first, ref.authors[0] if ref.authors else ""]
    # a group author with its acronym: "Mental Health Care Health Professional Shortage Areas (HPSAs)."
    names.append(_BRACKETED.sub("", names[1]).strip(" .,"))
    lead = _LEAD.match(ref.raw)  # "Centers for Disease Control and Prevention (CDC). (2021)."
    if lead:
        names.append(re.sub(r"\s*[(\[][A-Z]{2,8}[)\]]", "", lead.group(1)).strip(" .,"))
    first = first or names[-1]
    lead_word = _FIRST_WORD.match(ref.raw)  # "Kraemer MVDS," whose initials the name reader took for a name
    if lead_word:
        names.append(lead_word.group(1))
    org = _ORG.match(ref.raw)  # "Society of Critical Care Medicine. History of critical care. 2012."
    if org and len(org.group(1).split()) > 1:
        names.append(org.group(1))
    if not ref.authors:  # no author: cited by where it appeared ("Title. (2021, December 30). Esquire.")
        where = _AFTER_DATE.search(ref.raw)
        names += [n for n in (ref.container, where.group(1) if where else None) if n]
    aliases = {key(n) for n in names} | {_acronym(n) for n in names if len(n.split()) > 1}
    aliases |= {_part_acronym(n) for n in names}
    # an acronym printed with the group author's name, before the year: "World Health Organization (WHO)."
    aliases |= {key(a) for a in re.findall(r"[(\[]([A-Z]{2,8})[)\]]", lead.group(1) if lead else ref.raw)}
    dated = re.search(r"(?:1[6-9]|20)\d\d", ref.raw)
    aliases |= {key(m.group()) for m in _BRACKETED.finditer(ref.raw[: dated.start() if dated else 120])}
    loose = set()
    for name in (first, lead_word.group(1) if lead_word else ""):
        loose |= _loose(name)
    count = len(ref.authors) + (3 if ref.et_al else 0)
    given = ref.authors[0].replace(ref.first_author_family or "", "", 1) if ref.authors else ""
    return Entry(
        ref.number,
        key(first),
        key(second) if second else None,
        count,
        year,
        suffix.group(1) if suffix else "",
        frozenset(aliases - {""}),
        frozenset(loose - {""}),
        initials(given.strip(" ,")),
    )


def _part_acronym(name: str) -> str:
    """A group author led by an acronym, with the rest shortened too: ``NICHD Early Child Care
    Research Network`` -> ``nichdeccrn`` (cited ``NICHD ECCRN``); ``""`` for any other name.

    >>> _part_acronym("NICHD Early Child Care Research Network"), _part_acronym("WHO Europe")
    ('nichdeccrn', '')
    """
    words = name.split()
    if len(words) < 3 or not _LEADING_ACRONYM.fullmatch(words[0]):
        return ""
    rest = _acronym(" ".join(words[1:]))
    return key(words[0]) + rest if len(rest) > 1 else ""


_LEADING_ACRONYM = re.compile(r"[A-Z]{2,8}")


def initials(given: str) -> str:
    """The initials of given names as printed: ``Yi-Lin`` / ``Y.-L.`` / ``YL`` / ``Y. L.`` -> ``YL``.

    >>> [initials(g) for g in ("Yi-Lin", "Y.-L.", "YL", "Y. L.", "")]
    ['YL', 'YL', 'YL', 'YL', '']
    """
    out = ""
    for word in re.split(r"[\s.\-]+", given):
        if word.isupper():  # "YL": run-together initials
            out += word
        elif word[:1].isupper():
            out += word[0]
    return out


def _loose(name: str) -> set[str]:
    """Looser keys of a surname: without its particles, and the last word of a compound."""
    words = name.replace("-", " - ").split()
    bare = [w for w in words if w.lower() not in PARTICLES and w != "-"]
    out = {key("".join(bare))} if bare else set()
    if len(bare) > 1 and len(bare[-1]) > 2:
        out.add(key(bare[-1]))
    return out


def name_keys(name: str) -> list[str]:
    """Keys a cited name may match, most exact first.

    The whole name; then, looser, the name without particles (``Van Tol`` ->
    ``tol``) and its trailing words (``US Food and Drug Administration`` ->
    ``Food and Drug Administration``, ``R Core Team`` -> ``Team``, as reference
    managers print it: ``Team, R. C.``); an acronym with small letters inside
    by its capitals (``DoH`` -> ``dh``, as ``Department of Health`` is known).

    >>> name_keys("US Food & Drug Administration")[:2], name_keys("van der Does")
    (['usfoodanddrugadministration', 'foodanddrugadministration'], ['vanderdoes', 'does', 'derdoes'])
    """
    words = name.split()
    bare = [w for w in words if w.lower() not in PARTICLES]
    out = [key(name), key("".join(bare))]
    out += [key(" ".join(words[k:])) for k in range(1, len(words))]
    if _MIXED_ACRONYM.fullmatch(name):  # "IUPsyS", "DoH": an acronym keeps its capitals only
        out.append("".join(ch for ch in name if ch.isupper()).lower())
    return list(dict.fromkeys(k for k in out if len(k) > 1))


# An organisation's acronym with small letters inside: "IUPsyS" (International Union of
# Psychological Science), "DoH" (Department of Health), "DfE"; not a surname ("McDonald", "LeBlanc").
_MIXED_ACRONYM = re.compile(r"[A-Z]+(?:[a-z]{1,2}[A-Z]+)+")
