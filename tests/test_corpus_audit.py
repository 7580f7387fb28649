"""audit_many and CorpusReport: de-duplicated DOIs, parallel workers, resumable runs, failures kept apart."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import claimcheck
from claimcheck.cli import main
from claimcheck.corpus import ArticleResult, CitedRef, CorpusReport, ResultsDir, expand_sources
from claimcheck.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "corpus_records"
SEED = ROOT / "refs" / "ketamine-at-home.txt"
WAKEFIELD = "10.1016/s0140-6736(97)11096-0"


def _site(tmp_path: Path) -> Path:
    """updates.txt twice (same bytes), a variant citing Wakefield with another year, clean.txt, a binary."""
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    updates = (RECORDS / "updates.txt").read_text(encoding="utf-8")
    shutil.copy(RECORDS / "updates.txt", site / "updates.txt")
    shutil.copy(RECORDS / "updates.txt", site / "news" / "updates-copy.txt")
    variant = updates.replace("Lancet. 1998;351(9103):637-41. doi", "Lancet. 1999;351(9103):637-41. doi")
    assert variant != updates
    (site / "news" / "variant.md").write_text(variant, encoding="utf-8")
    shutil.copy(RECORDS / "clean.txt", site / "clean.txt")
    (site / "broken.txt").write_bytes(b"\x00\x01binary" * 50)
    (site / "notes.csv").write_text("not an article", encoding="utf-8")
    return site


def test_a_folder_is_expanded_to_its_articles(tmp_path):
    site = _site(tmp_path)
    names = [s.name for s in expand_sources(site)]
    assert names == ["broken.txt", "clean.txt", "updates.txt", "news/updates-copy.txt", "news/variant.md"]
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two articles\n{site / 'clean.txt'}\nhttps://example.org/a\n", encoding="utf-8")
    assert [s.location for s in expand_sources(listing)] == [str(site / "clean.txt"), "https://example.org/a"]
    assert [s.name for s in expand_sources(str(site / "**" / "*.md"))] == [str(site / "news" / "variant.md")]
    with pytest.raises(InputError, match="matches no file"):
        expand_sources(str(site / "*.docx"))
    with pytest.raises(InputError, match="no such file"):
        expand_sources(tmp_path / "missing")


def test_corpus_audit_against_the_fake_registry(fake_crossref, tmp_path):
    site = _site(tmp_path)
    corpus = claimcheck.audit_many(
        site, jobs=1, crossref_url=fake_crossref.url, store=tmp_path / "s.sqlite3", pubmed=False
    )
    assert isinstance(corpus, CorpusReport) and len(corpus) == 5
    # one failure, recorded with its reason; the others audited
    assert [(r.name, "binary" in (r.error or "")) for r in corpus.failures] == [("broken.txt", True)]
    # the same bytes are audited once and reported under both names
    by_name = {r.name: r for r in corpus.results}
    assert by_name["updates.txt"].sha256 == by_name["news/updates-copy.txt"].sha256
    assert corpus.stats["unique"] == 4 and corpus.stats["audited"] == 4
    # every DOI of the corpus asked once: no DOI in two filter requests, none looked up alone after a hit
    asked = [d.lower() for req in fake_crossref.requests("list") for d in req.dois]
    assert len(asked) == len(set(asked)) == corpus.stats["dois"]
    singles = {d.lower() for req in fake_crossref.requests("work") for d in req.dois}
    assert WAKEFIELD not in singles
    # which articles cite the retracted Wakefield paper
    flagged = {(f.article, f.doi, f.update) for f in corpus.flagged()}
    assert {a for a, d, u in flagged if d == WAKEFIELD} == {
        "updates.txt",
        "news/updates-copy.txt",
        "news/variant.md",
    }
    assert {u for a, d, u in flagged if d == WAKEFIELD} == {"retracted"}
    assert corpus.articles_citing(WAKEFIELD.upper()) == [
        "updates.txt",
        "news/updates-copy.txt",
        "news/variant.md",
    ]
    # the year the variant gives disagrees with the others
    years = [d for d in corpus.disagreements() if d.doi == WAKEFIELD and d.field == "year"]
    assert years and dict(years[0].values) == {
        "1998": ("news/updates-copy.txt", "updates.txt"),
        "1999": ("news/variant.md",),
    }
    assert not [d for d in corpus.disagreements() if d.doi == WAKEFIELD and d.field == "title"]
    top = corpus.cited_most(1)[0]
    assert (top.doi, top.articles, top.status) == ("10.1371/journal.pone.0033693", 4, "resolved")
    # ranking: errors per 1,000 words first
    ranked = corpus.ranked()
    assert len(ranked) == 4 and "broken.txt" not in {r.name for r in ranked}
    assert all(a.risk >= b.risk for a, b in itertools.pairwise(ranked))


def test_results_folder_resumes_and_redoes_only_changed_articles(tmp_path):
    site = _site(tmp_path)
    out = tmp_path / "out"
    first = claimcheck.audit_many(site, jobs=1, offline=True, store=False, results=out)
    assert first.stats["audited"] == 4 and first.stats["reused"] == 0  # the failure is a result too
    stored = {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()}
    again = claimcheck.audit_many(site, jobs=1, offline=True, store=False, results=out)
    assert again.stats["audited"] == 0 and again.stats["reused"] == 4
    assert [r.to_dict() for r in again.results] == [r.to_dict() for r in first.results]
    assert {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()} == stored
    (site / "clean.txt").write_text("Ketamine cured 90% of patients.\n", encoding="utf-8")
    third = claimcheck.audit_many(site, jobs=1, offline=True, store=False, results=out)
    assert third.stats["audited"] == 1 and third.stats["reused"] == 3
    # other settings (online) do not reuse offline results
    fourth = claimcheck.audit_many(
        site,
        jobs=1,
        offline=False,
        pubmed=False,
        store=False,
        results=out,
        crossref_url="http://127.0.0.1:9",
        timeout=1,
    )
    assert fourth.stats["audited"] == 4


def test_index_page_links_reports_and_escapes_names(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    hostile = site / "<img src=x onerror=alert(1)>.txt"
    shutil.copy(SEED, hostile)
    shutil.copy(RECORDS / "clean.txt", site / 'a"b.txt')
    out = tmp_path / "out"
    corpus = claimcheck.audit_many(site, jobs=1, offline=True, store=False, results=out)
    index = corpus.write()
    page = index.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert "Content-Security-Policy" in page
    for result in corpus.results:
        assert result.report_file and f'href="{result.report_file}"' in page
        report_page = (out / result.report_file).read_text(encoding="utf-8")
        assert "<script" not in report_page.lower()
    lines = (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == [r.name for r in corpus.results]
    assert ArticleResult.from_dict(json.loads(lines[0])) == corpus.results[0]


def test_tables_and_dataframes():
    cite = CitedRef(
        1,
        "10.1/x",
        "resolved",
        cited_title="A trial",
        cited_year=2020,
        cited_author="Smith J",
        registered_title="A trial",
        update="concern",
    )
    other = CitedRef(2, "10.1/x", "resolved", cited_title="A trial", cited_year=2020, cited_author="Jones K")
    results = [
        ArticleResult("a", "1", words=2000, errors=2, warnings=1, uncited=0, cited=(cite,)),
        ArticleResult("b", "2", words=1000, errors=0, warnings=9, uncited=4, cited=(other,)),
        ArticleResult("c", "3", words=500, errors=1, warnings=0, uncited=0),
        ArticleResult("d", None, error="d: no such file"),
    ]
    corpus = CorpusReport(results)
    assert [r.name for r in corpus.ranked()] == ["c", "a", "b"]  # 2.0 errors/1k, then 1.0, then 0
    frame = corpus.to_dataframe("articles")
    assert list(frame["article"]) == ["c", "a", "b"] and list(frame["errors_per_1k_words"]) == [2.0, 1.0, 0.0]
    assert list(corpus.to_dataframe("flagged")["article"]) == ["a"]
    dis = corpus.to_dataframe("disagreements")
    assert set(dis["field"]) == {"first author"} and len(dis) == 2
    assert list(corpus.to_dataframe("failures")["article"]) == ["d"]
    assert corpus.to_dataframe("sources").iloc[0].to_dict()["articles"] == 2
    assert "Articles by risk" in corpus._repr_html_()
    assert repr(corpus) == "<CorpusReport 4 articles, 1 failed, 1 citing retracted or concerned sources>"
    with pytest.raises(ValueError, match="no table"):
        corpus.to_dataframe("nonsense")


def test_processes_give_the_same_results_as_one_process(tmp_path):
    site = _site(tmp_path)
    one = claimcheck.audit_many(site, jobs=1, offline=True, store=False)
    two = claimcheck.audit_many(site, jobs=2, offline=True, store=False)
    strip = lambda c: [{**r.to_dict(), "seconds": 0} for r in c.results]  # noqa: E731
    assert strip(one) == strip(two)


def test_dask_local_cluster_runs_the_same_work(tmp_path):
    distributed = pytest.importorskip("distributed")
    site = _site(tmp_path)
    local = claimcheck.audit_many(site, jobs=1, offline=True, store=False)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = claimcheck.audit_many(site, client=client, offline=True, store=False)
        assert len(client.scheduler_info()["workers"]) == 2
    strip = lambda c: [{**r.to_dict(), "seconds": 0} for r in c.results]  # noqa: E731
    assert strip(on_dask) == strip(local)


RUN = """
import sys
import claimcheck
claimcheck.audit_many(sys.argv[1], jobs=2, offline=True, store=False, results=sys.argv[2], progress=False)
"""


def test_killed_midway_a_rerun_redoes_only_what_was_in_flight(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(16):  # distinct bytes, so sixteen audits
        (site / f"a{i:02}.txt").write_text(text + f"\nVariant {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, str(site), str(out)],
        cwd=ROOT,
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "articles").glob("*.json"))) >= 4:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its worker processes, at once
    proc.wait(timeout=30)
    done_before = {p.name: p.stat().st_mtime_ns for p in (out / "articles").glob("*.json")}
    assert 4 <= len(done_before) < 16, "the run should have been killed midway"
    rerun = claimcheck.audit_many(site, jobs=1, offline=True, store=False, results=out)
    assert rerun.stats["reused"] == len(done_before)
    assert rerun.stats["audited"] == 16 - len(done_before)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "articles").glob("*.json")}
    assert {k: after[k] for k in done_before} == done_before  # nothing finished was redone
    assert len(after) == 16 and not rerun.failures


def test_cli_audits_a_folder(tmp_path, capsys):
    site = _site(tmp_path)
    out = tmp_path / "results"
    status = main(
        ["audit", str(site), "--offline", "--no-store", "--results", str(out), "-j", "1", "--no-progress"]
    )
    text = capsys.readouterr().out
    assert status == 0
    assert "5 articles (4 distinct)" in text and "broken.txt" in text
    assert (out / "index.html").exists() and (out / "corpus.jsonl").exists()
    status = main(
        [
            "audit",
            str(site),
            "--offline",
            "--no-store",
            "--results",
            str(out),
            "--format",
            "json",
            "--fail-on",
            "error",
        ]
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["name"] for line in lines)
    assert status == 1  # an article could not be audited
    assert main(["audit", str(site), "--jobs", "0", "--offline", "--no-store", "--results", str(out)]) == 2


def test_results_dir_ignores_damaged_and_stale_results(tmp_path):
    folder = ResultsDir(tmp_path)
    folder.save(ArticleResult("a", "ab", settings="s1"))
    assert folder.load("ab", settings="s1") is not None
    assert folder.load("ab", settings="s2") is None
    (tmp_path / "articles" / "ab.json").write_text("{not json", encoding="utf-8")
    assert folder.load("ab", settings="s1") is None


def test_doi_suggestion_searches_follow_the_suggest_option(fake_crossref, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(SEED, site / "seed.txt")  # its references carry no DOI
    common = {"jobs": 1, "crossref_url": fake_crossref.url, "pubmed": False}
    claimcheck.audit_many(site, store=tmp_path / "a.sqlite3", suggest=False, **common)
    assert fake_crossref.requests("search") == []
    claimcheck.audit_many(site, store=tmp_path / "b.sqlite3", **common)
    assert fake_crossref.requests("search")  # as a single audit does


def test_a_postgresql_store_is_shared_by_the_runner_and_its_workers(fake_crossref, tmp_path):
    from pgserver import fresh_schema

    from claimcheck.registry.store import open_store

    site = _site(tmp_path)
    with fresh_schema() as url:
        first = claimcheck.audit_many(site, jobs=2, store=url, crossref_url=fake_crossref.url, pubmed=False)
        store = open_store(url)
        assert store is not None and store.get(WAKEFIELD) is not None
        store.close()
        # offline, from the shared store alone: the same statuses
        again = claimcheck.audit_many(site, jobs=2, store=url, offline=True, pubmed=False)
    status = lambda c: {(r.name, x.number, x.status) for r in c.results for x in r.cited}  # noqa: E731
    assert status(again) == status(first)
    assert ("updates.txt", 1, "resolved") in status(again)
