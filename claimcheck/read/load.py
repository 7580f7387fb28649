"""Reading the article: a path, a URL, a string or an open file becomes an article.

:func:`load_source` is the one place that touches the file system for the
article (and, through :mod:`claimcheck.read.fetch`, the web). It refuses what cannot
be audited with an :class:`InputError` that names the file or address and the
problem (missing, a directory, empty, binary, too large, not HTML), decodes
UTF-8 (with or without a byte-order mark), falling back to Windows-1252 for
text pasted from old CMSs, and tells the format: from the file suffix or the
``Content-Type``, else from the text itself (``<html>``; Markdown footnotes,
fences, several ``#`` headings or links).

:func:`read_article` turns the loaded text into an
:class:`~claimcheck.model.Article` and its parsed reference list, whatever the
format: plain text and Markdown through :func:`claimcheck.read.article.parse_article`
(Markdown footnote definitions ``[^1]: ...`` read as numbered entries, link
markup ``[text](url)`` read as its words and address), HTML through
:func:`claimcheck.read.html.read_html`. Links in entries give DOIs, PMIDs and
PMCIDs (:mod:`claimcheck.read.references.links`), and a reference list printed twice in a row
is read once (the copy's span is kept in ``Article.repeated_references_span``).
:func:`source_summary` says where the article came from and what was read
(format, citation style, reference file, counts), for the top of a report.
"""

from __future__ import annotations

import dataclasses
import os
import re
import select
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Union

from claimcheck.errors import InputError, UnsupportedFormat
from claimcheck.model import Article, Block, BlockKind, Claim, Reference
from claimcheck.read.article import parse_article
from claimcheck.read.decode import decode_text
from claimcheck.read.fetch import fetch_url, is_url
from claimcheck.read.formats import BINARY_FORMATS, binary_format, read_structured
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.parse import parse_reference, parse_reference_list
from claimcheck.read.sniff import html_reason, markdown_to_html, strip_front_matter
from claimcheck.text.lazy import lazy_compile

#: Articles larger than this are refused; pass ``max_bytes=`` to raise it.
MAX_BYTES = 20 * 1024 * 1024

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """An article's text with where it came from and its format."""

    text: str
    origin: str
    format: str
    #: The file's bytes, for the binary formats (``docx``, ``pdf``); ``text`` is then empty.
    data: bytes | None = None
    #: Why the text was read so, when its content overrode or completed the suffix
    #: (front matter skipped, HTML in a ``.md``/``.txt``): kept as ``Article.reading``.
    reading: str | None = None
    #: What reading did that the editor should know (a decoding, replaced bytes), for the source notes.
    notes: tuple[str, ...] = ()


def load_source(
    source: Source, *, max_bytes: int = MAX_BYTES, timeout: float | None = None, **fetch: Any
) -> LoadedSource:
    """Read an article from a path, a URL, a string of text, or an open file.

    A ``str`` is a web address when it is one ``http(s)://`` URL (fetched with
    :func:`claimcheck.read.fetch.fetch_url`, ``timeout`` seconds per wait,
    ``fetch`` passed on), a path when it is one short line with a ``/`` or no
    spaces (a path that does not exist is an error, not text), and otherwise the
    article's text itself. Every read is bounded while it happens: files,
    devices, pipes and open files are read up to ``max_bytes`` and refused
    beyond; a pipe or device that sends nothing for ``timeout`` seconds is refused.

    >>> load_source("Ketamine helps. 1\\n\\n1. Smith J. Title. J. 2020.").origin
    '<string>'
    >>> load_source("<html><body><p>Ketamine helps.</p></body></html>").format
    'html'
    """
    if isinstance(source, str) and is_url(source):
        page = fetch_url(source, timeout=timeout, max_bytes=max_bytes, **fetch)
        loaded = _checked(page.text, source, max_bytes, page.notes)
        return dataclasses.replace(loaded, format=page.format)
    if hasattr(source, "read"):
        origin = str(getattr(source, "name", "<file>"))
        data, notes = _read_file_object(source, origin, max_bytes)
        return _checked(data, origin, max_bytes, notes)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return _read_path(Path(source), max_bytes, timeout)
    if isinstance(source, str):
        return _checked(source, "<string>", max_bytes)
    raise InputError(f"cannot read an article from a {type(source).__name__}; pass a path, text or file")


