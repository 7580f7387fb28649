"""Tolerant field matching: titles, names, journals, pages, volumes. Pure functions.

What is *not* an error in a citation is decided here, once, for
:mod:`claimcheck.verify.compare` (a reference against its registered work) and the
DOI-suggestion validator:

- **text**: mojibake repaired (:mod:`ftfy`), markup and entities removed,
  Greek letters spelled out, everything transliterated to ASCII
  (:mod:`anyascii`: diacritics, Cyrillic, Greek), case and punctuation folded;
- **titles**: a registered ``RETRACTED:`` prefix ignored, a subtitle after a
  colon may be left out, similarity by :func:`rapidfuzz.fuzz.ratio`;
- **names**: particles (``van``, ``de``, ``von``), hyphens and spaces in
  compound names, German umlaut transliteration (``Müller`` = ``Mueller`` =
  ``Muller``), small spelling variants (ratio at least 85);
- **journals**: the ISO 4 rules NLM and most styles follow: articles,
  prepositions and conjunctions dropped, and every abbreviated word a
  truncation or contraction of the full word (its first letter, then a
  subsequence of its letters: ``Natl`` of ``National``, ``Br`` of
  ``British``); acronyms (``JAMA``); MEDLINE qualifiers such as ``(Lond)`` and
  ``: a publication of ...`` dropped;
- **pages**: elided ranges expanded (``156-9`` = ``156-159``), leading zeros
  dropped, article numbers (``e000776``) accepted in place of pages.

>>> journal_matches("J Affect Disord", ["Journal of Affective Disorders"])
True
>>> page_range("156-9")
('156', '159')
>>> family_matches("van der Berg", "Berg")
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from claimcheck.text.fold import fold, repair

__all__ = [
    "TitleMatch",
    "family_matches",
    "fold",
    "journal_matches",
    "name_key",
    "page_range",
    "pages_match",
    "strip_retracted",
    "title_key",
    "title_similarity",
    "volume_key",
]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_RETRACTED = re.compile(
    r"^\s*\[?(?:retracted|withdrawn)(?:\s+(?:article|paper|publication))?\]?\s*[:.\-–—]?\s+", re.IGNORECASE
)
#: ISO 4 drops articles, prepositions and conjunctions; these cover the
#: languages common in health journal titles.
STOP_WORDS = frozenset(
    (  # noqa: SIM905
        "a an and the of for in on at to with from by & und der die das des dem den fur für im zur zum "
        "de du la le les et y e el los las del della di da dos i og och"
    ).split()
)
#: Name particles: dropped when comparing family names (``van Liere`` = ``Liere``).
PARTICLES = frozenset(
    "van von der den de del della dei degli di da das dos du la le lo ter ten zu vom al el".split()  # noqa: SIM905
)


def strip_retracted(title: str) -> str:
    """A registered title without its ``RETRACTED:`` / ``WITHDRAWN:`` prefix.

    >>> strip_retracted("RETRACTED: Ileal-lymphoid-nodular hyperplasia")
    'Ileal-lymphoid-nodular hyperplasia'
    """
    return _RETRACTED.sub("", title, count=1)


def title_key(title: str) -> str:
    """A title folded for comparison (``RETRACTED:`` prefix and markup removed)."""
    return fold(strip_retracted(title))


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """How well an article's title matches a registered one: ``score`` 0-100 and ``how``."""

    score: float
    how: str  # "exact", "subtitle omitted", "fuzzy"
    record: str | None = None  # the registered variant that matched best


def title_similarity(article: str, record_titles: Iterable[str]) -> TitleMatch:
    """The best match of ``article`` among the registered title variants.

    A title missing its subtitle (or with one the record lacks) scores 100 as
    long as the shorter side keeps at least three words; with a typo besides, it
    is compared with the main title alone (the part before ``:``, `` - `` or ``?``).

    >>> title_similarity("Delay in diagnosis of spinal muscular atrophy",
    ...                  ["Delay in Diagnosis of Spinal Muscular Atrophy: A Systematic Review"]).how
    'subtitle omitted'
    """
    a = title_key(article)
    a_main = _main_title(article)
    best = TitleMatch(0.0, "fuzzy")
    for variant in record_titles:
        b = title_key(variant)
        if not a or not b:
            continue
        if a == b:
            return TitleMatch(100.0, "exact", variant)
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        if long_.startswith(short + " ") and len(short.split()) >= 3:
            match = TitleMatch(100.0, "subtitle omitted", variant)
        else:
            score = float(fuzz.ratio(a, b))
            for x, y in ((a, _main_title(variant)), (a_main, b)):  # one side without its subtitle
                if x and y and len(min(x, y, key=len).split()) >= 3:
                    score = max(score, float(fuzz.ratio(x, y)))
            match = TitleMatch(score, "fuzzy", variant)
        if match.score > best.score:
            best = match
    return best


