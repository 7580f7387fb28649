"""A trained sequence labeller for reference-list entries (linear-chain CRF).

The same family of model as AnyStyle's and GROBID's: each token of an entry gets a
label (``author``, ``title``, ``container``, ``date``, ``volume``, ``pages``, ...)
from features of the token and its neighbours, and the labels of adjacent tokens
are decoded together. The weights were fitted by ``benchmarks/train_reference_parser.py``
on AnyStyle's labelled strings and on PLOS reference lists (never on the articles the
benchmark holds out) and ship as ``claimcheck/data/reference_crf.bin``; they are data,
not code. :func:`label_entry` tags an entry; :func:`crf_fields` turns the tags into
field values. Identifiers (DOI, PMID, URL) stay with the rules of
:mod:`claimcheck.read.references.parse`, which are exact.

Tokens are runs of letters and digits or single punctuation marks, so
``1974;27:103-114`` is seven tokens and AMA's packed tail can be labelled.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["CrfFields", "crf_fields", "entry_features", "label_entry", "tokens"]

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "reference_crf.bin"
#: Least marginal probability at which ``"combined"`` prefers the labeller's field to the rules'.
SURE = 0.95
#: Longest entry the labeller reads (characters); longer text is not a reference entry.
MAX_CHARS = 2000

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_MONTHS = frozenset(
    (
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
)
_CUE_WORDS = frozenset(
    (
        "et",
        "al",
        "in",
        "eds",
        "ed",
        "editor",
        "editors",
        "vol",
        "no",
        "pp",
        "p",
        "doi",
        "http",
        "https",
        "www",
        "org",
        "available",
        "accessed",
        "retrieved",
        "press",
        "university",
        "journal",
        "proceedings",
        "proc",
        "conference",
        "symposium",
        "report",
        "thesis",
        "dissertation",
        "publisher",
        "pmid",
        "pmc",
        "isbn",
        "rev",
        "j",
        "int",
        "am",
        "ann",
        "res",
        "med",
        "sci",
        "trans",
    )
)
_lock = threading.Lock()
_tagger: Any = None


def tokens(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for every word run and punctuation mark of ``text``."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if len(out) < 2 or out[-1] != kind or out[-2] != kind:
            out.append(kind)
    return "".join(out[:6])


@lru_cache(maxsize=16384)
def _token_features(word: str) -> dict[str, float | str]:
    """The features of one token by itself (cached: read, never changed, by :func:`_word`)."""
    low = word.lower()
    feats: dict[str, float | str] = {"w": low, "shape": _shape(word)}
    if word[0].isalnum():
        feats["len"] = str(min(len(word), 8))
        feats["p3"] = low[:3]
        feats["s3"] = low[-3:]
        if word.isdigit():
            feats["digits"] = str(min(len(word), 5))
        if _YEAR.fullmatch(word):
            feats["year"] = 1.0
        if low in _MONTHS:
            feats["month"] = 1.0
        if low in _CUE_WORDS:
            feats["cue"] = low
        if len(word) == 1 and word.isupper():
            feats["initial"] = 1.0
        elif word.isupper() and len(word) <= 3:
            feats["initials"] = 1.0
    else:
        feats["punct"] = word
    return feats


def _attribute(key: str, value: float | str) -> bytes:
    """A feature as the tagger names it: ``{"w": "smith"}`` is ``b"w:smith"``, ``{"year": 1.0}`` ``b"year"``.

    python-crfsuite turns a feature dict into these names itself (``key:value`` for a string
    value, the key with the value as its weight for a number), in UTF-8; a list of names has
    weight 1.0 each. Names given as bytes are not encoded again at each entry.
    """
    return (f"{key}:{value}" if isinstance(value, str) else key).encode()


@dataclass(frozen=True, slots=True)
class _Word:
    """One token's attributes, named once per distinct word (cached by :func:`_word`).

    ``own`` are the token's own features (:func:`_token_features`); ``near[k]`` are what it
    gives as the neighbour at offset ``_OFFSETS[k]`` of another token: its word (``"w-2:smith"``
    to the token two after it) and, next door, its shape (``"shape-1:Xxxx"``).
    """

    own: tuple[bytes, ...]
    near: tuple[tuple[bytes, ...], ...]
    year: bool  # a year's shape (``2019``, ``2019a``)
    num: bool  # holds a digit
    dash: bool  # a dash, as in ``103-114``


#: The neighbours a token's attributes name: two before it to two after it.
_OFFSETS = (-2, -1, 1, 2)
#: What a neighbour's place past either end of the entry gives: ``("edge-2",)``, ``("edge-1",)``, ...
_EDGE = tuple((f"edge{k}".encode(),) for k in _OFFSETS)
_POS = tuple(f"pos:{p}".encode() for p in range(10))
_PERIODS = tuple(f"periods:{p}".encode() for p in range(7))
_DASHES = frozenset("-–—‑")


@lru_cache(maxsize=16384)
def _word(word: str) -> _Word:
    """The attributes of one word, wherever it stands (cached: read, never changed, by :func:`_features`)."""
    feats = _token_features(word)
    near = tuple(
        (f"w{k}:{feats['w']}".encode(), f"shape{k}:{feats['shape']}".encode())
        if abs(k) == 1
        else (f"w{k}:{feats['w']}".encode(),)
        for k in _OFFSETS
    )
    own = tuple(_attribute(key, value) for key, value in feats.items())
    return _Word(own, near, "year" in feats, any(ch.isdigit() for ch in word), word in _DASHES)


def entry_features(text: str) -> list[list[bytes]]:
    """CRF attributes of every token of ``text`` (see :func:`tokens`), as the tagger reads them.

    Each token has its own features (:func:`_token_features`), its place (``pos:3``, tenths
    of the entry; ``periods:2``, full stops before it that end no initial), ``space`` (a space
    before it), ``in_quote``, ``in_paren``, ``after_year``, its neighbours' words two either
    way and shapes one either way (``w-1:smith``, ``shape1:Xx``; ``edge-2`` past an end),
    ``range`` (part of ``103-114``), ``first`` and ``last``, in that order (the order the
    tagger adds their weights in, so it stays put).

    These are the names python-crfsuite gives a feature dict's items (``{"w": "smith"}`` is
    ``b"w:smith"``), built once per distinct word rather than per token. The shipped model was
    fitted on such dicts, which held ``space`` at 0.0 after no space; a feature of weight 0.0
    adds nothing to any score, so leaving it out changes no label and no marginal.
    """
    return _features(text, tokens(text))


def _features(text: str, toks: list[tuple[str, int, int]]) -> list[list[bytes]]:
    n = len(toks)
    words = [_word(t) for t, _, _ in toks]
    ranges = _ranges(words)
    # What the tokens two before, one before, one after and two after each token give it.
    before2 = [_EDGE[0], _EDGE[0]] + [w.near[0] for w in words]
    before1 = [_EDGE[1]] + [w.near[1] for w in words]
    after1 = [w.near[2] for w in words[1:]] + [_EDGE[2]]
    after2 = [w.near[3] for w in words[2:]] + [_EDGE[3], _EDGE[3]]
    out: list[list[bytes]] = []
    periods = quotes = depth = 0
    seen_year = False
    prev = ""
    for i, (word, start, _) in enumerate(toks):
        item = [*words[i].own, _POS[10 * i // n], _PERIODS[min(periods, 6)]]
        if start > 0 and text[start - 1].isspace():
            item.append(b"space")
        if quotes % 2:
            item.append(b"in_quote")
        if depth > 0:
            item.append(b"in_paren")
        if seen_year:
            item.append(b"after_year")
        item += before2[i]
        item += before1[i]
        item += after1[i]
        item += after2[i]
        if ranges[i]:
            item.append(b"range")
        if i == 0:
            item.append(b"first")
        if i == n - 1:
            item.append(b"last")
        out.append(item)
        if word == "." and not (len(prev) == 1 and prev.isupper()):
            periods += 1
        elif word in '"“”«»':
            quotes += 1
        elif word in "([":
            depth += 1
        elif word in ")]":
            depth = max(0, depth - 1)
        seen_year = seen_year or words[i].year
        prev = word
    return out


def _ranges(words: list[_Word]) -> list[bool]:
    """Whether each token is part of a number range such as ``103-114`` or ``e1-e9``.

    >>> _ranges([_word(w) for w in ["pp", "103", "-", "114", ";", "2020"]])
    [False, True, True, True, False, False]
    """
    n = len(words)
    num = [w.num for w in words] + [False, False]
    dash = [w.dash for w in words] + [False, False]  # index -1 and -2 read False too
    return [
        (num[i - 1] and num[i + 1])
        if dash[i]
        else num[i] and ((dash[i + 1] and num[i + 2]) or (dash[i - 1] and num[i - 2]))
        for i in range(n)
    ]


def _load() -> Any:
    global _tagger
    with _lock:
        if _tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(MODEL_PATH))
            _tagger = tagger
        return _tagger


def label_entry(text: str) -> list[tuple[str, int, int, str, float]]:
    """``(token, start, end, label, marginal probability of the label)`` for each token of ``text``.

    Examples
    --------
    >>> [lab for _, _, _, lab, _ in label_entry("Smith J. A trial. Lancet. 2020;1:2-3.")][:3]
    ['author', 'author', 'author']
    """
    text = text[:MAX_CHARS]
    toks = tokens(text)
    if not toks:
        return []
    tagger = _load()
    with _lock:
        labels = tagger.tag(_features(text, toks))
        sure = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
    return [(t, s, e, lab, p) for (t, s, e), lab, p in zip(toks, labels, sure, strict=True)]


@dataclass(frozen=True, slots=True)
class CrfFields:
    """Field text read from the labels: the first span of each label, as printed.

    ``sure`` maps each field read to the least marginal probability of its tokens' labels.
    """

    author: str | None = None
    title: str | None = None
    container: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    sure: dict[str, float] = field(default_factory=dict)


_VOLUME = re.compile(
    r"^(?:(?:vol(?:ume)?|v|bd|t|tome)\.?\s*)?(?:(?:1[5-9]|20)\d\d[a-z]?(?:\s+[A-Za-z]{3,9}(?:\s+\d{1,2})?)?\s*;\s*)?"
    r"([A-Za-z]?\d[\w.\-–/]*|[IVXLC]+)\b\s*(?:,?\s*(?:\(([^()]{1,20})\)|(?:no|nr|n°|issue|iss|h)\.?\s*(\w[\w\-–/]*)))?",
    re.IGNORECASE,
)
_IN = re.compile(r"^(?:in)\s*:?\s+", re.IGNORECASE)  # "In: Smith J, editor. Book": a chapter's container
_YEAR_IN = re.compile(r"\b(?:1[5-9]|20)\d\d(?![\d])")
_PAGES_MARK = re.compile(r"^\s*\(?\s*(?:pages?\s*|pp?\.\s*|pp?\s+|s\.\s*)(?=\d)", re.IGNORECASE)


def _spans(labelled: list[tuple[str, int, int, str, float]]) -> dict[str, list[tuple[int, int, float]]]:
    """Runs of one label: ``(start, end, least marginal)``."""
    spans: dict[str, list[tuple[int, int, float]]] = {}
    prev = None
    for _, start, end, lab, p in labelled:
        runs = spans.setdefault(lab, [])
        if lab == prev and runs:
            runs[-1] = (runs[-1][0], end, min(runs[-1][2], p))
        else:
            runs.append((start, end, p))
        prev = lab
    return spans


def _volume_issue(segment: str) -> tuple[str | None, str | None]:
    match = _VOLUME.search(segment.strip(" .,:;"))
    if not match:
        return None, None
    return match.group(1).rstrip(".-–/"), (match.group(2) or match.group(3) or None)


def crf_fields(text: str) -> CrfFields:
    """Field values of an entry from :func:`label_entry`, trimmed of edge punctuation.

    Examples
    --------
    >>> f = crf_fields("Smith J, Doe A. A trial of X. Lancet. 2020;12(3):45-67.")
    >>> f.author, f.title, f.container, f.year, f.volume, f.issue, f.pages
    ('Smith J, Doe A.', 'A trial of X', 'Lancet', 2020, '12', '3', '45-67')
    """
    labelled = label_entry(text)
    spans = _spans(labelled)
    sure = {name: runs[0][2] for name, runs in spans.items()}

    def first(label: str, strip: str = " .,;:") -> str | None:
        runs = spans.get(label)
        if not runs:
            return None
        value = text[runs[0][0] : runs[0][1]].strip(strip)
        return value or None

    container = first("container")
    if container:
        container = _IN.sub("", container).strip(" .,;:") or None
    year = None
    for label in ("date", "volume"):
        for s, e, _ in spans.get(label, ()):
            found = _YEAR_IN.search(text[s:e])
            if found:
                year = int(found.group())
                break
        if year:
            break
    volume = issue = None
    vol_seg = first("volume")
    if vol_seg:
        volume, issue = _volume_issue(vol_seg)
    pages = first("pages")
    if pages:
        pages = _PAGES_MARK.sub("", pages).strip(" .,;:()") or None
    return CrfFields(
        author=first("author", " ,;:"),
        title=_unquote(first("title")),
        container=container,
        year=year,
        volume=volume,
        issue=issue,
        pages=pages,
        sure={
            "author": sure.get("author", 0.0),
            "title": sure.get("title", 0.0),
            "container": sure.get("container", 0.0),
            "year": max(sure.get("date", 0.0), sure.get("volume", 0.0)),
            "volume": sure.get("volume", 0.0),
            "issue": sure.get("volume", 0.0),
            "pages": sure.get("pages", 0.0),
        },
    )


def _unquote(title: str | None) -> str | None:
    if title and len(title) >= 2 and title[0] in "“\"«‘'" and title[-1] in "”\"»’'":
        title = title[1:-1].strip(" ,;:.")
    elif title and title[0] in '“"«‘' and not any(q in title[1:] for q in '”"»’'):
        title = title[1:].strip()
    return title or None


def merge_fields(text: str, rules: dict[str, Any], *, method: str = "combined") -> dict[str, Any]:
    """The rules' field values of an entry, with the labeller's where it reads them.

    ``method="crf"`` takes every field the labeller reads (a field it leaves empty stays
    empty); ``"combined"`` takes the labeller's value when all its tokens' labels have a
    marginal probability of at least :data:`SURE` or the rules read none, and keeps the
    rules' whole reading when the labeller finds no title, or an author span that holds
    more than names.
    Authors come from the labeller's author span split by the name scanner of
    :mod:`claimcheck.text.names` (the whole span as one group author when no name
    can be read). Identifiers are never the labeller's.
    """
    from claimcheck.text.names import scan_authors, tokenize

    found = crf_fields(text)
    out = dict(rules)
    keep = method == "combined"
    if keep and found.title is None:
        return out  # no title read: the labeller's reading is not one to trust
    authors: tuple[str, ...] = ()
    et_al = False
    if found.author:
        toks = tokenize(found.author)
        names = scan_authors(found.author, toks)
        if keep and names.authors and any(t.kind != "punct" for t in toks[names.end :]):
            return out  # the author span holds more than names: its boundary is wrong
        authors, et_al = (names.authors, names.et_al) if names.authors else ((found.author,), False)
    for name, sure_of, value in (
        ("authors", "author", authors),
        ("et_al", "author", et_al if authors else rules.get("et_al", False)),
        ("title", "title", found.title),
        ("container", "container", found.container),
        ("year", "year", found.year),
        ("volume", "volume", found.volume),
        ("issue", "issue", found.issue),
        ("pages", "pages", found.pages),
    ):
        if not keep or (value and (found.sure[sure_of] >= SURE or not rules.get(name))):
            out[name] = value
    return out
