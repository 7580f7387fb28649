"""Reference files: BibTeX, RIS, CSL-JSON and plain numbered lists become ``Reference`` records.

``claimcheck.audit(article, references="refs.bib")`` reads the list from a file
instead of the article. Each entry becomes a :class:`~claimcheck.model.Reference`
with the same fields a parsed entry of a typed list has: authors as printed in
Vancouver style (``Hassan K``, ``van der Berg A``, organisations as named),
title, container, year, volume, issue, pages, DOI (checked like a printed one),
PMID, PMCID, URL, ISBN and access date. ``raw`` is the entry as written in the
file and ``start``/``end`` its span in the file.

Entries are numbered by an explicit number (CSL-JSON ``citation-number``),
else by their keys when every key is a number (``1``, ``ref1``, ``R-01``),
else in file order, so they match the article's ``[1]``.

A defective entry is a problem on its reference, never a crash: a BibTeX
block the parser gave up on (bibtexparser v2's ``failed_blocks``), an RIS
record without ``ER``, an entry with no title. These show up as
``reference-unparsed`` findings. Only a file that cannot be read at all
(missing, binary, invalid JSON) raises :class:`~claimcheck.errors.InputError`.

Examples
--------
>>> refs = parse_bibtex("@article{hull22, author={Hull, Thomas D. and Gazzaley, A.},"
...                     " title={At-home ketamine}, journal={J Affect Disord}, year=2022,"
...                     " pages={59--67}, doi={10.1016/j.jad.2022.07.004}}")
>>> r = refs[0]
>>> r.number, r.authors, r.title, r.year, r.pages, r.doi
(1, ('Hull TD', 'Gazzaley A'), 'At-home ketamine', 2022, '59-67', '10.1016/j.jad.2022.07.004')
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from claimcheck.errors import InputError, UnsupportedFormat
from claimcheck.model import Reference
from claimcheck.read.load import MAX_BYTES, load_source
from claimcheck.read.references.fields import Fields, csl_fields, ris_fields, to_reference
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.parse import parse_reference_list
from claimcheck.text.lazy import lazy_compile

__all__ = [
    "FILE_FORMATS",
    "ReferenceFile",
    "parse_bibtex",
    "parse_csl_json",
    "parse_ris",
    "read_reference_file",
]

#: Reference file formats and the suffixes that name them.
FILE_FORMATS: Mapping[str, tuple[str, ...]] = {
    "bibtex": (".bib", ".bibtex"),
    "ris": (".ris",),
    "csl-json": (".json", ".csljson"),
    "text": (".txt", ".text", ".md", ".markdown"),
}
ReferencesOption = str | os.PathLike[str] | IO[str] | IO[bytes]


@dataclass(frozen=True, slots=True, repr=False)
class ReferenceFile:
    """A reference file read: where it came from, its format and its entries."""

    origin: str
    format: str
    references: tuple[Reference, ...]

    def __repr__(self) -> str:
        return f"<ReferenceFile {self.origin} {self.format}, {len(self.references)} entries>"


def read_reference_file(
    source: ReferencesOption, *, format: str | None = None, max_bytes: int = MAX_BYTES
) -> ReferenceFile:
    """Read a reference file (a path or an open file).

    Parameters
    ----------
    source
        A ``.bib``, ``.ris``, ``.json`` (CSL-JSON) or text file of numbered
        entries; a path (``str`` or path-like) or an open file.
    format
        ``"bibtex"``, ``"ris"``, ``"csl-json"`` or ``"text"``; by default from
        the suffix, else from the content (``@article{``, ``TY  -``, ``[{``).

    Raises
    ------
    InputError
        The file is missing, empty, binary, too large, or not valid JSON.
    UnsupportedFormat
        ``format`` names no format claimcheck reads.
    """
    if isinstance(source, (str, os.PathLike)) and not Path(source).is_file():
        raise InputError("no such reference file; check the path", source=str(source))
    where = source if hasattr(source, "read") or not isinstance(source, (str, os.PathLike)) else Path(source)
    loaded = load_source(where, max_bytes=max_bytes)
    fmt = format or _format_of(loaded.origin, loaded.text)
    readers: dict[str, Callable[[str], tuple[Reference, ...]]] = {
        "bibtex": parse_bibtex,
        "ris": parse_ris,
        "csl-json": lambda text: parse_csl_json(text, origin=loaded.origin),
        "text": lambda text: tuple(with_link_identifiers(r) for r in parse_reference_list(text)),
    }
    if fmt not in readers:
        raise UnsupportedFormat(f"cannot read reference format {fmt!r}; use one of {', '.join(readers)}")
    return ReferenceFile(loaded.origin, fmt, readers[fmt](loaded.text))


def _format_of(origin: str, text: str) -> str:
    suffix = "" if origin.startswith("<") else Path(origin).suffix.lower()
    for fmt, suffixes in FILE_FORMATS.items():
        if suffix in suffixes:
            return fmt
    head = text.lstrip()
    if re.match(r"@\w+\s*[{(]", head):
        return "bibtex"
    if re.search(r"^TY {1,2}- ?\S", text[:4096], re.MULTILINE):
        return "ris"
    if head[:1] in "[{":
        return "csl-json"
    return "text"


# --- numbering ------------------------------------------------------------------------------------

_NUMERIC_KEY = lazy_compile(r"(?:ref(?:erence)?|r|cite|c|b|bib|n|note)?[-_:.]?0*(\d{1,4})", re.IGNORECASE)


def _numbered(entries: Sequence[tuple[str | None, int | None, Reference]]) -> tuple[Reference, ...]:
    """Number entries: explicit numbers, else numeric keys, else file order."""
    if entries and all(n is not None for _, n, _ in entries):
        numbers = [n for _, n, _ in entries]
    else:
        keys = [_NUMERIC_KEY.fullmatch(k or "") for k, _, _ in entries]
        parsed = [int(m.group(1)) for m in keys if m]
        if len(parsed) == len(entries) and len(set(parsed)) == len(parsed):
            numbers = list(parsed)
        else:
            numbers = list(range(1, len(entries) + 1))
    return tuple(dataclasses.replace(ref, number=n) for n, (_, _, ref) in zip(numbers, entries, strict=True))


# --- BibTeX ---------------------------------------------------------------------------------------


def parse_bibtex(text: str) -> tuple[Reference, ...]:
    """Parse BibTeX with bibtexparser v2; failed blocks become references with problems.

    Examples
    --------
    >>> bib = "@article{a, title={Fine}, year=2020}\\n@article{b, title={Broken\\n@misc{c, title={Next}}"
    >>> refs = parse_bibtex(bib)
    >>> [(r.number, r.title, bool(r.problems)) for r in refs]
    [(1, 'Fine', False), (2, None, True), (3, 'Next', False)]
    """
    import bibtexparser
    from bibtexparser import model as bib
    from bibtexparser.exceptions import ParsingException

    quiet = logging.getLogger("bibtexparser")
    handler = logging.NullHandler()  # the failure is a finding; do not also print it
    quiet.addHandler(handler)
    previous, quiet.propagate = quiet.propagate, False
    try:
        library = bibtexparser.parse_string(text)
    except ParsingException as exc:
        raise InputError(f"the BibTeX parser stopped: {exc}; check the file around its last entry") from exc
    finally:
        quiet.removeHandler(handler)
        quiet.propagate = previous
    starts = _line_starts(text)
    entries: list[tuple[str | None, int | None, Reference]] = []
    for block in library.blocks:
        raw = block.raw or ""
        start = _block_start(text, starts, block.start_line, raw)
        end = start + len(raw.rstrip())
        if isinstance(block, bib.DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, bib.Entry):
            block = block.ignore_error_block
        if isinstance(block, bib.Entry):
            fields = {k.lower(): str(f.value) for k, f in block.fields_dict.items()}
            bib_fields = _bibtex_fields(fields, block.entry_type)
            ref = to_reference(bib_fields, raw=(block.raw or raw).strip(), start=start, end=end)
            entries.append((block.key, None, ref))
        elif isinstance(block, bib.ParsingFailedBlock) and raw.lstrip().startswith("@"):
            entries.append((_failed_key(raw), None, _failed(block, start, end)))
    return _numbered(entries)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return starts


def _block_start(text: str, starts: list[int], line: int | None, raw: str) -> int:
    base = starts[min(line or 0, len(starts) - 1)]
    found = text.find(raw.strip()[:40], base) if raw.strip() else -1
    return found if found >= 0 else base


def _failed_key(raw: str) -> str | None:
    match = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", raw)
    return match.group(1) if match else None


def _failed(block: Any, start: int, end: int) -> Reference:
    error = block.error
    why = str(getattr(error, "abort_reason", "") or error or "syntax error").strip()
    why = " ".join(why.split())
    line = (block.start_line or 0) + 1
    problem = f"the BibTeX entry at line {line} is malformed ({why}); fix the braces or quotes and commas"
    return Reference(None, (block.raw or "").strip(), start, end, problems=(problem,))


def _latex(value: str) -> str:
    if "\\" not in value and "{" not in value and "~" not in value and "--" not in value:
        return " ".join(value.split())
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(LatexNodes2Text().latex_to_text(value).split())


def _bibtex_fields(fields: dict[str, str], entry_type: str) -> Fields:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    authors: list[str | tuple[str, str]] = []
    for name in split_multiple_persons_names(fields.get("author", "")):
        parts = parse_single_name_into_parts(name, strict=False)
        if not parts.first and not parts.von and len(parts.last) == 1 and parts.last[0].startswith("{"):
            authors.append(_latex(parts.last[0]))  # {World Health Organization}
        else:
            family = _latex(" ".join([*parts.von, *parts.last]))
            authors.append((family, _latex(" ".join(parts.first))))
    note = _latex(fields.get("note", ""))
    accessed = re.search(r"(?:accessed|retrieved|cited)\s*:?\s*(?:on\s+)?(.+?)\.?$", note, re.IGNORECASE)
    pmid = fields.get("pmid") or (
        fields.get("eprint") if fields.get("eprinttype", "").lower() == "pubmed" else None
    )
    container_keys: tuple[str, ...] = ("journal", "journaltitle", "booktitle", "series")
    if entry_type.lower() in ("book", "techreport", "report", "manual", "misc", "online"):
        container_keys += ("publisher", "institution", "organization")
    url = fields.get("url") or _url_in(fields.get("howpublished", ""))
    return Fields(
        authors=tuple(authors),
        title=_latex(fields.get("title", "")) or None,
        container=next((_latex(fields[k]) for k in container_keys if fields.get(k)), None),
        date=fields.get("year") or fields.get("date"),
        volume=fields.get("volume"),
        issue=fields.get("number") or fields.get("issue"),
        pages=fields.get("pages"),
        doi=fields.get("doi"),
        pmid=pmid,
        pmcid=fields.get("pmcid"),
        url=url,
        isbn=fields.get("isbn"),
        accessed=fields.get("urldate") or (accessed.group(1) if accessed else None),
    )


def _url_in(text: str) -> str | None:
    match = re.search(r"https?://[^\s{}]+", text)
    return match.group() if match else None


# --- RIS ------------------------------------------------------------------------------------------

_RIS_LINE = lazy_compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|)$")


def parse_ris(text: str) -> tuple[Reference, ...]:
    """Parse RIS records (``TY`` to ``ER``); tags on continuation lines extend the previous one.

    A record cut short (no ``ER``) or not opened by ``TY`` keeps what it has
    and notes the defect in ``problems``.

    Examples
    --------
    >>> ris = ("TY  - JOUR\\nAU  - Hassan, Kevin\\nTI  - Sublingual ketamine\\n"
    ...        "T2  - Front Psychiatry\\nPY  - 2022\\nER  -\\n")
    >>> r = parse_ris(ris)[0]
    >>> r.number, r.authors, r.title, r.container, r.year
    (1, ('Hassan K',), 'Sublingual ketamine', 'Front Psychiatry', 2022)
    """
    entries: list[tuple[str | None, int | None, Reference]] = []
    for record, start, end, problems in _ris_records(text):
        fields = ris_fields(record)
        ref = to_reference(fields, raw=text[start:end].strip(), start=start, end=end, problems=problems)
        key = record.get("ID", [None])[0]
        entries.append((key, None, ref))
    return _numbered(entries)


def _ris_records(text: str) -> Iterator[tuple[dict[str, list[str]], int, int, tuple[str, ...]]]:
    record: dict[str, list[str]] | None = None
    start = pos = 0
    line_no = 0
    last: str | None = None
    problems: list[str] = []
    for line_no, line in enumerate(text.splitlines(keepends=True), start=1):
        match = _RIS_LINE.match(line.rstrip("\r\n").rstrip())
        tag, value = (match.group(1), (match.group(2) or "").strip()) if match else (None, line.strip())
        if tag == "TY" or (record is None and tag not in (None, "ER")):
            if record is not None:
                problems.append(f"the RIS record ends without an ER line (before line {line_no})")
                yield record, start, pos, tuple(problems)
            record, start, problems = {}, pos, []
            if tag != "TY":
                problems.append(f"the RIS record at line {line_no} does not start with TY")
        if record is not None and tag == "ER":
            yield record, start, pos + len(line.rstrip()), tuple(problems)
            record, last = None, None
        elif record is not None and tag is not None:
            record.setdefault(tag, []).append(value)
            last = tag
        elif record is not None and value and last is not None:
            record[last][-1] = f"{record[last][-1]} {value}"
        pos += len(line)
    if record is not None:
        problems.append(f"the RIS record ends without an ER line (at line {line_no}, the end of the file)")
        yield record, start, len(text.rstrip()), tuple(problems)


# --- CSL-JSON -------------------------------------------------------------------------------------


def parse_csl_json(text: str, *, origin: str = "<string>") -> tuple[Reference, ...]:
    """Parse CSL-JSON (a list of items, one item, or ``{"items": [...]}``).

    Raises
    ------
    InputError
        When the text is not JSON, or holds no CSL items.

    Examples
    --------
    >>> r = parse_csl_json('[{"id": "1", "author": [{"family": "Al-Harbi", "given": "Khalid S."}],'
    ...                    ' "title": "Treatment-resistant depression", "issued": {"date-parts": [[2012]]},'
    ...                    ' "DOI": "10.2147/PPA.S29716"}]')[0]
    >>> r.number, r.authors, r.year, r.doi
    (1, ('Al-Harbi KS',), 2012, '10.2147/ppa.s29716')
    """
    _check_json_depth(text, origin)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"is not valid JSON ({exc.msg}, column {exc.colno})", source=origin, line=exc.lineno
        ) from exc
    items = data.get("items", data) if isinstance(data, dict) else data
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(
            "holds no CSL-JSON items (a list of objects with 'title', 'author', ...)", source=origin
        )
    spans = _item_spans(text, len(items))
    entries: list[tuple[str | None, int | None, Reference]] = []
    for item, (start, end) in zip(items, spans, strict=True):
        raw = text[start:end] if end > start else json.dumps(item, ensure_ascii=False)
        ref = to_reference(csl_fields(item), raw=raw, start=start, end=end)
        number = item.get("citation-number")
        digits = str(number or "").strip()
        explicit = int(digits) if re.fullmatch(r"[0-9]{1,6}", digits) else None
        entries.append((str(item.get("id") or ""), explicit, ref))
    return _numbered(entries)


#: CSL-JSON nested deeper than this is refused (real files nest about six levels).
MAX_JSON_DEPTH = 64
_JSON_STRING = lazy_compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = lazy_compile(r"[\[\]{}]")


def _check_json_depth(text: str, origin: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH`, in one linear scan (strings skipped)."""
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise InputError(
                f"is nested too deeply (more than {MAX_JSON_DEPTH} levels of lists and objects); "
                "CSL-JSON is a list of flat items: export the file again",
                source=origin,
            )


def _item_spans(text: str, count: int) -> list[tuple[int, int]]:
    """Spans of a top-level array's items; (0, 0) each when the layout is another."""
    decoder = json.JSONDecoder()
    head = len(text) - len(text.lstrip())
    spans: list[tuple[int, int]] = []
    if text[head : head + 1] == "[":
        pos = head + 1
        for _ in range(count):
            pos += len(text[pos:]) - len(text[pos:].lstrip(" \t\r\n,"))
            _, end = decoder.raw_decode(text, pos)
            spans.append((pos, end))
            pos = end
    return spans if len(spans) == count else [(0, 0)] * count
