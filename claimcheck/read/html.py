"""Read an HTML page into an :class:`~claimcheck.model.Article` and its reference list.

The page is parsed with Beautiful Soup (Python's own ``html.parser``, no
regular expressions over tags) and rendered as the text an editor would get by
copying the article from the browser:

* navigation, headers, footers, sidebars, forms, scripts, cookie banners and
  other boilerplate are dropped (by tag, ARIA role, ``hidden``, and
  ``class``/``id`` words such as ``nav``, ``share``, ``newsletter``); the
  ``<article>`` or ``<main>`` element is preferred when the page has one
  (:mod:`claimcheck.read.html_clean`);
* ``h1``-``h6`` become headings, ``p`` (and text in ``div``) paragraphs, ``li``
  list items, each its own :class:`~claimcheck.model.Block` with an exact span;
  blocks are separated by blank lines;
* a ``<sup>`` holding citation numbers (``1``, ``1,2``, ``[3]``, ``4–6``,
  linked or not) is written as pasted text reads (``depression.1``); when the
  marker finder would not read it there (``include1:``, ``30%4``) it is written
  ``[N]`` instead, so every superscript citation becomes a marker. A ``<sup>``
  after a digit or a unit (``m²``, ``10⁹``) is an exponent;
* the reference list is the ``<ol>``/``<ul>`` under a "References" (or
  "Sources", "Notes", ...) heading or inside an element named for references
  (``class="references"``, ``id="footnotes"``); its entries are numbered in
  list order (``start`` and ``value`` honoured, a printed ``1.`` wins) and
  their links' DOIs, PubMed and PMC ids are read (:mod:`claimcheck.read.references.links`).
  A second copy of the same list (a print or mobile copy) is kept out of the
  list and its span noted in ``Article.repeated_references_span``.

Without a list element, paragraphs under a reference heading are read as a
reference section as in pasted text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString, Script, Stylesheet, TemplateString

from claimcheck.model import Article, Block, BlockKind, Marker, Reference
from claimcheck.read.article import _REF_HEADING, normalise_whitespace
from claimcheck.read.habit import Habit
from claimcheck.read.html_clean import (
    drop_boilerplate,
    heading_before,
    main_content,
    reference_lists,
    same_text,
)
from claimcheck.read.markers import find_markers
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.parse import parse_reference, parse_reference_list

__all__ = ["read_html"]


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_NAMES = (
    "p div section article main blockquote ul ol dl dt dd table tbody thead tfoot tr pre address"
    " details summary center body html figure figcaption"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
_SPACE = re.compile(r"\s+")
_CITATION_SUP = re.compile(r"\[?\s*\d{1,3}(?:\s*[,–—‐-]\s*\d{1,3})*\s*\]?")
_PRINTED_NUMBER = re.compile(r"\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s")
_LIST_NUMBER = re.compile(r"[0-9]{1,6}")
_LAST_WORD = re.compile(r"([^\W\d_]*)$")
_NO_HABIT = Habit()
_SUPERSCRIPT = str.maketrans("0123456789-,", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻,")


@dataclass(slots=True)
class _Sup:
    """A superscript citation: its numbers as printed, and whether it had brackets."""

    digits: str
    bracketed: bool
    forced: bool = False  # written "[N]" because the pasted form is not read as a marker

    def text(self) -> str:
        if self.bracketed or self.forced:
            return self.digits if self.bracketed else f"[{self.digits}]"
        return self.digits


_Segment = str | _Sup


def read_html(html: str, *, source: str | None = None) -> tuple[Article, tuple[Reference, ...]]:
    """Read an HTML page: its article body as blocks, and its reference list.

    Parameters
    ----------
    html
        The page's markup.
    source
        Where it came from (a path or URL), kept on the article.

    Returns
    -------
    (Article, tuple of Reference)
        ``Article.format`` is ``"html"`` and ``Article.text`` the rendered text
        every span indexes; references are numbered, with DOIs and PMIDs read
        from their links too.

    Examples
    --------
    >>> page = '''<html><body><nav><a href="/">Home</a></nav><main>
    ... <h1>Ketamine</h1><p>Ketamine helps.<sup><a href="#r1">1</a></sup></p>
    ... <h2>References</h2><ol><li>Doe J. A trial. <i>J Med</i>. 2020;1:2-3.
    ... <a href="https://doi.org/10.1000/xyz">Full text</a></li></ol></main></body></html>'''
    >>> article, refs = read_html(page)
    >>> [b.text for b in article.blocks]
    ['Ketamine', 'Ketamine helps.1', 'References', '1. Doe J. A trial. J Med. 2020;1:2-3. Full text']
    >>> refs[0].number, refs[0].doi
    (1, '10.1000/xyz')
    """
    # Line numbers (Tag.sourceline) are never read; recording them costs a call per tag.
    soup = BeautifulSoup(html, "html.parser", store_line_numbers=False)
    flattened = flatten_deep_tags(soup)
    drop_boilerplate(soup)
    root = main_content(soup)
    lists = reference_lists(soup)
    chosen = lists[-1] if lists else None
    repeats = [lst for lst in lists[:-1] if same_text(lst, chosen)] if chosen is not None else []
    renderer = _Renderer(chosen, repeats)
    renderer.walk(root)
    if chosen is not None and not renderer.saw_list:
        heading = heading_before(chosen)
        if heading is not None and root not in heading.parents:
            renderer.heading(heading)
        renderer.reference_list(chosen)
    article = renderer.article(source)
    refs = renderer.references
    if chosen is None:
        article, refs = _section_without_list(article)
    if flattened:
        note = f"{flattened} tags nested deeper than {MAX_DEPTH} levels were flattened (their text kept)"
        article = dataclasses.replace(article, notes=(*article.notes, note))
    return article, refs


#: Tags nested deeper than this are unwrapped (their text kept) before the page is read.
MAX_DEPTH = 100


def flatten_deep_tags(soup: BeautifulSoup, limit: int = MAX_DEPTH) -> int:
    """Unwrap every tag nested deeper than ``limit`` (an iterative walk); return how many.

    Real pages nest a few dozen levels; hostile ones thousands, which would make
    every later walk recursive and quadratic. The text stays, in order.
    """
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth + 1 > limit:
                    deep.append(child)
                stack.append((child, depth + 1))
    for tag in reversed(deep):
        tag.unwrap()
    return len(deep)


# --- rendering ----------------------------------------------------------------------------------


class _Renderer:
    """Walks the DOM and writes blocks of text, keeping every span exact."""

    def __init__(self, ref_list: Tag | None, repeats: list[Tag]) -> None:
        self.ref_list = ref_list
        self.repeats = repeats
        self.saw_list = False
        self.parts: list[str] = []  # the text so far, joined once at the end (no quadratic +=)
        self.length = 0
        self.blocks: list[tuple[BlockKind, int, int]] = []
        self.references: tuple[Reference, ...] = ()
        self.references_span: tuple[int, int] | None = None
        self.repeated_span: tuple[int, int] | None = None
        self.pending: list[_Segment] = []
        self.kinds: list[BlockKind] = [BlockKind.PARAGRAPH]

    # blocks
    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self._tag(child)
            elif type(child) is NavigableString or _is_text(child):
                self.pending.append(_inline(str(child)))

    def _tag(self, tag: Tag) -> None:
        name = tag.name
        if tag is self.ref_list:
            self.flush()
            self.reference_list(tag)
        elif self.repeats and any(tag is r for r in self.repeats):
            self.flush()
            self.repeated_span = self._write_entries(tag, record=False)
        elif name in _HEADINGS:
            self.heading(tag)
        elif name == "li":
            self._block(tag, BlockKind.LIST_ITEM)
        elif name == "sup":
            self.pending.extend(_sup_segments(tag, self.pending))
        elif name == "br":
            self.pending.append("\n")
        elif name == "hr":
            self.flush()
        elif name in ("td", "th"):
            self.walk(tag)
            self.pending.append(" ")
        elif name in _BLOCKS:
            self._block(tag, BlockKind.PARAGRAPH)
        else:
            self.walk(tag)

    def _block(self, tag: Tag, kind: BlockKind) -> None:
        self.flush()
        self.kinds.append(kind)
        self.walk(tag)
        self.flush()
        self.kinds.pop()

    def heading(self, tag: Tag) -> None:
        self.flush()
        self.kinds.append(BlockKind.HEADING)
        self.walk(tag)
        self.flush()
        self.kinds.pop()

    def flush(self) -> None:
        """Write the pending inline text as one block of the current kind."""
        if not self.pending:
            return
        segments, self.pending = self.pending, []
        body, _ = _compose(segments)
        if body.strip():
            self._append(self.kinds[-1], body.strip(" \n"))

    def _append(self, kind: BlockKind, body: str) -> tuple[int, int]:
        if self.length:
            self._write("\n\n")
        start = self.length
        self._write(body)
        self.blocks.append((kind, start, self.length))
        return start, self.length

    def _write(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    # the reference list
    def reference_list(self, lst: Tag) -> None:
        self.saw_list = True
        self.references_span = self._write_entries(lst, record=True)

    def _write_entries(self, lst: Tag, *, record: bool) -> tuple[int, int] | None:
        refs: list[Reference] = []
        first = None
        number = _list_number(lst.get("start"), 1)
        for item in [c for c in lst.children if isinstance(c, Tag) and c.name == "li"]:
            number = _list_number(item.get("value"), number)
            text, _ = _compose(list(_inline_segments(item)))
            text = text.strip()
            if not text:
                continue
            printed = _PRINTED_NUMBER.match(text + " ")
            entry = text if printed else f"{number}. {text}"
            self._write("\n" if first is not None else ("\n\n" if self.length else ""))
            start = self.length
            self._write(entry)
            first = start if first is None else first
            hrefs = tuple(
                str(href)
                for a in _links(item)
                if (href := a.get("href")) is not None and not str(href).startswith("#")
            )
            ref = parse_reference(entry, number=None if printed else number, start=start)
            refs.append(with_link_identifiers(ref, hrefs))
            number = (ref.number or number) + 1
        if first is None:
            return None
        if record:
            self.references = tuple(refs)
            self.blocks.append((BlockKind.REFERENCES, first, self.length))
        return first, self.length

    def article(self, source: str | None) -> Article:
        text = "".join(self.parts)
        blocks = tuple(Block(i, kind, text[s:e], s, e) for i, (kind, s, e) in enumerate(self.blocks))
        return Article(
            text=text,
            blocks=blocks,
            references_span=self.references_span,
            source=source,
            format="html",
            repeated_references_span=self.repeated_span,
        )


def _list_number(value: object, default: int) -> int:
    """An ``<ol start>`` or ``<li value>``: up to six ASCII digits, else ``default`` (never a crash)."""
    text = str(value or "").strip()
    return int(text) if _LIST_NUMBER.fullmatch(text) else default


def _links(tag: Tag) -> list[Tag]:
    """The ``<a>`` elements under ``tag`` (``find_all("a")`` without its filter machinery)."""
    return [t for t in tag.descendants if isinstance(t, Tag) and t.name == "a"]


def _inline(text: str) -> str:
    """Text as it reads inline: each run of spaces and line breaks, odd Unicode ones too, one space.

    ASCII text skips normalise_whitespace: its only ASCII changes (tab, CR, VT, FF) turn a
    space into a space, which the collapsing does anyway.
    """
    return _SPACE.sub(" ", text if text.isascii() else normalise_whitespace(text))


def _is_text(node: object) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, (PreformattedString, Script, Stylesheet, TemplateString)
    )


def _inline_segments(tag: Tag) -> Iterator[_Segment]:
    """A list item's text, flattened (nested blocks read as inline text)."""
    for child in tag.children:
        if isinstance(child, Tag):
            if child.name == "br":
                yield " "
            elif child.name == "sup":
                yield from (s if isinstance(s, str) else s.text() for s in _sup_segments(child, []))
            else:
                yield from _inline_segments(child)
                if child.name in _BLOCKS or child.name == "li":
                    yield " "
        elif type(child) is NavigableString or _is_text(child):
            yield _inline(str(child))


