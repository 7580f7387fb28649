"""Read a Word document (``.docx``) into an article, with its citation fields' exact items.

The document is opened with python-docx (the ``docx`` extra) and its XML walked
in order, because what matters here is what python-docx does not model:

* paragraphs (``Heading N`` and ``Title`` styles: headings; numbered or bulleted:
  list items), table rows and content controls become blocks;
* tracked changes are read accepted: inserted text (``w:ins``, ``w:moveTo``) is
  kept, deleted text (``w:del``, ``w:delText``, ``w:moveFrom``) dropped;
  comments are ignored;
* a reference manager's citation field (Zotero, Mendeley, EndNote; see
  :mod:`claimcheck.read.docfields`) becomes an exact marker at its visible
  result, citing its items; the items, numbered in order of first citation, are
  the reference list (with their DOIs), and the bibliography as printed is kept
  in ``Article.printed_references`` to be compared with them
  (finding ``reference-field-mismatch``);
* without fields, superscript digits (``vertAlign="superscript"``) are markers,
  and footnote or endnote references are markers whose notes are the
  reference list when the document has no reference section of its own;
* otherwise the section under a "References" heading is the list, read as in
  plain text.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimcheck.errors import InputError
from claimcheck.model import Article, BlockKind, Reference
from claimcheck.read.article import _REF_HEADING
from claimcheck.read.blocks import ArticleWriter, Cite, Segment, entry_text, expand_numbers
from claimcheck.read.docfields import (
    FieldCitation,
    decode_field_data,
    is_bibliography,
    parse_field,
    parse_mendeley_tag,
)
from claimcheck.read.references.fields import to_reference
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.parse import parse_reference_list

__all__ = ["read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_DROPPED = frozenset(W + n for n in ("del", "moveFrom", "delText", "commentReference", "rPr", "pPr", "sdtPr"))
_MAX_DEPTH = 60


@dataclass
class _Field:
    code: str = ""
    data: bytes | None = None
    result: list[str] = field(default_factory=list)
    separated: bool = False
    citation: FieldCitation | None = None


@dataclass
class _Para:
    """One paragraph's segments and what kind of paragraph it is."""

    kind: BlockKind
    segments: list[Segment]
    in_bibliography: bool = False


def read_docx(data: bytes, *, source: str | None = None) -> tuple[Article, tuple[Reference, ...]]:
    """Read a Word document's text, citations and reference list.

    Returns the article (``format="docx"``, ``reading`` saying what was read:
    ``"Word document, 14 Zotero citations, 9 items"``) and the references.
    """
    import docx  # the "docx" extra (python-docx); claimcheck.read.formats checked it is there

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise InputError(f"cannot be opened as a Word document: {exc}", source=source) from None
    styles = {s.style_id: (s.name or "") for s in document.styles}
    walker = _Walker(styles)
    for rel in document.part.rels.values():
        if rel.reltype in (_FOOTNOTES, _ENDNOTES) and not rel.is_external:
            walker.read_notes(rel.target_part.blob, "footnote" if rel.reltype == _FOOTNOTES else "endnote")
    walker.body(document.element.body)
    return walker.result(source)