def _looks_like_path(text: str) -> bool:
    """One short line that is a path, whether or not it exists.

    It exists; or it has no spaces; or it has a ``/`` (or ``\\``) and its last
    part has no spaces or ends in a file suffix (``reports/x``, ``My Files/a b.txt``).
    Markup (``<...``) and sentences with a slash in them are text.
    """
    if "\n" in text or len(text) > 1024:
        return False
    stripped = text.strip()
    if not stripped or stripped.startswith("<"):
        return False
    if os.path.exists(text) or " " not in stripped:
        return True
    last = re.split(r"[/\\]", stripped)[-1]
    has_separator = last != stripped
    return has_separator and (" " not in last or re.search(r"\.[A-Za-z]{1,8}$", last) is not None)


_CHUNK = 64 * 1024
#: Seconds a pipe or device may stay silent before it is refused (``timeout=`` overrides).
PIPE_WAIT = 10.0


def _read_file_object(source: Any, origin: str, max_bytes: int) -> tuple[str | bytes, tuple[str, ...]]:
    """An open file, read in chunks up to ``max_bytes`` (an endless stream is refused, not exhausted)."""
    if getattr(source, "closed", False):
        raise InputError("the file is closed; pass an open file, or its path", source=origin)
    chunks: list[Any] = []
    size = 0
    try:
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise InputError(_too_big(max_bytes, "stream"), source=origin)
            chunks.append(chunk)
    except (OSError, ValueError) as exc:  # closed mid-way, not readable, not a file at all
        raise InputError(f"cannot be read: {exc}", source=origin) from exc
    if not chunks:
        return "", ()
    if isinstance(chunks[0], bytes):
        return b"".join(chunks), ()  # decoded (or read as Word/PDF) by _checked
    if not isinstance(chunks[0], str):
        raise InputError(f"read() gave {type(chunks[0]).__name__}, not text or bytes", source=origin)
    return "".join(chunks), ()


def _too_big(max_bytes: int, what: str) -> str:
    return f"the {what} is over the {max_bytes / 1e6:.3g} MB limit; split it or pass max_bytes="


def _read_path(path: Path, max_bytes: int, timeout: float | None = None) -> LoadedSource:
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(
            "no such file; check the path (to audit a string as text, pass text=... or pipe it to '-')",
            source=where,
        ) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=where) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not an article file", source=where)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
            "split it or pass max_bytes=",
            source=where,
        )
    wait = PIPE_WAIT if timeout is None else timeout
    try:
        data = _read_bounded(path, max_bytes, regular=stat.S_ISREG(info.st_mode), wait=wait)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=where) from exc
    if not data and stat.S_ISFIFO(info.st_mode):
        raise InputError("is a pipe with nothing written to it; nothing to audit", source=where)
    return _checked(data, where, max_bytes)


def _read_bounded(path: Path, max_bytes: int, *, regular: bool, wait: float) -> bytes:
    """Read at most ``max_bytes`` (one more refuses); pipes and devices without blocking forever."""
    where = str(path)
    flags = os.O_RDONLY | (0 if regular else getattr(os, "O_NONBLOCK", 0))
    fd = os.open(path, flags)
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if not regular and hasattr(select, "poll"):
                poller = select.poll()
                poller.register(fd, select.POLLIN)
                if not poller.poll(wait * 1000):
                    raise InputError(
                        f"sent nothing for {wait:g} s (a pipe or device); write the article to a file",
                        source=where,
                    )
            try:
                chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise InputError(_too_big(max_bytes, "input"), source=where)
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _checked(data: str | bytes, origin: str, max_bytes: int, notes: tuple[str, ...] = ()) -> LoadedSource:
    binary = binary_format(data, origin) if isinstance(data, bytes) else None
    # Word, PDF: read from their bytes (claimcheck.read.formats)
    if binary is not None and isinstance(data, bytes):
        if len(data) > max_bytes:
            raise InputError(f"file is {len(data)} bytes, over the limit of {max_bytes}", source=origin)
        return LoadedSource(text="", origin=origin, format=binary, data=data)
    if isinstance(data, bytes):
        data, more = decode_text(data, origin)
        notes += more
    text = data
    if len(text) > max_bytes:
        raise InputError(f"article is {len(text)} characters, over the limit of {max_bytes}", source=origin)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the article is empty; nothing to audit", source=origin)
    if _control_ratio(text) > 0.01:
        raise InputError("looks like a binary file, not text; pass the article as text", source=origin)
    text, front = strip_front_matter(text)
    fmt, why = _guess_format(text, origin), []
    if fmt in ("text", "markdown") and (dense := html_reason(text)):
        fmt, why = "html", [f"HTML: {dense}, though it was taken for {fmt}"]
    why += [f"{front} front matter skipped"] if front else []
    return LoadedSource(text=text, origin=origin, format=fmt, reading="; ".join(why) or None, notes=notes)


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


