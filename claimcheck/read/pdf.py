"""Read a PDF (with a text layer) into an article, its superscript citations and its reference list.

The characters come from pdfplumber (the ``pdf`` extra), each with its
position, font and size, so what a text dump flattens is still there:

* words are grouped into lines by baseline; a page whose lines leave a gutter
  down the middle is read in two columns (left, then right; lines crossing the
  gutter, such as a title, first);
* a superscript is a run of digits (``1``, ``2,3``, ``4–6``) set smaller than
  the body text and raised above the line's baseline: it becomes an exact
  marker (and an exponent after a digit, ``10⁹``, stays text);
* running heads and footers (lines in the top or bottom band of the page
  that repeat on other pages, digits aside) and page numbers are dropped;
* a new paragraph starts after a wider gap or an indented first line; a short
  line in a bold or larger font is a heading; a hyphen ending a line before a
  lower-case word is joined;
* the lines under a "References" heading are the reference list, rebuilt
  across columns and pages: an entry starts at a line beginning with the next
  number (``12.``, ``[12]``) and runs until the following one.

A PDF with no text layer (a scan) is refused with an error saying so: claimcheck does no OCR.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from claimcheck.errors import InputError
from claimcheck.model import Article, BlockKind, Reference
from claimcheck.read.article import _REF_HEADING
from claimcheck.read.blocks import ArticleWriter, Cite, Segment, expand_numbers

__all__ = ["read_pdf"]

#: Pages read at most; a longer PDF is read up to here (and the reading says so).
MAX_PAGES = 300
_SUP_SIZE = 0.85  # a superscript is set at most this share of the body size ...
_SUP_RISE = 0.12  # ... and its baseline sits this share of the body size above the line's
_BAND = 0.08  # top and bottom share of the page where running heads and footers live
_ENTRY = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    sup: bool = False


@dataclass
class _Line:
    words: list[_Word]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    size: float = 0.0
    bold: bool = False
    column: int = 0
    indent: float = 0.0
    texts: list[Segment] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join(s if isinstance(s, str) else s.text for s in self.texts)


def read_pdf(data: bytes, *, source: str | None = None) -> tuple[Article, tuple[Reference, ...]]:
    """Read a PDF's text in reading order, its superscript citations and its reference list."""
    import pdfplumber  # the "pdf" extra; claimcheck.read.formats checked it is there

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise InputError(f"cannot be opened as a PDF: {exc}", source=source) from None
    with pdf:
        pages = pdf.pages[:MAX_PAGES]
        words_by_page = [_page_words(p) for p in pages]
        sizes = [(p.width, p.height) for p in pages]
    if not any(words_by_page):
        raise InputError(
            "is a PDF with no text layer (a scanned image?); claimcheck does no OCR: run OCR first "
            "(e.g. ocrmypdf) or audit the publisher's HTML or XML",
            source=source,
        )
    body = _body_size(words_by_page)
    lines: list[_Line] = []
    columns = 0
    for number, (words, (width, _)) in enumerate(zip(words_by_page, sizes, strict=True)):
        page_lines, two = _page_lines(words, number, width, body)
        columns += two
        lines.extend(page_lines)
    lines, dropped = _drop_running(lines, sizes)
    _set_indents(lines)
    for line in lines:
        line.texts = _line_segments(line, body)
    article, refs = _write(lines, body, source)
    sup = sum(1 for m in article.markers or () if m.style == "superscript")
    parts = [f"PDF, {len(words_by_page)} page{'s' * (len(words_by_page) != 1)}"]
    if columns:
        parts.append(f"{columns} in two columns")
    parts.append(f"{sup} superscript citation{'s' * (sup != 1)}")
    if dropped:
        parts.append(f"{dropped} running head/footer lines dropped")
    import dataclasses

    return dataclasses.replace(article, reading=", ".join(parts)), refs


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _page_words(page: Any) -> list[_Word]:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    return [
        _Word(
            w["text"].translate(_LIGATURES),
            w["x0"],
            w["x1"],
            w["top"],
            w["bottom"],
            round(w["size"], 1),
            "bold" in w["fontname"].lower(),
        )
        for w in words
        if w["text"].strip()
    ]


