"""Write the synthetic Word, PDF and JATS demo files in ``refs/`` (used by notebook 04 and tests).

    python tests/make_format_fixtures.py

* ``refs/synthetic-zotero-manuscript.docx``: a short manuscript citing three synthetic
  items through Zotero fields, with a tracked insertion and deletion, and a printed
  bibliography whose second entry was edited by hand (its year);
* ``refs/synthetic-ketamine-two-column.pdf``: the seed article (``refs/ketamine-at-home.txt``)
  set in two columns, its citation numbers as real superscripts, with a running head;
* ``refs/synthetic-ketamine.nxml``: the seed article as JATS XML, each citation an ``<xref>``
  and each entry a ``<ref>`` (``mixed-citation`` with its DOI as ``pub-id``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import docxbuild as b  # noqa: E402
from pdfbuild import make_pdf, paragraphs  # noqa: E402

from claimcheck.read.article import parse_article  # noqa: E402
from claimcheck.read.load import article_references  # noqa: E402
from claimcheck.read.markers import find_markers  # noqa: E402

SEED = ROOT / "refs" / "ketamine-at-home.txt"


def manuscript() -> bytes:
    doc = b.new_document()
    doc.add_heading("At-home ketamine for depression (synthetic manuscript)", 1)
    p = doc.add_paragraph()
    b.text(p, "Sublingual ketamine relieved depression within hours in a synthetic trial.")
    b.field(p, b.zotero_code(b.ITEMS[:2], "1,2"), "1,2", superscript=True)
    b.text(p, " Esketamine is approved for treatment-resistant depression.")
    b.tracked(p, "ins", " Relief lasted about a week.")
    b.tracked(p, "del", " Relief is permanent.")
    p = doc.add_paragraph()
    b.text(p, "Home use without monitoring carries risks.")
    b.field(p, b.zotero_code([b.ITEMS[2]], "3"), "3", superscript=True)
    b.text(p, " Ketamine also eases chronic pain.")
    b.field(p, b.zotero_code([b.ITEMS[0]], "1"), "1", superscript=True)
    doc.add_heading("References", 1)
    entries = [
        "1. Hassan K, Lee A. Ketamine for treatment-resistant depression: a synthetic trial. "
        "Journal of Synthetic Psychiatry. 2020;12:101-109.",
        "2. Okafor C. Esketamine nasal spray and suicidal ideation. Synthetic Medicine. 2018;3:44-52.",
        "3. Moreau C, Tan W. Home-based dissociative anaesthetics: a cohort study. Synthetic Reviews. "
        "2021;8:1-10.",
    ]
    code = ' ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY '
    b.bibliography(doc, code, entries)
    return b.save(doc)


def seed_parts() -> tuple[str, list[dict], int]:
    text = SEED.read_text(encoding="utf-8")
    article = parse_article(text)
    assert article.references_span is not None
    refs_start = article.references_span[0]
    markers = [
        {"start": m.start, "end": m.end, "text": m.raw, "numbers": list(m.numbers)}
        for block in article.body_blocks
        for m in find_markers(block.text, block.start)
    ]
    return text, markers, refs_start


def seed_pdf() -> bytes:
    text, markers, refs_start = seed_parts()
    return make_pdf(paragraphs(text, markers, refs_start), "Synthetic two-column render of the seed article")


def seed_jats() -> str:
    text, markers, _ = seed_parts()
    article = parse_article(text)
    body = []
    for block in article.body_blocks:
        inside = [m for m in markers if block.start <= m["start"] < block.end]
        if not inside and len(block.text) < 100 and not block.text.endswith("."):
            body.append(f"<sec><title>{escape(block.text)}</title></sec>")
            continue
        out, at = [], block.start
        for m in inside:
            out.append(escape(text[at : m["start"]]))
            out.append(",".join(f'<xref ref-type="bibr" rid="r{n}">{n}</xref>' for n in m["numbers"]))
            at = m["end"]
        out.append(escape(text[at : block.end]))
        body.append(f"<p>{''.join(out)}</p>")
    refs = []
    for ref in article_references(article):
        doi = f'<pub-id pub-id-type="doi">{escape(ref.doi)}</pub-id>' if ref.doi else ""
        raw = ref.raw.split(". ", 1)[1] if ref.raw[:1].isdigit() else ref.raw
        raw = raw.split(" doi:")[0]
        refs.append(
            f'<ref id="r{ref.number}"><label>{ref.number}</label><mixed-citation>{escape(raw)} {doi}'
            "</mixed-citation></ref>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal '
        'Publishing DTD v1.2 20190208//EN" "JATS-journalpublishing1.dtd">\n'
        '<article article-type="other"><front><article-meta><title-group><article-title>'
        "Ketamine at home (synthetic JATS render of the seed article)</article-title></title-group>"
        f"</article-meta></front>\n<body>{''.join(body)}</body>\n"
        f"<back><ref-list><title>References</title>{''.join(refs)}</ref-list></back></article>\n"
    )


def main() -> None:
    refs = ROOT / "refs"
    (refs / "synthetic-zotero-manuscript.docx").write_bytes(manuscript())
    (refs / "synthetic-ketamine-two-column.pdf").write_bytes(seed_pdf())
    (refs / "synthetic-ketamine.nxml").write_text(seed_jats(), encoding="utf-8")
    print("wrote refs/synthetic-zotero-manuscript.docx, -ketamine-two-column.pdf, -ketamine.nxml")


if __name__ == "__main__":
    main()
