"""What follows the authors: year, title, container and the numeric locator.

After the author list an entry is read in three steps, each a linear pass over
its tokens:

1. :func:`read_year_slot` takes an APA / Harvard year right after the names
   (``(2009).``, ``, 2015a.``, ``2013.``) and editor marks (``(eds.)``).
2. :func:`find_locator` finds where the numeric tail starts: Vancouver
   ``2012;6:369-388``, APA ``12(3), 45-67``, IEEE ``vol. 21, no. 12, pp. 1-9``,
   Nature ``65, 586-590 (2005)``, Chicago ``93, no. 4 (Fall 2011): 581-598``,
   or a book's closing year. A number only starts the tail when what follows
   it is more locator or punctuation, so ``OC 1 Randomized`` or
   ``Anglistentag 1999 Mainz`` stay text.
3. :func:`split_title` cuts the text before the tail into title and container
   at sentence ends (not after initials or journal abbreviations such as
   ``J. Appl. Phys.``), at quotes, at ``In:`` and, for comma styles, at the
   first comma; publisher and editor segments are dropped.

:func:`read_locator` then gives volume, issue, pages and year from the tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .refnames import Token

__all__ = ["Locator", "find_locator", "read_locator", "read_year_slot", "split_title"]

DASHES = frozenset("-–‑—‒")
_MONTHS = frozenset(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december spring summer fall autumn winter""".split()
)
_VOL = frozenset({"vol", "volume", "v", "bd", "jg", "tome", "vols"})
_ISS = frozenset({"no", "nr", "n", "issue", "iss", "heft", "num", "nos"})
_PAGES = frozenset({"p", "pp", "pg", "pgs", "page", "pages", "s", "art", "article"})
_ROLES = frozenset({"ed", "eds", "editor", "editors", "hrsg", "hg", "dir", "coord", "comp", "trans"})
_ABBREV = frozenset(
    """vs eg ie al dr mr mrs ms st vol no nr pp ed eds inc co ltd jr sr dept fig suppl pt ser cf ca
    am appl phys chem biol med sci res rev int natl nat acad proc lett trans math softw comput comm
    commun soc eng environ clin psychol neurosci genet hum mol anal mach intell patt syst inf inst
    univ assoc bull ann arch curr eur br brit can aust dev exp gen immunol microbiol pharmacol physiol
    surg opin ther pract educ econ stat technol ind ecol evol geol geophys astron astrophys opt mater
    nucl electron numer optim theor symp conf neurol psychiatr oncol cardiol pediatr radiol
    endocrinol gastroenterol hepatol nephrol urol dermatol ophthalmol rheumatol infect dis inflamm
    behav cogn sociol philos hist ling stud quart annu adv prog rep pol polit manag adm j z jpn
    chin ger fr ital span dtsch zeitschr jahrb hrsg aufl verl biochem biophys bioinf mech struct
    anat pathol cell prev nutr obstet gynecol anesth emerg crit respir epidemiol toxicol virol
    pharm vet agric sust meas instrum sens commun rehabil occup psychopharmacol neuropsychol
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_PUBLISHER = re.compile(
    r"\b(?:press|publishers?|publishing|publications|verlag|books|inc|ltd|llc|gmbh|co|company|"
    r"editions?|éditions|presses|wiley|springer|elsevier|routledge|blackwell|sage|hachette|kluwer|"
    r"prentice[- ]hall|addison[- ]wesley|mcgraw[- ]hill|pergamon|macmillan|penguin|norton|"
    r"harper|oxford|cambridge|masson|dunod|gallimard|suhrkamp|beck|lippincott|saunders|mosby)\b",
    re.IGNORECASE,
)
_CITY_PUBLISHER = re.compile(r"^[A-Z][^\d:;]{0,40}\s?:\s*\S")
_EDITOR_SEGMENT = re.compile(
    r"^(?:eds?\b|edited\b|hrsg\b|hg\b|trans(?:lated)?\b|\d+(?:st|nd|rd|th)?\s+ed\b|\(eds?\))", re.IGNORECASE
)
_IN_EDITORS = re.compile(r"^.{0,120}?(?:,\s*|\s)\(?(?:eds?|Hrsg|Hg|editors?)\.?\)?\s*[,:]\s*", re.IGNORECASE)
_OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "``": "''"}


@dataclass(frozen=True, slots=True)
class Locator:
    """Volume, issue, pages and year read from an entry's numeric tail."""

    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: int | None = None


def _year(text: str) -> int | None:
    digits = text[:4]
    if len(text) >= 4 and digits.isdigit() and (len(text) == 4 or text[4:].isalpha()) and len(text) <= 5:
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
    year = _year(toks[k].text) if k < n and toks[k].kind == "num" else None
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
        if len(seg) == width and words and all(w in _ROLES for w in words):
            if seg[0] in ("(", ",") and all(w in _ROLES or w in ".,()" for w in seg):
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


def _is_month(tok: Token) -> bool:
    return tok.kind == "word" and _low(tok) in _MONTHS


def _atom(toks: list[Token], k: int) -> int | None:
    """End index of the locator atom at ``k`` (number, range, marked number, date), or None."""
    n = len(toks)
    tok = toks[k]
    if tok.kind == "num" and tok.text.replace(".", "").isdigit():
        end = k + 1
        if end + 1 < n and toks[end].text in DASHES and toks[end + 1].kind == "num":
            end += 2
        elif end + 1 < n and toks[end].text == "/" and toks[end + 1].kind == "num":
            end += 2
        elif end < n and _is_month(toks[end]):
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
        while m < n and toks[m].text in ".°º:":
            m += 1
        if m < n and toks[m].kind == "num":
            return _atom(toks, m)
        return None
    if _is_month(tok):
        m = k + 1
        while m < n and toks[m].text in "./" or (m < n and _is_month(toks[m])):
            m += 1
        if m < n and toks[m].kind == "num" and toks[m].text.isdigit():
            return m + 1 if not (m + 1 < n and toks[m + 1].text == ",") else m + 1
        return None
    if tok.text == "(" and k + 1 < n and (toks[k + 1].kind == "num" or _is_month(toks[k + 1])):
        for m in range(k + 1, min(k + 10, n)):
            if toks[m].text == ")":
                return m + 1
            if toks[m].kind == "word" and not _is_month(toks[m]):
                return None
    return None


def _starts_locator(toks: list[Token], k: int) -> bool:
    end = _atom(toks, k)
    if end is None:
        return False
    tok = toks[k]
    if tok.kind == "word" and not _is_month(tok):
        return True  # vol. 3, pp. 1-9, e000776
    if tok.text == "(":
        return end >= len(toks) or toks[end].text in ".,;:)" or _atom(toks, end) is not None
    if end - k == 3 and toks[k + 1].text in DASHES and not (_year(tok.text) and _year(toks[k + 2].text)):
        if end >= len(toks) or toks[end].text in ".,;)":
            return True  # a page range
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
    year = known_year
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
            value_year = _year(value)
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
    return any(k in ("range", "pages") or (k == "num" and not _year(v)) for k, v in items[idx + 1 :])


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
    if not (k + 1 < n and toks[k].kind == "word" and _low(toks[k]) in ("p", "pp", "s") and toks[k + 1].text == "."):
        return False
    return not (k + 2 < n and toks[k + 2].kind == "num")


def _classify(text: str, toks: list[Token], k: int, end: int) -> tuple[str, str]:
    tok = toks[k]
    word = _low(tok)
    if tok.text == "(":
        inner = text[toks[k + 1].start : toks[end - 2].end]
        years = [_year(t.text) for t in toks[k + 1 : end - 1] if t.kind == "num"]
        found = [y for y in years if y]
        return ("year", str(found[0])) if found else ("paren", inner)
    if _is_month(tok):
        return ("year", toks[end - 1].text) if _year(toks[end - 1].text) else ("date", "")
    if tok.kind == "word" and not (len(tok.text) > 1 and tok.text[0] in "eE" and tok.text[1:].isdigit()):
        m = k + 1
        while toks[m].kind != "num":
            m += 1
        value = text[toks[m].start : toks[end - 1].end]
        kind = "vol" if word in _VOL else "iss" if word in _ISS else "pages"
        return kind, value
    value = text[tok.start : toks[end - 1].end]
    if end - k == 3 and toks[k + 1].text in DASHES:
        return "range", value
    if end > k + 1 and _is_month(toks[k + 1]):
        last = toks[end - 1].text
        return ("year", last) if _year(last) else ("date", "")
    if tok.kind == "word":
        return "pages", value
    return "num", value


def _boundaries(text: str, toks: list[Token], start: int, end: int) -> list[int]:
    """Token indexes of sentence ends between ``start`` and ``end`` (outside quotes and brackets)."""
    out, depth, quoted = [], 0, False
    for k in range(start, end):
        tok = toks[k].text
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif tok in "“«„":
            quoted = True
        elif tok in "”»":
            quoted = False
        elif tok == '"':
            quoted = not quoted
        elif tok in ".?!" and depth == 0 and not quoted and k + 1 < end and _sentence_end(toks, k):
            out.append(k)
    return out


def _sentence_end(toks: list[Token], k: int) -> bool:
    nxt = toks[k + 1]
    if nxt.start == toks[k].end and toks[k].text == ".":
        return False  # "U.S.", "1.2"
    if not (nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text in "“\"«‘(["):
        return False
    if toks[k].text != ".":
        return True
    prev = toks[k - 1] if k else None
    if prev is None or prev.kind != "word":
        return prev is not None and prev.text not in ".-"
    word = prev.text
    if len(word) == 1 or word.lower() in _ABBREV:
        return False
    return not (k >= 2 and toks[k - 2].text == "." and len(word) <= 3 and not word.isupper())


@dataclass(frozen=True, slots=True)
class TitleParts:
    """The title and container cut from the text before the locator."""

    title: str | None
    container: str | None
    year: int | None = None


def split_title(text: str, toks: list[Token], start: int, end: int, has_numbers: bool) -> TitleParts:
    """Cut tokens ``start:end`` into title and container.

    ``has_numbers`` says the tail gave a volume, issue or pages, so the last
    part before it is most likely a journal.
    """
    if start >= end:
        return TitleParts(None, None)
    quoted = _quoted(text, toks, start, end)
    if quoted is not None:
        title, after = quoted
        year = None
        while after < end and toks[after].text in ",.;:":
            after += 1
        if after + 2 < end and toks[after].text == "(" and _year(toks[after + 1].text) and toks[after + 2].text == ")":
            year, after = _year(toks[after + 1].text), after + 3
        segments = _segments(text, toks, after, end)
        return TitleParts(title, _first_container(segments), year)
    segments = _segments(text, toks, start, end)
    in_at = next((i for i, s in enumerate(segments) if i and _starts_in(s)), None)
    if in_at is not None:
        return TitleParts(". ".join(segments[:in_at]), _first_container(segments[in_at:]))
    kept = _drop_trailing_noise(segments)
    if len(kept) >= 2:
        if has_numbers:
            return TitleParts(". ".join(kept[:-1]), _clean_container(kept[-1]))
        return TitleParts(kept[0], _clean_container(kept[1]))
    only = kept[0] if kept else segments[0]
    if has_numbers and _abbreviated(only):
        return TitleParts(None, _clean_container(only))  # "J. Appl. Phys. 86, 4520": no title printed
    head, comma, tail = _split_comma(only)
    if comma and (has_numbers or _is_publisher(tail) or _starts_in(tail)):
        return TitleParts(head, _clean_container(tail))
    return TitleParts(only, None)


def _abbreviated(segment: str) -> bool:
    """True for a journal abbreviation such as ``J. Appl. Phys.``."""
    words = segment.split()
    dotted = sum(w.endswith(".") for w in words)
    return 2 <= len(words) <= 6 and dotted * 2 >= len(words) and all(len(w) <= 9 for w in words)


def _quoted(text: str, toks: list[Token], start: int, end: int) -> tuple[str, int] | None:
    """The quoted title at ``start`` and the index after its closing quote."""
    opener = toks[start].text
    if opener == "`" and start + 1 < end and toks[start + 1].text == "`":
        opener, first = "``", start + 2
    elif opener in _OPEN_CLOSE:
        first = start + 1
    else:
        return None
    closer = _OPEN_CLOSE[opener]
    for k in range(first, end):
        tok = toks[k].text
        hit = tok == closer or (closer == "''" and tok == "'" and k + 1 < end and toks[k + 1].text == "'")
        if closer == "“" and tok == "”":
            hit = True
        if hit:
            title = text[toks[first].start : toks[k - 1].end] if k > first else ""
            after = k + (2 if closer == "''" else 1)
            # “A” and “B”: two quoted titles printed together.
            if after + 1 < end and toks[after].text == "and" and toks[after + 1].text == opener:
                again = _quoted(text, toks, after + 1, end)
                if again is not None:
                    return text[toks[first].start : toks[again[1] - 2].end], again[1]
            return title.strip(" ,.;:"), after
    return None


def _segments(text: str, toks: list[Token], start: int, end: int) -> list[str]:
    cuts = [*_boundaries(text, toks, start, end), end]
    out, begin = [], start
    for cut in cuts:
        if cut > begin:
            piece = text[toks[begin].start : toks[cut - 1].end].strip(" ,;:")
            if cut < end and toks[cut].text in "?!":
                piece += toks[cut].text
            if piece:
                out.append(piece)
        begin = cut + 1
    return out


def _starts_in(segment: str) -> bool:
    return bool(re.match(r"In(?::|\s+(?=[A-Z\d]))", segment))


def _is_publisher(segment: str, city: bool = True) -> bool:
    segment = segment.strip()
    if not segment:
        return False
    if city and _CITY_PUBLISHER.match(segment) and len(segment.split(":", 1)[0].split()) <= 3:
        return True
    return bool(_PUBLISHER.search(segment)) and not re.search(r"\b(?:journal|review|proceedings)\b", segment, re.I)


def _is_noise(segment: str) -> bool:
    return _is_publisher(segment) or bool(_EDITOR_SEGMENT.match(segment))


def _drop_trailing_noise(segments: list[str]) -> list[str]:
    kept = list(segments)
    while len(kept) > 1 and _is_noise(kept[-1]):
        kept.pop()
    return kept


def _first_container(segments: list[str]) -> str | None:
    for segment in segments:
        if _is_noise(segment):
            continue
        return _clean_container(segment)
    return None


def _clean_container(segment: str) -> str | None:
    segment = re.sub(r"^In(?::\s*|\s+)", "", segment.strip())
    match = _IN_EDITORS.match(segment)
    if match and match.end() < len(segment):
        segment = segment[match.end() :]
    segment = re.split(r",\s*special issue\b", segment, maxsplit=1, flags=re.IGNORECASE)[0]
    segment = segment.strip(" ,;:.")
    if not segment or _is_publisher(segment, city=False):
        return None
    return segment


def _split_comma(segment: str) -> tuple[str, bool, str]:
    depth = 0
    for i, ch in enumerate(segment):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and i + 1 < len(segment) and segment[i + 1] == " ":
            return segment[:i], True, segment[i + 1 :].strip()
    return segment, False, ""