def _body_size(pages: list[list[_Word]]) -> float:
    counts: Counter[float] = Counter()
    for words in pages:
        for w in words:
            counts[w.size] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _page_lines(words: list[_Word], page: int, width: float, body: float) -> tuple[list[_Line], bool]:
    mid = width / 2
    crossing = [w for w in words if w.x0 < mid + 3 and w.x1 > mid - 3]
    full = _group_lines(words, page, body)
    hit = {id(w) for w in crossing}
    with_crossing = sum(1 for ln in full if any(id(w) in hit for w in ln.words))
    two = len(full) >= 6 and with_crossing <= 0.1 * len(full)
    if not two:
        return full, False
    cross = set(map(id, crossing))
    left = [w for w in words if id(w) not in cross and w.x1 <= mid + 3]
    right = [w for w in words if id(w) not in cross and w.x0 >= mid - 3]
    spanning = _group_lines([w for w in words if id(w) in cross], page, body)
    cols = [_group_lines(left, page, body), _group_lines(right, page, body)]
    for i, col in enumerate(cols):
        for ln in col:
            ln.column = i
    first = min((ln.top for col in cols for ln in col), default=0.0)
    above = [ln for ln in spanning if ln.top < first]
    below = [ln for ln in spanning if ln.top >= first]
    return above + cols[0] + cols[1] + below, True


def _group_lines(words: list[_Word], page: int, body: float) -> list[_Line]:
    """Words into lines by vertical overlap; a smaller, raised word is its line's superscript.

    Sizes are judged within the line (a reference list set smaller than the body has its own
    lines), so the document's most common size only sets tolerances.
    """
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        line = next((ln for ln in reversed(lines[-4:]) if _overlap(ln, w) >= 0.5), None)
        if line is None:
            lines.append(_Line([w], page, top=w.top, bottom=w.bottom))
        else:
            line.words.append(w)
            line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
    previous: _Line | None = None
    for ln in lines:
        size = Counter({w.size: 0 for w in ln.words})
        for w in ln.words:
            size[w.size] += len(w.text)
        main = max(size.most_common(1)[0][0], max(w.size for w in ln.words) if len(size) > 1 else 0.0)
        baseline = max(w.bottom for w in ln.words if w.size >= main * _SUP_SIZE)
        for w in ln.words:
            w.sup = w.size < main * _SUP_SIZE and baseline - w.bottom >= main * _SUP_RISE
        if (
            previous is not None
            and all(expand_numbers(w.text.strip(" ,–-")) for w in ln.words)
            and max(w.size for w in ln.words) < previous.size * _SUP_SIZE
        ):
            for w in ln.words:  # a line of small citation digits alone: a superscript wrapped after a space
                w.sup = True
        ln.words.sort(key=lambda w: w.x0)
        ln.x0 = ln.words[0].x0
        plain = [w for w in ln.words if not w.sup]
        ln.size = median(w.size for w in plain) if plain else ln.words[0].size
        ln.bold = bool(plain) and all(w.bold for w in plain)
        previous = ln if plain else previous
    return lines


def _overlap(line: _Line, w: _Word) -> float:
    """The share of the shorter of the word and the line that they have in common, vertically."""
    common = min(line.bottom, w.bottom) - max(line.top, w.top)
    return common / max(min(line.bottom - line.top, w.bottom - w.top), 0.1)


def _drop_running(lines: list[_Line], sizes: list[tuple[float, float]]) -> tuple[list[_Line], int]:
    """Drop lines in the top or bottom band that repeat across pages (digits aside), and page numbers."""

    def key(ln: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(w.text for w in ln.words)).strip().lower()

    def in_band(ln: _Line) -> bool:
        height = sizes[ln.page][1]
        return ln.top < height * _BAND or ln.bottom > height * (1 - _BAND)

    pages_of: dict[str, set[int]] = {}
    for ln in lines:
        if in_band(ln):
            pages_of.setdefault(key(ln), set()).add(ln.page)
    many = len(sizes) >= 2
    kept = [
        ln
        for ln in lines
        if not (
            in_band(ln)
            and (
                (many and len(pages_of[key(ln)]) >= 2)
                or re.fullmatch(r"[#\s|/.-]*(?:page)?[#\s|/.-]*", key(ln))
            )
        )
    ]
    return kept, len(lines) - len(kept)