def _sup_segments(tag: Tag, before: list[_Segment]) -> list[_Segment]:
    """A ``<sup>`` as a citation, an exponent or plain text; adjacent citations merge."""
    raw = _inline(tag.get_text()).strip()
    if not _CITATION_SUP.fullmatch(raw):
        return [raw] if raw else []
    bracketed = raw.startswith("[") and raw.endswith("]")
    digits = raw if bracketed else raw.replace(" ", "")
    last = len(before) - 1
    while last >= 0 and isinstance(before[last], str) and not str(before[last]).strip():
        last -= 1
    prev = before[last] if last >= 0 else None
    if isinstance(prev, _Sup) and prev.bracketed == bracketed:
        del before[last + 1 :]  # <sup>1</sup> <sup>2</sup> reads "1,2"
        prev.digits = prev.digits + digits if bracketed else f"{prev.digits},{digits}"
        return []
    linked = any(str(a.get("href") or "").startswith("#") for a in _links(tag))
    tail = "".join(s for s in before[-3:] if isinstance(s, str)).rstrip(" ")
    word = _LAST_WORD.search(tail)
    if not linked and (tail[-1:].isdigit() or (word is not None and 0 < len(word.group(1)) <= 2)):
        return [raw.translate(_SUPERSCRIPT)]  # m², 10⁹: an exponent, not a citation
    return [_Sup(digits, bracketed)]


