"""Word, PDF and JATS articles: read by content, citations exact, reference lists rebuilt."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import claimcheck
from claimcheck.errors import ConfigurationError, InputError, UnsupportedFormat
from claimcheck.read.claims import extract_claims
from claimcheck.read.formats import binary_format, require
from claimcheck.read.jats import read_jats
from claimcheck.read.load import load_source, read_article
from claimcheck.read.markers import find_markers

PLOS = Path("/work/shared/corpus/plos")
needs_corpus = pytest.mark.skipif(not PLOS.is_dir(), reason="the shared PLOS corpus is not here")


def _markers(article, refs):
    seen = {}
    for claim in extract_claims(article, refs):
        for m in claim.markers:
            seen.setdefault((m.start, m.end), m)
    return [tuple(seen[k].numbers) for k in sorted(seen)]


# --- JATS ------------------------------------------------------------------------------------------


@needs_corpus
def test_jats_reader_matches_the_truth_of_all_79_plos_sources():
    dirs = sorted(d for d in PLOS.iterdir() if (d / "truth.json").is_file())
    assert len(dirs) == 79
    for d in dirs:
        truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
        xml = (d / "source.xml").read_text(encoding="utf-8")
        article, refs = read_jats(xml, source=str(d), tables=truth["table_rows_included"])
        want = [tuple(m["numbers"]) for m in truth["renders"]["html"]["markers"]]
        assert [m.numbers for m in article.markers] == want, d.name  # the claims keep them all: formats_eval
        assert len(refs) == truth["reference_count"], d.name
        dois = {r.number: (r.doi or "").lower() or None for r in refs}
        assert dois == {r["number"]: r["doi"] for r in truth["references"]}, d.name


JATS = """<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "JATS.dtd">
<article><front><article-meta><title-group><article-title>Ketamine</article-title></title-group>
<abstract><p>An abstract.</p></abstract></article-meta></front>
<body><sec><title>Background</title><p>Ketamine acts fast [<xref ref-type="bibr" rid="b1">1</xref>–<xref
ref-type="bibr" rid="b3">3</xref>]. It was studied (<xref ref-type="bibr" rid="b2">Roe et al., 2019</xref>).
Table [4] is prose.</p></sec></body>
<back><ref-list><ref id="b1"><label>1</label><mixed-citation>Doe J. A trial. J Med. 2020;1:2.
<pub-id pub-id-type="doi">10.5555/one</pub-id></mixed-citation></ref>
<ref id="b2"><label>2</label><element-citation><person-group person-group-type="author">
<name><surname>Roe</surname>
<given-names>R</given-names></name><etal/></person-group><article-title>Second</article-title><source>J</source>
<year>2019</year><pub-id pub-id-type="pmid">123</pub-id></element-citation></ref>
<ref id="b3"><label>3</label><element-citation><collab>WHO</collab><source>Report</source><year>2021</year>
<ext-link ext-link-type="uri" xlink:href="https://doi.org/10.5555/three"
xmlns:xlink="http://www.w3.org/1999/xlink">link</ext-link></element-citation></ref></ref-list></back></article>"""


def test_jats_xrefs_are_exact_markers_and_ranges_fill(tmp_path):
    path = tmp_path / "article.nxml"
    path.write_text(JATS, encoding="utf-8")
    article, refs = claimcheck.parse(str(path))
    assert article.format == "jats"
    assert [(m.raw, m.numbers) for m in article.markers] == [
        ("[1–3]", (1, 2, 3)),
        ("(Roe et al., 2019)", (2,)),
    ]
    assert _markers(article, refs) == [(1, 2, 3), (2,)]  # "Table [4]" is not a citation here
    assert [(r.number, r.doi, r.pmid) for r in refs] == [
        (1, "10.5555/one", None),
        (2, None, "123"),
        (3, "10.5555/three", None),
    ]
    assert refs[1].et_al and refs[2].authors == ("WHO",)
    assert article.reading.startswith("JATS XML, 2 linked citations")


def test_jats_told_by_content_whatever_the_name(tmp_path):
    path = tmp_path / "article.txt.download"
    path.write_text(JATS, encoding="utf-8")
    assert load_source(str(path)).format == "jats"
    assert load_source(JATS).format == "jats"


def test_xml_that_is_not_jats_and_entity_bombs_are_refused(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><catalog><item/></catalog>", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="not a JATS article"):
        load_source(str(path))
    bomb = '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "aaaa">]><article>&a;</article>'
    with pytest.raises(InputError, match="entities"):
        read_jats(bomb)
    with pytest.raises(InputError, match="not well-formed"):
        read_jats("<article><body><p>open</body></article>")


# --- Word ------------------------------------------------------------------------------------------

docxbuild = pytest.importorskip("docxbuild", reason="python-docx is not installed")
ENTRIES = [
    "1. Hassan K, Lee A. Ketamine for treatment-resistant depression: a synthetic trial. "
    "Journal of Synthetic Psychiatry. 2020;12:101-109.",
    "2. Okafor C. Esketamine nasal spray and suicidal ideation. Synthetic Medicine. 2019;3:44-52.",
    "3. Moreau C, Tan W. Home-based dissociative anaesthetics: a cohort study. "
    "Synthetic Reviews. 2021;8:1-10.",
]
BIB_CODES = {
    "zotero": ' ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY ',
    "mendeley": " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY ",
    "endnote": " ADDIN EN.REFLIST ",
    "endnote-data": " ADDIN EN.REFLIST ",
    "mendeley-cite": " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY ",
}


def _cite(kind, p, items, shown):
    b = docxbuild
    if kind == "zotero":
        b.field(p, b.zotero_code(items, shown), shown, superscript=True)
    elif kind == "mendeley":
        b.field(p, b.mendeley_code(items, shown), shown, superscript=True)
    elif kind == "endnote":
        b.field(p, " ADDIN EN.CITE " + b.endnote_xml(items, shown), shown, superscript=True)
    elif kind == "endnote-data":
        b.field(
            p, " ADDIN EN.CITE ", shown, superscript=True, nested_data=b.endnote_xml(items, shown).encode()
        )
    else:
        b.mendeley_cite(p, items, shown)


def _manuscript(kind, entries=ENTRIES):
    b = docxbuild
    doc = b.new_document()
    doc.add_heading("Ketamine at home", 1)
    p = doc.add_paragraph()
    b.text(p, "Ketamine relieves depression within hours.")
    _cite(kind, p, b.ITEMS[:2], "1,2")
    b.text(p, " Esketamine is approved.")
    b.tracked(p, "ins", " Relief lasts a week.")
    b.tracked(p, "del", " Relief is permanent.")
    p = doc.add_paragraph()
    b.text(p, "Home use carries risks.")
    _cite(kind, p, [b.ITEMS[2]], "3")
    b.text(p, " Ketamine also eases pain.")
    _cite(kind, p, [b.ITEMS[0]], "1")
    doc.add_heading("References", 1)
    b.bibliography(doc, BIB_CODES[kind], entries)
    return b.save(doc)


@pytest.mark.parametrize(
    ("kind", "manager"),
    [
        ("zotero", "Zotero"),
        ("mendeley", "Mendeley"),
        ("endnote", "EndNote"),
        ("endnote-data", "EndNote"),
        ("mendeley-cite", "Mendeley"),
    ],
)
def test_reference_manager_fields_link_each_citation_to_its_item(kind, manager, tmp_path):
    path = tmp_path / "manuscript.docx"
    path.write_bytes(_manuscript(kind))
    report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    article = report.article
    assert article.format == "docx"
    assert (
        article.reading
        == f"Word document, 3 {manager} citations, 3 cited items, tracked changes read as accepted"
    )
    cited = {c.text: c.citations for c in report.claims if c.citations}
    assert cited == {
        "Ketamine relieves depression within hours.": (1, 2),
        "Home use carries risks.": (3,),
        "Ketamine also eases pain.": (1,),
    }
    assert [r.doi for r in report.references] == [f"10.5555/synthetic.000{i}" for i in (1, 2, 3)]
    assert "Relief lasts a week." in article.text and "permanent" not in article.text
    assert len(article.printed_references) == 3
    assert not [f for f in report.findings if f.code == "reference-field-mismatch"]
    assert f"Read: Word document, 3 {manager}" in report.to_text()


def test_a_hand_edited_bibliography_entry_is_found(tmp_path):
    edited = list(ENTRIES)
    edited[1] = (
        "2. Okafor C. Esketamine nasal spray and suicidal ideation in adolescents. "
        "Synthetic Medicine. 2018;3:44-52."
    )
    path = tmp_path / "stale.docx"
    path.write_bytes(_manuscript("zotero", edited))
    report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    assert [c.citations for c in report.claims if c.citations] == [(1, 2), (3,), (1,)]
    found = [f for f in report.findings if f.code == "reference-field-mismatch"]
    assert [(f.reference_number, f.detail["differs"]) for f in found] == [(2, ["title", "year"])]
    assert report.article.text[found[0].start : found[0].end] == edited[1]


def test_a_stale_bibliography_missing_a_cited_item_is_found(tmp_path):
    path = tmp_path / "stale.docx"
    path.write_bytes(_manuscript("mendeley", ENTRIES[:2]))
    report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    found = [f for f in report.findings if f.code == "reference-field-mismatch"]
    assert [(f.reference_number, f.detail["differs"]) for f in found] == [
        (3, ["missing from the printed bibliography"])
    ]


def test_superscripts_and_footnotes_without_fields(tmp_path):
    b = docxbuild
    doc = b.new_document()
    p = doc.add_paragraph()
    b.text(p, "Ketamine works fast.")
    b.text(p, "1", superscript=True)
    b.text(p, " The dose is 10")
    b.text(p, "2", superscript=True)
    b.text(p, " mg per m.")
    doc.add_heading("References", 1)
    doc.add_paragraph("1. Doe J. A trial of ketamine. J Med. 2020;1:2-3. doi:10.5555/abc")
    path = tmp_path / "plain.docx"
    path.write_bytes(b.save(doc))
    article, refs = claimcheck.parse(str(path))
    assert [(m.raw, m.numbers) for m in article.markers] == [("1", (1,))]  # 10² is an exponent
    assert [(r.number, r.doi) for r in refs] == [(1, "10.5555/abc")]


def test_footnotes_are_the_reference_list_when_the_document_cites_that_way(tmp_path):
    b = docxbuild
    doc = b.new_document()
    p = doc.add_paragraph()
    b.text(p, "Ketamine works within hours.")
    b.footnote_reference(p, 1)
    b.text(p, " Home use is risky.")
    b.footnote_reference(p, 2)
    b.text(p, " It helps again.")
    b.footnote_reference(p, 1)
    data = b.with_footnotes(
        b.save(doc),
        {
            1: "Doe J. A trial of ketamine. J Med. 2020;1:2-3. doi:10.5555/fn1",
            2: "Roe R. Home use. BMJ. 2019.",
        },
    )
    path = tmp_path / "notes.docx"
    path.write_bytes(data)
    article, refs = claimcheck.parse(str(path))
    assert _markers(article, refs) == [(1,), (2,), (1,)]
    assert [(r.number, r.doi, r.year) for r in refs] == [(1, "10.5555/fn1", 2020), (2, None, 2019)]
    assert "notes read as the reference list" in article.reading


def test_a_missing_extra_gives_an_install_hint_not_a_traceback(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a)
    )
    path = tmp_path / "manuscript.docx"
    path.write_bytes(_manuscript("zotero"))
    hint = r'(?s)Word documents needs the python-docx.*"claimcheck-audit\[docx\]"'
    with pytest.raises(ConfigurationError, match=hint):
        claimcheck.audit(str(path), offline=True, store=False)


def test_binary_sniffing_and_refusals(tmp_path):
    assert binary_format(_manuscript("zotero")) == "docx"
    zipped = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormat, match="not a Word document"):
        binary_format(zipped.getvalue())
    with pytest.raises(UnsupportedFormat, match=r"\.doc"):
        binary_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ConfigurationError, match=r'pip install "claimcheck-audit\[pdf\]"'):
        require("no_such_pdf_library_here", "pdf", "PDF files")


# --- PDF -------------------------------------------------------------------------------------------

pdfbuild = pytest.importorskip("pdfbuild", reason="reportlab is not installed")
pytest.importorskip("pdfplumber")


@needs_corpus
@pytest.mark.parametrize("slug", ["pbio.1001199", "pmed.0020124"])
def test_two_column_pdf_with_real_superscripts(slug):
    data, truth = pdfbuild.plos_pdf(slug)
    article, refs = read_article(load_source(io.BytesIO(data)))
    want = [tuple(m["numbers"]) for m in truth["renders"]["superscript"]["markers"]]
    assert _markers(article, refs) == want
    assert len(refs) == truth["reference_count"]
    assert "Synthetic two-column render" not in article.text  # the running head is dropped
    assert "in two columns" in article.reading


def test_a_pdf_without_a_text_layer_is_refused_clearly(tmp_path):
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(100, 100, 300, 400, fill=1)  # a page that is only a picture
    c.showPage()
    c.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match=r"no text layer.*OCR"):
        claimcheck.parse(str(path))


# --- the shipped synthetic demo files (tests/make_format_fixtures.py) -----------------------------

REFS = Path(__file__).resolve().parent.parent / "refs"


def test_the_seed_article_reads_the_same_as_pdf_and_as_jats():
    seed_article, seed_refs = claimcheck.parse(str(REFS / "ketamine-at-home.txt"))
    seed = [m.numbers for b in seed_article.body_blocks for m in find_markers(b.text, b.start)]
    for name in ("synthetic-ketamine-two-column.pdf", "synthetic-ketamine.nxml"):
        article, refs = claimcheck.parse(str(REFS / name))
        assert [m.numbers for m in article.markers] == seed, name
        assert [(r.number, r.doi) for r in refs] == [(r.number, r.doi) for r in seed_refs], name


def test_the_shipped_manuscript_has_one_hand_edited_entry():
    report = claimcheck.audit(str(REFS / "synthetic-zotero-manuscript.docx"), offline=True, store=False)
    found = [
        (f.reference_number, f.detail["differs"])
        for f in report.findings
        if f.code == "reference-field-mismatch"
    ]
    assert found == [(2, ["year"])]


def test_author_year_fields_and_an_alphabetical_bibliography_pair_by_likeness(tmp_path):
    b = docxbuild
    doc = b.new_document()
    p = doc.add_paragraph()
    b.text(p, "Ketamine relieves depression within hours ")
    shown = "(Hassan & Lee, 2020; Okafor, 2019)"
    b.field(p, b.zotero_code(b.ITEMS[:2], shown), shown)
    b.text(p, ". Home use carries risks ")
    b.field(p, b.zotero_code([b.ITEMS[2]], "(Moreau & Tan, 2021)"), "(Moreau & Tan, 2021)")
    b.text(p, ".")
    doc.add_heading("References", 1)
    entries = [
        "Hassan, K., & Lee, A. (2020). Ketamine for treatment-resistant depression: a synthetic trial. "
        "Journal of Synthetic Psychiatry, 12, 101-109.",
        "Moreau, C., & Tan, W. (2021). Home-based dissociative anaesthetics: a cohort study. "
        "Synthetic Reviews, 8, 1-10.",
        "Okafor, C. (2017). Esketamine nasal spray and suicidal ideation. Synthetic Medicine, 3, 44-52.",
    ]
    b.bibliography(doc, " ADDIN ZOTERO_BIBL {} CSL_BIBLIOGRAPHY ", entries)
    path = tmp_path / "apa.docx"
    path.write_bytes(b.save(doc))
    report = claimcheck.audit(str(path), offline=True, store=False, progress=False)
    assert [c.citations for c in report.claims] == [(1, 2), (3,)]
    assert [m.raw for m in report.article.markers] == [shown, "(Moreau & Tan, 2021)"]
    found = [
        (f.reference_number, f.detail["differs"])
        for f in report.findings
        if f.code == "reference-field-mismatch"
    ]
    assert found == [(2, ["year"])]  # Okafor's item is number 2 (first cited second), printed third


def test_a_note_style_manuscript_cites_through_fields_in_its_footnotes(tmp_path):
    b = docxbuild
    doc = b.new_document()
    p = doc.add_paragraph()
    b.text(p, "Ketamine relieves depression within hours.")
    b.footnote_reference(p, 1)
    b.text(p, " Home use carries risks.")
    b.footnote_reference(p, 2)
    notes = {
        1: b.field_xml(b.zotero_code(b.ITEMS[:2], "Hassan and Lee; Okafor."), "Hassan and Lee; Okafor."),
        2: b.field_xml(b.zotero_code([b.ITEMS[2]], "Moreau and Tan."), "Moreau and Tan."),
    }
    path = tmp_path / "chicago.docx"
    path.write_bytes(b.with_footnotes(b.save(doc), notes))
    article, refs = claimcheck.parse(str(path))
    assert _markers(article, refs) == [(1, 2), (3,)]
    assert [r.doi for r in refs] == [f"10.5555/synthetic.000{i}" for i in (1, 2, 3)]
    assert article.reading.startswith("Word document, 2 Zotero citations, 3 cited items")


def test_pdf_ligatures_read_as_letters():
    from claimcheck.read.pdf import _page_words

    class Page:
        def extract_words(self, **_):
            word = {"x0": 1.0, "x1": 9.0, "top": 1.0, "bottom": 9.0, "size": 9.0, "fontname": "Times-Bold"}
            return [{**word, "text": "eﬃcacy"}, {**word, "text": "ﬁndings"}]

    assert [(w.text, w.bold) for w in _page_words(Page())] == [("efficacy", True), ("findings", True)]


def test_a_damaged_field_never_swallows_the_rest_of_the_document(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    b = docxbuild
    doc = b.new_document()
    p = doc.add_paragraph()
    b.text(p, "Ketamine helps.")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    b._run(p, begin)  # a field that never separates nor ends
    doc.add_paragraph("Home use carries risks.")
    p = doc.add_paragraph()
    b.text(p, "It works fast.")
    b.field(p, b.zotero_code([b.ITEMS[0]], "1"), "1", superscript=True)
    path = tmp_path / "damaged.docx"
    path.write_bytes(b.save(doc))
    article, refs = claimcheck.parse(str(path))
    assert "Home use carries risks." in article.text
    assert _markers(article, refs) == [(1,)]


AUTHOR_YEAR_REFS = [
    "Hassan, K., Struthers, W. M., & Sankarabhotla, A. (2022). Safety, effectiveness and tolerability "
    "of sublingual ketamine in depression and anxiety: a retrospective study. Frontiers in Psychiatry, "
    "13, 992624.",
    "Hull, T. D., Malgaroli, M., & Gazzaley, A. (2022). At-home, sublingual ketamine telehealth is a "
    "safe and effective treatment for moderate to severe anxiety and depression. Journal of Affective "
    "Disorders, 314, 59-67.",
    "Mandal, S., Sinha, V. K., & Goyal, N. (2019). Efficacy of ketamine therapy in the treatment of "
    "depression. Indian Journal of Psychiatry, 61(5), 480-485.",
    "Zhdanava, M., Pilon, D., & Ghelerter, I. (2021). The prevalence and national burden of "
    "treatment-resistant depression and major depressive disorder in the United States. Journal of "
    "Clinical Psychiatry, 82(2).",
]


@pytest.mark.parametrize("layout", ["hanging", "spaced"])
def test_an_author_year_reference_list_is_split_by_its_layout(layout):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=4)
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=11, leading=13, spaceAfter=3)
    ref = (
        ParagraphStyle("r", fontName="Helvetica", fontSize=8, leading=9.5, leftIndent=12, firstLineIndent=-12)
        if layout == "hanging"
        else ParagraphStyle("r", fontName="Helvetica", fontSize=8, leading=9.5, spaceAfter=5)
    )
    text = (
        "Ketamine relieves depression within hours (Hassan et al., 2022). Home use is safe for most patients "
        "(Hull et al., 2022). Relief can last a month (Mandal et al., 2019). "
    )
    story = [Paragraph(text * 4, body) for _ in range(6)]
    story += [Paragraph("References", head)] + [Paragraph(r, ref) for r in AUTHOR_YEAR_REFS]
    data = pdfbuild.make_pdf(story, "Synthetic author-year render")
    report = claimcheck.audit(io.BytesIO(data), offline=True, store=False, progress=False)
    assert report.article.style == "author-year"
    assert [(r.first_author_family, r.year) for r in report.references] == [
        ("Hassan", 2022),
        ("Hull", 2022),
        ("Mandal", 2019),
        ("Zhdanava", 2021),
    ]
    assert {n for c in report.claims for n in c.citations} == {1, 2, 3}
