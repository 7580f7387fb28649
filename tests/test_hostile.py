"""Hostile input, broken registries and damaged stores: every case ends in a clean error or a correct
report. Each input is built here; bounds are stated by size (bytes, levels, entries, comparisons)."""

from __future__ import annotations

import http.server
import json
import os
import random
import sqlite3
import stat
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_crossref_audit import ARTICLE

import claimcheck
from claimcheck.checks import citations, support
from claimcheck.errors import ClaimcheckError, ConfigurationError, InputError, StoreError
from claimcheck.model import Status
from claimcheck.read.fetch import fetch_url
from claimcheck.read.load import load_source
from claimcheck.read.references.files import parse_csl_json
from claimcheck.registry import store_schema
from claimcheck.registry.crossref import CrossrefResolver
from claimcheck.registry.store import RecordStore

MB = 1_000_000
ONE_REF = "Ketamine helps depression. 1\n\n1. Doe J. A trial of ketamine. J Med. 2020;1:2."


# -- bounded reads -------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_read_up_to_the_limit_then_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(InputError, match=r"over the 1 MB limit|binary"):
        load_source(device, max_bytes=MB)


class Endless:
    """A file object that never ends (endless stdin)."""

    name = "<stdin>"
    closed = False

    def __init__(self) -> None:
        self.served = 0

    def read(self, n: int = -1) -> str:
        size = 65536 if n is None or n < 0 else n
        self.served += size
        return "Ketamine helps. " * (size // 16)


def test_an_endless_stream_is_refused_after_max_bytes():
    stream = Endless()
    with pytest.raises(InputError, match="over the 1 MB limit"):
        load_source(stream, max_bytes=MB)
    assert stream.served <= MB + 2 * 65536  # stopped at the limit, not at the end of memory


def test_a_fifo_with_no_writer_ends_in_an_error(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe with nothing written|sent nothing"):
        load_source(str(fifo), timeout=0.2)


def test_a_fifo_whose_writer_sends_nothing_ends_in_an_error(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader_first = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer open without blocking
    writer = os.open(fifo, os.O_WRONLY)
    try:
        with pytest.raises(InputError, match="sent nothing"):
            load_source(str(fifo), timeout=0.2)
    finally:
        os.close(writer)
        os.close(reader_first)


def test_a_closed_file_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ONE_REF, encoding="utf-8")
    with path.open() as handle:
        pass
    with pytest.raises(InputError, match="closed"):
        claimcheck.audit(handle, offline=True, store=False)


# -- the web: a trickle, redirects ---------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/trickle":
            body = b"<html><body><p>Ketamine helps.</p>" + b" " * 400 + b"</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for byte in body:  # 20 bytes a second: the 450 bytes would take 22 s
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return
                threading.Event().wait(0.05)
        elif self.path == "/to-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/page")
            self.end_headers()
        elif self.path == "/to-link-local":
            self.send_response(301)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        else:
            body = b"<html><body><p>Ketamine helps depression.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def web() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_trickling_page_ends_at_the_deadline(web):
    # timeout 0.3 s: every byte arrives within it, but the whole page must arrive within 0.9 s.
    with pytest.raises(InputError, match="too slowly"):
        fetch_url(f"{web}/trickle", timeout=0.3, max_bytes=MB)


@pytest.mark.parametrize("route", ["/to-loopback", "/to-link-local"])
def test_redirects_to_private_addresses_are_refused_unless_allowed(web, route):
    with pytest.raises(InputError, match="loopback, link-local or private address"):
        claimcheck.parse(f"{web}{route}")
    if route == "/to-loopback":
        article, _ = claimcheck.parse(f"{web}{route}", allow_private_redirects=True)
        assert "Ketamine helps depression" in article.text


# -- depth and numbers ---------------------------------------------------------------------------


def test_html_nested_5000_levels_is_read_with_a_note():
    page = "<html><body>" + "<div>" * 5000 + "<p>Ketamine helps.</p>" + "</div>" * 5000 + "</body></html>"
    report = claimcheck.audit(page, offline=True, store=False)
    assert "Ketamine helps." in report.article.text
    assert any("flattened" in note for note in report.article.notes)


def test_ol_start_of_5000_digits_does_not_crash():
    page = (
        "<html><body><p>Ketamine helps.<sup>1</sup></p><h2>References</h2>"
        f'<ol start="{"9" * 5000}"><li value="{"8" * 5000}">Doe J. A trial of ketamine. J Med. 2020;1:2.</li>'
        "</ol></body></html>"
    )
    _, refs = claimcheck.parse(page)
    assert [r.number for r in refs] == [1]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_csl_json_is_a_clear_error(depth):
    with pytest.raises(InputError, match="nested too deeply"):
        parse_csl_json('[{"id": "1", "title": ' + "[" * depth + "]" * depth + "}]")


def test_entries_numbered_past_999_get_a_number_and_a_status():
    entries = "\n".join(
        f"({k}) Doe J. A trial number {k} of ketamine. J Med. 2020;1:{k}." for k in range(1, 1003)
    )
    report = claimcheck.audit(
        f"Ketamine helps [1001].\n\nReferences\n\n{entries}\n", offline=True, store=False
    )
    assert [r.number for r in report.references][-3:] == [1000, 1001, 1002]
    assert all(r.number in report.resolutions for r in report.references)


# -- linear checks (bounded by counting the work, not by timing it) -------------------------------


def test_duplicate_check_compares_a_bounded_number_of_pairs(monkeypatch):
    calls = []
    real = citations._same_title
    monkeypatch.setattr(citations, "_same_title", lambda a, b: calls.append(1) or real(a, b))
    rng = random.Random(13)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(300)]
    n = 4000
    entries = "\n".join(
        f"{k}. Doe J. {' '.join(rng.sample(words, 6)).capitalize()} in adults. J Med. 2020;1:{k}."
        for k in range(1, n + 1)
    )
    entries += "\n4001. Doe J. " + entries.split("\n")[9].split(". ", 2)[2].replace("in adults", "in adult")
    report = claimcheck.audit(f"Ketamine helps [1].\n\nReferences\n\n{entries}\n", offline=True, store=False)
    assert len(report.references) == n + 1
    assert len(calls) <= 10 * n  # all pairs would be 8 million
    (dup,) = report.filter(code="duplicate-reference")  # and the one near-copy is still found
    assert dup.reference_number == 4001 and dup.detail["duplicate_of"] == 10


