"""Hostile text from the registries: markup in registered titles, authors, journals and abstracts.

The loopback fake serves three *synthetic* records (built here, named so; no registry
sent them): a Crossref work, a DataCite DOI and a PubMed (MEDLINE) record whose fields
carry markup, both raw (``<img onerror=...>``) and entity-encoded (``&lt;script&gt;``,
which the readers unescape into a real ``<script>``). An audit through the real
resolvers picks them up, and every view is parsed with :mod:`html.parser`: no element
or event handler of the payload may exist in the HTML views, and the payload must be
there as text (so the test can see registry text at all). Removing ``esc()`` from any
renderer of registry text makes a test here fail.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakecrossref import FakeCrossref, load_records
from htmlcheck import Elements, assert_inert

import claimcheck
from claimcheck.model import Status

CROSSREF_DOI = "10.5555/synthetic-hostile-crossref"
DATACITE_DOI = "10.5555/synthetic-hostile-datacite"
PMID = "99000001"  # synthetic


CROSSREF_MESSAGE = {
    "DOI": CROSSREF_DOI,
    "type": "journal-article",
    "title": [
        "&lt;img src=x onerror=alert('cr-title')&gt;Statins and cholesterol &quot;&gt;&lt;svg "
        "onload=alert('cr-quote')&gt; in synthetic smokers"
    ],
    "author": [
        {"family": "<svg onload=alert('cr-author')>Mallory", "given": "Eve"},
        {"family": "&lt;iframe src=javascript:alert('cr-author2')&gt;Trudy", "given": "T"},
    ],
    "container-title": ["<script>alert('cr-journal')</script>Journal of Synthetic Hostility"],
    "abstract": "<jats:p>&lt;img src=x onerror=alert('cr-abstract')&gt;Statins lower cholesterol.</jats:p>",
    "published": {"date-parts": [[2011]]},
    "volume": "9",
    "page": "1-9",
}

DATACITE_BODY = {
    "data": {
        "id": DATACITE_DOI,
        "type": "dois",
        "attributes": {
            "doi": DATACITE_DOI,
            "creators": [{"name": "<img src=x onerror=alert('dc-author')>Oscar, Olga"}],
            "titles": [
                {"title": "&lt;marquee onstart=alert('dc-title')&gt;Sleep in synthetic deep-sea divers"}
            ],
            "publisher": "<object data=x onerror=alert('dc-publisher')>Synthetic Press",
            "container": {
                "type": "Journal",
                "title": "<embed src=x onload=alert('dc-journal')>Synthetic Annals",
            },
            "publicationYear": 2012,
            "descriptions": [
                {
                    "description": "<video src=x onerror=alert('dc-abstract')>Divers slept badly.",
                    "descriptionType": "Abstract",
                }
            ],
            "types": {"resourceTypeGeneral": "JournalArticle"},
        },
    },
    "synthetic": "built by tests/test_hostile_registry.py, not a DataCite response",
}

MEDLINE = f"""\
PMID- {PMID}
OWN - NLM
STAT- MEDLINE
DP  - 2013 Jan
TI  - &lt;script&gt;alert('pm-title')&lt;/script&gt;Vitamin D in synthetic
      astronauts <img src=x onerror=alert('pm-title2')>.
PG  - 10-20
AB  - <form action=x><input onfocus=alert('pm-abstract') autofocus>Vitamin D fell in
      orbit.
FAU - <svg onload=alert('pm-author')>Sybil, Sam
AU  - <svg onload=alert('pm-author')>Sybil S
PT  - Journal Article
TA  - Synthetic J
JT  - &lt;iframe src=javascript:alert('pm-journal')&gt;Synthetic Journal of Orbits
SO  - synthetic record built by tests/test_hostile_registry.py
"""

ARTICLE = f"""\
Ketamine relieved depression in 62% of adults treated at home [1]. Sleep apnoea doubled the
risk of stroke in older men [2]. Daily aspirin prevented migraine in 40% of nurses [3].

