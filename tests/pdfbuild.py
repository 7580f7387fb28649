"""Make two-column PDFs with real superscripts from the PLOS texts (reportlab), for tests and benchmarks.

The body is ``superscript.txt`` of a PLOS corpus article; each truth marker is set
as a real superscript (``<super>``: a smaller font on a raised baseline) instead of
flattened digits. Pages carry a running head and a page number, as a journal's
do; the reference list is printed under a "References" heading (published PDFs
print one; where the text render leaves it out, it is added).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

PLOS = Path("/work/shared/corpus/plos")

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=4, firstLineIndent=10)
_HEAD = ParagraphStyle(
    "head", fontName="Helvetica-Bold", fontSize=11, leading=13, spaceBefore=6, spaceAfter=3
)
_REF = ParagraphStyle("ref", fontName="Helvetica", fontSize=8, leading=9.5, spaceAfter=2)


def _latin(text: str) -> str:
    """Characters the base-14 fonts lack become '?' (the text layer would drop them anyway)."""
    return "".join(c if ord(c) < 256 or c in "–—‘’“”•" else "?" for c in text)


def paragraphs(text: str, markers: list[dict], refs_start: int) -> list[Paragraph]:
    """The story: headings, paragraphs with superscript markers, then the reference list."""
    story: list[Paragraph] = []
    body, refs = text[:refs_start], text[refs_start:]
    pos = 0
    for block in re.split(r"\n\s*\n", body):
        start = body.index(block, pos)
        end = pos = start + len(block)
        inside = [m for m in markers if start <= m["start"] and m["end"] <= end]
        if not block.strip():
            continue
        if not inside and "\n" not in block.strip() and len(block) < 100 and not block.rstrip().endswith("."):
            story.append(Paragraph(escape(_latin(block.strip())), _HEAD))
            continue
        out, at = [], start
        for m in inside:
            out.append(escape(_latin(text[at : m["start"]])))
            out.append(f"<super>{escape(m['text'].strip())}</super>")
            at = m["end"]
        out.append(escape(_latin(text[at:end])))
        story.append(Paragraph(" ".join("".join(out).split()), _BODY))
    lines = [ln for ln in refs.splitlines() if ln.strip()]
    if not lines or not re.fullmatch(r"\s*References\s*", lines[0]):
        lines.insert(0, "References")
    story.append(Paragraph("References", _HEAD))
    story += [Paragraph(escape(_latin(ln.strip())), _REF) for ln in lines[1:]]
    return story


def make_pdf(story: list[Paragraph], running_head: str) -> bytes:
    out = io.BytesIO()
    width, height = A4
    column = (width - 100) / 2
    frames = [
        Frame(40, 50, column, height - 110, id="left"),
        Frame(60 + column, 50, column, height - 110, id="right"),
    ]

    def decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica-Oblique", 7)
        canvas.drawString(40, height - 40, running_head)
        canvas.drawCentredString(width / 2, 30, str(doc.page))

    doc = BaseDocTemplate(out, pagesize=A4, title=running_head)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=decorate)])
    doc.build(story)
    return out.getvalue()


def plos_pdf(slug: str) -> tuple[bytes, dict]:
    """A two-column PDF of one PLOS article and its truth (``renders.superscript`` markers)."""
    folder = PLOS / slug
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    text = (folder / "superscript.txt").read_text(encoding="utf-8")
    render = truth["renders"]["superscript"]
    story = paragraphs(text, render["markers"], render["references_start"])
    return make_pdf(story, f"Synthetic two-column render of {truth['journal']} {slug}"), truth
