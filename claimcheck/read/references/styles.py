"""Title and container: the text between the author list and the numeric tail.

:func:`split_title` cuts it at sentence ends (not after initials or journal
abbreviations such as ``J. Appl. Phys.``), at quotes, at ``In:`` and, for
comma styles (IEEE, CS), at the first comma before a capital; publisher
(``Trier: WVT``, ``Prentice-Hall, Inc``) and editor (``Ed. Anja Müller``)
segments are dropped. Each pass is linear in the number of tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.read.references.locate import year_of
from claimcheck.text.names import Token
from claimcheck.text.words import ABBREVIATIONS as _ABBREV
from claimcheck.text.words import LOWER_OK as _LOWER_OK
from claimcheck.text.words import PUBLISHER as _PUBLISHER

__all__ = ["TitleParts", "split_title"]

_CITY_PUBLISHER = re.compile(r"^[A-Z][^\d:;]{0,40}\s?:\s*\S")
_EDITOR_SEGMENT = re.compile(
    r"^(?:eds?\b|edited\b|hrsg\b|hg\b|trans(?:lated)?\b|\d+(?:st|nd|rd|th)?\s+ed\b|\(eds?\))", re.IGNORECASE
)
_IN_EDITORS = re.compile(
    r"^.{0,120}?(?:,\s*|\s)\(?(?:eds?|Hrsg|Hg|editors?)\b\.?\)?(?:\s*[,:]\s*|\.\s+(?=[A-Z]))", re.IGNORECASE
)
_OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "``": "''", "'": "'"}


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
        elif tok in ".?!" and depth == 0 and not quoted and k + 1 < end and _sentence_end(toks, k, start):
            out.append(k)
    return out


def _sentence_end(toks: list[Token], k: int, start: int) -> bool:
    nxt = toks[k + 1]
    prev = toks[k - 1] if k else None
    if nxt.start == toks[k].end and toks[k].text == "." and (prev is None or len(prev.text) <= 3):
        return False  # "U.S.", "1.2", but "education.Health" is a missing space
    if not (nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text in '“"«‘(['):
        return False
    if toks[k].text != ".":
        return True
    if prev is None or prev.kind != "word":
        return prev is not None and prev.text not in ".-"
    word = prev.text
    if len(word) == 1 or (word.lower() in _ABBREV and not word.isupper()):
        return False
    # A chain of abbreviations goes on: "Dokl. Akad. Nauk", "Rev. Mus. Hist."
    return not (k - 2 >= start and toks[k - 2].text == "." and len(word) <= 6 and word[1:].islower())


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
        if (
            after + 2 < end
            and toks[after].text == "("
            and year_of(toks[after + 1].text)
            and toks[after + 2].text == ")"
        ):
            year, after = year_of(toks[after + 1].text), after + 3
        segments = _segments(text, toks, after, end)
        return TitleParts(title, _first_container(segments), year)
    segments = _segments(text, toks, start, end)
    if not segments:
        return TitleParts(None, None)
    if re.match(r"[Ii]n:", segments[0]):
        return TitleParts(
            None, _first_container(segments)
        )  # "in: Scientific Methods ..." - a chapter, no title
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
    """The quoted title at ``start`` and the index after its closing quote.

    Two quoted titles printed together (“A” and “B”) are taken as one.
    """
    first = _close_quote(toks, start, end)
    if first is None:
        return None
    inner, after = first
    title_end = inner
    if after + 1 < end and toks[after].text == "and":
        second = _close_quote(toks, after + 1, end)
        if second is not None and second[0] > after + 1:
            title_end, after = second
    begin = start + (2 if toks[start].text == "`" else 1)
    if title_end <= begin:
        return "", after
    return text[toks[begin].start : toks[title_end - 1].end].strip(" ,.;:”\"»’“«'`"), after


def _close_quote(toks: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """For the quote opening at ``start``: index of its closer and the index after it."""
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
        if closer == "''":
            if tok == "'" and k + 1 < end and toks[k + 1].text == "'":
                return k, k + 2
        elif closer == "'" and tok == "'":
            # A straight quote closes only before punctuation: "patients' views" goes on.
            if k + 1 >= end or toks[k + 1].text in ",.;:":
                return k, k + 1
        elif tok == closer or (closer == "“" and tok == "”"):
            return k, k + 1
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
    return bool(re.match(r"[Ii]n(?::|\s+(?=[A-Z\d]))", segment))


def _is_publisher(segment: str, city: bool = True) -> bool:
    segment = segment.strip()
    if not segment:
        return False
    if city and _CITY_PUBLISHER.match(segment) and not _starts_in(segment):
        place, _, name = segment.partition(":")
        words = name.replace(",", " ").split()
        if (
            len(place.split()) <= 3
            and 0 < len(words) <= 5
            and all(w[0].isupper() or w in _LOWER_OK for w in words)
        ):
            return True
    return bool(_PUBLISHER.search(segment)) and not re.search(
        r"\b(?:journal|review|proceedings)\b", segment, re.I
    )


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
    segment = re.sub(r"^(?:In\s+|[Ii]n:\s*|in\s+(?=[A-Z]))", "", segment.strip())
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
        elif (
            ch == ","
            and depth == 0
            and segment[i + 1 : i + 2] == " "
            and segment[i + 2 : i + 3][:1].isupper()
        ):
            return segment[:i], True, segment[i + 1 :].strip()
    return segment, False, ""
