"""The command line: formats, output file, exit statuses, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main

SEED = str(Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt")


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    monkeypatch.setenv("CLAIMCHECK_STORE", str(tmp_path / "records.sqlite3"))


def test_text_output(capsys):
    assert main(["audit", SEED]) == 0
    out = capsys.readouterr().out
    assert out.startswith("47 claims, 6 references,")
    assert "reference-without-identifier" in out
    assert "[1] unchecked (offline)" in out


def test_json_output_is_the_report_schema(capsys):
    assert main(["audit", SEED, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "claimcheck-report/1"
    assert [r["status"] for r in data["references"]] == ["unchecked"] * 4 + ["no_identifier", "unchecked"]


def test_markdown_to_a_file(tmp_path, capsys):
    out = tmp_path / "audit.md"
    assert main(["audit", SEED, "--format", "markdown", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith("# claimcheck audit of ")


@pytest.mark.parametrize(("severity", "status"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(severity, status, capsys):
    assert main(["audit", SEED, "--fail-on", severity]) == status


def test_unusable_input_exits_2_naming_the_file(tmp_path, capsys):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert main(["audit", str(binary)]) == 2
    err = capsys.readouterr().err
    assert str(binary) in err and "binary" in err
    assert main(["audit", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unwritable_output_exits_2(tmp_path, capsys):
    assert main(["audit", SEED, "--output", str(tmp_path / "no" / "such" / "dir.txt")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Ketamine helps most patients [1].\n\n1. A B. T. J. 2020."))
    assert main(["audit", "-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"][0]["citations"] == [1]


def test_installed_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "audit", SEED, "--offline", "--no-store", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["references"] == 6


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run as a new Python process (the command line's own process, as a console script)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_process_exit_skips_collecting_and_the_store_is_closed_first(tmp_path):
    # the command line's own process freezes its objects at the end (the exit's garbage
    # collection passes skip them); the record store the audit opened must be closed by then,
    # or SQLite's write-ahead log would be left beside it
    store = tmp_path / "s.sqlite3"
    code = (
        "import gc, sys\nfrom claimcheck.cli import main\n"
        f"sys.argv = ['claimcheck', 'audit', {SEED!r}, '--offline', '--store', {str(store)!r}, '-o', "
        f"{str(tmp_path / 'r.json')!r}]\n"
        "status = main()\nprint(status, gc.get_freeze_count() > 0)"
    )
    result = _python(code)
    assert result.stdout.split() == ["0", "True"], result.stderr
    assert store.exists() and not Path(f"{store}-wal").exists()


def test_a_caller_of_main_keeps_its_collector(capsys):
    import gc

    before = gc.get_threshold()
    assert main(["audit", SEED, "--format", "json"]) == 0
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def _state_when_the_audit_starts(tmp_path, expression: str) -> list[str]:
    """What ``expression`` prints at the start of the audit, in a command line's own process."""
    code = (
        "import gc, sys\nimport claimcheck.api as api\nfrom claimcheck.cli import main\naudit = api.audit\n"
        f"def spy(*args, **kwargs):\n    print({expression})\n"
        "    return audit(*args, **kwargs)\n"
        "api.audit = spy\n"
        f"sys.argv = ['claimcheck', 'audit', {SEED!r}, '--offline', '--no-store', '-o', "
        f"{str(tmp_path / 'r.json')!r}]\n"
        "main()"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_command_lines_own_process_collects_young_objects_less_often(tmp_path):
    # every 100,000 allocations, not Python's 700: an audit's objects die by reference counting
    printed = _state_when_the_audit_starts(tmp_path, "'threshold', gc.get_threshold()[0]")
    assert printed == ["threshold", "100000"]


def test_the_command_lines_own_process_freezes_its_modules_before_the_audit(tmp_path):
    # the audit's full collections then skip the objects of every module loaded so far
    printed = _state_when_the_audit_starts(tmp_path, "'frozen', gc.get_freeze_count() > 0")
    assert printed == ["frozen", "True"]