def _line_segments(line: _Line, body: float) -> list[Segment]:
    out: list[Segment] = []
    last_x1 = -1e9
    for w in line.words:
        numbers = expand_numbers(w.text.strip(" ,–-")) if w.sup else None  # "62–" ends a line: more follows
        prev = out[-1] if out else None
        glued = w.x0 - last_x1 < body * 0.15
        if numbers is not None and isinstance(prev, Cite):
            merged = prev.text + w.text
            out[-1] = Cite(
                merged, expand_numbers(merged.strip(" ,")) or prev.numbers + numbers, "superscript"
            )
        elif numbers is not None and not (glued and isinstance(prev, str) and prev[-1:].isdigit()):
            out.append(Cite(w.text, numbers, "superscript"))  # after a digit and glued: 10⁹, an exponent
        else:
            out.append((" " if out else "") + w.text)
        last_x1 = w.x1
    return out


def _write(lines: list[_Line], body: float, source: str | None) -> tuple[Article, tuple[Reference, ...]]:
    writer = ArticleWriter()
    heading_at = [
        i
        for i, ln in enumerate(lines)
        if _is_heading(ln, body) and _REF_HEADING.fullmatch(ln.plain.strip(" :."))
    ]
    end = heading_at[-1] if heading_at else len(lines)
    para: list[Segment] = []
    normal = [ln for ln in lines if not _sup_only(ln)]
    steps = [
        b.bottom - a.bottom
        for a, b in itertools.pairwise(normal)
        if a.page == b.page and a.column == b.column and 0 < b.bottom - a.bottom < body * 3
    ]
    pitch = median(steps) if steps else body * 1.2  # baseline to baseline
    prev: _Line | None = None
    slots = 1  # line slots since ``prev`` (a line of superscripts alone takes one)
    for ln in lines[:end]:
        if _is_heading(ln, body):
            writer.block(BlockKind.PARAGRAPH, para)
            para = []
            writer.block(BlockKind.HEADING, ln.texts)
            prev = None
            continue
        if _sup_only(ln):
            _join(para, ln.texts)
            slots += 1
            continue
        if prev is not None and _new_paragraph(prev, ln, pitch * slots, body):
            writer.block(BlockKind.PARAGRAPH, para)
            para = []
        _join(para, ln.texts)
        prev, slots = ln, 1
    writer.block(BlockKind.PARAGRAPH, para)
    if heading_at:
        writer.block(BlockKind.HEADING, lines[end].texts)
        writer.references(_entries(lines[end + 1 :], body))
    exact = bool(writer.markers)
    return writer.article(source=source, format="pdf", reading=None, exact=exact), tuple(writer.refs)


def _is_heading(ln: _Line, body: float) -> bool:
    text = ln.plain.strip()
    return 0 < len(text) <= 90 and (ln.size >= body * 1.15 or ln.bold) and not text.endswith((",", ";"))


def _new_paragraph(prev: _Line, ln: _Line, pitch: float, body: float) -> bool:
    """After a wider step between baselines, or at an indented first line after a sentence end
    (the only cue across columns and pages)."""
    indented = ln.indent > body * 0.8 and prev.plain.rstrip()[-1:] in '.!?:"”)'
    if ln.page != prev.page or ln.column != prev.column:
        return indented
    return ln.bottom - prev.bottom > pitch + body * 0.5 or indented


def _sup_only(ln: _Line) -> bool:
    return all(w.sup for w in ln.words)