def test_better_matching_reference_scores_a_bounded_number_of_entries_per_claim():
    n = 600
    body = " ".join(f"Ketamine dose {k} relieved depression in trial {k} [{k}]." for k in range(1, n + 1))
    entries = "\n".join(
        f"{k}. Doe J. Ketamine dose {k} and depression relief. J Med. 2020;1:{k}." for k in range(1, n + 1)
    )
    scorer = claimcheck.LexicalScorer()
    counted = []

    class Counting:
        name = "counting"

        def score(self, claim, title, abstract):
            counted.append(1)
            return scorer.score(claim, title, abstract)

    claimcheck.audit(f"{body}\n\nReferences\n\n{entries}\n", offline=True, store=False, scorer=Counting())
    assert len(counted) <= 3 * (support.BETTER_CANDIDATES + 1) * n  # all pairs: 360,000


# -- decoding ------------------------------------------------------------------------------------


def test_a_few_bad_bytes_are_replaced_and_noted_not_a_switch_to_cp1252(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Ketamine “helps” depression. 1\n\n1. Doe J. A trial. J Med. 2020;1:2.\n".encode() + b"\xff\xfe"
    )
    report = claimcheck.audit(path, offline=True, store=False)
    assert "“helps”" in report.article.text  # not mojibake
    assert any("invalid UTF-8" in n for n in report.article.notes)
    assert "Source note" in report.to_text() and "notes" in report.to_dict()["source"]


