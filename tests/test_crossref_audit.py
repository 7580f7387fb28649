"""audit() end to end through the real habanero stack against the loopback fake Crossref."""

from __future__ import annotations

from pathlib import Path

import claimcheck
from claimcheck.model import Status

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"

ARTICLE = """\
Alpha-synuclein mutants oligomerise differently in single-molecule studies [1]. Lenvatinib showed
activity in refractory colorectal cancer [2]. A growth hormone secretagogue increased muscle strength
in dogs after immobilisation [3]. A later study could not be found [4]. The data are archived [5].

References
1. Tosatto L, Horrocks MH, Dear AJ, et al. Single-molecule FRET studies on alpha-synuclein oligomerization of Parkinson's disease genetically related mutants. Sci Rep. 2015;5:16696. doi:10.1038/srep16696
2. Iwasa S, Okita N, Kuchiba A, et al. Phase II study of lenvatinib for metastatic colorectal cancer refractory to standard chemotherapy: the LEMON study (NCCH1503). ESMO Open. 2020;5(4):e000776. doi:10.1136/esmoopen-2020-000776
3. Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527. doi:10.1002/jor.1100150407
4. Nobody A. A paper that does not exist. PLoS One. 2020;1:1. doi:10.1371/notarealdoi
5. Archive B. An archived dataset. Archaeology Data Service. 2011. doi:10.5284/1011335
"""  # noqa: E501


def test_statuses_and_findings_against_the_fake_registry(fake_crossref, tmp_path):
    report = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=tmp_path / "s.sqlite3")
    statuses = {n: (r.status, r.reason, r.agency) for n, r in report.resolutions.items()}
    assert [statuses[n][0] for n in (1, 2, 3)] == [Status.RESOLVED] * 3
    assert statuses[4][0] is Status.NOT_FOUND
    assert statuses[5][0] is Status.UNCHECKED and statuses[5][2] == "datacite"
    codes = {(f.code, f.reference_number) for f in report.findings}
    assert ("doi-not-found", 4) in codes
    assert ("doi-registered-elsewhere", 5) in codes
    assert not {c for c, _ in codes} & {"reference-unchecked", "citation-not-in-list"}
    assert report.status(1).work.title.startswith("Single-molecule FRET studies")
    refs = report.to_dict()["references"]
    assert refs[0]["registered_title"].startswith("Single-molecule FRET") and refs[3]["status"] == "not_found"
    assert report.graph.has_edge("ref:1", "doi:10.1038/srep16696")


def test_warm_re_audit_makes_no_request(fake_crossref, tmp_path):
    store = tmp_path / "s.sqlite3"
    claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store)
    before = len(fake_crossref.requests())
    again = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store)
    assert len(fake_crossref.requests()) == before
    assert again.status(1).status is Status.RESOLVED and again.status(1).from_store
    assert again.status(4).status is Status.NOT_FOUND


def test_offline_answers_from_the_store_alone(fake_crossref, tmp_path):
    store = tmp_path / "s.sqlite3"
    cold = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, offline=True)
    assert fake_crossref.requests() == []
    assert {r.reason for n, r in cold.resolutions.items()} == {"offline"}
    assert len(cold.filter(code="reference-unchecked")) == 5
    claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store)
    warm = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, offline=True)
    assert warm.status(2).status is Status.RESOLVED


def test_server_errors_are_unchecked_never_not_found(fake_crossref, tmp_path):
    fake_crossref.fail(1000, status=503)
    report = claimcheck.audit(
        ARTICLE, crossref_url=fake_crossref.url, store=tmp_path / "s.sqlite3", timeout=5
    )
    assert {r.status for r in report.resolutions.values()} == {Status.UNCHECKED}
    assert not report.filter(code="doi-not-found")
    assert all("server error" in f.message for f in report.filter(code="reference-unchecked"))


def test_seed_with_no_network_reports_unchecked_offline(tmp_path):
    # A closed loopback port stands in for "no network": the connection is refused at once.
    report = claimcheck.audit(
        SEED, crossref_url="http://127.0.0.1:9", store=tmp_path / "s.sqlite3", timeout=2
    )
    assert [report.status(n).status for n in range(1, 7)] == [Status.UNCHECKED] * 4 + [
        Status.NO_IDENTIFIER,
        Status.UNCHECKED,
    ]
    assert {report.status(n).reason for n in (1, 2, 3, 4, 6)} == {"offline"}
    assert "[1] unchecked (offline)" in report.to_text()