def _set_indents(lines: list[_Line]) -> None:
    """Each line's indent from its column's left edge (a low percentile of the column's line starts)."""
    columns: dict[tuple[int, int], list[float]] = {}
    for ln in lines:
        columns.setdefault((ln.page, ln.column), []).append(ln.x0)
    edges = {key: sorted(xs)[len(xs) // 10] for key, xs in columns.items()}
    for ln in lines:
        ln.indent = ln.x0 - edges[(ln.page, ln.column)]


def _join(para: list[Segment], texts: list[Segment]) -> None:
    if para and texts:
        last = para[-1]
        if isinstance(last, Cite) and isinstance(texts[0], Cite):  # a long superscript broken across lines
            merged = last.text + texts[0].text
            para[-1] = Cite(
                merged, expand_numbers(merged.strip(" ,")) or last.numbers + texts[0].numbers, last.style
            )
            para.extend(texts[1:])
            return
        if (
            isinstance(last, str)
            and re.search(r"[^\W\d_]-$", last)
            and isinstance(texts[0], str)
            and texts[0][:1].islower()
        ):
            para[-1] = last[:-1]
        else:
            para.append(" ")
    para.extend(texts)


def _entries(lines: list[_Line], body: float) -> list[tuple[int | None, str, Reference | None]]:
    """The reference list: numbered entries when the lines open with numbers, else by layout."""
    numbered = _numbered_entries(lines, body)
    if sum(1 for n, _ in numbered if n is not None) >= max(2, len(numbered) // 2):
        return [(n, t, None) for n, t in numbered]
    return [(None, t, None) for t in _unnumbered_entries(lines, body)]


def _numbered_entries(lines: list[_Line], body: float) -> list[tuple[int | None, str]]:
    """An entry starts at the line opening with the next number (``12.``, ``[12]``)."""
    entries: list[list[Any]] = []
    for ln in lines:
        text = ln.plain.strip()
        if not text or (_is_heading(ln, body) and not _ENTRY.match(text)):
            continue
        m = _ENTRY.match(text)
        number = int(m.group(1) or m.group(2)) if m else None
        expected = entries[-1][0] + 1 if entries and entries[-1][0] is not None else 1
        if m and number in (expected, 1 if not entries else expected):
            entries.append([number, text[m.end() :]])
        elif entries:
            entries[-1][1] = _continue(entries[-1][1], text)
        else:
            entries.append([None, text])
    return [(n, t) for n, t in entries]


_AUTHOR_START = re.compile(r"^[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,2},? (?:[^\W\d_]\.|[^\W\d_]{1,3}\b|&)")


def _unnumbered_entries(lines: list[_Line], body: float) -> list[str]:
    """Author-year lists: an entry starts back at the column's edge after a hanging indent;
    without hanging indents, after a wider gap, or at a name after a line ending with a full stop."""
    kept = [ln for ln in lines if ln.plain.strip() and not _is_heading(ln, body)]
    hanging = sum(ln.indent > body * 0.8 for ln in kept) >= 0.2 * len(kept)
    steps = [
        b.bottom - a.bottom for a, b in itertools.pairwise(kept) if a.column == b.column and a.page == b.page
    ]
    pitch = median(steps) if steps else body * 1.2
    entries: list[str] = []
    prev: _Line | None = None
    for ln in kept:
        text = ln.plain.strip()
        if hanging:
            starts = ln.indent <= body * 0.4
        else:
            same = prev is not None and (prev.page, prev.column) == (ln.page, ln.column)
            wide = same and prev is not None and ln.bottom - prev.bottom > pitch + body * 0.3
            named = prev is not None and prev.plain.rstrip().endswith(".") and bool(_AUTHOR_START.match(text))
            starts = prev is None or wide or named
        if starts or not entries:
            entries.append(text)
        else:
            entries[-1] = _continue(entries[-1], text)
        prev = ln
    return entries


def _continue(entry: str, text: str) -> str:
    """An entry's next line: a hyphen ending the line before a lower-case word is joined."""
    if re.search(r"[^\W\d_]-$", entry) and text[:1].islower():
        return entry[:-1] + text
    return f"{entry} {text}"