def test_utf16_with_a_bom_is_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ONE_REF.encode("utf-16"))
    report = claimcheck.audit(path, offline=True, store=False)
    assert report.article.text.startswith("Ketamine helps") and len(report.references) == 1
    assert report.article.notes == ("decoded as UTF-16 (byte-order mark)",)


# -- paths are paths; misuse ---------------------------------------------------------------------


@pytest.mark.parametrize("arg", ["nosuchfile", "reports/x", "My Files/an article.txt"])
def test_a_missing_path_is_an_error_not_the_article(arg):
    with pytest.raises(InputError, match="no such file"):
        claimcheck.audit(arg, offline=True, store=False)


def test_text_is_passed_explicitly():
    report = claimcheck.audit(text="nosuchfile", offline=True, store=False)
    assert report.article.text == "nosuchfile" and report.article.source == "<string>"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"store": 123},
        {"crossref_url": 123},
        {"scorer": "x"},
        {"checks": [1]},
        {"checks": 5},
        {"offline": "no"},
        {"pubmed": "yes"},
        {"max_bytes": "1"},
        {"resolver": object()},
        {"timeout": -1},
    ],
)
def test_misuse_is_a_configuration_error_saying_what_to_pass(kwargs):
    with pytest.raises(ConfigurationError, match="must"):
        claimcheck.audit(text=ONE_REF, **({"offline": True} | kwargs))


def test_source_and_text_together_or_neither():
    with pytest.raises(ConfigurationError):
        claimcheck.audit()
    with pytest.raises(ConfigurationError):
        claimcheck.parse("a.txt", text="b")


# -- Markdown escapes raw HTML -----------------------------------------------------------------


def test_markdown_output_escapes_raw_html():
    text = (
        "Ketamine helps <img src=x onerror=alert(1)>. 1\n\n"
        "1. Doe J. <script>alert(1)</script> trial. J Med. 2020;1:2.\n"
    )
    md = claimcheck.audit(text=text, offline=True, store=False).to_markdown()
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md


# -- a registry answering 404 to everything --------------------------------------------------------


class _NotFound(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"Resource not found.")


@pytest.fixture
def all_404() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_registry_answering_404_to_everything_proves_nothing(all_404, fake_crossref, tmp_path):
    store = tmp_path / "s.sqlite3"
    broken = claimcheck.audit(ARTICLE, crossref_url=all_404, store=store, pubmed=False)
    statuses = [r.status for r in broken.resolutions.values()]
    assert Status.NOT_FOUND not in statuses and not broken.filter(code="doi-not-found")
    assert all("registry misconfigured?" in (r.reason or "") for r in broken.resolutions.values())
    with RecordStore(store) as opened:
        assert len(opened) == 0
    healthy = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, pubmed=False)
    assert [healthy.resolutions[n].status for n in (1, 2, 3)] == [Status.RESOLVED] * 3
    assert healthy.resolutions[4].status is Status.NOT_FOUND  # the healthy server knows the canary


def test_a_malformed_batch_is_retried_then_asked_one_by_one(fake_crossref):
    fake_crossref.malform(2, route="list")
    dois = ["10.1038/srep16696", "10.1136/esmoopen-2020-000776", "10.1002/jor.1100150407"]
    answers = CrossrefResolver(base_url=fake_crossref.url, store=False).resolve(dois)
    assert {a.status for a in answers.values()} == {Status.RESOLVED}
    assert [r.route for r in fake_crossref.requests()] == ["list", "list", "work", "work", "work"]


# -- damaged, read-only and old stores -----------------------------------------------------------


def _damage(path: Path) -> int:
    conn = sqlite3.connect(path)
    bad = [
        ("fetched_at", "not a date", "10.1038/srep16696"),
        ("message", "{not json", "10.1136/esmoopen-2020-000776"),
        ("message", "[1, 2]", "10.1002/jor.1100150407"),
    ]
    for column, value, doi in bad:
        conn.execute(f"UPDATE records SET {column} = ? WHERE doi = ?", (value, doi))
    conn.execute("PRAGMA ignore_check_constraints = 1")
    conn.execute("UPDATE records SET status = 'weird' WHERE doi = '10.1371/notarealdoi'")
    conn.commit()
    conn.close()
    return len(bad) + 1