_HTML_START = lazy_compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAGS = lazy_compile(r"</(?:p|div|article|section|li|h[1-6])>", re.IGNORECASE)
_MD_FOOTNOTE_DEF = lazy_compile(r"^\[\^[^\]\s]+\]:", re.MULTILINE)
_MD_FENCE = lazy_compile(r"^(?:```|~~~)", re.MULTILINE)
_MD_HEADING = lazy_compile(r"^#{1,6}[ ]+\S", re.MULTILINE)
_MD_LINK = lazy_compile(r"\]\((?:https?://|/|#)")


def _guess_format(text: str, origin: str) -> str:
    suffix = Path(origin).suffix.lower() if not origin.startswith("<") else ""
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".txt", ".text"}:
        return "text"
    if suffix in {".xml", ".nxml"} and not _is_jats(text):
        raise UnsupportedFormat("is XML but not a JATS article (no <article> root)", source=origin)
    return sniff_format(text)


def sniff_format(text: str) -> str:
    """Tell HTML, Markdown and plain text apart from the text alone.

    HTML starts with ``<!doctype html>``, ``<html>``, ``<head>`` or ``<body>``
    (or starts with a tag and closes paragraphs); Markdown has footnote
    definitions, code fences, two ``#`` headings or two links; the rest is text.

    Examples
    --------
    >>> sniff_format("# Title\\n\\nText.[^1]\\n\\n[^1]: Doe J. T. 2020."), sniff_format("Text. 1")
    ('markdown', 'text')
    """
    head = text[:65536]
    if _is_jats(head):
        return "jats"
    if _HTML_START.match(head) or (head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2):
        return "html"
    if _MD_FOOTNOTE_DEF.search(head) or _MD_FENCE.search(head):
        return "markdown"
    if len(_MD_HEADING.findall(head)) >= 2 or len(_MD_LINK.findall(head)) >= 2:
        return "markdown"
    return "text"


# --- loaded text -> article and references -------------------------------------------------------


def read_article(loaded: LoadedSource) -> tuple[Article, tuple[Reference, ...]]:
    """Read loaded text into an article and its parsed reference list, by format.

    Examples
    --------
    >>> article, refs = read_article(load_source("It helps.[^1]\\n\\n[^1]: Doe J. A trial. J Med. 2020;1:2."))
    >>> article.format, [(r.number, r.title) for r in refs]
    ('markdown', [(1, 'A trial')])
    """
    if loaded.format == "html":
        from claimcheck.read.html import read_html  # BeautifulSoup loads only for HTML

        page = (
            loaded.text
            if loaded.reading is None or _HTML_START.match(loaded.text)
            else markdown_to_html(loaded.text)
        )
        article, refs = read_html(page, source=loaded.origin)
    elif loaded.format in BINARY_FORMATS or loaded.format == "jats":
        article, refs = read_structured(
            loaded.format, text=loaded.text, data=loaded.data, origin=loaded.origin
        )
        if loaded.notes:
            article = dataclasses.replace(article, notes=article.notes + loaded.notes)
        return article, refs
    else:
        article = parse_article(loaded.text, source=loaded.origin, format=loaded.format)
        refs = article_references(article)
    if loaded.reading:
        article = dataclasses.replace(article, reading=loaded.reading)
    if loaded.notes:
        article = dataclasses.replace(article, notes=article.notes + loaded.notes)
    return _read_once(article, refs)


