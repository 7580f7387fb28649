"""Read JATS XML (publishers' and PubMed Central's ``.xml`` / ``.nxml``) into an article.

JATS says what plain text can only suggest: every citation is an
``<xref ref-type="bibr" rid="...">`` pointing at a ``<ref>`` of the
``<ref-list>``. So the markers are exact, not found:

* adjacent ``xref`` elements with only brackets, commas, semicolons, dashes or
  spaces between them are one marker (``[1]–[5]``, ``[2,3]``), with the
  brackets around them; a dash between two ``xref`` fills the range;
* an ``xref`` printing numbers (``3``, ``[4–6]``) cites what it prints (the
  printed number wins when it and the ``rid`` disagree); one printing words
  (``Doe et al., 2020``) cites the entry its ``rid`` names;
* the article title, abstracts, sections (``<title>`` headings), paragraphs,
  lists, quotes, and figure and table captions become blocks; tables' cells,
  formulas and the front matter's metadata do not;
* each ``<ref>`` (``element-citation``, ``mixed-citation`` or the older
  ``nlm-citation``) is numbered by its ``<label>`` (else its position) and its
  fields read from the elements: ``person-group``/``name``/``collab``,
  ``article-title``, ``source``, ``year``, ``volume``, ``issue``,
  ``fpage``-``lpage`` or ``elocation-id``, ``pub-id``/``object-id`` (DOI, PMID,
  PMCID) and DOI links (``ext-link``, ``uri``).

The parser is Python's own (expat): no DTD or external entity is fetched, and a
document declaring its own entities is refused.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from claimcheck.errors import InputError
from claimcheck.model import Article, BlockKind, Reference
from claimcheck.read.blocks import ArticleWriter, Cite, Segment, entry_text, expand_numbers
from claimcheck.read.references.fields import Fields, to_reference

__all__ = ["is_jats", "read_jats"]

_XLINK = "{http://www.w3.org/1999/xlink}href"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_JATS_START = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+article\b[^>\[]*(?:\[.*?\])?\s*>\s*)?"
    r"(?:<!--.*?-->\s*)*<article\b",
    re.DOTALL,
)
_MAX_DEPTH = 120
# Between two xrefs of one marker: only brackets, commas, semicolons, dashes, spaces.
_BETWEEN = re.compile(r"[\s\[\],;–—‐‑-]*")
_DASH = re.compile(r"[–—‐‑-]")
_CITATIONS = ("element-citation", "mixed-citation", "nlm-citation", "citation")
_SKIP = _words(
    "alternatives disp-formula inline-formula tex-math graphic inline-graphic media object-id label"
    " fn-group table-wrap-foot"
)
_CAPTIONED = frozenset({"fig", "table-wrap", "boxed-text", "supplementary-material", "media"})
_BLOCKY = _words(
    "p sec list list-item disp-quote fig table-wrap boxed-text supplementary-material def-list statement"
    " disp-formula table speech verse-group fig-group table-wrap-group"
)


def is_jats(text: str) -> bool:
    """Whether ``text`` is a JATS (or NLM) XML article: its root element is ``<article>``.

    >>> is_jats('<?xml version="1.0"?><article><front/></article>'), is_jats("<html></html>")
    (True, False)
    """
    return bool(_JATS_START.match(text[:65536]))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_jats(
    xml: str, *, source: str | None = None, tables: bool = True
) -> tuple[Article, tuple[Reference, ...]]:
    """Read a JATS article: its title, abstracts and body as blocks, its citations and reference list.

    ``tables``: write each table row as a paragraph (cells apart), so citations in tables count.

    Examples
    --------
    >>> xml = '''<article><front><article-meta><title-group><article-title>Ketamine</article-title>
    ... </title-group></article-meta></front><body><p>It helps [<xref ref-type="bibr" rid="r1">1</xref>].
    ... </p></body><back><ref-list><ref id="r1"><label>1</label><element-citation>
    ... <person-group><name><surname>Doe</surname><given-names>Jane</given-names></name></person-group>
    ... <article-title>A trial</article-title><source>J Med</source><year>2020</year>
    ... <pub-id pub-id-type="doi">10.1000/xyz</pub-id></element-citation></ref></ref-list></back></article>'''
    >>> article, refs = read_jats(xml)
    >>> article.markers, refs[0].doi
    ((<Marker '[1]' 19:22 -> [1]>,), '10.1000/xyz')
    """
    if re.search(r"<!ENTITY", xml[:65536]):
        raise InputError("the XML declares its own entities; refused (entity expansion)", source=source)
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"is not well-formed XML: {exc}", source=source, line=line) from None
    if _local(root.tag) != "article":
        raise InputError("is XML but not a JATS article (its root is not <article>)", source=source)
    numbers, entries = _reference_list(root)
    reader = _Reader(numbers, tables)
    front = next((e for e in root if _local(e.tag) == "front"), None)
    if front is not None:
        reader.front(front)
    for part in root:
        if _local(part.tag) in ("body", "back"):
            reader.walk(part, 0)
    reader.writer.references(entries)
    cites = len(reader.writer.markers)
    reading = f"JATS XML, {cites} linked citation{'s' * (cites != 1)}, {len(entries)} structured references"
    article = reader.writer.article(source=source, format="jats", reading=reading)
    return article, tuple(reader.writer.refs)


class _Reader:
    def __init__(self, numbers: dict[str, int], tables: bool) -> None:
        self.numbers = numbers
        self.tables = tables
        self.writer = ArticleWriter()

    def front(self, front: ET.Element) -> None:
        title = next(front.iter("article-title"), None)
        if title is not None:
            self.writer.block(BlockKind.HEADING, self.inline(title))
        for abstract in front.iter("abstract"):
            if abstract.get("abstract-type") in ("toc", "teaser"):
                continue
            heading = next((e for e in abstract if _local(e.tag) == "title"), None)
            if heading is None:
                self.writer.block(BlockKind.HEADING, ["Abstract"])
            self.walk(abstract, 0)

    def walk(self, node: ET.Element, depth: int) -> None:
        """Write the blocks under ``node``."""
        for child in node:
            self.node(child, depth)

    def node(self, child: ET.Element, depth: int) -> None:
        """Write one element's blocks."""
        name = _local(child.tag)
        if depth > _MAX_DEPTH or name in ("ref-list", "fn-group", "ack-list") or name in _SKIP:
            return
        if name == "title":
            self.writer.block(BlockKind.HEADING, self.inline(child))
        elif name == "p":
            self.paragraph(child, BlockKind.PARAGRAPH, depth)
        elif name == "list-item":
            self.paragraph(child, BlockKind.LIST_ITEM, depth)
        elif name in _CAPTIONED:
            self.captioned(child, depth)
        else:
            self.walk(child, depth + 1)

    def captioned(self, node: ET.Element, depth: int) -> None:
        caption = next((e for e in node if _local(e.tag) == "caption"), None)
        label = next((e for e in node if _local(e.tag) == "label"), None)
        if caption is not None:
            lead: list[Segment] = [*self.inline(label), " "] if label is not None else []
            for i, part in enumerate(caption):
                segments = self.inline(part)
                self.writer.block(BlockKind.PARAGRAPH, [*lead, *segments] if i == 0 else segments)
        for child in node.iter() if self.tables and _local(node.tag) == "table-wrap" else ():
            if _local(child.tag) == "tr":
                self.row(child)
        for child in node:
            if _local(child.tag) in ("sec", "p", "boxed-text") or _local(child.tag) in _CAPTIONED:
                self.node(child, depth + 1)

    def row(self, tr: ET.Element) -> None:
        """A table row: one paragraph, its cells apart."""
        segments: list[Segment] = []
        for cell in tr:
            if segments:
                segments.append(" | ")
            segments.extend(self.inline(cell))
        self.writer.block(BlockKind.PARAGRAPH, segments)

    def paragraph(self, node: ET.Element, kind: BlockKind, depth: int) -> None:
        """A paragraph (or list item) whose nested blocks (lists, figures) are written apart."""
        pending: list[Segment] = [node.text or ""]
        for child in node:
            if _local(child.tag) in _BLOCKY:
                self.writer.block(kind, _grouped(pending))
                pending = []
                if _local(child.tag) in ("p", "list-item"):
                    self.paragraph(
                        child, kind if _local(child.tag) == "p" else BlockKind.LIST_ITEM, depth + 1
                    )
                else:
                    self.node(child, depth + 1)
            else:
                pending.extend(self._segments(child, depth))
            pending.append(child.tail or "")
        self.writer.block(kind, _grouped(pending))

    def inline(self, node: ET.Element | None) -> list[Segment]:
        if node is None:
            return []
        out: list[Segment] = [node.text or ""]
        for child in node:
            out.extend(self._segments(child, 0))
            out.append(child.tail or "")
        return _grouped(out)

    def _segments(self, node: ET.Element, depth: int) -> Iterator[Segment]:
        name = _local(node.tag)
        if depth > _MAX_DEPTH or name in ("inline-formula", "disp-formula", "fn", "tex-math"):
            if name == "inline-formula":
                yield " ".join("".join(node.itertext()).split())
            return
        if name == "xref" and node.get("ref-type") == "bibr":
            yield self._cite(node)
            return
        if name == "break":
            yield " "
        yield node.text or ""
        for child in node:
            yield from self._segments(child, depth + 1)
            yield child.tail or ""

    def _cite(self, xref: ET.Element) -> Cite:
        printed = "".join(xref.itertext())
        numbers = expand_numbers(printed)
        if numbers is None:
            rids = [self.numbers[r] for r in (xref.get("rid") or "").split() if r in self.numbers]
            numbers = tuple(dict.fromkeys(rids))
        return Cite(printed, numbers, "xref")


