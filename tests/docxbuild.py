"""Build Word documents in tests with python-docx, with raw reference-manager field codes.

The field shapes follow what Zotero, Mendeley and EndNote write into Word (field
code in ``w:instrText`` between ``fldChar`` begin/separate/end, split across runs as
Word splits them; Mendeley Cite as a content control tagged
``MENDELEY_CITATION_v3_<base64 JSON>``; EndNote's record XML inline after
``ADDIN EN.CITE`` or base64 in the ``w:fldData`` of a nested ``ADDIN EN.CITE.DATA``
field). All items are synthetic (DOIs under Crossref's test prefix 10.5555).
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ITEMS = [
    {
        "id": 101,
        "type": "article-journal",
        "title": "Ketamine for treatment-resistant depression: a synthetic trial",
        "container-title": "Journal of Synthetic Psychiatry",
        "author": [{"family": "Hassan", "given": "Kevin"}, {"family": "Lee", "given": "Ana"}],
        "issued": {"date-parts": [[2020]]},
        "volume": "12",
        "page": "101-109",
        "DOI": "10.5555/synthetic.0001",
    },
    {
        "id": 102,
        "type": "article-journal",
        "title": "Esketamine nasal spray and suicidal ideation",
        "container-title": "Synthetic Medicine",
        "author": [{"family": "Okafor", "given": "Chidi"}],
        "issued": {"date-parts": [[2019]]},
        "volume": "3",
        "page": "44-52",
        "DOI": "10.5555/synthetic.0002",
    },
    {
        "id": 103,
        "type": "article-journal",
        "title": "Home-based dissociative anaesthetics: a cohort study",
        "container-title": "Synthetic Reviews",
        "author": [{"family": "Moreau", "given": "Claire"}, {"family": "Tan", "given": "Wei"}],
        "issued": {"date-parts": [[2021]]},
        "volume": "8",
        "page": "1-10",
        "DOI": "10.5555/synthetic.0003",
    },
]


def zotero_code(items: list[dict[str, Any]], shown: str) -> str:
    data = {
        "citationID": "syntheticA1",
        "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": 0},
        "citationItems": [
            {"id": it["id"], "uris": [f"http://zotero.org/users/1/items/SYN{it['id']}"], "itemData": it}
            for it in items
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data) + " "


def mendeley_data(items: list[dict[str, Any]], shown: str) -> dict[str, Any]:
    return {
        "citationItems": [
            {
                "id": f"ITEM-{i}",
                "itemData": {**it, "id": f"ITEM-{i}"},
                "uris": [f"http://www.mendeley.com/documents/?uuid=syn-{it['id']}"],
            }
            for i, it in enumerate(items, start=1)
        ],
        "mendeley": {"formattedCitation": shown, "plainTextFormattedCitation": shown},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }


def mendeley_code(items: list[dict[str, Any]], shown: str) -> str:
    return " ADDIN CSL_CITATION " + json.dumps(mendeley_data(items, shown)) + " "


def endnote_xml(items: list[dict[str, Any]], shown: str) -> str:
    cites = []
    for it in items:
        authors = "".join(
            f'<author><style face="normal" font="default" size="100%">{escape(a["family"])}, '
            f"{escape(a['given'])}</style></author>"
            for a in it["author"]
        )
        year = it["issued"]["date-parts"][0][0]
        cites.append(
            f"<Cite><Author>{escape(it['author'][0]['family'])}</Author><Year>{year}</Year>"
            f"<RecNum>{it['id']}</RecNum><DisplayText>{escape(shown)}</DisplayText>"
            f"<record><rec-number>{it['id']}</rec-number>"
            f'<foreign-keys><key app="EN" db-id="synthdb">{it["id"]}</key></foreign-keys>'
            f'<ref-type name="Journal Article">17</ref-type>'
            f"<contributors><authors>{authors}</authors></contributors>"
            f"<titles><title>{escape(it['title'])}</title>"
            f"<secondary-title>{escape(it['container-title'])}</secondary-title></titles>"
            f"<periodical><full-title>{escape(it['container-title'])}</full-title></periodical>"
            f"<pages>{it['page']}</pages><volume>{it['volume']}</volume>"
            f"<dates><year>{year}</year></dates>"
            f"<electronic-resource-num>{it['DOI']}</electronic-resource-num></record></Cite>"
        )
    return "<EndNote>" + "".join(cites) + "</EndNote>"


def _run(paragraph: Any, child: Any, *, superscript: bool = False) -> Any:
    r = OxmlElement("w:r")
    if superscript:
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        r.append(rpr)
    r.append(child)
    paragraph._p.append(r)
    return r


def _fldchar(kind: str, data: bytes | None = None) -> Any:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if data is not None:
        fd = OxmlElement("w:fldData")
        fd.text = base64.b64encode(data).decode()
        el.append(fd)
    return el


def _instr(paragraph: Any, code: str, chunk: int = 255) -> None:
    for i in range(0, len(code), chunk):  # Word splits long codes across runs
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = code[i : i + chunk]
        _run(paragraph, it)


def text(paragraph: Any, value: str, *, superscript: bool = False) -> None:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    _run(paragraph, t, superscript=superscript)


def field(
    paragraph: Any, code: str, shown: str, *, superscript: bool = False, nested_data: bytes | None = None
) -> None:
    """A complex field; ``nested_data``: an inner ``EN.CITE.DATA`` field carrying it (EndNote)."""
    _run(paragraph, _fldchar("begin"))
    _instr(paragraph, code)
    if nested_data is not None:
        _run(paragraph, _fldchar("begin", nested_data))
        _instr(paragraph, " ADDIN EN.CITE.DATA ")
        _run(paragraph, _fldchar("end"))
    _run(paragraph, _fldchar("separate"))
    text(paragraph, shown, superscript=superscript)
    _run(paragraph, _fldchar("end"))


def mendeley_cite(paragraph: Any, items: list[dict[str, Any]], shown: str) -> None:
    """A Mendeley Cite content control."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    tag = OxmlElement("w:tag")
    payload = base64.b64encode(json.dumps(mendeley_data(items, shown)).encode()).decode()
    tag.set(qn("w:val"), "MENDELEY_CITATION_v3_" + payload)
    pr.append(tag)
    content = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    content.append(r)
    sdt.append(pr)
    sdt.append(content)
    paragraph._p.append(sdt)


