"""Author lists of printed references: who is named, and where the list ends.

The scanner reads the tokens at the start of an entry and accepts one name at a
time in one of four printed forms:

- ``vancouver``: family name, then initials (``Hassan K``, ``Al-Harbi KS``);
- ``inverted``: family name, comma, given names or initials (``Birch, H.``);
- ``direct``: given names or initials, then family name (``D. J. Burr``);
- ``caps``: a family name in capitals, then given names (``KAHAN Marcel``).

The first name fixes the style of the list; later names must agree with it (an
inverted first name may be followed by direct ones, as MLA and Chicago print
them). A list ends at ``et al``, after the name that follows a final ``and``
or ``&``, or where no further name can be read; it is kept only when it ends at
sensible punctuation, so a title is not mistaken for names. Every step looks
at a bounded number of tokens, so the scan is linear in the entry's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.text.words import NOT_NAMES as _NOT_NAMES
from claimcheck.text.words import PARTICLES as _PARTICLES

__all__ = ["AuthorList", "Token", "family_name", "scan_authors", "tokenize"]

_TOKEN_RE = re.compile(r"[^\W\d_]\w*(?:['’\-][^\W_]+)*|\d+(?:\.\d+)*[^\W\d_]*|\S")
# Capitalised words that start titles, not names.
_SEPARATORS = frozenset({",", ";", "&", "and", "und", "et", "a", "y", "e", "och", "en"})
_FINAL = frozenset({"&", "and", "und", "et", "a", "y", "e", "och", "en"})
_OPENERS = frozenset("“\"«‘„`'([")


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a number or one punctuation character, with its span."""

    text: str
    start: int
    end: int
    kind: str  # "word", "num" or "punct"