def _grouped(segments: list[Segment]) -> list[Segment]:
    """Adjacent citations with only brackets and separators between them become one marker."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        if not isinstance(seg, Cite):
            out.append(seg)
            i += 1
            continue
        text, numbers = seg.text, list(seg.numbers)
        j = i + 1
        while j < len(segments):
            k = j
            between = ""
            while k < len(segments) and isinstance(segments[k], str):
                between += str(segments[k])
                k += 1
            nxt = segments[k] if k < len(segments) else None
            if not isinstance(nxt, Cite) or not _BETWEEN.fullmatch(between):
                break
            if _DASH.search(between) and numbers and nxt.numbers and 0 < nxt.numbers[0] - numbers[-1] <= 100:
                numbers.extend(range(numbers[-1] + 1, nxt.numbers[0]))
            numbers.extend(nxt.numbers)
            text += between + nxt.text
            j = k + 1
        # brackets around the group belong to it: "[" before, "]" after
        if out and isinstance(out[-1], str) and re.search(r"[\[(]\s*$", out[-1]) and not _opens(text):
            head = re.search(r"[\[(]\s*$", out[-1])
            assert head is not None
            text = out[-1][head.start() :] + text
            out[-1] = out[-1][: head.start()]
        tail = segments[j] if j < len(segments) else None
        if isinstance(tail, str) and _unbalanced(text):
            close = re.match(r"\s*[\])]", tail)
            if close:
                text += close.group()
                segments = [*segments[:j], tail[close.end() :], *segments[j + 1 :]]
        out.append(Cite(text, tuple(dict.fromkeys(numbers)), seg.style))
        i = j
    return out


def _opens(text: str) -> bool:
    return text.lstrip().startswith(("[", "("))


def _unbalanced(text: str) -> bool:
    return text.count("[") > text.count("]") or text.count("(") > text.count(")")


# --- the reference list ---------------------------------------------------------------------------


def _reference_list(
    root: ET.Element,
) -> tuple[dict[str, int], list[tuple[int | None, str, Reference | None]]]:
    numbers: dict[str, int] = {}
    entries: list[tuple[int | None, str, Reference | None]] = []
    back = next((e for e in root if _local(e.tag) == "back"), None)
    refs = [r for r in (back.iter() if back is not None else ()) if _local(r.tag) == "ref"]
    for position, ref in enumerate(refs, start=1):
        label = next((e for e in ref if _local(e.tag) == "label"), None)
        digits = re.search(r"\d{1,4}", "".join(label.itertext())) if label is not None else None
        number = int(digits.group()) if digits else position
        if ref.get("id"):
            numbers[str(ref.get("id"))] = number
        citation = next((e for e in ref.iter() if _local(e.tag) in _CITATIONS), None)
        if citation is None:
            continue
        fields = _fields(citation)
        raw = _printed(citation, fields)
        entries.append((number, raw, to_reference(fields, raw=raw)))
    return numbers, entries


def _text(node: ET.Element | None) -> str | None:
    if node is None:
        return None
    text = " ".join("".join(node.itertext()).split())
    return text or None


def _fields(citation: ET.Element) -> Fields:
    def first(*names: str) -> str | None:
        return next((_text(e) for e in citation.iter() if _local(e.tag) in names and _text(e)), None)

    authors: list[str | tuple[str, str]] = []
    groups = [g for g in citation.iter() if _local(g.tag) == "person-group"]
    wanted = [g for g in groups if g.get("person-group-type", "author") == "author"] or groups[:1]
    holders = wanted or [citation]
    for holder in holders:
        for person in holder:
            name = _local(person.tag)
            if name in ("name", "string-name"):
                surname = _text(next((e for e in person if _local(e.tag) == "surname"), None))
                given = _text(next((e for e in person if _local(e.tag) == "given-names"), None)) or ""
                authors.append((surname, given) if surname else (_text(person) or ""))
            elif name == "collab":
                authors.append(_text(person) or "")
            elif name == "etal":
                authors.append("others")
    fpage, lpage = first("fpage"), first("lpage")
    pages = f"{fpage}-{lpage}" if fpage and lpage and lpage != fpage else fpage or first("elocation-id")
    ids = {
        (e.get("pub-id-type") or "").lower(): _text(e)
        for e in citation.iter()
        if _local(e.tag) in ("pub-id", "object-id")
    }
    doi = ids.get("doi") or _doi_link(citation)
    title = first("article-title", "chapter-title", "data-title")
    container = first("source")
    return Fields(
        authors=tuple(a for a in authors if a),
        title=title or container,
        container=container if title else None,
        date=first("year"),
        volume=first("volume"),
        issue=first("issue"),
        pages=pages,
        doi=doi,
        pmid=ids.get("pmid"),
        pmcid=ids.get("pmcid") or ids.get("pmc"),
        url=next((e.get(_XLINK) for e in citation.iter() if _local(e.tag) in ("ext-link", "uri")), None),
    )


_DOI_IN = re.compile(r"(?:doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)", re.IGNORECASE)


def _doi_link(citation: ET.Element) -> str | None:
    for link in citation.iter():
        if _local(link.tag) not in ("ext-link", "uri"):
            continue
        for value in (link.get(_XLINK) or "", _text(link) or ""):
            if "10." in value and (link.get("ext-link-type") == "doi" or re.search(r"doi", value, re.I)):
                match = _DOI_IN.search(value)
                if match:
                    return match.group(1)
    return None


def _printed(citation: ET.Element, fields: Fields) -> str:
    """The entry as printed: a mixed citation's own text, else one composed from its fields."""
    own_text = (citation.text or "").strip() or any((c.tail or "").strip(" .,;:") for c in citation)
    if _local(citation.tag) == "mixed-citation" and own_text:
        return _text(citation) or ""
    return entry_text(fields)