def article_references(article: Article) -> tuple[Reference, ...]:
    """Parse the article's own reference section (footnote definitions in Markdown)."""
    if article.references_span is None:
        return ()
    start, _ = article.references_span
    section = article.references_text
    if article.format in ("markdown", "md"):
        if _MD_FOOTNOTE_DEF.match(section.lstrip()):
            refs = _footnote_references(section, start)
        else:
            refs = parse_reference_list(_unlink(section), offset=start, context=article.text)
        refs = tuple(dataclasses.replace(r, raw=article.text[r.start : r.end]) for r in refs)
    else:
        refs = parse_reference_list(section, offset=start, context=article.text)
    return tuple(with_link_identifiers(r) for r in refs)


_FOOTNOTE = lazy_compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:[ \t]*", re.MULTILINE)
_MD_INLINE_LINK = lazy_compile(r"(!?)\[([^\[\]\n]*)\]\(([^()\s]*)\)")


def _footnote_references(section: str, offset: int) -> tuple[Reference, ...]:
    """``[^1]: entry`` definitions (indented lines continue one); labels that are not numbers count up."""
    starts = list(_FOOTNOTE.finditer(section))
    refs = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(section)
        body = section[match.end() : end]
        label = match.group(1)
        number = int(label) if label.isdigit() else i + 1
        refs.append(parse_reference(_unlink(body), number=number, start=offset + match.end()))
    return tuple(refs)


def _unlink(text: str) -> str:
    """``[words](url)`` -> `` words  url `` (same length), so the parser reads both."""
    return _MD_INLINE_LINK.sub(lambda m: " " * len(m.group(1)) + f" {m.group(2)}  {m.group(3)} ", text)


def _read_once(article: Article, refs: tuple[Reference, ...]) -> tuple[Article, tuple[Reference, ...]]:
    """A list printed twice in a row (1..n, 1..n, same entries): keep the first copy."""
    half = len(refs) // 2
    if half == 0 or len(refs) != 2 * half or article.references_span is None:
        return article, refs
    if any(_entry_key(a) != _entry_key(b) for a, b in zip(refs[:half], refs[half:], strict=True)):
        return article, refs
    first, copy = refs[:half], refs[half:]
    span = (first[0].start, first[-1].end)
    blocks = tuple(
        Block(b.index, b.kind, article.text[span[0] : span[1]], *span)
        if b.kind is BlockKind.REFERENCES
        else b
        for b in article.blocks
    )
    repeated = (copy[0].start, copy[-1].end)
    return dataclasses.replace(
        article, blocks=blocks, references_span=span, repeated_references_span=repeated
    ), first


def _entry_key(ref: Reference) -> tuple[int | None, str]:
    return ref.number, re.sub(r"\W+", "", ref.raw).lower()


def source_summary(
    article: Article, claims: Sequence[Claim] = (), references: Sequence[Reference] = ()
) -> dict[str, Any]:
    """Where the article came from and what was read: for the top of a report.

    Examples
    --------
    >>> article, refs = read_article(load_source("It helps. 1\\n\\n1. Doe J. A trial. J Med. 2020;1:2."))
    >>> summary = source_summary(article, (), refs)
    >>> summary["origin"], summary["format"], summary["style"], summary["counts"]["references"]
    ('<string>', 'text', 'numeric', 1)
    """
    kinds = [b.kind for b in article.blocks]
    return {
        "origin": article.source,
        "format": article.format,
        "style": article.style,
        "references_from": article.references_source or ("article" if article.references_span else None),
        "references_format": article.references_format
        or (article.format if article.references_span else None),
        "reference_list_repeated": article.repeated_references_span is not None,
        "read": article.reading,
        "notes": list(article.notes),
        "counts": {
            "characters": len(article.text),
            "headings": kinds.count(BlockKind.HEADING),
            "paragraphs": kinds.count(BlockKind.PARAGRAPH),
            "list_items": kinds.count(BlockKind.LIST_ITEM),
            "claims": len(claims),
            "markers": sum(len(c.markers) for c in claims),
            "references": len(references),
        },
    }


def _is_jats(text: str) -> bool:
    """:func:`claimcheck.read.jats.is_jats`, its module (and XML parser) loaded only for text that
    has ``<article`` where that test looks (the first 64 KiB): plain text and HTML need neither."""
    if "<article" not in text[:65536]:
        return False
    from claimcheck.read.jats import is_jats

    return is_jats(text)
