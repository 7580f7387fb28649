"""The numeric tail of a reference entry: volume, issue, pages and year.

:func:`read_year_slot` takes an APA / Harvard year right after the names
(``(2009).``, ``, 2015a.``, ``2013.``) and editor marks (``(eds.)``).
:func:`find_locator` finds where the numeric tail starts: Vancouver
``2012;6:369-388``, APA ``12(3), 45-67``, IEEE ``vol. 21, no. 12, pp. 1-9``,
Nature ``65, 586-590 (2005)``, Chicago ``93, no. 4 (Fall 2011): 581-598``, or a
book's closing year. A number only starts the tail when what follows it is
more locator or punctuation, so ``OC 1 Randomized`` or ``Anglistentag 1999
Mainz`` stay text. :func:`read_locator` then reads the tail's atoms in order.
Every step looks a bounded number of tokens ahead, so all are linear.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.text.names import Token
from claimcheck.text.words import DASHES
from claimcheck.text.words import ISSUE_MARKS as _ISS
from claimcheck.text.words import MONTHS as _MONTHS
from claimcheck.text.words import PAGE_MARKS as _PAGES
from claimcheck.text.words import ROLES as _ROLES
from claimcheck.text.words import VOLUME_MARKS as _VOL

__all__ = ["Locator", "find_locator", "is_month", "read_locator", "read_year_slot", "year_of"]


@dataclass(frozen=True, slots=True)
class Locator:
    """Volume, issue, pages and year read from an entry's numeric tail."""

    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: int | None = None


def year_of(text: str) -> int | None:
    """The year 1500-2099 that ``text`` (``2009``, ``2015a``) is, or ``None``."""
    digits = text[:4]
    if (
        len(text) >= 4
        and digits.isascii()
        and digits.isdigit()
        and (len(text) == 4 or text[4:].isalpha())
        and len(text) <= 5
    ):
        value = int(digits)
        if 1500 <= value <= 2099:
            return value
    return None


def _low(tok: Token) -> str:
    return tok.text.lower()


def read_year_slot(toks: list[Token], j: int) -> tuple[int | None, int]:
    """Read editor marks and a year right after the names; return year and next index."""
    n = len(toks)
    j = _skip_roles(toks, j)
    k = j
    while k < n and toks[k].text in ".,:":
        k += 1
    paren = k < n and toks[k].text == "("
    if paren:
        k += 1
    year = year_of(toks[k].text) if k < n and toks[k].kind == "num" else None
    if year is None:
        if paren and k + 3 < n and [_low(t) for t in toks[k : k + 4]] == ["n", ".", "d", "."]:
            return None, _close_paren(toks, k + 4)
        return None, j
    k += 1
    if paren:
        k = _close_paren(toks, k)
    elif k < n and toks[k].text not in ".,:)":
        return None, j  # "2019 guidelines ..." is a title
    while k < n and toks[k].text in ".,:":
        k += 1
    return year, k


def _skip_roles(toks: list[Token], j: int) -> int:
    n = len(toks)
    for width in (4, 3, 2):
        seg = [_low(t) for t in toks[j : j + width]]
        words = [w for w in seg if w.isalpha()]
        roles = words and all(w in _ROLES for w in words) and all(w in _ROLES or w in ".,()" for w in seg)
        if len(seg) == width and roles and seg[0] in ("(", ","):
            k = j + width
            while k < n and toks[k].text in ".)":
                k += 1
            return k
    return j


def _close_paren(toks: list[Token], k: int) -> int:
    for m in range(k, min(k + 8, len(toks))):
        if toks[m].text == ")":
            return m + 1
    return k


def is_month(tok: Token) -> bool:
    return tok.kind == "word" and _low(tok) in _MONTHS


def _is_dash(toks: list[Token], k: int) -> bool:
    """A dash between page numbers; ``?`` too when glued to both (a mangled en dash)."""
    tok = toks[k]
    if tok.text in DASHES:
        return True
    return (
        tok.text == "?"
        and 0 < k < len(toks) - 1
        and toks[k - 1].end == tok.start
        and toks[k + 1].start == tok.end
    )


def _atom(toks: list[Token], k: int) -> int | None:
    """End index of the locator atom at ``k`` (number, range, marked number, date), or None."""
    n = len(toks)
    tok = toks[k]
    if tok.kind == "num" and tok.text.replace(".", "").isdigit():
        end = k + 1
        if (end + 1 < n and _is_dash(toks, end) and toks[end + 1].kind == "num") or (
            end + 1 < n and toks[end].text == "/" and toks[end + 1].kind == "num"
        ):
            end += 2
        elif end < n and is_month(toks[end]):
            end += 1
            if end < n and toks[end].text == ".":
                end += 1
            if end < n and toks[end].kind == "num":
                end += 1
        return end
    if tok.kind == "word" and len(tok.text) > 1 and tok.text[0] in "eE" and tok.text[1:].isdigit():
        return k + 1
    if tok.kind == "word" and (_low(tok) in _VOL or _low(tok) in _ISS or _low(tok) in _PAGES):
        m = k + 1
        while m < min(n, k + 3) and toks[m].text in ".°º:":
            m += 1
        if m < n and toks[m].kind == "num":
            return _atom(toks, m)
        return None
    if is_month(tok):
        m = k + 1
        while m < min(n, k + 5) and (toks[m].text in "./" or is_month(toks[m])):
            m += 1
        if m < n and toks[m].kind == "num" and toks[m].text.isdigit():
            return m + 1
        return None
    if tok.text == "(" and k + 1 < n and (toks[k + 1].kind == "num" or is_month(toks[k + 1])):
        for m in range(k + 1, min(k + 10, n)):
            if toks[m].text == ")":
                return m + 1
            if toks[m].kind == "word" and not is_month(toks[m]):
                return None
    return None


