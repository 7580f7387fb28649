"""`import claimcheck` and `claimcheck --version` stay light: heavy modules load on first use.

Guarded by counting the modules a fresh interpreter holds afterwards (``sys.modules``), not by
timing: the figures live in README (``python -X importtime -c "import claimcheck"``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "ketamine-at-home.txt"
HEAVY = {
    "networkx",
    "bs4",
    "requests",
    "habanero",
    "httpx2",
    "rapidfuzz",
    "ftfy",
    "syntok",
    "snowballstemmer",
}
NETWORK = {"requests", "habanero", "httpx2", "urllib3"}


def modules_after(code: str) -> set[str]:
    """The modules a new interpreter holds after running ``code`` (minus those of an empty run)."""
    probe = "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_OFFLINE": "1"}

    def run(src: str) -> set[str]:
        out = subprocess.run([sys.executable, "-c", src + probe], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return set(json.loads(out.stdout.strip().splitlines()[-1]))

    return run(code) - run("pass")


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_import_claimcheck_loads_almost_nothing():
    loaded = modules_after("import claimcheck")
    assert not tops(loaded) & HEAVY
    assert {m for m in loaded if m.startswith("claimcheck")} <= {
        "claimcheck",
        "claimcheck.settings",
        "claimcheck.errors",
    }
    assert len(loaded) <= 25, sorted(loaded)


def test_version_loads_no_stage():
    code = (
        "import runpy, sys\nsys.argv = ['claimcheck', '--version']\n"
        "try:\n    runpy.run_module('claimcheck', run_name='__main__')\nexcept SystemExit:\n    pass"
    )
    loaded = modules_after(code)
    assert not tops(loaded) & HEAVY
    ours = {m for m in loaded if m.startswith("claimcheck")}
    assert ours <= {
        "claimcheck",
        "claimcheck.__main__",
        "claimcheck.cli",
        "claimcheck.errors",
        "claimcheck.model",
        "claimcheck.settings",
    }


def test_offline_text_audit_loads_no_html_parser_no_http_client_and_no_networkx():
    loaded = modules_after(f"import claimcheck\nclaimcheck.audit({str(SEED)!r}, offline=True, store=False)")
    assert "bs4" not in tops(loaded) and not tops(loaded) & NETWORK
    assert "networkx" not in tops(loaded)  # the checks query the audit's own graph
    assert "claimcheck.read.jats" not in loaded and "xml.etree.ElementTree" not in loaded
    assert "claimcheck.checks.citations" in loaded  # the audit itself did run


def test_report_graph_is_a_networkx_graph_when_read():
    code = (
        f"import claimcheck\nreport = claimcheck.audit({str(SEED)!r}, offline=True, store=False)\n"
        "import networkx as nx\nassert isinstance(report.graph, nx.DiGraph), type(report.graph)\n"
        'assert report.graph is report.graph and "claim:1" in report.graph'
    )
    assert "networkx" in tops(modules_after(code))


def test_html_article_loads_the_html_parser():
    code = "import claimcheck\nclaimcheck.parse('<html><body><p>Ketamine helps [1].</p></body></html>')"
    assert "bs4" in tops(modules_after(code))


def test_public_names_load_on_first_use():
    from claimcheck.api import audit
    from claimcheck.registry.crossref import CrossrefResolver

    assert claimcheck.audit is audit and claimcheck.CrossrefResolver is CrossrefResolver
    assert set(claimcheck.__all__) <= set(dir(claimcheck))


def test_cli_audit_of_one_article_loads_no_corpus_runner():
    argv = ["audit", str(SEED), "--offline", "--no-store", "-o", os.devnull]
    code = f"from claimcheck.cli import main\nmain({argv!r})"
    loaded = modules_after(code)
    assert "claimcheck.api" in loaded and "claimcheck.corpus.runner" not in loaded


def test_a_silent_progress_bar_makes_no_multiprocessing_lock():
    # A disabled tqdm bar still builds a multiprocessing RLock, importing multiprocessing.
    code = (
        "from claimcheck.registry.progress import progress_bar\n"
        "with progress_bar(3, desc='Crossref', show=False) as bar:\n    bar.update(3)\n"
        "assert (bar.n, bar.total, bar.disable) == (3, 3, True)"
    )
    assert "multiprocessing" not in tops(modules_after(code))


def _online_cli_modules(tmp_path: Path, crossref_url: str, entry: str) -> tuple[set[str], dict]:
    """The modules of a new interpreter after a CLI audit (started by ``entry``) asking Crossref."""
    from tests.fakecrossref import iter_dois

    doi = next(iter_dois(1))
    article = tmp_path / "a.txt"
    article.write_text(f"Ketamine helps [1].\n\nReferences\n1. A B. A title. J. 2020. doi:{doi}\n")
    argv = ["claimcheck", "audit", str(article), "--format", "json", "--no-progress", "--no-store"]
    code = (
        f"import json, sys\nsys.argv = {argv!r}\nfrom claimcheck.cli import main\n{entry}\n"
        "print(json.dumps(sorted(k for k, v in sys.modules.items() if v is not None)))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_CROSSREF_URL": crossref_url}
    env.pop("CLAIMCHECK_OFFLINE", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    *report, modules = out.stdout.strip().splitlines()
    return set(json.loads(modules)), json.loads("\n".join(report))


def test_the_command_line_process_asks_crossref_without_loading_trio(tmp_path, fake_crossref):
    loaded, report = _online_cli_modules(tmp_path, fake_crossref.url, "main()")
    assert "habanero" in loaded and "trio" not in tops(loaded)
    assert [r["status"] for r in report["references"]] == ["resolved"]
    # A caller's own process (main given its arguments) is left as it is: trio loads there.
    pytest.importorskip("trio")
    called, again = _online_cli_modules(tmp_path, fake_crossref.url, "main(sys.argv[1:])")
    assert "trio" in tops(called) and again["references"] == report["references"]


def test_the_audit_module_leaves_the_later_stages_for_the_audit_to_load():
    # audit() imports checks, support, graph, report and suggestions after it has asked the
    # registries, so that those imports run while the requests travel
    loaded = modules_after("import claimcheck.api")
    later = ("claimcheck.checks", "claimcheck.support", "claimcheck.report", "claimcheck.verify")
    assert not [m for m in loaded if m.startswith(later) or m == "claimcheck.graph"]
    assert not tops(loaded) & NETWORK