@dataclass(frozen=True, slots=True)
class AuthorList:
    """The names read from the start of an entry.

    ``end`` is the index of the first token after the list (``0`` when no list
    was found); ``style`` is the first name's form.
    """

    authors: tuple[str, ...] = ()
    et_al: bool = False
    end: int = 0
    style: str | None = None


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens."""
    out = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        first = word[0]
        kind = "num" if first.isdigit() else "word" if first.isalpha() else "punct"
        out.append(Token(word, match.start(), match.end(), kind))
    return out


def _is_initial(tok: Token) -> bool:
    return tok.kind == "word" and len(tok.text) == 1 and tok.text.isupper()


def _is_two_letter_initial(toks: list[Token], j: int) -> bool:
    tok = toks[j]
    if not (tok.kind == "word" and len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1].islower()):
        return False
    if not (j + 2 < len(toks) and toks[j + 1].text == "." and toks[j + 1].start == tok.end):
        return False
    return _is_initial(toks[j + 2]) or _is_name(toks[j + 2])


def _is_caps_initials(tok: Token) -> bool:
    return tok.kind == "word" and 2 <= len(tok.text) <= 3 and tok.text.isupper() and tok.text.isalpha()


def _is_particle(tok: Token) -> bool:
    return (
        tok.kind == "word" and tok.text.lower() in _PARTICLES and (tok.text.islower() or tok.text.isupper())
    )


def _is_name(tok: Token) -> bool:
    text = tok.text
    if tok.kind != "word" or not text[0].isupper() or len(text) < 2:
        return False
    if _is_caps_initials(tok) or text.lower() in _NOT_NAMES:
        return False
    return any(c.isalpha() for c in text[1:])


@dataclass(frozen=True, slots=True)
class _Name:
    end: int  # index after the name
    text_end: int  # character offset where the name's text ends
    form: str
    dotted: bool  # initials printed with dots
    initials: bool  # given part is (only) initials


def _initials(toks: list[Token], i: int) -> tuple[int, bool] | None:
    """Read initials (``G. M.``, ``J.-S.``, ``KS``, ``J.P``); return end index and dotted."""
    n, j, dotted, units = len(toks), i, False, 0
    while j < n and units < 6:
        tok = toks[j]
        if _is_two_letter_initial(toks, j):
            pass  # "Yu. F. Popov", "Th. Mann"
        elif _is_initial(tok):
            if dotted and toks[j - 1].end != tok.start and (j + 1 >= n or toks[j + 1].text != "."):
                break  # "J. A study": an undotted letter after dotted ones starts the title
        elif not (units == 0 and _is_caps_initials(tok)):
            break
        j, units = j + 1, units + 1
        if j < n and toks[j].text == "." and (toks[j].start == toks[j - 1].end or _next_is_name(toks, j + 1)):
            j, dotted = j + 1, True
        if j + 1 < n and toks[j].text == "-" and _is_initial(toks[j + 1]):
            j += 1
        elif not (j < n and _is_initial(toks[j])):
            break
    return (j, dotted) if units else None


def _next_is_name(toks: list[Token], j: int) -> bool:
    return j < len(toks) and _is_name(toks[j])


def _family(toks: list[Token], i: int, most: int = 3) -> int | None:
    """Read a family name: name words, particles allowed before a name word."""
    j, names = i, 0
    while j < len(toks) and names < most and j - i < most + 3:
        tok = toks[j]
        if _is_name(tok):
            j, names = j + 1, names + 1
        elif _is_particle(tok) and j + 1 < len(toks) and (_is_name(toks[j + 1]) or _is_particle(toks[j + 1])):
            j += 1
        else:
            break
    return j if names else None


def _vancouver(toks: list[Token], i: int) -> _Name | None:
    fam = _family(toks, i)
    if fam is None or fam >= len(toks):
        return None
    got = _initials(toks, fam)
    if got is None:
        return None
    end, dotted = got
    text_end = toks[end - 1].end
    # A single dot after the last initial ends the sentence: "Davis P. Safety".
    if toks[end - 1].text == "." and not (end - 3 >= fam and toks[end - 3].text == "."):
        text_end = toks[end - 2].end
        dotted = False
    return _Name(end, text_end, "vancouver", dotted, True)


def _given(toks: list[Token], i: int) -> tuple[int, bool, bool] | None:
    """Given names after a comma: initials, words, or both (``Gerard A.``, ``Pierre-Marc de``)."""
    j, dotted, only_initials, parts = i, False, True, 0
    while j < len(toks) and parts < 4:
        got = _initials(toks, j)
        if got is not None:
            j, dotted, parts = got[0], dotted or got[1], parts + 1
            continue
        tok = toks[j]
        if dotted and not _is_particle(tok):
            break  # "Modahl, C. Green, L.": the name after the initials is the next author
        if _is_name(tok) or (parts and _is_particle(tok)):
            only_initials = only_initials and not _is_name(tok)
            j, parts = j + 1, parts + 1
            continue
        break
    return (j, dotted, only_initials) if parts else None


def _inverted(toks: list[Token], i: int) -> _Name | None:
    fam = _family(toks, i, most=1)
    if fam is None or fam + 1 >= len(toks) or toks[fam].text != ",":
        return None
    got = _given(toks, fam + 1)
    if got is None:
        return None
    end, dotted, initials = got
    return _Name(end, toks[end - 1].end, "inverted", dotted, initials)


def _caps(toks: list[Token], i: int) -> _Name | None:
    j = i
    while (
        j < min(len(toks), i + 3)
        and toks[j].kind == "word"
        and toks[j].text.isupper()
        and len(toks[j].text) >= 4
    ):
        j += 1
    if j == i:
        return None
    k = j
    while k < min(len(toks), j + 3) and _is_name(toks[k]) and not toks[k].text.isupper():
        k += 1
    return _Name(k, toks[k - 1].end, "caps", False, False) if k > j else None


def _direct(toks: list[Token], i: int) -> _Name | None:
    """Given names or initials, then a family name: ``D. J. Burr``, ``Ben AW DE JONG``."""
    parts: list[str] = []
    j, dotted, initials, last_name = i, False, True, None
    while j < len(toks) and len(parts) < 6:
        got = _initials(toks, j)
        if got is not None and not (_is_name(toks[j]) and toks[j].text.isupper()):
            parts.append("i")
            j, dotted = got[0], dotted or got[1]
            continue
        tok = toks[j]
        if _is_name(tok):
            parts.append("n")
            j, last_name = j + 1, j
            continue
        if _is_particle(tok) and parts:
            parts.append("p")
            j += 1
            continue
        break
    if last_name is None or len(parts) < 2:
        return None
    end = last_name + 1
    given = parts[: parts.index("n")] if parts[0] != "n" else ["n"]
    if parts.count("n") > 1 and parts[0] == "n":
        initials = False
    elif given and all(p == "i" for p in given):
        initials = True
    else:
        initials = False
    if end - i < 2:
        return None
    return _Name(end, toks[end - 1].end, "direct", dotted, initials)


_FORMS = {"vancouver": _vancouver, "inverted": _inverted, "caps": _caps, "direct": _direct}
_FOLLOWERS = {
    "vancouver": ("vancouver",),
    "inverted": ("inverted", "vancouver", "direct"),
    "caps": ("caps", "direct"),
    "direct": ("direct",),
}


def _read_name(toks: list[Token], i: int, first: _Name | None, final: bool = False) -> _Name | None:
    """The longest name at ``i`` in a form the list allows that ends at a sensible place."""
    names = _names_at(toks, i, first, final)
    return names[0] if names else None


def _names_at(toks: list[Token], i: int, first: _Name | None, final: bool = False) -> list[_Name]:
    """Every reading of the name at ``i`` the list allows, longest first."""
    forms = ("inverted", "vancouver", "caps", "direct") if first is None else _FOLLOWERS[first.form]
    found = []
    for form in forms:
        name = _FORMS[form](toks, i)
        if name is None:
            continue
        name = _with_suffix(toks, name)
        if not _ends_well_or_continues(toks, name):
            continue
        # A list that began with initials goes on with initials, dotted alike (unless after "and").
        consistent = name.initials and name.dotted == first.dotted if first is not None else True
        if first is not None and name.form == "direct" and first.initials and not final and not consistent:
            continue
        found.append(name)
    found.sort(key=lambda n: -n.end)
    if first is None and len(found) > 1 and found[0].form == "direct" and _before_dot(toks, found[0]):
        # "Jones A. Trial. Lancet." is Vancouver "Jones A" and a title, not "Jones A. Trial";
        # "Joseph A. Schumpeter, Capitalism" (a comma follows) stays direct.
        found.sort(key=lambda n: n.form != "vancouver")
    return found


def _before_dot(toks: list[Token], name: _Name) -> bool:
    return name.end < len(toks) and toks[name.end].text == "."


def _et_al(toks: list[Token], j: int) -> int | None:
    """Index after ``et al.`` / ``, et al`` / ``and others`` at ``j``, if there."""
    k = j + 1 if j < len(toks) and toks[j].text == "," else j
    words = [t.text.lower() for t in toks[k : k + 4]]
    if words[:2] == ["et", "al"]:
        k += 2
    elif words[:3] == ["et", ".", "al"]:
        k += 3
    elif words[:2] == ["and", "others"]:
        k += 2
    else:
        return None
    return k + 1 if k < len(toks) and toks[k].text == "." else k


def _separator(toks: list[Token], j: int, name: _Name) -> tuple[int, bool] | None:
    """Index after a separator at ``j`` and whether it marks the last name."""
    n = len(toks)
    if j >= n:
        return None
    text = toks[j].text
    if text == "." and j + 1 < n and toks[j + 1].text == ",":
        return j + 2, False
    if text in (",", ";"):
        if j + 1 < n and toks[j + 1].text.lower() in ("and", "&", "und", "et"):
            return j + 2, True
        return j + 1, False
    if text.lower() in _SEPARATORS and (text.islower() or text == "&"):
        return j + 1, text.lower() in _FINAL
    if name.form == "inverted" and toks[j - 1].text == "." and _is_name(toks[j]):
        return j, False  # "Modahl, C. Green, L." - the dot of the initials separates
    if (
        name.form == "inverted"
        and text == "."
        and j + 2 < n
        and _is_name(toks[j + 1])
        and toks[j + 2].text == ","
    ):
        return j + 1, False  # "ROUSSILLON, René. CHABERT, Catherine."
    return None


def _ends_well(toks: list[Token], j: int) -> bool:
    """True when a list ending before token ``j`` ends at sensible punctuation."""
    if j >= len(toks) or toks[j - 1].text == ".":
        return True
    tok = toks[j]
    if tok.text in ".,:;" or tok.text in _OPENERS:
        return True
    return tok.kind == "num" and len(tok.text) >= 4


def scan_authors(text: str, toks: list[Token], start: int = 0) -> AuthorList:
    """Read the author list of ``text`` (tokenised as ``toks``) from token ``start``.

    Returns an empty :class:`AuthorList` (``end == start``) when the entry
    does not start with names. The first name may be read in more than one
    form (``Author A. Sleep`` or ``Author A.``); each reading is tried, longest
    first, until the list ends at sensible punctuation.
    """
    for first in _names_at(toks, start, None):
        found = _scan_from(text, toks, start, first)
        if found.authors:
            return found
    return AuthorList(end=start)


def _scan_from(text: str, toks: list[Token], start: int, first: _Name) -> AuthorList:
    """The author list whose first name is ``first``."""
    spans: list[tuple[int, int]] = []
    j, last_good, et_al, final = start, start, False, False
    while j < len(toks):
        name = first if j == start else _read_name(toks, j, first, final)
        if name is None:
            break
        name = _with_suffix(toks, name)
        spans.append((toks[j].start, name.text_end))
        last_good = name.end
        after = _et_al(toks, name.end)
        if after is not None:
            last_good, et_al = after, True
            break
        if final:
            break
        sep = _separator(toks, name.end, name)
        if sep is None:
            break
        j, final = sep
    if not spans or not _ends_well(toks, last_good):
        return AuthorList(end=start)
    return AuthorList(tuple(text[s:e] for s, e in spans), et_al, last_good, first.form)


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "jnr", "snr"})


def _with_suffix(toks: list[Token], name: _Name) -> _Name:
    """Take ``Jr.`` / ``III`` after a name into it: ``Smith, J., Jr.``, ``King ML Jr``."""
    j = name.end
    if j < len(toks) and toks[j].text == ",":
        j += 1
    if j >= len(toks) or toks[j].text.lower() not in _SUFFIXES or toks[j].kind != "word":
        return name
    end = j + 2 if j + 1 < len(toks) and toks[j + 1].text == "." else j + 1
    return _Name(end, toks[end - 1].end, name.form, name.dotted, name.initials)


def _ends_well_or_continues(toks: list[Token], name: _Name) -> bool:
    j = name.end
    if j >= len(toks) or _ends_well(toks, j) or _et_al(toks, j) is not None:
        return True
    return toks[j].text.lower() in _SEPARATORS or toks[j].text == "&" or _separator(toks, j, name) is not None


def family_name(author: str) -> str | None:
    """The family name in one printed author name.

    Examples
    --------
    >>> [family_name(a) for a in ("Hassan K", "Birch, H.", "D. J. Burr", "KAHAN Marcel", "Ben AW DE JONG")]
    ['Hassan', 'Birch', 'Burr', 'KAHAN', 'DE JONG']
    """
    author = author.strip().rstrip(".,;:").strip()
    if not author:
        return None
    if "," in author:
        return author.split(",", 1)[0].strip() or None
    toks = [t for t in tokenize(author) if t.kind == "word"]
    if not toks:
        return author
    k = len(toks)
    while k > 0 and (_is_initial(toks[k - 1]) or _is_caps_initials(toks[k - 1])):
        k -= 1
    if 0 < k < len(toks):
        return author[toks[0].start : toks[k - 1].end]
    if len(toks) > 1 and toks[0].text.isupper() and len(toks[0].text) >= 4 and not toks[-1].text.isupper():
        return toks[0].text
    k = len(toks) - 1
    while k > 0 and (_is_particle(toks[k - 1]) or (toks[k].text.isupper() and toks[k - 1].text.isupper())):
        k -= 1
    if k > 0 and _is_caps_initials(toks[k]) and k < len(toks) - 1:
        k += 1
    return author[toks[k].start : toks[-1].end]