References
1. Doe J. Ketamine at home for adults with depression. Lancet. 2020;1:2. doi:{CROSSREF_DOI}
2. Roe R. Sleep apnoea and stroke in older men. BMJ. 2019;3:4. doi:{DATACITE_DOI}
3. Poe P. Aspirin for migraine in nurses. JAMA. 2018;5:6. PMID: {PMID}
"""


def hostile_records():
    base = load_records()
    messages = {**base.messages, CROSSREF_DOI: CROSSREF_MESSAGE}
    origin = {**base.origin, CROSSREF_DOI: "synthetic (tests/test_hostile_registry.py)"}
    datacite = {**base.datacite, DATACITE_DOI: json.dumps(DATACITE_BODY).encode()}
    medline = {**base.medline, PMID: MEDLINE}
    return dataclasses.replace(base, messages=messages, origin=origin, datacite=datacite, medline=medline)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[claimcheck.Report]:
    store = tmp_path_factory.mktemp("hostile") / "records.sqlite3"
    with FakeCrossref(hostile_records()) as server, pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMCHECK_DATACITE_URL", server.url)
        mp.setenv("CLAIMCHECK_PUBMED_URL", server.url)
        yield claimcheck.audit(ARTICLE, crossref_url=server.url, store=store, pubmed=True, timeout=5)


def test_the_synthetic_records_were_read_from_each_registry(report: claimcheck.Report) -> None:
    works = {n: report.status(n) for n in (1, 2, 3)}
    assert [works[n].status for n in (1, 2, 3)] == [Status.RESOLVED] * 3
    titles = {n: works[n].work.title for n in (1, 2, 3)}  # type: ignore[union-attr]
    # entity-encoded markup in a registry field is unescaped into real markup by the readers
    assert titles[1].startswith("<img src=x onerror=alert('cr-title')>")
    assert titles[2].startswith("<marquee onstart=alert('dc-title')>")
    # MEDLINE is plain text: an entity there is text, a tag is a tag
    assert titles[3] == (
        "&lt;script&gt;alert('pm-title')&lt;/script&gt;Vitamin D in synthetic astronauts "
        "<img src=x onerror=alert('pm-title2')>."
    )


CR_TITLE = "registered: <img src=x onerror=alert('cr-title')>Statins"
CR_AUTHOR = "the record says '<svg onload=alert('cr-author')>Mallory'"
#: a double quote that would close a title="..." attribute if it were not escaped
CR_QUOTE = "cholesterol \"><svg onload=alert('cr-quote')> in synthetic smokers"
DC_TITLE = "the record says '<marquee onstart=alert('dc-title')>Sleep"
DC_AUTHOR = "the record says '<img src=x onerror=alert('dc-author')>Oscar'"
PM_TITLE = "astronauts <img src=x onerror=alert('pm-title2')>"
PM_AUTHOR = "the record says '<svg onload=alert('pm-author')>Sybil'"
EVERY_FIELD = (CR_TITLE, CR_AUTHOR, CR_QUOTE, DC_TITLE, DC_AUTHOR, PM_TITLE, PM_AUTHOR)


def test_the_notebook_report_shows_registry_markup_as_text(report: claimcheck.Report) -> None:
    assert_inert(report._repr_html_(), *EVERY_FIELD)


def test_the_standalone_page_shows_registry_markup_as_text(report: claimcheck.Report) -> None:
    assert_inert(report.to_html(), *EVERY_FIELD)


def test_the_annotated_article_shows_registry_markup_as_text(report: claimcheck.Report) -> None:
    # the errors about each cited reference are in the claim's tooltip and in the notes
    annotated = str(report.annotated())
    assert_inert(annotated, *EVERY_FIELD[1:])
    tooltips = [v for tag, name, v in Elements(annotated).attributes if tag == "mark" and name == "title"]
    assert len(tooltips) == 3 and CR_QUOTE in tooltips[0] and PM_AUTHOR in tooltips[2]


def test_the_tables_show_registry_markup_as_text(report: claimcheck.Report) -> None:
    from claimcheck.report.views import Claims, Findings, References

    assert_inert(Findings(report.findings)._repr_html_(), *EVERY_FIELD[1:])
    assert_inert(Claims(report.claims)._repr_html_(), "Sleep apnoea doubled the risk")
    assert_inert(References(report.references)._repr_html_(), "Aspirin for migraine in nurses")


def test_markdown_shows_registry_markup_as_text(report: claimcheck.Report) -> None:
    # a Markdown viewer renders inline HTML, so markup must arrive as entities
    assert_inert(report.to_markdown(), *EVERY_FIELD[1:])


def test_text_and_json_keep_registry_markup_verbatim(report: claimcheck.Report) -> None:
    # plain text is not HTML: the markup is shown exactly as the registry sent it
    text = " ".join(report.to_text().split())
    assert all(field in text for field in EVERY_FIELD[1:])
    data = json.loads(report.to_json())
    registered = [r["registered_title"] for r in data["references"]]
    assert registered[0].startswith("<img src=x onerror=alert('cr-title')>")


def test_a_saved_page_parses_the_same(report: claimcheck.Report, tmp_path: Path) -> None:
    target = tmp_path / "hostile.html"
    report.to_html(target)
    assert_inert(target.read_text(encoding="utf-8"), "registered: <img src=x")