def _main_title(title: str) -> str | None:
    """The folded title before its subtitle (``:``, `` - ``, ``?``), or ``None`` when it has none."""
    main = re.split(r":|\s[-–—]\s|\?", strip_retracted(title), maxsplit=1)
    return title_key(main[0]) if len(main) > 1 else None


# -- names ----------------------------------------------------------------------------------------


def _name_variants(name: str) -> list[list[str]]:
    """Token lists for a family name: plain ASCII and German umlaut transliteration."""
    repaired = repair(name)
    out = []
    for variant in (repaired, repaired.translate(_UMLAUTS)):
        tokens = fold(variant).split()
        out.append(tokens)
    return out


def name_key(name: str) -> str:
    """A family name folded, particles dropped, parts joined: ``van der Berg-Smit`` -> ``bergsmit``.

    >>> name_key("Castaño-Vinyals"), name_key("CastaÃ±o Vinyals")
    ('castanovinyals', 'castanovinyals')
    """
    tokens = _name_variants(name)[0]
    kept = [t for t in tokens if t not in PARTICLES] or tokens
    return "".join(kept)


def family_matches(a: str, b: str) -> bool:
    """Whether two family names name the same person, as far as a citation can tell.

    Equal after folding and dropping particles, one compound name containing
    the other's parts (``Grenier Ouimet`` and ``Ouimet``; ``Vaswani`` in
    ``Ashish Vaswani``), umlauts spelled either way, or a spelling variant
    (:func:`rapidfuzz.fuzz.ratio` at least 85 on names of five letters or more).

    >>> family_matches("Mueller", "Müller"), family_matches("Smith", "Jones")
    (True, False)
    """
    for ta in _name_variants(a):
        for tb in _name_variants(b):
            pa = [t for t in ta if t not in PARTICLES] or ta
            pb = [t for t in tb if t not in PARTICLES] or tb
            ja, jb = "".join(pa), "".join(pb)
            if not ja or not jb:
                continue
            if ja == jb or set(pa) <= set(pb) or set(pb) <= set(pa):
                return True
            if min(len(ja), len(jb)) >= 5 and fuzz.ratio(ja, jb) >= 85:
                return True
    return False


# -- journals ---------------------------------------------------------------------------------------

_QUALIFIER = re.compile(r"\([^()]*\)")


def _journal_forms(name: str) -> list[str]:
    """A journal name and the forms MEDLINE and Crossref cut it to."""
    name = html.unescape(name)
    forms = [name]
    for sep in (" = ", " : ", ": "):
        if sep in name:
            forms.append(name.split(sep, 1)[0])
    unqualified = [_QUALIFIER.sub(" ", f) for f in forms]
    return list(dict.fromkeys(forms + unqualified))


def _journal_tokens(name: str) -> list[str]:
    return fold(name).split()


def _abbreviates(short: str, full: str) -> bool:
    """ISO 4: ``short`` is ``full`` or a truncation / contraction of it (same first letter)."""
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or len(short) > len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _tokens_abbreviate(a: Sequence[str], b: Sequence[str]) -> bool:
    """Align two token lists word by word; stop words may be skipped on either side."""

    @cache
    def walk(i: int, j: int) -> bool:
        if i == len(a) or j == len(b):
            return all(t in STOP_WORDS for t in a[i:]) and all(t in STOP_WORDS for t in b[j:])
        if (_abbreviates(a[i], b[j]) or _abbreviates(b[j], a[i])) and walk(i + 1, j + 1):
            return True
        return (a[i] in STOP_WORDS and walk(i + 1, j)) or (b[j] in STOP_WORDS and walk(i, j + 1))

    content = [t for t in a if t not in STOP_WORDS]
    return bool(content) and len(a) <= 40 and len(b) <= 40 and walk(0, 0)


def _acronym(article: str, tokens: Sequence[str]) -> bool:
    """``JAMA`` for ``Journal of the American Medical Association``."""
    letters = re.sub(r"[^A-Za-z]", "", article)
    content = [t for t in tokens if t not in STOP_WORDS]
    if len(letters) < 3 or not letters.isupper() or len(content) < 3:
        return False
    return letters.lower() == "".join(t[0] for t in content)