def _starts_locator(toks: list[Token], k: int) -> bool:
    end = _atom(toks, k)
    if end is None:
        return False
    tok = toks[k]
    if tok.kind == "word" and not is_month(tok):
        return True  # vol. 3, pp. 1-9, e000776
    if tok.text == "(":
        return end >= len(toks) or toks[end].text in ".,;:)" or _atom(toks, end) is not None
    page_range = (
        end - k == 3 and _is_dash(toks, k + 1) and not (year_of(tok.text) and year_of(toks[k + 2].text))
    )
    if page_range and (end >= len(toks) or toks[end].text in ".,;)"):
        return True  # a page range, even before a note: "985-987. Special Issue"
    return _followed_by_locator(toks, end)


def _followed_by_locator(toks: list[Token], end: int) -> bool:
    n = len(toks)
    if end >= n or toks[end].text in ")]":
        return True
    if _atom(toks, end) is not None:
        return True
    if toks[end].text in ",;:.":
        nxt = end + 1
        if nxt >= n:
            return True
        if toks[nxt].text == "(" and toks[end].text != ".":
            return True
        return _atom(toks, nxt) is not None
    if toks[end].text == "(":
        return _atom(toks, end) is not None
    if toks[end].kind == "word" and _low(toks[end]) in ("p", "pp", "s") and end + 1 < n:
        return toks[end + 1].text == "."
    return False


def find_locator(toks: list[Token], start: int, end: int | None = None) -> int:
    """Index where the numeric tail starts, searching from ``start``; ``len(toks)`` if none."""
    stop = len(toks) if end is None else end
    depth = 0
    for k in range(start, stop):
        text = toks[k].text
        if depth == 0 and _starts_locator(toks, k):
            return k
        if text in "([":
            depth += 1
        elif text in ")]" and depth:
            depth -= 1
    return len(toks)


def read_locator(text: str, toks: list[Token], start: int, known_year: int | None = None) -> Locator:
    """Volume, issue, pages and year from the tail that starts at token ``start``."""
    items = _locator_items(text, toks, start)
    volume = issue = pages = None
    # A year printed as such - "(1996)", "July 1992" - beats a bare number that looks like one.
    year = known_year or next((int(v) for k, v in items if k == "year"), None)
    for idx, (kind, value) in enumerate(items):
        if kind == "year":
            year = year or int(value)
        elif kind == "vol":
            volume = volume or value
        elif kind == "iss":
            issue = issue or value
        elif kind == "pages":
            pages = value if pages is None else pages
        elif kind == "range":
            joined = idx and items[idx - 1][0] in ("range", "pages")
            pages = value if pages is None else (pages + ", " + value if joined else pages)
        elif kind == "paren":
            issue = issue or value
        elif kind == "num":
            value_year = year_of(value)
            if value_year and (year is None or year == value_year):
                year = value_year
            elif volume is None and pages is None:
                volume = value
            elif issue is None and pages is None and _more_numbers(items, idx):
                issue = value
            elif pages is None:
                pages = value
    return Locator(volume, issue, pages, year)


def _more_numbers(items: list[tuple[str, str]], idx: int) -> bool:
    return any(k in ("range", "pages") or (k == "num" and not year_of(v)) for k, v in items[idx + 1 :])


def _locator_items(text: str, toks: list[Token], k: int) -> list[tuple[str, str]]:
    """Classify the tail's atoms: vol, iss, pages, range, paren, num, year."""
    items: list[tuple[str, str]] = []
    n = len(toks)
    while k < n and len(items) < 12:
        tok = toks[k]
        if tok.text in ",;:./" or tok.text in DASHES:
            k += 1
            continue
        end = _atom(toks, k)
        if end is None:
            break
        items.append(_classify(text, toks, k, end))
        k = end
        if _page_count_mark(toks, k):
            items[-1] = ("pages", items[-1][1])  # "702 p." - a page count
            k += 2
    return items


def _page_count_mark(toks: list[Token], k: int) -> bool:
    """True for the ``p.`` of ``702 p.`` (a page count), not ``1 pp. 35-50``."""
    n = len(toks)
    if not (
        k + 1 < n and toks[k].kind == "word" and _low(toks[k]) in ("p", "pp", "s") and toks[k + 1].text == "."
    ):
        return False
    return not (k + 2 < n and toks[k + 2].kind == "num")


def _classify(text: str, toks: list[Token], k: int, end: int) -> tuple[str, str]:
    tok = toks[k]
    word = _low(tok)
    if tok.text == "(":
        inner = text[toks[k + 1].start : toks[end - 2].end]
        years = [year_of(t.text) for t in toks[k + 1 : end - 1] if t.kind == "num"]
        found = [y for y in years if y]
        return ("year", str(found[0])) if found else ("paren", inner)
    if is_month(tok):
        return ("year", toks[end - 1].text) if year_of(toks[end - 1].text) else ("date", "")
    if tok.kind == "word" and not (len(tok.text) > 1 and tok.text[0] in "eE" and tok.text[1:].isdigit()):
        m = k + 1
        while toks[m].kind != "num":
            m += 1
        value = text[toks[m].start : toks[end - 1].end]
        kind = "vol" if word in _VOL else "iss" if word in _ISS else "pages"
        return kind, value
    value = text[tok.start : toks[end - 1].end]
    if end - k == 3 and _is_dash(toks, k + 1):
        return "range", value
    if end > k + 1 and is_month(toks[k + 1]):
        # "2012 Jan" (Vancouver) or "5 June 2015"
        year = next((t.text for t in (tok, toks[end - 1]) if year_of(t.text)), None)
        return ("year", year) if year else ("date", "")
    if tok.kind == "word":
        return "pages", value
    return "num", value