def tracked(paragraph: Any, kind: str, value: str) -> None:
    """Tracked insertion (``ins``) or deletion (``del``) of ``value``."""
    wrap = OxmlElement(f"w:{kind}")
    wrap.set(qn("w:id"), "1")
    wrap.set(qn("w:author"), "Synthetic Editor")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    r.append(t)
    wrap.append(r)
    paragraph._p.append(wrap)


def bibliography(document: Any, code: str, entries: list[str]) -> None:
    """A bibliography field whose result spans one paragraph per entry."""
    for i, entry in enumerate(entries):
        p = document.add_paragraph()
        if i == 0:
            _run(p, _fldchar("begin"))
            _instr(p, code)
            _run(p, _fldchar("separate"))
        text(p, entry)
        if i == len(entries) - 1:
            _run(p, _fldchar("end"))


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_document() -> Any:
    return Document()


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_FN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def footnote_reference(paragraph: Any, note_id: int) -> None:
    """A superscript footnote reference run (the note itself is added by ``with_footnotes``)."""
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    _run(paragraph, ref, superscript=True)


def with_footnotes(docx_bytes: bytes, notes: dict[int, str]) -> bytes:
    """Add a footnotes part (as Word writes it: separators, then the notes) to a saved document.

    A note's text is plain, or raw WordprocessingML runs when it starts with ``<w:r>``
    (a citation field in the note, as note styles write it).
    """
    import zipfile

    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>",
    ]
    for note_id, note in notes.items():
        body.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f"<w:footnoteRef/></w:r>{note if note.startswith('<w:r>') else _plain_run(note)}</w:p>"
            "</w:footnote>"
        )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    xml = f"{head}<w:footnotes {_NS}>{''.join(body)}</w:footnotes>"
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdSynFn" Type="{_FN_REL}" Target="footnotes.xml"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif name == "[Content_Types].xml":
                part = f'<Override PartName="/word/footnotes.xml" ContentType="{_FN_TYPE}"/>'
                data = data.replace(b"</Types>", part.encode() + b"</Types>")
            dst.writestr(name, data)
        dst.writestr("word/footnotes.xml", xml)
    return out.getvalue()


def _plain_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'


def field_xml(code: str, shown: str) -> str:
    """A complex field as raw runs (for notes written by ``with_footnotes``)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(code)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{escape(shown)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