def test_damaged_rows_are_refetched_with_one_warning(fake_crossref, tmp_path):
    store = tmp_path / "s.sqlite3"
    claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, pubmed=False)
    damaged = _damage(store)
    fake_crossref.reset()
    with pytest.warns(RuntimeWarning, match=rf"{damaged} damaged rows ignored and fetched again") as caught:
        report = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, pubmed=False)
    assert len([w for w in caught if "damaged" in str(w.message)]) == 1
    assert [report.resolutions[n].status for n in (1, 2, 3)] == [Status.RESOLVED] * 3
    assert report.resolutions[4].status is Status.NOT_FOUND
    asked = {d.lower() for r in fake_crossref.requests() for d in r.dois}
    assert {"10.1038/srep16696", "10.1136/esmoopen-2020-000776", "10.1002/jor.1100150407"} <= asked
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, offline=True)
    assert again.resolutions[1].status is Status.RESOLVED  # healed: the new answers replaced the rows


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root can write anything")
def test_a_read_only_store_is_used_read_only(fake_crossref, tmp_path):
    _read_only_store(fake_crossref, tmp_path)


def _read_only_store(fake_crossref, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "s.sqlite3"
    claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, pubmed=False)
    store.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.warns(RuntimeWarning, match="read-only"):
            report = claimcheck.audit(ARTICLE, store=store, offline=True)
        assert report.resolutions[1].status is Status.RESOLVED
    finally:
        folder.chmod(stat.S_IRWXU)
        store.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_store_opened_read_only_by_sqlite_is_used_read_only(fake_crossref, tmp_path, monkeypatch):
    """As root, chmod does not stop writes; make SQLite itself refuse them instead."""
    store = tmp_path / "s.sqlite3"
    claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store, pubmed=False)
    real_connect = sqlite3.connect

    def read_only_connect(database, *args, **kwargs):
        if str(database) == str(store):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    with pytest.warns(RuntimeWarning, match="read-only"):
        opened = RecordStore(store)
    assert opened.read_only and len(opened) >= 5
    assert opened.put_many([]) == 0
    report = claimcheck.audit(ARTICLE, store=opened, offline=True)
    assert report.resolutions[2].status is Status.RESOLVED
    opened.close()


def test_a_version_0_store_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(store_schema.RECORDS_TABLE)  # the first release: records only, no searches, no version
    conn.execute(
        "INSERT INTO records VALUES ('10.1000/x', 'not_found', NULL, NULL, '2099-01-01T00:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    with RecordStore(path) as store:
        assert store_schema.version(store._conn) == store_schema.SCHEMA_VERSION == 2
        assert [r.doi for r in store] == ["10.1000/x"]  # rows kept
        store.put_search("rows=5 x", [("10.1000/x", 1.0)])  # the new tables work
        assert store.get_search("rows=5 x") == [("10.1000/x", 1.0)]
        assert store.get_pubmed(["doi:10.1000/x"]) == {}


def test_a_version_1_store_gains_the_pubmed_table(tmp_path):
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(store_schema.RECORDS_TABLE)
    conn.execute(store_schema.SEARCHES_TABLE)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with RecordStore(path) as store:
        assert store_schema.version(store._conn) == 2
        tables = {row[0] for row in store._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == {"records", "searches", "pubmed"}


def test_a_store_from_a_newer_claimcheck_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"newer than this claimcheck reads.*store=False"):
        RecordStore(path)


def test_every_failure_above_is_a_claimcheck_error():
    assert issubclass(InputError, ClaimcheckError) and issubclass(StoreError, ClaimcheckError)
    assert json.loads(json.dumps({"ok": True}))  # keeps json imported for _damage's readers
