"""Reference-manager citation fields in Word documents: Zotero, Mendeley, EndNote.

A reference manager writes each citation as a Word field (or, for Mendeley
Cite, a content control) whose hidden code carries the cited items and whose
visible result is the marker the reader sees (``[1]``, ``2,3``, ``(Doe, 2020)``):

* Zotero: ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``; the bibliography field is
  ``ADDIN ZOTERO_BIBL {json} CSL_BIBLIOGRAPHY``;
* Mendeley Desktop: ``ADDIN CSL_CITATION {json}`` (``"mendeley"`` key), bibliography
  ``ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY``; Mendeley Cite: a content
  control tagged ``MENDELEY_CITATION_v3_`` + base64 of the same JSON, bibliography
  tagged ``MENDELEY_BIBLIOGRAPHY``;
* EndNote: ``ADDIN EN.CITE <EndNote><Cite>...<record>...</record></Cite></EndNote>``,
  or the same XML base64-encoded in the field data of a nested
  ``ADDIN EN.CITE.DATA`` field; bibliography ``ADDIN EN.REFLIST``.

The JSON is CSL citation data: ``citationItems[].itemData`` is a CSL-JSON item,
mapped with :func:`claimcheck.read.references.fields.csl_fields`. An EndNote
record is mapped field by field (``contributors/authors``, ``titles``,
``electronic-resource-num`` for the DOI, ...).

>>> code = ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"uris":["u1"],'
>>> code += '"itemData":{"title":"A trial","DOI":"10.1000/xyz"}}]}'
>>> citation = parse_field(code)
>>> citation.manager, [(i.key, i.fields.doi) for i in citation.items]
('Zotero', [('u1', '10.1000/xyz')])
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from claimcheck.read.references.fields import Fields, csl_fields

__all__ = ["FieldCitation", "FieldItem", "is_bibliography", "parse_field", "parse_mendeley_tag"]

_MAX_CODE = 2_000_000


@dataclass(frozen=True, slots=True)
class FieldItem:
    """One cited item: a stable key (URI, id or record number) and its fields."""

    key: str
    fields: Fields


@dataclass(frozen=True, slots=True)
class FieldCitation:
    """A citation field: which manager wrote it and the items it cites, in order."""

    manager: str
    items: tuple[FieldItem, ...]


def is_bibliography(code: str) -> bool:
    """Whether a field code (or content-control tag) is a reference manager's bibliography."""
    return bool(re.search(r"CSL_BIBLIOGRAPHY|ZOTERO_BIBL|EN\.REFLIST|MENDELEY_BIBLIOGRAPHY", code))


def parse_field(code: str, data: bytes | None = None) -> FieldCitation | None:
    """The citation a field code describes, or ``None`` when it is no citation field.

    ``data`` is the field's binary data (an ``EN.CITE.DATA`` field's decoded ``w:fldData``).
    """
    code = code[:_MAX_CODE]
    if re.search(r"\bADDIN\s+ZOTERO_ITEM\b", code):
        return _csl(code, "Zotero")
    if re.search(r"\bADDIN\s+CSL_CITATION\b", code):
        return _csl(code, "Mendeley")
    if re.search(r"\bADDIN\s+EN\.CITE\b", code):
        xml = _endnote_xml(code, data)
        return FieldCitation("EndNote", _endnote_items(xml)) if xml else FieldCitation("EndNote", ())
    return None


def parse_mendeley_tag(tag: str) -> FieldCitation | None:
    """A Mendeley Cite content control's tag: ``MENDELEY_CITATION_v3_`` + base64 JSON."""
    if not tag.startswith("MENDELEY_CITATION_v3_"):
        return None
    raw = tag.removeprefix("MENDELEY_CITATION_v3_")
    try:
        text = base64.b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return FieldCitation("Mendeley", ())
    return _csl(text, "Mendeley")


def _csl(code: str, manager: str) -> FieldCitation:
    start = code.find("{")
    end = code.rfind("}")
    try:
        data = json.loads(code[start : end + 1]) if 0 <= start < end else {}
    except (json.JSONDecodeError, RecursionError):
        data = {}
    items = []
    for i, item in enumerate(data.get("citationItems") or [] if isinstance(data, dict) else []):
        if not isinstance(item, dict):
            continue
        raw_data = item.get("itemData")
        item_data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
        uris = item.get("uris") or item.get("uri") or []
        uri = uris[0] if isinstance(uris, list) and uris else uris if isinstance(uris, str) else None
        key = str(uri or item.get("id") or item_data.get("id") or f"item-{i}")
        items.append(FieldItem(key, csl_fields(item_data)))
    if isinstance(data, dict) and "mendeley" in data:
        manager = "Mendeley"
    return FieldCitation(manager, tuple(items))


def _endnote_xml(code: str, data: bytes | None) -> str | None:
    start = code.find("<EndNote")
    if start >= 0:
        return code[start:]
    if data:
        text = data.decode("utf-8", "replace")
        return text[text.find("<EndNote") :] if "<EndNote" in text else None
    return None


def decode_field_data(text: str) -> bytes | None:
    """A ``w:fldData`` element's base64 content, decoded (``None`` when it is not base64)."""
    try:
        return base64.b64decode("".join(text.split()), validate=False)
    except (binascii.Error, ValueError):
        return None


def _endnote_items(xml: str) -> tuple[FieldItem, ...]:
    if "<!ENTITY" in xml:
        return ()
    end = xml.rfind("</EndNote>")
    try:
        root = ET.fromstring(xml[: end + len("</EndNote>")] if end >= 0 else xml)
    except ET.ParseError:
        return ()
    items = []
    for i, cite in enumerate(root.iter("Cite")):
        record = cite.find("record")
        number = _text(cite.find("RecNum")) or _text(
            record.find("rec-number") if record is not None else None
        )
        db = record.find("foreign-keys/key") if record is not None else None
        db_id = db.get("db-id") if db is not None else None
        key = f"{db_id or 'endnote'}:{number or i}"
        items.append(FieldItem(key, _record_fields(record, cite)))
    return tuple(items)


def _text(node: ET.Element | None) -> str | None:
    if node is None:
        return None
    text = " ".join("".join(node.itertext()).split())
    return text or None


def _record_fields(record: ET.Element | None, cite: ET.Element) -> Fields:
    if record is None:
        return Fields(
            authors=tuple(a for a in [_text(cite.find("Author"))] if a), date=_text(cite.find("Year"))
        )

    def get(path: str) -> str | None:
        return _text(record.find(path))

    authors: list[str | tuple[str, str]] = []
    for author in record.findall("contributors/authors/author"):
        name = _text(author) or ""
        family, _, given = name.partition(",")
        authors.append((family.strip(), given.strip()) if given.strip() else name)
    doi = get("electronic-resource-num")
    pmid = get("accession-num")
    return Fields(
        authors=tuple(a for a in authors if a),
        title=get("titles/title"),
        container=get("periodical/full-title") or get("titles/secondary-title") or get("periodical/abbr-1"),
        date=get("dates/year") or _text(cite.find("Year")),
        volume=get("volume"),
        issue=get("number"),
        pages=get("pages"),
        doi=doi if doi and "10." in doi else None,
        pmid=pmid if pmid and re.fullmatch(r"\d{1,9}", pmid) else None,
        url=get("urls/related-urls/url"),
        isbn=get("isbn"),
    )