def journal_matches(article: str, record_names: Iterable[str]) -> bool:
    """Whether ``article``'s journal name is one of the registered names, full or abbreviated.

    ``record_names`` are every form the registry gives (``container-title``,
    ``short-container-title``, MEDLINE's ``JT`` and ``TA``).

    Examples
    --------
    >>> journal_matches("Proc Natl Acad Sci U S A",
    ...                 ["Proceedings of the National Academy of Sciences of the United States of America"])
    True
    >>> journal_matches("Am J Psychiatry", ["American Journal of Physiology"])
    False
    >>> journal_matches("Lancet", ["Lancet (London, England)"])
    True
    >>> journal_matches("JAMA", ["Journal of the American Medical Association"])
    True
    """
    a_forms = [_journal_tokens(f) for f in _journal_forms(article)]
    for name in record_names:
        for form in _journal_forms(name):
            tokens = _journal_tokens(form)
            if not tokens:
                continue
            if any(_tokens_abbreviate(a, tokens) for a in a_forms if a):
                return True
            if _acronym(article, tokens):
                return True
    return False


# -- pages and volumes -------------------------------------------------------------------------------

_PAGE_PART = re.compile(r"^([A-Za-z]*)0*(\d+)([A-Za-z]*)$")


def _page_token(token: str) -> str:
    token = token.strip().strip(".").lower()
    m = _PAGE_PART.match(token)
    if not m:
        return token
    return f"{m.group(1)}{int(m.group(2))}{m.group(3)}"


def page_range(pages: str) -> tuple[str, str | None]:
    """First and last page, elision expanded, leading zeros dropped, lower case.

    >>> page_range("1156-62"), page_range("069-075"), page_range("e000776"), page_range("S12–5")
    (('1156', '1162'), ('69', '75'), ('e776', None), ('s12', 's15'))
    """
    text = re.sub(r"^\s*(?:pp?\.?|pages?)\s*", "", pages.strip(), flags=re.IGNORECASE)
    parts = [p for p in re.split(r"\s*[-–—‐‑]+\s*", text) if p]
    if not parts:
        return "", None
    first = _page_token(parts[0])
    if len(parts) < 2:
        return first, None
    last = _page_token(parts[-1])
    mf, ml = _PAGE_PART.match(first), _PAGE_PART.match(last)
    if mf and ml and not ml.group(1) and not ml.group(3):
        digits_f, digits_l = mf.group(2), ml.group(2)
        if len(digits_l) < len(digits_f):  # 156-9 -> 156-159
            digits_l = digits_f[: len(digits_f) - len(digits_l)] + digits_l
        last = f"{mf.group(1)}{int(digits_l)}"
    return first, last


def _without_e(token: str) -> str:
    return token[1:] if re.fullmatch(r"e\d+", token) else token


def pages_match(article: str, record_pages: str | None, article_number: str | None = None) -> str | None:
    """``None`` when the article's pages agree with the record, else what differs.

    Agreement: the same first page (and last page, when both give one); the
    record's article number in place of pages (``e000776``, ``16696``, with or
    without the ``e``); or a range starting at page 1 for an article that only
    has an article number (the PDF's own page numbers).

    >>> pages_match("156-9", "156-159"), pages_match("e000776", None, "e000776")
    (None, None)
    >>> pages_match("160-9", "156-159")
    'first page 160, the record says 156'
    """
    first, last = page_range(article)
    if not first:
        return None
    numbers = [_page_token(n) for n in (article_number or "").split(",") if n.strip()]
    if any(_without_e(first) == _without_e(n) for n in numbers):
        return None
    if not record_pages:
        if numbers and first == "1":
            return None  # the PDF's page numbers of an article-number paper
        return None if not numbers else f"pages {article}, the record's article number is {article_number}"
    r_first, r_last = page_range(record_pages)
    if _without_e(first) != _without_e(r_first):
        return f"first page {first}, the record says {r_first}"
    if last and r_last and last != r_last:
        return f"last page {last}, the record says {r_last}"
    return None


def volume_key(volume: str) -> str:
    """A volume or issue folded: ``Vol. 05`` -> ``5``; ``3-4`` -> ``3 4``.

    >>> volume_key("Vol. 05"), volume_key("Suppl 1")
    ('5', 'suppl 1')
    """
    text = re.sub(r"^\s*(?:vol(?:ume)?|no|nr|issue)\.?\s*", "", volume.strip(), flags=re.IGNORECASE)
    tokens = fold(text).split()
    return " ".join(str(int(t)) if t.isdigit() else t for t in tokens)