class _Walker:
    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.paras: list[_Para] = []
        self.fields: list[_Field] = []
        self.items: dict[str, int] = {}
        self.item_refs: list[Reference] = []
        self.managers: Counter[str] = Counter()
        self.notes: dict[str, dict[str, str]] = {"footnote": {}, "endnote": {}}
        self.note_numbers: dict[tuple[str, str], int] = {}
        self.note_items: dict[tuple[str, str], tuple[int, ...]] = {}  # the items a note's fields cite
        self.tracked = 0
        self.current: list[Segment] = []
        self.in_bibliography = False

    # --- notes -----------------------------------------------------------------------------------
    def read_notes(self, blob: bytes, kind: str) -> None:
        from lxml import etree  # python-docx's own XML library

        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iter(W + kind):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            self.current, self.fields = [], []
            for p in note.iter(W + "p"):  # a note style's citation fields live in the notes
                for child in p.iterchildren():
                    self.inline(child, 0)
                self.current.append(" ")
            segments, self.current, self.fields = self.current, [], []
            note_id = str(note.get(W + "id"))
            self.notes[kind][note_id] = " ".join(_plain(segments).split())
            cited = [
                n for seg in segments if isinstance(seg, Cite) and seg.style == "field" for n in seg.numbers
            ]
            if cited:
                self.note_items[(kind, note_id)] = tuple(dict.fromkeys(cited))

    # --- the body --------------------------------------------------------------------------------
    def body(self, body: Any) -> None:
        for child in body.iterchildren():
            self.block(child, 0)

    def block(self, node: Any, depth: int) -> None:
        tag = node.tag
        if depth > _MAX_DEPTH or tag in _DROPPED:
            return
        if tag == W + "p":
            self.paragraph(node)
        elif tag == W + "tbl":
            for row in node.iter(W + "tr"):
                for p in row.iter(W + "p"):
                    self.paragraph(p)
        elif tag == W + "sdt":
            tag_value = _sdt_tag(node)
            was = self.in_bibliography
            self.in_bibliography = was or is_bibliography(tag_value)
            for content in node.iterchildren(W + "sdtContent"):
                for child in content.iterchildren():
                    self.block(child, depth + 1)
            self.in_bibliography = was
        elif tag in (W + "ins", W + "moveTo", W + "customXml"):
            self.tracked += tag != W + "customXml"
            for child in node.iterchildren():
                self.block(child, depth + 1)

    def paragraph(self, p: Any) -> None:
        self.current = []
        kind = self._kind(p)
        bib = any(is_bibliography(f.code) for f in self.fields)
        for child in p.iterchildren():
            self.inline(child, 0)
        bib = bib or self.in_bibliography or any(is_bibliography(f.code) for f in self.fields)
        self._close_broken_fields()
        self.paras.append(_Para(kind, self.current, bib))

    def _close_broken_fields(self) -> None:
        """A field code or a citation's result never runs past its paragraph: a field left open
        there is damaged, and is closed so that it cannot swallow the rest of the document."""
        while self.fields and (not self.fields[-1].separated or self.fields[-1].citation is not None):
            if not self.fields[-1].separated:
                self.fields.pop()
            else:
                self._end()

    def _kind(self, p: Any) -> BlockKind:
        ppr = p.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        name = self.styles.get(str(style_el.get(W + "val")), "") if style_el is not None else ""
        if re.match(r"(?i)heading\s*\d|title$|subtitle$", name):
            return BlockKind.HEADING
        if (ppr is not None and ppr.find(W + "numPr") is not None) or re.match(r"(?i)list", name):
            return BlockKind.LIST_ITEM
        return BlockKind.PARAGRAPH

    def inline(self, node: Any, depth: int) -> None:
        tag = node.tag
        if depth > _MAX_DEPTH or tag in _DROPPED:
            self.tracked += tag in (W + "del", W + "moveFrom")
            return
        if tag == W + "r":
            self.run(node)
        elif tag == W + "fldSimple":
            self._begin(None)
            self.fields[-1].code = str(node.get(W + "instr") or "")
            self.fields[-1].separated = True
            self._resolve_code(self.fields[-1])
            for child in node.iterchildren():
                self.inline(child, depth + 1)
            self._end()
        elif tag == W + "sdt":
            citation = parse_mendeley_tag(_sdt_tag(node))
            if citation is not None:
                self._begin(None)
                self.fields[-1].separated, self.fields[-1].citation = True, citation
            for content in node.iterchildren(W + "sdtContent"):
                for child in content.iterchildren():
                    self.inline(child, depth + 1)
            if citation is not None:
                self._end()
        else:  # w:ins, w:hyperlink, w:smartTag, w:moveTo, ...
            self.tracked += tag in (W + "ins", W + "moveTo")
            for child in node.iterchildren():
                self.inline(child, depth + 1)

    def run(self, r: Any) -> None:
        rpr = r.find(W + "rPr")
        align = rpr.find(W + "vertAlign") if rpr is not None else None
        sup = align is not None and align.get(W + "val") == "superscript"
        for child in r.iterchildren():
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    data = child.find(W + "fldData")
                    self._begin(decode_field_data(data.text or "") if data is not None else None)
                elif kind == "separate" and self.fields:
                    self.fields[-1].separated = True
                    self._resolve_code(self.fields[-1])
                elif kind == "end" and self.fields:
                    self._end()
            elif tag == W + "instrText":
                if self.fields and not self.fields[-1].separated:
                    self.fields[-1].code += child.text or ""
            elif tag in (W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
                text = child.text or "" if tag == W + "t" else ("-" if tag == W + "noBreakHyphen" else " ")
                self._text(text, sup)
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                key = (kind, str(child.get(W + "id")))
                number = self.note_numbers.setdefault(key, len(self.note_numbers) + 1)
                self.current.append(Cite(str(number), self.note_items.get(key, (number,)), kind))

    def _text(self, text: str, sup: bool) -> None:
        if any(not f.separated for f in self.fields):
            return  # inside a field's code
        citing = next((f for f in reversed(self.fields) if f.citation is not None), None)
        if citing is not None:
            citing.result.append(text)
        elif sup and not self.in_bibliography and expand_numbers(text.strip(" ,")) is not None:
            _add_superscript(self.current, text)
        else:
            self.current.append(text)

    # --- fields ----------------------------------------------------------------------------------
    def _begin(self, data: bytes | None) -> None:
        self.fields.append(_Field(data=data))

    def _resolve_code(self, fld: _Field) -> None:
        if fld.citation is None and not is_bibliography(fld.code):
            fld.citation = parse_field(fld.code, fld.data)

    def _end(self) -> None:
        fld = self.fields.pop()
        if self.fields and not self.fields[-1].separated:  # nested in a code: EN.CITE.DATA
            self.fields[-1].data = self.fields[-1].data or fld.data
            self.fields[-1].code += " " + fld.code
            return
        if fld.citation is None:
            return
        numbers = []
        for item in fld.citation.items:
            if item.key not in self.items:
                self.items[item.key] = len(self.items) + 1
                self.item_refs.append(to_reference(item.fields, raw=entry_text(item.fields)))
            numbers.append(self.items[item.key])
        self.managers[fld.citation.manager] += 1
        shown = "".join(fld.result)
        target = next((f for f in reversed(self.fields) if f.citation is not None), None)
        if target is not None:
            target.result.append(shown)
        elif shown.strip():
            self.current.append(Cite(shown, tuple(dict.fromkeys(numbers)), "field"))

    # --- the article -----------------------------------------------------------------------------
    def result(self, source: str | None) -> tuple[Article, tuple[Reference, ...]]:
        paras = self.paras
        heading = _reference_heading(paras)
        printed_at = [i for i, p in enumerate(paras) if p.in_bibliography]
        if not printed_at and heading is not None:
            printed_at = [i for i in range(heading + 1, len(paras)) if paras[i].kind is not BlockKind.HEADING]
        writer = ArticleWriter()
        for i, para in enumerate(paras):
            if i not in printed_at:
                writer.block(para.kind, para.segments)
        printed_text = "\n".join(_plain(paras[i].segments) for i in printed_at)
        notes = self._note_entries()
        printed: tuple[Reference, ...] = ()
        if printed_text.strip():
            start = writer.section(printed_text)
            printed = tuple(
                with_link_identifiers(r) for r in parse_reference_list(writer.text[start:], offset=start)
            )
            writer.refs = list(printed)
        elif notes and not self.items:
            writer.references(notes)
        article = writer.article(source=source, format="docx", reading=self._reading(bool(notes)))
        if self.items:
            refs = tuple(_numbered(r, i) for i, r in enumerate(self.item_refs, start=1))
            names = "+".join(sorted(self.managers))
            article = _with(article, printed_references=printed, references_source=f"{names} citation fields")
            return article, refs
        if not writer.markers:  # no fields, no superscripts, no notes: find markers in the text
            article = _with(article, markers=None)
        return article, tuple(writer.refs)

    def _note_entries(self) -> list[tuple[int | None, str, Reference | None]]:
        ordered = sorted(self.note_numbers.items(), key=lambda kv: kv[1])
        return [(n, self.notes[kind].get(note_id, ""), None) for (kind, note_id), n in ordered]

    def _reading(self, notes: bool) -> str:
        parts = ["Word document"]
        for manager, count in sorted(self.managers.items()):
            parts.append(f"{count} {manager} citation{'s' * (count != 1)}")
        if self.items:
            parts.append(f"{len(self.items)} cited item{'s' * (len(self.items) != 1)}")
        elif notes:
            parts.append(f"{len(self.note_numbers)} note citations (notes read as the reference list)")
        if self.tracked:
            parts.append("tracked changes read as accepted")
        return ", ".join(parts)


def _with(article: Article, **changes: Any) -> Article:
    import dataclasses

    return dataclasses.replace(article, **changes)


def _numbered(ref: Reference, number: int) -> Reference:
    import dataclasses

    return dataclasses.replace(ref, number=number)


def _deleted(node: Any) -> bool:
    return any(a.tag in (W + "del", W + "moveFrom") for a in node.iterancestors())


def _sdt_tag(node: Any) -> str:
    pr = node.find(W + "sdtPr")
    tag = pr.find(W + "tag") if pr is not None else None
    return str(tag.get(W + "val") or "") if tag is not None else ""


def _add_superscript(segments: list[Segment], text: str) -> None:
    """A superscript run of citation digits; runs in a row merge (``1`` ``,2`` -> ``1,2``)."""
    before = "".join(s for s in segments[-2:] if isinstance(s, str))
    if segments and isinstance(segments[-1], Cite) and segments[-1].style == "superscript":
        merged = segments[-1].text + text
        numbers = expand_numbers(merged.strip(" ,"))
        segments[-1] = Cite(merged, numbers or segments[-1].numbers, "superscript")
        return
    if before[-1:].isdigit():  # 10² is an exponent
        segments.append(text)
        return
    numbers = expand_numbers(text.strip(" ,"))
    segments.append(Cite(text, numbers or (), "superscript"))


def _plain(segments: list[Segment]) -> str:
    return "".join(s if isinstance(s, str) else s.text for s in segments)


def _reference_heading(paras: list[_Para]) -> int | None:
    heads = [
        i
        for i, p in enumerate(paras)
        if (p.kind is BlockKind.HEADING or len(_plain(p.segments)) < 40)
        and _REF_HEADING.fullmatch(_plain(p.segments).strip(" :"))
    ]
    return heads[-1] if heads else None