def _compose(segments: list[_Segment]) -> tuple[str, list[tuple[_Sup, int, int]]]:
    """Join segments into text, collapsing spaces; make sure each citation reads as a marker."""
    for _ in range(2):
        text, spans = _join(segments)
        read = _markers_read(text) if spans else ()  # once per text, not once per citation
        missed = [sup for sup, s, e in spans if not any(m.start <= s and e <= m.end for m in read)]
        if not missed or all(s.bracketed or s.forced for s in missed):
            return text, spans
        for sup in missed:
            sup.forced = True
    return _join(segments)


def _join(segments: list[_Segment]) -> tuple[str, list[tuple[_Sup, int, int]]]:
    parts: list[str] = []
    spans: list[tuple[_Sup, int, int]] = []
    length = 0
    for seg in segments:
        piece = seg if isinstance(seg, str) else seg.text()
        if parts and piece.startswith(" ") and parts[-1].endswith((" ", "\n")):
            piece = piece.lstrip(" ")
        if not piece:
            continue
        if not parts:
            piece = piece.lstrip(" \n")
            if not piece:
                continue
        if isinstance(seg, _Sup):
            spans.append((seg, length, length + len(piece)))
        parts.append(piece)
        length += len(piece)
    return "".join(parts), spans


def _markers_read(text: str) -> tuple[Marker, ...]:
    """The markers read in ``text``; a citation span inside none of them is not read as one."""
    # Read with no habit: only the shapes every article's habit reads, so a citation is never lost.
    return find_markers(text.rstrip(" \n"), habit=_NO_HABIT)


# --- a reference section without a list element ------------------------------------------------


def _section_without_list(article: Article) -> tuple[Article, tuple[Reference, ...]]:
    """Paragraphs under the last reference heading form the section, as in pasted text."""
    blocks = list(article.blocks)
    heads = [
        i
        for i, b in enumerate(blocks)
        if b.kind is BlockKind.HEADING and _REF_HEADING.fullmatch(b.text.strip(" :"))
    ]
    if not heads or heads[-1] == len(blocks) - 1:
        return article, ()
    first = heads[-1] + 1
    last = (
        next((i for i in range(first, len(blocks)) if blocks[i].kind is BlockKind.HEADING), len(blocks)) - 1
    )
    if last < first:
        return article, ()
    start, end = blocks[first].start, blocks[last].end
    section = Block(first, BlockKind.REFERENCES, article.text[start:end], start, end)
    kept = [*blocks[:first], section, *blocks[last + 1 :]]
    blocks_out = tuple(dataclasses.replace(b, index=i) for i, b in enumerate(kept))
    refs = tuple(
        with_link_identifiers(r) for r in parse_reference_list(article.text[start:end], offset=start)
    )
    return dataclasses.replace(article, blocks=blocks_out, references_span=(start, end)), refs
